"""What a journalist probably meant by an id or a name that is not in the package:
the closest ones that are, by spelling."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable


def closest(value: str, known: Iterable[str], n: int = 3) -> list[str]:
    """Up to ``n`` of ``known`` spelt most like ``value``, the closest first."""
    return difflib.get_close_matches(value, list(dict.fromkeys(str(k) for k in known)), n=n)


def unknown(noun: str, value: str, known: Iterable[str], where: str = "", vocabulary: bool = False) -> str:
    """That there is no ``noun`` ``value`` (``where``: " in data/claims.csv"), and the
    closest ids there are: "there is no claim 'x-9'; did you mean x-09?". With
    ``vocabulary``, ``known`` is a short list of words, all of them given."""
    known = list(dict.fromkeys(str(k) for k in known))
    close = closest(value, known)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    if vocabulary:
        hint += f" ({'one' if close else 'it is one'} of: {listing(known)})"
    return f"there is no {noun} {value!r}{where}{hint}"


def listing(values: list[str], limit: int = 12) -> str:
    """``values`` joined by commas, the first ``limit`` of them and a count of the rest."""
    shown = ", ".join(values[:limit])
    return shown + (f" (and {len(values) - limit} more)" if len(values) > limit else "")


_NO_VALUE = {"na", "n/a", "none", "null", "nan", "-", "?", "unknown"}
# What people group thousands with: commas, spaces (also non-breaking and thin), apostrophes.
_GROUPING = re.compile(r"(?<=[0-9])[,'\s\u00a0\u202f\u2009](?=[0-9]{3})")
_SLASHED_DATE = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")


def date_readings(value: str) -> list[str]:
    """The real days a date written with slashes or dots can mean, as YYYY-MM-DD: one for
    16/05/2013, two for 03/04/2013 (day/month, then month/day), none for anything else."""
    slashed = _SLASHED_DATE.fullmatch(value.strip())
    if not slashed:
        return []
    a, b, year = (int(part) for part in slashed.groups())
    readings = []
    for day, month in ((a, b), (b, a)):
        try:
            readings.append(dt.date(year, month, day).isoformat())
        except ValueError:
            continue
    return list(dict.fromkeys(readings))


def hint(value: str, kind: str) -> str:
    """What the journalist probably meant, where it can be told."""
    if value.strip().lower() in _NO_VALUE:
        return "; leave the cell empty when there is no value"
    if kind == "integer":
        digits = _GROUPING.sub("", value.strip()).replace("\u2212", "-")
        if digits != value and re.fullmatch(r"-?[0-9]+", digits):
            return f"; write {digits}"
    readings = date_readings(value) if kind == "date" else []
    if len(readings) == 2:
        return f"; {value} could be day/month or month/day: write {readings[0]} or {readings[1]}"
    if readings:
        return f"; write {readings[0]}"
    return ""
