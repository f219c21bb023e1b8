"""The rules of the corrections log: each entry names a row that is there and a column
of it, changes that cell, follows on from the entry before it of the same cell, and
leaves the cell as the data holds it now unless a later entry changes it again.

The log names its rows by table and id, which no Table Schema foreign key can say; the
frame below looks each entry's row up in the cells as written, so that an entry's
``became`` is compared with the text in the file, not with what it was typed as.
"""

from __future__ import annotations

import pandas as pd

from claimtrack.model.corrections import CORRECTION, LOG
from claimtrack.validation.context import Context
from claimtrack.validation.engine import Failing, Fails, Rule

# What the frame says of an entry's column.
_KNOWN, _NO_COLUMN, _KEY = "known", "no such column", "key"


def _text(value) -> str:
    return "" if value is None or value is pd.NA or (isinstance(value, float) and value != value) else str(value)


def corrections_frame(ctx: Context) -> pd.DataFrame:
    """The log with, for each entry, what the rules ask of it: whether its row is
    missing (never where its table could not be read), what its column is, the cell
    as the data holds it now, whether the entry changes nothing, whether it leaves the
    cell other than the data holds it with no later entry of that cell to explain it,
    and what the entry before it of the same cell made it."""
    log = ctx.tables[LOG]
    columns = ("table", "row_id", "column", "was", "became", "correction_id")
    entries = [tuple(_text(v) for v in values) for values in zip(*(log[c] for c in columns))]
    last = {(table, row_id, column): index for index, (table, row_id, column, *_) in enumerate(entries)}
    positions: dict[str, dict[str, int]] = {}
    before: dict[tuple[str, str, str], tuple[str, str]] = {}
    laid = {k: [] for k in ("row_missing", "column_state", "now", "unchanged", "stale", "before", "before_id")}
    for index, (table, row_id, column, was, became, correction_id) in enumerate(entries):
        cells, key = ctx.cells.get(table), ctx.keys.get(table)
        position, state, now = None, "", ""
        if cells is not None and key is not None:
            if table not in positions:
                positions[table] = {}
                for number, value in enumerate(cells[key]):
                    positions[table].setdefault(_text(value), number)
            position = positions[table].get(row_id)
            state = _KEY if column == key else _KNOWN if column in cells.columns else _NO_COLUMN
            if position is not None and state != _NO_COLUMN:
                now = _text(cells[column].iloc[position])
        read = position is not None and state != _NO_COLUMN
        cell = (table, row_id, column)
        previous = before.get(cell, ("", ""))
        laid["row_missing"].append(cells is not None and key is not None and bool(row_id) and position is None)
        laid["column_state"].append(state if position is not None else "")
        laid["now"].append(now)
        laid["unchanged"].append(was == became)
        laid["stale"].append(read and was != became and last[cell] == index and became != now)
        laid["before"].append(previous[0])
        laid["before_id"].append(previous[1])
        before[cell] = (became, correction_id)
    frame = pd.DataFrame(laid, index=log.index)
    frame["chain_broken"] = (frame["before_id"] != "") & (frame["before"] != [e[3] for e in entries])
    return pd.concat([log, frame], axis=1)


def _column_wrong(failing: Failing) -> list[str]:
    rows = failing.rows
    return [
        f"{column!r} is the id of the rows of {table}: an id is not corrected; record the row anew"
        if state == _KEY
        else f"{column!r} is not a column of {table}"
        for column, table, state in zip(rows["column"], rows["table"], rows["column_state"])
    ]


def _now_differs(failing: Failing) -> list[str]:
    rows = failing.rows
    return [
        f"{table} holds {now!r} in {row_id}'s {column}, not {_text(became)!r} as this entry made it: "
        "a change made since is not in the log; make it with `claimtrack correct`, which logs it"
        for table, row_id, column, now, became in zip(
            rows["table"], rows["row_id"], rows["column"], rows["now"], rows["became"]
        )
    ]


def _before_differs(failing: Failing) -> list[str]:
    rows = failing.rows
    return [
        f"the entry before this one of {row_id}'s {column} ({before_id}) made it {before!r}, not {_text(was)!r}"
        for row_id, column, before, before_id, was in zip(
            rows["row_id"], rows["column"], rows["before"], rows["before_id"], rows["was"]
        )
    ]


CORRECTIONS = [
    Rule(
        "correction-row",
        "row_id",
        Fails(lambda f: f["row_missing"]),
        "{cell!r} names no row of {table}: the log keeps changes to rows that are there",
        reads=("row_missing", "table"),
    ),
    Rule(
        "correction-row",
        "column",
        Fails(lambda f: f["column_state"].isin([_KEY, _NO_COLUMN])),
        _column_wrong,
        reads=("column_state", "table"),
    ),
    Rule(
        "correction-value",
        "became",
        Fails(lambda f: f["unchanged"]),
        "was and became are both {cell!r}: an entry that changes nothing is no change",
        reads=("unchanged",),
    ),
    Rule(
        "correction-value",
        "became",
        Fails(lambda f: f["stale"]),
        _now_differs,
        reads=("stale", "now", "table", "row_id", "column"),
    ),
    Rule(
        "correction-value",
        "was",
        Fails(lambda f: f["chain_broken"]),
        _before_differs,
        reads=("chain_broken", "before", "before_id", "row_id", "column"),
    ),
    Rule(
        "correction-reason",
        "reason",
        Fails(lambda f: (f["kind"] == CORRECTION) & f["reason"].isna()),
        "a correction says why it was made: give its reason",
        reads=("kind",),
    ),
]
