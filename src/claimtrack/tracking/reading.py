"""The record as the reading commands read it: the package's tables as plain rows.

Each table is a list of rows in the file's order, each row a dict of the schema's
columns with its cells as JSON has them (``claimtrack.io.rows.typed``): None, int,
float, True or False, text; dates as YYYY-MM-DD text, partial dates as written. Only
rows validation vouches for are read: the files are validated first, unless the result
of their last validation is kept (``claimtrack.io.checked``), and then read again with
the csv module. As ``claimtrack.load(on_error="skip")`` does with its pandas tables, a
row with a problem is left out, with every row that points at one, and a problem that
is not one row's refuses the package. Needs no pandas: on a package whose result is
kept, the reading commands answer without importing it.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
from pathlib import Path

from claimtrack.io import checked, storage
from claimtrack.io.rows import day, numbered_rows, typed
from claimtrack.model.package import Package, read_package
from claimtrack.model.problems import Problem, ValidationError, one_rows, unreadable_around, without_dangling
from claimtrack.tables import Tables

# How many times the files are read, when they change as they are read, before the command gives up.
ATTEMPTS = 3


def read(root: str | Path = ".") -> Tables:
    """The package's tables as plain rows, without the rows at fault: ``problems`` lists
    what validation found, ``left_out`` the ids left out, by table. ValidationError when
    the package cannot be read around its problems."""
    root = Path(root)
    kept = storage.kept_result(root)
    for _ in range(ATTEMPTS):
        before = checked.key(root) if kept is None else None
        package, problems = _vouched(root, kept)
        if package is None or unreadable_around(problems, _files(package)):
            raise ValidationError(problems)
        try:
            numbered = {r.name: list(numbered_rows(package, r.name)) for r in package.resources}
        except (OSError, UnicodeDecodeError, csv.Error):
            numbered = None  # changed since it was validated: validated again
        # The files read are those validated only if none changed meanwhile.
        unchanged = checked.found(root) is not None if kept is not None else checked.key(root) == before
        if numbered is not None and unchanged:
            return without_rows_at_fault(package, problems, numbered)
        kept = None
    raise ValidationError(
        [Problem(package.resources[0].path, None, None, None, "the files kept changing while they were read", "io")]
    )


def _vouched(root: Path, kept: dict | None) -> tuple[Package | None, list[Problem]]:
    """The package and its problems: those of the kept result, else a validation's now."""
    if kept is not None:
        return read_package(root), [Problem(**problem) for problem in kept["problems"]]
    from claimtrack.validation.run import validate

    report = validate(root)
    return report.package, report.problems


def _files(package: Package) -> set[str]:
    return {r.path for r in package.resources}


def without_rows_at_fault(package: Package, problems: list[Problem], numbered: dict) -> Tables:
    """The tables of ``numbered`` (each table's rows as written, with their lines) typed,
    without the rows ``problems`` are on, nor the rows that point at those."""
    bad_lines: dict[str, set[int]] = {}
    files = _files(package)
    for problem in problems:
        if one_rows(problem, files):
            bad_lines.setdefault(problem.file, set()).add(problem.line)
    every, sound = {}, {}
    for resource in package.resources:
        row_of, bad = typed(resource), bad_lines.get(resource.path, set())
        every[resource.name] = [(line, row_of(cells)) for line, cells in numbered[resource.name]]
        sound[resource.name] = [row for line, row in every[resource.name] if line not in bad]
    tables = Tables(package, without_dangling(package, sound, _dangling_left_out))
    tables.problems = problems
    for resource in package.resources:
        staying = {id(row) for row in tables[resource.name]}
        gone = [row[resource.key] for _, row in every[resource.name] if id(row) not in staying]
        gone = [str(key) for key in gone if key is not None]
        if gone:
            tables.left_out[resource.name] = gone
    return tables


def _dangling_left_out(rows: list[dict], column: str, targets: list[dict], target_column: str) -> list[dict] | None:
    there = {row[target_column] for row in targets}
    kept = [row for row in rows if row[column] is None or row[column] in there]
    return kept if len(kept) != len(rows) else None


# --- The claims joined to what they point at -----------------------------------------------


def joined(tables: Tables, name: str) -> list[dict]:
    """Each row of ``tables[name]`` with every row it refers to (``Resource.joins``)
    beside it, its columns prefixed with the join's name (a claim's ``measure_label``,
    its intermediary's ``via_name``); None where the row refers to none. The plain rows'
    ``claimtrack.tables.views.joined``."""
    package = tables.package
    targets = []
    for join in package.resource(name).joins:
        found: dict = {}
        for row in tables[join.table]:
            found.setdefault(row[join.key], row)
        columns = [c for c in package.resource(join.table).field_names if c != join.key]
        targets.append((join, found, columns))
    view = []
    for row in tables[name]:
        beside = dict(row)
        for join, found, columns in targets:
            target = found.get(row[join.column]) if row[join.column] is not None else None
            beside.update({join.prefix + c: None if target is None else target[c] for c in columns})
        view.append(beside)
    return view


def partial_date_span(text: str | None) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day a partial date (YYYY-MM-DD, YYYY-MM or YYYY) can mean;
    None on both sides for a missing cell or one that is no such date."""
    if text is None or len(text) not in (4, 7, 10):
        return None, None
    start = day(text + {4: "-01-01", 7: "-01", 10: ""}[len(text)])
    if start is None or len(text) == 10:
        return start, start
    if len(text) == 7:
        return start, start.replace(day=calendar.monthrange(start.year, start.month)[1])
    return start, start.replace(month=12, day=31)


def earliest(*days: dt.date | None) -> dt.date | None:
    """The earliest of the days given; None when none is."""
    return min((d for d in days if d is not None), default=None)


def latest(*days: dt.date | None) -> dt.date | None:
    """The latest of the days given; None when none is."""
    return max((d for d in days if d is not None), default=None)


def claims_view(tables: Tables) -> list[dict]:
    """The claims joined to their measure, claimant, intermediary and source, with the
    days their dates can mean (``said_on_start``, ``said_on_end``, ``as_of_...``,
    ``source_published_...``); ``known_by`` is the latest day each claim can have been
    made: the earliest of the last day its date can mean and the day any source that
    carries it was published (``first_published_on``). The plain rows'
    ``claimtrack.tables.views.claims_view``."""
    view = joined(tables, "claims")
    carried = _first_carried(tables)
    for row in view:
        row["said_on_start"], row["said_on_end"] = partial_date_span(row["said_on"])
        row["as_of_start"], row["as_of_end"] = partial_date_span(row["as_of"])
        row["source_published_start"], row["source_published_end"] = partial_date_span(row["source_published_on"])
        # A claim said "in June" on a page of June 3 was known on June 3; one no source
        # dates, from its first publication.
        row["first_published_on"] = earliest(row["source_published_end"], carried.get(row["claim_id"]))
        row["known_by"] = earliest(row["said_on_end"], row["first_published_on"])
    return view


def _first_carried(tables: Tables) -> dict[str, dt.date]:
    """By claim, the day by which the earliest other source that carried it was surely
    published (a page dated to the month only, by the month's last day)."""
    if "appearances" not in tables or "sources" not in tables:
        return {}
    published: dict = {}
    for source in tables["sources"]:
        published.setdefault(source["source_id"], source["published_on"])
    first: dict[str, dt.date] = {}
    for appearance in tables["appearances"]:
        end = partial_date_span(published.get(appearance["source_id"]))[1]
        if end is not None and appearance["claim_id"] is not None:
            first[appearance["claim_id"]] = earliest(first.get(appearance["claim_id"]), end)
    return first
