"""Validation of the whole package: descriptor, files, headers, cells, keys and rules.

``validate`` never raises on bad data: it returns a Report whose ``problems`` list
every problem found, each with its file, CSV line, column and value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from claimtrack.io.csvfile import RawTable, read_raw
from claimtrack.model import paths
from claimtrack.model.package import Package, Resource, read_package
from claimtrack.model.problems import Problem, ValidationError, sort_problems
from claimtrack.tables import Tables
from claimtrack.tables.typed import typed_frame, written_frame
from claimtrack.validation import engine
from claimtrack.validation.archive import ArchiveCheck, archive_rules
from claimtrack.validation.context import Context
from claimtrack.validation.fields import field_rules
from claimtrack.validation.headers import header_problems_of
from claimtrack.validation.keys import key_rules
from claimtrack.validation.profiles import profile_problems
from claimtrack.validation.rules import frame_for, rules_for, topic_rules
from claimtrack.validation.views import view_problems


@dataclass
class Report:
    package: Package | None
    problems: list[Problem] = field(default_factory=list)
    tables: Tables = field(default_factory=lambda: Tables(None))
    raw: dict[str, RawTable] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    archive: ArchiveCheck | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> dict[str, int]:
        """How many of each table's things there are: its rows, or where a thing takes
        several rows (a correction of several cells, a row per cell), its distinct ids."""

        def count(name: str, frame) -> int:
            own = name.removesuffix("s") + "_id"
            return int(frame[own].nunique()) if own in frame and len(frame) else len(frame)

        return {name: count(name, frame) for name, frame in self.tables.items()}


def validate(
    root: str | Path = ".", archive: str | Path | None = None, overrides: dict[str, bytes] | None = None
) -> Report:
    """Check the package in ``root``, its quotes against the archived texts in its own
    archive/ folder, or in the folder ``archive`` when one is given.

    ``overrides`` maps a path in the package (a resource's, the descriptor's, or an
    archived text's in archive/) to the bytes to check in place of the file's: how a
    change is validated before it is written.
    """
    from claimtrack.io import checked, storage

    if not overrides:
        storage.recover_if_needed(Path(root))  # a change a crash left half made is finished first
    # The files as they are when validation begins: what it finds is kept under their key.
    before = checked.key(root, archive) if not overrides else None
    try:
        package = read_package(root, overrides)
    except ValidationError as error:
        return Report(package=None, problems=error.problems)
    refused = profile_problems(package)
    if refused:
        return Report(package=None, problems=refused)
    report = Report(package=package, tables=Tables(package))
    problems = report.problems
    cells: dict[str, pd.DataFrame] = {}
    for resource in package.resources:
        table = _read_resource(package, resource, problems, (overrides or {}).get(resource.path))
        if table is None:
            continue
        report.raw[resource.name] = table
        header_problems = header_problems_of(resource, table)
        problems.extend(header_problems)
        if not header_problems:
            cells[resource.name] = table.frame.set_axis(table.header, axis=1)
    problems.extend(_undeclared_files(package))

    for name, frame in cells.items():
        report.tables[name] = typed_frame(package.resource(name), frame)
    context = Context(
        report.tables,
        cells=cells,
        keys={r.name: r.key for r in package.resources},
        unread={name: _unread(report.raw[name]) for name in cells},
    )
    # The schemas' own rules, on the cells as written.
    for name, frame in cells.items():
        resource, table = package.resource(name), report.raw[name]
        rules = field_rules(resource) + key_rules(package, resource, context)
        problems.extend(engine.run(rules, written_frame(resource, frame), frame, table.lines, resource.path))

    # The rules across fields and tables, on the typed tables and what they point to.
    cross = {name: rules_for(context, name) for name in report.tables}
    if "measures" in cross:
        cross["measures"].extend(topic_rules([t.name for t in package.topics]))
    problems.extend(view_problems(package, report.tables))
    if archive is not None:
        folder, shown = Path(archive), str(archive)
    else:
        folder, shown = paths.archive_dir(package.root), f"the package's {paths.ARCHIVE_DIR}/"
    texts = _texts_in(package.root, folder, overrides or {})
    report.archive = archive_rules(context, folder, shown, given=archive is not None, texts=texts)
    for name, rules in report.archive.rules.items():
        cross.setdefault(name, []).extend(rules)
    report.notes.extend(report.archive.notes())
    # A cell that failed its own checks is missing in the typed tables; a rule that
    # then finds it empty must not report the same cell a second time.
    reported = {(p.file, p.line, p.column) for p in problems}
    for name, rules in cross.items():
        if not rules:
            continue
        resource, table = package.resource(name), report.raw[name]
        found = engine.run(rules, frame_for(context, name), cells[name], table.lines, resource.path)
        problems.extend(p for p in found if (p.file, p.line, p.column) not in reported)

    columns = {r.path: r.field_names for r in package.resources}
    report.problems = sort_problems(problems, package.file_order(), columns)
    checked.keep(root, archive, summary(report), before)
    return report


def read_valid(root: str | Path) -> Tables | None:
    """The typed tables of a package whose files the last validation found valid, read
    without checking them again; None when a file no longer reads as it did (then
    validate it)."""
    package = read_package(root)
    tables = Tables(package)
    for resource in package.resources:
        problems: list[Problem] = []
        table = _read_resource(package, resource, problems)
        if table is None or problems or header_problems_of(resource, table):
            return None
        tables[resource.name] = typed_frame(resource, table.frame.set_axis(table.header, axis=1))
    return tables


def summary(report: Report) -> dict:
    """What a validation found, as kept between runs: the problems, the package's name
    and version, how many of each thing it holds, and the notes."""
    from dataclasses import asdict

    return {
        "problems": [asdict(problem) for problem in report.problems],
        "name": report.package.name,
        "version": report.package.version,
        "counts": report.counts(),
        "notes": report.notes,
    }


def _texts_in(root: Path, folder: Path, overrides: dict[str, bytes]) -> dict[str, bytes]:
    """The overrides that are files of the archive folder, by file name."""
    inside = folder.resolve()
    return {
        (root / relative).name: data
        for relative, data in overrides.items()
        if (root / relative).resolve().parent == inside
    }


def _unread(table: RawTable) -> dict[str, set[str]]:
    return {name: {row[i] for row in table.unread if i < len(row)} for i, name in enumerate(table.header)}


def read_bytes(package: Package, resource: Resource) -> bytes:
    return (package.root / resource.path).read_bytes()


def _read_resource(
    package: Package, resource: Resource, problems: list[Problem], data: bytes | None = None
) -> RawTable | None:
    try:
        data = read_bytes(package, resource) if data is None else data
    except FileNotFoundError:
        problems.append(Problem(resource.path, None, None, None, "the file is missing", "missing-file"))
        return None
    except OSError as error:
        problems.append(Problem(resource.path, None, None, None, f"the file cannot be read: {error.strerror}", "io"))
        return None
    table, found = read_raw(data, resource.path, resource.field_names)
    problems.extend(found)
    return table


def _undeclared_files(package: Package) -> list[Problem]:
    declared = {r.path for r in package.resources}
    folder = paths.data_dir(package.root)
    if not folder.is_dir():
        return []
    return [
        Problem(
            csv.relative_to(package.root).as_posix(),
            None,
            None,
            None,
            "this CSV file is not declared in datapackage.json: declare it with a schema, or move it out of data/",
            "undeclared-file",
        )
        for csv in sorted(folder.rglob("*.csv"))
        if csv.relative_to(package.root).as_posix() not in declared
    ]
