"""The package's charts: each a view the package declares, drawn by the module of its kind.

``views(tables)`` are the charts of the package in ``tables``: the views its
datapackage.json declares, else one per topic (model/views.py). Each kind of chart
is a module exposing ``chart(tables, view)``, which returns the finished Altair
chart, styled by the house theme.
"""

from __future__ import annotations

import importlib

from claimtrack.model.views import KINDS, View, views_of

# The module that draws each kind of chart.
MODULES = {kind: f"claimtrack.charts.{kind}" for kind in KINDS}


def kind_module(kind: str):
    if kind not in MODULES:
        raise KeyError(f"no kind of chart named {kind!r}; the kinds are {', '.join(MODULES)}")
    return importlib.import_module(MODULES[kind])


def views(tables) -> list[View]:
    """The charts of the package, in the order they are built and shown."""
    from claimtrack.tables.views import measure_infos

    package = tables.package
    return views_of(package.views, package.topics, measure_infos(tables))


def chart(tables, view: View):
    """The finished chart of one view."""
    return kind_module(view.kind).chart(tables, view)
