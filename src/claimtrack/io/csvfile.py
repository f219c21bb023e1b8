"""Reading a CSV file exactly as written: every cell as text, every row with its line.

A large file is parsed by polars, once its bytes prove that polars reads it as
Python's csv module would (``_read_fast``). A large file with rows of the wrong length
is still read by polars: one pass over its bytes finds each row's cells and line
(``_records``), those rows are reported and set aside, and the rest are proven read
right (``_read_ragged``). When a quote never closes, a quote stands out of place, or
anything else polars would pad, cut or guess at, the file is read again with the csv
module, which knows the line of every row; that slower path runs on such broken files,
and on small ones (where it is the quicker: it needs no numpy for the proof), and
reports each structural problem instead of padding, cutting or swallowing rows. Either
way the table is a polars frame of text, one column per header position. A header
wider than any table may be (``MAX_FIELDS``) is refused before any row is read.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field, replace

import polars as pl

from claimtrack.io import textfile
from claimtrack.model.package import MAX_FIELDS
from claimtrack.model.problems import Problem

_NEWLINES = r"\r\n|\r|\n"
_QUOTE = ord('"')
# The bytes a well-placed quote may stand beside: a delimiter, a line end, another quote.
_BESIDE_QUOTE = bytes(c in b',\n\r"' for c in range(256))
# The bytes a pass of numpy over a file looks at at once, each taking a few arrays of its
# size: 4 MiB (at 16 MiB, a short row at the end of a million claims cost 60 MB more
# memory, and time).
_CHUNK = 1 << 22
# Files smaller than this are read by the exact reader alone: for them it is quicker
# than importing numpy for the proof.
FAST_FROM = 1 << 20


@dataclass
class RawTable:
    """A CSV file's cells as text. ``frame`` is a polars frame of one String column per
    header position, named "0", "1", "2" ...; an empty cell is null (or, read by the
    exact reader or quoted, empty text). ``lines[i]`` is the line where row ``i`` starts
    (a polars Int64 Series)."""

    file: str
    header: list[str]
    frame: pl.DataFrame
    lines: pl.Series
    has_bom: bool = False
    # Rows left out for having more or fewer cells than the header, as read: no
    # check reads them, but a key in one is not reported missing a second time.
    unread: list[list[str]] = field(default_factory=list)

    def rows(self) -> list[tuple[str, ...]]:
        """Every row's cells as text, in file order."""
        return self.frame.fill_null("").rows()

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
    counts = _Counts(data)
    if any(counts.of(mark[-1:]) and mark in data for mark in (b"<<<<<<<", b">>>>>>>", b"\n=======")):
        conflicts = _merge_conflicts(data, file)
        if conflicts:
            return None, conflicts
    wide = _too_wide(data, len(data) - len(body), file)
    if wide is not None:
        return None, [wide]
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
    table = _read_fast(data, body, file, problems, counts) if len(body) >= FAST_FROM and _well_quoted(body) else None
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


def _too_wide(data: bytes, start: int, file: str) -> Problem | None:
    """A header of more columns than a table may have, MAX_FIELDS: refused before any row
    is read, as every row would be read into that many columns (a line of 100,000
    commas, pasted or made in error, took seconds and gigabytes, and gave a problem per
    column). ``start`` is where the text begins, past a byte-order mark."""
    ends = [i for i in (data.find(b"\n", start), data.find(b"\r", start)) if i != -1]
    line = data[start : min(ends, default=len(data))]
    if line.count(b",") < MAX_FIELDS:
        return None  # a line of fewer commas has no more cells than the bound
    width = len(next(textfile.csv_reader([line.decode("utf-8", "replace")]), []))
    if width <= MAX_FIELDS:
        return None
    return Problem(
        file,
        1,
        None,
        None,
        f"the header has {width:,} columns; a table may have at most {MAX_FIELDS}: the file was not read further",
        "header",
    )


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
    if len(next(textfile.csv_reader([first]), [])) > 1:
        return None
    widths = {s: len(next(textfile.csv_reader([first], delimiter=s), [])) for s in _SEPARATORS}
    separator = max(widths, key=widths.get)
    return separator if widths[separator] > 1 else None


def _title_line(body: memoryview, expected: list[str]) -> str | None:
    """The first line, when it is a title and the second line is the header."""
    head = bytes(body[: 1 << 16]).decode("utf-8", "replace").splitlines()
    if len(head) < 2:
        return None
    try:
        first, second = next(textfile.csv_reader([head[0]])), next(textfile.csv_reader([head[1]]))
    except (csv.Error, StopIteration):
        return None
    return head[0] if first != expected and second == expected else None


def _well_quoted(body: memoryview) -> bool:
    """True when every quote in the file opens a cell, closes it, or is one of a doubled
    pair inside a quoted cell: the files the fast parser reads exactly as the strict CSV
    reader would. Counting quotes from the start of the file, an even-numbered quote
    (the first, the third ...) opens a cell, so it stands at the start of one or just
    after a quote; an odd-numbered one closes a cell, so it stands at the end of one or
    just before a quote. Anything else is a quote inside an unquoted cell (a fast parser
    would keep or drop it unsaid) or text after a closing quote, and an odd number of
    quotes means one is never closed (one would swallow the rest of the file into one cell).
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
    blank = table.frame.select(pl.all_horizontal(pl.all().is_null() | (pl.all() == ""))).to_series()
    if not blank.any():
        return
    for line in table.lines.filter(blank):
        problems.append(_blank_row(table.file, int(line)))
    table.frame = table.frame.filter(~blank)
    table.lines = table.lines.filter(~blank)


def _blank_row(file: str, line: int) -> Problem:
    return Problem(file, line, None, None, "blank row: delete it", "blank-row")


def _row_length(file: str, line: int, row: list[str], header: list[str]) -> Problem:
    """A row of more or fewer cells than the header, as read: reported, never padded or cut."""
    word = "fewer" if len(row) < len(header) else "more"
    why = (
        "; a comma inside a cell, as in 94,000, splits it unless the cell is in double quotes"
        if len(row) > len(header)
        else ""
    )
    return Problem(
        file,
        line,
        None,
        None,
        f"this row has {len(row)} cells, {word} than the {len(header)} columns of the header; "
        f"nothing was padded or cut{why}",
        "row-length",
    )


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


class _Counts:
    """How many times a byte stands in the file, each counted when first asked for: in
    a large file all that are asked for at once, in one numpy pass over it (a third of the
    time of Python's bytes.count, byte by byte); in a small one by bytes.count."""

    _ASKED = b',\n\r<>="'

    def __init__(self, data: bytes):
        self.data = data
        self._found: dict[bytes, int] | None = None

    def of(self, byte: bytes) -> int:
        if len(self.data) < FAST_FROM:
            return self.data.count(byte)
        if self._found is None:
            import numpy as np

            array = np.frombuffer(self.data, dtype=np.uint8)
            found = {bytes([byte]): 0 for byte in self._ASKED}
            for start in range(0, len(array), _CHUNK):
                chunk = array[start : start + _CHUNK]
                for byte in found:
                    found[byte] += int(np.count_nonzero(chunk == byte[0]))
            self._found = found
        return self._found[byte] if byte in self._found else self.data.count(byte)


def _read_fast(
    data: bytes, body: memoryview, file: str, problems: list[Problem], counts: _Counts | None = None
) -> RawTable | None:
    """The file parsed by polars, when its bytes prove polars reads what the csv module
    reads; None otherwise (the exact path then reads it, and says what is wrong).

    The proof, with ``_well_quoted`` (every quote opens a cell, closes it, or is doubled
    inside one, so a comma or line break is a delimiter exactly when it stands outside
    quotes): no carriage return but before a line feed (polars reads a file of bare CRs
    as no rows); polars refuses a row with more cells than the header; and the commas
    outside quotes, all the file's less those polars found inside cells, are the header's
    width less one for every row and the header (polars pads a short row without a
    word). The line breaks account for the rows likewise: each ends a row or lies in a
    cell, whose breaks push the rows after it down the file. A file where the count
    fails has rows of the wrong length: ``_read_ragged`` finds them."""
    end = next((i for i in (data.find(b"\n"), data.find(b"\r")) if i != -1), len(data))
    try:
        first_line = bytes(body[: end - (len(data) - len(body))]).decode("utf-8")
        header = next(textfile.csv_reader([first_line], strict=True))
    except (UnicodeDecodeError, csv.Error, StopIteration):
        return None
    counts = counts or _Counts(data)
    if not header or (counts.of(b"\r") and counts.of(b"\r") != data.count(b"\r\n")):
        return None
    frame = _polars(data, body, len(header), ragged=False)
    if frame is None:
        return _read_ragged(data, body, file, header, problems)  # a row too long, or no UTF-8
    rows = frame.height
    if counts.of(b",") - _inside(frame, ",") != (rows + 1) * (len(header) - 1):
        return _read_ragged(data, body, file, header, problems, frame)  # a row short, padded by polars
    breaks = counts.of(b"\n")
    final = 1 if len(body) and body[-1] in b"\r\n" else 0
    in_cells = breaks - rows - final
    starts = pl.int_range(2, rows + 2, eager=True, dtype=pl.Int64)
    if in_cells:
        if _inside(frame, "\n") != in_cells:
            return _read_ragged(data, body, file, header, problems, frame)  # the rows do not account for the lines
        embedded = frame.select(pl.sum_horizontal(pl.all().str.count_matches("\n", literal=True).fill_null(0)))
        starts = starts + embedded.to_series().cum_sum().shift(1, fill_value=0).cast(pl.Int64)
    return RawTable(file=file, header=header, frame=frame, lines=starts.alias("line"))


def _polars(data: bytes, body: memoryview, width: int, ragged: bool) -> pl.DataFrame | None:
    """The rows below the header, each cell as text, as polars parses them; with
    ``ragged``, a row longer than the header cut and a shorter one padded (the caller
    knows which rows those are); None where polars cannot read the file. Polars takes
    the width of a file from its first row: read ragged, that is the header's row, so
    that a short row after it cannot narrow the frame."""
    try:
        frame = pl.read_csv(
            data if len(body) == len(data) else bytes(body),
            has_header=False,
            skip_rows=0 if ragged else 1,
            schema={str(i): pl.String for i in range(width)},
            empty_string_is_null=True,
            truncate_ragged_lines=ragged,
            raise_if_empty=False,
        )
    except (pl.exceptions.PolarsError, OSError):
        return None  # not UTF-8, a row too long, or not CSV: the exact path says where
    return frame.slice(1) if ragged else frame


def _inside(frame: pl.DataFrame, text: str) -> int:
    """How many times ``text`` stands inside the frame's cells."""
    if not frame.height:
        return 0
    found = frame.select(pl.sum_horizontal(pl.all().str.count_matches(text, literal=True).sum()))
    return int(found.item() or 0)


@dataclass
class _Records:
    """The records of a well-quoted file, the header first, as numpy arrays of one item
    per record: the offset just past its end, its commas outside quotes and in all, the
    line feeds inside its quotes, and the line it starts on."""

    ends: object
    outside: object
    commas: object
    breaks: object
    lines: object


def _records(body: memoryview) -> _Records:
    """Each record of a well-quoted file with no carriage return but before a line feed,
    found from its bytes in one pass, a chunk at a time: a comma or line feed is inside
    quotes when an odd number of quotes stands before it, and a line feed outside quotes
    ends a record (a CR before it is part of the line ending)."""
    import numpy as np

    data = np.frombuffer(body, dtype=np.uint8)
    size = len(data)
    ends, counted = [], []
    carry = np.zeros(3, dtype=np.int64)  # the counts of the record still open
    odd = False
    for start in range(0, size, _CHUNK):
        chunk = data[start : start + _CHUNK]
        quoted = np.bitwise_xor.accumulate(chunk == _QUOTE) ^ odd
        odd = bool(quoted[-1])
        feeds = chunk == 10
        closing = np.flatnonzero(feeds & ~quoted)
        commas = np.flatnonzero(chunk == 44)
        counts = np.stack(
            [
                _per_record(commas[~quoted[commas]], closing),
                _per_record(commas, closing),
                _per_record(np.flatnonzero(feeds & quoted), closing),
            ]
        )
        counts[:, 0] += carry
        ends.append(closing + start + 1)
        counted.append(counts[:, :-1])
        carry = counts[:, -1]
    ends = np.concatenate(ends) if ends else np.zeros(0, dtype=np.int64)
    counted = np.concatenate(counted, axis=1) if counted else np.zeros((3, 0), dtype=np.int64)
    if size and (not len(ends) or ends[-1] != size):  # a last record with no line ending
        ends = np.append(ends, size)
        counted = np.concatenate([counted, carry[:, None]], axis=1)
    breaks = counted[2]
    lines = np.concatenate([[1], 1 + np.cumsum(breaks + 1)[:-1]]).astype(np.int64)
    return _Records(ends=ends, outside=counted[0], commas=counted[1], breaks=breaks, lines=lines)


def _per_record(positions, closing):
    """How many of ``positions`` (sorted offsets in a chunk) stand in each record the line
    feeds at ``closing`` end, and, last, in the record left open after them."""
    import numpy as np

    return np.diff(np.searchsorted(positions, closing), prepend=0, append=len(positions))


def _read_ragged(
    data: bytes,
    body: memoryview,
    file: str,
    header: list[str],
    problems: list[Problem],
    read: pl.DataFrame | None = None,
) -> RawTable | None:
    """A well-quoted file some rows of which have more or fewer cells than the header,
    read without the csv module's memory (a short row at the end of five million took
    the exact reader minutes and 13 times the file): ``_records`` counts each row's
    cells and line from the bytes; polars reads every row, padding or cutting the
    wrong ones; those few are read again by the csv module, reported as the exact reader
    reports them and set aside. The rest are proven read right: the commas and line
    feeds polars found in their cells are those the bytes have inside their quotes.
    ``read`` is the frame polars read without cutting, when it could (no row was too
    long: short ones it padded), used again rather than parsed twice. None where
    anything disagrees: the exact reader then reads the file."""
    import numpy as np

    records = _records(body)
    width = len(header) - 1
    if not len(records.ends) or records.outside[0] != width or records.breaks[0]:
        return None  # the header is not the first line alone, as read
    rows = len(records.ends) - 1
    frame = read if read is not None and read.height == rows else _polars(data, body, len(header), ragged=True)
    if frame is None or frame.height != rows:
        return None
    good = records.outside[1:] == width
    frame = frame.filter(pl.Series(good))
    if _inside(frame, ",") != int((records.commas[1:][good] - width).sum()):
        return None
    if _inside(frame, "\n") != int(records.breaks[1:][good].sum()):
        return None
    found, unread = [], []
    for index in np.flatnonzero(~good) + 1:
        line = int(records.lines[index])
        try:
            text = bytes(body[records.ends[index - 1] : records.ends[index]]).decode("utf-8")
            row = next(textfile.csv_reader(io.StringIO(text, newline=""), strict=True), [])
        except (UnicodeDecodeError, csv.Error):
            return None
        if textfile.blank_line(row, len(header)):
            found.append(_blank_row(file, line))
        elif len(row) != len(header):
            found.append(_row_length(file, line, row, header))
            unread.append(row)
        else:
            return None  # the csv module reads the header's width: the count was wrong
    problems.extend(found)
    lines = pl.Series("line", records.lines[1:][good], dtype=pl.Int64)
    return RawTable(file=file, header=header, frame=frame, lines=lines, unread=unread)


# A line of text with its ending (CRLF, CR or LF), or the last line, without one.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
# How many rows the exact reader holds as Python lists before it makes them a frame.
_BATCH = 1 << 16


def _read_exact(text: str, file: str, problems: list[Problem]) -> RawTable | None:
    """The file read by the csv module, a line at a time, every row with its line; the
    rows are made a polars frame a batch at a time, so that a large file is never held
    as Python lists of strings, which take ten times its size."""
    record: list[str] = []  # the lines of the row being read, as written

    def lines():
        for line in _LINE.finditer(text):
            record.append(line.group())
            yield record[-1]

    reader = textfile.csv_reader(lines(), strict=True)
    header: list[str] | None = None
    rows: list[list[str]] = []
    batches: list[pl.DataFrame] = []
    lines: list[int] = []
    unread: list[list[str]] = []
    previous = 0
    try:
        for row in reader:
            start = previous + 1
            previous = reader.line_num
            written = "".join(record)
            record.clear()
            if '"' in written and not _QUOTED_WELL.fullmatch(written):
                problems.extend(_stray_quotes(written, row, header or [], file, start))
            if header is None:
                header = row
                continue
            if textfile.blank_line(row, len(header)):
                row = [""] * len(header)  # a blank line; reported with the other blank rows
            if len(row) != len(header):
                problems.append(_row_length(file, start, row, header))
                unread.append(row)
                continue
            rows.append(row)
            lines.append(start)
            if len(rows) == _BATCH:
                batches.append(_frame(rows, len(header)))
                rows = []
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
    batches.append(_frame(rows, len(header)))
    frame = pl.concat(batches) if len(batches) > 1 else batches[0]
    return RawTable(
        file=file, header=header, frame=frame, lines=pl.Series("line", lines, dtype=pl.Int64), unread=unread
    )


def _frame(rows: list[list[str]], width: int) -> pl.DataFrame:
    return pl.DataFrame(rows, schema={str(i): pl.String for i in range(width)}, orient="row")


# A cell in quotes, each quote inside it doubled.
_IN_QUOTES = r'"(?:[^"]|"")*"'
# A cell as the strict reader takes it: in quotes, or bare.
_CELL = re.compile(rf"{_IN_QUOTES}|[^,\r\n]*")
# A row as written whose every quote opens a cell, closes it or is doubled inside one:
# a row with no quote out of place, told in one match (most rows with quotes are so).
_WELL = rf'(?:{_IN_QUOTES}|[^,"\r\n]*)'
_QUOTED_WELL = re.compile(rf"{_WELL}(?:,{_WELL})*(?:\r\n|\r|\n)?")


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
