"""A problem found in the package, and how problems are shown to people and machines."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any, Callable, Iterable


@dataclass(frozen=True)
class ProblemKind:
    """A kind of problem: its stable code, the group of checks it belongs to, and what it
    requires, in the words the README lists it with."""

    code: str
    group: str
    requires: str


# Every rule a problem can be reported under, once: the README's list of what is
# checked is generated from this, and a problem with any other code is a bug.
CATALOGUE = (
    ProblemKind("json", "descriptor", "datapackage.json and every schema are valid JSON objects"),
    ProblemKind(
        "descriptor",
        "descriptor",
        "the descriptor lists its resources, each with a unique name, among them the tables claimtrack reads by name (sources, claimants, measures, claims, appearances; the corrections log is optional), and follows the Data Package profile",
    ),
    ProblemKind(
        "path",
        "descriptor",
        "resource and schema paths are relative paths inside the package folder: URLs, absolute paths and `../` are refused, never fetched",
    ),
    ProblemKind(
        "schema",
        "descriptor",
        "every schema lists its fields, each with a unique name and a type claimtrack reads, and follows the Table Schema profile: a primary key of its own fields, lists where lists are due, constraints as an object, lengths as whole numbers, bounds of the field's type, patterns that compile, foreign keys to resources the package has",
    ),
    ProblemKind(
        "topics",
        "descriptor",
        "the descriptor's `topics` list each story thread once, by a name, with a title if wanted",
    ),
    ProblemKind(
        "views",
        "descriptor",
        "each chart the descriptor declares under `views` has a unique name, a title and a known kind, and draws measures of the package of the kind it charts",
    ),
    ProblemKind("missing-file", "file", "every file the descriptor names exists"),
    ProblemKind("io", "file", "every file can be read"),
    ProblemKind(
        "encoding",
        "file",
        "files are UTF-8 (a byte-order mark is accepted); the byte that is not is named with its offset and line, and a file saved as UTF-16 is told as such",
    ),
    ProblemKind("empty-file", "file", "a CSV file has at least its header line"),
    ProblemKind("nul-byte", "file", "a CSV file holds no NUL bytes, as a binary file saved as .csv does"),
    ProblemKind(
        "csv-syntax",
        "file",
        "every quote that opens a cell closes it, and no quote stands beside other text in a cell; reported on the line where the row starts",
    ),
    ProblemKind("row-length", "file", "every row has as many cells as the header, never padded or cut"),
    ProblemKind("blank-row", "file", "no row is blank"),
    ProblemKind(
        "header",
        "file",
        "the header names each field of the schema once, in order, with no invisible characters, on line 1, separated by commas",
    ),
    ProblemKind("merge-conflict", "file", "no git merge conflict markers are left in the file"),
    ProblemKind("undeclared-file", "file", "every CSV under data/ is declared in datapackage.json"),
    ProblemKind("required", "schema", "required cells are not empty"),
    ProblemKind(
        "type",
        "schema",
        "cells hold their field's type: whole numbers in digits, real dates as YYYY-MM-DD, web addresses",
    ),
    ProblemKind("date", "schema", "dates known only to the month or year (YYYY-MM, YYYY) are real dates too"),
    ProblemKind(
        "formula",
        "schema",
        "no text cell begins with =, +, -, @ (or their fullwidth forms ＝ ＋ － ＠), a tab, a carriage return or a line feed, which a spreadsheet would run as a formula, even after spaces, invisible characters or quote marks (numbers such as -12 are numbers, not text)",
    ),
    ProblemKind(
        "control-character",
        "schema",
        "no text cell holds a control character (C0, DEL, C1); a tab or line break only in the columns of prose (`quote`, `note`, `status_note`, `description`, `scope`, and the log's `was` and `became`)",
    ),
    ProblemKind(
        "bidi-control",
        "schema",
        "no text cell holds a bidirectional embedding, override or isolate (U+202A to U+202E, U+2066 to U+2069), which would show it otherwise than it is written",
    ),
    ProblemKind(
        "link",
        "schema",
        "a web address leads where it reads: no user part before `@`, no backslash, no space or control character, and a host of ASCII letters, digits, hyphens and dots (an internationalised or `xn--` host, which can imitate another site's name, is refused)",
    ),
    ProblemKind("enum", "schema", "cells with a fixed vocabulary use one of its words"),
    ProblemKind("pattern", "schema", "identifiers and codes have the form their schema gives"),
    ProblemKind("minimum", "schema", "numbers are not below their minimum"),
    ProblemKind("maximum", "schema", "numbers are not above their maximum"),
    ProblemKind("min-length", "schema", "text is not shorter than its minimum length"),
    ProblemKind("max-length", "schema", "text is not longer than its maximum length"),
    ProblemKind("unique", "schema", "values that must be unique are"),
    ProblemKind("primary-key", "schema", "every row's key is unique"),
    ProblemKind(
        "foreign-key",
        "schema",
        "every reference names a row that exists, including a claim's reference to another claim in `settled_by`",
    ),
    ProblemKind("topic-declared", "rule", "a measure's topic is one of the topics datapackage.json declares"),
    ProblemKind("bounds-order", "rule", "`low` ≤ `value` ≤ `high`"),
    ProblemKind("dates-order", "rule", "`date_from` ≤ `date_to`"),
    ProblemKind("measure-kind", "rule", "count and duration measures carry numbers, date measures carry dates"),
    ProblemKind(
        "qualifier-kind", "rule", "the qualifier fits the measure: `at least` for a count, `between` for a date"
    ),
    ProblemKind(
        "qualifier-bounds",
        "rule",
        "the qualifier agrees with the bounds it has: `at least` has a `low` and no other bound; `on` is one day",
    ),
    ProblemKind("via-relation", "rule", "`via_relation` is given exactly when `via_id` is (in claims and appearances)"),
    ProblemKind("appearance-source", "rule", "an appearance names a source other than the claim's own"),
    ProblemKind("said-on-basis", "rule", "`said_on` is given exactly when `said_on_basis` says the date is known"),
    ProblemKind("as-of-basis", "rule", "`as_of_basis` is given exactly when `as_of` is"),
    ProblemKind(
        "said-before-published",
        "rule",
        "a claim is made no later than its source, or any other source that reported it, was published",
    ),
    ProblemKind("as-of-before-said", "rule", "the date a figure refers to is no later than the claim"),
    ProblemKind(
        "settled-by",
        "rule",
        "a superseded claim names the claim that superseded it; a settling claim is of the same measure and not the claim itself, and one that supersedes or retracts is not earlier; only settled statuses name one; following settled_by never leads round in a circle",
    ),
    ProblemKind("status-kind", "rule", "only a date can be `realised` or `not realised`"),
    ProblemKind(
        "duplicate-claim",
        "rule",
        "a claim is recorded once: no two rows share measure, claimant, source, figure and quote",
    ),
    ProblemKind("figure-in-quote", "rule", "the figure's words appear in the quote"),
    ProblemKind("hedge-in-quote", "rule", "the source's words of uncertainty (`hedge`) appear in the quote"),
    ProblemKind("duplicate-source", "rule", "a document is recorded once: no two sources share a URL"),
    ProblemKind(
        "list-item",
        "rule",
        "the names and words listed in one cell, `aliases` and `keywords`, separated by `|`, are each there once and none is empty; an alias is not the claimant's own name",
    ),
    ProblemKind("ambiguous-alias", "rule", "an alias names one claimant: it is no other claimant's name or alias"),
    ProblemKind(
        "correction-row",
        "rule",
        "each entry of the corrections log names a row of its table that is there, and a column of that table other than its id",
    ),
    ProblemKind(
        "correction-value",
        "rule",
        "each entry of the corrections log changes its cell; its `was` is what the entry before it of the same cell made it, and its `became` is what the data holds now, unless a later entry changes the cell again",
    ),
    ProblemKind("correction-reason", "rule", "a correction in the log gives its reason"),
    ProblemKind(
        "archive-file",
        "archive",
        "with `--archive DIR`: each archived text a source records is in that folder (one missing from the package's own `archive/` is a note, not a problem)",
    ),
    ProblemKind(
        "archive-fingerprint",
        "archive",
        "each archived text's SHA-256 matches its source row (and a source with an archived text records one)",
    ),
    ProblemKind(
        "quote-in-source",
        "archive",
        "every quote is found word for word in its source's archived text, in `archive/` or the folder given with `--archive`; typographic quotes, non-breaking spaces and line breaks aside",
    ),
)
CODES = {check.code for check in CATALOGUE}
# The problems that belong to one row, found where the file could be read: the schemas'
# and the rules' checks, and a row left out of its table for its length. Any other problem
# (the descriptor, a file unreadable, a header) leaves nothing to read around.
ROW_RULES = {kind.code for kind in CATALOGUE if kind.group not in ("descriptor", "file")} | {
    "row-length",
    "blank-row",
}
# Problems that change no table a reader reads.
HARMLESS_RULES = {"undeclared-file"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong, located as precisely as the file allows.

    ``line`` is the line in the file where the offending row starts (the header is
    line 1); ``column`` is the CSV column's name; ``value`` is the cell as written.
    """

    file: str
    line: int | None
    column: str | None
    value: str | None
    message: str
    rule: str

    def __post_init__(self) -> None:
        if self.rule not in CODES:
            raise ValueError(f"problem reported under unknown rule {self.rule!r}: add it to problems.CATALOGUE")

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            from claimtrack.model.characters import revealed

            where.append(f"column {revealed(self.column)}")
        if self.value is not None:
            where.append(f"value {_shown(self.value)}")
        return f"{', '.join(where)}: {self.message} [{self.rule}]"

    def to_dict(self) -> dict:
        return asdict(self)


def _shown(value: str, limit: int = 80) -> str:
    """The cell in quotes, as JSON writes it, with every invisible character an escape."""
    from claimtrack.model.characters import revealed

    text = value if len(value) <= limit else value[: limit - 1] + "…"
    return revealed(json.dumps(text, ensure_ascii=False))


class ValidationError(ValueError):
    """The package has problems; ``problems`` lists every one of them."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__(format_text(self.problems))


def sort_problems(
    problems: Iterable[Problem], file_order: list[str] | None = None, columns: dict[str, list[str]] | None = None
) -> list[Problem]:
    """By file (in ``file_order``), line, then column in the file's own order."""
    order = {name: i for i, name in enumerate(file_order or [])}
    positions = {file: {c: i for i, c in enumerate(names)} for file, names in (columns or {}).items()}

    def key(p: Problem):
        column = positions.get(p.file, {}).get(p.column or "", -1)
        return (order.get(p.file, len(order)), p.file, p.line or 0, column, p.column or "", p.rule)

    return sorted(problems, key=key)


def format_text(problems: list[Problem], limit: int | None = None) -> str:
    """One line per problem; past ``limit``, a count of the rest."""
    shown = problems if limit is None else problems[:limit]
    lines = [str(p) for p in shown]
    rest = len(problems) - len(shown)
    if rest > 0:
        lines.append(f"... and {rest:,} more ({len(problems):,} problems in all; --max-errors shows more)")
    return "\n".join(lines)


def format_json(problems: list[Problem]) -> str:
    return json.dumps([p.to_dict() for p in problems], ensure_ascii=False, indent=2)


def one_rows(problem: Problem, files: set[str]) -> bool:
    """Whether ``problem`` is one row's, in one of ``files``: a reader can leave the row out."""
    return problem.rule in ROW_RULES and problem.line is not None and problem.file in files


def unreadable_around(problems: list[Problem], files: set[str]) -> list[Problem]:
    """The problems no reader can read around by leaving rows of ``files`` out."""
    return [p for p in problems if not one_rows(p, files) and p.rule not in HARMLESS_RULES]


def without_dangling(package, tables: dict[str, Any], drop: Callable) -> dict[str, Any]:
    """Leave out, until none is left, each row whose foreign key names a row that is not
    there (left out, or never read): what a reader follows must lead somewhere.
    ``tables`` holds each table's rows in the reader's own form (plain rows, a polars
    frame); ``drop(rows, column, targets, target_column)`` gives ``rows`` without those
    whose ``column`` names no ``target_column`` of ``targets``, or None when it drops none."""
    changed = True
    while changed:
        changed = False
        for name in tables:
            resource = package.resource(name)
            for key in resource.foreign_keys:
                column = key.fields[0]
                if len(key.fields) != 1 or key.resource not in tables or column not in resource.field_names:
                    continue
                kept = drop(tables[name], column, tables[key.resource], key.keys[0])
                if kept is not None:
                    tables[name], changed = kept, True
    return tables
