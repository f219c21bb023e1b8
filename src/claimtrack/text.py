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


def normalise(column: pd.Series) -> pd.Series:
    """``normalise_one`` for a whole column; missing stays missing."""
    text = column.astype("string")
    return text.str.translate(_TRANSLATION).str.replace(r"\s+", " ", regex=True).str.strip()


def contains(haystacks: pd.Series | str, needles: pd.Series) -> np.ndarray:
    """Element-wise ``needle in haystack``, vectorised; missing needles count as found."""
    present = needles.notna().to_numpy()
    needle = needles.fillna("").to_numpy(dtype=StringDType())
    if isinstance(haystacks, str):
        hay = np.array(haystacks, dtype=StringDType())
    else:
        hay = haystacks.fillna("").to_numpy(dtype=StringDType())
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
