"""claimtrack.io.rows: a CSV file's rows as written, each with its line as validation
counts it, and a row's cells typed as the schema says, in plain Python."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimtrack.io import csvfile, rows
from claimtrack.model.package import Resource
from test_csvfile import LONG_NOTE, SOUP, rows_of, written_csv

SCHEMA = {
    "fields": [
        {"name": "id", "type": "string"},
        {"name": "count", "type": "integer"},
        {"name": "share", "type": "number"},
        {"name": "day", "type": "date"},
        {"name": "month", "type": "string", "x-partial-date": True},
        {"name": "checked", "type": "boolean"},
    ],
    "missingValues": ["", "n/a"],
}
RESOURCE = Resource("things", "data/things.csv", SCHEMA, "schemas/things.json")


@settings(max_examples=300, deadline=None)
@given(data=st.one_of(written_csv(), SOUP))
def test_the_rows_and_their_lines_are_those_validation_reads(data):
    table, _ = csvfile.read_raw(data, "f.csv")
    if table is None:
        return  # a file validation cannot read: nothing is read from it
    assert list(rows.numbered(data)) == [(line, dict(zip(table.header, cells))) for line, cells in rows_of(table)]


def test_a_row_after_a_cell_of_several_lines_starts_on_its_own_line():
    data = b'id,note\na,"one\ntwo\nthree"\nb,short\n\nc,,extra\nd,last'
    assert list(rows.numbered(data)) == [
        (2, {"id": "a", "note": "one\ntwo\nthree"}),
        (5, {"id": "b", "note": "short"}),  # line 6 is blank, line 7 too long: validation reports both
        (8, {"id": "d", "note": "last"}),
    ]


def test_a_byte_order_mark_is_no_part_of_the_first_column():
    assert list(rows.numbered("\ufeffid,note\na,b\n".encode())) == [(2, {"id": "a", "note": "b"})]


@pytest.mark.parametrize(
    "cells, expected",
    [
        (
            {"id": "x", "count": "94000", "share": "12.50", "day": "2013-05-16", "month": "2013-05", "checked": "true"},
            {"id": "x", "count": 94000, "share": 12.5, "day": "2013-05-16", "month": "2013-05", "checked": True},
        ),
        (
            {"id": "x", "count": "+15", "share": "-1e3", "day": "", "month": "n/a", "checked": "0"},
            {"id": "x", "count": 15, "share": -1000.0, "day": None, "month": None, "checked": False},
        ),
        # Cells validation refuses read as missing, as in its typed tables; their row is at fault.
        (
            {"id": "", "count": "94,000", "share": "NaN", "day": "2013-02-30", "month": "May", "checked": "yes"},
            {"id": None, "count": None, "share": None, "day": None, "month": "May", "checked": None},
        ),
    ],
)
def test_a_rows_cells_are_typed_as_the_schema_says(cells, expected):
    typed = rows.typed(RESOURCE)(cells)
    assert typed == expected
    assert list(typed) == [field["name"] for field in SCHEMA["fields"]]
    assert all(type(typed[c]) is type(expected[c]) for c in typed)  # True is no 1, 15 no 15.0


@pytest.mark.parametrize(
    "text, day",
    [
        ("2013-05-16", dt.date(2013, 5, 16)),
        ("2012-02-29", dt.date(2012, 2, 29)),
        ("2013-02-29", None),
        ("20130516", None),
        ("2013-W20-4", None),
        (None, None),
    ],
)
def test_a_day_is_read_only_from_yyyy_mm_dd_text_the_calendar_has(text, day):
    assert rows.day(text) == day


@pytest.mark.usefixtures("default_cell_limit")
def test_a_cell_longer_than_the_csv_modules_default_is_read_whole():
    quoted = '"' + LONG_NOTE.replace('"', '""') + '"'
    data = f"id,note\na,{quoted}\nb,short\n".encode()
    assert list(rows.numbered(data)) == [
        (2, {"id": "a", "note": LONG_NOTE}),
        (3 + LONG_NOTE.count("\n"), {"id": "b", "note": "short"}),
    ]
