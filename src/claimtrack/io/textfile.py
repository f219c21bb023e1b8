"""Where bytes stop being UTF-8 text: a file saved as UTF-16, the offset and line of a NUL
byte, or of the first byte UTF-8 cannot read. Shared by the CSV reader and the files
handed to add and extract; and the csv module's readers, set to take cells of any
length. Standard library only: the command line imports it."""

from __future__ import annotations

import csv
from dataclasses import dataclass

BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True)
class Spot:
    """A byte of a file: its offset from the start, its line (1-based) and its value."""

    offset: int
    line: int
    byte: int


class NotUTF8(ValueError):
    def __init__(self, spot: Spot):
        super().__init__(f"byte 0x{spot.byte:02x} at offset {spot.offset} is not UTF-8")
        self.spot = spot


def spot(data: bytes, offset: int) -> Spot:
    return Spot(offset, data.count(b"\n", 0, offset) + 1, data[offset])


def nul_byte(data: bytes) -> Spot | None:
    """The first NUL byte, which no text file holds; None when there is none."""
    offset = data.find(b"\x00")
    return None if offset == -1 else spot(data, offset)


def decode(data: bytes) -> str:
    """The text, without a leading byte-order mark; NotUTF8 names the first byte that is not."""
    skip = len(BOM) if data.startswith(BOM) else 0
    try:
        return data[skip:].decode("utf-8")
    except UnicodeDecodeError as error:
        raise NotUTF8(spot(data, skip + error.start)) from None


def utf16(data: bytes) -> bool:
    """Text saved as UTF-16: with its byte-order mark, or without one, when plain letters
    leave a NUL in every other byte, all on one side (even offsets big-endian, odd little-endian)."""
    if data.startswith(UTF16_BOMS):
        return True
    head = data[:4096]
    even, odd = head[0::2], head[1::2]
    for nuls, other in ((even, odd), (odd, even)):
        if len(nuls) >= 2 and nuls.count(0) >= 0.9 * len(nuls) and other.count(0) == 0:
            return True
    return False


class NotText(ValueError):
    """The bytes are not UTF-8 text; the message says why, after the file's name."""


def text_of(data: bytes) -> str:
    """The bytes as text; NotText says, in words, why they are not UTF-8 text."""
    if utf16(data):
        raise NotText("is saved as UTF-16")
    nul = nul_byte(data)
    if nul is not None:
        raise NotText(f"is not a text file: it holds a NUL byte at offset {nul.offset}")
    try:
        return decode(data)
    except NotUTF8 as error:
        bad = error.spot
        raise NotText(
            f"is not UTF-8: byte 0x{bad.byte:02x} at offset {bad.offset} (line {bad.line}) cannot be read"
        ) from None


# Python's csv module refuses a cell longer than 131,072 characters unless told otherwise,
# and reports it as a quote never closed; a quote, a note or a text pasted whole can be
# longer. A cell is no longer than its file, so a file's size bounds what reading it
# costs: every CSV reader here takes cells up to this length, 2 GiB less one character
# (the most a C long holds on every platform).
CELL_LIMIT = 2**31 - 1


def csv_reader(source, **options):
    """``csv.reader`` over ``source``, taking cells of any length up to CELL_LIMIT."""
    _long_cells()
    return csv.reader(source, **options)


def csv_dict_reader(source, **options):
    """``csv.DictReader`` over ``source``, taking cells of any length up to CELL_LIMIT."""
    _long_cells()
    return csv.DictReader(source, **options)


def blank_line(row: list[str], width: int) -> bool:
    """A row the csv module reads from a blank line, or from a line of spaces alone, in a
    table ``width`` columns wide (of one column, spaces are that column's cell)."""
    return not row or (len(row) == 1 and not row[0].strip() and width > 1)


def _long_cells() -> None:
    if csv.field_size_limit() < CELL_LIMIT:
        csv.field_size_limit(CELL_LIMIT)
