"""A number phrase read as a figure: "12,500", "1.2 million", "one hundred and fifty",
with its qualifier and bounds ("at least 12,500", "3,000 to 4,500", "several")."""

from __future__ import annotations

import re

from claimtrack.extracting.vocabulary import AFTER, ALONE, BEFORE, FRACTIONS, SCALES, TENS, UNITS
from claimtrack.model import qualifiers

# "a quarter million", "half a million", "three quarters of a million", "a million"
_FRACTION = re.compile(r"(?:(?:a|one) )?(quarter|half|three quarters|)(?: of)?(?: a)? ?(million|billion)")


def scale_of(words: str) -> str | None:
    words = words.lower().split()
    return words[-1] if words and words[-1] in ("thousand", "million", "billion") else None


def parse_number(words: str, scale: str | None = None) -> int | None:
    """'12,500' -> 12500; '1.2 million' -> 1200000; 'one hundred and fifty' -> 150; with
    ``scale``, a bare number takes it ('3' in '3 to 4 million' -> 3000000)."""
    words = " ".join(words.lower().replace("-", " ").split())
    if not words:
        return None
    fraction = _FRACTION.fullmatch(words)
    if fraction:
        return round(FRACTIONS[fraction.group(1)] * SCALES[fraction.group(2)])
    own = scale_of(words)
    if own:
        words = words[: -len(own)].strip()
    factor = SCALES.get(own or scale or "", 1)
    try:
        return round(float(words.replace(",", "")) * factor)
    except ValueError:
        pass
    total, hundreds = 0, 0
    for part in words.split():
        if part in UNITS:
            total += UNITS[part]
        elif part in TENS:
            total += TENS[part]
        elif part == "hundred":
            hundreds, total = max(total, 1) * 100, 0
        elif part != "and":
            return None
    return (hundreds + total) * factor


def number_figure(match: re.Match) -> dict | None:
    """Qualifier and bounds of a number phrase."""
    if match.group("alone"):
        return dict(qualifier=ALONE[_phrase(match.group("alone"))], value=None, low=None, high=None)
    if match.group("article_unit"):  # "for an hour": one, about
        return dict(qualifier=qualifiers.ABOUT, value=1, low=None, high=None)
    second_words = match.group("number2")
    first = parse_number(match.group("number"), scale_of(second_words) if second_words else None)
    if first is None:
        return None
    second = parse_number(second_words) if second_words else None
    if second is not None and (match.group("ranging") or match.group("spanning") or second > first):
        return dict(qualifier=qualifiers.RANGE, value=None, low=first, high=second)
    if second is not None:
        return None  # "4 to 3" is no range: leave it to the reader
    qualifier = qualifiers.EXACT
    if match.group("before"):
        qualifier = BEFORE[_phrase(match.group("before"))]
    elif match.group("after"):
        qualifier = AFTER[_phrase(match.group("after"))]
    figure = dict(qualifier=qualifier, value=None, low=None, high=None)
    figure[qualifiers.QUALIFIERS[qualifier].bound_column] = first
    return figure


def _phrase(words: str) -> str:
    return " ".join(words.lower().split())
