"""Measure claimtrack's validation against frictionless and a raw pyarrow parse.

    .venv/bin/python scripts/bench.py [--sizes 10000,100000,1000000] [--frictionless-up-to 100000]

For each size it writes a synthetic package (scripts/synth.py's generator; kept in
--work for the next run), then runs, each as a separate process:

- ``claimtrack validate`` on the valid package, and on a copy with 1% of the claims
  broken (checking the problems found are exactly the planted ones);
- ``frictionless validate`` on the same package (only up to --frictionless-up-to
  claims: it takes minutes beyond);
- a raw pyarrow parse of claims.csv.

It prints wall time, claims per second and peak memory of each, the time the
validation and the parse take inside their process, and the ratios the targets
are stated in. A benchmark prints figures; no test asserts a time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent

PARSE = """
import sys, time
t = time.perf_counter()
import pyarrow.csv
start = time.perf_counter()
table = pyarrow.csv.read_csv(sys.argv[1])
print(time.perf_counter() - start, table.num_rows)
"""

INSIDE = """
import sys, time, json
import pandera.pandas, pyarrow.csv  # imported before the clock starts: their cost is the process's
from claimtrack.validation.run import validate
start = time.perf_counter()
report = validate(sys.argv[1])
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "problems": [[p.file, p.line, p.column, p.rule] for p in report.problems]}))
"""


def measure(command: list[str], cwd: Path | None = None) -> tuple[float, float, str, int]:
    """Wall seconds, peak resident memory (MB), standard output and exit status of a process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.stdout.close()
    return seconds, usage.ru_maxrss / 1024, output, os.waitstatus_to_exitcode(status)


def package(work: Path, rows: int, error_rate: float) -> Path:
    folder = work / f"claims-{rows}-{error_rate}"
    if not (folder / "planted.json").exists():
        print(f"  writing {rows:,} claims to {folder} ...", file=sys.stderr, flush=True)
        subprocess.run(
            [sys.executable, str(Path(__file__).with_name("synth.py")), "--rows", str(rows), "--out", str(folder),
             "--error-rate", str(error_rate)],
            check=True,
        )  # fmt: skip
    return folder


def row(tool: str, rows: int, seconds: float, memory: float, note: str = "") -> str:
    rate = f"{rows / seconds:,.0f}" if seconds else "-"
    return f"| {rows:,} | {tool} | {seconds:.2f} | {rate} | {memory:,.0f} | {note} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="claims per package, comma-separated")
    parser.add_argument("--frictionless-up-to", type=int, default=100_000, help="largest package frictionless runs on")
    parser.add_argument("--work", type=Path, default=Path("/tmp/claimtrack-bench"), help="folder for the packages")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"claimtrack benchmark, {dt.date.today().isoformat()}: {platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, {platform.platform()}")  # fmt: skip
    print()
    print("| claims | run | wall s | claims/s | peak MB | notes |")
    print("|---:|---|---:|---:|---:|---|")
    for rows in sizes:
        valid, broken = package(args.work, rows, 0.0), package(args.work, rows, 0.01)
        csv_mb = (valid / "data" / "claims.csv").stat().st_size / 1e6
        seconds, memory, _, status = measure([str(BIN / "claimtrack"), "validate"], cwd=valid)
        inside = json.loads(measure([sys.executable, "-c", INSIDE, str(valid)])[2])["seconds"]
        parse_wall, parse_memory, parsed, _ = measure([sys.executable, "-c", PARSE, str(valid / "data" / "claims.csv")])
        parse_inside = float(parsed.split()[0])
        ratio_parse = inside / parse_inside
        print(row("claimtrack validate", rows, seconds, memory,
                  f"exit {status}; {inside:.2f} s validating in the process, {ratio_parse:.1f}x the parse; "
                  f"memory {memory / csv_mb:.1f}x the {csv_mb:.0f} MB CSV"))  # fmt: skip
        print(
            row(
                "pyarrow parse of claims.csv",
                rows,
                parse_wall,
                parse_memory,
                f"{parse_inside:.2f} s parsing in the process",
            )
        )
        b_seconds, b_memory, _, _ = measure([str(BIN / "claimtrack"), "validate"], cwd=broken)
        found = json.loads(measure([sys.executable, "-c", INSIDE, str(broken)])[2])["problems"]
        planted = [
            [p["file"], p["line"], p["column"], p["rule"]] for p in json.loads((broken / "planted.json").read_text())
        ]
        exact = sorted(map(tuple, found)) == sorted(map(tuple, planted))
        print(row("claimtrack validate, 1% of claims broken", rows, b_seconds, b_memory,
                  f"{len(found):,} problems found, {'exactly' if exact else 'NOT exactly'} the {len(planted):,} planted; "
                  f"memory {b_memory / csv_mb:.1f}x the CSV"))  # fmt: skip
        if rows <= args.frictionless_up_to:
            f_seconds, f_memory, _, _ = measure([str(BIN / "frictionless"), "validate", "datapackage.json"], cwd=valid)
            print(
                row(
                    "frictionless validate",
                    rows,
                    f_seconds,
                    f_memory,
                    f"claimtrack is {f_seconds / seconds:.1f}x faster",
                )
            )
        else:
            print(f"| {rows:,} | frictionless validate | - | - | - | not run: beyond --frictionless-up-to "
                  f"{args.frictionless_up_to:,} (it takes minutes) |")  # fmt: skip


if __name__ == "__main__":
    main()
