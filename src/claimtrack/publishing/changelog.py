"""CHANGELOG.md, generated from the package's git history: what changed in the data
between versions.

A version is the ``version`` in datapackage.json. Its data is the data as it stood
when that version was last in force: at the commit just before the one that set the
next version, or, for the current version, the files as they are now. Consecutive
versions are compared by primary key: claims added (and, should it ever happen,
removed), statuses changed with from -> to, other columns of a claim corrected, and
the rows added to every other table. The corrections logged in the version's
corrections log are named with what each cell was and became and why; a column they
explain is not listed again among the claims corrected. The first version is compared
with nothing.

``update_changelog`` rewrites CHANGELOG.md; a test fails when the committed file
differs from what would be generated, as for the README's generated tables.
"""

from __future__ import annotations

import io
import json
import subprocess
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from claimtrack.io import textfile
from claimtrack.model import paths, versions
from claimtrack.model.corrections import CORRECTION, LOG, Correction, grouped, said
from claimtrack.model.package import primary_key_of

# Columns that belong to a claim's status: a change in them is a status change, not a correction.
STATUS_COLUMNS = ("status", "settled_by", "status_note")


class ChangelogError(RuntimeError):
    """The history cannot be read, or its versions are not in order."""


@dataclass
class Snapshot:
    version: str
    since: str | None  # the day the version was set, from its commit; None before it is committed
    tables: dict[str, dict[tuple, dict[str, str]]] = field(default_factory=dict)  # name -> key -> row
    claims_path: str = ""  # the claims table's file, as the descriptor names it
    columns: dict[str, list[str]] = field(default_factory=dict)  # name -> the header's columns


Reader = Callable[[str], "bytes | None"]


def _rows(data: bytes | None) -> tuple[list[str], list[dict[str, str]]]:
    """A CSV file's header and rows."""
    if data is None:
        return [], []
    reader = textfile.csv_dict_reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def _json(data: bytes | None) -> dict:
    try:
        value = json.loads(data.decode("utf-8-sig")) if data is not None else {}
    except (UnicodeDecodeError, json.JSONDecodeError):
        return {}
    return value if isinstance(value, dict) else {}


def snapshot(read: Reader, since: str | None) -> Snapshot:
    """The package's tables as ``read`` (relative path -> bytes, or None when missing) has them."""
    descriptor = _json(read(paths.DESCRIPTOR))
    shot = Snapshot(version=str(descriptor.get("version", "")), since=since)
    for resource in descriptor.get("resources") or []:
        if not isinstance(resource, dict) or not isinstance(resource.get("path"), str):
            continue
        schema = resource.get("schema")
        schema = _json(read(schema)) if isinstance(schema, str) else (schema or {})
        key = primary_key_of(schema)
        header, rows = _rows(read(resource["path"]))
        if not key and rows:
            key = [next(iter(rows[0]))]
        name = resource.get("name", resource["path"])
        shot.tables[name] = {tuple(row.get(k, "") for k in key): row for row in rows}
        shot.columns[name] = header
        if resource.get("name") == "claims":
            shot.claims_path = resource["path"]
    return shot


def _git(root: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise ChangelogError("git is not installed: the changelog is generated from the git history") from None
    if done.returncode != 0:
        raise ChangelogError(f"git {' '.join(args[:2])} failed: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout


def _git_reader(root: Path, prefix: str, commit: str) -> Reader:
    def read(relative: str) -> bytes | None:
        done = subprocess.run(
            ["git", "-C", str(root), "show", f"{commit}:{prefix}{relative}"], capture_output=True, check=False
        )
        return done.stdout if done.returncode == 0 else None

    return read


def _file_reader(root: Path) -> Reader:
    def read(relative: str) -> bytes | None:
        try:
            return (root / relative).read_bytes()
        except (FileNotFoundError, IsADirectoryError):
            return None

    return read


def history(root: str | Path) -> list[Snapshot]:
    """Every version of the package, oldest first, each with its data as it last stood."""
    root = paths.package_root(root)
    try:
        inside = _git(root, "rev-parse", "--is-inside-work-tree").strip() == b"true"
    except ChangelogError:
        inside = False
    if not inside:
        raise ChangelogError(f"{root} is not in a git repository: the changelog is generated from its history")
    if _git(root, "rev-parse", "--is-shallow-repository").strip() == b"true":
        raise ChangelogError(
            "the git history is shallow: fetch all of it (git fetch --unshallow) to generate the changelog"
        )
    prefix = _git(root, "rev-parse", "--show-prefix").decode().strip()
    log = _git(root, "log", "--reverse", "--topo-order", "--format=%H %cs", "--", prefix + paths.DESCRIPTOR)
    # The commits where the version changed: (commit, day, version).
    starts: list[tuple[str, str, str]] = []
    for line in log.decode().splitlines():
        commit, day = line.split()
        version = str(_json(_git_reader(root, prefix, commit)(paths.DESCRIPTOR)).get("version", ""))
        if not starts or starts[-1][2] != version:
            starts.append((commit, day, version))
    shots = []
    for (_, day, _), following in zip(starts, starts[1:]):
        # The last state of a version is the commit just before the next version was set.
        shots.append(snapshot(_git_reader(root, prefix, following[0] + "^"), day))
    current = snapshot(_file_reader(root), None)
    if starts and starts[-1][2] == current.version:
        current.since = starts[-1][1]
    elif starts:
        shots.append(snapshot(_git_reader(root, prefix, "HEAD"), starts[-1][1]))
    shots.append(current)
    _check_order(shots)
    return shots


def _check_order(shots: list[Snapshot]) -> None:
    for before, after in zip(shots, shots[1:]):
        for shot in (before, after):
            problem = versions.problem_with(shot.version)
            if problem:
                raise ChangelogError(f"{problem} (in the history, version {shot.version or 'missing'})")
        if versions.sort_key(after.version) <= versions.sort_key(before.version):
            raise ChangelogError(
                f"the version went from {before.version} to {after.version}: each new version must be higher"
            )


@dataclass
class Changes:
    version: str
    since: str | None
    first: bool
    added: dict[str, int]  # table -> rows added
    claims_added: list[dict[str, str]]
    claims_removed: list[str]
    statuses: list[tuple[str, str, str, str]]  # claim_id, from, to, settled_by
    corrected: list[tuple[str, list[str]]]  # claim_id, columns
    logged: list[Correction] = field(default_factory=list)  # the corrections the log gained
    columns_added: dict[str, list[str]] = field(default_factory=dict)  # table -> new columns
    columns_removed: dict[str, list[str]] = field(default_factory=dict)


def changes(before: Snapshot | None, after: Snapshot) -> Changes:
    old_tables = before.tables if before else {}
    added = {name: sum(1 for key in rows if key not in old_tables.get(name, {})) for name, rows in after.tables.items()}
    old, new = old_tables.get("claims", {}), after.tables.get("claims", {})
    # A column new in this version was filled in where it differs from what most rows
    # hold ("hedge" where a source hedged, "stance" where a claimant denies): the rest
    # is the column's default, which the line "Columns added" already says.
    old_columns = set(before.columns.get("claims", [])) if before else set()
    usual = {
        c: Counter(row.get(c) or "" for row in new.values()).most_common(1)[0][0]
        for c in after.columns.get("claims", [])
        if old_columns and c not in old_columns and new
    }
    old_log = old_tables.get(LOG, {})
    gained = grouped(row for key, row in after.tables.get(LOG, {}).items() if key not in old_log)
    # The cells the log explains, by status moves and corrections alike.
    explained = {(change.row_id, cell.column) for change in gained if change.table == "claims" for cell in change.cells}
    statuses, corrected = [], []
    for key, row in new.items():
        if key not in old:
            continue
        was = old[key]
        if was.get("status") != row.get("status"):
            statuses.append((key[0], was.get("status", ""), row.get("status", ""), row.get("settled_by", "")))
        columns = [
            c for c in row if c not in STATUS_COLUMNS and (key[0], c) not in explained and _differs(c, was, row, usual)
        ]
        if columns:
            corrected.append((key[0], columns))
    return Changes(
        version=after.version,
        since=after.since,
        first=before is None,
        added={name: n for name, n in added.items() if n},
        claims_added=[row for key, row in new.items() if key not in old],
        claims_removed=[key[0] for key in old if key not in new],
        statuses=statuses,
        corrected=corrected,
        logged=[change for change in gained if change.kind == CORRECTION],
        **_columns_changed(before, after),
    )


def _differs(column: str, was: dict[str, str], row: dict[str, str], usual: dict[str, str]) -> bool:
    if column in was:
        return was[column] != row[column]
    return column in usual and (row[column] or "") != usual[column]


def _columns_changed(before: Snapshot | None, after: Snapshot) -> dict[str, dict[str, list[str]]]:
    if before is None:
        return {}
    added, removed = {}, {}
    for name, columns in after.columns.items():
        old = before.columns.get(name)
        if not old or not columns:
            continue
        if new := [c for c in columns if c not in old]:
            added[name] = new
        if gone := [c for c in old if c not in columns]:
            removed[name] = gone
    return {"columns_added": added, "columns_removed": removed}


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def _entry(change: Changes, names: dict[tuple, dict[str, str]]) -> str:
    heading = f"## {change.version}" + (f" ({change.since})" if change.since else " (not yet committed)")
    lines = [heading, ""]
    # The claims first: they are what a reader of the changelog follows.
    order = sorted(change.added, key=lambda name: name != "claims")
    summary = ", ".join(f"{change.added[name]:,} in {name}" for name in order)
    if change.first:
        lines.append(f"The first version. Rows: {summary or 'none'}.")
    else:
        lines.append(f"Rows added: {summary}." if summary else "No rows added.")
        if change.statuses:
            lines.append(f"Statuses changed: {len(change.statuses)}.")
        for name, columns in change.columns_added.items():
            lines.append(f"Columns added to {name}: " + ", ".join(f"`{c}`" for c in columns) + ".")
        for name, columns in change.columns_removed.items():
            lines.append(f"Columns removed from {name}: " + ", ".join(f"`{c}`" for c in columns) + ".")
    if change.claims_added:
        lines += ["", "### Claims added", "", "| claim | measure | claimant | figure as said | said on | status |"]
        lines.append("|---|---|---|---|---|---|")
        for row in change.claims_added:
            claimant = names.get((row.get("claimant_id", ""),), {}).get("name") or row.get("claimant_id", "")
            cells = [f"`{row['claim_id']}`", f"`{row.get('measure_id', '')}`", claimant, row.get("figure_text", "")]
            cells += [row.get("said_on") or "not stated", row.get("status", "")]
            lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    if change.statuses:
        lines += ["", "### Statuses changed", ""]
        for claim_id, was, now, by in change.statuses:
            lines.append(f"- `{claim_id}`: {was} -> {now}" + (f", settled by `{by}`" if by else ""))
    if change.corrected:
        lines += ["", "### Claims corrected", ""]
        lines += [f"- `{claim_id}`: " + ", ".join(f"`{c}`" for c in columns) for claim_id, columns in change.corrected]
    if change.logged:
        lines += ["", "### Corrections", ""]
        lines += [
            f"- `{c.row_id}` ({c.table}), {c.corrected_on}: "
            + "; ".join(f"`{cell.column}` {_cell(said(cell.was))} -> {_cell(said(cell.became))}" for cell in c.cells)
            + (f". Why: {_cell(c.reason)}" if c.reason else "")
            for c in change.logged
        ]
    if change.claims_removed:
        lines += ["", "### Claims removed", ""]
        lines += [f"- `{claim_id}`" for claim_id in change.claims_removed]
    return "\n".join(lines)


def render(shots: list[Snapshot], package_name: str) -> str:
    """The changelog, newest version first."""
    claims_path = (shots[-1].claims_path if shots else "") or "claims file"
    head = [
        "# Changelog",
        "",
        f"What changed in the data of `{package_name}` from one version to the next. Generated from the",
        f"git history of the package by `scripts/update_changelog.py`: each version's `{claims_path}` as it",
        "stood when the version was last in force, compared by `claim_id` with the version before. Do not",
        "edit by hand. Versions follow [semantic versioning](https://semver.org/).",
    ]
    entries = []
    for index, shot in enumerate(shots):
        before = shots[index - 1] if index else None
        entries.append(_entry(changes(before, shot), shot.tables.get("claimants", {})))
    return "\n".join(head) + "\n\n" + "\n\n".join(reversed(entries)) + "\n"


def generate(root: str | Path) -> str:
    root = paths.package_root(root)
    name = _json(_file_reader(root)(paths.DESCRIPTOR)).get("name", "package")
    return render(history(root), name)


def update_changelog(root: str | Path) -> bool:
    """Rewrite CHANGELOG.md from the history; True when the file changed."""
    path = paths.package_root(root) / paths.CHANGELOG
    new = generate(root)
    old = path.read_text(encoding="utf-8") if path.exists() else None
    if new != old:
        path.write_text(new, encoding="utf-8")
    return new != old


def names_version(text: str, version: str) -> bool:
    """True when the changelog ``text`` has an entry for ``version``."""
    return any(line.split(" (")[0] == f"## {version}" for line in text.splitlines())
