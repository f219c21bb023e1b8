"""Comparing words as a reader would: quotes checked against archived text.

Typographic quotes and apostrophes, non-breaking spaces, ellipses and runs of
whitespace (line breaks included) do not make a quote differ from its source;
every letter, digit and punctuation mark does.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

_CHUNK = 1 << 16

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
_ANY_FOLD = "|".join(f"(?:{needed})" for _, _, needed in _FOLDS)


def normalise(column: pd.Series) -> pd.Series:
    """``normalise_one`` for a whole column; missing stays missing."""
    import pyarrow.compute as pc

    from claimtrack.tables.kernels import arrow

    text = arrow(column if column.dtype == "str" else column.astype("str"))
    # Most quotes have nothing to fold: one look is cheaper than rewriting them all.
    if pc.any(pc.match_substring_regex(text, _ANY_FOLD)).as_py():
        for pattern, replacement, needed in _FOLDS:
            if pc.any(pc.match_substring_regex(text, needed)).as_py():
                text = pc.replace_substring_regex(text, pattern, replacement)
    return pd.Series(pd.arrays.ArrowStringArray(text), index=column.index)


def contains(haystacks: pd.Series | str, needles: pd.Series) -> np.ndarray:
    """Element-wise ``needle in haystack``; missing needles count as found.

    Neither pandas nor Arrow has an element-wise substring kernel, and numpy's
    StringDType find measured four times slower than Python's own ``in`` on a
    million quotes; so each chunk of rows is turned into strings once and compared
    pair by pair, which keeps memory to one chunk at a time."""
    needle_column = needles.fillna("")
    present = needles.notna().to_numpy()
    found = np.empty(len(needles), dtype=bool)
    single = isinstance(haystacks, str)
    hay_column = None if single else haystacks.fillna("")
    for start in range(0, len(needles), _CHUNK):
        stop = start + _CHUNK
        wanted = needle_column.iloc[start:stop].tolist()
        if single:
            found[start:stop] = [needle in haystacks for needle in wanted]
        else:
            found[start:stop] = [needle in hay for needle, hay in zip(wanted, hay_column.iloc[start:stop].tolist())]
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
