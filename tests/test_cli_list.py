"""`claimtrack list`: the claims, filtered, for reading or for machines; one --format vocabulary.

Filters are proven on tests/fixtures/tracker/compare/ (see test_tracking.py for its
claims); the machine formats on the real package, whose every column they must keep.
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from claimtrack.model.package import read_package
from conftest import REPO, TRACKER, build_package, run_claimtrack

COLUMNS = read_package(REPO).resource("claims").field_names


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    return build_package(tmp_path_factory.mktemp("list") / "compare", "compare", TRACKER)


def listed_ids(result) -> list[str]:
    assert result.returncode == 0, result.stderr
    return [claim["claim_id"] for claim in json.loads(result.stdout)]


@pytest.mark.parametrize(
    "args, expected",
    [
        (["--measure", "test-gadgets"], ["test-gadgets-01"]),
        (["--claimant", "test-counter"], ["test-widgets-03", "test-widgets-04"]),
        (["--status", "retracted"], ["test-widgets-05"]),
        (["--status", "not realised"], ["mt-2013-05-16-01", "mt-2013-05-16-02"]),
        (["--measure", "test-widgets", "--claimant", "test-rival"], ["test-widgets-05", "test-widgets-06"]),
    ],
)
def test_list_filters_by_measure_claimant_and_status(package, args, expected):
    assert listed_ids(run_claimtrack("list", *args, "--format", "json", cwd=package)) == expected


def test_list_prints_a_table_of_the_main_columns_and_counts_on_stderr(package):
    result = run_claimtrack("list", "--claimant", "test-counter", cwd=package)
    assert result.returncode == 0, result.stderr
    header, rule, *rows = result.stdout.splitlines()
    assert re.split(r"\s{2,}", header.strip()) == [
        "claim",
        "measure",
        "claimant",
        "figure as said",
        "said on",
        "status",
    ]
    assert set(rule) <= {"-", " "}
    assert [row.split()[0] for row in rows] == ["test-widgets-03", "test-widgets-04"]
    assert "at least 12" in rows[0]
    assert result.stderr == "2 claim(s).\n"


@pytest.mark.parametrize(
    "args, message",
    [
        (["--measure", "test-widget"], "Error: there is no measure 'test-widget'; did you mean test-widgets"),
        (["--claimant", "test-rivals"], "Error: there is no claimant 'test-rivals'; did you mean test-rival"),
    ],
)
def test_an_unknown_measure_or_claimant_exits_1_with_a_did_you_mean_hint(package, args, message):
    result = run_claimtrack("list", *args, cwd=package)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith(message) and result.stderr.endswith("?\n")
    assert len(result.stderr.splitlines()) == 1


def test_list_json_prints_objects_keyed_by_exactly_the_schemas_columns_in_order():
    result = run_claimtrack("list", "--format", "json", cwd=REPO)
    assert result.returncode == 0, result.stderr
    claims = json.loads(result.stdout)
    with (REPO / "data" / "claims.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(claims) == len(rows)
    assert all(list(claim) == COLUMNS for claim in claims)
    integers = ("low", "value", "high")
    for claim, row in zip(claims, rows):
        for column in COLUMNS:
            if row[column] == "":
                assert claim[column] is None, (row["claim_id"], column)
            elif column in integers:
                assert claim[column] == int(row[column]) and type(claim[column]) is int
            else:
                assert claim[column] == row[column], (row["claim_id"], column)


def test_list_csv_prints_the_claims_file_header_and_its_rows():
    result = run_claimtrack("list", "--format", "csv", "--measure", "syria-deaths", cwd=REPO)
    assert result.returncode == 0, result.stderr
    with (REPO / "data" / "claims.csv").open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle))
    printed = list(csv.reader(io.StringIO(result.stdout)))
    assert printed[0] == header == COLUMNS
    with (REPO / "data" / "claims.csv").open(encoding="utf-8-sig", newline="") as handle:
        expected = [row for row in csv.reader(handle) if row[1] == "syria-deaths"]
    assert printed[1:] == expected


def test_list_leaves_out_a_bad_row_and_says_which_and_why(make_package):
    result = run_claimtrack("list", "--format", "csv", cwd=make_package("type-integer"))
    assert result.returncode == 0, result.stderr
    listed = [row[0] for row in csv.reader(io.StringIO(result.stdout))][1:]
    assert "mt-2013-05-16-09" not in listed and listed  # the others are listed as usual
    warning = result.stderr.splitlines()
    assert warning[0] == "Warning: the package has 1 problem(s); the rows at fault are left out:"
    assert warning[1].startswith('  data/claims.csv, line 3, column low, value "94,000"')
    assert warning[2] == "  run claimtrack validate to see every problem."
    assert warning[3] == "  Left out of data/claims.csv: 1 row(s), claim_id mt-2013-05-16-09"


def test_a_package_that_cannot_be_read_is_not_listed(make_package):
    result = run_claimtrack("list", cwd=make_package("header-misspelt"))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        "Error: the package cannot be read; fix it before reading it (claimtrack validate)"
    )
    assert result.stderr.startswith("data/measures.csv, line 1, column scpoe")


def test_text_is_the_default_and_table_is_still_taken_for_it(package):
    default = run_claimtrack("list", cwd=package)
    assert default.returncode == 0, default.stderr
    assert run_claimtrack("list", "--format", "text", cwd=package).stdout == default.stdout
    assert run_claimtrack("list", "--format", "table", cwd=package).stdout == default.stdout
    assert default.stdout.splitlines()[0].split() == [
        "claim",
        "measure",
        "claimant",
        "figure",
        "as",
        "said",
        "said",
        "on",
        "status",
    ]


@pytest.mark.parametrize("command", [["list"], ["history", "test-widgets"], ["compare", "test-widgets"]])
def test_every_listing_gives_a_markdown_table_to_paste_into_a_story(package, command):
    result = run_claimtrack(*command, "--format", "markdown", cwd=package)
    assert result.returncode == 0, result.stderr
    header, rule, first, *_ = result.stdout.splitlines()
    assert header.startswith("| ") and header.endswith(" |")
    assert set(rule) <= {"|", "-", ":"}
    assert first.count("|") == header.count("|")


@pytest.mark.parametrize("command", [["validate"], ["extract", "x.txt", "--published", "2013-05-16"]])
def test_a_format_a_command_does_not_print_is_refused_naming_the_ones_it_does(package, command):
    result = run_claimtrack(*command, "--format", "csv", cwd=package)
    assert result.returncode == 2
    assert "'csv' is not one of 'text', 'json'" in result.stderr


@pytest.mark.parametrize(
    "given, said",
    [
        ("SOHR", "'SOHR' is taken for sohr (Syrian Observatory for Human Rights), by its alias 'SOHR'."),
        (
            "syrian observatory for human rights",
            "'syrian observatory for human rights' is taken for sohr (Syrian Observatory for Human Rights), "
            "by its name 'Syrian Observatory for Human Rights'.",
        ),
        (
            "observatory",
            "'observatory' is taken for sohr (Syrian Observatory for Human Rights), "
            "by part of its name 'Syrian Observatory for Human Rights'.",
        ),
    ],
)
def test_list_finds_a_claimant_by_name_or_alias_in_any_case_and_says_which(given, said):
    result = run_claimtrack("list", "--claimant", given, "--format", "csv", cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[0] == said
    exact = run_claimtrack("list", "--claimant", "sohr", "--format", "csv", cwd=REPO)
    assert result.stdout == exact.stdout and exact.stderr == ""


def test_list_names_the_candidates_when_a_claimant_is_ambiguous():
    result = run_claimtrack("list", "--claimant", "syrian", cwd=REPO)
    assert result.returncode == 1
    assert result.stderr == (
        "Error: 'syrian' could be any of 2 claimants: sohr (Syrian Observatory for Human Rights); "
        "syrian-martyr-database (Syrian Martyr Database); give its id\n"
    )


def test_an_unknown_status_lists_the_statuses():
    result = run_claimtrack("list", "--status", "reportd", cwd=REPO)
    assert result.returncode == 1
    assert result.stderr == (
        "Error: there is no status 'reportd'; did you mean reported? (one of: reported, tentative, confirmed, "
        "realised, not realised, superseded, retracted)\n"
    )


def test_list_outside_a_package_says_there_is_none_and_what_to_do(tmp_path):
    result = run_claimtrack("list", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == (
        f"Error: no package here ({tmp_path.resolve()}): cd into one, pass -p DIR, or start one with claimtrack init\n"
    )


def test_many_problems_are_summarised_with_a_count_and_the_command_for_all(real_package):
    path = real_package / "data" / "claims.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    said_on = rows[0].index("said_on")
    for row in rows[1:9]:
        row[said_on] = "16/05/2013"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    result = run_claimtrack("list", "--format", "json", cwd=real_package)
    assert result.returncode == 0, result.stderr
    warning = result.stderr.splitlines()
    found = re.fullmatch(r"Warning: the package has ([0-9]+) problem\(s\); the rows at fault are left out:", warning[0])
    assert found and int(found.group(1)) >= 8, warning[0]
    assert all(line.startswith("  data/claims.csv, line ") for line in warning[1:6])
    assert warning[6] == f"  ... and {int(found.group(1)) - 5} more; run claimtrack validate to see every problem."
    left = [row[0] for row in rows[1:9]]
    assert warning[7] == f"  Left out of data/claims.csv: 8 row(s), claim_id {', '.join(left)}"
    assert not set(left) & set(listed_ids(result))
