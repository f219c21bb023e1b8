"""Every example the README gives is run, and says what the README says it says.

An example is a `$ claimtrack ...` line in a fenced block (its standard input may come
from an `echo`, its output may go through `grep WORD`), with the lines after it, up to
the next `$` line, as what it prints (stdout and stderr together, in any order: the
README shows them as a terminal interleaves them). A line `...` stands for lines left
out; without one, the example prints exactly its lines. Commands run in this process,
in a copy of the package, one copy per story the README tells, in the README's order.

An HTML comment just before a block says how to run it:

- `package=NAME`: the copy the block runs in (default `main`). `fresh` is a copy
  without archived texts, as a fresh clone has; any other name a copy of the package
  as it is, made on first use and kept for the blocks after it.
- `needs=article`: run only where the article's text is archived (locally).
- `edit=FILE:LINE:OLD:NEW`: a copy of its own, with OLD replaced by NEW on line LINE.
- `skip=WHY`: not run, and why (a path only the reader has).
"""

from __future__ import annotations

import re
import shlex
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import ARTICLE, REPO, run_claimtrack

README = REPO / "README.md"
TEXT = REPO / "archive" / ARTICLE  # the article's text, where it is archived (not in a fresh clone)
BLOCK = re.compile(r"(?:<!-- example: (?P<directive>[^>]*?) -->\n)?```[a-z]*\n(?P<body>.*?)^```", re.S | re.M)


@dataclass
class Example:
    command: str
    expected: list[str]
    line: int


@dataclass
class Block:
    line: int
    examples: list[Example]
    directive: dict[str, str] = field(default_factory=dict)


def blocks(text: str) -> list[Block]:
    """The README's blocks of `$ claimtrack` examples, in order."""
    found = []
    for match in BLOCK.finditer(text):
        start = text.count("\n", 0, match.start("body")) + 1
        examples: list[Example] = []
        lines = match["body"].splitlines()
        i = 0
        while i < len(lines):
            if not lines[i].startswith("$ "):
                if examples:
                    examples[-1].expected.append(lines[i])
                i += 1
                continue
            command, line = lines[i][2:], start + i
            while command.endswith("\\"):
                i += 1
                command = command[:-1] + " " + lines[i].strip()
            examples.append(Example(command, [], line))
            i += 1
        if any(e.command.startswith("claimtrack ") or "| claimtrack " in e.command for e in examples):
            pairs = (part.split("=", 1) for part in (match["directive"] or "").split(";") if "=" in part)
            found.append(Block(start, examples, {k.strip(): v.strip() for k, v in pairs}))
    return found


BLOCKS = blocks(README.read_text(encoding="utf-8"))


def test_the_readme_has_examples_to_run():
    # The parse would pass an empty README: prove it found the examples it runs.
    commands = [e.command for b in BLOCKS for e in b.examples]
    assert len(commands) >= 15
    assert any(c.startswith("claimtrack validate") for c in commands)
    assert any(c.startswith("claimtrack add ") for c in commands)


def _copy(target: Path, archived: bool) -> Path:
    target.mkdir(parents=True)
    for name in ("datapackage.json", "data", "schemas"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / name)
    (target / "archive").mkdir()
    if archived and TEXT.exists():
        shutil.copy2(TEXT, target / "archive" / ARTICLE)
        shutil.copy2(TEXT, target / "article.txt")
    return target


@pytest.fixture(scope="module")
def copies(tmp_path_factory):
    made: dict[str, Path] = {}
    root = tmp_path_factory.mktemp("readme")

    def copy(name: str) -> Path:
        if name not in made:
            made[name] = _copy(root / name, archived=name != "fresh")
        return made[name]

    return copy


def _run(command: str, cwd: Path) -> list[str]:
    """What a command line of the README prints: claimtrack with its arguments, standard
    input from an `echo '...' |` before it, only the lines a `| grep WORD` after it
    keeps, a `# comment` after it left out."""
    words = shlex.split(command, comments=True)
    given, kept = None, None
    if words[0] == "echo" and "|" in words:
        bar = words.index("|")
        given, words = " ".join(words[1:bar]) + "\n", words[bar + 1 :]
    if "|" in words:
        bar = words.index("|")
        assert words[bar + 1 :][:1] == ["grep"] and len(words) == bar + 3, f"only grep WORD may follow: {command}"
        kept, words = words[bar + 2], words[:bar]
    assert words[0] == "claimtrack", command
    ran = run_claimtrack(*words[1:], cwd=cwd, input=given)
    printed = (ran.stdout + ran.stderr).splitlines()
    return [line for line in printed if kept is None or kept in line]


def _matches(expected: list[str], printed: list[str]) -> bool:
    wanted = [line.rstrip() for line in expected if line.strip()]
    got = [line.rstrip() for line in printed if line.strip()]
    if "..." in wanted:
        return all(line in got for line in wanted if line != "...")
    return sorted(wanted) == sorted(got)


@pytest.mark.parametrize("block", BLOCKS, ids=[f"README line {b.line}" for b in BLOCKS])
def test_every_readme_example_prints_what_the_readme_shows(block, copies, tmp_path):
    directive = block.directive
    if "skip" in directive:
        pytest.skip(directive["skip"])
    if directive.get("needs") == "article" and not TEXT.exists():
        pytest.skip("the article's text is not archived here")
    if "edit" in directive:
        path, number, old, new = directive["edit"].split(":")
        folder = _copy(tmp_path / "edited", archived=True)
        lines = (folder / path).read_text(encoding="utf-8").split("\n")
        assert old in lines[int(number) - 1], f"line {number} of {path} has no {old!r}"
        lines[int(number) - 1] = lines[int(number) - 1].replace(old, new, 1)
        (folder / path).write_text("\n".join(lines), encoding="utf-8")
    else:
        folder = copies(directive.get("package", "main"))
    # Every example of the block runs, as a reader would type them all, before any is judged.
    wrong = []
    for example in block.examples:
        printed = _run(example.command, folder)
        if not _matches(example.expected, printed):
            shown, got = "\n".join(example.expected), "\n".join(printed)
            wrong.append(f"README line {example.line}: {example.command}\nshows:\n{shown}\nprints:\n{got}")
    assert wrong == []
