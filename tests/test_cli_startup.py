"""The command line starts fast: help and cite import none of the heavy libraries."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import REPO

HEAVY = ("pandas", "pandera", "altair", "frictionless", "pyarrow", "numpy", "vl_convert")

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
    [["--help"], ["cite", "mt-2013-05-16-09"], ["validate", "--help"], ["add", "--help"], ["source", "add", "--help"]],
)
def test_a_quick_command_imports_no_heavy_library(args):
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM.format(heavy=HEAVY), *args], cwd=REPO, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "", f"{args} imported {done.stdout.splitlines()[-1]}"
