"""The one seam between the rules and the engine that runs them: pandera's polars backend.

A rule says what problem it finds (``code``), which column the problem is reported in,
which other columns it reads, how a row is tested, and what to tell the journalist.
The test is one of:

- ``Builtin``: one of pandera's own checks on the column ("isin", "str_length");
- ``Required``: the column holds no missing cell (pandera's nullable);
- ``Passes``: a function of the column's polars expression, True where a cell is fine
  (missing cells are not asked); or, for a test that looks each distinct cell up once
  (a key among a million, a date parsed), a function of the frame and the column's name;
- ``Fails``: a polars expression of the frame's columns, True where a row breaks the
  rule (a missing answer counts as no); or, for a test that needs more than one
  expression (a join, a list split into its items), a function of the frame's
  LazyFrame giving a LazyFrame of one boolean column, a row for each row.

``schema`` makes one pandera ``DataFrameSchema`` of a table's rules: each rule a check of
the column it reports in (a frame test reads the other columns of the frame pandera
hands the check; as a check of its column, pandera lays out only that column beside
its failures), each named by its rule's code. ``run`` hands the table to pandera, which runs every check and collects
every failure (lazily, so that one run reports all of them); the failing rows are then
turned back into CSV lines, with the cells as written, and only for them is a message
made. Which engine runs the checks is this module's business only: the rules say what
they mean.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import polars as pl

from claimtrack.model.problems import Problem
from claimtrack.validation.backend import pandera

# The column pandera gives a check's verdict in, a row for each row.
_OUTPUT = "check_output"


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
    """A function of the column's expression: True where the cell is fine. Missing cells
    are not asked. With ``of_frame``, a function of the frame (a LazyFrame) and the
    column's name giving a LazyFrame of one boolean column, a row for each row."""

    test: Callable[[pl.Expr], pl.Expr] | Callable[[pl.LazyFrame, str], pl.LazyFrame]
    of_frame: bool = False
    # Run as one check across every column its code is asked of (a rule asked of each
    # text column: formulas, control characters), the columns of a failing row then
    # told apart: a check costs pandera a millisecond whatever the table's size.
    together: bool = False


@dataclass(frozen=True)
class Fails:
    """True where the row breaks the rule: an expression of the frame's columns, or a
    function of the frame (a LazyFrame) giving a LazyFrame of one boolean column."""

    test: pl.Expr | Callable[[pl.LazyFrame], pl.LazyFrame]


@dataclass(frozen=True)
class Failing:
    """The rows a rule found wanting, for its message."""

    rows: pl.DataFrame  # the failing rows of the columns the rule read
    values: list[str]  # their cells in the rule's column, as written
    lines: list[int]  # their CSV lines
    positions: pl.Series  # their positions in ``frame``
    frame: pl.DataFrame  # the whole frame the rule read (its columns among others), for a message about other rows
    all_lines: pl.Series  # the CSV line of every row of ``frame``


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


def shown(value: object) -> str:
    """A value as a message shows it: a day as YYYY-MM-DD, nothing as "empty"."""
    if value is None or (isinstance(value, float) and value != value):
        return "empty"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def messages(rule: Rule, failing: Failing) -> list[str]:
    if callable(rule.message):
        return list(rule.message(failing))
    return [
        rule.message.format(**{n: shown(v) for n, v in row.items()}, cell=value)
        for value, row in zip(failing.values, failing.rows.iter_rows(named=True))
    ]


def run(rules: list[Rule], frame: pl.DataFrame, cells: pl.DataFrame, lines: pl.Series, file: str) -> list[Problem]:
    """Run ``rules`` over ``frame`` with pandera; report failures with the cells as written.

    ``frame`` and ``cells`` have a row for each row of the file, in order, so a row's
    position is also its place in ``lines``.
    """
    if not rules or not frame.height:
        return []
    problems: list[Problem] = []
    for rule, positions in failed(rules, frame):
        # The failing rows gathered column by column: a select of the whole frame would
        # copy it, where its columns are chunked apart (the file's as polars parsed it,
        # the computed ones in one piece).
        read = pl.DataFrame([frame[name].gather(positions) for name in read_by(rule)])
        values = cells[rule.column].gather(positions).fill_null("").to_list()
        at = lines.gather(positions).to_list()
        failing = Failing(read, values, at, positions, frame, lines)
        for line, value, message in zip(at, values, messages(rule, failing)):
            problems.append(Problem(file, int(line), rule.column, value, message, rule.code))
    return problems


def schema(rules: list[Rule]):
    """The pandera DataFrameSchema of ``rules``: a Column for each column a rule reports
    in, nullable unless a rule requires it, with the rules' tests as its checks, each
    named by its rule's code."""
    pa = pandera()
    by_column, required, together = _by_column(rules)
    columns = {
        name: pa.Column(
            None, checks=[_check(pa, rule) for rule in by_column.get(name, [])], nullable=name not in required
        )
        for name in dict.fromkeys([*by_column, *required])
    }
    return pa.DataFrameSchema(columns, checks=[_together(pa, code, group) for code, group in together.items()])


def _by_column(rules: list[Rule]) -> tuple[dict[str, list[Rule]], dict[str, Rule], dict[str, list[Rule]]]:
    """The rules that test cells, by the column they report in; the rules that require a
    column, by column; the rules run together across columns, by code."""
    by_column: dict[str, list[Rule]] = {}
    required: dict[str, Rule] = {}
    together: dict[str, list[Rule]] = {}
    for rule in rules:
        if isinstance(rule.test, Required):
            required[rule.column] = rule
        elif isinstance(rule.test, Passes) and rule.test.together:
            together.setdefault(rule.code, []).append(rule)
        else:
            by_column.setdefault(rule.column, []).append(rule)
    return by_column, required, together


def _fine(rule: Rule) -> pl.Expr:
    """True where the cell of a rule run together passes it (a missing cell is not asked)."""
    column = pl.col(rule.column)
    return pl.when(column.is_not_null()).then(rule.test.test(column)).otherwise(True).fill_null(True)


def _together(pa, code: str, group: list[Rule]):
    """One frame check for rules of one code across their columns: a row fails when any
    of its cells does."""
    return pa.Check(
        lambda data: data.lazyframe.select(pl.all_horizontal(_fine(rule) for rule in group).alias(_OUTPUT)),
        n_failure_cases=1,
        name=code,
    )


class CheckNotRun(RuntimeError):
    """pandera could not run a rule's check on the table: a column it reads is not of
    the type the rule is written for."""

    def __init__(self, code: str, said: str):
        super().__init__(f"the check {code} could not run: {said}")
        self.code, self.said = code, said


def failed(rules: list[Rule], frame: pl.DataFrame) -> list[tuple[Rule, pl.Series]]:
    """Each rule that some rows break, with the positions of those rows, as pandera finds them.

    Each check keeps one failure case for its report (pandera would otherwise lay out
    every failing cell of every column a frame check saw); the rows a check failed
    are read from its whole output."""
    pa = pandera()
    SchemaErrors = pa.errors.SchemaErrors
    by_column, required, together = _by_column(rules)
    groups = list(together.values())
    with pl.Config(engine_affinity="in-memory"):  # the default engine costs more than small checks
        try:
            schema(rules).validate(frame, lazy=True)
        except SchemaErrors as errors:
            found = errors.schema_errors
        else:
            return []
    failed = []
    for error in found:
        where = error.schema.name if isinstance(error.schema, pa.Column) else None
        if where is None and error.check_output is not None and error.check_index is not None and groups:
            failed.extend(_apart(groups[error.check_index], error.check_output, frame))
            continue
        if where is not None and error.check_index is None and where in required:  # a missing cell
            rule = required[where]
        elif where is not None and error.check_output is not None and error.check_index is not None:
            rule = by_column[where][error.check_index]
        else:
            check = getattr(error, "check", None)
            raise CheckNotRun(getattr(check, "name", None) or "?", str(error).strip().splitlines()[0])
        failed.append((rule, _failing_rows(error.check_output)))
    return failed


def _apart(group: list[Rule], output: pl.DataFrame, frame: pl.DataFrame) -> list[tuple[Rule, pl.Series]]:
    """The rows a check run together failed, told apart by the rule (the column) each
    breaks: only those rows are asked again, of each column."""
    rows = _failing_rows(output)
    asked = frame.select(_read_by_group(group)).gather(rows)
    found = []
    for rule in group:
        fails = asked.select(~_fine(rule)).to_series()
        if fails.any():
            found.append((rule, rows.filter(fails)))
    return found


def _failing_rows(output: pl.DataFrame) -> pl.Series:
    """The positions of the rows a check's output (its last column) fails."""
    return output.with_row_index("row").filter(~pl.col(output.columns[-1]).fill_null(False))["row"].cast(pl.Int64)


def _read_by_group(group: list[Rule]) -> list[str]:
    return list(dict.fromkeys(column for rule in group for column in read_by(rule)))


def read_by(rule: Rule) -> list[str]:
    """The columns a rule reads: the one it reports in, then the others."""
    return list(dict.fromkeys((rule.column, *rule.reads)))


def _check(pa, rule: Rule):
    test = rule.test
    if isinstance(test, Builtin):
        return getattr(pa.Check, test.name)(*test.args, **dict(test.kwargs), n_failure_cases=1, name=rule.code)
    if isinstance(test, Passes):

        def passes(data):
            column = pl.col(data.key)
            if test.of_frame:
                fine = test.test(data.lazyframe, data.key).select(pl.first().alias(_OUTPUT))
                asked = data.lazyframe.select(column.is_not_null().alias("asked"))
                return pl.concat([asked, fine], how="horizontal").select(pl.when("asked").then(pl.col(_OUTPUT)))
            return data.lazyframe.select(pl.when(column.is_not_null()).then(test.test(column)).alias(_OUTPUT))

        return pa.Check(passes, n_failure_cases=1, name=rule.code)

    def holds(data):
        if isinstance(test.test, pl.Expr):
            broken = data.lazyframe.select(test.test.alias(_OUTPUT))
        else:
            broken = test.test(data.lazyframe)
        return broken.select(~pl.first().fill_null(False).alias(_OUTPUT))

    return pa.Check(holds, n_failure_cases=1, name=rule.code)
