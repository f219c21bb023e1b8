"""Reading a CSV file exactly as written: every cell as text, every row with its line.

A large file is parsed with pyarrow, and handed to polars as it is (no copy of the
text). When the file has a row of the wrong length, a quote that never closes, or
anything else pyarrow would skip or guess at, the file is read again with Python's
csv module, which knows the line of every row; that slower path runs on broken
files, and on small ones (where it is the quicker: it needs neither pyarrow nor
numpy), and reports each structural problem instead of padding, cutting or
swallowing rows. Either way the table is a polars frame of text, one column per
header position.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field, replace

import polars as pl

from claimtrack.io import textfile
from claimtrack.model.problems import Problem

_NEWLINES = r"\r\n|\r|\n"
_QUOTE = ord('"')
# The bytes a well-placed quote may stand beside: a delimiter, a line end, another quote.
_BESIDE_QUOTE = bytes(c in b',\n\r"' for c in range(256))
_CHUNK = 1 << 24
# Files smaller than this are read by the exact reader alone: for them it is quicker
# than importing pyarrow and numpy.
FAST_FROM = 1 << 20


@dataclass
class RawTable:
    """A CSV file's cells as text. ``frame`` is a polars frame of one String column per
    header position, named "0", "1", "2" ...; ``lines[i]`` is the line where row ``i``
    starts (a polars Int64 Series)."""

    file: str
    header: list[str]
    frame: pl.DataFrame
    lines: pl.Series
    has_bom: bool = False
    # Rows left out for having more or fewer cells than the header, as read: no
    # check reads them, but a key in one is not reported missing a second time.
    unread: list[list[str]] = field(default_factory=list)

    def rows(self) -> list[tuple[str, ...]]:
        """Every row's cells, in file order."""
        return self.frame.rows()

    def cells(self) -> pl.DataFrame:
        """The frame with the header's names for its columns (a header each name of which
        is there once)."""
        return self.frame.rename(dict(zip(self.frame.columns, self.header)))


_CONFLICT = re.compile(rb"^(?:<<<<<<<|=======|>>>>>>>)(?:[ \t].*)?\r?$", re.MULTILINE)


def read_raw(data: bytes, file: str, expected: list[str] | None = None) -> tuple[RawTable | None, list[Problem]]:
    """Parse ``data`` (the file's bytes); ``file`` names it in problems. With ``expected``,
    the schema's column names, a title line above the header is reported and skipped."""
    problems: list[Problem] = []
    if data.startswith(textfile.UTF16_BOMS):
        problems.append(Problem(file, 1, None, None, "the file is saved as UTF-16; save it as UTF-8", "encoding"))
        return None, problems
    has_bom = data.startswith(textfile.BOM)
    body = memoryview(data)[len(textfile.BOM) :] if has_bom else memoryview(data)
    if len(body) < 1 << 16 and not bytes(body).strip():
        problems.append(
            Problem(file, 1, None, None, "the file is empty: it needs at least a header line", "empty-file")
        )
        return None, problems
    nul = textfile.nul_byte(data)
    if nul is not None:
        if textfile.utf16(data):
            problems.append(Problem(file, 1, None, None, "the file is saved as UTF-16; save it as UTF-8", "encoding"))
            return None, problems
        problems.append(
            Problem(
                file,
                nul.line,
                None,
                None,
                f"the file contains a NUL byte (at byte offset {nul.offset}): it is not a text CSV file; "
                "was a binary file, such as a spreadsheet or an image, saved under this name?",
                "nul-byte",
            )
        )
        return None, problems
    if b"<<<<<<<" in data or b">>>>>>>" in data or b"\n=======" in data:
        conflicts = _merge_conflicts(data, file)
        if conflicts:
            return None, conflicts
    if expected:
        separator = _other_separator(body, expected)
        if separator is not None:
            shown = {"\t": "tabs"}.get(separator, repr(separator))
            first = _first_line(body)
            problems.append(
                Problem(
                    file,
                    1,
                    None,
                    first[:80],
                    f"the header has one column: the file seems separated by {shown}; "
                    "CSV files here are separated by commas",
                    "header",
                )
            )
            return None, problems
        title = _title_line(body, expected)
        if title is not None:
            problems.append(
                Problem(
                    file,
                    1,
                    None,
                    title,
                    "line 1 is not the header: the header is on line 2; delete the line above it",
                    "header",
                )
            )
            rest = bytes(body)
            table, more = read_raw(rest[rest.index(b"\n") + 1 :], file)
            if table is not None:
                table.lines = table.lines + 1  # every line is one further down the file
            return table, problems + [replace(p, line=p.line + 1) if p.line else p for p in more]
    table = _read_fast(data, body, file) if len(body) >= FAST_FROM and _well_quoted(body) else None
    if table is None:
        text = _decode(data, file, problems)
        if text is None:
            return None, problems
        table = _read_exact(text, file, problems)
    if table is not None:
        table.has_bom = has_bom
        _drop_blank_rows(table, problems)
    return table, problems


def _merge_conflicts(data: bytes, file: str) -> list[Problem]:
    """Lines git writes around a merge conflict: the file holds two versions at once."""
    return [
        Problem(
            file,
            data.count(b"\n", 0, match.start()) + 1,
            None,
            match.group().decode("utf-8", "replace").strip(),
            "a git merge conflict is left in the file: keep one version of these lines and delete the markers",
            "merge-conflict",
        )
        for match in _CONFLICT.finditer(data)
    ]


# What a spreadsheet set to another language may separate cells with instead of commas.
_SEPARATORS = (";", "\t", "|")


def _first_line(body: memoryview) -> str:
    head = bytes(body[: 1 << 16]).decode("utf-8", "replace")
    return next(iter(head.splitlines()), "")


def _other_separator(body: memoryview, expected: list[str]) -> str | None:
    """The separator the header is written with, when it is one of ``_SEPARATORS`` and
    not a comma: the header read with commas is one cell, read with it several. Read
    leniently, as a header whose cells are each in quotes ("a";"b") is no strict CSV."""
    if len(expected) < 2:
        return None
    first = _first_line(body)
    if len(next(csv.reader([first]), [])) > 1:
        return None
    widths = {s: len(next(csv.reader([first], delimiter=s), [])) for s in _SEPARATORS}
    separator = max(widths, key=widths.get)
    return separator if widths[separator] > 1 else None


def _title_line(body: memoryview, expected: list[str]) -> str | None:
    """The first line, when it is a title and the second line is the header."""
    head = bytes(body[: 1 << 16]).decode("utf-8", "replace").splitlines()
    if len(head) < 2:
        return None
    try:
        first, second = next(csv.reader([head[0]])), next(csv.reader([head[1]]))
    except (csv.Error, StopIteration):
        return None
    return head[0] if first != expected and second == expected else None


def _well_quoted(body: memoryview) -> bool:
    """True when every quote in the file opens a cell, closes it, or is one of a doubled
    pair inside a quoted cell: the files the fast parser reads exactly as the strict CSV
    reader would. Counting quotes from the start of the file, an even-numbered quote
    (the first, the third ...) opens a cell, so it stands at the start of one or just
    after a quote; an odd-numbered one closes a cell, so it stands at the end of one or
    just before a quote. Anything else is a quote inside an unquoted cell (pyarrow would
    keep or drop it unsaid) or text after a closing quote, and an odd number of quotes
    means one is never closed (pyarrow would swallow the rest of the file into one cell).
    Read in chunks with numpy, so that a large file costs no more than one pass."""
    import numpy as np

    beside = np.frombuffer(_BESIDE_QUOTE, dtype=np.bool_)
    data = np.frombuffer(body, dtype=np.uint8)
    size, quotes = len(data), 0
    for start in range(0, size, _CHUNK):
        where = np.flatnonzero(data[start : start + _CHUNK] == _QUOTE) + start
        if not len(where):
            continue
        opening = (quotes + np.arange(len(where))) % 2 == 0
        quotes += len(where)
        before = beside[data[np.maximum(where - 1, 0)]] | (where == 0)
        after = beside[data[np.minimum(where + 1, size - 1)]] | (where == size - 1)
        if not np.where(opening, before, after).all():
            return False
    return quotes % 2 == 0


def _drop_blank_rows(table: RawTable, problems: list[Problem]) -> None:
    """Rows with every cell empty (blank lines among them) are reported, then set aside."""
    if not table.frame.height:
        return
    blank = table.frame.select(pl.all_horizontal(pl.all() == "")).to_series()
    if not blank.any():
        return
    for line in table.lines.filter(blank):
        problems.append(Problem(table.file, int(line), None, None, "blank row: delete it", "blank-row"))
    table.frame = table.frame.filter(~blank)
    table.lines = table.lines.filter(~blank)


def _decode(data: bytes, file: str, problems: list[Problem]) -> str | None:
    try:
        return textfile.decode(data)
    except textfile.NotUTF8 as error:
        bad = error.spot
        problems.append(
            Problem(
                file,
                bad.line,
                None,
                None,
                f"the file is not UTF-8: byte 0x{bad.byte:02x} at offset {bad.offset} cannot be read; "
                "save the file as UTF-8",
                "encoding",
            )
        )
        return None


def _read_fast(data: bytes, body: memoryview, file: str) -> RawTable | None:
    import numpy as np
    import pyarrow as pa
    import pyarrow.csv as pacsv

    end = next((i for i in (data.find(b"\n"), data.find(b"\r")) if i != -1), len(data))
    try:
        first_line = bytes(body[: end - (len(data) - len(body))]).decode("utf-8")
        header = next(csv.reader([first_line], strict=True))
    except (UnicodeDecodeError, csv.Error, StopIteration):
        return None
    if not header or not _utf8(body):
        return None  # the exact path says where the text is not UTF-8
    names = [f"c{i}" for i in range(len(header))]
    invalid: list[object] = []

    def on_invalid(row: object) -> str:
        invalid.append(row)
        return "skip"

    try:
        table = pacsv.read_csv(
            pa.BufferReader(pa.py_buffer(body)),
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1, block_size=1 << 22),
            parse_options=pacsv.ParseOptions(
                newlines_in_values=True, ignore_empty_lines=False, invalid_row_handler=on_invalid
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowException):
        return None  # not UTF-8, or not CSV: the exact path says where
    if invalid:
        return None
    rows = table.num_rows
    starts = 2 + np.arange(rows, dtype=np.int64)
    # Every line break ends a row or lies in a cell: those in cells push the rows after
    # them down the file. A CRLF is one break, as the exact path counts it.
    breaks = data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")
    final = 1 if len(body) and body[-1] in b"\r\n" else 0
    in_cells = breaks - rows - final
    if in_cells:
        import pyarrow.compute as pc

        embedded = np.zeros(rows, dtype=np.int64)
        for column in table.columns:
            embedded += pc.count_substring_regex(column, _NEWLINES).to_numpy(zero_copy_only=False)
        if int(embedded.sum()) != in_cells:
            return None  # the rows do not account for the file's lines: the exact path counts them
        starts[1:] += np.cumsum(embedded)[:-1]
    frame = pl.from_arrow(table.rename_columns([str(i) for i in range(len(header))]))
    # One chunk per column, laid alike: a frame whose columns are chunked apart is
    # copied whole by every later select.
    return RawTable(file=file, header=header, frame=frame.rechunk(), lines=pl.Series("line", starts))


def _utf8(body: memoryview) -> bool:
    """Whether the bytes are UTF-8, checked by Arrow at memory speed without decoding
    them. Arrow's reader must not meet bad bytes in a row it hands back as invalid."""
    import numpy as np
    import pyarrow as pa

    offsets = pa.py_buffer(np.array([0, len(body)], dtype=np.int64))
    try:
        pa.LargeStringArray.from_buffers(1, offsets, pa.py_buffer(body)).validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


def _read_exact(text: str, file: str, problems: list[Problem]) -> RawTable | None:
    record: list[str] = []  # the lines of the row being read, as written

    def lines():
        for line in io.StringIO(text, newline=""):
            record.append(line)
            yield line

    reader = csv.reader(lines(), strict=True)
    header: list[str] | None = None
    rows: list[list[str]] = []
    lines: list[int] = []
    unread: list[list[str]] = []
    previous = 0
    try:
        for row in reader:
            start = previous + 1
            previous = reader.line_num
            written = "".join(record)
            record.clear()
            if '"' in written:
                problems.extend(_stray_quotes(written, row, header or [], file, start))
            if header is None:
                header = row
                continue
            if not row or (len(row) == 1 and not row[0].strip() and len(header) > 1):
                row = [""] * len(header)  # a blank line; reported with the other blank rows
            if len(row) != len(header):
                word = "fewer" if len(row) < len(header) else "more"
                why = (
                    "; a comma inside a cell, as in 94,000, splits it unless the cell is in double quotes"
                    if len(row) > len(header)
                    else ""
                )
                problems.append(
                    Problem(
                        file,
                        start,
                        None,
                        None,
                        f"this row has {len(row)} cells, {word} than the {len(header)} columns of the header; "
                        f"nothing was padded or cut{why}",
                        "row-length",
                    )
                )
                unread.append(row)
                continue
            rows.append(row)
            lines.append(start)
    except csv.Error as error:
        start = previous + 1
        problems.append(
            Problem(
                file,
                start,
                None,
                None,
                f"the row starting here cannot be read as CSV: {_csv_error(error)}",
                "csv-syntax",
            )
        )
        return None
    if header is None:
        problems.append(
            Problem(file, 1, None, None, "the file is empty: it needs at least a header line", "empty-file")
        )
        return None
    names = [str(i) for i in range(len(header))]
    frame = pl.DataFrame(rows, schema={n: pl.String for n in names}, orient="row")
    return RawTable(
        file=file, header=header, frame=frame, lines=pl.Series("line", lines, dtype=pl.Int64), unread=unread
    )


# A cell as the strict reader takes it: in quotes, with each quote inside doubled, or bare.
_CELL = re.compile(r'"(?:[^"]|"")*"|[^,\r\n]*')


def _stray_quotes(written: str, row: list[str], header: list[str], file: str, line: int) -> list[Problem]:
    """A quote in a cell not itself in quotes, which Python's reader keeps as a letter:
    a cell typed ab"c, or one whose opening quote has text before it. ``written`` is the
    row as written; the header's own cells (``header`` empty) are named by their value."""
    found, at = [], 0
    for index, cell in enumerate(row):
        match = _CELL.match(written, at)
        at = match.end() + 1  # past the comma after the cell
        if written.startswith('"', match.start()) or '"' not in cell:
            continue
        found.append(
            Problem(
                file,
                line,
                header[index] if index < len(header) else None,
                cell,
                "a quote stands inside a cell that is not in quotes; put the whole cell in double quotes "
                'and double each quote inside it, as in "he said ""yes""", or delete the quote',
                "csv-syntax",
            )
        )
    return found


def _csv_error(error: csv.Error) -> str:
    """What went wrong, in the words of someone editing the file."""
    said = str(error)
    if "unexpected end of data" in said:
        return "a quote opened in it is never closed, so it runs to the end of the file; close the quote"
    if "expected after" in said:
        return (
            "a quote inside a cell stands beside other text; put the whole cell in double quotes "
            'and double each quote inside it, as in "he said ""yes"""'
        )
    return f"{said}; check for a quote that is opened and never closed, or a stray quote inside a cell"
