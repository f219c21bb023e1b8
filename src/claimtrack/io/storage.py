"""Writing the package's files so that nothing is lost.

Every write happens under the package's lock, so two commands cannot interleave;
each file is written to a temporary file beside it and moved into place in one
step, so a crash leaves the old file or the new one, never half of either. Rows
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
        yield
    finally:
        lock.release()


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
    """Write every changed file atomically, in the order given: all temporary files
    are written first, so a failure on any of them changes nothing."""
    from claimtrack.io import checked

    checked.forget(root)  # whatever the last validation found, these files are about to change
    staged: list[tuple[str, Path]] = []
    moved: list[str] = []
    relative = ""
    try:
        for relative, content in changes.items():
            target = Path(root) / relative
            if target.exists() and not os.access(target, os.W_OK):
                raise WriteError(f"{relative} is read-only; nothing was written")
            handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            staged.append((relative, Path(name)))
            with os.fdopen(handle, "wb") as out:
                out.write(content)
                out.flush()
                os.fsync(out.fileno())
            if target.exists():
                os.chmod(name, target.stat().st_mode & 0o7777)
        for relative, temporary in staged:
            os.replace(temporary, Path(root) / relative)
            moved.append(relative)
    except OSError as error:
        if isinstance(error, WriteError):
            raise
        done = f"only {', '.join(moved)} was written" if moved else "nothing was written"
        raise WriteError(f"could not write {relative or 'the package'}: {error.strerror}; {done}") from error
    finally:
        for _, temporary in staged:
            temporary.unlink(missing_ok=True)
