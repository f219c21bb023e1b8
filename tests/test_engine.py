"""validation.engine: pandera's polars backend runs each kind of rule on the data it is handed, and every failing row comes back once, with its line and the cell as written."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from claimtrack.validation.backend import pandera
from claimtrack.validation.engine import Builtin, Fails, Passes, Required, Rule, run, schema


def table() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "word": pl.Series(["yes", None, "maybe", "no", None], dtype=pl.String),
            "low": pl.Series([1, 5, 2, None, 3], dtype=pl.Int64),
            "high": pl.Series([2, 4, 1, 9, 1], dtype=pl.Int64),
            "day": pl.Series(
                [dt.date(2013, 5, 16), None, dt.date(2013, 5, 1), dt.date(2013, 6, 10), dt.date(2013, 7, 1)]
            ),
        }
    )


LINES = pl.Series([2, 3, 5, 6, 7])  # row 2 starts on line 5: a cell above spans two lines


def found(rules, frame=None):
    frame = table() if frame is None else frame
    cells = frame.select(pl.all().cast(pl.String).fill_null(""))
    return [(p.line, p.column, p.value, p.message, p.rule) for p in run(rules, frame, cells, LINES, "t.csv")]


def test_each_kind_of_test_reports_its_failing_rows_with_their_lines_and_cells():
    rules = [
        Rule("required", "word", Required(), "word must not be empty"),
        Rule("enum", "word", Builtin("isin", (["yes", "no"],)), "{cell!r} is not yes or no"),
        Rule("minimum", "high", Passes(lambda column: column >= 2), "{cell} is below 2"),
        Rule("bounds-order", "high", Fails(pl.col("low") > pl.col("high")), "{high} is below {low}", reads=("low",)),
    ]
    assert sorted(found(rules)) == [
        (3, "high", "4", "4 is below 5", "bounds-order"),
        (3, "word", "", "word must not be empty", "required"),
        (5, "high", "1", "1 is below 2", "bounds-order"),
        (5, "high", "1", "1 is below 2", "minimum"),
        (5, "word", "maybe", "'maybe' is not yes or no", "enum"),
        (7, "high", "1", "1 is below 2", "minimum"),
        (7, "high", "1", "1 is below 3", "bounds-order"),
        (7, "word", "", "word must not be empty", "required"),
    ]


def test_a_column_test_is_not_asked_about_missing_cells_and_a_frame_test_treats_missing_as_no():
    rules = [
        Rule("enum", "word", Passes(lambda column: column.str.len_chars() == 3), "{cell} is not three letters"),
        Rule("bounds-order", "low", Fails(pl.col("low") < 2), "{low} too low"),  # null < 2 is null: no
        Rule("pattern", "word", Passes(lambda column: column.is_not_null()), "{cell} is missing"),  # never asked
    ]
    assert sorted(found(rules)) == [
        (2, "low", "1", "1 too low", "bounds-order"),
        (5, "word", "maybe", "maybe is not three letters", "enum"),
        (6, "word", "no", "no is not three letters", "enum"),
    ]


def test_a_template_shows_dates_as_days_and_missing_values_as_empty():
    rule = Rule(
        "dates-order",
        "day",
        Fails(pl.col("low").is_null() | (pl.col("day") < dt.date(2013, 5, 10))),
        "{day} ({low})",
        reads=("low",),
    )
    assert [message for *_, message, _ in found([rule])] == ["2013-05-01 (2)", "2013-06-10 (empty)"]


def test_a_rule_that_every_row_breaks_reports_every_row_once():
    frame = pl.DataFrame({"a": range(5000), "b": range(5000)})
    rule = Rule("bounds-order", "a", Fails(pl.col("a") >= pl.col("b")), "{a} is not below {b}", reads=("b",))
    problems = run([rule], frame, frame.cast(pl.String), pl.Series(range(2, 5002)), "t.csv")
    assert [p.line for p in problems] == list(range(2, 5002))


def test_a_frame_test_may_be_a_function_of_the_frame_giving_one_column_of_answers():
    def second_of_its_kind(frame: pl.LazyFrame) -> pl.LazyFrame:
        return frame.select(~pl.col("high").is_first_distinct())

    assert [line for line, *_ in found([Rule("bounds-order", "high", Fails(second_of_its_kind), "{high}")])] == [7]


def test_the_tests_are_run_by_pandera_in_one_schema_of_named_checks(monkeypatch):
    pa = pandera()
    rules = [
        Rule("required", "word", Required(), "word must not be empty"),
        Rule("enum", "word", Builtin("isin", (["yes", "no"],)), "{cell!r}"),
        Rule("bounds-order", "low", Fails(pl.col("low") > 2), "{low}"),
    ]
    made = schema(rules)
    assert isinstance(made, pa.DataFrameSchema)
    assert [check.name for check in made.columns["word"].checks] == ["enum"]
    assert made.columns["word"].nullable is False
    assert [check.name for check in made.columns["low"].checks] == ["bounds-order"]  # the column it reports in
    calls = []
    validate = pa.DataFrameSchema.validate
    monkeypatch.setattr(
        pa.DataFrameSchema, "validate", lambda self, *a, **k: calls.append(1) or validate(self, *a, **k)
    )
    assert [line for line, *_ in found(rules[2:])] == [3, 7]
    assert calls == [1]
    assert [line for line, *_ in found(rules[2:], table().with_columns(low=pl.lit(9)))] == [2, 3, 5, 6, 7]


@pytest.mark.parametrize(
    "test", [Builtin("str_length", (), (("max_value", 2),)), Passes(lambda c: c.str.len_chars() <= 2)]
)
def test_a_builtin_check_and_a_function_say_the_same(test):
    assert [line for line, *_ in found([Rule("max-length", "word", test, "{cell}")])] == [2, 5]


def test_a_rule_run_together_is_one_check_across_its_columns_and_each_failing_cell_is_reported_in_its_own():
    frame = pl.DataFrame(
        {
            "name": pl.Series(["ok", "=1+1", None, "ok", "=2"], dtype=pl.String),
            "note": pl.Series(["=3", "ok", "ok", None, "=4"], dtype=pl.String),
        }
    )
    rules = [
        Rule("formula", column, Passes(lambda c: ~c.str.starts_with("="), together=True), "{cell} is a formula")
        for column in ("name", "note")
    ]
    made = schema(rules)
    assert [check.name for check in made.checks] == ["formula"]  # one check for both columns
    assert made.columns == {}
    assert sorted(found(rules, frame)) == [
        (2, "note", "=3", "=3 is a formula", "formula"),
        (3, "name", "=1+1", "=1+1 is a formula", "formula"),
        (7, "name", "=2", "=2 is a formula", "formula"),
        (7, "note", "=4", "=4 is a formula", "formula"),
    ]
