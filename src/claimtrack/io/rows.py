"""Rows of the package's CSV files as plain dicts of text, without pandas.

For the quick commands that need a few rows (``cite``) and for what publishing writes
as it was written: the files are read with the csv module, as written, with no
validation. Commands that need whole tables load them validated through
``claimtrack.load()``.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

from claimtrack.model.package import Package, Resource


def iter_rows(package: Package, resource: str) -> Iterator[dict[str, str]]:
    path = Path(package.root) / package.resource(resource).path
    with path.open(encoding="utf-8-sig", newline="") as handle:
        yield from csv.DictReader(handle)


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
_TYPE_SHAPES = {"integer": r"-?[0-9]+", "number": r"-?[0-9]+(\.[0-9]+)?", "date": r"[0-9]{4}-[0-9]{2}-[0-9]{2}"}


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
        constraints = spec.get("constraints", {})
        if value in resource.missing_values:
            if constraints.get("required"):
                return False
            continue
        shape = _TYPE_SHAPES.get(spec.get("type", "string"))
        if shape and not re.fullmatch(shape, value):
            return False
        if "enum" in constraints and value not in [str(word) for word in constraints["enum"]]:
            return False
        if "pattern" in constraints and not re.fullmatch(constraints["pattern"], value):
            return False
    return True
