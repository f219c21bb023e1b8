"""The corrections log: every change to a row already recorded, one cell a line.

A correction puts a mistake right (``claimtrack correct``, or a status move undone with
``claimtrack status --undo``) and says why; a status move (``claimtrack status``) is
kept too, so that it can be undone. Nothing is deleted: the cell's old value stays in
the log. This module reads the log's rows, as plain text, into the changes they make,
for whatever shows them: ``show``, ``history``, the site and the changelog.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

# The log's resource name, and its kinds of entry, as schemas/corrections.json gives them.
LOG = "corrections"
CORRECTION = "correction"
STATUS = "status"


@dataclass(frozen=True)
class Cell:
    column: str
    was: str
    became: str


@dataclass
class Correction:
    """One change: its id, the row it changed, its cells, why and when."""

    correction_id: str
    table: str
    row_id: str
    corrected_on: str
    kind: str
    reason: str
    cells: list[Cell] = field(default_factory=list)

    def changes(self) -> str:
        """The cells changed, as a reader reads them: figure_text "about 20" -> "about 200"."""
        return "; ".join(f"{c.column} {said(c.was)} -> {said(c.became)}" for c in self.cells)

    def line(self) -> str:
        """The change in one line: when, what was, what became, why."""
        why = f" Why: {self.reason}" if self.reason else ""
        return f"{self.corrected_on}: {self.changes()}.{why}"


def said(text: str) -> str:
    """A cell's text as a change shows it: in quotes, or (empty)."""
    return f'"{text}"' if text else "(empty)"


def _text(value) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def grouped(rows: Iterable[dict]) -> list[Correction]:
    """The log's rows (dicts of its columns; None or "" for an empty cell) as the changes
    they make, in the log's order."""
    found: dict[str, Correction] = {}
    for row in rows:
        correction_id = _text(row.get("correction_id"))
        change = found.get(correction_id)
        if change is None:
            change = found[correction_id] = Correction(
                correction_id,
                _text(row.get("table")),
                _text(row.get("row_id")),
                _text(row.get("corrected_on")),
                _text(row.get("kind")),
                _text(row.get("reason")),
            )
        change.cells.append(Cell(_text(row.get("column")), _text(row.get("was")), _text(row.get("became"))))
    return list(found.values())


def corrections_of(rows: Iterable[dict], table: str, row_ids: Iterable[str] | None = None) -> list[Correction]:
    """The corrections (not the status moves) of ``table``'s rows ``row_ids`` (every row
    when None), in the log's order."""
    wanted = None if row_ids is None else set(row_ids)
    return [
        change
        for change in grouped(rows)
        if change.kind == CORRECTION and change.table == table and (wanted is None or change.row_id in wanted)
    ]
