"""What the last validation of the package's files found, kept so that the same files
are not validated twice.

Validation reads the descriptor, the schemas, the data files, the archived texts and
the tool's own code. The result is kept in the package's working folder (``.claimtrack/``,
which git ignores) under a key made from the path, size and modification time of every
one of them, so any change to any of them (a write of claimtrack's own, an edit by hand, a
new file in data/, another version of the tool) makes another key and the result is not
used. A file modified in the last seconds before the result was kept is not trusted to be
told apart by its time (a file system may keep times to the second): that result is not
used either, as git treats a "racily clean" file.

This module imports nothing heavy: a command that finds a result here needs no pandas.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from claimtrack.model import paths

# How close to the moment a result was kept a file's time may be and the result still used.
RACY_NS = 2_000_000_000
FORMAT = 1  # the layout of the kept result; another number is not read


def _files(root: Path, archive: Path | None) -> list[Path]:
    """Every file validation reads, or whose presence it checks."""
    import claimtrack

    folders = [root / paths.DATA_DIR, root / paths.SCHEMAS_DIR, archive or paths.archive_dir(root)]
    found = [root / paths.DESCRIPTOR]
    for folder in folders:
        if folder.is_dir():
            found += sorted(p for p in folder.rglob("*") if p.is_file())
    code = Path(claimtrack.__file__).parent
    found += sorted(code.rglob("*.py")) + sorted(code.rglob("*.json"))
    return found


def key(root: str | Path, archive: str | Path | None = None) -> tuple[str, int] | None:
    """The key of the package's files as they are now, and the latest modification time
    among them (in nanoseconds); None when they cannot all be looked at. The package is
    the same however its folder is named (``-p /the/path`` or ``.`` inside it)."""
    root = Path(root).resolve()
    archive = Path(archive).resolve() if archive else None
    return stamp(_files(root, archive), f"{FORMAT}\0{archive or ''}")


def stamp(files: list[Path], salt: str = "") -> tuple[str, int] | None:
    """The key of ``files`` as they are now (their paths, sizes, times and inodes, with
    ``salt``), and the latest modification time among them (in nanoseconds); None when
    they cannot all be looked at."""
    digest = hashlib.sha256(f"{salt}\n".encode())
    latest = 0
    try:
        for path in files:
            stat = path.stat()
            latest = max(latest, stat.st_mtime_ns)
            digest.update(
                f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0{stat.st_ctime_ns}\0{stat.st_ino}\n".encode(
                    "utf-8", "replace"
                )
            )
    except OSError:
        return None
    return digest.hexdigest(), latest


def _path(root: Path, name: str = paths.VALIDATION_RESULT) -> Path:
    return root / paths.WORK_DIR / name


def found(root: str | Path, archive: str | Path | None = None) -> dict | None:
    """What the last validation of these very files found, if it was kept. Readers ask
    through ``storage.kept_result``, which first finishes a change a crash left half made."""
    root = Path(root)
    return kept_for(_path(root), key(root, archive))


def kept_for(path: Path, now: tuple[str, int] | None) -> dict | None:
    """The result kept in ``path`` under the key ``now`` (``stamp``), if it was kept and
    no file was modified too close to the moment it was."""
    if now is None:
        return None
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(kept, dict) or kept.get("key") != now[0] or now[1] >= kept.get("kept_at", 0) - RACY_NS:
        return None
    return kept.get("result")


def keep(root: str | Path, archive: str | Path | None, result: dict, before: tuple[str, int] | None) -> None:
    """Keep ``result``, found on the files whose key was ``before`` when validation began,
    unless they changed while it ran. Nothing kept is no harm: a failure to write is silent."""
    root = Path(root)
    if before is None or key(root, archive) != before or not (root / paths.DESCRIPTOR).is_file():
        return
    keep_in(_path(root), result, before)


def keep_in(path: Path, result, before: tuple[str, int]) -> None:
    """Write ``result`` to ``path`` under the key ``before``, whole or not at all."""
    try:
        path.parent.mkdir(exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        record = {"key": before[0], "kept_at": time.time_ns(), "result": result}
        temporary.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        return


def forget(root: str | Path) -> None:
    """Drop the kept result: claimtrack is about to change the package's files."""
    try:
        _path(Path(root)).unlink()
    except OSError:
        return
