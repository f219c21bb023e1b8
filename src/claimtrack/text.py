"""Comparing words as a reader would: quotes checked against archived text.

Typographic quotes and apostrophes, non-breaking spaces, ellipses and runs of
whitespace (line breaks included) do not make a quote differ from its source;
every letter, digit and punctuation mark does.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.dtypes import StringDType

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


# The same folding as _TRANSLATION and str.split(), as regular expressions Arrow's
# RE2 engine runs (its \s is ASCII whitespace only; the other spaces are listed).
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


def normalise(column: pd.Series) -> pd.Series:
    """``normalise_one`` for a whole column; missing stays missing."""
    import pyarrow.compute as pc

    from claimtrack.vectors import arrow

    text = arrow(column if column.dtype == "str" else column.astype("str"))
    for pattern, replacement, needed in _FOLDS:
        # Most quotes have nothing to fold: looking is cheaper than rewriting them all.
        if pc.any(pc.match_substring_regex(text, needed)).as_py():
            text = pc.replace_substring_regex(text, pattern, replacement)
    return pd.Series(pd.arrays.ArrowStringArray(text), index=column.index)


def contains(haystacks: pd.Series | str, needles: pd.Series) -> np.ndarray:
    """Element-wise ``needle in haystack``, vectorised; missing needles count as found."""
    present = needles.notna().to_numpy()
    needle = np.array(needles.fillna("").to_numpy(dtype=object), dtype=StringDType())
    if isinstance(haystacks, str):
        hay = np.array(haystacks, dtype=StringDType())
    else:
        hay = np.array(haystacks.fillna("").to_numpy(dtype=object), dtype=StringDType())
    found = np.strings.find(hay, needle) >= 0
    return found | ~present


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
