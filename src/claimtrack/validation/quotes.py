"""Comparing words as a reader would: quotes checked against archived text.

Typographic quotes and apostrophes, non-breaking spaces, ellipses and runs of
whitespace (line breaks included) do not make a quote differ from its source;
every letter, digit and punctuation mark does.
"""

from __future__ import annotations

import polars as pl

_TRANSLATION = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u2026": "...",
    }
)


def normalise_one(text: str) -> str:
    return " ".join(text.translate(_TRANSLATION).split())


# The same folding as _TRANSLATION and str.split(), as regular expressions polars runs
# (the other spaces Python's split() splits at are listed).
_OTHER_SPACE = "\t\n\r\f\v\u00a0\u202f\u2009\u1680\u2000-\u2008\u200a\u2028\u2029\u205f\u3000\x1c-\x1f\x85"
_SPACE = f"[ {_OTHER_SPACE}]"
# (pattern, replacement, the pattern of a cell that needs it)
_FOLDS = [
    ("[\u2018\u2019\u201a\u201b\u2032]", "'", "[\u2018\u2019\u201a\u201b\u2032]"),
    ("[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]", '"', "[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]"),
    ("\u2026", "...", "\u2026"),
    (_SPACE + "+", " ", f"{_SPACE}{_SPACE}|[{_OTHER_SPACE}]"),
    ("^ | $", "", "^ | $"),
]
_ANY_FOLD = "|".join(f"(?:{needed})" for _, _, needed in _FOLDS)


def normalise(column: pl.Series) -> pl.Series:
    """``normalise_one`` for a whole column; missing stays missing."""
    text = column.cast(pl.String)
    # Most quotes have nothing to fold: one look is cheaper than rewriting them all.
    if text.str.contains(_ANY_FOLD).any():
        for pattern, replacement, needed in _FOLDS:
            if text.str.contains(needed).any():
                text = text.str.replace_all(pattern, replacement)
    return text


def longest_prefix_found(haystack: str, needle: str) -> str:
    """The longest start of ``needle`` that ``haystack`` contains: where a misquote begins."""
    low, high = 0, len(needle)
    while low < high:
        middle = (low + high + 1) // 2
        if needle[:middle] in haystack:
            low = middle
        else:
            high = middle - 1
    return needle[:low]
