"""The rules a Table Schema states for each field, on the cells as written.

Required, type, partial dates, formulas, enum, pattern, minimum and maximum, length
and unique: each field's constraints in the schema become rules, with a hint of what
the journalist probably meant where it can be told.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from claimtrack.model.package import Resource
from claimtrack.tables import kernels
from claimtrack.tables.typed import is_partial_date, missing_mask, valid_type
from claimtrack.validation.engine import Rule, fixed, per_value

_TYPE_WORDS = {
    "integer": "a whole number written in digits only, e.g. 94000 (no commas, spaces, units or decimals)",
    "number": "a number written in digits, e.g. 2.5 (no commas, spaces or units)",
    "date": "a real date written YYYY-MM-DD, e.g. 2013-05-16",
    "boolean": "true or false",
}


def field_rules(resource: Resource, cells: pd.DataFrame, lines: np.ndarray, ctx) -> list[Rule]:
    """The rules a Table Schema states for each field, on the cells as written; the
    typed values and partial-date spans come from ``ctx``, worked out once."""
    rules: list[Rule] = []
    for field in resource.fields:
        rules.extend(_rules_for_field(resource, field, cells[field["name"]], lines, ctx))
    return rules


def _rules_for_field(resource: Resource, field: dict, column: pd.Series, lines: np.ndarray, ctx) -> list[Rule]:
    name = field["name"]
    kind = field.get("type", "string")
    constraints = field.get("constraints", {})
    missing = missing_mask(resource, column)
    typed = ctx.tables[resource.name][name]
    rules: list[Rule] = []
    if constraints.get("required"):
        rules.append(Rule("required", name, lambda: ~missing, fixed(f"{name} must not be empty")))
    # A cell that is there but has no typed value did not read as its type.
    typed_ok = missing | (typed.notna() if kind in _TYPE_WORDS else valid_type(field, column))
    if kind in _TYPE_WORDS or field.get("format") == "uri":
        expected = _TYPE_WORDS.get(kind, "a web address starting http:// or https://")
        rules.append(
            Rule(
                "type", name, lambda: typed_ok, per_value(column, lambda v: f"{v!r} is not {expected}{_hint(v, kind)}")
            )
        )
    if is_partial_date(field):
        start, _ = ctx.span(resource.name, name)
        shaped = kernels.fullmatch(column, r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
        ok = missing | ~shaped | start.notna()
        rules.append(
            Rule(
                "date",
                name,
                lambda: ok,
                per_value(column, lambda v: f"{v!r} is not a real date written YYYY-MM-DD, YYYY-MM or YYYY"),
            )
        )
    if kind == "string":
        starts = kernels.starts_with_any(column, _FORMULA_START) & ~missing.to_numpy(dtype=bool)
        if starts.any():  # a number such as -12 or +3.5 is read as that number, never run
            starts[starts] = ~kernels.fullmatch(column[starts], _SIGNED_NUMBER).to_numpy()
        rules.append(
            Rule(
                "formula",
                name,
                lambda: pd.Series(~starts, index=column.index),
                per_value(
                    column,
                    lambda v: (
                        f"begins with {v[:1]!r}: a spreadsheet would read the cell as a formula; "
                        "reword it so that it begins otherwise"
                    ),
                ),
            )
        )
    if "enum" in constraints:
        allowed = [str(v) for v in constraints["enum"]]
        rules.append(
            Rule(
                "enum",
                name,
                lambda: missing | column.isin(allowed),
                per_value(column, lambda v: f"{v!r} is not one of the allowed values: {_listing(allowed)}"),
            )
        )
    if "pattern" in constraints:
        pattern = constraints["pattern"]
        if is_partial_date(field):

            def wrong_form(v):
                return f"{v!r} is not a date written YYYY-MM-DD, YYYY-MM or YYYY{_hint(v, 'date')}"

        else:

            def wrong_form(v):
                return f"{v!r} is not in the form {name} needs (pattern {pattern}){_hint(v, kind)}"

        # A cell that is not of its type at all is reported once, as such.
        rules.append(
            Rule(
                "pattern",
                name,
                lambda: missing | ~typed_ok | kernels.fullmatch(column, pattern),
                per_value(column, wrong_form),
            )
        )
    for bound, compare, word in (
        ("minimum", np.greater_equal, "below the minimum"),
        ("maximum", np.less_equal, "above the maximum"),
    ):
        if bound in constraints and kind in ("integer", "number"):
            limit = constraints[bound]
            numbers = typed
            rules.append(
                Rule(
                    bound,
                    name,
                    lambda numbers=numbers, limit=limit, compare=compare: numbers.isna() | compare(numbers, limit),
                    per_value(column, lambda v, word=word, limit=limit: f"{v} is {word} of {limit}"),
                )
            )
    for bound, compare, word in (
        ("minLength", np.greater_equal, "shorter than"),
        ("maxLength", np.less_equal, "longer than"),
    ):
        if bound in constraints:
            limit = constraints[bound]
            lengths = column.str.len()
            rules.append(
                Rule(
                    bound.lower().replace("length", "-length"),
                    name,
                    lambda lengths=lengths, limit=limit, compare=compare: missing | compare(lengths, limit),
                    fixed(f"{name} is {word} {limit} characters"),
                )
            )
    if constraints.get("unique") and resource.primary_key != [name]:
        rules.append(_unique_rule([name], column.to_frame(), missing, lines, "unique"))
    return rules


# What a spreadsheet takes for the start of a formula.
_FORMULA_START = "=+-@\t\r"


_SIGNED_NUMBER = r"[+-][0-9]+([.,][0-9]+)*"


_NO_VALUE = {"na", "n/a", "none", "null", "nan", "-", "?", "unknown"}


# What people group thousands with: commas, spaces (also non-breaking and thin), apostrophes.
_GROUPING = re.compile(r"(?<=[0-9])[,'\s\u00a0\u202f\u2009](?=[0-9]{3})")


_SLASHED_DATE = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")


def _hint(value: str, kind: str) -> str:
    """What the journalist probably meant, where it can be told."""
    if value.strip().lower() in _NO_VALUE:
        return "; leave the cell empty when there is no value"
    if kind == "integer":
        digits = _GROUPING.sub("", value.strip()).replace("\u2212", "-")
        if digits != value and re.fullmatch(r"-?[0-9]+", digits):
            return f"; write {digits}"
    slashed = _SLASHED_DATE.fullmatch(value.strip())
    if kind == "date" and slashed:
        a, b, year = (int(part) for part in slashed.groups())
        readings = [f"{year}-{month:02d}-{day:02d}" for day, month in ((a, b), (b, a)) if 1 <= month <= 12 and day >= 1]
        readings = list(dict.fromkeys(readings))
        if len(readings) == 2:
            return f"; {value} could be day/month or month/day: write {readings[0]} or {readings[1]}"
        if readings:
            return f"; write {readings[0]}"
    return ""


def _listing(values: list[str], limit: int = 12) -> str:
    shown = ", ".join(values[:limit])
    return shown + (f" (and {len(values) - limit} more)" if len(values) > limit else "")


def _unique_rule(key: list[str], cells: pd.DataFrame, missing: pd.Series, lines: np.ndarray, code: str) -> Rule:
    keys = cells[key]
    repeated = keys.duplicated(keep="first") & ~missing
    label = " + ".join(key)

    def explain(index: pd.Index) -> list[str]:
        first = keys[~missing].drop_duplicates(keep="first")
        first_line = {tuple(row): int(lines[i]) for i, row in zip(first.index, first.itertuples(index=False))}
        return [
            f"{label} {', '.join(map(repr, row))} is used twice: it is first used on line {first_line[tuple(row)]}"
            for row in keys.loc[index].itertuples(index=False)
        ]

    return Rule(code, key[0], lambda: ~repeated, explain)
