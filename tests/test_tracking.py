"""claimtrack.tracking: list, show, compare and history on the package's plain rows.

Most tests read tests/fixtures/tracker/compare/, the base package with more claims
of the made-up widgets measure:

  test-widgets-01  a test speaker        range 10 to 20   said 2013-05-14  confirmed, settled by -02
  test-widgets-02  a test speaker        exact 15         said 2013-05-16
  test-widgets-03  The Widget Counters   at least 12      said 2013-05-15  } the same claimant and day:
  test-widgets-04  The Widget Counters   up to 18         said 2013-05-15  } a tie
  test-widgets-05  a rival test speaker  about 30         said 2013-05-13  retracted
  test-widgets-06  a rival test speaker  about 25         said 2013-05     (the month only)
  test-gadgets-01  a test speaker        about 40         said 2013-05-16  (another measure, same topic)

and real rows: the conference dates mt-2013-05-16-01 (June 8-14, 2013) and -02
(June 10-12), and the death tolls mt-2013-05-16-09 (at least 94,000) and -10 (as high as
120,000) by the Observatory on May 14, 2013, -06 (up to 120,000) by the paper on May 16.
"""

from __future__ import annotations

import datetime as dt

import pytest

from claimtrack.tracking import queries as tracking
from claimtrack.tracking import reading
from conftest import TRACKER, build_package


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    return reading.read(build_package(tmp_path_factory.mktemp("tracker") / "compare", "compare", TRACKER))


def ids(rows) -> list[str]:
    return [row["claim_id"] for row in rows]


def edited(tables, claim_id: str, **cells):
    """The tables with the claim ``claim_id``'s cells changed, as a later version of the
    package might hold them."""
    claims = [{**claim, **cells} if claim["claim_id"] == claim_id else claim for claim in tables["claims"]]
    return tables.replaced(claims=claims)


# --- list ----------------------------------------------------------------------------------


def test_list_keeps_file_order_and_the_claims_tables_columns(tables):
    claims = tracking.list_claims(tables)
    assert all(list(claim) == tables.package.resource("claims").field_names for claim in claims)
    assert ids(claims) == ids(tables["claims"])


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({"measure": "test-gadgets"}, ["test-gadgets-01"]),
        ({"claimant": "test-counter"}, ["test-widgets-03", "test-widgets-04"]),
        ({"status": "retracted"}, ["test-widgets-05"]),
        ({"measure": "test-widgets", "claimant": "test-speaker"}, ["test-widgets-01", "test-widgets-02"]),
        ({"measure": "test-widgets", "status": "confirmed"}, ["test-widgets-01"]),
        ({"claimant": "sohr", "measure": "test-widgets"}, []),
    ],
)
def test_list_filters_by_measure_claimant_and_status_together(tables, filters, expected):
    assert ids(tracking.list_claims(tables, **filters)) == expected


@pytest.mark.parametrize(
    "filters, message",
    [
        ({"measure": "test-widget"}, "there is no measure 'test-widget'; did you mean test-widgets"),
        ({"claimant": "test-countr"}, "there is no claimant 'test-countr'; did you mean test-counter"),
        ({"measure": "zzz"}, r"there is no measure 'zzz'$"),
    ],
)
def test_list_refuses_an_unknown_measure_or_claimant_with_a_hint(tables, filters, message):
    with pytest.raises(tracking.TrackingError, match=message):
        tracking.list_claims(tables, **filters)


def test_a_claimant_with_no_claims_is_known_and_lists_nothing(tables):
    assert ids(tracking.list_claims(tables, claimant="interfax")) == []


# --- show ----------------------------------------------------------------------------------


def test_get_claim_finds_a_claim_and_hints_at_close_ids_for_an_unknown_one(tables):
    assert tracking.get_claim(tables, "test-widgets-03")["figure_text"] == "at least 12"
    with pytest.raises(tracking.TrackingError, match="there is no claim 'test-widgets-3'; did you mean test-widgets-0"):
        tracking.get_claim(tables, "test-widgets-3")


def test_settled_by_this_names_the_claims_a_claim_settled(tables):
    assert tracking.settled_by_this(tables, "test-widgets-02") == ["test-widgets-01"]
    assert tracking.settled_by_this(tables, "test-widgets-01") == []


# --- history -------------------------------------------------------------------------------


def test_history_is_in_the_order_the_claims_were_made_a_month_at_its_first_day(tables):
    assert ids(tracking.history(tables, "test-widgets")) == [
        "test-widgets-06",  # 2013-05: as early as May 1
        "test-widgets-05",
        "test-widgets-01",
        "test-widgets-03",  # the tie on May 15, by claim id
        "test-widgets-04",
        "test-widgets-02",
    ]


def test_history_says_which_claims_each_one_settled(tables):
    settles = {row["claim_id"]: row["settles"] for row in tracking.history(tables, "test-widgets")}
    assert settles.pop("test-widgets-02") == "test-widgets-01"
    assert set(settles.values()) == {None}


def test_history_of_an_unknown_measure_hints_at_close_ids(tables):
    with pytest.raises(tracking.TrackingError, match="there is no measure 'test-gadget'; did you mean test-gadgets"):
        tracking.history(tables, "test-gadget")


# --- compare -------------------------------------------------------------------------------


def test_compare_keeps_the_latest_claim_of_each_claimant_and_both_of_a_tie(tables):
    result = tracking.compare(tables, ["test-widgets"])
    # test-widgets-01 gave way to -02 (same claimant, later); -03 and -04 tie.
    assert ids(result.estimates) == ["test-widgets-03", "test-widgets-02", "test-widgets-04", "test-widgets-06"]
    # Like with like: counts given as such are spread; a lower and an upper bound stand alone.
    assert result.spread == (
        "figures given as such: the highest figure (25) is 1.67 times the lowest (15); lower bounds: one figure "
        "only (12); upper bounds: one figure only (18)"
    )
    assert result.warnings == []


def test_a_claimants_denial_stands_beside_its_latest_figure_not_in_its_place(tables):
    # The rival's later word (-06) becomes a denial: its earlier figure stays in view.
    changed = edited(edited(tables, "test-widgets-06", stance="denies"), "test-widgets-05", status="reported")
    result = tracking.compare(changed, ["test-widgets"])
    assert {"test-widgets-05", "test-widgets-06"} <= set(ids(result.estimates))
    assert result.spread.endswith("; 1 denied or doubted, not counted")


def test_compare_leaves_out_retracted_claims_and_says_so(tables):
    result = tracking.compare(tables, ["test-widgets"])
    assert "test-widgets-05" not in ids(result.estimates)
    assert result.notes == ["retracted, not shown: test-widgets-05"]


def test_compare_as_of_a_date_leaves_out_claims_made_after_it(tables):
    result = tracking.compare(tables, ["test-widgets"], as_of=dt.date(2013, 5, 15))
    # On May 15 the speaker's latest was still -01; -02 came on May 16.
    assert ids(result.estimates) == ["test-widgets-01", "test-widgets-03", "test-widgets-04"]
    assert result.spread == (
        "no two figures bounded alike to compare: a lower bound (12), an upper bound (18), a range (10 to 20)"
    )


def test_compare_as_of_notes_a_claim_that_may_have_been_made_after_the_date(tables):
    # -06 is dated May 2013 only: it may have come before May 15 or after.
    result = tracking.compare(tables, ["test-widgets"], as_of=dt.date(2013, 5, 15))
    assert result.notes == [
        "not shown, as they may have been made after May 15, 2013: test-widgets-06",
        "retracted, not shown: test-widgets-05",
        # -01 was confirmed by -02, which came on May 16: on May 15 it stood as reported.
        "statuses as known on May 15, 2013, not as they stand now: test-widgets-01 became confirmed on May 16, 2013",
    ]


def test_compare_as_of_a_day_on_which_a_claim_was_made_includes_it(tables):
    assert "test-widgets-02" in ids(tracking.compare(tables, ["test-widgets"], as_of=dt.date(2013, 5, 16)).estimates)


def test_compare_with_one_estimate_says_there_is_nothing_to_compare(tables):
    result = tracking.compare(tables, ["test-gadgets"])
    assert ids(result.estimates) == ["test-gadgets-01"]
    assert result.spread == "one estimate only: nothing to compare it with"


def test_compare_before_any_claim_was_made_has_no_estimates(tables):
    result = tracking.compare(tables, ["test-widgets"], as_of=dt.date(2013, 5, 1))
    assert result.estimates == []
    assert result.spread is None


def test_compare_never_sets_a_lower_bound_against_an_upper_estimate(tables):
    result = tracking.compare(tables, ["syria-deaths"])
    assert ids(result.estimates) == ["mt-2013-05-16-09", "mt-2013-05-16-06", "mt-2013-05-16-10"]
    # "At least 94,000" and "as high as 120,000" are not 1.28 times apart: they bound
    # the toll from either side. The paper's hedged 120,000 is a figure given as such.
    assert result.spread == (
        "no two figures bounded alike to compare: a figure given as such (120,000), a lower bound (94,000), "
        "an upper bound (120,000)"
    )


def test_figures_given_alike_are_spread_as_a_ratio(tables):
    changed = edited(tables, "mt-2013-05-16-10", qualifier="more than", low=110000, high=None)
    result = tracking.compare(changed, ["syria-deaths"])
    assert result.spread.startswith("figures given as such: one figure only (120,000); lower bounds: ")
    assert "lower bounds: the highest figure (110,000) is 1.17 times the lowest (94,000)" in result.spread


def test_compare_a_topic_stands_for_all_its_measures(tables):
    assert tracking.compare(tables, ["death toll"]).measures == ["syria-deaths"]
    assert tracking.compare(tables, ["context"]).measures == ["test-widgets", "test-gadgets"]


def test_compare_measures_of_different_scope_warns_and_gives_no_spread(tables):
    result = tracking.compare(tables, ["context"])
    assert result.spread is None
    assert result.warnings == [
        "these figures measure different things and are not comparable: test-gadgets is gadgets made in May 2013 "
        "in the test article; test-widgets is widgets made in May 2013 in the test article"
    ]


def test_compare_an_unknown_measure_or_topic_is_refused(tables):
    with pytest.raises(
        tracking.TrackingError, match="there is no measure or topic 'death tolls'; did you mean death toll"
    ):
        tracking.compare(tables, ["death tolls"])


def test_compare_dates_gives_the_days_between_the_earliest_and_latest(tables):
    # Both dates are not realised now; on May 16, 2013 both stood.
    result = tracking.compare(tables, ["geneva-2-date"], as_of=dt.date(2013, 5, 16))
    assert ids(result.estimates) == ["mt-2013-05-16-01", "mt-2013-05-16-02"]
    assert result.spread == "dates proposed from June 8, 2013 to June 14, 2013: 6 days apart"
    today = tracking.compare(tables, ["geneva-2-date"])
    assert today.spread == "no estimate left to compare; 2 overtaken, not counted"


def test_a_spread_never_claims_every_figure_is_one_number_when_one_has_no_number(tables):
    changed = edited(
        tables, "test-widgets-02", qualifier="several", value=None, measure_id="test-gadgets", claimant_id="sohr"
    )
    result = tracking.compare(changed, ["test-gadgets"])
    assert len(result.estimates) == 2
    assert result.spread != "every figure is 40"
