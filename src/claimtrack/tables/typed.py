"""Cells as written turned into typed columns, as the Table Schemas say.

Strings, nullable integers, floats, real dates and booleans; partial dates (known to
the day, month or year) stay as their ISO text, and ``partial_date_span`` gives the
first and last day each can mean.
"""

from __future__ import annotations

import numpy as np
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


def typed_column(field: dict, raw: pd.Series, missing: np.ndarray | None = None) -> pd.Series:
    """One column of cells as written, as its field's type: cells that are missing
    (``missing``, or missing values in ``raw``) or do not read as the type are missing."""
    present = raw.notna().to_numpy(dtype=bool) if missing is None else ~missing
    keep = present & valid_type(field, raw).to_numpy(dtype=bool)
    kind = field.get("type", "string")
    if kind == "integer":
        return kernels.integers(raw, keep)
    if kind == "number":
        return pd.to_numeric(raw.where(keep), errors="coerce").astype("Float64")
    if kind == "date":
        return parse_dates(raw.where(keep))
    if kind == "boolean":
        truth = {v: True for v in field.get("trueValues", _TRUE)} | {v: False for v in field.get("falseValues", _FALSE)}
        return raw.where(keep).map(truth).astype("boolean")
    return kernels.blank_as_missing(raw, ~present)


def typed_frame(resource: Resource, cells: pd.DataFrame) -> pd.DataFrame:
    """Typed columns: strings, nullable integers, floats, real dates, booleans.

    Cells that are missing, or that failed their checks, become missing values;
    partial dates stay as their ISO text (see ``partial_date_span``).
    """
    columns = {}
    for field in resource.fields:
        raw = cells[field["name"]]
        columns[field["name"]] = typed_column(field, raw, missing_mask(resource, raw).to_numpy(dtype=bool))
    return pd.DataFrame(columns, index=cells.index)


def written_frame(resource: Resource, cells: pd.DataFrame) -> pd.DataFrame:
    """The cells as written, all text, with the schema's missing values as missing."""
    return pd.DataFrame(
        {
            f["name"]: kernels.blank_as_missing(
                cells[f["name"]], missing_mask(resource, cells[f["name"]]).to_numpy(dtype=bool)
            )
            for f in resource.fields
        },
        index=cells.index,
    )
