"""Rules, and running them with pandera so that every failure is collected.

A rule names the column it blames, says which rows pass (vectorised: one boolean
per row, never a Python loop over rows) and explains a failing row in plain words.
pandera runs the rules lazily, so one run reports every failure; the failures'
DataFrame indexes are then turned back into CSV lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

import numpy as np
import pandas as pd

from claimtrack.model.problems import Problem


@dataclass(frozen=True)
class Rule:
    code: str  # stable name shown to users, e.g. "bounds-order"
    column: str  # the column the problem is reported in
    passes: Callable[[], pd.Series]  # True where the row is fine, aligned with the table
    explain: Callable[[pd.Index], Iterable[str]]  # one sentence per failing row


def fixed(sentence: str) -> Callable[[pd.Index], list[str]]:
    """An explanation that is the same for every failing row."""
    return lambda index: [sentence] * len(index)


def per_value(values: pd.Series, describe: Callable[[str], str]) -> Callable[[pd.Index], list[str]]:
    """An explanation built from the failing row's own cell."""
    return lambda index: [describe(v) for v in values.loc[index]]


def run(rules: list[Rule], frame: pd.DataFrame, cells: pd.DataFrame, lines: np.ndarray, file: str) -> list[Problem]:
    """Run ``rules`` over ``frame`` with pandera; report failures with the cells as written."""
    if not rules or frame.empty:
        return []
    import pandera.pandas as pa
    from pandera.errors import SchemaErrors

    columns: dict[str, list] = {}
    for number, rule in enumerate(rules):
        check = pa.Check(lambda _column, rule=rule: rule.passes(), name=str(number), ignore_na=False)
        columns.setdefault(rule.column, []).append(check)
    schema = pa.DataFrameSchema(
        {name: pa.Column(checks=checks, nullable=True, required=True) for name, checks in columns.items()}
    )
    try:
        schema.validate(frame, lazy=True)
    except SchemaErrors as errors:
        failures = errors.failure_cases
    else:
        return []
    failures = failures[failures["check"].isin([str(i) for i in range(len(rules))])]
    failures = failures.dropna(subset=["index"])
    problems: list[Problem] = []
    for name, group in failures.groupby("check", sort=False):
        rule = rules[int(name)]
        # Frames carry a RangeIndex, so a row's index is also its position in ``lines``.
        index = pd.Index(group["index"].astype(np.int64).unique())
        messages = list(rule.explain(index))
        values = cells.loc[index, rule.column]
        for position, value, message in zip(index, values, messages):
            problems.append(Problem(file, int(lines[position]), rule.column, str(value), message, rule.code))
    return problems
