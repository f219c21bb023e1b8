"""The story data itself: valid against the archived article, and holding the
figures the product brief names for the Moscow Times report of May 16, 2013."""

from __future__ import annotations

import pandas as pd
import pytest

from claimtrack.loading import load
from claimtrack.validation import validate
from conftest import REPO

MOSCOW_TIMES = "mt-2013-05-16"


@pytest.fixture(scope="module")
def claims() -> pd.DataFrame:
    return load(REPO).claims


def only(claims: pd.DataFrame, **where) -> pd.Series:
    """The one claim matching every column=value given."""
    match = claims
    for column, value in where.items():
        match = match[match[column] == value]
    assert len(match) == 1, f"expected one claim with {where}, found {len(match)}"
    return match.iloc[0]


def test_the_package_is_valid_with_quotes_checked_against_the_archived_article(corpus_dir):
    report = validate(REPO, archive=corpus_dir)
    assert report.problems == []
    assert f"{len(report.tables['claims'])} quotes checked against 1 archived text(s)" in report.notes[0]


def test_every_claim_is_read_in_the_moscow_times_article_for_now(claims):
    assert set(claims["source_id"]) == {MOSCOW_TIMES}


def test_the_observatory_count_of_at_least_94000_said_on_tuesday_is_recorded(claims):
    claim = only(claims, measure_id="syria-deaths", qualifier="at least")
    assert (claim.claimant_id, claim.low, claim.figure_text) == ("sohr", 94000, "at least 94,000")
    assert pd.isna(claim.value) and pd.isna(claim.high)
    assert (claim.said_on, claim.said_on_basis) == ("2013-05-14", "inferred from weekday")


def test_the_observatory_estimate_as_high_as_120000_is_recorded(claims):
    claim = only(claims, measure_id="syria-deaths", qualifier="as high as", claimant_id="sohr")
    assert (claim.high, claim.figure_text) == (120000, "as high as 120,000")
    assert pd.isna(claim.low) and pd.isna(claim.value)


def test_about_200_russian_citizens_fighting_with_the_rebels_is_recorded(claims):
    claim = only(claims, measure_id="russian-fighters-in-syria")
    assert (claim.qualifier, claim.value, claim.claimant_id) == ("about", 200, "alexander-bortnikov")


def test_several_kyrgyz_citizens_are_recorded_with_no_number(claims):
    claim = only(claims, measure_id="kyrgyz-fighters-in-syria")
    assert (claim.qualifier, claim.figure_text) == ("several", "Several")
    assert claim[["low", "value", "high"]].isna().all()


def test_the_june_10_to_12_working_date_is_recorded_as_not_realised(claims):
    claim = only(claims, measure_id="geneva-2-date", figure_text="June 10-12")
    assert (claim.date_from, claim.date_to) == (pd.Timestamp("2013-06-10"), pd.Timestamp("2013-06-12"))
    assert (claim.qualifier, claim.status) == ("between", "not realised")


def test_the_unnamed_official_reached_the_page_through_interfax(claims):
    official = claims[claims["claimant_id"] == "diplomatic-official-new-york"]
    assert len(official) > 0
    assert set(official["via_id"]) == {"interfax"}
