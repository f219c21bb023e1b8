"""The benchmark script runs end to end on a tiny package and prints its table."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def test_the_benchmark_prints_every_run_and_finds_exactly_the_planted_problems(tmp_path):
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "bench.py"), "--sizes", "400", "--work", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("| 400 |")]
    assert [row.split("|")[2].strip() for row in rows] == [
        "claimtrack validate",
        "pyarrow parse of claims.csv",
        "claimtrack validate, 1% of claims broken",
        "frictionless validate",
    ]
    assert "exit 0" in rows[0]
    assert "exactly the" in rows[2] and "NOT exactly" not in rows[2]
