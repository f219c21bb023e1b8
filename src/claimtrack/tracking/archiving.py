"""Archiving a source's text: the file in archive/ and the source's row, together or not at all.

The text goes to archive/ under the file name its row already records, or
``<source_id>.txt`` when it records none; the row gets the file's name, its SHA-256
and the day it was archived (``accessed_on``). As with every change to the record,
the package is validated under its lock with the new text and row in place of the
old, so every quote of the source is checked against the text before a byte is
written; on any problem nothing is. Then both files are replaced atomically, the
text first: a crash between the two leaves a text no row points to yet.

Putting back the very text a row records (the same SHA-256), as after a fresh clone
of a repository that does not commit other people's texts, changes no row: its
``accessed_on`` stays the day the text was first archived, unless one is given. A
new text ends with a line break; the very text a row records is put back byte for
byte, with or without one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from claimtrack.io import storage
from claimtrack.model import paths
from claimtrack.model.package import Package, read_package
from claimtrack.tracking.recording import RecordingError, Table
from claimtrack.validation.run import validate

# The columns of sources.csv that archiving fills.
FILE, FINGERPRINT, ACCESSED = "archive_file", "archive_sha256", "accessed_on"
# The verb that records a new source, for the message when there is none.
NEW_SOURCE = "claimtrack source add"


@dataclass(frozen=True)
class Archived:
    """What archiving wrote, or found already there."""

    source_id: str
    path: str  # the text's file, relative to the package folder: archive/daily-ledger-2024-05-02.txt
    characters: int
    sha256: str
    accessed_on: str | None  # as recorded in the row now; None when not known or not recorded
    restored: bool  # the very text the row records, put back: the row is unchanged
    row_changed: bool
    sources_path: str  # data/sources.csv
    quotes_checked: int  # quotes of the source now checked against the text, every one found
    accessed_on_column: bool  # whether sources.csv has the column at all


def _sources(package: Package) -> Table:
    return Table(package, "sources")


def text_file(package: Package, row: dict[str, str]) -> str:
    """The file name the source's text is archived as: the one its row records, or
    ``<source_id>.txt``."""
    return row.get(FILE) or paths.archived_text(row[package.resource("sources").key])


def check_source(root: str | Path, source_id: str, replace: bool = False) -> None:
    """Refuse early, before a page is fetched, what archive_text would refuse: a source
    that is not there, or one whose text is already archived (without ``replace``)."""
    package = read_package(root)
    _refusal(package, _sources(package), source_id, replace)


def _refusal(package: Package, sources: Table, source_id: str, replace: bool) -> dict[str, str]:
    """The source's row; RecordingError when there is none, or when its text is already
    archived and ``replace`` is not given."""
    if source_id not in sources.rows:
        raise RecordingError(
            f"there is no source {source_id!r} in {sources.resource.path}: record the source first "
            f"({NEW_SOURCE}), then archive its text"
        )
    row = sources.row(source_id)
    target = paths.archive_dir(package.root) / text_file(package, row)
    if target.exists() and not replace:
        raise RecordingError(
            f"{source_id} already has an archived text, {_relative(package, target)}; "
            "give --replace to archive this one in its place"
        )
    return row


def _relative(package: Package, path: Path) -> str:
    return path.relative_to(package.root).as_posix()


def archive_text(
    root: str | Path,
    source_id: str,
    data: bytes,
    accessed_on: dt.date | None = None,
    replace: bool = False,
    exact: bytes | None = None,
    today: dt.date | None = None,
    on_wait: Callable[[], None] = lambda: None,
) -> Archived:
    """Archive ``data`` (UTF-8 text, ending with a line break) as the text of ``source_id``.

    ``exact``: the file's bytes as they are, without the final line break ``data``
    adds; they are archived instead when they are the very text the row records.
    ``accessed_on`` is the day the text was taken from the document; by default
    ``today``, or, when the text is the very one the row records, the day the row
    already gives. Raises RecordingError, with the problems if any, when the archive
    is refused; nothing is written then.
    """
    today = today or dt.date.today()
    package = read_package(root)
    with storage.package_lock(package.root, on_wait):
        sources = _sources(package)
        row = _refusal(package, sources, source_id, replace)
        recorded = row.get(FINGERPRINT) or None
        if exact is not None and hashlib.sha256(exact).hexdigest() == recorded:
            data = exact
        digest = hashlib.sha256(data).hexdigest()
        name = text_file(package, row)
        target = paths.archive_dir(package.root) / name
        text_path = _relative(package, target)
        restored = recorded == digest
        if recorded and not restored and not replace:
            raise RecordingError(
                f"{sources.resource.path} records SHA-256 {recorded} for the archived text of {source_id}, "
                f"and this text's is {digest}: it is not the text its quotes were checked against. Archive "
                "that very text, or give --replace to archive this one instead"
            )
        column = ACCESSED in sources.header
        if accessed_on is not None:
            _check_day(accessed_on, row, today, source_id)
            if not column:
                raise RecordingError(
                    f"{sources.resource.path} has no {ACCESSED} column to record the day in; "
                    "add it to the file and its schema first"
                )
        new = dict(row)
        new[FILE], new[FINGERPRINT] = name, digest
        if column and (accessed_on is not None or not restored):
            new[ACCESSED] = (accessed_on or today).isoformat()
        changes = {text_path: data}
        row_changed = new != row
        if row_changed:
            changes[sources.resource.path] = sources.with_row_replaced(source_id, new)
        report = validate(package.root, overrides=changes)
        if report.problems:
            misquoted = [p for p in report.problems if p.rule == "quote-in-source"]
            if len(misquoted) == len(report.problems):
                why = (
                    f"{len(misquoted)} quote(s) of {source_id} are not in it word for word "
                    "(is it the right text, and the whole of it?)"
                )
            else:
                why = "the package would not be valid with it"
            raise RecordingError(f"the text was not archived: {why}; nothing was written", report.problems)
        _write(package, changes)
    return Archived(
        source_id=source_id,
        path=text_path,
        characters=len(data.decode("utf-8", errors="replace").removeprefix("\ufeff")),
        sha256=digest,
        accessed_on=new.get(ACCESSED) or None,
        restored=restored,
        row_changed=row_changed,
        sources_path=sources.resource.path,
        quotes_checked=report.archive.checked.get(source_id, 0) if report.archive else 0,
        accessed_on_column=column,
    )


def _check_day(day: dt.date, row: dict[str, str], today: dt.date, source_id: str) -> None:
    if day > today:
        raise RecordingError(f"--accessed-on {day.isoformat()} is a day to come: the text was taken on or before today")
    published = row.get("published_on")
    if published and day.isoformat() < published:
        raise RecordingError(
            f"--accessed-on {day.isoformat()} is before {source_id} was published, on {published}: "
            "a text cannot be taken before it was published"
        )


def _write(package: Package, changes: dict[str, bytes]) -> None:
    """Write the text and the row, creating archive/ when it is not there yet; a failed
    write leaves no new, empty folder behind."""
    folder = paths.archive_dir(package.root)
    created = not folder.exists()
    try:
        folder.mkdir(exist_ok=True)
    except OSError as error:
        raise storage.WriteError(f"cannot create {paths.ARCHIVE_DIR}/: {error.strerror}; nothing was written") from None
    try:
        storage.write_files(package.root, changes)
    except storage.WriteError:
        if created and not any(folder.iterdir()):
            folder.rmdir()
        raise
