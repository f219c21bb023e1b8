"""Reading a CSV file exactly as written: every cell as text, every row with its line.

The fast path parses with pyarrow. When the file has a row of the wrong length,
a quote that never closes, or anything else pyarrow would skip or guess at, the
file is read again with Python's csv module, which knows the line of every row;
that slower path only runs on broken files, and reports each structural problem
instead of padding, cutting or swallowing rows.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from claimtrack.io import textfile
from claimtrack.model.problems import Problem

_NEWLINES = r"\r\n|\r|\n"
_QUOTE = ord('"')
# The bytes a well-placed quote may stand beside: a delimiter, a line end, another quote.
_BESIDE_QUOTE = np.zeros(256, dtype=bool)
_BESIDE_QUOTE[[ord(","), ord("\n"), ord("\r"), _QUOTE]] = True
_CHUNK = 1 << 24


@dataclass
class RawTable:
    """A CSV file's cells as text. ``frame`` has one column per header position,
    labelled 0, 1, 2 ...; ``lines[i]`` is the line where row ``i`` starts."""

    file: str
    header: list[str]
    frame: pd.DataFrame
    lines: np.ndarray
    has_bom: bool = False
    # Rows left out for having more or fewer cells than the header, as read: no
    # check reads them, but a key in one is not reported missing a second time.
    unread: list[list[str]] = field(default_factory=list)


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
    table = _read_fast(data, body, file) if _plain_quoting(body) else None
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


def _plain_quoting(body: memoryview) -> bool:
    """True when every quote in the file pairs up and sits at a cell's edge or beside
    another quote: the files the fast parser reads exactly as the strict CSV reader
    would. An odd number of quotes means one is never closed (pyarrow would swallow
    the rest of the file into one cell); a quote with text on both sides is a stray
    quote or text after a closing quote (pyarrow would silently drop the quotes).
    Read in chunks with numpy, so that a large file costs no more than one pass."""
    data = np.frombuffer(body, dtype=np.uint8)
    size, quotes = len(data), 0
    for start in range(0, size, _CHUNK):
        where = np.flatnonzero(data[start : start + _CHUNK] == _QUOTE) + start
        quotes += len(where)
        if not len(where):
            continue
        before = _BESIDE_QUOTE[data[np.maximum(where - 1, 0)]] | (where == 0)
        after = _BESIDE_QUOTE[data[np.minimum(where + 1, size - 1)]] | (where == size - 1)
        if not (before | after).all():
            return False
    return quotes % 2 == 0


def _drop_blank_rows(table: RawTable, problems: list[Problem]) -> None:
    """Rows with every cell empty (blank lines among them) are reported, then set aside."""
    if table.frame.empty:
        return
    blank = (table.frame == "").all(axis=1).to_numpy()
    if not blank.any():
        return
    for line in table.lines[blank]:
        problems.append(Problem(table.file, int(line), None, None, "blank row: delete it", "blank-row"))
    table.frame = table.frame.loc[~blank].reset_index(drop=True)
    table.lines = table.lines[~blank]


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
    if data.count(b"\n") not in (rows, rows + 1):
        # Some cells hold line breaks, or lines end in bare CRs: count the breaks in cells.
        import pyarrow.compute as pc

        embedded = np.zeros(rows, dtype=np.int64)
        for column in table.columns:
            embedded += pc.count_substring_regex(column, _NEWLINES).to_numpy(zero_copy_only=False)
        starts[1:] += np.cumsum(embedded)[:-1]
    frame = table.to_pandas()
    frame.columns = range(len(header))
    return RawTable(file=file, header=header, frame=frame, lines=starts)


def _utf8(body: memoryview) -> bool:
    """Whether the bytes are UTF-8, checked by Arrow at memory speed without decoding
    them. Arrow's reader must not meet bad bytes in a row it hands back as invalid."""
    import pyarrow as pa

    offsets = pa.py_buffer(np.array([0, len(body)], dtype=np.int64))
    try:
        pa.LargeStringArray.from_buffers(1, offsets, pa.py_buffer(body)).validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


def _read_exact(text: str, file: str, problems: list[Problem]) -> RawTable | None:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    rows: list[list[str]] = []
    lines: list[int] = []
    unread: list[list[str]] = []
    previous = 0
    try:
        for row in reader:
            start = previous + 1
            previous = reader.line_num
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
    frame = pd.DataFrame(rows, columns=range(len(header)), dtype="str") if rows else _empty(len(header))
    return RawTable(file=file, header=header, frame=frame, lines=np.asarray(lines, dtype=np.int64), unread=unread)


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


def _empty(width: int) -> pd.DataFrame:
    return pd.DataFrame({i: pd.Series([], dtype="str") for i in range(width)})
