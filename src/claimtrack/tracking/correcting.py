"""Changing a row already recorded: move a claim through its lifecycle, correct a
row's cells in public with a reason, undo a status move made by mistake; each change
logged, cell by cell, in the corrections log.

A change to a row is written with its entries in the log in one all-or-nothing write
across the two files, under the package's lock, after the whole package has been
validated with both changed: the changed row is checked by every rule that checks a
new row. The log is written first, so that a crash between the files leaves an entry
whose change is not in the data, which validation reports, never an unlogged change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from claimtrack.io import storage
from claimtrack.model import suggest
from claimtrack.model.corrections import CORRECTION, LOG, STATUS, Cell, Correction, grouped
from claimtrack.model.lifecycle import refusal
from claimtrack.model.package import Package, read_package
from claimtrack.tracking.recording import Change, RecordingError, Table, _check_and_write, _next_id

# The ids of the log's changes: correction-01, correction-02, ...
ID_PREFIX = "correction"


def correctable(package: Package) -> list[str]:
    """The tables whose rows can be corrected, as the log's schema lists them."""
    if not _has_log(package):
        return []
    return package.resource(LOG).field("table").get("constraints", {}).get("enum", [])


def _has_log(package: Package) -> bool:
    return any(resource.name == LOG for resource in package.resources)


def _day(on: dt.date | None) -> str:
    return (on or dt.date.today()).isoformat()


def set_status(
    root: str | Path,
    claim_id: str,
    status: str,
    by: str | None = None,
    note: str | None = None,
    archive: Path | None = None,
    on_wait: Callable[[], None] = lambda: None,
) -> Change:
    """Move ``claim_id`` to ``status``, settled by the claim ``by``, with ``note``; the
    move is logged in the corrections log, where the package keeps one, so that it can
    be undone."""
    package = read_package(root)
    with storage.package_lock(package.root, on_wait):
        claims = Table(package, "claims")
        if claim_id not in claims.rows:
            raise RecordingError(suggest.unknown("claim", claim_id, claims.keys, where=f" in {claims.resource.path}"))
        row = claims.row(claim_id)
        reason = refusal(row["status"], status)
        if reason:
            raise RecordingError(f"{claim_id} cannot become {status!r}: {reason}")
        if status == "superseded" and not (by or row.get("settled_by")):
            raise RecordingError(f"{claim_id} cannot become 'superseded' without --by, the claim that superseded it")
        if by is not None and by not in claims.rows:
            close = suggest.closest(by, claims.keys)
            meant = f"; did you mean {', '.join(close)}?" if close else ""
            raise RecordingError(f"--by names {by!r}, which is not a claim in {claims.resource.path}{meant}")
        change = Change(claim_ids=[claim_id], before={k: row[k] for k in ("status", "settled_by", "status_note")})
        values = {"status": status}
        if by is not None:
            values["settled_by"] = by
        if note is not None:
            values["status_note"] = note
        change.logged = _log_status_move(package, claims, claim_id, values, note, archive)
        return change


def correct(
    root: str | Path,
    row_id: str,
    values: dict[str, str],
    reason: str,
    table: str = "claims",
    on: dt.date | None = None,
    dry_run: bool = False,
    archive: Path | None = None,
    on_wait: Callable[[], None] = lambda: None,
) -> Correction:
    """Set the cells ``values`` (column -> text) of the row ``row_id`` of ``table``, for
    ``reason``, on the day ``on`` (today when None), and log the change. With
    ``dry_run`` the change is checked but nothing is written."""
    package = read_package(root)
    _need_log(package, "correct a row")
    if table not in correctable(package):
        raise RecordingError(
            f"{table!r} is not a table whose rows are corrected; they are {', '.join(correctable(package))}"
        )
    if not (reason or "").strip():
        raise RecordingError("a correction says why it is made: give --reason")
    if not values:
        raise RecordingError("nothing to correct: give the new value of a column with --set COLUMN=VALUE")
    with storage.package_lock(package.root, on_wait):
        target = Table(package, table)
        row = _row(target, row_id)
        for column, value in values.items():
            given = f"--set {column}={value}"
            if column not in target.header:
                raise RecordingError(
                    f"{given}: {column} is not a column of {target.resource.path}; its columns are {', '.join(target.header)}"
                )
            if column == target.resource.key:
                raise RecordingError(
                    f"{given}: {column} is the id of {row_id}, and an id is not corrected: other rows and readers "
                    f"point to it; record the {target.resource.noun} anew and settle this one by it"
                )
            if row[column] == value:
                raise RecordingError(f"{given}: {row_id}'s {column} is {value!r} already; leave it out")
        return _change(package, target, row_id, values, reason.strip(), _day(on), CORRECTION, dry_run, archive)


def undo_status(
    root: str | Path,
    claim_id: str,
    reason: str,
    on: dt.date | None = None,
    dry_run: bool = False,
    archive: Path | None = None,
    on_wait: Callable[[], None] = lambda: None,
) -> Correction:
    """Put back what ``claim_id``'s last status move changed (its status, settled_by and
    status note as they were), for ``reason``: logged as a correction."""
    package = read_package(root)
    _need_log(package, "undo a status move")
    if not (reason or "").strip():
        raise RecordingError("an undone status move says why: give --reason")
    with storage.package_lock(package.root, on_wait):
        claims = Table(package, "claims")
        row = _row(claims, claim_id)
        log = Table(package, LOG)
        changes = grouped(dict(zip(log.header, cells)) for cells in log.raw.rows())
        mine = [c for c in changes if c.table == "claims" and c.row_id == claim_id]
        moves = [c for c in mine if c.kind == STATUS]
        if not moves:
            raise RecordingError(
                f"{claim_id} has no status move in {log.resource.path} to undo (moves are logged from the first "
                f"made with `claimtrack status`); put it right with `claimtrack correct {claim_id} "
                "--set status=... --reason ...`"
            )
        move = moves[-1]
        since = [
            c for c in mine[mine.index(move) + 1 :] if {x.column for x in c.cells} & {x.column for x in move.cells}
        ]
        for cell in move.cells:
            if row[cell.column] != cell.became:
                by = f" by {since[-1].correction_id} ({since[-1].corrected_on})" if since else ""
                raise RecordingError(
                    f"{claim_id}'s last status move, {move.correction_id} of {move.corrected_on}, made its "
                    f"{cell.column} {cell.became!r}; it has been changed since{by} and is {row[cell.column]!r}: "
                    f"put it right with `claimtrack correct {claim_id} --set {cell.column}=... --reason ...`"
                )
        values = {cell.column: cell.was for cell in move.cells}
        return _change(package, claims, claim_id, values, reason.strip(), _day(on), CORRECTION, dry_run, archive)


def _log_status_move(
    package: Package, claims: Table, claim_id: str, values: dict[str, str], note: str | None, archive: Path | None
) -> str | None:
    """Write ``claim_id``'s status move (its new cells ``values``) with its entry in the
    log, as one change; the move's id, or None when the package keeps no log (the claim
    is then written alone). Called under the package's lock."""
    if not _has_log(package):
        row = {**claims.row(claim_id), **values}
        _check_and_write(package, {claims.resource.path: claims.with_row_replaced(claim_id, row)}, archive)
        return None
    change = _change(package, claims, claim_id, values, note or "", _day(None), STATUS, False, archive)
    return change.correction_id


def _need_log(package: Package, what: str) -> None:
    if not _has_log(package):
        raise RecordingError(
            f"the package keeps no corrections log, so it cannot {what}: declare a resource named {LOG!r} "
            "in datapackage.json with the schema that `claimtrack init` gives a new package (schemas/corrections.json)"
        )


def _row(table: Table, row_id: str) -> dict[str, str]:
    if row_id not in table.rows:
        raise RecordingError(f"there is no {table.resource.noun} {row_id!r} in {table.resource.path}")
    return table.row(row_id)


def _change(
    package: Package,
    target: Table,
    row_id: str,
    values: dict[str, str],
    reason: str,
    day: str,
    kind: str,
    dry_run: bool,
    archive: Path | None,
) -> Correction:
    """Set ``values`` in the row ``row_id`` of ``target`` and log each cell that changes,
    as one write of both files; with ``dry_run``, check it only."""
    log = Table(package, LOG)
    row = target.row(row_id)
    change = Correction(_next_id(log, ID_PREFIX), target.resource.name, row_id, day, kind, reason)
    for column, value in values.items():
        if row[column] != value:
            change.cells.append(Cell(column, row[column], value))
    if not change.cells:
        raise RecordingError(f"the change leaves {row_id} as it is: there is nothing to log")
    entries = {
        "correction_id": change.correction_id,
        "table": change.table,
        "row_id": row_id,
        "reason": reason,
        "corrected_on": day,
        "kind": kind,
    }
    rows = [
        log.row_from({**entries, "column": c.column, "was": c.was, "became": c.became}, "the log") for c in change.cells
    ]
    new_row = {**row, **{c.column: c.became for c in change.cells}}
    files = {
        log.resource.path: storage.appended(log.data, rows),
        target.resource.path: target.with_row_replaced(row_id, new_row),
    }
    _check_and_write(package, files, archive, write=not dry_run)
    return change
