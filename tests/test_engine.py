"""validation.engine: pandera runs each kind of rule on the data it is handed, and every failing row comes back once, with its line and the cell as written."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pytest

from claimtrack.validation.engine import Builtin, Fails, Passes, Required, Rule, run


def table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "word": pd.array(["yes", None, "maybe", "no", None], dtype="str"),
            "low": pd.array([1, 5, 2, None, 3], dtype="Int64"),
            "high": pd.array([2, 4, 1, 9, 1], dtype="Int64"),
            "day": pd.to_datetime(["2013-05-16", None, "2013-05-01", "2013-06-10", "2013-07-01"]),
        }
    )


LINES = np.array([2, 3, 5, 6, 7])  # row 2 starts on line 5: a cell above spans two lines


def found(rules, frame=None):
    frame = table() if frame is None else frame
    cells = frame.astype(str).where(frame.notna(), "")
    return [(p.line, p.column, p.value, p.message, p.rule) for p in run(rules, frame, cells, LINES, "t.csv")]


def test_each_kind_of_test_reports_its_failing_rows_with_their_lines_and_cells():
    rules = [
        Rule("required", "word", Required(), "word must not be empty"),
        Rule("enum", "word", Builtin("isin", (["yes", "no"],)), "{cell!r} is not yes or no"),
        Rule("minimum", "high", Passes(lambda column: column >= 2), "{cell} is below 2"),
        Rule("bounds-order", "high", Fails(lambda f: f["low"] > f["high"]), "{high} is below {low}", reads=("low",)),
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
        Rule("enum", "word", Passes(lambda column: column.str.len() == 3), "{cell} is not three letters"),
        Rule("bounds-order", "low", Fails(lambda f: f["low"] < 2), "{low} too low"),  # NA < 2 is NA: no
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
        Fails(lambda f: f["low"].isna() | (f["day"] < "2013-05-10")),
        "{day} ({low})",
        reads=("low",),
    )
    assert [message for *_, message, _ in found([rule])] == ["2013-05-01 (2)", "2013-06-10 (empty)"]


def test_a_rule_that_every_row_breaks_reports_every_row_once():
    frame = pd.DataFrame({"a": pd.array(range(5000), dtype="Int64"), "b": pd.array(range(5000), dtype="Int64")})
    rule = Rule("bounds-order", "a", Fails(lambda f: f["a"] >= f["b"]), "{a} is not below {b}", reads=("b",))
    cells = frame.astype(str)
    problems = run([rule], frame, cells, np.arange(2, 5002), "t.csv")
    assert [p.line for p in problems] == list(range(2, 5002))


def test_the_tests_read_the_frame_pandera_hands_them(monkeypatch):
    seen = []
    rule = Rule("bounds-order", "low", Fails(lambda f: seen.append(f["low"].tolist()) or f["low"] > 2), "{low}")
    validate = pa.DataFrameSchema.validate
    calls = []
    monkeypatch.setattr(
        pa.DataFrameSchema, "validate", lambda self, *a, **k: calls.append(1) or validate(self, *a, **k)
    )
    assert found([rule]) == [(3, "low", "5", "5", "bounds-order"), (7, "low", "3", "3", "bounds-order")]
    assert calls and seen == [[1, 5, 2, pd.NA, 3]]
    other = table().assign(low=pd.array([9, 9, 9, 9, 9], dtype="Int64"))
    assert [line for line, *_ in found([rule], other)] == [2, 3, 5, 6, 7]


@pytest.mark.parametrize("test", [Builtin("str_length", (), (("max_value", 2),)), Passes(lambda c: c.str.len() <= 2)])
def test_a_builtin_check_and_a_function_say_the_same(test):
    assert [line for line, *_ in found([Rule("max-length", "word", test, "{cell}")])] == [2, 5]
