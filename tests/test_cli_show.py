"""`claimtrack show`: one claim whole, as a card or as JSON, on tests/fixtures/tracker/compare/."""

from __future__ import annotations

import json

import pytest

from claimtrack.model.package import read_package
from conftest import REPO, TRACKER, build_package, run_claimtrack
from published import edit_rows

RESOURCES = {r.name: r.field_names for r in read_package(REPO).resources}


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    return build_package(tmp_path_factory.mktemp("show") / "compare", "compare", TRACKER)


def card(result) -> dict[str, str]:
    """The card's lines by label; continuation lines are joined to their label's."""
    assert result.returncode == 0, result.stderr
    fields: dict[str, str] = {}
    label = None
    for line in result.stdout.splitlines():
        if line.startswith(" "):
            fields[label] += "\n" + line.strip()
        else:
            label, _, value = line.partition("  ")
            fields[label.strip()] = value.strip()
    return fields


def test_show_gives_the_claim_with_its_source_claimant_quote_status_and_sentence(package):
    shown = card(run_claimtrack("show", "test-widgets-01", cwd=package))
    assert shown == {
        "claim": "test-widgets-01",
        "measure": "Widgets made (made up for tests) [test-widgets], widgets made in May 2013 in the test article",
        "figure": "between 10 and 20 widgets (range; low 10; high 20)",
        "claimant": "a test speaker",
        "source": 'The Test Gazette, "Widget Count Narrows", May 16, 2013\nhttps://example.org/claimtrack/test-article',
        "said on": '2013-05-14 (inferred from weekday: "said on Tuesday")',
        "as of": "2013-05 (stated)",
        "status": "confirmed, settled by test-widgets-02",
        "status note": "The count on Thursday fell within the range.",
        "quote": "A test speaker said on Tuesday that between 10 and 20 widgets were made in May.",
        "note": "Made up: a test claim.",
        "cite": "Between 10 and 20 widgets were made in May 2013, a test speaker said on May 14, 2013, according to "
        "The Test Gazette (May 16, 2013).",
    }


def test_show_names_the_claims_a_claim_settled(package):
    assert card(run_claimtrack("show", "test-widgets-02", cwd=package))["settled"] == "test-widgets-01"


def test_show_gives_the_intermediary_and_how_the_claim_reached_it(package):
    shown = card(run_claimtrack("show", "mt-2013-05-16-02", cwd=package))
    assert shown["via"] == "Interfax (told)"
    assert shown["claimant"] == "an unnamed diplomatic official in New York; diplomatic official in New York"
    assert shown["figure"] == "June 10-12 (between; date_from 2013-06-10; date_to 2013-06-12)"
    assert "told Interfax on May 16, 2013" in shown["cite"]


def test_show_describes_a_claimant_with_its_stance_and_description(package):
    shown = card(run_claimtrack("show", "mt-2013-05-16-09", cwd=package))
    assert shown["claimant"] == "Syrian Observatory for Human Rights; pro-opposition; a British-based monitoring group"
    assert "via" not in shown


def test_show_json_gives_the_claims_columns_and_its_rows_nested(package):
    result = run_claimtrack("show", "mt-2013-05-16-02", "--format", "json", cwd=package)
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    # The rows it points to follow its columns, in the order the schema's foreign keys name them.
    assert list(shown) == RESOURCES["claims"] + ["measure", "claimant", "via", "source", "appearances"]
    assert shown["appearances"] == []
    assert list(shown["source"]) == RESOURCES["sources"]
    assert list(shown["claimant"]) == list(shown["via"]) == RESOURCES["claimants"]
    assert list(shown["measure"]) == RESOURCES["measures"]
    assert (shown["source"]["source_id"], shown["claimant"]["claimant_id"]) == (
        "mt-2013-05-16",
        "diplomatic-official-new-york",
    )
    assert (shown["via"]["claimant_id"], shown["measure"]["measure_id"]) == ("interfax", "geneva-2-date")
    assert shown["date_from"] == "2013-06-10" and shown["low"] is None and shown["settled_by"] is None


def test_show_json_of_a_claim_with_no_intermediary_has_via_null(package):
    shown = json.loads(run_claimtrack("show", "test-widgets-01", "--format", "json", cwd=package).stdout)
    assert shown["via"] is None
    assert (shown["low"], shown["value"], shown["high"]) == (10, None, 20)


def test_show_an_unknown_claim_exits_1_with_a_did_you_mean_hint(package):
    result = run_claimtrack("show", "test-widgets-3", cwd=package)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: there is no claim 'test-widgets-3'; did you mean test-widgets-03")


def test_show_as_csv_prints_the_claims_row_as_list_does(real_package):
    shown = run_claimtrack("show", "mt-2013-05-16-09", "--format", "csv", cwd=real_package)
    listed = run_claimtrack("list", "--format", "csv", cwd=real_package)
    assert shown.returncode == 0, shown.stderr
    header, row = shown.stdout.splitlines()
    assert header == listed.stdout.splitlines()[0]
    assert row in listed.stdout.splitlines() and row.startswith("mt-2013-05-16-09,")


def test_show_lists_a_claims_corrections_with_when_what_was_what_became_and_why(make_package):
    import datetime as dt

    from claimtrack.tracking import correcting

    folder = make_package()
    correcting.correct(folder, "test-widgets-02", {"note": "Made up: corrected."}, "Made up: the note was wrong.",
                       on=dt.date(2024, 2, 3))  # fmt: skip
    correcting.correct(folder, "test-widgets-02", {"as_of": "", "as_of_basis": "", "as_of_text": ""},
                       "Made up: the count is of the year.", on=dt.date(2024, 2, 4))  # fmt: skip
    shown = card(run_claimtrack("show", "test-widgets-02", cwd=folder))
    assert shown["corrected"].splitlines() == [
        '2024-02-03: note "Made up: a test claim." -> "Made up: corrected.". Why: Made up: the note was wrong.',
        '2024-02-04: as_of "2013-05" -> (empty); as_of_basis "stated" -> (empty); as_of_text "in May" -> (empty). '
        "Why: Made up: the count is of the year.",
    ]
    assert "corrected" not in card(run_claimtrack("show", "test-widgets-01", cwd=folder))


def test_show_of_a_claim_left_out_for_a_bad_row_says_so_after_the_warning(real_package):
    edit_rows(real_package / "data" / "claims.csv", "mt-2013-05-16-09", "claim_id", low=lambda _: "94 000")
    result = run_claimtrack("show", "mt-2013-05-16-09", cwd=real_package)
    assert result.returncode == 1
    assert result.stderr.startswith("Warning: the package has 1 problem(s); the rows at fault are left out:\n")
    assert result.stderr.splitlines()[-1] == (
        "Error: the claim 'mt-2013-05-16-09' is left out: its row, or a row it points at, has a problem "
        "(in the warning above)"
    )


def test_show_of_a_sound_claim_goes_on_with_a_warning_when_another_row_is_bad(real_package):
    edit_rows(real_package / "data" / "claims.csv", "mt-2013-05-16-09", "claim_id", low=lambda _: "94 000")
    result = run_claimtrack("show", "mt-2013-05-16-10", cwd=real_package)
    assert result.returncode == 0, result.stderr
    assert "mt-2013-05-16-10" in result.stdout
    assert 'data/claims.csv, line 10, column low, value "94 000"' in result.stderr


def test_show_and_cite_print_no_control_character_from_the_data(tmp_path):
    hostile = build_package(tmp_path / "compare", "compare", TRACKER)
    edit_rows(hostile / "data" / "claimants.csv", "test-speaker", "claimant_id", name=lambda v: v + "\x1b]0;owned\x07")
    for args in (("show", "test-widgets-01"), ("cite", "test-widgets-01"), ("show", "mt-2013-05-16-02")):
        result = run_claimtrack(*args, cwd=hostile)
        printed = result.stdout + result.stderr
        assert "\x1b" not in printed and "\x07" not in printed
        # the row is left out, and the warning shows what it holds as escapes
        assert 'value "a test speaker\\u001b]0;owned\\u0007"' in result.stderr


def test_show_of_an_id_holding_an_escape_sequence_names_it_in_escapes(package):
    result = run_claimtrack("show", "x\x1b]0;owned\x07", cwd=package)
    assert result.returncode == 1
    assert "\x1b" not in result.stderr and "'x\\x1b]0;owned\\x07'" in result.stderr
