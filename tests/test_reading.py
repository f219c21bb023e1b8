"""claimtrack.tracking.reading: the tables as the reading commands read them, plain rows
of what validation vouches for; and the reading commands on a package whose last
validation is kept, answered without pandas."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time

import pandas as pd
import pytest

from claimtrack.io import checked
from claimtrack.model.problems import ValidationError
from claimtrack.tables.views import claims_view as frame_view
from claimtrack.tracking import reading
from claimtrack.validation import load, validate
from claimtrack.validation import run as validation_run
from conftest import TRACKER, build_package, run_claimtrack
from published import edit_rows

HEAVY = ("pandas", "pandera", "polars", "numpy", "pyarrow")

# Runs a command in a process of its own and says, last, which heavy libraries it imported.
PROGRAM = f"""
import sys
from claimtrack.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(",".join(sorted(m for m in {HEAVY!r} if m in sys.modules)))
"""


def _aged(folder, seconds: float = 10) -> None:
    """Every file of ``folder`` made ``seconds`` older: no longer too recent to be told apart by its time."""
    then = time.time() - seconds
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, (then, then))


def _kept(package):
    """``package`` validated, with the result kept; its report."""
    _aged(package)
    report = validate(package)
    assert checked.found(package) is not None, "the result was kept"
    return report


@pytest.fixture
def no_validation(monkeypatch):
    """Validation made to fail the test if anything runs it."""

    def validating(*args, **kwargs):
        raise AssertionError("the package was validated again")

    monkeypatch.setattr(validation_run, "validate", validating)


def _plain(value):
    """A cell of pandas' typed tables as plain Python, as JSON has it."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return value.item() if hasattr(value, "item") else value


def _rows(frame: pd.DataFrame) -> list[dict]:
    return [{c: _plain(v) for c, v in zip(frame.columns, row)} for row in frame.itertuples(index=False)]


# --- The rows, as load() types them ------------------------------------------------------------


def test_the_tables_hold_the_cells_load_types_as_plain_python(real_package):
    tables, frames = reading.read(real_package), load(real_package)
    assert list(tables) == list(frames)
    for name, frame in frames.items():
        assert tables[name] == _rows(frame), name
    claim = next(c for c in tables["claims"] if c["low"] is not None)
    assert type(claim["low"]) is int and isinstance(claim["claim_id"], str)
    assert tables.problems == [] and tables.left_out == {}


# Packages with problems of one row (left out, with what points at them), with a problem
# that changes nothing read, and with problems that leave nothing to read around.
CASES = [
    "type-integer",
    "foreign-key",
    "foreign-key-settled-by",
    "settled-by-cycle",
    "blank-row",
    "row-length-long",
    "row-length-short",
    "multiline-cell-then-short-row",
    "multiline-cell-then-type-error",
    "primary-key",
    "required",
    "said-before-published",
    "undeclared-file",
    "header-misspelt",
    "csv-syntax",
    "title-line",
    "descriptor-invalid-json",
]


@pytest.mark.parametrize("case", CASES)
def test_rows_are_left_out_or_the_package_refused_as_load_does(make_package, case):
    package = make_package(case)
    try:
        frames = load(package, on_error="skip")
    except ValidationError as refused:
        with pytest.raises(ValidationError) as error:
            reading.read(package)
        assert error.value.problems == refused.problems
        return
    tables = reading.read(package)
    assert tables.problems == frames.problems
    assert tables.left_out == frames.left_out
    for name, frame in frames.items():
        assert tables[name] == _rows(frame), name


def test_a_claim_pointing_at_a_claim_left_out_is_left_out_in_turn(make_package):
    package = make_package("compare", TRACKER)
    # test-widgets-01 names -02 as what settled it: a bad cell in -02 leaves out both.
    edit_rows(package / "data" / "claims.csv", "test-widgets-02", "claim_id", value=lambda _: "fifteen")
    tables = reading.read(package)
    assert tables.left_out == {"claims": ["test-widgets-01", "test-widgets-02"]}
    assert not {"test-widgets-01", "test-widgets-02"} & {c["claim_id"] for c in tables["claims"]}


# --- What validation vouches for ---------------------------------------------------------------


def test_the_tables_of_a_package_with_a_kept_result_are_read_without_validating(make_package, no_validation):
    package = make_package()
    _kept(package)
    tables = reading.read(package)
    assert [c["claim_id"] for c in tables["claims"]] == [c["claim_id"] for c in _rows(load(package)["claims"])]


def test_a_kept_results_problems_leave_out_the_rows_they_are_on(make_package, no_validation):
    package = make_package("type-integer")
    report = _kept(package)
    tables = reading.read(package)
    assert tables.problems == report.problems
    assert tables.left_out == {"claims": ["mt-2013-05-16-09"]}


def test_a_package_with_no_kept_result_is_validated_first_and_its_result_kept(make_package):
    package = make_package()
    _aged(package)
    assert checked.found(package) is None
    reading.read(package)
    assert checked.found(package) is not None


def test_a_file_edited_after_its_result_was_kept_is_read_as_edited(make_package):
    package = make_package()
    _kept(package)
    edit_rows(package / "data" / "claims.csv", "mt-2013-05-16-09", "claim_id", low=lambda _: "abc")
    tables = reading.read(package)
    assert tables.left_out == {"claims": ["mt-2013-05-16-09"]}
    assert [str(p).split(":")[0] for p in tables.problems] == ['data/claims.csv, line 3, column low, value "abc"']


def _written_while_read(monkeypatch, package, times: int) -> None:
    """claims.csv changed by another command, the first ``times`` times the tables are
    read, after the first table is read and before claims.csv is."""
    as_written, done = reading.numbered_rows, []

    def read_while_another_command_writes(read_package, name):
        if name == "sources" and len(done) < times:
            done.append(name)
            edit_rows(package / "data" / "claims.csv", "mt-2013-05-16-09", "claim_id", low=lambda v: v + "x")
        return as_written(read_package, name)

    monkeypatch.setattr(reading, "numbered_rows", read_while_another_command_writes)


def test_a_file_changed_while_the_tables_are_read_is_validated_and_read_again(make_package, monkeypatch):
    package = make_package()
    _kept(package)
    _written_while_read(monkeypatch, package, times=1)
    tables = reading.read(package)
    # The kept result, of the files before the change, vouched for the row: validation now does not.
    assert tables.left_out == {"claims": ["mt-2013-05-16-09"]}
    assert [(p.line, p.column, p.value) for p in tables.problems] == [(3, "low", "94000x")]


def test_files_that_keep_changing_as_they_are_read_are_refused_in_the_end(make_package, monkeypatch):
    package = make_package()
    _kept(package)
    _written_while_read(monkeypatch, package, times=reading.ATTEMPTS)
    with pytest.raises(ValidationError, match="the files kept changing while they were read"):
        reading.read(package)


# --- The claims view ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, first, last",
    [
        ("2013-05-16", dt.date(2013, 5, 16), dt.date(2013, 5, 16)),
        ("2013-05", dt.date(2013, 5, 1), dt.date(2013, 5, 31)),
        ("2012-02", dt.date(2012, 2, 1), dt.date(2012, 2, 29)),
        ("2013", dt.date(2013, 1, 1), dt.date(2013, 12, 31)),
        ("2013-02-30", None, None),
        ("2013-13", None, None),
        ("May 2013", None, None),
        (None, None, None),
    ],
)
def test_a_partial_date_spans_the_days_it_can_mean(text, first, last):
    assert reading.partial_date_span(text) == (first, last)


def test_the_claims_view_gives_what_the_pandas_view_gives(real_package):
    rows, frame = reading.claims_view(reading.read(real_package)), frame_view(load(real_package))
    assert [row["claim_id"] for row in rows] == list(frame["claim_id"])
    for row, expected in zip(rows, _rows(frame)):
        for column, value in expected.items():
            got = row[column]
            assert (got.isoformat() if isinstance(got, dt.date) else got) == value, (row["claim_id"], column)


def test_a_claim_joined_to_a_row_that_is_not_there_has_its_columns_empty(make_package):
    tables = reading.read(make_package("compare", TRACKER))
    claims = [{**claim, "via_id": "nobody"} for claim in tables["claims"]]
    view = reading.joined(tables.replaced(claims=claims), "claims")
    assert {row["via_name"] for row in view} == {None}
    assert all(row["measure_label"] for row in view)


# --- The commands, without pandas --------------------------------------------------------------


def _imported(args: list[str], package) -> tuple[subprocess.CompletedProcess, set[str]]:
    """What a command run in its own process on ``package`` printed, and which heavy
    libraries it imported. The package is named as it was validated: the kept result is
    under a key of its files' paths."""
    command = [args[0], "-p", str(package), *args[1:]]
    done = subprocess.run([sys.executable, "-c", PROGRAM, *command], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    return done, set(filter(None, lines[-1].split(",")))


@pytest.mark.parametrize(
    "args, shows",
    [
        (["list"], "test-widgets-06"),
        (["list", "--claimant", "widget counters", "--format", "json"], '"test-widgets-03"'),
        (["show", "test-widgets-01"], "between 10 and 20 widgets (range; low 10; high 20)"),
        (["compare", "test-widgets", "--as-of", "2013-05-15", "--format", "markdown"], "| test-widgets-01 |"),
        (["history", "test-widgets", "--format", "csv"], "test-widgets-02,test-widgets,"),
        (["cite", "test-widgets-01"], "a test speaker said on May 14, 2013"),
    ],
)
def test_a_reading_command_on_a_kept_result_imports_no_heavy_library(tmp_path, args, shows):
    package = build_package(tmp_path / "compare", "compare", TRACKER)
    _kept(package)
    done, heavy = _imported(args, package)
    assert heavy == set(), f"{args} imported {heavy}"
    assert shows in done.stdout
    assert done.stdout.rsplit("\n", 2)[0] == run_claimtrack(*args, cwd=package).stdout.rstrip("\n")


def test_a_reading_command_on_a_kept_result_with_problems_leaves_out_the_rows_without_pandas(make_package):
    package = make_package("type-integer")
    _kept(package)
    done, heavy = _imported(["list", "--format", "csv"], package)
    assert heavy == set(), f"imported {heavy}"
    assert "mt-2013-05-16-09" not in done.stdout
    assert "  Left out of data/claims.csv: 1 row(s), claim_id mt-2013-05-16-09" in done.stderr.splitlines()


def test_a_rows_problem_is_read_around_and_a_whole_files_is_not():
    from claimtrack.model.problems import Problem, one_rows, unreadable_around

    files = {"data/claims.csv"}
    row = Problem("data/claims.csv", 7, "low", "x", "not a number", "type")
    short = Problem("data/claims.csv", 9, None, None, "this row has 3 cells", "row-length")
    header = Problem("data/claims.csv", 1, None, None, "the header lacks low", "header")
    elsewhere = Problem("data/sources.csv", 4, "url", "x", "not a web address", "type")
    stray = Problem("data/notes.csv", None, None, None, "not declared", "undeclared-file")
    assert [one_rows(p, files) for p in (row, short, header, elsewhere)] == [True, True, False, False]
    assert unreadable_around([row, short, header, elsewhere, stray], files) == [header, elsewhere]
