"""`claimtrack compare`: the competing estimates known on a date, on
tests/fixtures/tracker/compare/ (its claims are listed in test_tracking.py)."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from claimtrack.model.package import read_package
from conftest import REPO, TRACKER, build_package, run_claimtrack

COLUMNS = read_package(REPO).resource("claims").field_names


# Like with like: figures bounded differently are not set against each other.
WIDGETS_SPREAD = (
    "Spread: figures given as such: the highest figure (25) is 1.67 times the lowest (15); "
    "lower bounds: one figure only (12); upper bounds: one figure only (18)."
)
DEATHS_SPREAD = (
    "Spread: no two figures bounded alike to compare: a figure given as such (120,000), "
    "a lower bound (94,000), an upper bound (120,000)."
)


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    return build_package(tmp_path_factory.mktemp("compare") / "compare", "compare", TRACKER)


def table_ids(stdout: str) -> list[str]:
    return [line.split()[-1] for line in stdout.splitlines()[2:] if line.strip()]


def test_compare_shows_the_latest_claim_of_each_claimant_with_the_spread_and_notes(package):
    result = run_claimtrack("compare", "test-widgets", cwd=package)
    assert result.returncode == 0, result.stderr
    header, _, *rows, spread, note = result.stdout.splitlines()
    assert re.split(r"\s{2,}", header.strip()) == [
        "claimant",
        "figure as said",
        "qualifier",
        "low",
        "value",
        "high",
        "said on",
        "status",
        "claim",
    ]
    # -01 gave way to the same speaker's later -02; -03 and -04 tie and both stay.
    assert [row.split()[-1] for row in rows] == [
        "test-widgets-03",
        "test-widgets-02",
        "test-widgets-04",
        "test-widgets-06",
    ]
    assert spread == WIDGETS_SPREAD
    assert note == "Note: retracted, not shown: test-widgets-05."
    assert result.stderr == ""


def test_compare_the_death_tolls_gives_the_ratio_of_highest_to_lowest(package):
    result = run_claimtrack("compare", "syria-deaths", cwd=package)
    assert result.returncode == 0, result.stderr
    assert table_ids(result.stdout)[:-1] == ["mt-2013-05-16-09", "mt-2013-05-16-06", "mt-2013-05-16-10"]
    assert result.stdout.splitlines()[-1] == DEATHS_SPREAD


def test_compare_as_of_leaves_out_later_claims_and_notes_the_doubtful(package):
    result = run_claimtrack("compare", "test-widgets", "--as-of", "2013-05-15", cwd=package)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split()[-1] for line in lines[2:5]] == ["test-widgets-01", "test-widgets-03", "test-widgets-04"]
    assert lines[5:] == [
        "Spread: no two figures bounded alike to compare: a lower bound (12), an upper bound (18), a range (10 to 20).",
        "Note: not shown, as they may have been made after May 15, 2013: test-widgets-06.",
        "Note: retracted, not shown: test-widgets-05.",
        "Note: statuses as known on May 15, 2013, not as they stand now: test-widgets-01 became confirmed on May 16, 2013.",
    ]


def test_compare_as_of_before_any_claim_says_none_were_made_by_then(package):
    result = run_claimtrack("compare", "test-widgets", "--as-of", "2013-05-01", cwd=package)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "No claims of test-widgets were made by then."


def test_compare_one_estimate_says_there_is_nothing_to_compare(package):
    result = run_claimtrack("compare", "test-gadgets", cwd=package)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "Spread: one estimate only: nothing to compare it with."


def test_compare_a_topic_whose_measures_differ_in_scope_warns_they_are_not_comparable(package):
    result = run_claimtrack("compare", "context", cwd=package)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[0] == "measure"  # several measures: each row says which
    assert lines[-2] == (
        "Warning: these figures measure different things and are not comparable: test-gadgets is gadgets made in "
        "May 2013 in the test article; test-widgets is widgets made in May 2013 in the test article."
    )
    assert not any(line.startswith("Spread:") for line in lines)


def test_compare_markdown_gives_a_github_table_to_paste_into_a_story(package):
    result = run_claimtrack("compare", "test-widgets", "--format", "markdown", cwd=package)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("| claimant ") and lines[0].endswith("| claim           |")
    assert set(lines[1]) <= {"|", "-", ":"}
    assert [line.split("|")[-2].strip() for line in lines[2:6]] == [
        "test-widgets-03", "test-widgets-02", "test-widgets-04", "test-widgets-06",
    ]  # fmt: skip
    assert all(line.startswith("| ") and line.endswith(" |") for line in [lines[0], *lines[2:6]])
    assert lines[6:] == [
        "",
        WIDGETS_SPREAD,
        "",
        "Note: retracted, not shown: test-widgets-05.",
    ]


def test_compare_markdown_bolds_the_warning(package):
    result = run_claimtrack("compare", "context", "--format", "markdown", cwd=package)
    assert "\n**Warning:** these figures measure different things" in result.stdout


def test_compare_json_prints_only_the_claims_columns_and_puts_the_spread_on_stderr(package):
    result = run_claimtrack("compare", "test-widgets", "--format", "json", cwd=package)
    assert result.returncode == 0, result.stderr
    claims = json.loads(result.stdout)
    assert [claim["claim_id"] for claim in claims] == [
        "test-widgets-03",
        "test-widgets-02",
        "test-widgets-04",
        "test-widgets-06",
    ]
    assert all(list(claim) == COLUMNS for claim in claims)
    assert result.stderr.splitlines() == [
        WIDGETS_SPREAD,
        "Note: retracted, not shown: test-widgets-05.",
    ]


def test_compare_csv_prints_only_the_claims_columns_and_puts_the_spread_on_stderr(package):
    result = run_claimtrack("compare", "syria-deaths", "--format", "csv", cwd=package)
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == COLUMNS
    assert [row[0] for row in rows[1:]] == ["mt-2013-05-16-09", "mt-2013-05-16-06", "mt-2013-05-16-10"]
    assert result.stderr == DEATHS_SPREAD + "\n"


def test_compare_json_before_any_claim_prints_an_empty_array(package):
    result = run_claimtrack("compare", "test-widgets", "--as-of", "2013-05-01", "--format", "json", cwd=package)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
    assert result.stderr.splitlines()[0] == "No claims of test-widgets were made by then."


def test_compare_an_unknown_measure_exits_1_with_a_hint(package):
    result = run_claimtrack("compare", "death tolls", cwd=package)
    assert result.returncode == 1
    assert result.stderr.startswith("Error: there is no measure or topic 'death tolls'; did you mean death toll")


def test_compare_as_of_must_be_a_real_day(package):
    result = run_claimtrack("compare", "test-widgets", "--as-of", "2013-13-01", cwd=package)
    assert result.returncode == 2
    assert "Invalid value for '--as-of'" in result.stderr


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("16/05/2013", "did you mean 2013-05-16?"),
        ("03/04/2013", "03/04/2013 could be day/month or month/day: did you mean 2013-04-03 or 2013-03-04?"),
        ("May 16", ""),
    ],
)
def test_an_as_of_not_written_yyyy_mm_dd_says_what_was_typed_what_is_wanted_and_the_day_meant(typed, meant):
    result = run_claimtrack("compare", "syria-deaths", "--as-of", typed, cwd=REPO)
    assert result.returncode == 2
    wanted = f"Error: Invalid value for '--as-of': {typed!r} is not a day written YYYY-MM-DD, such as 2013-05-16"
    assert result.stderr.splitlines()[-1] == wanted + (f"; {meant}" if meant else "")
