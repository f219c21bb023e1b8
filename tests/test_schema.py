"""claimtrack.tables.typed, claimtrack.model.qualifiers and claimtrack.model.cells agree with the Table Schemas in schemas/."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimtrack.model.lifecycle import DATE_ONLY_STATUSES, FINAL_STATUSES, MOVES, SETTLED_STATUSES
from claimtrack.model.package import read_package
from claimtrack.model.qualifiers import MEASURE_FAMILY, QUALIFIERS
from claimtrack.tables.typed import partial_date_span
from claimtrack.validation.fields import field_rules
from conftest import REPO

PACKAGE = read_package(REPO)


def schema_json(name: str) -> dict:
    return json.loads((REPO / "schemas" / f"{name}.json").read_text(encoding="utf-8"))


def enum_of(schema: str, field: str) -> list[str]:
    spec = next(f for f in schema_json(schema)["fields"] if f["name"] == field)
    return spec["constraints"]["enum"]


def every_field() -> list:
    return [
        pytest.param(resource, spec, id=f"{resource.name}.{spec['name']}")
        for resource in PACKAGE.resources
        for spec in resource.fields
    ]


def rule_codes(resource, name: str) -> set[str]:
    """The codes of the rules field_rules derives for one field."""
    return {rule.code for rule in field_rules(resource) if rule.column == name}


@pytest.mark.parametrize("resource, spec", every_field())
def test_the_rules_of_a_field_are_exactly_those_its_schema_states(resource, spec):
    constraints = spec.get("constraints", {})
    codes = rule_codes(resource, spec["name"])
    assert ("required" in codes) == bool(constraints.get("required"))
    assert ("enum" in codes) == ("enum" in constraints)
    assert ("pattern" in codes) == ("pattern" in constraints)
    assert ("minimum" in codes) == ("minimum" in constraints)
    assert ("max-length" in codes) == ("maxLength" in constraints)
    typed = spec.get("type") in ("integer", "date") or spec.get("format") == "uri"
    assert ("type" in codes) == typed
    assert ("date" in codes) == bool(spec.get("x-partial-date"))


def test_the_qualifiers_of_the_qualifier_table_are_the_qualifier_enum_of_the_schema():
    assert set(QUALIFIERS) == set(enum_of("claims", "qualifier"))


def test_every_settled_status_is_a_status_of_the_schema():
    assert set(SETTLED_STATUSES) <= set(enum_of("claims", "status"))


def test_the_lifecycle_covers_exactly_the_statuses_of_the_schema():
    statuses = set(enum_of("claims", "status"))
    assert set(MOVES) == statuses
    assert {target for targets in MOVES.values() for target in targets} <= statuses
    assert set(FINAL_STATUSES) | set(DATE_ONLY_STATUSES) <= statuses
    assert all(MOVES[final] == () for final in FINAL_STATUSES)


def test_every_kind_of_measure_has_a_family_of_figures():
    assert set(MEASURE_FAMILY) == set(enum_of("measures", "kind"))


@pytest.mark.parametrize("qualifier", QUALIFIERS.values(), ids=lambda q: q.word)
def test_a_qualifier_takes_the_columns_it_needs_and_only_its_own_family_of_columns(qualifier):
    assert set(qualifier.needs) <= set(qualifier.takes) <= set(qualifier.columns)


@pytest.mark.parametrize(
    "text, first, last",
    [
        ("2014-03", "2014-03-01", "2014-03-31"),
        ("2012-02", "2012-02-01", "2012-02-29"),  # a leap year
        ("2013-02", "2013-02-01", "2013-02-28"),
        ("2013", "2013-01-01", "2013-12-31"),
        ("2013-05-14", "2013-05-14", "2013-05-14"),
    ],
)
def test_a_partial_date_spans_from_its_first_to_its_last_possible_day(text, first, last):
    start, end = partial_date_span(pd.Series([text], dtype="string"))
    assert (start[0], end[0]) == (pd.Timestamp(first), pd.Timestamp(last))


@pytest.mark.parametrize("text", ["2013-02-30", "2013-13", "May 2013", None])
def test_a_cell_that_is_not_a_partial_date_spans_nothing(text):
    start, end = partial_date_span(pd.Series([text], dtype="string"))
    assert pd.isna(start[0]) and pd.isna(end[0])


# A date is a day of the years 1 to 9999, what YYYY can write but year 0 (typed.EARLIEST to LATEST).
DATES = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))


@given(DATES)
def test_a_day_lies_within_the_span_of_its_month(day):
    start, end = partial_date_span(pd.Series([day.isoformat()[:7]], dtype="string"))
    assert start[0] <= pd.Timestamp(day) <= end[0]
    assert start[0].day == 1 and (end[0] == pd.Timestamp(9999, 12, 31) or (end[0] + pd.Timedelta(days=1)).day == 1)


@given(DATES)
def test_a_day_lies_within_the_span_of_its_year(day):
    start, end = partial_date_span(pd.Series([day.isoformat()[:4]], dtype="string"))
    assert (start[0], end[0]) == (pd.Timestamp(day.year, 1, 1), pd.Timestamp(day.year, 12, 31))


@pytest.mark.parametrize(
    "text, first, last",
    [
        ("3013-05-14", "3013-05-14", "3013-05-14"),
        ("3013-05", "3013-05-01", "3013-05-31"),
        ("0201", "0201-01-01", "0201-12-31"),
    ],
)
def test_a_year_long_past_or_far_ahead_spans_its_days_as_any_other(text, first, last):
    start, end = partial_date_span(pd.Series([text], dtype="string"))
    assert (start[0].date().isoformat(), end[0].date().isoformat()) == (first, last)


@pytest.mark.parametrize("text", ["0000", "0000-05", "0000-05-14", "10000-01-01"])
def test_year_0_which_no_calendar_has_spans_nothing(text):
    start, end = partial_date_span(pd.Series([text], dtype="string"))
    assert pd.isna(start[0]) and pd.isna(end[0])


def test_a_message_gives_every_word_of_each_vocabulary_the_schemas_declare():
    from claimtrack.model import cells

    enums = [
        f["constraints"]["enum"] for r in PACKAGE.resources for f in r.fields if "enum" in f.get("constraints", {})
    ]
    assert max(len(words) for words in enums) <= cells.VOCABULARY_SHOWN
    widest = max(enums, key=len)
    assert all(word in cells.not_allowed("nothing like it", widest) for word in widest)
