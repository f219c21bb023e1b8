"""Validation of a package: descriptor, files, headers, the Table Schemas' field and key
rules, the rules across fields and tables, and quotes against archived texts.

``validate`` returns a Report listing every problem; ``load`` returns the typed tables
of a valid package, or raises ValidationError; ``schema_for`` gives the pandera schemas
a table is checked with. Each is imported when first asked for: the command line reads
this package's small modules without importing polars.
"""

from __future__ import annotations

__all__ = ["Report", "Tables", "load", "schema_for", "validate"]


def __getattr__(name: str):
    if name == "load":
        from claimtrack.validation.loading import load

        return load
    if name in ("Report", "validate", "schema_for"):
        from claimtrack.validation import run

        return getattr(run, name)
    if name == "Tables":
        from claimtrack.tables import Tables

        return Tables
    raise AttributeError(f"module 'claimtrack.validation' has no attribute {name!r}")
