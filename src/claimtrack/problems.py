"""A problem found in the package, and how problems are shown to people and machines."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Iterable


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

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column {self.column}")
        if self.value is not None:
            where.append(f"value {_shown(self.value)}")
        return f"{', '.join(where)}: {self.message} [{self.rule}]"

    def to_dict(self) -> dict:
        return asdict(self)


def _shown(value: str, limit: int = 80) -> str:
    text = value if len(value) <= limit else value[: limit - 1] + "…"
    return json.dumps(text, ensure_ascii=False)


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
