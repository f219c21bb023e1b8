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
from dataclasses import dataclass

import numpy as np
import pandas as pd

from claimtrack.problems import Problem

BOM = b"\xef\xbb\xbf"
_NEWLINES = r"\r\n|\r|\n"
# A quote with text on both sides, outside any doubled quote: either a stray quote
# in an unquoted cell or text after a closing quote. pyarrow would quietly drop
# the latter's quotes, so such files take the exact path, which judges them.
_QUOTE_AMID_TEXT = re.compile(r'[^,\r\n"]"[^,\r\n"]')


@dataclass
class RawTable:
    """A CSV file's cells as text. ``frame`` has one column per header position,
    labelled 0, 1, 2 ...; ``lines[i]`` is the line where row ``i`` starts."""

    file: str
    header: list[str]
    frame: pd.DataFrame
    lines: np.ndarray
    has_bom: bool = False


def read_raw(data: bytes, file: str) -> tuple[RawTable | None, list[Problem]]:
    """Parse ``data`` (the file's bytes); ``file`` names it in problems."""
    problems: list[Problem] = []
    text = _decode(data, file, problems)
    if text is None:
        return None, problems
    has_bom = data.startswith(BOM)
    if not text or text.isspace():
        problems.append(
            Problem(file, 1, None, None, "the file is empty: it needs at least a header line", "empty-file")
        )
        return None, problems
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        problems.append(
            Problem(file, line, None, None, "the file contains a NUL byte: it is not a text CSV file", "nul-byte")
        )
        return None, problems
    body = data[len(BOM) :] if has_bom else data
    table = _read_fast(body, text, file) if _plain_quoting(text) else None
    if table is None:
        table = _read_exact(text, file, problems)
    if table is not None:
        table.has_bom = has_bom
        _drop_blank_rows(table, problems)
    return table, problems


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


def _plain_quoting(text: str) -> bool:
    """True when every quote in the file pairs up and sits at a cell's edge: the files
    the fast parser reads exactly as the strict CSV reader would. An odd number of
    quotes means one is never closed, and pyarrow would swallow the rest of the
    file into one cell."""
    return text.count('"') % 2 == 0 and _QUOTE_AMID_TEXT.search(text) is None


def _decode(data: bytes, file: str, problems: list[Problem]) -> str | None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.append(Problem(file, 1, None, None, "the file is saved as UTF-16; save it as UTF-8", "encoding"))
        return None
    body = data[len(BOM) :] if data.startswith(BOM) else data
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        offset = error.start + (len(data) - len(body))
        line = data.count(b"\n", 0, offset) + 1
        bad = data[offset : offset + 1].hex()
        problems.append(
            Problem(
                file,
                line,
                None,
                None,
                f"the file is not UTF-8: byte 0x{bad} at offset {offset} cannot be read; save the file as UTF-8",
                "encoding",
            )
        )
        return None


def _first_record(text: str) -> tuple[list[str], bool]:
    """The header cells, and whether the header fits on the first line."""
    first_line = re.match(r"[^\r\n]*", text).group()
    try:
        row = next(csv.reader([first_line], strict=True))
    except (csv.Error, StopIteration):
        return [], False
    return row, True


def _read_fast(body: bytes, text: str, file: str) -> RawTable | None:
    import pyarrow as pa
    import pyarrow.csv as pacsv

    header, ok = _first_record(text)
    if not ok or not header:
        return None
    names = [f"c{i}" for i in range(len(header))]
    invalid: list[object] = []

    def on_invalid(row: object) -> str:
        invalid.append(row)
        return "skip"

    try:
        table = pacsv.read_csv(
            io.BytesIO(body),
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1, block_size=1 << 24),
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
        return None
    if invalid:
        return None
    frame = table.to_pandas()
    frame.columns = range(len(header))
    embedded = np.zeros(len(frame), dtype=np.int64)
    for column in frame.columns:
        embedded += frame[column].str.count(_NEWLINES).to_numpy(dtype=np.int64)
    starts = 2 + np.arange(len(frame), dtype=np.int64)
    starts[1:] += np.cumsum(embedded)[:-1]
    return RawTable(file=file, header=header, frame=frame, lines=starts)


def _read_exact(text: str, file: str, problems: list[Problem]) -> RawTable | None:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    rows: list[list[str]] = []
    lines: list[int] = []
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
                problems.append(
                    Problem(
                        file,
                        start,
                        None,
                        None,
                        f"this row has {len(row)} cells, {word} than the {len(header)} columns of the header; "
                        "nothing was padded or cut",
                        "row-length",
                    )
                )
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
                f"the row starting here cannot be read as CSV ({error}); "
                "check for a quote that is opened and never closed, or a stray quote inside a cell",
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
    return RawTable(file=file, header=header, frame=frame, lines=np.asarray(lines, dtype=np.int64))


def _empty(width: int) -> pd.DataFrame:
    return pd.DataFrame({i: pd.Series([], dtype="str") for i in range(width)})
