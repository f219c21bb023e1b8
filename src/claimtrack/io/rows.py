"""Rows of the package's CSV files as plain dicts of text, without pandas.

For the quick commands that need a few rows (``cite``): the files are read with
the csv module, as written, with no validation. Commands that need whole tables
load them validated through ``claimtrack.load()``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from claimtrack.model.package import Package

# The rows a claim points to: name -> (table, the claims column holding its id).
RELATED = {
    "source": ("sources", "source_id"),
    "claimant": ("claimants", "claimant_id"),
    "via": ("claimants", "via_id"),
    "measure": ("measures", "measure_id"),
}


def iter_rows(package: Package, resource: str) -> Iterator[dict[str, str]]:
    path = Path(package.root) / package.resource(resource).path
    with path.open(encoding="utf-8-sig", newline="") as handle:
        yield from csv.DictReader(handle)


def find(package: Package, resource: str, value: str) -> dict[str, str] | None:
    """The first row whose primary key is ``value``."""
    key = package.resource(resource).primary_key[0]
    return next((row for row in iter_rows(package, resource) if row.get(key) == value), None)
