"""Regenerate the parts of README.md that come from the schemas and the code.

Run from the repository root:  .venv/bin/python scripts/update_readme.py
"""

from pathlib import Path

from claimtrack.docs import update_readme
from claimtrack.package import read_package

if __name__ == "__main__":
    root = Path(__file__).resolve().parents[1]
    changed = update_readme(root / "README.md", read_package(root))
    print("README.md updated." if changed else "README.md is up to date.")
