"""Dates and numbers in newsroom style: May 14, 2013; March 2014; 94,000."""

from __future__ import annotations

import pandas as pd

MONTHS = "January February March April May June July August September October November December".split()


def day(value) -> str:
    """A day as "May 14, 2013"; an empty string for a missing date."""
    if value is None or pd.isna(value):
        return ""
    stamp = pd.Timestamp(value)
    return f"{MONTHS[stamp.month - 1]} {stamp.day}, {stamp.year}"


def partial(text) -> str:
    """A partial ISO date as words: "May 14, 2013", "March 2014" or "2013"."""
    if text is None or pd.isna(text):
        return ""
    text = str(text)
    if len(text) == 10:
        return day(text)
    if len(text) == 7:
        return f"{MONTHS[int(text[5:7]) - 1]} {text[:4]}"
    return text


def number(value) -> str:
    """A whole number with thousands separators: 94,000."""
    if value is None or pd.isna(value):
        return ""
    return f"{int(value):,}"
