"""Measure claimtrack against a bare pyarrow parse and frictionless, at every size.

    .venv/bin/python scripts/bench.py [--sizes 10000,100000,1000000] [--save now.json]
                                      [--before then.json] [--frictionless-up-to N]

For each size it writes a synthetic package (scripts/synth.py's generator; kept in --work
for the next run), valid and with 1% of the claims broken, then runs, each as a process of
its own and timed whole (start-up, imports and all):

- a bare pyarrow parse of claims.csv, the floor any validator stands on;
- ``claimtrack validate`` with no result kept, on the valid and the broken package (for the
  broken one it checks that the problems found are exactly the planted ones, with their
  lines), and again with the result of the first run kept;
- ``claimtrack validate`` on the valid package with a short row added at the end of
  claims.csv (the file's bytes put back after), checking that the row is the one problem;
- ``frictionless validate`` on the same two packages (up to --frictionless-up-to claims).

Then, on a copy of the story's own package (this repository's datapackage.json, data/,
schemas/ and archive/), ``validate`` with no result kept and the reading commands with it
kept, each the median of --repeats runs (3). Last, each target with the figure measured.

Before any run, claimtrack's modules are compiled to bytecode, as pip compiles a package
it installs: a machine set not to write bytecode (PYTHONDONTWRITEBYTECODE) would otherwise
have every run compile the source again, which a user's runs do not.

The machine's own speed is timed too, before and after, as a fixed loop of Python: on a
shared machine it varies from hour to hour more than the tool does, and two runs' times
compare only beside it.

It prints a Markdown table: wall seconds, peak resident memory, the wall time as a multiple
of the parse's and the memory as a multiple of the CSV's size. ``--save`` writes the figures
as JSON; ``--before`` reads such a file, from an earlier version of the tool, and prints its
figures beside these. A benchmark prints figures; no test asserts a time.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parent.parent
KEPT = Path(".claimtrack") / "validation.json"

PARSE = "import sys, pyarrow.csv; print(pyarrow.csv.read_csv(sys.argv[1]).num_rows)"
SPEED_WORDS = "a fixed Python loop took"
# The machine's own speed, which varies from hour to hour on a shared machine more than the
# tool's does: a fixed loop of Python, in its own process, timed within it.
SPEED = "import time; t = time.perf_counter(); sum(i * i for i in range(10**7)); print(time.perf_counter() - t)"

# What the issue set as targets, whole process, on the build machine.
PARSE_TIMES, CSV_TIMES, STORY_VALIDATE, STORY_READ = 5.0, 4.0, 0.6, 0.15


def measure(command: list[str], cwd: Path | None = None) -> tuple[float, float, str, int]:
    """Wall seconds, peak resident memory (MB), standard output and exit status of a process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.stdout.close()
    return seconds, usage.ru_maxrss / 1024, output, os.waitstatus_to_exitcode(status)


def machine_speed(times: int = 5) -> float:
    """Seconds the fixed loop SPEED takes here now, the median of ``times`` runs: beside
    another run's, it says how much faster or slower the machine itself was."""
    return statistics.median(float(measure([sys.executable, "-c", SPEED])[2]) for _ in range(times))


def warm(path: Path) -> None:
    """Read the file once, so that no run pays for the disk; a block at a time, so that this
    process stays small (a child starts with its parent's peak memory counted)."""
    with open(path, "rb") as file:
        while file.read(1 << 22):
            pass


def compiled() -> None:
    """claimtrack's modules compiled to bytecode, as an installed package has them."""
    import claimtrack

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(claimtrack.__file__).parent)], check=True)


@contextlib.contextmanager
def short_row(path: Path):
    """The file with a row of two cells added at its end, for as long as the block runs;
    then its bytes as they were. Yields the line the row is on."""
    size = path.stat().st_size
    with open(path, "rb") as file:
        lines = sum(block.count(b"\n") for block in iter(lambda: file.read(1 << 22), b""))
    with open(path, "ab") as file:
        file.write(b"x,short\n")
    try:
        yield lines + 1
    finally:
        os.truncate(path, size)


def forget(folder: Path) -> None:
    """Drop the validation result a package keeps, so that the next run validates."""
    (folder / KEPT).unlink(missing_ok=True)


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


def story(work: Path) -> Path:
    """A fresh copy of this repository's package, so that its own kept result is not touched."""
    folder = work / "story"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shutil.copy2(ROOT / "datapackage.json", folder)
    for part in ("data", "schemas", "archive"):
        if (ROOT / part).is_dir():
            shutil.copytree(ROOT / part, folder / part)
    return folder


def problems_found(output: str) -> list[tuple]:
    return sorted((p["file"], p["line"], p["column"], p["rule"]) for p in json.loads(output))


def planted(folder: Path) -> list[tuple]:
    return sorted(
        (p["file"], p["line"], p["column"], p["rule"]) for p in json.loads((folder / "planted.json").read_text())
    )


class Figures:
    """The runs measured, in order: (claims, run) -> wall seconds, peak MB, note."""

    def __init__(self) -> None:
        self.runs: dict[tuple[str, str], dict] = {}

    def add(self, claims: str, run: str, wall: float, peak: float | None, note: str = "", **ratios) -> None:
        self.runs[(claims, run)] = {"wall": wall, "peak": peak, "note": note, **ratios}
        print(f"  {claims} claims, {run}: {wall:.2f} s", file=sys.stderr, flush=True)

    def get(self, claims: str, run: str) -> dict | None:
        return self.runs.get((claims, run))

    def save(self, path: Path, about: dict) -> None:
        rows = [{"claims": claims, "run": run, **values} for (claims, run), values in self.runs.items()]
        path.write_text(json.dumps({"about": about, "runs": rows}, indent=1) + "\n")

    @staticmethod
    def load(path: Path) -> tuple[dict, dict]:
        saved = json.loads(path.read_text())
        return saved["about"], {(r["claims"], r["run"]): r for r in saved["runs"]}


def scale(figures: Figures, work: Path, rows: int, frictionless_up_to: int) -> None:
    valid, broken = package(work, rows, 0.0), package(work, rows, 0.01)
    claims = f"{rows:,}"
    csv_mb = (valid / "data" / "claims.csv").stat().st_size / 2**20
    for folder in (valid, broken):
        warm(folder / "data" / "claims.csv")
    parse_wall, parse_peak, parsed, _ = measure([sys.executable, "-c", PARSE, str(valid / "data" / "claims.csv")])
    figures.add(claims, "bare pyarrow parse of claims.csv", parse_wall, parse_peak, f"{int(parsed):,} rows")

    def validated(folder: Path, run: str, note: str = "", keep: bool = False) -> str:
        if not keep:
            forget(folder)
        wall, peak, output, status = measure([str(BIN / "claimtrack"), "validate", "--format", "json"], cwd=folder)
        figures.add(claims, run, wall, peak, f"exit {status}{note}",
                    parse_times=wall / parse_wall, csv_times=peak / csv_mb)  # fmt: skip
        return output

    validated(valid, "claimtrack validate")
    validated(valid, "claimtrack validate, result kept", keep=True)
    found, wanted = problems_found(validated(broken, "claimtrack validate, 1% broken")), planted(broken)
    exact = "exactly" if found == wanted else "NOT exactly"
    figures.runs[(claims, "claimtrack validate, 1% broken")]["note"] += (
        f"; {len(found):,} problems, {exact} the {len(wanted):,} planted, with their lines"
    )
    with short_row(valid / "data" / "claims.csv") as line:
        found = problems_found(validated(valid, "claimtrack validate, a short row at the end"))
        wanted = [("data/claims.csv", line, None, "row-length")]
        figures.runs[(claims, "claimtrack validate, a short row at the end")]["note"] += (
            f"; {'found' if found == wanted else 'NOT found alone'} on line {line:,}"
        )
    if rows > frictionless_up_to:
        return
    for folder, run in ((valid, "frictionless validate"), (broken, "frictionless validate, 1% broken")):
        wall, peak, _, status = measure([str(BIN / "frictionless"), "validate", "datapackage.json"], cwd=folder)
        figures.add(claims, run, wall, peak, f"exit {status}", parse_times=wall / parse_wall, csv_times=peak / csv_mb)


def median_run(command: list[str], cwd: Path, before=None, times: int = 3) -> tuple[float, float, int]:
    walls, peaks, status = [], [], 0
    for _ in range(times):
        if before:
            before()
        wall, peak, _, status = measure(command, cwd=cwd)
        walls.append(wall)
        peaks.append(peak)
    return statistics.median(walls), statistics.median(peaks), status


def story_runs(figures: Figures, work: Path, times: int) -> None:
    folder = story(work)
    with open(folder / "data" / "claims.csv", newline="", encoding="utf-8") as file:
        claims = list(csv.DictReader(file))
    count, first = f"{len(claims)} (the story)", claims[0]
    tool = str(BIN / "claimtrack")
    median = f"median of {times}"
    wall, peak, status = median_run([tool, "validate"], folder, before=lambda: forget(folder), times=times)
    figures.add(count, "claimtrack validate", wall, peak, f"exit {status}; {median}")
    measure([tool, "validate"], cwd=folder)  # the result kept for the reading commands
    reading = {
        "list": ["list"],
        "show": ["show", first["claim_id"]],
        "compare": ["compare", first["measure_id"]],
        "history": ["history", first["measure_id"]],
        "cite": ["cite", first["claim_id"]],
    }
    for verb, arguments in reading.items():
        wall, peak, status = median_run([tool, *arguments], folder, times=times)
        figures.add(count, f"claimtrack {verb}, result kept", wall, peak, f"exit {status}; {median}")


def targets(figures: Figures, sizes: list[int]) -> list[str]:
    """Each target with what was measured, and whether it is met."""
    lines = []

    def line(what: str, value: float, limit: float, unit: str) -> None:
        lines.append(
            f"- {what}: {value:.2f}{unit} (target at most {limit:g}{unit}): {'met' if value <= limit else 'NOT met'}"
        )

    biggest = f"{max(sizes):,}"
    for run in ("claimtrack validate", "claimtrack validate, 1% broken"):
        found = figures.get(biggest, run)
        if found:
            line(f"{run}, {biggest} claims, wall time over the bare parse's", found["parse_times"], PARSE_TIMES, "x")
            line(f"{run}, {biggest} claims, peak memory over the CSV's size", found["csv_times"], CSV_TIMES, "x")
    for (claims, run), values in figures.runs.items():
        if claims.endswith("(the story)"):
            limit = STORY_VALIDATE if run == "claimtrack validate" else STORY_READ
            line(f"{run}, the story's package", values["wall"], limit, " s")
    return lines


def table(figures: Figures, before: dict | None) -> list[str]:
    then = " before wall s | before peak MB |" if before is not None else ""
    rule = "---:|---:|" if before is not None else ""
    lines = [
        f"| claims | run |{then} wall s | peak MB | x parse | x CSV | notes |",
        f"|---:|---|{rule}---:|---:|---:|---:|---|",
    ]

    def number(value, digits: int) -> str:
        return "-" if value is None else f"{value:,.{digits}f}"

    for (claims, run), values in figures.runs.items():
        earlier = ""
        if before is not None:
            old = before.get((claims, run)) or {}
            earlier = f" {number(old.get('wall'), 2)} | {number(old.get('peak'), 0)} |"
        ratios = f"{number(values.get('parse_times'), 1)} | {number(values.get('csv_times'), 1)}"
        lines.append(
            f"| {claims} | {run} |{earlier} {values['wall']:.2f} | {number(values['peak'], 0)} | {ratios} | {values['note']} |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="claims per package, comma-separated")
    parser.add_argument(
        "--frictionless-up-to", type=int, default=1_000_000, help="largest package frictionless runs on"
    )
    parser.add_argument("--work", type=Path, default=Path("/tmp/claimtrack-bench"), help="folder for the packages")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each command on the story's package")
    parser.add_argument("--save", type=Path, help="write the figures to this JSON file")
    parser.add_argument("--before", type=Path, help="a --save file of an earlier version, printed beside these")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    args.work.mkdir(parents=True, exist_ok=True)
    compiled()
    before_about, before = Figures.load(args.before) if args.before else (None, None)
    version = measure([str(BIN / "claimtrack"), "--version"])[2].splitlines()[0]
    about = {
        "date": dt.date.today().isoformat(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()}",
        "tool": version,
        "load": os.getloadavg()[0],
        "loop s": machine_speed(),
    }
    figures = Figures()
    for rows in sizes:
        scale(figures, args.work, rows, args.frictionless_up_to)
    story_runs(figures, args.work, args.repeats)
    about["load after"], about["loop s after"] = os.getloadavg()[0], machine_speed()
    print(f"claimtrack benchmark, {about['date']}: {about['machine']}; {about['tool']}; "
          f"load average {about['load']:.1f} before, {about['load after']:.1f} after; "
          f"{SPEED_WORDS} {about['loop s']:.2f} s before, {about['loop s after']:.2f} s after")  # fmt: skip
    if before_about:
        speed = f"; {SPEED_WORDS} {before_about['loop s']:.2f} s" if "loop s" in before_about else ""
        print(f"before: {before_about['tool']}, {before_about['date']}, load {before_about['load']:.1f}{speed}")
    print()
    print("\n".join(table(figures, before)))
    print()
    print("\n".join(targets(figures, sizes)))
    if args.save:
        figures.save(args.save, about)


if __name__ == "__main__":
    main()
