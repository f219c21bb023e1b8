"""Comparing words as a reader would: the column version agrees with the one-string version."""

from __future__ import annotations

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from claimtrack.validation.quotes import longest_prefix_found, normalise, normalise_one

# Text rich in what the folding touches: spaces of every kind, typographic quotes, ellipses.
FOLDED = st.text(
    alphabet=st.sampled_from(
        list("ab ,.\"'\t\n\r\x0b\x0c\u00a0\u202f\u2009\u3000\u2028\x85\x1c\u2018\u2019\u201c\u201d\u00ab\u00bb\u2026")
    )
    | st.characters(blacklist_categories=["Cs"]),
    max_size=40,
)


@given(st.lists(FOLDED, max_size=8))
def test_normalising_a_column_gives_what_normalising_each_cell_gives(cells):
    folded = normalise(pl.Series(cells, dtype=pl.String))
    assert folded.to_list() == [normalise_one(cell) for cell in cells]


def test_a_missing_cell_stays_missing():
    assert normalise(pl.Series(["a", None], dtype=pl.String)).to_list() == ["a", None]


def test_typographic_quotes_spaces_and_ellipses_do_not_make_a_quote_differ():
    assert normalise_one("“Both of us are … very”,\u00a0he\n\nsaid") == '"Both of us are ... very", he said'


def test_a_misquote_is_located_by_the_longest_start_the_text_holds():
    assert longest_prefix_found("the real death toll was likely", "the real death count") == "the real death "
