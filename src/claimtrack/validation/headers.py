"""The header of a CSV file: the schema's fields, each once, in order, with nothing hidden."""

from __future__ import annotations

import difflib
import unicodedata

from claimtrack.io.csvfile import RawTable
from claimtrack.model.package import Resource
from claimtrack.model.problems import Problem

_INVISIBLE = {"Cf", "Zs", "Cc"}


def _visible(name: str) -> str:
    return "".join(ch for ch in name if unicodedata.category(ch) not in _INVISIBLE or ch == " ").strip()


def header_problems_of(resource: Resource, table: RawTable) -> list[Problem]:
    """The header must name the schema's fields, each once, in the schema's order (a
    header in another separator is found as the file is read, by ``csvfile.read_raw``)."""
    expected = resource.field_names
    found = table.header
    file = resource.path
    problems: list[Problem] = []

    def problem(column: str | None, value: str | None, message: str) -> None:
        problems.append(Problem(file, 1, column, value, message, "header"))

    for position, name in enumerate(found, start=1):
        if name.strip() == "":
            problem(None, name, f"header column {position} is blank; it should be {_expected_at(expected, position)}")
        elif _visible(name) != name:
            hidden = (
                ", ".join(f"U+{ord(ch):04X}" for ch in name if unicodedata.category(ch) in _INVISIBLE and ch != " ")
                or "spaces at either end"
            )
            problem(
                name,
                name,
                f"header column {position} has invisible characters ({hidden}); retype it as {_visible(name)!r}",
            )
    seen: dict[str, int] = {}
    for position, name in enumerate(found, start=1):
        if name in seen and name.strip():
            problem(name, name, f"{name!r} appears twice in the header, as columns {seen[name]} and {position}")
        seen.setdefault(name, position)
    clean = {_visible(n) for n in found}
    for name in expected:
        if name not in found and name not in clean:
            close = difflib.get_close_matches(name, [n for n in found if n not in expected], n=1)
            hint = f"; is {close[0]!r} a misspelling of it?" if close else ""
            problem(name, None, f"the header lacks the column {name!r}{hint}")
    for name in found:
        if name.strip() and name not in expected and _visible(name) not in expected:
            close = difflib.get_close_matches(name, expected, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problem(name, name, f"the header has a column {name!r} that the schema does not define{hint}")
    if not problems and found != expected:
        problem(None, None, "the columns are not in the schema's order; it is: " + ", ".join(expected))
    return problems


def _expected_at(expected: list[str], position: int) -> str:
    return repr(expected[position - 1]) if position <= len(expected) else "removed"
