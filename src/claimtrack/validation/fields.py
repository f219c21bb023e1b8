"""The rules a Table Schema states for each field, on the cells as written.

Required, type, partial dates, formulas, enum, pattern, minimum and maximum, length
and unique: each constraint of a field in the schema becomes a rule, one small maker
per constraint, run by pandera on the column of cells as written (missing values
missing), each test a polars expression. Where a constraint is one of pandera's own
checks (enum is ``isin``, a length is ``str_length``), pandera's check runs it. A hint
says what the journalist probably meant, where it can be told.
"""

from __future__ import annotations

import operator
import unicodedata
from collections.abc import Callable

import polars as pl

from claimtrack.model import cells, characters, links
from claimtrack.model.package import Resource
from claimtrack.model.suggest import hint, listing
from claimtrack.tables import kernels
from claimtrack.tables.typed import is_partial_date, span, typed, valid_type
from claimtrack.validation.engine import Builtin, Failing, Fails, Passes, Required, Rule

_PARTIAL_SHAPE = r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"
# What a spreadsheet takes for the start of a formula (OWASP's CSV injection list: =, +,
# -, @, tab, carriage return, and line feed), and the fullwidth forms of the four signs,
# which some spreadsheets fold into them. Spaces, invisible characters (a zero-width
# space, a byte-order mark) and quote marks before a sign are looked through: a
# spreadsheet, or a person pasting the cell, may drop them.
_FORMULA_SIGNS = "=+-@\uff1d\uff0b\uff0d\uff20"
_FORMULA = r"^(?:[\t\r\n]|[\s\p{Z}\p{Cf}" + "\"'" + r"]*[=+\-@\x{ff1d}\x{ff0b}\x{ff0d}\x{ff20}])"
_SIGNED_NUMBER = r"[+-][0-9]+([.,][0-9]+)*"


def _per_cell(describe: Callable[[str], str]) -> Callable[[Failing], list[str]]:
    """A message made from each failing cell as written."""
    return lambda failing: [describe(value) for value in failing.values]


def _typed(field: dict) -> bool:
    return field.get("type", "string") in cells.TYPE_WORDS or field.get("format") == "uri"


def _reads_as_its_type(field: dict) -> Callable[[pl.Expr], pl.Expr]:
    return lambda column: valid_type(field, column)


def _required(resource: Resource, field: dict) -> Rule:
    return Rule("required", field["name"], Required(), required_message(field))


def required_message(field: dict) -> str:
    """That a required cell is empty; for a field with a vocabulary, its words."""
    enum = field.get("constraints", {}).get("enum")
    words = f": give one of {listing([str(v) for v in enum])}" if enum else ""
    return f"{field['name']} must not be empty{words}"


def _type(resource: Resource, field: dict) -> Rule:
    kind = field.get("type", "string") if field.get("format") != "uri" else "uri"
    return Rule(
        "type", field["name"], Passes(_reads_as_its_type(field)), _per_cell(lambda v: cells.not_of_type(v, kind))
    )


def _partial_date(resource: Resource, field: dict) -> Rule:
    """A date known to the month or year, shaped right, that is no real date (2013-02-30).
    A cell the field's own pattern refuses (2013-05-32) is the pattern's to report, once."""
    shape = field.get("constraints", {}).get("pattern") or _PARTIAL_SHAPE

    def real(frame: pl.LazyFrame, name: str) -> pl.LazyFrame:
        # Each distinct date is parsed once (a million claims say a few thousand days).
        distinct = frame.select(pl.col(name).drop_nulls().unique()).collect().to_series()
        start, _ = span(pl.col(name))
        fine = pl.DataFrame({name: distinct}).select(~kernels.fullmatch(pl.col(name), shape) | start.is_not_null())
        return frame.select(pl.col(name).is_in(distinct.filter(fine.to_series()).implode()))

    return Rule(
        "date",
        field["name"],
        Passes(real, of_frame=True),
        _per_cell(lambda v: f"{v!r} is not a real date written YYYY-MM-DD, YYYY-MM or YYYY"),
    )


def _formula_lead(value: str) -> str:
    """The start of a cell a spreadsheet reads as a formula: the sign, and whatever
    spaces, invisible characters or quote marks stand before it."""
    for end, character in enumerate(value):
        if character in _FORMULA_SIGNS or (end == 0 and character in "\t\r\n"):
            return value[: end + 1]
        if not (
            character.isspace() or character in "\"'" or unicodedata.category(character) in ("Zs", "Zl", "Zp", "Cf")
        ):
            break
    return value[:1]


def _formula_message(value: str) -> str:
    lead = _formula_lead(value)
    before = " (a spreadsheet looks through what stands before the sign)" if len(lead) > 1 else ""
    return (
        f"begins with {lead!r}{before}: a spreadsheet would read the cell as a formula; "
        "reword it so that it begins otherwise"
    )


def _formula(resource: Resource, field: dict) -> Rule:
    def not_a_formula(column: pl.Expr) -> pl.Expr:
        # A number such as -12 or +3.5 is read as that number, never run.
        return ~kernels.search(column, _FORMULA) | kernels.fullmatch(column, _SIGNED_NUMBER)

    return Rule("formula", field["name"], Passes(not_a_formula, together=True), _per_cell(_formula_message))


def _character_rule(code: str, pattern: str, column: str, why: str) -> Rule:
    """Cells of ``column`` that hold a character of ``pattern``; the message names the first."""

    def message(value: str) -> str:
        position, character = characters.first(pattern, value)
        return f"holds {characters.named(character)} at character {position}: {why}; delete it"

    return Rule(code, column, Passes(lambda c: ~kernels.search(c, pattern), together=True), _per_cell(message))


def _control(resource: Resource, field: dict) -> Rule:
    name = field["name"]
    lines = "" if name in characters.LINE_BREAK_COLUMNS else f" ({name} is one line: no tab or line break)"
    return _character_rule(
        "control-character",
        characters.control_pattern(name),
        name,
        f"a control character is invisible, breaks the chart renderer and can drive a terminal{lines}",
    )


def _bidi(resource: Resource, field: dict) -> Rule:
    return _character_rule(
        "bidi-control",
        characters.BIDI,
        field["name"],
        "an invisible character that reorders the text around it, so that the cell reads otherwise than it is written",
    )


def _link(resource: Resource, field: dict) -> Rule:
    """A web address that reads as one site and leads to another, or that imitates a
    site's name (``links``). A cell that is no web address at all is the type's to report."""
    name = field["name"]
    of_type = _reads_as_its_type(field)

    def deceptive(frame: pl.LazyFrame) -> pl.LazyFrame:
        # The few addresses the patterns doubt are asked of links.problem one by one.
        column = pl.col(name)
        doubtful = (~kernels.fullmatch(column, links.STRICT) | kernels.search(column, links.PUNYCODE)) & of_type(column)
        asked = frame.with_row_index("row").filter(doubtful.fill_null(False)).select("row", name).collect()
        wrong = [row for row, url in asked.iter_rows() if links.problem(url) is not None]
        return frame.select(pl.int_range(pl.len(), dtype=pl.UInt32).is_in(pl.Series(wrong, dtype=pl.UInt32).implode()))

    return Rule("link", name, Fails(deceptive), _per_cell(lambda v: f"the address {links.problem(v)}"))


def _enum(resource: Resource, field: dict) -> Rule:
    allowed = [str(v) for v in field["constraints"]["enum"]]
    return Rule(
        "enum",
        field["name"],
        Builtin("isin", (allowed,)),
        _per_cell(lambda v: cells.not_allowed(v, allowed)),
    )


def _pattern(resource: Resource, field: dict) -> Rule:
    name, kind, pattern = field["name"], field.get("type", "string"), field["constraints"]["pattern"]
    if is_partial_date(field):

        def wrong_form(v: str) -> str:
            return f"{v!r} is not a date written YYYY-MM-DD, YYYY-MM or YYYY{hint(v, 'date')}"

    else:

        def wrong_form(v: str) -> str:
            return f"{v!r} is not in the form {name} needs (pattern {pattern}){hint(v, kind)}"

    of_type = _reads_as_its_type(field)

    # A cell that is not of its type at all is reported once, as such.
    def in_form(column: pl.Expr) -> pl.Expr:
        matched = kernels.fullmatch(column, pattern)
        return matched | ~of_type(column) if _typed(field) else matched

    return Rule("pattern", name, Passes(in_form), _per_cell(wrong_form))


def _bound(code: str, compare) -> Callable[[Resource, dict], Rule]:
    def make(resource: Resource, field: dict) -> Rule:
        limit = field["constraints"][code]

        def within(column: pl.Expr) -> pl.Expr:
            numbers = typed(field, column)
            return numbers.is_null() | compare(numbers, limit)

        return Rule(code, field["name"], Passes(within), _per_cell(lambda v: cells.out_of_bounds(v, code, limit)))

    return make


def _length(code: str, bound: str) -> Callable[[Resource, dict], Rule]:
    def make(resource: Resource, field: dict) -> Rule:
        limit = field["constraints"][code]
        return Rule(
            code.lower().replace("length", "-length"),
            field["name"],
            Builtin("str_length", (), ((bound, limit),)),
            cells.wrong_length(code, limit),
        )

    return make


def _unique(resource: Resource, field: dict) -> Rule:
    return unique_rule([field["name"]], "unique")


# Each constraint a field can state: when it applies, and the rule it makes.
CONSTRAINTS: list[tuple[Callable[[Resource, dict], bool], Callable[[Resource, dict], Rule]]] = [
    (lambda r, f: f.get("constraints", {}).get("required", False), _required),
    (lambda r, f: _typed(f), _type),
    (lambda r, f: is_partial_date(f), _partial_date),
    (lambda r, f: f.get("type", "string") == "string", _formula),
    (lambda r, f: f.get("type", "string") == "string", _control),
    (lambda r, f: f.get("type", "string") == "string", _bidi),
    (lambda r, f: f.get("format") == "uri", _link),
    (lambda r, f: "enum" in f.get("constraints", {}), _enum),
    (lambda r, f: "pattern" in f.get("constraints", {}), _pattern),
    (
        lambda r, f: "minimum" in f.get("constraints", {}) and f.get("type") in ("integer", "number"),
        _bound("minimum", operator.ge),
    ),
    (
        lambda r, f: "maximum" in f.get("constraints", {}) and f.get("type") in ("integer", "number"),
        _bound("maximum", operator.le),
    ),
    (lambda r, f: "minLength" in f.get("constraints", {}), _length("minLength", "min_value")),
    (lambda r, f: "maxLength" in f.get("constraints", {}), _length("maxLength", "max_value")),
    (lambda r, f: f.get("constraints", {}).get("unique", False) and r.primary_key != [f["name"]], _unique),
]


def field_rules(resource: Resource) -> list[Rule]:
    """The rules the schema of ``resource`` states, field by field, in the schema's order."""
    return [
        make(resource, field) for field in resource.fields for applies, make in CONSTRAINTS if applies(resource, field)
    ]


def unique_rule(key: list[str], code: str) -> Rule:
    """No two rows share a value of ``key`` (rows missing any part of it aside); the
    message names the line where the value is first used."""
    label = " + ".join(key)
    value = pl.col(key[0]) if len(key) == 1 else pl.struct(key)
    present = pl.all_horizontal(pl.col(name).is_not_null() for name in key)

    def explain(failing: Failing) -> list[str]:
        # The first row of each key that comes again: only those keys are looked for.
        again = failing.rows.select(key).unique()
        firsts = (
            failing.frame.select(key)
            .with_row_index("first")
            .join(again, on=key, how="semi")
            .group_by(key)
            .agg(pl.col("first").min())
        )
        found = failing.rows.select(key).join(firsts, on=key, how="left", maintain_order="left")
        first_lines = failing.all_lines.gather(found["first"]).to_list()
        return [
            f"{label} {', '.join(map(repr, row))} is used twice: it is first used on line {line}"
            for row, line in zip(failing.rows.select(key).iter_rows(), first_lines)
        ]

    return Rule(code, key[0], Fails(~value.is_first_distinct() & present), explain, reads=tuple(key[1:]))
