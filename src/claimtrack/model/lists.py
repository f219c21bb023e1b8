"""Cells that hold several names or words: a claimant's ``aliases``, a measure's ``keywords``.

They are typed in a spreadsheet as one cell, the items separated by a vertical bar:
``CDA|Civil Defence``. A bar needs no quoting in CSV, unlike a comma, and is rare in a
name or a word; spaces on either side of it are ignored. Validation reports an empty
item or an item listed twice (``list-item``); readers take the items as ``items`` gives
them.
"""

from __future__ import annotations

SEPARATOR = "|"


def split(cell: str | None) -> list[str]:
    """Every item of the cell, spaces at its ends trimmed, an empty item kept as "" so
    that validation can name it; no items for an empty cell."""
    if cell is None or not str(cell).strip():
        return []
    return [item.strip() for item in str(cell).split(SEPARATOR)]


def folded(item: str) -> str:
    """An item as two items are compared: case folded, runs of spaces as one."""
    return " ".join(item.casefold().split())


def items(cell: str | None) -> list[str]:
    """The items a reader uses: the non-empty ones, each once, in the cell's order."""
    seen: set[str] = set()
    found = []
    for item in split(cell):
        if item and folded(item) not in seen:
            seen.add(folded(item))
            found.append(item)
    return found
