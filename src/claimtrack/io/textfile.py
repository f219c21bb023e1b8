"""Where bytes stop being UTF-8 text: the offset and line of a NUL byte, or of the first
byte UTF-8 cannot read. Shared by the CSV reader and the files handed to add and extract,
which say it each in their own words. Standard library only: the command line imports it."""

from __future__ import annotations

from dataclasses import dataclass

BOM = b"\xef\xbb\xbf"


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
