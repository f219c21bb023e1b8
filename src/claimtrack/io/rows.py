"""Rows of the package's CSV files as plain dicts, without pandas.

For the quick commands that need a few rows (``cite``) and for what publishing writes
as it was written: the files are read with the csv module, as written, with no
validation. ``numbered_rows`` and ``typed`` read whole tables, each row with its line
and its cells typed as the schema says, for the reading commands: those read only the
rows validation vouches for (``claimtrack.tracking.reading``).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from claimtrack.io import textfile
from claimtrack.model.package import Package, Resource


def iter_rows(package: Package, resource: str) -> Iterator[dict[str, str]]:
    path = Path(package.root) / package.resource(resource).path
    with path.open(encoding="utf-8-sig", newline="") as handle:
        yield from textfile.csv_dict_reader(handle)


def numbered_rows(package: Package, resource: str) -> Iterator[tuple[int, dict[str, str]]]:
    """Each row of the resource's file as written, keyed by its header, with the line it
    starts on (see ``numbered``)."""
    yield from numbered((Path(package.root) / package.resource(resource).path).read_bytes())


def numbered(data: bytes) -> Iterator[tuple[int, dict[str, str]]]:
    """Each row of a CSV file's bytes, keyed by its header, with the line it starts on
    (the header is line 1), as validation's exact reader counts lines. A blank row and a
    row of more or fewer cells than the header are passed over: validation reports them,
    and reads no cell of them either. csv.Error and UnicodeDecodeError where the file is
    not CSV, or not UTF-8, as validation would say."""
    reader = textfile.csv_reader(io.StringIO(data.decode("utf-8-sig"), newline=""), strict=True)
    header = next(reader, None)
    if header is None:
        return
    previous = reader.line_num
    for row in reader:
        start, previous = previous + 1, reader.line_num
        blank = textfile.blank_line(row, len(header)) or not any(row)  # a row of empty cells is blank too
        if len(row) == len(header) and not blank:
            yield start, dict(zip(header, row))


# The cells each type reads, as validation takes them; a cell of another shape reads as
# missing, as validation's typed tables have it (its row is then at fault).
_INTEGER = re.compile(r"[+-]?[0-9]{1,18}")
_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?|NaN|INF|-INF")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TRUE = ("true", "True", "TRUE", "1")
_FALSE = ("false", "False", "FALSE", "0")


def _integer(text: str) -> int | None:
    return int(text) if _INTEGER.fullmatch(text) else None


def _number(text: str) -> float | None:
    if not _NUMBER.fullmatch(text):
        return None
    value = float(text)
    return None if value != value else value  # NaN is no number a reader is given


def day(text: str | None) -> dt.date | None:
    """The day YYYY-MM-DD text names; None for anything else, or a day the calendar lacks."""
    if text is None or not _DAY.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _day(text: str) -> str | None:
    found = day(text)
    return None if found is None else found.isoformat()


def _reader(spec: dict) -> Callable[[str], object]:
    """How a cell of the column ``spec`` is read, by its type."""
    kind = spec.get("type", "string")
    if kind == "integer":
        return _integer
    if kind == "number":
        return _number
    if kind == "date":
        return _day
    if kind == "boolean":
        truth = {v: True for v in spec.get("trueValues", _TRUE)} | {v: False for v in spec.get("falseValues", _FALSE)}
        return truth.get
    return str


def typed(resource: Resource) -> Callable[[dict[str, str]], dict]:
    """What turns a row of ``resource`` as written into its cells as JSON has them, the
    schema's columns in its order: None for a missing value, int for a whole number,
    float for a number, True or False, YYYY-MM-DD text for a date, else the text
    (partial dates stay as written). The values ``claimtrack.load()``'s typed tables
    give as plain Python."""
    missing = set(resource.missing_values)
    readers = [(spec["name"], _reader(spec)) for spec in resource.fields]

    def row_of(cells: dict[str, str]) -> dict:
        return {name: None if cells[name] in missing else read(cells[name]) for name, read in readers}

    return row_of


class MissingRow(LookupError):
    """A row, or a row another points to, is not in the package."""


class Rows:
    """The package's rows by table and key, each table read once, when first asked for."""

    def __init__(self, package: Package):
        self.package = package
        self._keyed: dict[str, dict[str, dict[str, str]]] = {}

    def keyed(self, resource: str) -> dict[str, dict[str, str]]:
        """The rows of ``resource`` by their key; the first row wins where a key repeats."""
        if resource not in self._keyed:
            key = self.package.resource(resource).key
            found: dict[str, dict[str, str]] = {}
            for row in iter_rows(self.package, resource):
                found.setdefault(row.get(key, ""), row)
            self._keyed[resource] = found
        return self._keyed[resource]

    def find(self, resource: str, key: str) -> dict[str, str] | None:
        return self.keyed(resource).get(key)

    def related(self, resource: str, row: dict[str, str], strict: bool = False) -> dict[str, dict[str, str] | None]:
        """The rows ``row`` points to, by join name ("measure", "via"): None where its
        column is empty, or where the row is not there (with ``strict``, MissingRow)."""
        found = {}
        for join in self.package.resource(resource).joins:
            value = row.get(join.column)
            target = self.find(join.table, value) if value else None
            if strict and value and target is None:
                raise MissingRow(f"{join.column} {value!r}, which is not in {join.table}")
            found[join.name] = target
        return found


# What a cell of each type must look like to be read as that type at all.
_TYPE_SHAPES = {"integer": r"-?[0-9]+", "number": r"-?[0-9]+(\.[0-9]+)?"}


def cell_problem(spec: dict, value: str) -> str | None:
    """What is wrong with ``value`` as a cell of the column ``spec`` on its own (its
    type's shape, its words, its pattern, its bounds), or None: for a prompt to check an
    answer as it is typed, in validation's words (``model.cells``). Rules across columns
    and tables are left to validation."""
    from claimtrack.model import cells

    constraints = spec.get("constraints", {})
    kind = spec.get("type", "string")
    shape = _TYPE_SHAPES.get(kind)
    if shape and not re.fullmatch(shape, value) or kind == "date" and day(value) is None:
        return cells.not_of_type(value, kind)
    words = [str(word) for word in constraints.get("enum", [])]
    if words and value not in words:
        return cells.not_allowed(value, words)
    if kind == "string":
        from claimtrack.model import characters, links

        for pattern in (characters.control_pattern(spec["name"]), characters.BIDI):
            if re.search(pattern, value):
                return f"holds {characters.named(characters.first(pattern, value)[1])}, which the column does not take"
        if spec.get("format") == "uri" and links.problem(value):
            return f"the address {links.problem(value)}"
    pattern = constraints.get("pattern")
    if pattern and not re.fullmatch(pattern, value):
        wanted = re.split(r"(?<!e\.g)(?<!i\.e)\.\s", spec.get("description") or pattern)[0]
        return f"{value!r} is not written as the column wants it ({wanted})"
    for bound, past in (("minimum", float.__lt__), ("maximum", float.__gt__)):
        if shape and bound in constraints and past(float(value), float(constraints[bound])):
            return cells.out_of_bounds(value, bound, constraints[bound])
    if "minLength" in constraints and len(value) < int(constraints["minLength"]):
        return cells.wrong_length("minLength", constraints["minLength"])
    if "maxLength" in constraints and len(value) > int(constraints["maxLength"]):
        return cells.wrong_length("maxLength", constraints["maxLength"])
    return None


def looks_valid(resource: Resource, row: dict) -> bool:
    """Whether ``row`` has each of the schema's columns, none left over, and each cell
    given where required, of its type's shape, one of its words and in its pattern. Quick,
    for a command that reads a few rows as written; only validation says what is wrong."""
    if None in row:  # cells beyond the header, as csv.DictReader keeps them
        return False
    for spec in resource.fields:
        value = row.get(spec["name"])
        if value is None:
            return False
        if value in resource.missing_values:
            if spec.get("constraints", {}).get("required"):
                return False
            continue
        if cell_problem(spec, value) is not None:
            return False
    return True
