"""Shared fixtures: the repository, the archive of source texts, small packages built
from tests/fixtures (a valid base, overlaid with one broken case) or copied from the
real package, and the command line run in this process or as its own."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

# Speed is measured by scripts/bench.py, never by a test: on a busy machine an example may
# take longer than hypothesis's default 200 ms without anything being wrong.
settings.register_profile("claimtrack", deadline=None)
settings.load_profile("claimtrack")

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BASE_DATA = FIXTURES / "base" / "data"
BROKEN = FIXTURES / "broken"
VALID = FIXTURES / "valid"
# Overlays for the claims tracker: claims to compare, rows to add.
TRACKER = FIXTURES / "tracker"
# One short, made-up text; its SHA-256 is recorded in the base sources.csv.
TEST_ARCHIVE = FIXTURES / "archive"
# The real story's article, as its row in data/sources.csv names its archived text.
ARTICLE = "moscow-times-2013-05-16-syria-peace-conference.txt"
ARTICLE_ID = "mt-2013-05-16"
LEADS = "leads-2012-2015.csv"
# What a test that needs a text from outside the repository says when it is not there.
_NOT_COMMITTED = (
    "the repository does not commit other people's texts; archive the article from your own copy with "
    f"`claimtrack archive {ARTICLE_ID} FILE_OR_URL` (it goes to archive/, which git ignores), "
    "or set CLAIMTRACK_CORPUS to a folder holding {name}"
)


def _corpus_folders() -> list[Path]:
    """Where the real story's texts may be: the repository's own archive/, then
    $CLAIMTRACK_CORPUS. Nothing outside the repository unless the variable says so."""
    folders = [REPO / "archive"]
    if os.environ.get("CLAIMTRACK_CORPUS"):
        folders.append(Path(os.environ["CLAIMTRACK_CORPUS"]))
    return folders


@pytest.fixture
def corpus_dir() -> Path:
    """A folder holding the archived text of the real story's article: the repository's
    archive/ once `claimtrack archive` has put it there, or $CLAIMTRACK_CORPUS. The rules
    themselves are proven against tests/fixtures/archive; only the checks of the real
    story's quotes and drafts need the article, and they are skipped without it."""
    for folder in _corpus_folders():
        if (folder / ARTICLE).is_file():
            return folder
    pytest.skip(f"the archived text of {ARTICLE_ID} is not here: " + _NOT_COMMITTED.format(name=ARTICLE))


@pytest.fixture
def leads_file() -> Path:
    """The leads of 2012-2015 the record was curated from, found only through $CLAIMTRACK_CORPUS."""
    folder = os.environ.get("CLAIMTRACK_CORPUS")
    if not folder or not (Path(folder) / LEADS).is_file():
        pytest.skip(f"{LEADS} is not here: set CLAIMTRACK_CORPUS to the folder holding it")
    return Path(folder) / LEADS


def archived(package: Path, folder: Path = TEST_ARCHIVE) -> Path:
    """``package`` with the texts of ``folder`` copied into its own archive/ folder."""
    (package / "archive").mkdir(exist_ok=True)
    for text in folder.iterdir():
        shutil.copy2(text, package / "archive" / text.name)
    return package


def build_package(folder: Path, case: str | None = None, cases_dir: Path = BROKEN) -> Path:
    """A package in ``folder``: the real datapackage.json and schemas/, the base data,
    then the files of ``cases_dir/case`` laid over them at the same relative paths.

    The descriptor keeps the story's topics but not its charts: the base data has few
    of the measures they draw, and a package with no views gets one chart per topic."""
    folder.mkdir(parents=True, exist_ok=True)
    descriptor = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))
    descriptor.pop("views", None)
    (folder / "datapackage.json").write_text(json.dumps(descriptor, indent=2) + "\n", encoding="utf-8")
    shutil.copytree(REPO / "schemas", folder / "schemas")
    shutil.copytree(BASE_DATA, folder / "data")
    if case is not None:
        overlay = cases_dir / case
        if not overlay.is_dir():
            raise FileNotFoundError(f"no fixture folder {overlay}")
        for source in overlay.rglob("*"):
            if source.is_file():
                target = folder / source.relative_to(overlay)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target)
    return folder


@pytest.fixture
def default_cell_limit():
    """The csv module's own limit on a cell, 131,072 characters, for the test: a library
    imported earlier (frictionless does) may have raised it for the whole process."""
    import csv

    before = csv.field_size_limit(131_072)
    yield
    csv.field_size_limit(before)


@pytest.fixture
def make_package(tmp_path):
    """``make_package()`` is the valid base; ``make_package("type-integer")`` overlays
    tests/fixtures/broken/type-integer; ``make_package("utf8-bom", VALID)`` a valid variant."""

    def make(case: str | None = None, cases_dir: Path = BROKEN) -> Path:
        return build_package(tmp_path / (case or "base"), case, cases_dir)

    return make


# The real package's own files, and the documents a release carries beside them.
PACKAGE_FILES = ("datapackage.json", "data", "schemas")
DOCUMENTS = ("README.md", "LICENSE", "LICENSE-DATA", "CITATION.cff", "CHANGELOG.md")


def copy_package(folder: Path, documents: bool = False) -> Path:
    """A copy of the real package in ``folder`` (descriptor, data, schemas; with
    ``documents``, the README, licences, citation and changelog too), charts not built."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in PACKAGE_FILES + (DOCUMENTS if documents else ()):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, folder / name)
        else:
            shutil.copy2(source, folder / name)
    return folder


@pytest.fixture
def real_package(tmp_path) -> Path:
    """A copy of the real package (datapackage.json, data/, schemas/) that a test may change."""
    return copy_package(tmp_path / "real")


def snapshot(folder: Path) -> dict[str, str]:
    """The SHA-256 of every file under ``folder``, by relative path. The lock file and
    the kept results of the last validation and of the last profile check are left out:
    they hold no data, and taking the lock, or validating, may write them."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name not in (".claimtrack.lock", "validation.json", "profiles.json")
    }


CLAIMTRACK = Path(sys.executable).parent / "claimtrack"


@dataclass(frozen=True)
class Ran:
    """What a command did: its exit status and what it printed."""

    returncode: int
    stdout: str
    stderr: str


def run_claimtrack(*args: str, cwd: Path | str, input: str | None = None) -> Ran:
    """Run a command in this process with click's CliRunner, in the folder ``cwd``, as
    sqlite-utils' and datasette's tests do. Standard input is ``input``, or empty: never
    a terminal. An exception the command does not handle fails the test; a real process
    would have printed a traceback."""
    from click.testing import CliRunner

    from claimtrack.cli import main

    previous = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(
            main, [str(arg) for arg in args], input=input, prog_name="claimtrack", catch_exceptions=False
        )
    finally:
        os.chdir(previous)
    return Ran(result.exit_code, result.stdout, result.stderr)


def run_console_script(*args: str, cwd: Path | str, input: str | None = None, **options) -> subprocess.CompletedProcess:
    """Run the installed console script as its own process, as a user would: for what only
    a process shows (start-up, locks held by another process, permissions, crashes).
    Standard input is ``input``, or empty: never the terminal."""
    feed = {"input": input} if input is not None else {"stdin": subprocess.DEVNULL}
    return subprocess.run(
        [str(CLAIMTRACK), *map(str, args)], cwd=cwd, capture_output=True, text=True, **feed, **options
    )


def killed_at_move(action: str, moves: str = "storage._replace") -> str:
    """A program that runs ``action`` and dies, as kill -9 would end it (no clean-up, no
    finally), at its Nth call of ``moves`` (``sys.argv[2]`` is N): ``storage._replace``,
    each move of a change into place, or ``os.replace``, every rename, the journal's too.
    ``sys.argv[1]`` is the package folder; the action runs in a process of its own."""
    module, name = moves.split(".")
    return f"""
import os, sys
from claimtrack.io import storage
moves, real = [0], {moves}
def replace(source, target):
    moves[0] += 1
    if moves[0] == int(sys.argv[2]):
        os._exit(137)
    real(source, target)
{module}.{name} = replace
{action}
"""
