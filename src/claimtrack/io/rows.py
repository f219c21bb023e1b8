"""Rows of the package's CSV files as plain dicts of text, without pandas.

For the quick commands that need a few rows (``cite``) and for what publishing writes
as it was written: the files are read with the csv module, as written, with no
validation. Commands that need whole tables load them validated through
``claimtrack.load()``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from claimtrack.model.package import Package


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
