"""Validation of a package: descriptor, files, headers, the Table Schemas' field and key
rules, the rules across fields and tables, and quotes against archived texts.

``validate`` returns a Report listing every problem; ``load`` returns the typed tables
of a valid package, or raises ValidationError.
"""

from __future__ import annotations

from claimtrack.tables import Tables
from claimtrack.validation.loading import load
from claimtrack.validation.run import Report, validate

__all__ = ["Report", "Tables", "load", "validate"]
