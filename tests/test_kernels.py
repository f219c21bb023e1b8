"""claimtrack.tables.kernels: patterns mean in polars what they mean in RE2, text folds as lists compare it, and the rows on a cycle of pointers are found."""

from __future__ import annotations

import re

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimtrack.model import lists
from claimtrack.tables import kernels


def matches(pattern: str, cells: list[str]) -> list[bool]:
    return pl.select(kernels.fullmatch(pl.Series(cells, dtype=pl.String), pattern)).to_series().to_list()


@pytest.mark.parametrize(
    "pattern, cell",
    [
        (r"\d+", "\u0663\u0664"),  # Arabic-Indic digits: digits to Rust's Unicode \d, not to RE2's
        (r"https?://[^\s]+", "https://example.org/a\u00a0b"),  # a no-break space is no space to RE2
        (r"\w+", "caf\u00e9"),
        (r"a\sb", "a\u2003b"),
        (r"[\d.]+", "\u0663.1"),
    ],
)
def test_a_class_means_its_ascii_letters_as_in_re2(pattern, cell):
    ascii_meaning = re.fullmatch(pattern, cell, flags=re.ASCII) is not None
    assert matches(pattern, [cell]) == [ascii_meaning]


@pytest.mark.parametrize(
    "pattern, cell, expected",
    [
        (r"\d{4}", "2013", True),
        (r"[^\s]+", "a b", False),
        (r"\S+", "https://example.org/a\u00a0b", True),
        (r"\D+", "abc", True),
        (r"\\d", "\\d", True),  # an escaped backslash is a backslash, then a letter
        (r"[\]a]+", "]a", True),
    ],
)
def test_a_pattern_matches_as_re2_reads_it(pattern, cell, expected):
    assert matches(pattern, [cell]) == [expected]


def test_a_word_boundary_is_where_ascii_letters_end_as_in_re2():
    found = pl.select(kernels.search(pl.Series(["x\u00e9", "xy"], dtype=pl.String), r"x\b")).to_series()
    assert found.to_list() == [True, False]


def test_a_missing_cell_matches_nothing_it_is_unknown():
    assert matches("a", ["a", None]) == [True, None]


# Any character a UTF-8 file can hold: a lone surrogate (category Cs) is none.
@given(
    st.text(
        alphabet=st.sampled_from(list("aAßẞΣσς İıﬁ \t\u00a0\u3000KkÅå|")) | st.characters(exclude_categories=("Cs",)),
        max_size=12,
    )
)
def test_text_folds_as_lists_fold_it(text):
    folded = pl.select(kernels.folded(pl.lit(text, dtype=pl.String))).item()
    assert folded == lists.folded(text)


@pytest.mark.parametrize(
    "following, on_cycle",
    [
        ([1, 2, 0, 2, None, 4, 6], [True, True, True, False, False, False, True]),
        ([None, None], [False, False]),
        ([0], [True]),
        ([1, 0, 1, 2, 3], [True, True, False, False, False]),  # a tail leading into a cycle is not on it
        ([], []),
    ],
)
def test_the_rows_on_a_cycle_are_found_and_the_rows_leading_into_one_are_not(following, on_cycle):
    assert kernels.on_a_cycle(pl.Series(following, dtype=pl.Int64)).to_list() == on_cycle


def test_a_long_chain_into_a_cycle_is_chased_to_its_end():
    size = 5000
    following = list(range(1, size)) + [size - 3]  # a chain of 4997 rows, then a cycle of three
    found = kernels.on_a_cycle(pl.Series(following, dtype=pl.Int64)).to_list()
    assert [row for row, on in enumerate(found) if on] == [size - 3, size - 2, size - 1]


def test_the_folding_table_is_pythons_own_for_every_character():
    keys, values = kernels._case_folding()
    whole = {}
    for character in map(chr, range(0x110000)):
        lower = character.lower()
        if lower != character.casefold():
            assert len(lower) == 1, f"{character!r} lowers to several characters and folds otherwise"
            whole[lower] = character.casefold()
    assert dict(zip(keys, values)) == whole
