"""`claimtrack history`: a measure's claims in the order made, on
tests/fixtures/tracker/compare/ (its claims are listed in test_tracking.py)."""

from __future__ import annotations

import csv
import io
import json
import re

from claimtrack.model.package import read_package
from conftest import REPO, TRACKER, run_claimtrack
from published import edit_rows

COLUMNS = read_package(REPO).resource("claims").field_names
IN_ORDER = [
    "test-widgets-06",
    "test-widgets-05",
    "test-widgets-01",
    "test-widgets-03",
    "test-widgets-04",
    "test-widgets-02",
]


def rows(stdout: str) -> dict[str, list[str]]:
    """The table's rows by claim id, split on runs of two or more spaces."""
    return {line.split()[-1]: re.split(r"\s{2,}", line.strip()) for line in stdout.splitlines()[2:]}


def test_history_lists_the_claims_in_the_order_they_were_made_and_which_settled_which(make_package):
    result = run_claimtrack("history", "test-widgets", cwd=make_package("compare", TRACKER))
    assert result.returncode == 0, result.stderr
    header = re.split(r"\s{2,}", result.stdout.splitlines()[0].strip())
    assert header == ["said on", "claimant", "figure as said", "status", "settled by", "settles", "claim"]
    table = rows(result.stdout)
    assert list(table) == IN_ORDER
    assert table["test-widgets-01"] == [
        "2013-05-14",
        "test-speaker",
        "between 10 and 20 widgets",
        "confirmed",
        "test-widgets-02",
        "test-widgets-01",
    ]
    assert table["test-widgets-02"] == [
        "2013-05-16",
        "test-speaker",
        "exactly 15 widgets",
        "reported",
        "test-widgets-01",
        "test-widgets-02",
    ]


def test_history_says_not_stated_for_a_claim_with_no_date(real_package):
    result = run_claimtrack("history", "geneva-2-date", cwd=real_package)
    assert result.returncode == 0, result.stderr
    assert rows(result.stdout)["mt-2013-05-16-04"][0] == "not stated"


def test_history_shows_what_a_status_change_settled(make_package):
    package = make_package("compare", TRACKER)
    moved = run_claimtrack("status", "test-widgets-03", "--set", "superseded", "--by", "test-widgets-02", cwd=package)
    assert moved.returncode == 0, moved.stderr
    table = rows(run_claimtrack("history", "test-widgets", cwd=package).stdout)
    assert table["test-widgets-02"][-2] == "test-widgets-01, test-widgets-03"
    assert table["test-widgets-03"][3:5] == ["superseded", "test-widgets-02"]
    assert list(table) == IN_ORDER  # nothing moved, nothing deleted


def test_history_json_and_csv_print_only_the_claims_columns_in_order(make_package):
    package = make_package("compare", TRACKER)
    as_json = run_claimtrack("history", "test-widgets", "--format", "json", cwd=package)
    assert as_json.returncode == 0, as_json.stderr
    claims = json.loads(as_json.stdout)
    assert [c["claim_id"] for c in claims] == IN_ORDER
    assert all(list(c) == COLUMNS for c in claims)
    as_csv = run_claimtrack("history", "test-widgets", "--format", "csv", cwd=package)
    printed = list(csv.reader(io.StringIO(as_csv.stdout)))
    assert printed[0] == COLUMNS
    assert [row[0] for row in printed[1:]] == IN_ORDER


def test_history_of_an_unknown_measure_exits_1_with_a_hint(make_package):
    result = run_claimtrack("history", "test-widget", cwd=make_package("compare", TRACKER))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: there is no measure 'test-widget'; did you mean test-widgets")


def test_history_lists_the_corrections_of_its_claims_under_the_table(make_package):
    import datetime as dt

    from claimtrack.tracking import correcting

    folder = make_package()
    correcting.correct(folder, "test-widgets-02", {"note": "Made up: corrected."}, "Made up: the note was wrong.",
                       on=dt.date(2024, 2, 3))  # fmt: skip
    correcting.set_status(folder, "test-widgets-02", "retracted")  # a move, not a correction
    result = run_claimtrack("history", "test-widgets", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith(
        '\n\ntest-widgets-02 corrected 2024-02-03: note "Made up: a test claim." -> "Made up: corrected.". '
        "Why: Made up: the note was wrong.\n"
    )
    assert "corrected" not in run_claimtrack("history", "geneva-2-date", cwd=folder).stdout


def test_history_of_a_measure_left_out_with_its_claims_says_so(real_package):
    edit_rows(real_package / "data" / "measures.csv", "syria-deaths", "measure_id", kind=lambda _: "")
    result = run_claimtrack("history", "syria-deaths", cwd=real_package)
    assert result.returncode == 1
    assert "kind must not be empty: give one of count, duration, date [required]" in result.stderr
    assert "  Left out of data/measures.csv: 1 row(s), measure_id syria-deaths" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("Error: the measure 'syria-deaths' is left out")
    other = run_claimtrack("history", "geneva-2-date", cwd=real_package)
    assert other.returncode == 0 and "mt-2013-05-16-02" in other.stdout
