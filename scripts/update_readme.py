"""Regenerate the parts of README.md that come from the schemas, the code, the commands' help and the tests.

Run from the repository root:  .venv/bin/python scripts/update_readme.py

The table of tests counts what pytest collects in each test module and takes the
first paragraph of the module's docstring as what it covers.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections import Counter
from pathlib import Path

from claimtrack.cli import reference
from claimtrack.model.package import read_package
from claimtrack.publishing.readme import render_readme, replace_part

ROOT = Path(__file__).resolve().parents[1]


def collected() -> Counter:
    """How many tests pytest collects in each test module, by file name."""
    listing = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:xdist", "tests"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return Counter(line.split("::", 1)[0].removeprefix("tests/") for line in listing.splitlines() if "::" in line)


def covers(module: Path) -> str:
    """The first paragraph of a test module's docstring, on one line."""
    doc = ast.get_docstring(ast.parse(module.read_text(encoding="utf-8"))) or ""
    return " ".join(doc.split("\n\n", 1)[0].split()).replace("|", "\\|")


def tests_table(counts: Counter) -> str:
    lines = [
        f"{sum(counts.values()):,} tests in {len(counts)} modules:",
        "",
        "| module | tests | what it covers |",
        "|---|---:|---|",
    ]
    for name in sorted(counts, key=lambda n: (-counts[n], n)):
        lines.append(f"| `{name}` | {counts[name]} | {covers(ROOT / 'tests' / name)} |")
    return "\n".join(lines)


def render(text: str, counts: Counter) -> str:
    text = render_readme(text, read_package(ROOT))
    text = replace_part(text, "commands", reference.summary())
    text = replace_part(text, "reference", reference.reference(ROOT))
    return replace_part(text, "tests", tests_table(counts))


if __name__ == "__main__":
    readme = ROOT / "README.md"
    old = readme.read_text(encoding="utf-8")
    new = render(old, collected())
    if new != old:
        readme.write_text(new, encoding="utf-8")
    print("README.md updated." if new != old else "README.md is up to date.")
