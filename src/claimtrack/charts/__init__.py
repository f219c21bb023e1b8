"""The package's charts: one module per chart, each exposing ``chart(tables)``.

Every module has a ``NAME`` (the file stem under charts/) and ``chart(tables)``,
which returns the finished Altair chart, styled by the house theme.
"""

from __future__ import annotations

import importlib

# The chart modules, in the order they are built and listed.
CHARTS = ("death_tolls", "conference_dates", "foreign_fighters")


def chart_module(name: str):
    if name not in CHARTS:
        raise KeyError(f"no chart named {name!r}; the charts are {', '.join(CHARTS)}")
    return importlib.import_module(f"claimtrack.charts.{name}")
