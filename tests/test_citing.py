"""claimtrack.tracking.citing: the attribution sentence a reporter pastes into copy.

Most tests build the sentence from small rows of text, as the CSV files hold them
(an empty cell is ""), so that each qualifier, each kind of claimant and each way a
claim travels is proven on its own; the rest check every claim of the real package.
"""

from __future__ import annotations

import csv
import re

import pytest

from claimtrack.model.package import read_package
from claimtrack.tracking import citing, style
from conftest import REPO, run_claimtrack
from published import edit_rows

CLAIM_COLUMNS = read_package(REPO).resource("claims").field_names

# Measures, as their `sentence` column has them.
DEATHS = {"kind": "count", "sentence": "{figure} people had been killed in the Syrian conflict"}
MEMBERS = {"kind": "count", "sentence": "the Arctic Council has {figure} member [nation|nations]"}
MEETING = {
    "kind": "duration",
    "sentence": "John Kerry and Sergei Lavrov met in Kiruna, Sweden, for {figure} [hour|hours]",
}
CONFERENCE = {"kind": "date", "sentence": "the Geneva II peace conference on Syria would take place {figure}"}

# Claimants, as claimants.csv has them.
SOHR = {
    "name": "Syrian Observatory for Human Rights",
    "kind": "organisation",
    "role": "",
    "stance": "pro-opposition",
    "description": "a British-based monitoring group",
}
BORTNIKOV = {
    "name": "Alexander Bortnikov",
    "kind": "person",
    "role": "head of Russia's Federal Security Service",
    "stance": "",
    "description": "",
}
OFFICIAL = {
    "name": "an unnamed diplomatic official in New York",
    "kind": "anonymous official",
    "role": "diplomatic official in New York",
}
UNATTRIBUTED = {"name": "unattributed", "kind": "unattributed"}
INTERFAX = {"name": "Interfax", "kind": "news organisation"}
REUTERS = {"name": "Reuters", "kind": "news organisation"}
THE_MOSCOW_TIMES = {"name": "The Moscow Times", "kind": "news organisation"}

MOSCOW_TIMES = {"publisher": "The Moscow Times", "published_on": "2013-05-16"}

SOHR_SAID = (
    "the pro-opposition Syrian Observatory for Human Rights, a British-based monitoring group, "
    "said on May 14, 2013, according to The Moscow Times (May 16, 2013)."
)


def claim(**cells: str) -> dict[str, str]:
    """A claims.csv row as text: every column empty but those given."""
    row = dict.fromkeys(CLAIM_COLUMNS, "")
    row.update(said_on="2013-05-14", said_on_basis="inferred from weekday", status="reported")
    row.update(cells)
    return row


def sentence(row, measure=DEATHS, claimant=SOHR, via=None, source=MOSCOW_TIMES) -> str:
    return citing.sentence(row, measure, claimant, via, source)


# --- each qualifier ---------------------------------------------------------------

NUMBER_QUALIFIERS = {
    "about": (dict(value="200"), "About 200 people had been killed in the Syrian conflict"),
    "nearly": (dict(value="95000"), "Nearly 95,000 people had been killed in the Syrian conflict"),
    "at least": (dict(low="94000"), "At least 94,000 people had been killed in the Syrian conflict"),
    "more than": (dict(low="100000"), "More than 100,000 people had been killed in the Syrian conflict"),
    "as high as": (dict(high="120000"), "As many as 120,000 people had been killed in the Syrian conflict"),
    "up to": (dict(high="120000"), "Up to 120,000 people had been killed in the Syrian conflict"),
    "range": (dict(low="3300", high="11000"), "Between 3,300 and 11,000 people had been killed in the Syrian conflict"),
    "approximate range": (
        dict(low="300", high="400"),
        "Around 300 to 400 people had been killed in the Syrian conflict",
    ),
    "several": ({}, "Several people had been killed in the Syrian conflict"),
}


@pytest.mark.parametrize("qualifier", NUMBER_QUALIFIERS)
def test_each_number_qualifier_reads_in_words_before_its_figure(qualifier):
    bounds, clause = NUMBER_QUALIFIERS[qualifier]
    assert sentence(claim(qualifier=qualifier, **bounds)) == f"{clause}, {SOHR_SAID}"


def test_an_exact_figure_reads_as_the_bare_number():
    row = claim(qualifier="exact", value="8")
    assert sentence(row, MEMBERS).startswith("The Arctic Council has eight member nations, ")
    row = claim(qualifier="exact", value="94000")
    assert sentence(row, {"sentence": "the toll rose to {figure}"}).startswith("The toll rose to 94,000, ")


def test_an_exact_figure_of_10_or_more_never_opens_the_sentence_in_digits():
    text = sentence(claim(qualifier="exact", value="94000"))
    assert text[0].isupper(), text


DATE_QUALIFIERS = {
    "on": (dict(date_from="2013-06-10", date_to="2013-06-10"), "on June 10, 2013"),
    "between, in one month": (dict(date_from="2013-06-10", date_to="2013-06-12"), "between June 10 and 12, 2013"),
    "between, across two months": (
        dict(date_from="2013-05-30", date_to="2013-06-02"),
        "between May 30 and June 2, 2013",
    ),
    "between, a whole month": (dict(date_from="2012-06-01", date_to="2012-06-30"), "in June 2012"),
    "between, a whole year": (dict(date_from="2014-01-01", date_to="2014-12-31"), "in 2014"),
    "between, a Monday-to-Sunday week": (
        dict(date_from="2013-05-06", date_to="2013-05-12"),
        "in the week of May 6, 2013",
    ),
    "not before, the first of a month": (dict(date_from="2013-08-01"), "in August 2013 at the earliest"),
    "not before, another day": (dict(date_from="2013-08-05"), "no earlier than August 5, 2013"),
    "not after, December 31": (dict(date_to="2014-12-31"), "by the end of 2014"),
    "not after, the last of a month": (dict(date_to="2013-06-30"), "by the end of June 2013"),
    "not after, another day": (dict(date_to="2013-06-15"), "by June 15, 2013"),
}


@pytest.mark.parametrize("case", DATE_QUALIFIERS)
def test_each_date_qualifier_reads_as_a_reader_would_say_the_date(case):
    bounds, phrase = DATE_QUALIFIERS[case]
    row = claim(qualifier=case.split(",")[0], **bounds)
    expected = f"The Geneva II peace conference on Syria would take place {phrase}, {SOHR_SAID}"
    assert sentence(row, CONFERENCE) == expected


SPOKEN_AGAINST = {"denies": "denied", "doubts": "doubted"}


@pytest.mark.parametrize("stance", SPOKEN_AGAINST)
def test_a_denied_or_doubted_date_says_the_claimant_spoke_against_it(stance):
    row = claim(stance=stance, qualifier="on", date_from="2013-06-10", date_to="2013-06-10")
    text = sentence(row, CONFERENCE)
    # The claimant opens the sentence: the date is what they spoke against, not a figure they gave.
    assert text.startswith(
        "The pro-opposition Syrian Observatory for Human Rights, a British-based monitoring group, "
        f"{SPOKEN_AGAINST[stance]} on May 14, 2013"
    )
    assert " that the Geneva II peace conference on Syria would take place on June 10, 2013, " in text
    assert text.endswith(", according to The Moscow Times (May 16, 2013).")
    assert text.count(" said") == 0


def test_every_stance_in_the_schema_has_a_test_here():
    fields = {f["name"]: f for f in read_package(REPO).resource("claims").fields}
    assert set(fields["stance"]["constraints"]["enum"]) == {"asserts", *SPOKEN_AGAINST}


def _schema_qualifiers() -> list[str]:
    fields = {f["name"]: f for f in read_package(REPO).resource("claims").fields}
    return fields["qualifier"]["constraints"]["enum"]


def test_every_qualifier_in_the_schema_has_a_test_here():
    tested = {"exact"} | set(NUMBER_QUALIFIERS) | {case.split(",")[0] for case in DATE_QUALIFIERS}
    assert set(_schema_qualifiers()) <= tested


# --- numbers and plurals ------------------------------------------------------------


@pytest.mark.parametrize(
    "value, figure",
    [("1", "one"), ("2", "two"), ("9", "nine"), ("10", "10"), ("2000", "2,000")],
)
def test_one_to_nine_are_spelled_out_and_10_and_up_have_commas(value, figure):
    row = claim(qualifier="about", value=value)
    assert sentence(row).startswith(f"About {figure} people had been killed")


@pytest.mark.parametrize(
    "qualifier, bounds, phrase",
    [
        ("about", dict(value="1"), "for about one hour"),
        ("exact", dict(value="1"), "for one hour"),
        ("about", dict(value="2"), "for about two hours"),
        ("more than", dict(low="1"), "for more than one hour"),
        ("range", dict(low="1", high="2"), "for between one and two hours"),
        ("several", {}, "for several hours"),
    ],
)
def test_a_unit_is_singular_only_when_the_number_is_one(qualifier, bounds, phrase):
    row = claim(qualifier=qualifier, **bounds)
    assert sentence(row, MEETING).startswith(f"John Kerry and Sergei Lavrov met in Kiruna, Sweden, {phrase}, ")


def test_a_plural_choice_reads_the_plural_for_eight():
    assert sentence(claim(qualifier="exact", value="8"), MEMBERS).startswith(
        "The Arctic Council has eight member nations"
    )
    assert sentence(claim(qualifier="exact", value="1"), MEMBERS).startswith(
        "The Arctic Council has one member nation,"
    )


# --- who said it, how it travelled, when ------------------------------------------------


def test_an_organisation_is_introduced_with_its_stance_and_description():
    assert sentence(claim(qualifier="at least", low="94000")) == (
        "At least 94,000 people had been killed in the Syrian conflict, " + SOHR_SAID
    )


def test_a_leading_the_in_an_organisations_name_is_lower_case_mid_sentence():
    un = {"name": "The United Nations", "kind": "organisation", "stance": "", "description": ""}
    text = sentence(claim(qualifier="more than", low="100000"), claimant=un)
    assert ", the United Nations said on May 14, 2013, according to" in text


def test_a_person_with_a_role_is_introduced_as_the_holder_of_it():
    row = claim(qualifier="about", value="200", said_on="2013-05-15")
    assert sentence(row, claimant=BORTNIKOV) == (
        "About 200 people had been killed in the Syrian conflict, Alexander Bortnikov, the head of Russia's "
        "Federal Security Service, said on May 15, 2013, according to The Moscow Times (May 16, 2013)."
    )


def test_a_role_that_starts_with_an_article_keeps_it():
    spokesman = dict(BORTNIKOV, name="Ivan Petrov", role="a spokesman for the Foreign Ministry")
    text = sentence(claim(qualifier="about", value="200"), claimant=spokesman)
    assert ", Ivan Petrov, a spokesman for the Foreign Ministry, said on May 14, 2013," in text


def test_an_unattributed_claim_says_the_source_does_not_say_who_said_so():
    row = claim(
        qualifier="between", date_from="2013-05-21", date_to="2013-05-31", said_on="", said_on_basis="not stated"
    )
    assert sentence(row, CONFERENCE, UNATTRIBUTED) == (
        "The Geneva II peace conference on Syria would take place between May 21 and 31, 2013, "
        "according to The Moscow Times (May 16, 2013), which does not say who said so."
    )


def test_the_publishers_own_statement_reads_reported_on_the_day():
    row = claim(qualifier="up to", high="120000", said_on="2013-05-16", said_on_basis="publication date")
    assert sentence(row, claimant=THE_MOSCOW_TIMES) == (
        "Up to 120,000 people had been killed in the Syrian conflict, The Moscow Times reported on May 16, 2013."
    )


def test_a_claim_told_to_a_news_agency_says_told_and_according_to_the_publisher():
    row = claim(
        qualifier="between", date_from="2013-06-10", date_to="2013-06-12", said_on="2013-05-16", via_relation="told"
    )
    assert sentence(row, CONFERENCE, OFFICIAL, INTERFAX) == (
        "The Geneva II peace conference on Syria would take place between June 10 and 12, 2013, an unnamed "
        "diplomatic official in New York told Interfax on May 16, 2013, according to The Moscow Times (May 16, 2013)."
    )


def test_a_claim_told_to_the_publisher_itself_needs_no_according_to():
    row = claim(qualifier="about", value="200", via_relation="told")
    text = sentence(row, claimant=BORTNIKOV, via=THE_MOSCOW_TIMES)
    assert text.endswith(
        ", Alexander Bortnikov, the head of Russia's Federal Security Service, told The Moscow Times on May 14, 2013."
    )


def test_a_claim_reported_by_another_outlet_names_it_and_the_publisher():
    row = claim(qualifier="at least", low="94000", via_relation="reported by")
    text = sentence(row, via=REUTERS)
    said = (
        "the pro-opposition Syrian Observatory for Human Rights, a British-based monitoring group, said on May 14, 2013"
    )
    assert text.startswith(f"At least 94,000 people had been killed in the Syrian conflict, {said}, according to ")
    assert text.endswith("The Moscow Times (May 16, 2013).")
    attribution = text[len(f"At least 94,000 people had been killed in the Syrian conflict, {said}, ") :]
    assert attribution in (
        "according to a Reuters report published by The Moscow Times (May 16, 2013).",
        "according to Reuters, as published by The Moscow Times (May 16, 2013).",
    )


def test_a_claim_reported_by_the_publisher_itself_reads_according_to_it():
    row = claim(qualifier="at least", low="94000", via_relation="reported by")
    assert sentence(row, via=THE_MOSCOW_TIMES).endswith(
        "monitoring group, said on May 14, 2013, according to The Moscow Times (May 16, 2013)."
    )


@pytest.mark.parametrize(
    "said_on, words",
    [("2014-03", "said in March 2014,"), ("2014", "said in 2014,"), ("2013-05-14", "said on May 14, 2013,")],
)
def test_the_day_month_or_year_the_claim_was_made_is_said(said_on, words):
    row = claim(qualifier="at least", low="94000", said_on=said_on, said_on_basis="stated")
    assert f" {words} according to The Moscow Times" in sentence(row)


def test_a_claim_with_no_date_just_says_said():
    row = claim(qualifier="several", said_on="", said_on_basis="not stated")
    assert sentence(row).endswith(
        " a British-based monitoring group, said, according to The Moscow Times (May 16, 2013)."
    )


def test_a_source_with_no_publication_date_is_named_without_one():
    source = {"publisher": "The Moscow Times", "published_on": ""}
    assert sentence(claim(qualifier="at least", low="94000"), source=source).endswith(
        "said on May 14, 2013, according to The Moscow Times."
    )


# --- the real package ----------------------------------------------------------------------


def _real_claims() -> list[dict[str, str]]:
    with (REPO / "data" / "claims.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _rows(resource: str, key: str) -> dict[str, dict[str, str]]:
    with (REPO / "data" / f"{resource}.csv").open(encoding="utf-8-sig", newline="") as handle:
        return {row[key]: row for row in csv.DictReader(handle)}


REAL_CLAIMS = _real_claims()


@pytest.mark.parametrize("row", REAL_CLAIMS, ids=[row["claim_id"] for row in REAL_CLAIMS])
def test_every_real_claim_gets_a_sentence_naming_who_where_and_when(row):
    claimant = _rows("claimants", "claimant_id")[row["claimant_id"]]
    source = _rows("sources", "source_id")[row["source_id"]]
    text = citing.cite(REPO, row["claim_id"])
    assert text[0].isupper(), text
    assert text.endswith(".") and not text.endswith(".."), text
    assert "  " not in text and ",," not in text and " ," not in text and "{" not in text and "[" not in text, text
    if claimant["kind"] == "unattributed":
        assert "which does not say who said so" in text or "without saying who said so" in text
    else:
        assert claimant["name"].removeprefix("The ").lower() in text.lower()
    assert source["publisher"] in text
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["said_on"]):
        assert style.day(row["said_on"]) in text


REAL_SENTENCES = {
    "mt-2013-05-16-09": "At least 94,000 people had been killed in the Syrian conflict, the pro-opposition Syrian "
    "Observatory for Human Rights, a British-based monitoring group, said on May 14, 2013, according to The Moscow "
    "Times (May 16, 2013).",
    # The Observatory called its upper estimate likely; "as high as" is said of a toll, not of people.
    "mt-2013-05-16-10": "The pro-opposition Syrian Observatory for Human Rights, a British-based monitoring group, "
    'said on May 14, 2013, hedging with "likely", that as many as 120,000 people had been killed in the Syrian '
    "conflict, according to The Moscow Times (May 16, 2013).",
    # A working date, in the source's words; "June 10-12" needs no reading.
    "mt-2013-05-16-02": "An unnamed diplomatic official in New York told Interfax on May 16, 2013, hedging with "
    '"working date", that the Geneva II peace conference on Syria would take place on June 10-12, according to '
    "The Moscow Times (May 16, 2013).",
    # "The second week of June" is the source's; June 8-14 is the desk's reading, marked.
    "mt-2013-05-16-01": "An unnamed diplomatic official in New York told Interfax on May 16, 2013, hedging with "
    '"likely", that the Geneva II peace conference on Syria would take place in the second week of June (June '
    "8-14, 2013, as the desk reads it), according to The Moscow Times (May 16, 2013).",
    "mt-2013-05-16-16": "Several citizens of Kyrgyzstan had joined the rebels in Syria, Beishenbai Zhunusov, the head "
    "of the Kyrgyz security service, said, according to The Moscow Times (May 16, 2013).",
    # "a war that may have cost 120,000 lives": a figure given as a possibility, not an upper bound.
    "mt-2013-05-16-06": 'The Moscow Times reported on May 16, 2013, hedging with "may have", that 120,000 people '
    "had been killed in the Syrian conflict.",
    "mt-2013-05-16-03": "John Kerry and Sergei Lavrov first proposed the conference last week (May 6-12, 2013, as "
    "the desk reads it), The Moscow Times reported on May 16, 2013.",
    # Hopes the article reports, not a date anyone gave.
    "mt-2013-05-16-04": "The Moscow Times reported on May 16, 2013, without saying who said so and hedging with "
    '"hopes", that the Geneva II peace conference on Syria would take place on a late-May date (May 21-31, 2013, '
    "as the desk reads it).",
    "mt-2013-05-16-12": "John Kerry and Sergei Lavrov met in Kiruna, Sweden, for about one hour, The Moscow Times "
    "reported on May 16, 2013.",
    "mt-2013-05-16-14": "About 200 Russian citizens were fighting alongside rebels in Syria, Alexander Bortnikov, the "
    "head of Russia's Federal Security Service, said on May 15, 2013, according to The Moscow Times (May 16, 2013).",
    "mt-2013-05-16-15": "Most foreign combat troops were to leave Afghanistan by the end of 2014, Alexander Bortnikov, "
    "the head of Russia's Federal Security Service, said on May 15, 2013, according to The Moscow Times (May 16, 2013).",
    # The Observatory's description is the Moscow Times's: another outlet's claim is not given it.
    "correio-braziliense-2012-08-14-01": "The Syrian Observatory for Human Rights said on August 14, 2012, that "
    "23,002 people had been killed in the Syrian conflict, according to AFP, as published by Correio Braziliense "
    "(August 14, 2012).",
    # The lead calls the day uncertain.
    "the-hill-death-toll-tops-120000-01": "The Syrian Observatory for Human Rights said around October 31, 2013, "
    "that 120,296 people had been killed in the Syrian conflict, according to The Hill.",
    "businessline-regime-agrees-01": "Alexander Lukashevich, the Russian foreign ministry spokesman, denied on May "
    "24, 2013, that the Geneva II peace conference on Syria would take place on June 10, according to AFP, as "
    "published by The Hindu BusinessLine.",
    "al-jazeera-2013-06-05-01": "Lakhdar Brahimi, the UN-Arab League envoy, said on June 5, 2013, hedging with "
    '"might", that the Geneva II peace conference on Syria would take place in July, according to Al Jazeera '
    "(June 5, 2013).",
    "reuters-2013-06-25-01": "Lakhdar Brahimi, the UN-Arab League envoy, doubted on June 25, 2013, that the Geneva "
    "II peace conference on Syria would take place in July, according to Reuters (June 25, 2013).",
    "al-bawaba-2013-06-26-01": "The Geneva II peace conference on Syria would take place in August at the earliest, "
    "the US Department of State said around June 26, 2013, according to AFP, as published by Al Bawaba (June 26, "
    "2013).",
    # "Over 500" is itself open: the figures ran from 225 up, in the source's words.
    "rferl-kyrgyzstan-dispute-number-01": "From 225 to over 500 citizens of Kyrgyzstan had joined the rebels in "
    "Syria, several Kyrgyz politicians said around December 23, 2014, according to Radio Free Europe/Radio Liberty.",
    "geo-tv-2014-01-22-01": "The Geneva II peace conference on Syria would take place on Wednesday (January 22, 2014, "
    "as the desk reads it), Ban Ki-moon, the UN Secretary-General, said on January 22, 2014, according to AFP, as "
    "published by Geo TV (January 22, 2014).",
}


@pytest.mark.parametrize("claim_id", REAL_SENTENCES)
def test_real_claims_read_exactly_as_a_reporter_would_write_them(claim_id):
    assert citing.cite(REPO, claim_id) == REAL_SENTENCES[claim_id]


def test_a_date_in_the_middle_of_a_sentence_has_a_comma_after_its_year():
    assert citing.cite(REPO, "mt-2013-05-16-05") == (
        "John Kerry and Sergei Lavrov said on Wednesday (May 15, 2013, as the desk reads it) that they believed "
        "they could pull off the peace talks on Syria, The Moscow Times reported on May 16, 2013."
    )
    assert citing.cite(REPO, "mt-2013-05-16-09").count("May 14, 2013, according") == 1


# --- no more than the source said ------------------------------------------------------------


@pytest.mark.parametrize(
    "figure_text, date_from, date_to, phrase",
    [
        ("June 10-12", "2013-06-10", "2013-06-12", "on June 10-12"),
        ("July", "2013-07-01", "2013-07-31", "in July"),
        ("January 22, 2014", "2014-01-22", "2014-01-22", "on January 22, 2014"),
        ("by the end of 2014", "", "2014-12-31", "by the end of 2014"),
        ("August at the earliest", "2013-08-01", "", "in August at the earliest"),
        ("the second week of June", "2013-06-08", "2013-06-14", "in the second week of June (June 8-14, 2013, as the desk reads it)"),
        ("a late-May date", "2013-05-21", "2013-05-31", "on a late-May date (May 21-31, 2013, as the desk reads it)"),
        ("early June", "2013-06-01", "2013-06-10", "in early June (June 1-10, 2013, as the desk reads it)"),
        ("on Wednesday", "2014-01-22", "2014-01-22", "on Wednesday (January 22, 2014, as the desk reads it)"),
        ("the day of the summit", "2013-06-30", "2013-06-30", "on the day of the summit (June 30, 2013, as the desk reads it)"),
        ("Geneva communique", "2012-06-30", "2012-06-30", 'on June 30, 2012 (as the desk reads "Geneva communique")'),
    ],
)  # fmt: skip
def test_a_date_is_given_in_the_sources_words_and_a_reading_is_marked_as_the_desks(
    figure_text, date_from, date_to, phrase
):
    qualifier = (
        "on"
        if date_from == date_to
        else "between"
        if date_from and date_to
        else "not before"
        if date_from
        else "not after"
    )
    row = claim(figure_text=figure_text, qualifier=qualifier, date_from=date_from, date_to=date_to)
    assert (
        sentence(row, CONFERENCE) == f"The Geneva II peace conference on Syria would take place {phrase}, {SOHR_SAID}"
    )


@pytest.mark.parametrize(
    "figure_text, bounds, opening",
    [
        ("at least 94,000", dict(qualifier="at least", low="94000"), "At least 94,000 people"),
        ("approximately 12,000", dict(qualifier="about", value="12000"), "Approximately 12,000 people"),
        ("some 100", dict(qualifier="about", value="100"), "Some 100 people"),
        ("up to 1.4 million", dict(qualifier="up to", high="1400000"), "Up to 1.4 million people"),
        ("around 300-400", dict(qualifier="approximate range", low="300", high="400"), "Around 300-400 people"),
        ("at least 93,000 (92,901 documented)", dict(qualifier="at least", low="92901"), "At least 93,000 (92,901 documented) people"),
        # Words said of a toll rather than of people, and verbs, read in the qualifier's words.
        ("as high as 120,000", dict(qualifier="as high as", high="120000"), "As many as 120,000 people"),
        ("above 8,500", dict(qualifier="more than", low="8500"), "More than 8,500 people"),
        ("exceeds 20,000", dict(qualifier="more than", low="20000"), "More than 20,000 people"),
    ],
)  # fmt: skip
def test_a_number_is_given_in_the_sources_words_where_they_read_before_a_noun(figure_text, bounds, opening):
    assert sentence(claim(figure_text=figure_text, **bounds)).startswith(
        f"{opening} had been killed in the Syrian conflict, "
    )


def test_a_round_million_reads_in_millions_even_in_the_desks_words():
    assert sentence(claim(qualifier="up to", high="1400000")).startswith("Up to 1.4 million people had been killed")
    assert style.count(1_400_000) == "1.4 million" and style.count(1_400_001) == "1,400,001"


@pytest.mark.parametrize("hedge", ["likely", "probably", "possibly", "might", "working date", "may have"])
def test_a_hedged_figure_is_never_stated_flatly(hedge):
    row = claim(qualifier="at least", low="94000", hedge=hedge)
    text = sentence(row)
    assert text == (
        "The pro-opposition Syrian Observatory for Human Rights, a British-based monitoring group, said on May 14, "
        f'2013, hedging with "{hedge}", that at least 94,000 people had been killed in the Syrian conflict, '
        "according to The Moscow Times (May 16, 2013)."
    )


def test_a_hedged_claim_of_a_publisher_or_of_no_one_carries_the_hedge_too():
    row = claim(
        qualifier="exact", value="120000", hedge="may have", said_on="2013-05-16", said_on_basis="publication date"
    )
    assert '"may have"' in sentence(row, claimant=THE_MOSCOW_TIMES)
    assert '"may have"' in sentence(row, claimant=UNATTRIBUTED)


def test_every_hedge_in_the_package_is_in_its_cite():
    hedged = [row for row in REAL_CLAIMS if row["hedge"]]
    assert len(hedged) >= 8
    for row in hedged:
        assert f'"{row["hedge"]}"' in citing.cite(REPO, row["claim_id"]), row["claim_id"]


def test_a_claimants_description_is_given_only_where_the_report_gives_it():
    said = "The pro-opposition Syrian Observatory for Human Rights, a British-based monitoring group, said"
    assert sentence(claim(qualifier="exact", value="23002", quote=f"{said} 23,002 were killed.")).startswith(
        "The pro-opposition Syrian Observatory for Human Rights, a British-based monitoring group, said on May 14"
    )
    other = sentence(claim(qualifier="exact", value="23002", quote="The toll stood at 23,002, the Observatory said."))
    assert other.startswith("The Syrian Observatory for Human Rights said on May 14, 2013, that 23,002 people")


@pytest.mark.parametrize(
    "basis, words",
    [
        ("stated", " said on May 14, 2013, according to"),
        ("inferred from weekday", " said on May 14, 2013, according to"),
        ("approximate", " said around May 14, 2013, according to"),
        # The page's own day is the outlet's date, given once: the source does not say when it was said.
        ("publication date", " said, according to"),
    ],
)
def test_when_it_was_said_is_no_surer_than_the_source(basis, words):
    assert words in sentence(claim(qualifier="at least", low="94000", said_on="2013-05-14", said_on_basis=basis))


def test_a_month_known_only_approximately_reads_around_the_month():
    row = claim(qualifier="at least", low="94000", said_on="2013-12", said_on_basis="approximate")
    assert " said around December 2013, according to" in sentence(row)


def test_cite_refuses_an_unknown_claim_naming_the_file():
    with pytest.raises(citing.CiteError, match=r"there is no claim 'no-such-claim' in data/claims.csv"):
        citing.cite(REPO, "no-such-claim")


# --- claimtrack cite --------------------------------------------------------------------------


def test_cite_prints_one_sentence_per_claim_in_the_order_given():
    result = run_claimtrack("cite", "mt-2013-05-16-09", "mt-2013-05-16-02", cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [REAL_SENTENCES["mt-2013-05-16-09"], REAL_SENTENCES["mt-2013-05-16-02"]]
    assert result.stderr == ""


def test_cite_of_an_unknown_claim_exits_1_with_a_clear_message(tmp_path):
    result = run_claimtrack("cite", "-p", REPO, "mt-2013-05-16-99", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Error: there is no claim 'mt-2013-05-16-99' in data/claims.csv; did you mean mt-2013-05-16-09, "
        "mt-2013-05-16-16, mt-2013-05-16-15?\n"
    )


def test_cite_stops_at_the_first_unknown_claim_after_printing_the_known_ones():
    result = run_claimtrack("cite", "mt-2013-05-16-09", "nope", "mt-2013-05-16-02", cwd=REPO)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [REAL_SENTENCES["mt-2013-05-16-09"]]
    assert "there is no claim 'nope'" in result.stderr


def test_cite_without_a_claim_id_is_a_usage_error():
    result = run_claimtrack("cite", cwd=REPO)
    assert result.returncode == 2
    assert "Missing argument 'CLAIM_ID...'" in result.stderr


@pytest.mark.parametrize(
    "name, kind, article, expected",
    [
        ("Eastland's Ministry of Health", "government body", "", "Eastland's Ministry of Health"),
        ("Eastland’s Ministry of Health", "government body", "", "Eastland’s Ministry of Health"),
        ("Flood Relief Agency", "government body", "", "the Flood Relief Agency"),
        ("The Flood Relief Agency", "organisation", "", "the Flood Relief Agency"),
        # The data's article where the kind does not say it.
        ("Widget Council", "organisation", "none", "Widget Council"),
        ("Widget Council", "group of people", "the", "the Widget Council"),
        ("Widget Council", "group of people", "", "Widget Council"),
    ],
)
def test_a_body_is_named_with_the_article_a_reporter_uses(name, kind, article, expected):
    # "The Eastland's Ministry of Health" is no English: a possessive takes no article.
    claimant = {"name": name, "kind": kind, "article": article}
    assert citing.named(claimant) == expected
    assert f", {expected} said on May 14, 2013," in sentence(
        claim(qualifier="at least", low="94000"), claimant=claimant
    )


def test_a_page_dated_to_the_month_only_is_cited_with_its_month():
    source = {"publisher": "The Moscow Times", "published_on": "2013-12"}
    assert sentence(claim(qualifier="at least", low="94000"), source=source).endswith(
        "said on May 14, 2013, according to The Moscow Times (December 2013)."
    )


def test_a_publisher_that_takes_the_article_gets_it_mid_sentence_and_at_the_start():
    tribune = {"publisher": "Chicago Tribune", "publisher_article": "the", "published_on": "2013-05-07"}
    text = sentence(claim(qualifier="at least", low="94000", via_relation="reported by"), via=REUTERS, source=tribune)
    assert text.endswith("according to Reuters, as published by the Chicago Tribune (May 7, 2013).")
    hedged = claim(qualifier="exact", value="120000", hedge="may have", said_on="", said_on_basis="not stated")
    assert sentence(hedged, claimant=UNATTRIBUTED, source=tribune).startswith("The Chicago Tribune reported on May 7")
    plain = {"publisher": "Reuters", "published_on": "2013-05-07"}
    assert "according to Reuters (May 7, 2013)" in sentence(claim(qualifier="at least", low="94000"), source=plain)


@pytest.mark.parametrize(
    "column, value, problem",
    [
        ("said_on", "16/05/2013", 'column said_on, value "16/05/2013": '),
        ("low", "94 000", 'column low, value "94 000": '),
        ("qualifier", "range", "column high, value \"\": 'range' needs high, which is empty [qualifier-bounds]"),
    ],
    ids=["slashed-date", "spaced-number", "range-without-high"],
)
def test_cite_of_a_malformed_claim_names_the_problem_instead_of_crashing(real_package, column, value, problem):
    edit_rows(real_package / "data" / "claims.csv", "mt-2013-05-16-09", "claim_id", **{column: lambda _: value})
    result = run_claimtrack("cite", "mt-2013-05-16-09", cwd=real_package)
    assert result.returncode == 1
    assert result.stdout == ""
    assert f"  data/claims.csv, line 10, {problem}" in result.stderr
    assert result.stderr.splitlines()[-1] == (
        "Error: claim mt-2013-05-16-09 cannot be cited: its row, or a row it points at, has a problem (above); "
        "fix it first, or run claimtrack validate"
    )


def test_cite_of_a_claim_whose_claimant_has_no_kind_names_the_claimants_row(real_package):
    edit_rows(real_package / "data" / "claimants.csv", "sohr", "claimant_id", kind=lambda _: "")
    result = run_claimtrack("cite", "mt-2013-05-16-09", cwd=real_package)
    assert result.returncode == 1
    assert "data/claimants.csv, line " in result.stderr
    assert "kind must not be empty: give one of person, organisation, government body" in result.stderr


def test_cite_of_a_sound_claim_beside_a_malformed_one_still_gives_its_sentence(real_package):
    edit_rows(real_package / "data" / "claims.csv", "mt-2013-05-16-09", "claim_id", low=lambda _: "94 000")
    result = run_claimtrack("cite", "mt-2013-05-16-10", cwd=real_package)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
