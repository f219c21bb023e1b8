"""claimtrack.cli.output: the listing commands' tables, for reading (laid out as tabulate
lays out text) and for machines (the claims' own columns and values)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tabulate import tabulate

from claimtrack.cli import output

# Text of one line, as a table's cells hold it: no control character (validation lets
# none into the columns tables show), spaces at the ends, letters of any width.
LINE = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12)


@given(
    table=st.integers(1, 4).flatmap(
        lambda width: st.tuples(
            st.lists(LINE, min_size=width, max_size=width),
            st.lists(st.lists(LINE, min_size=width, max_size=width), max_size=4),
        )
    ),
    style=st.sampled_from(["simple", "github"]),
)
def test_a_table_is_laid_out_as_tabulate_lays_out_text(table, style):
    headers, rows = table
    assert output.laid_out(headers, rows, style) == tabulate(
        rows, headers=headers, tablefmt=style, disable_numparse=True
    )


ROWS = [
    {"claim_id": "c-01", "low": 94000, "figure_text": "at least 94,000", "note": None},
    {"claim_id": "c-02", "low": None, "figure_text": 'a "quoted", figure', "note": "two\nlines"},
]
COLUMNS = ["claim_id", "low", "figure_text", "note"]


def test_json_keeps_the_columns_asked_for_in_order_with_their_values():
    printed = json.loads(output.render(ROWS, "json", COLUMNS[:3], reading=["claim_id"]))
    assert printed == [{c: row[c] for c in COLUMNS[:3]} for row in ROWS]
    assert [list(row) for row in printed] == [COLUMNS[:3]] * 2


def test_csv_writes_the_header_and_each_cell_as_a_csv_file_holds_it():
    printed = output.render(ROWS, "csv", COLUMNS)
    assert list(csv.reader(io.StringIO(printed))) == [
        COLUMNS,
        ["c-01", "94000", "at least 94,000", ""],
        ["c-02", "", 'a "quoted", figure', "two\nlines"],
    ]


@pytest.mark.parametrize(
    "fmt, lines",
    [
        ("text", ["claim    low", "-------  ------", "c-01     94,000", "c-02"]),
        ("markdown", ["| claim   | low    |", "|---------|--------|", "| c-01    | 94,000 |", "| c-02    |        |"]),
    ],
)
def test_a_table_for_reading_shows_the_reading_columns_under_headings_with_thousands(fmt, lines):
    assert output.render(ROWS, fmt, COLUMNS, reading=["claim_id", "low"]).splitlines() == lines


def test_an_empty_table_for_reading_is_its_headings_and_rule():
    assert output.render([], "text", ["claim_id", "low"]) == "claim    low\n-------  -----"
    assert output.render([], "json", ["claim_id"]) == "[]"
    assert output.render([], "csv", ["claim_id", "low"]) == "claim_id,low"
