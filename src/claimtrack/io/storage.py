"""Writing the package's files so that nothing is lost.

Every write happens under the package's lock, so two commands cannot interleave;
each file is written to a temporary file beside it and moved into place in one
step, so a crash leaves the old file or the new one, never half of either. A change
of several files is one commit: once every new file is written and on disk, a journal
(`.claimtrack/journal.json`) names the moves to make, then they are made, then the
journal is removed. A crash before the journal is in place leaves every file as it was;
a crash after it is finished by the next command that takes the lock (or reads), which
makes the moves the journal names; temporary files a crash left are removed. Rows
are appended or replaced byte for byte: the rest of the file, its byte-order mark
and its line endings stay as they were.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from claimtrack.io import textfile
from claimtrack.model import paths

LOCK_TIMEOUT = 60.0


class WriteError(OSError):
    """A file could not be written; nothing was changed."""


@contextmanager
def package_lock(
    root: Path, on_wait: Callable[[], None] = lambda: None, timeout: float = LOCK_TIMEOUT
) -> Iterator[None]:
    """Hold the package's lock; call ``on_wait`` first if another command holds it."""
    from filelock import FileLock, Timeout

    lock = FileLock(str(Path(root) / paths.LOCK))
    try:
        lock.acquire(timeout=0)
    except PermissionError:
        raise WriteError(f"cannot lock {root}: the folder is read-only; nothing was written") from None
    except Timeout:
        on_wait()
        try:
            lock.acquire(timeout=timeout)
        except Timeout:
            raise WriteError(
                f"another claimtrack command kept {root} locked for {timeout:.0f} seconds; nothing was written"
            ) from None
    try:
        recover(Path(root))
        yield
    finally:
        lock.release()


def _journal(root: Path) -> Path:
    return root / paths.WORK_DIR / paths.JOURNAL


def _sync_folder(folder: Path) -> None:
    """Put a folder's entries (a file moved in, one removed) on disk."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def recover(root: Path) -> None:
    """Finish a change a crash interrupted, under the lock: make the moves its journal
    names that are not made yet (each new file or folder was written whole before the
    journal was) and remove what it says to remove, then remove the journal; and remove
    the temporary files a crash left before its journal was in place."""
    import json

    journal = _journal(root)
    if journal.exists():
        try:
            written = json.loads(journal.read_text(encoding="utf-8"))
            moves = [(root / staged, root / target) for staged, target in written["moves"]]
            remove = [root / folder for folder in written.get("remove", [])]
        except (OSError, ValueError, KeyError, TypeError):
            moves, remove = [], []
        _finish(journal, moves, remove)
    for leftover in _leftovers(root):
        leftover.unlink(missing_ok=True)


def _replace(source: Path, target: Path) -> None:
    """Every move a change makes goes through here (a test stops a change at its Nth move)."""
    os.replace(source, target)


def _move(staged: Path, target: Path) -> None:
    """Put ``staged`` in the place of ``target``, once: a move already made (nothing is
    staged any more) is not made again. A folder cannot replace a folder in one step, so
    the old one first steps aside, beside the staged one, to be removed with it."""
    if not staged.exists():
        return
    if staged.is_dir() and target.exists():
        _replace(target, staged.with_name(staged.name + ".replaced"))
    _replace(staged, target)
    _sync_folder(target.parent)


def _finish(journal: Path, moves: list[tuple[Path, Path]], remove: list[Path]) -> None:
    """Make the journal's moves, remove what it says to remove, then the journal."""
    import shutil

    for staged, target in moves:
        _move(staged, target)
    for path in remove:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    journal.unlink(missing_ok=True)
    _sync_folder(journal.parent)


def _write_journal(root: Path, moves: list[tuple[Path, Path]], remove: list[Path] = ()) -> Path:
    """Put on disk, in one step, the journal of a change: its moves and what to remove
    once they are made. Paths inside the package are kept relative to it, others whole."""
    import json

    def written(path: Path) -> str:
        return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)

    journal = _journal(root)
    journal.parent.mkdir(exist_ok=True)
    handle, name = tempfile.mkstemp(
        prefix=f"{paths.STAGED_PREFIX}{journal.name}.", suffix=paths.STAGED_SUFFIX, dir=journal.parent
    )
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(
            json.dumps({"moves": [[written(s), written(t)] for s, t in moves], "remove": list(map(written, remove))})
        )
        out.flush()
        os.fsync(out.fileno())
    os.replace(name, journal)
    _sync_folder(journal.parent)
    return journal


def commit(root: Path, moves: list[tuple[Path, Path]], remove: list[Path] = ()) -> None:
    """Move each finished file or folder into place as one commit, under the package's
    lock: a journal names the moves first, so that a crash among them is finished by the
    next command (``recover``); then the moves are made and ``remove`` (the scratch
    folders they came from, files no longer wanted) is removed."""
    root = Path(root)
    _finish(_write_journal(root, moves, remove), moves, remove)


@contextmanager
def scratch_folder(root: Path, inside: Path, prefix: str) -> Iterator[Path]:
    """A folder in ``inside`` to make a change's new files and folders in, before
    ``commit`` moves them into place: removed when the block ends, unless a commit's
    journal is still pending (then the next command finishes the moves and removes it)."""
    import shutil

    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=inside))
    try:
        yield folder
    finally:
        if not pending(root):
            shutil.rmtree(folder, ignore_errors=True)


def pending(root: Path) -> bool:
    """Whether a change's journal is in place: its moves are the next command's to finish."""
    return _journal(Path(root)).exists()


def _leftovers(root: Path) -> list[Path]:
    """The files being written when a change stopped, where changes write them."""
    folders = (root, root / paths.DATA_DIR, root / paths.SCHEMAS_DIR, root / paths.ARCHIVE_DIR, root / paths.WORK_DIR)
    pattern = f"{paths.STAGED_PREFIX}*{paths.STAGED_SUFFIX}"
    return [leftover for folder in folders if folder.is_dir() for leftover in folder.glob(pattern)]


def recover_if_needed(root: Path) -> None:
    """For a command that only reads: when a crash left a change half made (or the files
    it was writing), take the lock and finish it (or remove them) first, so that what it
    reads is one state of the package, not two."""
    root = Path(root)
    if _journal(root).exists() or _leftovers(root):
        with package_lock(root):
            pass


def kept_result(root: str | Path, archive: str | Path | None = None) -> dict | None:
    """What the last validation of the package's files found, if it was kept and the
    files are those it read (``checked.found``), read once any change a crash left half
    made is finished: the one way a reader asks, so that none reads a result kept for
    files a journal is about to change."""
    from claimtrack.io import checked

    recover_if_needed(Path(root))
    return checked.found(root, archive)


def newline_of(data: bytes) -> bytes:
    """The file's line ending, judged by its first line: CRLF, CR or LF."""
    end = data.find(b"\n")
    cr = data.find(b"\r")
    if cr != -1 and (end == -1 or cr < end):
        return b"\r\n" if data[cr : cr + 2] == b"\r\n" else b"\r"
    return b"\n"


def encode_rows(rows: list[list[str]], newline: bytes) -> bytes:
    """The rows as CSV lines ending in ``newline``, UTF-8.

    The csv module quotes a cell that holds a character of its line terminator; it
    writes each row ending in CRLF here so that a cell with a CR or an LF alone is
    always quoted, whatever the file's own line ending is.
    """
    ending = newline.decode("ascii")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    lines = []
    for row in rows:
        writer.writerow(row)
        lines.append(buffer.getvalue()[:-2] + ending)
        buffer.seek(0)
        buffer.truncate()
    return "".join(lines).encode("utf-8")


def appended(data: bytes, rows: list[list[str]]) -> bytes:
    """``data`` with ``rows`` added at the end; a missing final line ending is added first."""
    newline = newline_of(data)
    if data.endswith(b"\r") and newline == b"\r\n":
        data += b"\n"  # the last line's CRLF was cut short
    elif data and not data.endswith((b"\n", b"\r")):
        data += newline
    return data + encode_rows(rows, newline)


def replaced(data: bytes, first_line: int, next_line: int | None, row: list[str]) -> bytes:
    """``data`` with the record on lines ``first_line`` to before ``next_line`` (1-based;
    None: to the end) replaced by ``row``, keeping the record's own line ending."""
    lines = data.splitlines(keepends=True)
    record = lines[first_line - 1 : (next_line - 1) if next_line else None]
    old = b"".join(record)
    ending = old[len(old.rstrip(b"\r\n")) :]
    new = encode_rows([row], newline_of(data))
    new = new.rstrip(b"\r\n") + ending
    return b"".join(lines[: first_line - 1]) + new + b"".join(lines[(next_line - 1) if next_line else len(lines) :])


def json_file(value: object, old: bytes = b"") -> bytes:
    """``value`` as the package's JSON files are written: indented by two spaces, keys in
    their order, text as it is (not escaped to ASCII), a final line ending; the byte-order
    mark and the line ending of ``old``, the file it replaces, kept."""
    import json

    data = (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    newline = newline_of(old) if old else b"\n"
    if newline != b"\n":
        data = data.replace(b"\n", newline)  # JSON text has no line break inside a string
    return (textfile.BOM if old.startswith(textfile.BOM) else b"") + data


def write_files(root: Path, changes: dict[str, bytes]) -> None:
    """Write every changed file as one commit, in the order given: all new files are
    written and put on disk first, so a failure on any of them changes nothing; then a
    journal names the moves, so that a crash among them is finished by the next command
    (see ``recover``); then each is moved into place."""
    from claimtrack.io import checked

    root = Path(root)
    checked.forget(root)  # whatever the last validation found, these files are about to change
    staged: list[tuple[str, Path]] = []
    moved: list[str] = []
    relative = ""
    journal = _journal(root)
    try:
        for relative, content in changes.items():
            target = root / relative
            if target.exists() and not os.access(target, os.W_OK):
                raise WriteError(f"{relative} is read-only; nothing was written")
            handle, name = tempfile.mkstemp(
                prefix=f"{paths.STAGED_PREFIX}{target.name}.", suffix=paths.STAGED_SUFFIX, dir=target.parent
            )
            staged.append((relative, Path(name)))
            with os.fdopen(handle, "wb") as out:
                out.write(content)
                out.flush()
                os.fsync(out.fileno())
            if target.exists():
                os.chmod(name, target.stat().st_mode & 0o7777)
        if len(staged) > 1:
            _write_journal(root, [(temporary, root / rel) for rel, temporary in staged])
        for relative, temporary in staged:
            _move(temporary, root / relative)
            moved.append(relative)
        journal.unlink(missing_ok=True)
    except OSError as error:
        if isinstance(error, WriteError):
            raise
        if journal.exists():
            done = (f"only {', '.join(moved)} was moved into place; " if moved else "") + (
                "the next claimtrack command finishes the change"
            )
        else:
            done = f"only {', '.join(moved)} was written" if moved else "nothing was written"
        raise WriteError(f"could not write {relative or 'the package'}: {error.strerror}; {done}") from error
    finally:
        # New files the journal names are left for recover() to move; the others go.
        if not journal.exists():
            for _, temporary in staged:
                temporary.unlink(missing_ok=True)
