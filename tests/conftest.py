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

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BASE_DATA = FIXTURES / "base" / "data"
BROKEN = FIXTURES / "broken"
VALID = FIXTURES / "valid"
# Overlays for the claims tracker: claims to compare, rows to add.
TRACKER = FIXTURES / "tracker"
# One short, made-up text; its SHA-256 is recorded in the base sources.csv.
TEST_ARCHIVE = FIXTURES / "archive"


@pytest.fixture
def corpus_dir() -> Path:
    """The archived source texts of the real story (the shared corpus)."""
    folder = Path(os.environ.get("CLAIMTRACK_CORPUS") or REPO.parent / "shared" / "corpus")
    if not folder.is_dir():
        # The rules themselves are proven against tests/fixtures/archive; only the
        # check of the real story's quotes needs the shared corpus.
        pytest.skip(
            f"the archive of source texts is missing: {folder} is not a folder; "
            "set CLAIMTRACK_CORPUS to the folder holding moscow-times-2013-05-16-syria-peace-conference.txt"
        )
    return folder


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
    """The SHA-256 of every file under ``folder``, by relative path. The lock file
    is left out: it holds no data, and taking the lock may create it."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != ".claimtrack.lock"
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
