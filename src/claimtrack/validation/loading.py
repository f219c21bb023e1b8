"""``claimtrack.load()``: the package's tables as typed pandas DataFrames."""

from __future__ import annotations

from pathlib import Path

from claimtrack.model.problems import ValidationError
from claimtrack.tables import Tables
from claimtrack.validation.run import validate


def load(path: str | Path = ".", archive: str | Path | None = None) -> Tables:
    """Validate the package at ``path`` and return its tables.

    Columns are typed from the schemas: text as ``string``, whole numbers as nullable
    ``Int64``, dates as ``datetime64``. Dates that may be known only to the month
    (``said_on``, ``as_of``) stay ISO text such as ``2014-03``; see
    ``claimtrack.tables.typed.partial_date_span`` for the days they can mean.

    Raises ``ValidationError`` listing every problem when the package is not valid.
    """
    report = validate(path, archive=archive)
    if not report.ok:
        raise ValidationError(report.problems)
    return report.tables
