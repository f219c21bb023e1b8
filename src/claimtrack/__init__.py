"""claimtrack: disputed figures kept as curated CSVs, checked, charted and published.

The heavy libraries (pandas, pandera, altair, frictionless) are imported only
where they are used, so that ``import claimtrack`` and the command line start fast.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["ValidationError", "Problem", "load", "validate", "__version__"]


def __getattr__(name: str):
    if name == "load":
        from claimtrack.validation.loading import load

        return load
    if name == "validate":
        from claimtrack.validation.run import validate

        return validate
    if name in ("ValidationError", "Problem"):
        from claimtrack.model import problems

        return getattr(problems, name)
    raise AttributeError(f"module 'claimtrack' has no attribute {name!r}")
