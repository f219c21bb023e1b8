"""A date phrase read as the days it means, against the day the article was published:
"March 3-5", "the second week of March", "last March", "by the end of 2030", "October at
the earliest", "on Tuesday", "last week"."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from claimtrack.extracting.vocabulary import MONTH_NUMBERS, ORDINAL_WEEKS, WEEKDAYS
from claimtrack.model import qualifiers


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _year_for(month: int, given: str | None, published: dt.date, ahead: bool = False) -> int:
    """The year of a month named without one: the paper's, or the next when the sentence
    looks ahead ("talks will open in January", in a December paper)."""
    if given:
        return int(given)
    return published.year + 1 if ahead and month < published.month else published.year


def weekday_before(published: dt.date, name: str) -> dt.date:
    """The day a paper of ``published`` means by a weekday's name: itself when it is the
    paper's own day, else the most recent one before it."""
    back = (published.weekday() - WEEKDAYS[name.lower()]) % 7
    return published - dt.timedelta(days=back)


def _weekday_after(published: dt.date, name: str) -> dt.date:
    """The day a weekday's name means in a sentence about what will happen: the paper's
    own day, or the next one after it."""
    return published + dt.timedelta(days=(WEEKDAYS[name.lower()] - published.weekday()) % 7)


def _last_week(published: dt.date) -> tuple[dt.date, dt.date]:
    monday = published - dt.timedelta(days=published.weekday() + 7)
    return monday, monday + dt.timedelta(days=6)


# What the relative words mean in a paper of a given day: (first day, last day).
RELATIVE = {
    "last week": _last_week,
    "earlier this month": lambda published: (published.replace(day=1), published),
    "last month": lambda published: (
        (published.replace(day=1) - dt.timedelta(days=1)).replace(day=1),
        published.replace(day=1) - dt.timedelta(days=1),
    ),
    "last year": lambda published: (dt.date(published.year - 1, 1, 1), dt.date(published.year - 1, 12, 31)),
    "yesterday": lambda published: (published - dt.timedelta(days=1),) * 2,
    "today": lambda published: (published,) * 2,
}


class _Phrase:
    """One date phrase found in a text: its groups, read against the paper's day."""

    def __init__(self, groups: dict[str, str], published: dt.date, ahead: bool, named: tuple[int, int] | None = None):
        self.groups, self.published, self.ahead = groups, published, ahead
        self.named = named  # the year and month the text named last, if any

    @property
    def month(self) -> int:
        return MONTH_NUMBERS[self.groups["month"].lower().rstrip(".")]

    def year(self, group: str = "year") -> int:
        return _year_for(self.month, self.groups.get(group), self.published, self.ahead)


def _span(start: dt.date, end: dt.date) -> dict:
    qualifier = qualifiers.ON if start == end else qualifiers.BETWEEN
    return dict(qualifier=qualifier, date_from=start, date_to=end)


def _whole_month(year: int, month: int) -> dict:
    return _span(dt.date(year, month, 1), _month_end(year, month))


def _earliest(p: _Phrase) -> dict:
    return dict(qualifier=qualifiers.NOT_BEFORE, date_from=dt.date(p.year(), p.month, 1), date_to=None)


def _by_end(p: _Phrase) -> dict:
    this, published = (p.groups.get("this") or "").lower(), p.published
    if this:
        end = _month_end(published.year, published.month) if "month" in this else dt.date(published.year, 12, 31)
    elif p.groups.get("month"):
        end = _month_end(p.year("year2"), p.month)
    else:
        end = dt.date(int(p.groups["year"]), 12, 31)
    return dict(qualifier=qualifiers.NOT_AFTER, date_from=None, date_to=end)


def _week_of(p: _Phrase) -> dict:
    year, month = p.year(), p.month
    nth = ORDINAL_WEEKS[p.groups["nth"].lower()]
    first_day = calendar.monthrange(year, month)[1] - 6 if nth == 5 else 7 * (nth - 1) + 1
    return _span(dt.date(year, month, first_day), dt.date(year, month, first_day + 6))


def _part_of(p: _Phrase) -> dict:
    year, month = p.year(), p.month
    last = calendar.monthrange(year, month)[1]
    first_day, last_day = {"early": (1, 10), "mid": (11, 20), "late": (21, last)}[p.groups["part"].lower()]
    return _span(dt.date(year, month, first_day), dt.date(year, month, last_day))


def _day_span(p: _Phrase) -> dict | None:
    year, month = p.year(), p.month
    start, end = dt.date(year, month, int(p.groups["day"])), dt.date(year, month, int(p.groups["day2"]))
    return dict(qualifier=qualifiers.BETWEEN, date_from=start, date_to=end) if start <= end else None


def _day(p: _Phrase) -> dict:
    day = dt.date(p.year(), p.month, int(p.groups["day"]))
    return _span(day, day)


def _last_month_named(p: _Phrase) -> dict:
    year = p.published.year if p.month < p.published.month else p.published.year - 1
    return _whole_month(year, p.month)


def _in_month(p: _Phrase) -> dict | None:
    # In a look back, "in May" is the period of a figure, not a date claimed.
    return _whole_month(_year_for(p.month, None, p.published, p.ahead), p.month) if p.ahead else None


def _weekday(p: _Phrase) -> dict:
    day = (_weekday_after if p.ahead else weekday_before)(p.published, p.groups["weekday"])
    return _span(day, day)


def _relative(p: _Phrase) -> dict:
    return _span(*RELATIVE[" ".join(p.groups["rel"].lower().split())](p.published))


def _nth(p: _Phrase) -> dict:
    """ "the 25th": of the month named with it, else of the month the text named last, else
    the such day nearest the paper's (the next one in a look ahead, or after "until" or
    "by": "until the 20th" in a paper of the 15th is five days on, not a month back)."""
    day, published = int(p.groups["day"]), p.published
    if p.groups.get("month"):
        date = dt.date(p.year(), p.month, day)
    elif p.named:
        date = dt.date(*p.named, day)
    else:
        year, month = published.year, published.month
        days = []
        for y, m in ((year - 1, 12) if month == 1 else (year, month - 1), (year, month), _next_month(year, month)):
            if day <= calendar.monthrange(y, m)[1]:
                days.append(dt.date(y, m, day))
        if p.ahead or p.groups.get("by") or p.groups.get("until"):
            days = [d for d in days if d >= published]
        date = min(days, key=lambda d: abs(d - published))
    if p.groups.get("by"):
        return dict(qualifier=qualifiers.NOT_AFTER, date_from=None, date_to=date)
    return _span(date, date)


def _next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def _year(p: _Phrase) -> dict:
    year = int(p.groups["year"])
    return dict(qualifier=qualifiers.BETWEEN, date_from=dt.date(year, 1, 1), date_to=dt.date(year, 12, 31))


# How each kind of date phrase (vocabulary.DATE_PATTERNS) is read. "since May 2019"
# is a scope, not a claim: it is read so that its year is no figure, and gives none.
READERS = {
    "since": lambda p: None,
    "earliest": _earliest,
    "byend": _by_end,
    "weekof": _week_of,
    "partof": _part_of,
    "dayspan": _day_span,
    "day": _day,
    "lastmonth": _last_month_named,
    "month": lambda p: _whole_month(int(p.groups["year"]), p.month),
    "inmonth": _in_month,
    "weekday": _weekday,
    "relative": _relative,
    "year": _year,
    "nth": _nth,
}
# The kinds of phrase that name a month, which "the 25th" after them takes.
NAMES_A_MONTH = {"earliest", "byend", "weekof", "partof", "dayspan", "day", "lastmonth", "month", "inmonth", "nth"}


def date_figure(
    match: re.Match, published: dt.date, ahead: bool = False, named: tuple[int, int] | None = None
) -> dict | None:
    """Qualifier and days of a date phrase; None for a phrase that is no claim ("since ...").
    With ``ahead``, a weekday or a month without its year is read forward, not back;
    ``named`` is the year and month the text named last, which "the 25th" is a day of."""
    kind = match.lastgroup
    prefix = f"{kind}_"
    groups = {k[len(prefix) :]: v for k, v in match.groupdict().items() if v is not None and k.startswith(prefix)}
    try:
        return READERS[kind](_Phrase(groups, published, ahead, named))
    except (ValueError, KeyError, OverflowError):
        return None  # "February 30", "June 40", a day before the calendar begins: no such day


def month_named(match: re.Match, figure: dict) -> tuple[int, int] | None:
    """The year and month a date phrase names, for a "the 25th" after it."""
    day = figure.get("date_from") or figure.get("date_to")
    return (day.year, day.month) if match.lastgroup in NAMES_A_MONTH and day else None


def enclosing_partial_date(start: dt.date, end: dt.date) -> str:
    """The most precise partial ISO date that holds both days: 2013-05-14, 2013-05 or 2013;
    empty when the days are in different years."""
    if start == end:
        return start.isoformat()
    if (start.year, start.month) == (end.year, end.month):
        return start.isoformat()[:7]
    return str(start.year) if start.year == end.year else ""
