"""Dates and numbers in newsroom style: May 14, 2013; March 2014; 94,000; eight.

Plain Python only, so that the quick commands (``cite``) need no pandas.
"""

from __future__ import annotations

import calendar
import datetime as dt

# English, whatever the machine's locale: the one list of month names the tool has.
MONTHS = "January February March April May June July August September October November December".split()
SMALL = "zero one two three four five six seven eight nine".split()


def _missing(value) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN and NaT are not equal to themselves
    except TypeError:  # pandas.NA refuses to be a bool
        return True


def as_date(value) -> dt.date | None:
    """A date from ISO text (YYYY-MM-DD), a date or a timestamp; None when missing."""
    if _missing(value) or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def day(value) -> str:
    """A day as "May 14, 2013"; an empty string for a missing date."""
    date = as_date(value)
    return "" if date is None else f"{MONTHS[date.month - 1]} {date.day}, {date.year}"


def partial_date(text) -> str:
    """A partial ISO date as words: "May 14, 2013", "March 2014" or "2013"."""
    if _missing(text) or text == "":
        return ""
    text = str(text)
    if len(text) == 10:
        return day(text)
    if len(text) == 7:
        return f"{MONTHS[int(text[5:7]) - 1]} {text[:4]}"
    return text


def number(value) -> str:
    """A whole number with thousands separators: 94,000."""
    if _missing(value) or value == "":
        return ""
    return f"{int(value):,}"


def count(value) -> str:
    """A number as a reporter writes it: one to nine in words, 10 and up in figures, and
    a round million or more in millions: "1.4 million", not "1,400,000"."""
    if _missing(value) or value == "":
        return ""
    whole = int(value)
    if whole >= 1_000_000 and whole % 100_000 == 0:
        return f"{whole / 1_000_000:g} million"
    return SMALL[whole] if 0 <= whole < 10 else f"{whole:,}"


def span(start: dt.date | None, end: dt.date | None) -> str:
    """Two days as a reader would say them: "June 10-12, 2013", "in June 2012", "the week of May 6, 2013"."""
    if start is None or end is None:
        raise ValueError("a span needs both ends")
    if start == end:
        return f"on {day(start)}"
    last = calendar.monthrange(end.year, end.month)[1]
    if start.day == 1 and end.day == last and (start.year, start.month) == (end.year, end.month):
        return f"in {MONTHS[start.month - 1]} {start.year}"
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return f"in {start.year}"
    if start.weekday() == 0 and (end - start).days == 6:
        return f"in the week of {day(start)}"
    if (start.year, start.month) == (end.year, end.month):
        return f"between {MONTHS[start.month - 1]} {start.day} and {end.day}, {end.year}"
    if start.year == end.year:
        return f"between {MONTHS[start.month - 1]} {start.day} and {MONTHS[end.month - 1]} {end.day}, {end.year}"
    return f"between {day(start)} and {day(end)}"


def days(start: dt.date | None, end: dt.date | None) -> str:
    """The days a date figure allows, as short as a reader says them: "June 8-14, 2013",
    "July 2013", "May 30-June 2, 2013", "August 1, 2013 or later", "December 31, 2014 at
    the latest"; a day on its own is "January 22, 2014"."""
    if start is None and end is None:
        return ""
    if end is None:
        return f"{partial_date(start.isoformat()[:7]) if start.day == 1 else day(start)} or later"
    if start is None:
        return f"{day(end)} at the latest"
    if start == end:
        return day(start)
    last = calendar.monthrange(end.year, end.month)[1]
    same_month = (start.year, start.month) == (end.year, end.month)
    if same_month and start.day == 1 and end.day == last:
        return f"{MONTHS[start.month - 1]} {start.year}"
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year)
    if same_month:
        return f"{MONTHS[start.month - 1]} {start.day}-{end.day}, {end.year}"
    if start.year == end.year:
        return f"{MONTHS[start.month - 1]} {start.day}-{MONTHS[end.month - 1]} {end.day}, {end.year}"
    return f"{day(start)}-{day(end)}"


def no_earlier_than(start: dt.date) -> str:
    if start.day == 1:
        return f"in {MONTHS[start.month - 1]} {start.year} at the earliest"
    return f"no earlier than {day(start)}"


def no_later_than(end: dt.date) -> str:
    if (end.month, end.day) == (12, 31):
        return f"by the end of {end.year}"
    if end.day == calendar.monthrange(end.year, end.month)[1]:
        return f"by the end of {MONTHS[end.month - 1]} {end.year}"
    return f"by {day(end)}"


def when(said_on) -> str:
    """When a claim was made, from its partial date: "on May 14, 2013", "in March 2014"."""
    if _missing(said_on) or said_on == "":
        return ""
    text = str(said_on)
    return f"on {day(text)}" if len(text) == 10 else f"in {partial_date(text)}"
