"""The command line starts fast: help and cite import none of the heavy libraries, and
only archiving a web page imports trafilatura."""

from __future__ import annotations

import subprocess
import sys

import pytest

import claimtrack
from conftest import REPO, TEST_ARCHIVE, run_claimtrack

HEAVY = ("pandas", "pandera", "altair", "frictionless", "pyarrow", "numpy", "vl_convert", "trafilatura", "lxml")

PROGRAM = """
import sys
from claimtrack.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(",".join(sorted(m for m in {heavy!r} if m in sys.modules)))
"""


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["cite", "mt-2013-05-16-09"],
        ["validate", "--help"],
        ["add", "--help"],
        ["source", "add", "--help"],
        ["archive", "--help"],
    ],
)
def test_a_quick_command_imports_no_heavy_library(args):
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM.format(heavy=HEAVY), *args], cwd=REPO, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "", f"{args} imported {done.stdout.splitlines()[-1]}"


def imported(args: list[str], cwd) -> set[str]:
    """Which of the heavy libraries a command has imported when it ends."""
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM.format(heavy=HEAVY), *map(str, args)], cwd=cwd, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return set(filter(None, done.stdout.splitlines()[-1].split(",")))


def test_only_archiving_a_web_page_imports_trafilatura(make_package, tmp_path):
    package = make_package()
    assert "trafilatura" not in imported(["validate"], package)
    # The very text test-article records, put back from a text file.
    assert "trafilatura" not in imported(["archive", "test-article", TEST_ARCHIVE / "test-article.txt"], package)
    assert (package / "archive" / "test-article.txt").is_file()
    page = tmp_path / "page.html"
    page.write_text("<!DOCTYPE html><html><body><p>A made-up page.</p></body></html>", encoding="utf-8")
    assert "trafilatura" in imported(["archive", "test-article", page, "--replace"], package)


def test_version_names_the_tool_and_the_package_in_the_folder_each_by_its_own_number(tmp_path):
    import json

    inside = run_claimtrack("--version", cwd=REPO)
    descriptor = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))
    assert inside.returncode == 0
    assert inside.stdout.splitlines() == [
        f"claimtrack {claimtrack.__version__} (the tool)",
        f"{descriptor['name']} {descriptor['version']} (the data package in this folder)",
    ]
    outside = run_claimtrack("--version", cwd=tmp_path)
    assert outside.stdout.splitlines() == [f"claimtrack {claimtrack.__version__} (the tool)"]


def test_validate_imports_neither_pandas_nor_numpy_and_with_its_profile_check_kept_not_frictionless(make_package):
    import os
    import time

    package = make_package()
    then = time.time() - 10  # the files old enough to be told apart by their times
    for path in package.rglob("*"):
        os.utime(path, (then, then))
    first = imported(["validate"], package)
    assert "pandas" not in first and "numpy" not in first
    assert {"pandera", "frictionless"} <= first  # pandera runs the checks; the profile check is made
    (package / ".claimtrack" / "validation.json").unlink()  # validated again, not said again
    again = imported(["validate"], package)
    assert "pandera" in again
    assert not again & {"pandas", "numpy", "frictionless", "pyarrow"}
