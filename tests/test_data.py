"""The story data itself: the Moscow Times report of May 16, 2013, and the record of
2012-2015 curated from the leads, each figure as its source gives it."""

from __future__ import annotations

import csv
import re

import pandas as pd
import pytest

from claimtrack.model import lists
from claimtrack.tracking import queries as tracking
from claimtrack.tracking import reading
from claimtrack.validation.loading import load
from claimtrack.validation.run import validate
from conftest import REPO

MOSCOW_TIMES = "mt-2013-05-16"
LEAD = re.compile(r"\bLead (L\d\d)\.")


@pytest.fixture(scope="module")
def tables():
    return load(REPO)


@pytest.fixture(scope="module")
def claims(tables) -> pd.DataFrame:
    return tables.claims


@pytest.fixture
def leads(leads_file) -> dict[str, dict]:
    with leads_file.open(encoding="utf-8", newline="") as handle:
        return {row["lead_id"]: row for row in csv.DictReader(handle)}


def only(claims: pd.DataFrame, **where) -> pd.Series:
    """The one claim matching every column=value given."""
    match = claims
    for column, value in where.items():
        match = match[match[column] == value]
    assert len(match) == 1, f"expected one claim with {where}, found {len(match)}"
    return match.iloc[0]


def lead_of(notes: pd.Series) -> pd.Series:
    return notes.fillna("").str.extract(LEAD, expand=False)


def test_the_package_is_valid_with_quotes_checked_against_the_archived_article(corpus_dir):
    report = validate(REPO, archive=corpus_dir)
    assert report.problems == []
    from_article = (report.tables["claims"]["source_id"] == MOSCOW_TIMES).sum()
    assert report.notes[0].startswith(f"{from_article} quotes checked against 1 archived text(s)")


# --- The article --------------------------------------------------------------------------------


def test_every_figure_of_the_article_is_a_claim_with_its_source(claims):
    article = claims[claims["source_id"] == MOSCOW_TIMES]
    assert len(article) == 16
    assert lead_of(article["note"]).isna().all()


def test_the_observatory_count_of_at_least_94000_said_on_tuesday_is_recorded(claims):
    claim = only(claims, source_id=MOSCOW_TIMES, measure_id="syria-deaths", qualifier="at least")
    assert (claim.claimant_id, claim.low, claim.figure_text) == ("sohr", 94000, "at least 94,000")
    assert pd.isna(claim.value) and pd.isna(claim.high)
    assert (claim.said_on, claim.said_on_basis) == ("2013-05-14", "inferred from weekday")


def test_the_observatory_estimate_as_high_as_120000_is_recorded(claims):
    claim = only(claims, source_id=MOSCOW_TIMES, measure_id="syria-deaths", qualifier="as high as")
    assert (claim.claimant_id, claim.high, claim.figure_text) == ("sohr", 120000, "as high as 120,000")
    assert pd.isna(claim.low) and pd.isna(claim.value)


def test_about_200_russian_citizens_fighting_with_the_rebels_is_recorded(claims):
    claim = only(claims, source_id=MOSCOW_TIMES, measure_id="russian-fighters-in-syria")
    assert (claim.qualifier, claim.value, claim.claimant_id) == ("about", 200, "alexander-bortnikov")


def test_several_kyrgyz_citizens_are_recorded_with_no_number(claims):
    claim = only(claims, source_id=MOSCOW_TIMES, measure_id="kyrgyz-fighters-in-syria")
    assert (claim.qualifier, claim.figure_text, claim.said_on_basis) == ("several", "Several", "not stated")
    assert claim[["low", "value", "high"]].isna().all()


def test_the_june_10_to_12_working_date_was_overtaken_never_realised(claims):
    claim = only(claims, source_id=MOSCOW_TIMES, measure_id="geneva-2-date", figure_text="June 10-12")
    assert (claim.date_from, claim.date_to) == (pd.Timestamp("2013-06-10"), pd.Timestamp("2013-06-12"))
    assert (claim.qualifier, claim.status) == ("between", "superseded")
    replacement = only(claims, claim_id=claim.settled_by)
    assert replacement.date_from > claim.date_to


def test_the_unnamed_official_reached_the_page_through_interfax(claims):
    official = claims[claims["claimant_id"] == "diplomatic-official-new-york"]
    assert len(official) == 2
    assert set(official["via_id"]) == {"interfax"} and set(official["via_relation"]) == {"told"}


# --- The record, 2012-2015 ----------------------------------------------------------------------


def test_every_lead_is_curated_as_a_claim_or_as_another_report_of_one(tables, leads):
    as_claims = lead_of(tables.claims["note"]).dropna()
    as_appearances = lead_of(tables.appearances["note"]).dropna()
    curated = list(as_claims) + list(as_appearances)
    # L45's caveat gives a figure of its own ("above 8,500"): the one lead with two claims.
    assert sorted(curated) == sorted([*leads, "L45"])


def test_the_observatory_statement_of_may_14_is_one_claim_reported_by_two_sources(tables):
    appearances = tables.appearances.set_index("claim_id")
    for claim_id, words in (
        ("mt-2013-05-16-09", "at least 94,000"),
        ("mt-2013-05-16-10", "likely to be as high as 120,000"),
    ):
        claim = only(tables.claims, claim_id=claim_id)
        assert claim.source_id == MOSCOW_TIMES
        again = appearances.loc[claim_id]
        assert (again.source_id, again.via_id, again.quote) == ("jpost-2013-05-14", "reuters", words)
    assert not (tables.claims["source_id"] == "jpost-2013-05-14").any()


# Where a lead's own caveat reads its figure otherwise than its columns, the caveat is
# kept: L45's "the true figure was above 8,500" is a claim of its own, not a best
# estimate within the range; L49's "'over 500' is a lower bound" leaves the range open.
CAVEAT_READINGS = {("L45", "value"): None, ("L49", "high"): None}


def test_each_lead_keeps_its_figure_its_wording_and_its_dates(tables, leads):
    claims = tables.claims.assign(lead=lead_of(tables.claims["note"])).dropna(subset=["lead"])
    # A claim read from a lead's caveat quotes the caveat's words.
    from_caveat = claims.apply(lambda c: c.quote != leads[c.lead]["wording"], axis=1)
    for claim in claims[from_caveat].itertuples():
        assert claim.quote in leads[claim.lead]["caveat"] and claim.figure_text in claim.quote, claim.claim_id
    assert list(claims.loc[from_caveat, "claim_id"]) == ["icsr-2013-12-17-02"]
    claims = claims[~from_caveat].set_index("lead")
    assert len(claims) == 51
    for lead_id, claim in claims.iterrows():
        lead = leads[lead_id]
        assert claim.quote == lead["wording"], lead_id  # the wording as the lead gives it, no sentence of ours
        assert claim.figure_text in lead["wording"], lead_id
        for column in ("low", "value", "high"):
            expected = int(lead[column]) if lead[column] else None
            expected = CAVEAT_READINGS.get((lead_id, column), expected)
            assert (None if pd.isna(claim[column]) else int(claim[column])) == expected, (lead_id, column)
        for column in ("date_from", "date_to"):
            expected = pd.Timestamp(lead[column]) if lead[column] else None
            assert (None if pd.isna(claim[column]) else claim[column]) == expected, (lead_id, column)
        assert claim.said_on == lead["said_on"], lead_id
        assert (claim.as_of if isinstance(claim.as_of, str) else "") == lead["as_of"], lead_id


def test_a_month_only_date_stays_a_month(claims):
    assert only(claims, figure_text="146,065").said_on == "2014-03"
    assert only(claims, figure_text="more than 40,000").as_of == "2014-03"


def test_the_same_body_is_one_claimant_everywhere(tables):
    names = tables.claimants["name"].str.lower().str.replace(r"\s*\(.*\)$", "", regex=True)
    assert not names.duplicated().any()
    observatory = tables.claims[tables.claims["claimant_id"] == "sohr"]
    assert len(observatory) > 20


def test_every_alias_is_in_the_claimants_own_name_or_a_name_the_leads_give_it(tables, leads):
    # An alias is a fact, as a figure is: the acronym or the full name the name itself
    # holds ("OHCHR" in "... (OHCHR)"), or a name the sources call the claimant by.
    called = " | ".join(lead["claimant"] for lead in leads.values())
    with_aliases = tables.claimants.dropna(subset=["aliases"])
    assert len(with_aliases) >= 3
    for claimant in with_aliases.itertuples():
        for alias in lists.items(claimant.aliases):
            assert alias in claimant.name or alias in called, (claimant.claimant_id, alias)


def test_figures_of_another_scope_are_other_measures(claims):
    vdc = claims[claims["claimant_id"] == "vdc"]
    assert set(vdc["measure_id"]) == {
        "syria-deaths-excluding-government-forces",
        "syria-deaths-march-2013-to-march-2014",
    }
    assert only(claims, figure_text="around 1,700").measure_id == "chechen-fighters-in-syria"
    assert only(claims, figure_text="exceeds 20,000").measure_id == "foreign-fighters-in-syria-and-iraq"


def test_compare_warns_that_the_death_toll_measures_are_not_comparable():
    result = tracking.compare(reading.read(REPO), ["death toll"])
    assert any("not comparable" in warning for warning in result.warnings)


def test_an_open_ended_date_has_no_latest_day(claims):
    claim = only(claims, figure_text="August at the earliest")
    assert (claim.qualifier, claim.date_from) == ("not before", pd.Timestamp("2013-08-01"))
    assert pd.isna(claim.date_to)


def test_the_conference_date_slips_from_claim_to_claim_until_it_is_realised(claims):
    dates = claims[claims["measure_id"] == "geneva-2-date"].set_index("claim_id")
    start = only(claims, figure_text="by the end of this month").claim_id
    chain = [start]
    while dates.loc[chain[-1], "status"] == "superseded":
        chain.append(dates.loc[chain[-1], "settled_by"])
    assert dates.loc[chain[-1], "status"] == "realised"
    assert dates.loc[chain[-1], "date_from"] == pd.Timestamp("2014-01-22")
    proposed = dates[dates["stance"] == "asserts"]
    assert set(proposed["status"]) == {"superseded", "realised", "not realised"}
    # The late-May hopes the article calls dashed did not come true: not overtaken by a claim.
    assert dates.loc[only(claims, figure_text="a late-May date").claim_id, "status"] == "not realised"
    # Both "early June"s were overtaken by Brahimi's June 5 word that June was not possible.
    early = dates[dates["figure_text"] == "early June"]
    assert len(early) == 2 and set(early["settled_by"]) == {"al-jazeera-2013-06-05-01"}


# The source's own words of uncertainty, claim by claim, as the quotes have them.
HEDGES = {
    "mt-2013-05-16-01": "likely",
    "mt-2013-05-16-02": "working date",
    "mt-2013-05-16-04": "hopes",
    "mt-2013-05-16-06": "may have",
    "mt-2013-05-16-10": "likely",
    "dw-2013-02-12-01": "probably",
    "chicago-tribune-2013-05-07-01": "possibly",
    "reuters-2013-05-13-01": "possibly",
    "al-jazeera-2013-06-05-01": "might",
}


def test_every_hedge_the_sources_give_is_recorded_and_no_other(claims):
    hedged = claims.dropna(subset=["hedge"]).set_index("claim_id")["hedge"].to_dict()
    assert hedged == HEDGES


def test_a_denial_and_a_doubt_are_stances_not_bounds(claims):
    against = claims[claims["stance"] != "asserts"].set_index("claim_id")
    assert against["stance"].to_dict() == {"businessline-regime-agrees-01": "denies", "reuters-2013-06-25-01": "doubts"}
    assert against["qualifier"].to_dict() == {"businessline-regime-agrees-01": "on", "reuters-2013-06-25-01": "between"}


def test_figures_are_stored_as_the_sources_bound_them(claims):
    by_id = claims.set_index("claim_id")
    # "a war that may have cost 120,000 lives": a possible figure, hedged, not an upper bound.
    assert by_id.loc["mt-2013-05-16-06", ["qualifier", "value", "hedge"]].tolist() == ["exact", 120000, "may have"]
    # ICSR's range carries no best estimate of the desk's; "above 8,500" is a claim of its own.
    assert pd.isna(by_id.loc["icsr-2013-12-17-01", "value"])
    above = only(claims, figure_text="above 8,500")
    assert (above.qualifier, above.low) == ("more than", 8500)
    # "ranging from 225 to over 500": the top is open, so the figure is at least 225.
    kyrgyz = by_id.loc["rferl-kyrgyzstan-dispute-number-01"]
    assert (kyrgyz["qualifier"], kyrgyz["low"]) == ("at least", 225) and pd.isna(kyrgyz["high"])
    # The lead calls the day of The Hill's figure uncertain.
    assert by_id.loc["the-hill-death-toll-tops-120000-01", "said_on_basis"] == "approximate"


def test_running_totals_are_not_retractions(claims):
    tolls = claims[claims["measure_id"] == "syria-deaths"]
    assert set(tolls["status"]) == {"reported"}
