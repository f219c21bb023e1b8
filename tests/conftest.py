"""Shared fixtures: the repository, the archive of source texts, and small packages
built from tests/fixtures (a valid base, overlaid with one broken case)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BASE_DATA = FIXTURES / "base" / "data"
BROKEN = FIXTURES / "broken"
VALID = FIXTURES / "valid"
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
    then the files of ``cases_dir/case`` laid over them at the same relative paths."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "datapackage.json", folder / "datapackage.json")
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


def run_claimtrack(*args: str, cwd: Path | str) -> subprocess.CompletedProcess:
    """Run the installed console script, as a user would."""
    script = Path(sys.executable).parent / "claimtrack"
    return subprocess.run([str(script), *map(str, args)], cwd=cwd, capture_output=True, text=True)
