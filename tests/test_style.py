"""claimtrack.tracking.style: dates and numbers as a newsroom writes them."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from claimtrack.tracking import style

D = dt.date
MISSING = [None, float("nan"), np.nan, pd.NA, pd.NaT, ""]
MISSING_IDS = ["None", "float-nan", "numpy-nan", "pandas-NA", "pandas-NaT", "empty-text"]


@pytest.mark.parametrize("value", MISSING, ids=MISSING_IDS)
@pytest.mark.parametrize("function", [style.day, style.partial_date, style.number, style.count, style.when])
def test_a_missing_value_reads_as_an_empty_string(function, value):
    assert function(value) == ""


@pytest.mark.parametrize("value", MISSING, ids=MISSING_IDS)
def test_a_missing_date_is_no_date(value):
    assert style.as_date(value) is None


@pytest.mark.parametrize(
    "value",
    ["2013-05-14", D(2013, 5, 14), dt.datetime(2013, 5, 14, 23, 59), pd.Timestamp("2013-05-14")],
    ids=["iso-text", "date", "datetime", "timestamp"],
)
def test_day_writes_month_day_comma_year_from_text_dates_and_timestamps(value):
    assert style.day(value) == "May 14, 2013"


def test_day_writes_single_digit_days_without_a_leading_zero():
    assert style.day("2013-06-01") == "June 1, 2013"
    assert style.day("2014-12-31") == "December 31, 2014"


@pytest.mark.parametrize(
    "text, words",
    [("2013-05-14", "May 14, 2013"), ("2014-03", "March 2014"), ("2014-12", "December 2014"), ("2013", "2013")],
)
def test_partial_writes_a_day_a_month_or_a_year(text, words):
    assert style.partial_date(text) == words


@pytest.mark.parametrize(
    "value, words",
    [(0, "0"), (8, "8"), (200, "200"), (1000, "1,000"), (94000, "94,000"), (1234567, "1,234,567"), ("94000", "94,000")],
)
def test_number_groups_thousands_with_commas_and_never_spells_out(value, words):
    assert style.number(value) == words


@pytest.mark.parametrize(
    "value, words",
    [
        (1, "one"),
        (2, "two"),
        (8, "eight"),
        (9, "nine"),
        (10, "10"),
        (200, "200"),
        (94000, "94,000"),
        (120000, "120,000"),
    ],
)
def test_count_spells_out_one_to_nine_and_writes_10_and_up_in_figures(value, words):
    assert style.count(value) == words


def test_count_and_number_take_numpy_and_pandas_integers():
    assert style.count(np.int64(3)) == "three"
    assert style.count(pd.array([5], dtype="Int64")[0]) == "five"
    assert style.number(np.int64(94000)) == "94,000"


@pytest.mark.parametrize(
    "start, end, words",
    [
        (D(2013, 6, 10), D(2013, 6, 10), "on June 10, 2013"),
        (D(2013, 6, 10), D(2013, 6, 12), "between June 10 and 12, 2013"),
        (D(2013, 5, 30), D(2013, 6, 2), "between May 30 and June 2, 2013"),
        (D(2012, 6, 1), D(2012, 6, 30), "in June 2012"),
        (D(2012, 2, 1), D(2012, 2, 29), "in February 2012"),  # a leap year's February is whole
        (D(2014, 1, 1), D(2014, 12, 31), "in 2014"),
        (D(2013, 5, 6), D(2013, 5, 12), "in the week of May 6, 2013"),  # Monday to Sunday
        (D(2013, 5, 7), D(2013, 5, 13), "between May 7 and 13, 2013"),  # Tuesday to Monday: not a week
        (D(2013, 5, 6), D(2013, 5, 11), "between May 6 and 11, 2013"),  # Monday to Saturday
        (D(2013, 12, 1), D(2014, 1, 31), "between December 1, 2013 and January 31, 2014"),
    ],
)
def test_span_says_two_days_as_a_reader_would(start, end, words):
    assert style.span(start, end) == words


def test_span_of_a_monday_to_sunday_week_across_new_year_names_only_its_monday():
    # The one span that does not name its end year: "the week of December 30,
    # 2013" runs to January 5, 2014.
    assert style.span(D(2013, 12, 30), D(2014, 1, 5)) == "in the week of December 30, 2013"


@pytest.mark.parametrize("start, end", [(None, D(2013, 6, 12)), (D(2013, 6, 10), None), (None, None)])
def test_span_refuses_a_missing_end(start, end):
    with pytest.raises(ValueError, match="both ends"):
        style.span(start, end)


@given(
    start=st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31)),
    days=st.integers(min_value=0, max_value=3 * 366),
)
@example(start=D(2013, 12, 30), days=6)  # a Monday-to-Sunday week across the new year
@example(start=D(2012, 1, 1), days=365)  # a whole leap year
@example(start=D(2013, 12, 31), days=1)  # across the new year by one day
def test_span_never_raises_and_always_says_its_end_year(start, days):
    end = start + dt.timedelta(days=days)
    if end > D(2100, 12, 31):
        end = D(2100, 12, 31)
    words = style.span(start, end)
    assert words.startswith(("on ", "in ", "between "))
    if words.startswith("in the week of "):
        # A Monday-to-Sunday week is named by its Monday, with that day's year.
        assert words == f"in the week of {style.day(start)}"
        assert (start.weekday(), (end - start).days) == (0, 6)
    else:
        assert str(end.year) in words
        assert str(start.year) in words


@pytest.mark.parametrize(
    "start, words",
    [
        (D(2013, 8, 1), "in August 2013 at the earliest"),
        (D(2013, 8, 2), "no earlier than August 2, 2013"),
        (D(2014, 1, 1), "in January 2014 at the earliest"),
    ],
)
def test_no_earlier_than_reads_the_first_of_a_month_as_the_month(start, words):
    assert style.no_earlier_than(start) == words


@pytest.mark.parametrize(
    "end, words",
    [
        (D(2014, 12, 31), "by the end of 2014"),
        (D(2013, 6, 30), "by the end of June 2013"),
        (D(2012, 2, 29), "by the end of February 2012"),
        (D(2013, 2, 28), "by the end of February 2013"),
        (D(2013, 2, 27), "by February 27, 2013"),
        (D(2013, 6, 15), "by June 15, 2013"),
    ],
)
def test_no_later_than_reads_the_last_day_of_a_month_or_year_as_its_end(end, words):
    assert style.no_later_than(end) == words


@pytest.mark.parametrize(
    "said_on, words",
    [("2013-05-14", "on May 14, 2013"), ("2014-03", "in March 2014"), ("2014", "in 2014")],
)
def test_when_says_on_a_day_and_in_a_month_or_year(said_on, words):
    assert style.when(said_on) == words
