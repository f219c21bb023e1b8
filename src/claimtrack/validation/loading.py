"""``claimtrack.load()``: the package's tables as typed pandas DataFrames, or polars
frames on request.

By default a package with any problem is refused. With ``on_error="skip"`` the rows at
fault are left out instead, with every row that points at one (a claim of a source left
out is left out too), and the tables say what was left out and why: how the reading
commands go on when one row somewhere is wrong. A package that cannot be read at all
(its descriptor, a schema, a file's encoding or header) is refused either way.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from claimtrack.model.problems import ValidationError, one_rows, unreadable_around, without_dangling
from claimtrack.tables import Tables
from claimtrack.validation.run import Report, as_pandas, read_valid, validate

ON_ERROR = ("raise", "skip")
FRAMES = ("pandas", "polars")


def load(
    path: str | Path = ".", archive: str | Path | None = None, on_error: str = "raise", frames: str = "pandas"
) -> Tables:
    """Validate the package at ``path`` and return its tables.

    Columns are typed from the schemas: text as ``string``, whole numbers as nullable
    ``Int64``, dates as ``datetime64``. Dates that may be known only to the month
    (``said_on``, ``as_of``) stay ISO text such as ``2014-03``; see
    ``claimtrack.tables.typed.partial_date_span`` for the days they can mean.

    ``frames="polars"`` gives the tables as the polars frames validation typed and
    checked (``String``, ``Int64``, ``Date``), without pandas.

    ``on_error="raise"`` (the default) raises ``ValidationError`` listing every problem
    when the package is not valid. ``on_error="skip"`` leaves out each row with a problem
    and every row that points at a row left out; the tables' ``problems`` list what was
    found and ``left_out`` the ids left out, by table. It still raises when the package
    cannot be read at all: a problem of the descriptor, a schema, or a whole file.
    """
    if on_error not in ON_ERROR:
        raise ValueError(f"on_error must be one of {', '.join(ON_ERROR)}, not {on_error!r}")
    if frames not in FRAMES:
        raise ValueError(f"frames must be one of {', '.join(FRAMES)}, not {frames!r}")
    given = as_pandas if frames == "pandas" else lambda tables: tables
    # Files the last validation found valid, unchanged since, are read without the checks.
    from claimtrack.io import storage

    kept = storage.kept_result(path, archive)
    if kept is not None and not kept["problems"]:
        tables = read_valid(path)
        if tables is not None:
            return given(tables)
    report = validate(path, archive=archive)
    if report.ok:
        return given(report.frames)
    if on_error == "raise":
        raise ValidationError(report.problems)
    return given(without_rows_at_fault(report))


def without_rows_at_fault(report: Report) -> Tables:
    """The report's tables (polars frames) without the rows its problems are on, nor the
    rows that point at those; ValidationError when a problem is not one row's."""
    if report.package is None:
        raise ValidationError(report.problems)
    read = {report.package.resource(name).path for name in report.tables}  # the tables that were read
    if unreadable_around(report.problems, read):
        raise ValidationError(report.problems)
    package = report.package
    bad_lines: dict[str, set[int]] = {}
    for problem in report.problems:
        if one_rows(problem, read):
            bad_lines.setdefault(problem.file, set()).add(problem.line)
    frames = {}
    for name, frame in report.frames.items():
        lines = report.raw[name].lines
        keep = ~lines.is_in(sorted(bad_lines.get(package.resource(name).path, ())))
        frames[name] = frame.with_row_index(_ROW).filter(keep)
    frames = without_dangling(package, frames, _dangling_left_out)
    left_out = {}
    for name, frame in report.frames.items():
        key = package.resource(name).key
        kept = frames[name][_ROW]
        gone = frame.with_row_index(_ROW).filter(~pl.col(_ROW).is_in(kept.implode()))[key].drop_nulls().cast(pl.String)
        if len(gone):
            left_out[name] = gone.to_list()
    tables = Tables(package, {name: frame.drop(_ROW) for name, frame in frames.items()})
    tables.problems = report.problems
    tables.left_out = left_out
    return tables


# Each row's place in its table as read, while rows are left out.
_ROW = "__row"


def _dangling_left_out(frame: pl.DataFrame, column: str, target: pl.DataFrame, target_column: str):
    dangling = pl.col(column).is_not_null() & ~pl.col(column).is_in(
        target[target_column].drop_nulls().implode()
    ).fill_null(False)
    return frame.filter(~dangling) if frame.select(dangling.any()).item() else None
