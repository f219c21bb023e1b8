"""The rules of the corrections log: each entry names a row that is there and a column
of it, changes that cell, follows on from the entry before it of the same cell, and
leaves the cell as the data holds it now unless a later entry changes it again.

The log names its rows by table and id, which no Table Schema foreign key can say; the
frame below looks each entry's row up in the cells as written, so that an entry's
``became`` is compared with the text in the file, not with what it was typed as.
"""

from __future__ import annotations

import polars as pl

from claimtrack.model.corrections import CORRECTION, LOG
from claimtrack.validation.context import Context
from claimtrack.validation.engine import Failing, Fails, Rule

# What the frame says of an entry's column.
_KNOWN, _NO_COLUMN, _KEY = "known", "no such column", "key"

c = pl.col


def _text(value) -> str:
    return "" if value is None else str(value)


def corrections_frame(ctx: Context) -> pl.DataFrame:
    """The log with, for each entry, what the rules ask of it: whether its row is
    missing (never where its table could not be read), what its column is, the cell
    as the data holds it now, whether the entry changes nothing, whether it leaves the
    cell other than the data holds it with no later entry of that cell to explain it,
    and what the entry before it of the same cell made it.

    An entry's row is looked up in its table's cells as written: for each table the
    log names, the first position of each key, joined with the entries; and for each
    of its columns the entries name, the cell at that position."""
    log = ctx.tables[LOG]
    entries = log.select(
        *(c(name).cast(pl.String).fill_null("") for name in ("table", "row_id", "column", "was", "became")),
        c("correction_id").cast(pl.String).fill_null("").alias("id"),
    ).with_row_index("entry")
    readable = [table for table in ctx.cells if table in ctx.keys]
    looked = [pl.DataFrame(schema={"entry": pl.UInt32, "position": pl.UInt32, "state": pl.String, "now": pl.String})]
    for table in readable:
        cells, key = ctx.cells[table], ctx.keys[table]
        mine = entries.filter(c("table") == table).select("entry", "row_id", "column")
        if not mine.height:
            continue
        firsts = cells.select(c(key).alias("row_id")).with_row_index("position").unique("row_id", keep="first")
        mine = mine.join(firsts, on="row_id", how="left", maintain_order="left")
        state = pl.when(c("column") == key).then(pl.lit(_KEY)).when(c("column").is_in(cells.columns))
        mine = mine.with_columns(state.then(pl.lit(_KNOWN)).otherwise(pl.lit(_NO_COLUMN)).alias("state"))
        read = c("position").is_not_null() & (c("state") != _NO_COLUMN)
        looked.append(mine.filter(~read).select("entry", "position", "state", now=pl.lit("")))
        for column in mine.filter(read)["column"].unique(maintain_order=True):
            at = mine.filter(read & (c("column") == column))
            now = cells[column].gather(at["position"]).cast(pl.String).fill_null("")
            looked.append(at.select("entry", "position", "state", now=now))
    known = entries.join(pl.concat(looked), on="entry", how="left", maintain_order="left")
    cell = ["table", "row_id", "column"]
    read = c("position").is_not_null() & (c("state") != _NO_COLUMN)
    frame = known.select(
        row_missing=c("table").is_in(readable) & (c("row_id") != "") & c("position").is_null(),
        column_state=pl.when(c("position").is_not_null()).then(c("state")).otherwise(pl.lit("")),
        now=c("now").fill_null(""),
        unchanged=c("was") == c("became"),
        stale=read.fill_null(False)
        & (c("was") != c("became"))
        & pl.struct(cell).is_last_distinct()
        & (c("became") != c("now").fill_null("")),
        before=c("became").shift(1).over(cell).fill_null(""),
        before_id=c("id").shift(1).over(cell).fill_null(""),
        chain_broken=(c("id").shift(1).over(cell).fill_null("") != "")
        & (c("became").shift(1).over(cell).fill_null("") != c("was")),
    )
    return pl.concat([log, frame], how="horizontal")


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
        Fails(c("row_missing")),
        "{cell!r} names no row of {table}: the log keeps changes to rows that are there",
        reads=("row_missing", "table"),
    ),
    Rule(
        "correction-row",
        "column",
        Fails(c("column_state").is_in([_KEY, _NO_COLUMN])),
        _column_wrong,
        reads=("column_state", "table"),
    ),
    Rule(
        "correction-value",
        "became",
        Fails(c("unchanged")),
        "was and became are both {cell!r}: an entry that changes nothing is no change",
        reads=("unchanged",),
    ),
    Rule(
        "correction-value",
        "became",
        Fails(c("stale")),
        _now_differs,
        reads=("stale", "now", "table", "row_id", "column"),
    ),
    Rule(
        "correction-value",
        "was",
        Fails(c("chain_broken")),
        _before_differs,
        reads=("chain_broken", "before", "before_id", "row_id", "column"),
    ),
    Rule(
        "correction-reason",
        "reason",
        Fails((c("kind") == CORRECTION) & c("reason").is_null()),
        "a correction says why it was made: give its reason",
        reads=("kind",),
    ),
]
