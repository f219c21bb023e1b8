"""The benchmark script runs end to end on a tiny package and prints its table."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from conftest import REPO


def bench(tmp_path, *more: str) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "bench.py"), "--sizes", "400", "--work", str(tmp_path / "work"),
         "--repeats", "1", *more],
        capture_output=True,
        text=True,
        timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done


def test_the_benchmark_prints_every_run_beside_an_earlier_one_and_finds_exactly_the_planted_problems(tmp_path):
    earlier = {
        "about": {"date": "2026-11-30", "tool": "claimtrack 0.0.9", "load": 0.5, "loop s": 0.5},
        "runs": [{"claims": "400", "run": "claimtrack validate", "wall": 12.34, "peak": 567.0, "note": ""}],
    }
    (tmp_path / "then.json").write_text(json.dumps(earlier))
    done = bench(tmp_path, "--before", str(tmp_path / "then.json"), "--save", str(tmp_path / "now.json"))
    rows = [line.split("|") for line in done.stdout.splitlines() if line.startswith("| 400 |")]
    runs = {row[2].strip(): row for row in rows}
    assert list(runs) == [
        "bare pyarrow parse of claims.csv",
        "claimtrack validate",
        "claimtrack validate, result kept",
        "claimtrack validate, 1% broken",
        "claimtrack validate, a short row at the end",
        "frictionless validate",
        "frictionless validate, 1% broken",
    ]
    assert "exit 0" in runs["claimtrack validate"][-2]
    broken = runs["claimtrack validate, 1% broken"][-2]
    assert "exit 1" in broken and "exactly the" in broken and "NOT exactly" not in broken
    short = runs["claimtrack validate, a short row at the end"][-2]
    assert "exit 1" in short and "; found on line 402" in short  # the header, 400 claims, then the row
    # The earlier figures stand beside the run they were measured for; a run not measured then shows none.
    assert "before: claimtrack 0.0.9, 2026-11-30, load 0.5; a fixed Python loop took 0.50 s" in done.stdout
    assert re.search(r"; a fixed Python loop took \d+\.\d\d s before, \d+\.\d\d s after$", done.stdout.splitlines()[0])
    assert runs["claimtrack validate"][3:5] == [" 12.34 ", " 567 "]
    assert runs["bare pyarrow parse of claims.csv"][3:5] == [" - ", " - "]
    story = [line.split("|")[2].strip() for line in done.stdout.splitlines() if "(the story)" in line]
    assert story == ["claimtrack validate"] + [
        f"claimtrack {verb}, result kept" for verb in ("list", "show", "compare", "history", "cite")
    ]
    targets = [line for line in done.stdout.splitlines() if line.startswith("- ")]
    assert len(targets) == 4 + 6 and all(line.endswith(("met", "NOT met")) for line in targets)
    saved = json.loads((tmp_path / "now.json").read_text())
    assert [run["run"] for run in saved["runs"] if run["claims"] == "400"] == list(runs)
