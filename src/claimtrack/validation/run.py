"""Validation of the whole package: descriptor, files, headers, cells, keys and rules.

``validate`` never raises on bad data: it returns a Report whose ``problems`` list
every problem found, each with its file, CSV line, column and value.

The tables are read and typed in polars, and checked by pandera's polars backend in two
schemas per table (``schema_for`` gives them): the Table Schema's own constraints and
keys, on the cells as written, then the rules across fields and tables, on the typed
rows laid out beside what they point to. Nothing here imports pandas: a Report's
``tables`` turns the typed frames into pandas only when asked for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from claimtrack.io.csvfile import RawTable, read_raw
from claimtrack.model import paths
from claimtrack.model.package import Package, Resource, read_package
from claimtrack.model.problems import Problem, ValidationError, sort_problems
from claimtrack.tables import Tables
from claimtrack.tables.typed import pandas_frame, typed_frame, written_frame
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
    # The typed tables as polars frames; ``tables`` has them as pandas DataFrames.
    frames: Tables = field(default_factory=lambda: Tables(None))
    raw: dict[str, RawTable] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    archive: ArchiveCheck | None = None
    _pandas: Tables | None = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def tables(self) -> Tables:
        """The typed tables as pandas DataFrames, as ``claimtrack.load()`` gives them:
        made from ``frames`` the first time they are asked for."""
        if self._pandas is None or set(self._pandas) != set(self.frames):
            self._pandas = as_pandas(self.frames)
        return self._pandas

    def counts(self) -> dict[str, int]:
        """How many of each table's things there are: its rows, or where a thing takes
        several rows (a correction of several cells, a row per cell), its distinct ids."""

        def count(name: str, frame: pl.DataFrame) -> int:
            own = name.removesuffix("s") + "_id"
            return int(frame[own].drop_nulls().n_unique()) if own in frame.columns and frame.height else frame.height

        return {name: count(name, frame) for name, frame in self.frames.items()}


def as_pandas(frames: Tables) -> Tables:
    """Typed polars tables as pandas DataFrames (``typed.pandas_frame``), with what they say
    of the package, its problems and the rows left out."""
    tables = Tables(frames.package, {name: pandas_frame(frame) for name, frame in frames.items()})
    tables.problems, tables.left_out = frames.problems, frames.left_out
    return tables


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
    # A descriptor or schema about to be written is checked as it will be.
    rewritten = {paths.DESCRIPTOR, *(r.schema_path for r in package.resources)} & set(overrides or {})
    refused = profile_problems(package, as_in_files=not rewritten, keep=not overrides)
    if refused:
        return Report(package=None, problems=refused)
    report = Report(package=package, frames=Tables(package))
    problems = report.problems
    cells = _read_all(package, report.raw, problems, overrides or {})
    problems.extend(_undeclared_files(package))
    written = _typed(package, cells, report.frames)
    context = _context(package, report, cells)
    # The schemas' own rules, on the cells as written.
    for name in cells:
        resource, table = package.resource(name), report.raw[name]
        problems.extend(
            engine.run(cell_rules(package, resource, context), written[name], cells[name], table.lines, resource.path)
        )
    del written  # the cells with missing values null: the rules across fields read the typed tables

    # The rules across fields and tables, on the typed tables and what they point to.
    problems.extend(view_problems(package, report.frames))
    report.archive = _archive_check(package, context, archive, overrides or {})
    report.notes.extend(report.archive.notes())
    # A cell that failed its own checks is missing in the typed tables; a rule that
    # then finds it empty must not report the same cell a second time.
    reported = {(p.file, p.line, p.column) for p in problems}
    for name, rules in row_rules(package, context, report.archive).items():
        resource, table, frame = package.resource(name), report.raw[name], frame_for(context, name)
        rules = _runnable(rules, frame, resource, problems)
        if not rules:
            continue
        try:
            found = engine.run(rules, frame, cells[name], table.lines, resource.path)
        except engine.CheckNotRun as error:
            problems.append(_not_run(resource, error))
            continue
        problems.extend(p for p in found if (p.file, p.line, p.column) not in reported)

    columns = {r.path: r.field_names for r in package.resources}
    report.problems = sort_problems(problems, package.file_order(), columns)
    checked.keep(root, archive, summary(report), before)
    return report


@dataclass
class TableChecks:
    """The two pandera schemas (``pandera.polars.DataFrameSchema``) a table is checked
    with, each beside the frame it checks: ``schema.validate(frame, lazy=True)``."""

    cells: object  # the Table Schema's constraints and keys
    cells_frame: pl.DataFrame  # the cells as written, the schema's missing values null
    rows: object  # the rules across fields and tables, the archive's among them
    rows_frame: pl.DataFrame  # the typed rows, beside what the rules need of the rows they point to


def schema_for(root: str | Path, name: str, archive: str | Path | None = None) -> TableChecks:
    """The pandera schemas validate checks the table ``name`` of the package in ``root``
    with, made from its Table Schema (and, for the rules across tables, from the other
    tables as they are); ValidationError when the table cannot be read."""
    package = read_package(root)
    report = Report(package=package, frames=Tables(package))
    problems: list[Problem] = []
    cells = _read_all(package, report.raw, problems, {})
    if name not in cells:
        package.resource(name)  # a table the package does not have is named as such
        raise ValidationError(problems)
    written = _typed(package, cells, report.frames)
    context = _context(package, report, cells)
    rows = row_rules(package, context, _archive_check(package, context, archive, {})).get(name, [])
    resource = package.resource(name)
    return TableChecks(
        engine.schema(cell_rules(package, resource, context)),
        written[name],
        engine.schema(rows),
        frame_for(context, name),
    )


def _archive_check(package: Package, context: Context, archive, overrides: dict[str, bytes]) -> ArchiveCheck:
    if archive is not None:
        folder, shown = Path(archive), str(archive)
    else:
        folder, shown = paths.archive_dir(package.root), f"the package's {paths.ARCHIVE_DIR}/"
    texts = _texts_in(package.root, folder, overrides)
    return archive_rules(context, folder, shown, given=archive is not None, texts=texts)


def cell_rules(package: Package, resource: Resource, context: Context) -> list[engine.Rule]:
    """The rules of the Table Schema of ``resource``: its fields' constraints and its keys."""
    return field_rules(resource) + key_rules(package, resource, context)


def row_rules(package: Package, context: Context, archive: ArchiveCheck | None) -> dict[str, list[engine.Rule]]:
    """The rules across fields and tables, by table, with the archive check's."""
    cross = {name: rules_for(context, name) for name in context.tables}
    if "measures" in cross:
        cross["measures"].extend(topic_rules([t.name for t in package.topics]))
    for name, rules in (archive.rules if archive else {}).items():
        cross.setdefault(name, []).extend(rules)
    return cross


def read_valid(root: str | Path) -> Tables | None:
    """The typed tables (polars frames) of a package whose files the last validation
    found valid, read without checking them again; None when a file no longer reads as
    it did (then validate it)."""
    package = read_package(root)
    problems: list[Problem] = []
    cells = _read_all(package, {}, problems, {})
    if problems or len(cells) != len(package.resources):
        return None
    tables = Tables(package)
    _typed(package, cells, tables)
    return tables


def _runnable(rules: list, frame, resource, problems: list[Problem]) -> list:
    """The rules whose columns the table has. A schema without a field the rules read
    (one written for an older version of claimtrack, say) is a problem on the schema,
    once for each such field, and the rules that read it are not run."""
    lacking: dict[str, list[str]] = {}
    for rule in rules:
        for column in engine.read_by(rule):
            if column not in frame.columns:
                lacking.setdefault(column, []).append(rule.code)
    for column, codes in lacking.items():
        problems.append(
            Problem(
                resource.schema_path,
                None,
                None,
                column,
                f"the schema has no field {column!r}, which claimtrack reads to check "
                f"{', '.join(dict.fromkeys(codes))}: add the field as `claimtrack init` writes this schema",
                "schema",
            )
        )
    return [rule for rule in rules if not set(engine.read_by(rule)) & set(lacking)]


def _not_run(resource, error: engine.CheckNotRun) -> Problem:
    """A check pandera could not run on the table: a problem on its schema."""
    return Problem(
        resource.schema_path,
        None,
        None,
        None,
        f"claimtrack could not check the rows of {resource.path} ({error.code}): a field the check "
        "reads, in this schema or that of a table it points to, is not of the type claimtrack's own "
        f"schemas give it; compare the schemas with those `claimtrack init` writes (polars said: {error.said})",
        "schema",
    )


def _read_all(
    package: Package, raw: dict[str, RawTable], problems: list[Problem], overrides: dict[str, bytes]
) -> dict[str, pl.DataFrame]:
    """Each resource's cells as written, by name, with the header's names: those whose
    file reads and whose header is the schema's. ``raw`` gets every table read."""
    cells: dict[str, pl.DataFrame] = {}
    for resource in package.resources:
        table = _read_resource(package, resource, problems, overrides.get(resource.path))
        if table is None:
            continue
        raw[resource.name] = table
        header_problems = header_problems_of(resource, table)
        problems.extend(header_problems)
        if not header_problems:
            cells[resource.name] = table.cells()
    return cells


def _typed(package: Package, cells: dict[str, pl.DataFrame], into: Tables) -> dict[str, pl.DataFrame]:
    """The cells as written with missing values null, by table; ``into`` gets each typed."""
    written = {}
    for name, frame in cells.items():
        resource = package.resource(name)
        written[name] = written_frame(resource, frame)
        into[name] = typed_frame(resource, written[name])
    return written


def _context(package: Package, report: Report, cells: dict[str, pl.DataFrame]) -> Context:
    return Context(
        report.frames,
        cells=cells,
        keys={r.name: r.key for r in package.resources},
        unread={name: _unread(report.raw[name]) for name in cells},
    )


def summary(report: Report) -> dict:
    """What a validation found, as kept between runs: the problems, the package's name
    and version, how many of each thing it holds, and the notes."""
    from dataclasses import fields

    names = [f.name for f in fields(Problem)]
    return {
        "problems": [{name: getattr(problem, name) for name in names} for problem in report.problems],
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
