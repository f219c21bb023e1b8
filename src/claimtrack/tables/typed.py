"""Cells as written turned into typed columns, as the Table Schemas say, in polars.

Strings, whole numbers (Int64), floats, real dates and booleans; partial dates (known
to the day, month or year) stay as their ISO text, and ``partial_date_span`` gives the
first and last day each can mean. A date is a real day of the years 1 to 9999 (what
YYYY-MM-DD can write, year 0 aside): ``EARLIEST`` to ``LATEST``.

Each rule is written once, as a polars expression of the column of text; the typed
polars frames are what validation reads, and ``pandas_frame`` turns one into the pandas
DataFrame ``claimtrack.load()`` gives.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from claimtrack.model.package import Resource
from claimtrack.tables import kernels

PARTIAL_DATE = "x-partial-date"  # custom field property: a date known to the day, month or year

# The days a date may be: every day of a four-digit year but year 0, which no calendar
# has. Nothing else bounds them (polars, pandas and the database all hold these).
EARLIEST, LATEST = dt.date(1, 1, 1), dt.date(9999, 12, 31)

_INTEGER = r"[+-]?[0-9]{1,18}"


_NUMBER = r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?|NaN|INF|-INF"


_URI = r"[A-Za-z][A-Za-z0-9+.-]*://[^\s/?#]+[^\s]*"


_DAY = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"


_TRUE = ["true", "True", "TRUE", "1"]


_FALSE = ["false", "False", "FALSE", "0"]

# The polars type of each Table Schema type; any other is text.
DTYPES = {"integer": pl.Int64, "number": pl.Float64, "date": pl.Date, "boolean": pl.Boolean}


def is_partial_date(field: dict) -> bool:
    return bool(field.get(PARTIAL_DATE))


def dtype_of(field: dict) -> pl.DataType:
    return DTYPES.get(field.get("type", "string"), pl.String)


def missing(resource: Resource, name: str) -> pl.Expr:
    """True where the cell of ``name`` is one of the schema's missing values, or none."""
    values = resource.missing_values
    column = pl.col(name)
    found = column == values[0] if len(values) == 1 else column.is_in(values)
    return found.fill_null(True)


def days(text: pl.Expr) -> pl.Expr:
    """YYYY-MM-DD text as a Date; anything else (a day no calendar has, 2013-02-30, or a
    year 0) is null."""
    shaped = kernels.fullmatch(text, _DAY)
    day = pl.when(shaped).then(text).str.to_date("%Y-%m-%d", strict=False)
    return pl.when(day >= EARLIEST).then(day)


def valid_type(field: dict, text: pl.Expr) -> pl.Expr:
    """True where the text is a well-formed value of the field's type; null where it is missing."""
    kind = field.get("type", "string")
    if kind == "integer":
        return kernels.fullmatch(text, _INTEGER)
    if kind == "number":
        return kernels.fullmatch(text, _NUMBER)
    if kind == "date":
        return days(text).is_not_null() & text.is_not_null()
    if kind == "boolean":
        return text.is_in(field.get("trueValues", _TRUE) + field.get("falseValues", _FALSE))
    if field.get("format") == "uri":
        return kernels.fullmatch(text, _URI)
    return text.is_not_null() | text.is_null()


def typed(field: dict, text: pl.Expr) -> pl.Expr:
    """The text as the field's type; null where it is missing or does not read as it."""
    kind = field.get("type", "string")
    if kind == "integer":
        return pl.when(valid_type(field, text)).then(text.str.strip_prefix("+")).str.to_integer(strict=False)
    if kind == "number":
        return pl.when(valid_type(field, text)).then(text).cast(pl.Float64, strict=False)
    if kind == "date":
        return days(text)
    if kind == "boolean":
        return (
            pl.when(text.is_in(field.get("trueValues", _TRUE)))
            .then(True)
            .when(text.is_in(field.get("falseValues", _FALSE)))
            .then(False)
        )
    return text


def written_frame(resource: Resource, cells: pl.DataFrame) -> pl.DataFrame:
    """The cells as written, all text, with the schema's missing values as null.

    The reader gives an empty cell as null, or as empty text: a column whose missing
    values are the empty cell alone, and that holds no empty text, is already so, and
    is kept as it is (no copy of a million cells)."""
    values = resource.missing_values
    columns = []
    for name in resource.field_names:
        column = pl.col(name)
        if "" not in values:  # an empty cell is a value here
            columns.append(
                pl.when(column.fill_null("").is_in(values)).then(None).otherwise(column.fill_null("")).alias(name)
            )
        elif values == [""] and not cells.select((column == "").any()).item():
            columns.append(column)
        else:
            columns.append(pl.when(~missing(resource, name)).then(column).alias(name))
    return cells.select(columns)


def typed_frame(resource: Resource, written: pl.DataFrame) -> pl.DataFrame:
    """Typed columns of the cells as written (``written_frame``): strings, whole numbers,
    floats, real dates, booleans. Cells that are missing, or do not read as their type,
    are null; partial dates stay as their ISO text (see ``partial_date_span``)."""
    return written.select(typed(field, pl.col(field["name"])).alias(field["name"]) for field in resource.fields)


def span(text: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """The first and last day a partial date (YYYY-MM-DD, YYYY-MM or YYYY) can mean, as
    expressions of its text; null on both sides where it is missing or no such date."""
    length = text.str.len_bytes()
    start = days(pl.when(length == 10).then(text).when(length == 7).then(text + "-01").otherwise(text + "-01-01"))
    start = pl.when(length.is_in([4, 7, 10])).then(start)
    end = pl.when(length == 10).then(start).when(length == 7).then(start.dt.month_end())
    return start, end.otherwise(pl.date(start.dt.year(), 12, 31))


def partial_date_span(column):
    """The first and last day a partial date (YYYY-MM-DD, YYYY-MM or YYYY) can mean.

    Cells that are missing or not such a date give a missing day on both sides. Given a
    pandas Series, two pandas Series of datetime64 (as ``claimtrack.load()`` types
    dates); given a polars Series, two polars Date Series; given a polars expression, two
    expressions. Each distinct text is parsed once.
    """
    if isinstance(column, pl.Expr):
        return span(column)
    if isinstance(column, pl.Series):
        return _series_span(column)
    import pandas as pd

    text = pl.from_pandas(column.astype("str")) if len(column) else pl.Series("text", [], dtype=pl.String)
    start, end = _series_span(text)
    return tuple(pd.Series(pandas_dates(side), index=column.index) for side in (start, end))


def _series_span(text: pl.Series) -> tuple[pl.Series, pl.Series]:
    """``span`` of a Series, each distinct text parsed once and joined back."""
    text = text.cast(pl.String)
    distinct = pl.DataFrame({"text": text.unique()})
    start, end = span(pl.col("text"))
    spans = distinct.with_columns(start.alias("start"), end.alias("end"))
    back = pl.DataFrame({"text": text}).join(spans, on="text", how="left", maintain_order="left", nulls_equal=False)
    return back["start"].alias(text.name), back["end"].alias(text.name)


# --- Into pandas, as claimtrack.load() gives the tables -------------------------------------

# The pandas unit of a date: pandas' own for a date read from text, which holds every
# day of years 1 to 9999 (nanoseconds would stop at 2262).
DATE_UNIT = "us"


def pandas_dates(dates: pl.Series):
    """A polars Date Series as numpy datetime64 in ``DATE_UNIT`` (missing as NaT)."""
    import numpy as np

    epoch_days = dates.cast(pl.Int32).to_numpy(allow_copy=True)
    out = np.full(len(dates), np.datetime64("NaT"), dtype=f"datetime64[{DATE_UNIT}]")
    present = dates.is_not_null().to_numpy()
    out[present] = epoch_days[present].astype("int64").astype("datetime64[D]").astype(f"datetime64[{DATE_UNIT}]")
    return out


def pandas_frame(frame: pl.DataFrame):
    """A typed polars frame as the pandas DataFrame ``claimtrack.load()`` gives: text as
    pandas' ``str`` dtype (Arrow-backed), whole numbers as nullable ``Int64``, floats
    as ``Float64``, booleans as ``boolean``, dates as ``datetime64``; a RangeIndex."""
    import pandas as pd

    columns = {}
    for name, dtype in frame.schema.items():
        series = frame[name]
        if dtype == pl.String:
            arrow = series.to_arrow(compat_level=pl.CompatLevel.oldest())
            columns[name] = pd.Series(pd.array(arrow, dtype="str"), name=name)
        elif dtype == pl.Int64:
            columns[name] = pd.Series(
                pd.arrays.IntegerArray(series.fill_null(0).to_numpy(), series.is_null().to_numpy()), name=name
            )
        elif dtype == pl.Float64:
            columns[name] = pd.Series(
                pd.arrays.FloatingArray(series.fill_null(0.0).to_numpy(), series.is_null().to_numpy()), name=name
            )
        elif dtype == pl.Boolean:
            columns[name] = pd.Series(
                pd.arrays.BooleanArray(series.fill_null(False).to_numpy(), series.is_null().to_numpy()), name=name
            )
        elif dtype == pl.Date:
            columns[name] = pd.Series(pandas_dates(series), name=name)
        else:
            raise TypeError(f"no pandas type for the polars type {dtype} of {name}")
    return pd.DataFrame(columns, index=pd.RangeIndex(frame.height))
