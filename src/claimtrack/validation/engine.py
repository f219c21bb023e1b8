"""The one seam between the rules and the engine that runs them: pandera.

A rule says what problem it finds (``code``), which column the problem is reported in,
which other columns it reads, how a row is tested, and what to tell the journalist.
The test is one of:

- ``Builtin``: one of pandera's own checks on the column ("isin", "str_length");
- ``Required``: the column holds no missing cell (pandera's nullable);
- ``Passes``: a function of the column, True where a cell is fine;
- ``Fails``: a function of the frame of the columns the rule reads, True where a row
  breaks the rule (a missing answer counts as no).

``run`` hands a table to pandera with every rule as a pandera check: the column tests
as checks of their column, the frame tests as checks of the frame. pandera runs each
check on the data it is given and collects every failure (lazily, so that one run
reports all of them); the failing rows' DataFrame indexes are then turned back into CSV
lines, with the cells as written. Which engine runs the checks is this module's
business only: the rules say what they mean.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from claimtrack.model.problems import Problem


@dataclass(frozen=True)
class Builtin:
    """One of pandera's own checks, by its name on ``pandera.Check``."""

    name: str
    args: tuple = ()
    kwargs: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class Required:
    """The column holds a value in every row."""


@dataclass(frozen=True)
class Passes:
    """A function of the column: True where the cell is fine. Missing cells are not asked."""

    test: Callable[[pd.Series], pd.Series | np.ndarray]


@dataclass(frozen=True)
class Fails:
    """A function of the frame of the columns the rule reads: True where the row breaks the rule."""

    test: Callable[[pd.DataFrame], pd.Series | np.ndarray]


@dataclass(frozen=True)
class Failing:
    """The rows a rule found wanting, for its message."""

    rows: pd.DataFrame  # the failing rows of the columns the rule read
    values: list[str]  # their cells in the rule's column, as written
    lines: np.ndarray  # their CSV lines
    frame: pd.DataFrame  # the whole frame the rule read, for a message about other rows
    all_lines: np.ndarray  # the CSV line of every row of ``frame``


Message = str | Callable[[Failing], Iterable[str]]


@dataclass(frozen=True)
class Rule:
    code: str  # stable name shown to users, e.g. "bounds-order"
    column: str  # the column the problem is reported in
    test: Builtin | Required | Passes | Fails
    # A template filled from the failing row ({cell} is the cell as written, {low} the
    # column low as the rule read it), or a function of the failing rows.
    message: Message
    reads: tuple[str, ...] = ()  # the other columns the test and the message read


def _shown(value: object) -> str:
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and np.isnan(value)):
        return "empty"
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return str(value)


def messages(rule: Rule, failing: Failing) -> list[str]:
    if callable(rule.message):
        return list(rule.message(failing))
    rows = failing.rows.itertuples(index=False, name=None)
    names = list(failing.rows.columns)
    return [
        rule.message.format(**{n: _shown(v) for n, v in zip(names, row)}, cell=value)
        for value, row in zip(failing.values, rows)
    ]


def run(rules: list[Rule], frame: pd.DataFrame, cells: pd.DataFrame, lines: np.ndarray, file: str) -> list[Problem]:
    """Run ``rules`` over ``frame`` with pandera; report failures with the cells as written.

    ``frame`` and ``cells`` share a RangeIndex, so a row's index is also its position in ``lines``.
    """
    if not rules or frame.empty:
        return []
    problems: list[Problem] = []
    for rule, index in _failed(rules, frame):
        read = frame[list(_read_by(rule))]
        values = cells[rule.column].to_numpy()[index]
        failing = Failing(read.iloc[index], [str(v) for v in values], lines[index], read, lines)
        for position, value, message in zip(index, values, messages(rule, failing)):
            problems.append(Problem(file, int(lines[position]), rule.column, str(value), message, rule.code))
    return problems


def _failed(rules: list[Rule], frame: pd.DataFrame) -> list[tuple[Rule, np.ndarray]]:
    """Each rule that some rows break, with the positions of those rows, as pandera finds them.

    One schema holds every rule: the column tests as checks of their column, the frame
    tests as checks of the whole frame. Each check keeps one failure case for its report
    (pandera would otherwise lay out every failing cell of every column a frame check
    saw); the rows a check failed are read from its whole output.
    """
    import pandera.pandas as pa
    from pandera.errors import SchemaErrors

    by_column: dict[str, list[Rule]] = {}
    required: dict[str, Rule] = {}
    for rule in rules:
        if isinstance(rule.test, Required):
            required[rule.column] = rule
        elif not isinstance(rule.test, Fails):
            by_column.setdefault(rule.column, []).append(rule)
    on_frame = [rule for rule in rules if isinstance(rule.test, Fails)]
    columns = {
        name: pa.Column(
            checks=[_check(pa, rule.test) for rule in by_column.get(name, [])], nullable=name not in required
        )
        for name in dict.fromkeys([*by_column, *required])
    }
    schema = pa.DataFrameSchema(columns, checks=[_check(pa, rule.test) for rule in on_frame])
    try:
        schema.validate(frame, lazy=True)
    except SchemaErrors as errors:
        found = errors.schema_errors
    else:
        return []
    failed = []
    for error in found:
        where = getattr(error.schema, "name", None) if isinstance(error.schema, pa.Column) else None
        if where is not None and error.check_index is None:  # a missing cell in a required column
            rule, rows = required[where], error.failure_cases["index"].to_numpy()
        elif error.check_output is not None:
            rule = by_column[where][error.check_index] if where is not None else on_frame[error.check_index]
            rows = error.check_output.index[~error.check_output.to_numpy(dtype=bool)].to_numpy()
        else:
            raise RuntimeError(f"pandera could not run a check: {error}")
        failed.append((rule, np.unique(rows.astype(np.int64))))
    return failed


def _read_by(rule: Rule) -> tuple[str, ...]:
    return tuple(dict.fromkeys((rule.column, *rule.reads)))


def _check(pa, test):
    if isinstance(test, Builtin):
        return getattr(pa.Check, test.name)(*test.args, **dict(test.kwargs), n_failure_cases=1)
    if isinstance(test, Passes):
        return pa.Check(lambda column: _as_series(test.test(column), column.index), n_failure_cases=1)
    return pa.Check(
        lambda frame: ~_as_series(test.test(frame), frame.index).fillna(False).astype(bool), n_failure_cases=1
    )


def _as_series(result, index: pd.Index) -> pd.Series:
    return result if isinstance(result, pd.Series) else pd.Series(result, index=index)
