"""claimtrack.model.lists: several names or words in one cell, separated by a vertical bar."""

from __future__ import annotations

import pytest

from claimtrack.model import lists


@pytest.mark.parametrize(
    "cell, items",
    [
        ("CDA|Civil Defence", ["CDA", "Civil Defence"]),
        (" CDA | Civil Defence ", ["CDA", "Civil Defence"]),
        ("CDA", ["CDA"]),
        ("CDA||Civil Defence|", ["CDA", "", "Civil Defence", ""]),
        ("", []),
        ("   ", []),
        (None, []),
    ],
    ids=["two", "spaces-around-the-bar", "one", "empty-items-kept", "empty", "spaces-only", "missing"],
)
def test_a_cell_splits_at_each_bar_with_spaces_trimmed_and_empty_items_kept_for_validation(cell, items):
    assert lists.split(cell) == items


def test_a_reader_gets_each_item_once_in_order_empty_items_left_out():
    assert lists.items("flood | Flood|| high  water |high water|surge") == ["flood", "high  water", "surge"]


def test_items_are_compared_with_case_and_runs_of_spaces_aside():
    assert lists.folded("Civil  Defence ") == lists.folded("civil defence") == "civil defence"
