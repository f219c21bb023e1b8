"""claimtrack.io.csvfile: the fast reader (pyarrow) and the exact one (Python's csv
module) read every file alike, cell for cell and line for line, and a quote out of
place is reported where it stands."""

from __future__ import annotations

import csv
import io

import polars as pl
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from claimtrack.io import csvfile

LINE_ENDS = ("\n", "\r\n", "\r")
# Cells with what makes CSV hard: delimiters, quotes, every line break, spaces, text.
CELL = st.text(alphabet=st.sampled_from(list('ab ,"\n\r;é')), max_size=6)


@st.composite
def written_csv(draw) -> bytes:
    """A CSV file as a writer makes it: any cells, quoted where they need it, with any
    line ending (or a mix of them) and with or without a final one."""
    width = draw(st.integers(1, 3))
    rows = draw(st.lists(st.lists(CELL, min_size=width, max_size=width), max_size=5))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([f"c{i}" for i in range(width)])
    text = ""
    for row in rows:
        out.seek(0)
        out.truncate()
        writer.writerow(row)
        text += out.getvalue()[:-1] + draw(st.sampled_from(LINE_ENDS))
    text = "".join(f"c{i}," for i in range(width))[:-1] + draw(st.sampled_from(LINE_ENDS)) + text
    if text and draw(st.booleans()):
        text = text.rstrip("\r\n")
    return text.encode("utf-8")


# Anything at all made of the characters CSV gives a meaning to, after a plain header.
SOUP = st.text(alphabet=st.sampled_from(list('ab,"\n\r ')), max_size=30).map(lambda t: ("c0,c1\n" + t).encode())


def as_csv_module_reads(data: bytes) -> list[tuple[int, list[str]]]:
    """Each row after the header with the line it starts on, as Python's csv module reads them."""
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""), strict=True)
    found, previous = [], 0
    for row in reader:
        width = len(found[0][1]) if found else len(row)
        if found and (not row or (len(row) == 1 and not row[0].strip() and width > 1)):
            row = [""] * width  # a blank line is a row of empty cells, reported as blank
        found.append((previous + 1, row))
        previous = reader.line_num
    return found[1:]


def rows_of(table: csvfile.RawTable) -> list[tuple[int, list[str]]]:
    return [(int(line), list(cells)) for line, cells in zip(table.lines, table.rows())]


def exact(data: bytes) -> tuple[csvfile.RawTable | None, list]:
    problems: list = []
    return csvfile._read_exact(data.decode("utf-8"), "f.csv", problems), problems


@settings(max_examples=400, deadline=None)
@given(data=st.one_of(written_csv(), SOUP))
# one line break inside a quoted cell and no final line ending
@example(data=b'c0,c1\n"a\nb",c\nd,e')
# a bare CR inside a quoted cell
@example(data=b'c0,c1\n"a\rb",c\nd,e\n')
# one CR-only line ending among LFs, with a line break in a cell
@example(data=b'c0,c1\n"a\nb",c\rd,e\nf,g\n')
# rows of the wrong length, read by polars around them: short, long, blank, spaces alone
@example(data=b'c0,c1\na\n"b\nc",d,e\n\n  \nf,g')
@example(data=b"c0,c1\nf,g\n\n\n")
def test_the_fast_and_the_exact_reader_read_every_file_alike_and_as_the_csv_module_does(data):
    table, problems = exact(data)
    try:
        expected = as_csv_module_reads(data)
    except csv.Error:
        expected = None
    if table is not None and not problems:
        assert rows_of(table) == expected
    fast_problems: list = []
    fast = (
        csvfile._read_fast(data, memoryview(data), "f.csv", fast_problems)
        if csvfile._well_quoted(memoryview(data))
        else None
    )
    if fast is not None:
        assert table is not None, "the fast reader read a file the exact one refuses"
        for read, found in ((table, problems), (fast, fast_problems)):
            csvfile._drop_blank_rows(read, found)
        assert fast.header == table.header
        assert rows_of(fast) == rows_of(table)
        assert sorted(fast_problems, key=str) == sorted(problems, key=str)
        assert fast.unread == table.unread


@pytest.mark.parametrize("cell", ['ab"c', 'abc"', 'a"b"c'])
def test_a_quote_inside_a_cell_not_in_quotes_is_reported_with_its_line_column_and_value(cell):
    data = f'id,note\nx,"a cell\nover two lines"\ny,{cell}\n'.encode()
    table, problems = csvfile.read_raw(data, "data/notes.csv", ["id", "note"])
    assert [(p.file, p.line, p.column, p.value, p.rule) for p in problems] == [
        ("data/notes.csv", 4, "note", cell, "csv-syntax")
    ]
    assert "double each quote inside it" in problems[0].message
    assert table is not None and table.frame.to_series(1).to_list() == ["a cell\nover two lines", cell]


def test_quotes_doubled_inside_a_quoted_cell_are_no_problem():
    table, problems = csvfile.read_raw(b'id,note\nx,"he said ""yes"""\n', "data/notes.csv", ["id", "note"])
    assert problems == []
    assert table.frame.to_series(1).to_list() == ['he said "yes"']


def _large(rows: list[str]) -> bytes:
    """A file past the size the exact reader reads alone, of ``rows`` again and again."""
    lines, size = ["id,note,n"], 0
    while size < csvfile.FAST_FROM:
        for row in rows:
            lines.append(row.replace("ID", f"r{len(lines)}"))
            size += len(row) + 1
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_a_large_file_is_read_by_polars_cell_for_cell_and_line_for_line_as_the_csv_module_reads_it():
    data = _large(['ID,"a cell, with a comma",1', 'ID,"two\nlines ""quoted""",', "ID,,3", 'ID,"",é'])
    assert csvfile._read_fast(data, memoryview(data), "data/big.csv", []) is not None  # polars read it
    table, problems = csvfile.read_raw(data, "data/big.csv", ["id", "note", "n"])
    assert problems == []
    assert [(line, [cell or "" for cell in cells]) for line, cells in rows_of(table)] == as_csv_module_reads(data)
    assert table.frame.schema == {"0": pl.String, "1": pl.String, "2": pl.String}


@pytest.mark.parametrize("bad, why", [("ID,short", "row-length"), ("ID,a,b,c", "row-length"), ("", "blank-row")])
def test_a_large_file_with_a_row_polars_would_pad_cut_or_skip_is_read_by_polars_around_it_and_the_row_named(
    bad, why, monkeypatch
):
    data = _large(['ID,"a note\nof two lines",1'])
    lines = data.decode().split("\n")
    lines.insert(5001, bad.replace("ID", "x"))  # after the row that starts on line 5000 and its note's second line
    data = "\n".join(lines).encode()
    monkeypatch.setattr(csvfile, "_read_exact", None)  # the csv module's reader, which keeps every row, is not called
    table, problems = csvfile.read_raw(data, "data/big.csv", ["id", "note", "n"])
    assert [(p.line, p.rule) for p in problems] == [(5002, why)]
    assert table.lines.to_list()[2498:2501] == [4998, 5000, 5003]  # the row on line 5002 is set aside
    assert table.unread == ([] if why == "blank-row" else [bad.replace("ID", "x").split(",")])


LONG_NOTE = 'a note pasted whole, with commas, "quotes" and a line break\n' * 4_000  # 240,000 characters


@pytest.mark.usefixtures("default_cell_limit")
@pytest.mark.parametrize("size", ["small", "large"])
def test_a_cell_longer_than_the_csv_modules_default_is_read_whole_and_a_fault_after_it_is_found(size):
    quoted = '"' + LONG_NOTE.replace('"', '""') + '"'
    rows = ["ID,note,1"] * (2 if size == "small" else 80_000)
    rows[0] = f"ID,{quoted},1"
    rows.append("ID,short")
    data = ("id,note,n\n" + "\n".join(row.replace("ID", f"r{i}") for i, row in enumerate(rows)) + "\n").encode()
    assert (len(data) >= csvfile.FAST_FROM) == (size == "large")
    table, problems = csvfile.read_raw(data, "data/notes.csv", ["id", "note", "n"])
    assert [(p.line, p.rule) for p in problems] == [(2 + LONG_NOTE.count("\n") + len(rows) - 1, "row-length")]
    assert table.frame.item(0, 1) == LONG_NOTE
    assert table.lines.to_list()[:2] == [2, 3 + LONG_NOTE.count("\n")]


def test_the_exact_reader_makes_its_frame_a_batch_of_rows_at_a_time_and_loses_none(monkeypatch):
    monkeypatch.setattr(csvfile, "_BATCH", 3)  # ten rows: three batches and a last one
    data = ("id,note\r\n" + "".join(f'r{i},"line {i}\nand more"\r\n' for i in range(10))).encode()
    table, problems = exact(data)
    assert problems == []
    assert rows_of(table) == as_csv_module_reads(data)
    assert table.lines.to_list() == list(range(2, 22, 2))
