"""Rows of a typed table as plain values: what JSON, CSV and a reader are given."""

from __future__ import annotations

import pandas as pd


def plain(value):
    """A cell as JSON has it: None for missing, int for whole numbers, ISO text for dates."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def records(frame: pd.DataFrame) -> list[dict]:
    """Each row as a dict of plain values, keyed by the frame's columns."""
    return [
        {column: plain(value) for column, value in zip(frame.columns, row)} for row in frame.itertuples(index=False)
    ]
