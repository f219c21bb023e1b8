"""Cells as written turned into typed columns, as the Table Schemas say.

Strings, nullable integers, floats, real dates and booleans; partial dates (known to
the day, month or year) stay as their ISO text, and ``partial_date_span`` gives the
first and last day each can mean.
"""

from __future__ import annotations

import pandas as pd

from claimtrack.model.package import Resource
from claimtrack.tables import kernels

PARTIAL_DATE = "x-partial-date"  # custom field property: a date known to the day, month or year


_INTEGER = r"[+-]?[0-9]{1,18}"


_NUMBER = r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?|NaN|INF|-INF"


_URI = r"[A-Za-z][A-Za-z0-9+.-]*://[^\s/?#]+[^\s]*"


_TRUE = ["true", "True", "TRUE", "1"]


_FALSE = ["false", "False", "FALSE", "0"]


_LATEST = pd.Timestamp(kernels.LATEST)


def parse_dates(text: pd.Series) -> pd.Series:
    """YYYY-MM-DD text as datetime64[ns]; anything else, or out of pandas' range, is NaT."""
    return kernels.dates(text)


def is_partial_date(field: dict) -> bool:
    return bool(field.get(PARTIAL_DATE))


def missing_mask(resource: Resource, column: pd.Series) -> pd.Series:
    values = resource.missing_values
    return column == values[0] if len(values) == 1 else column.isin(values)


def valid_type(field: dict, column: pd.Series) -> pd.Series:
    """True where the cell is a well-formed value of the field's type (missing cells: False)."""
    kind = field.get("type", "string")
    if kind == "integer":
        return kernels.fullmatch(column, _INTEGER)
    if kind == "number":
        return kernels.fullmatch(column, _NUMBER)
    if kind == "date":
        return parse_dates(column).notna()
    if kind == "boolean":
        return column.isin(field.get("trueValues", _TRUE) + field.get("falseValues", _FALSE))
    if field.get("format") == "uri":
        return kernels.fullmatch(column, _URI)
    return pd.Series(True, index=column.index)


def partial_date_span(column: pd.Series) -> tuple[pd.Series, pd.Series]:
    """The first and last day a partial date (YYYY-MM-DD, YYYY-MM or YYYY) can mean.

    Cells that are missing or not such a date give NaT on both sides.
    """
    text = column if column.dtype == "str" else column.astype("str")
    length = text.str.len()
    month = (length == 7).fillna(False)
    year = (length == 4).fillna(False)
    padded = text.where(length == 10)
    padded[month] = text[month] + "-01"
    padded[year] = text[year] + "-01-01"
    start = parse_dates(padded)
    end = start.copy()
    end[month] = start[month] + pd.offsets.MonthEnd(0)
    end[year] = start[year] + pd.offsets.YearEnd(0)
    end = end.where(end <= _LATEST)
    return start.where(end.notna()), end


def typed_frame(resource: Resource, cells: pd.DataFrame) -> pd.DataFrame:
    """Typed columns: strings, nullable integers, floats, real dates, booleans.

    Cells that are missing, or that failed their checks, become missing values;
    partial dates stay as their ISO text (see ``partial_date_span``).
    """
    columns = {}
    for field in resource.fields:
        name = field["name"]
        raw = cells[name]
        missing = missing_mask(resource, raw)
        keep = ~missing & valid_type(field, raw)
        kind = field.get("type", "string")
        if kind == "integer":
            columns[name] = kernels.integers(raw, keep.to_numpy(dtype=bool))
        elif kind == "number":
            columns[name] = pd.to_numeric(raw.where(keep), errors="coerce").astype("Float64")
        elif kind == "date":
            columns[name] = parse_dates(raw.where(keep))
        elif kind == "boolean":
            truth = {v: True for v in field.get("trueValues", _TRUE)} | {
                v: False for v in field.get("falseValues", _FALSE)
            }
            columns[name] = raw.where(keep).map(truth).astype("boolean")
        else:
            columns[name] = kernels.blank_as_missing(raw, missing.to_numpy(dtype=bool))
    return pd.DataFrame(columns, index=cells.index)
