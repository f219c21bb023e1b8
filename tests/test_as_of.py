"""As of a date means what was known on that date: which claims had been made, the
statuses they then had, and spreads over what claimants asserted, on the real record.

Each test fails on the tool as it was: statuses shown with hindsight, a month-only
claim hidden though its page was out, an open-ended date ended on its first day, a
denial counted as a date proposed.
"""

from __future__ import annotations

import datetime as dt

import pytest

from claimtrack.tracking import queries, reading
from claimtrack.tracking.reading import claims_view
from conftest import REPO, run_claimtrack


@pytest.fixture(scope="module")
def tables():
    return reading.read(REPO)


def _by_id(rows: list[dict]) -> dict[str, dict]:
    return {row["claim_id"]: row for row in rows}


def _ids(rows: list[dict]) -> list[str]:
    return [row["claim_id"] for row in rows]


def _status(result, claim_id: str) -> str:
    return _by_id(result.estimates)[claim_id]["status"]


def test_a_status_a_later_claim_brought_about_is_not_shown_before_that_claim(tables):
    # The working date of June 10-12 was overtaken on June 5, 2013; on May 16 it stood.
    result = queries.compare(tables, ["geneva-2-date"], as_of=dt.date(2013, 5, 16))
    row = _by_id(result.estimates)["mt-2013-05-16-02"]
    assert row["status"] == "reported" and row["settled_by"] is None and row["status_note"] is None
    assert any("mt-2013-05-16-02 became superseded on June 5, 2013" in note for note in result.notes)
    # Today the same claim reads as superseded.
    assert _status(queries.compare(tables, ["geneva-2-date"]), "mt-2013-05-16-02") == "superseded"


def test_a_denial_is_not_confirmed_before_what_confirmed_it(tables):
    on_june_1 = queries.compare(tables, ["geneva-2-date"], as_of=dt.date(2013, 6, 1))
    assert _status(on_june_1, "businessline-regime-agrees-01") == "reported"
    on_june_30 = queries.compare(tables, ["geneva-2-date"], as_of=dt.date(2013, 6, 30))
    assert _status(on_june_30, "businessline-regime-agrees-01") == "confirmed"


def test_a_status_that_began_by_then_is_shown(tables):
    # The end-of-May target was overtaken on May 13, before May 16.
    result = queries.compare(tables, ["geneva-2-date"], as_of=dt.date(2013, 5, 16))
    assert _status(result, "chicago-tribune-2013-05-07-01") == "superseded"


def test_a_date_realised_with_no_claim_settling_it_was_realised_only_on_the_day(tables):
    view = claims_view(tables)
    began = dict(zip(_ids(view), queries.status_began(view)))
    assert began["geo-tv-2014-01-22-01"] == dt.date(2014, 1, 22)


def test_a_spread_counts_what_claimants_assert_and_what_still_stands(tables):
    # On June 1, 2013: both "early June"s, the second week of June and June 10-12 stood;
    # Lukashevich denied June 10; the end of May and the late-May hopes were overtaken.
    result = queries.compare(tables, ["geneva-2-date"], as_of=dt.date(2013, 6, 1))
    assert "businessline-regime-agrees-01" in _ids(result.estimates)  # shown, as a denial
    assert result.spread == (
        "dates proposed from June 1, 2013 to June 14, 2013: 13 days apart; 1 denied or doubted; 2 overtaken, not counted"
    )


def test_a_date_with_no_latest_day_does_not_end_the_spread_on_its_first_day(tables):
    # "August at the earliest" (from August 1, no end) beside "July": the spread runs
    # from July 1 to August 1 or later, not to August 1.
    view = _by_id(claims_view(tables))
    dates = [view["al-jazeera-2013-06-05-01"], view["al-bawaba-2013-06-26-01"]]
    spread = queries.date_spread(dates, "")
    assert spread == "dates proposed from July 1, 2013 to August 1, 2013 or later: one has no latest day"


def _published(tables, claim_id: str, published_on: str, said_on=..., source_id: str | None = None):
    """The tables with ``claim_id``'s source (or the source ``source_id``) published on
    ``published_on``, and the claim said on ``said_on``, if given (None: not stated)."""
    source_id = source_id or _by_id(tables["claims"])[claim_id]["source_id"]
    claims = [
        {**row, "said_on": said_on} if row["claim_id"] == claim_id and said_on is not ... else row
        for row in tables["claims"]
    ]
    sources = [
        {**row, "published_on": published_on} if row["source_id"] == source_id else row for row in tables["sources"]
    ]
    return tables.replaced(claims=claims, sources=sources)


def test_a_month_only_claim_is_known_from_the_day_its_page_was_published(tables):
    # A claim said "in 2013-06" on a page of June 3 was known on June 3, not June 30.
    changed = _published(tables, "al-jazeera-2013-06-05-01", "2013-06-03", said_on="2013-06")
    view = _by_id(claims_view(changed))
    assert view["al-jazeera-2013-06-05-01"]["known_by"] == dt.date(2013, 6, 3)
    result = queries.compare(changed, ["geneva-2-date"], as_of=dt.date(2013, 6, 20))
    assert "al-jazeera-2013-06-05-01" in _ids(result.estimates)
    assert not any(n.startswith("not shown") and "al-jazeera-2013-06-05-01" in n for n in result.notes)


def test_a_claim_carried_earlier_by_another_source_is_known_from_that_day(tables):
    claim_id, source_id = tables["appearances"][0]["claim_id"], tables["appearances"][0]["source_id"]
    changed = _published(tables, claim_id, "2000-01-01", said_on=None, source_id=source_id)
    view = _by_id(claims_view(changed))
    assert view[claim_id]["known_by"] == dt.date(2000, 1, 1)


def test_compare_on_the_command_line_says_which_statuses_came_later():
    ran = run_claimtrack("compare", "geneva-2-date", "--as-of", "2013-05-16", cwd=REPO)
    assert ran.returncode == 0, ran.stderr
    row = next(line for line in ran.stdout.splitlines() if line.endswith("mt-2013-05-16-02"))
    assert " reported " in row and "superseded" not in row
    assert "Note: statuses as known on May 16, 2013, not as they stand now:" in ran.stdout


def test_a_claimant_s_doubt_is_shown_beside_its_earlier_assertion_not_in_its_place(tables):
    # Brahimi said "July" on June 5, 2013 and doubted July on June 25.
    result = queries.compare(tables, ["geneva-2-date"], as_of=dt.date(2013, 6, 30))
    brahimi = [row for row in result.estimates if row["claimant_id"] == "lakhdar-brahimi"]
    assert sorted(_ids(brahimi)) == ["al-jazeera-2013-06-05-01", "reuters-2013-06-25-01"]


def test_within_leaves_out_figures_older_than_asked_and_says_which(tables):
    # On June 30, 2013 Pillay's latest toll was of February 12: more than 90 days old.
    everything = queries.compare(tables, ["syria-deaths"], as_of=dt.date(2013, 6, 30))
    assert "dw-2013-02-12-01" in _ids(everything.estimates)
    # Pillay's "approaching 70,000" is not set against OHCHR's lower bound of 92,901.
    assert everything.spread == (
        "figures given as such: the highest figure (120,000) is 1.71 times the lowest (70,000); "
        "lower bounds: one figure only (92,901)"
    )
    recent = queries.compare(tables, ["syria-deaths"], as_of=dt.date(2013, 6, 30), within_days=90)
    assert "dw-2013-02-12-01" not in _ids(recent.estimates)
    assert recent.notes == ["left out as made more than 90 days before June 30, 2013: dw-2013-02-12-01"]
    assert recent.spread == (
        "figures given as such: the highest figure (120,000) is 1.20 times the lowest (100,191); "
        "lower bounds: one figure only (92,901)"
    )


@pytest.mark.parametrize("text, days", [("90d", 90), ("12w", 84), ("6m", 180), ("1y", 365), (" 2D ", 2)])
def test_an_age_is_read_in_days_weeks_months_or_years(text, days):
    assert queries.age_in_days(text) == days


def test_within_refuses_what_is_not_an_age():
    ran = run_claimtrack("compare", "syria-deaths", "--within", "ninety days", cwd=REPO)
    assert ran.returncode == 2
    assert "'ninety days' is not an age: write a number and d, w, m or y" in ran.stderr


def test_a_page_dated_to_the_month_only_is_known_by_the_months_last_day(tables):
    changed = _published(tables, "ea-worldview-1700-chechens-01", "2013-12")
    view = _by_id(claims_view(changed))
    assert view["ea-worldview-1700-chechens-01"]["known_by"] == dt.date(2013, 12, 31)
    # On December 15 it may not have been out yet; on January 1, 2014 it surely was.
    early = queries.compare(changed, ["chechen-fighters-in-syria"], as_of=dt.date(2013, 12, 15))
    assert early.estimates == [] and "ea-worldview-1700-chechens-01" in " ".join(early.notes)
    late = queries.compare(changed, ["chechen-fighters-in-syria"], as_of=dt.date(2014, 1, 1))
    assert _ids(late.estimates) == ["ea-worldview-1700-chechens-01"]
