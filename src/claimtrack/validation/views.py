"""Whether each chart the descriptor declares can be drawn from the package's measures.

The shape of a view is checked when the descriptor is read; what it draws needs the
measures table: each measure it names exists and is of a kind its chart draws.
"""

from __future__ import annotations

import polars as pl

from claimtrack.model import paths
from claimtrack.model.package import Package
from claimtrack.model.problems import Problem
from claimtrack.model.views import ESTIMATES, KINDS, MeasureInfo, View, drawn


def _problem(view: View, message: str, value: str | None = None) -> Problem:
    return Problem(paths.DESCRIPTOR, None, None, value, f"{view.where} ({view.name}): {message}", "views")


def _kinds(kind: str) -> str:
    return " or ".join(KINDS[kind])


def _measure_infos(measures, views: list[View]) -> list[MeasureInfo]:
    """The id, topic, kind and unit of each measure a view names or may draw (one of its
    topic's), in the table's order (a polars frame): the others are not looked at."""
    named = [name for view in views for name in view.measures]
    topics = [view.topic for view in views if view.topic]
    drawn = measures.filter(pl.col("measure_id").is_in(named) | pl.col("topic").is_in(topics))
    columns = drawn.select("measure_id", "topic", "kind", "unit").fill_null("")
    return [MeasureInfo(*row) for row in columns.iter_rows()]


def view_problems(package: Package, tables) -> list[Problem]:
    """The problems of the descriptor's views, given the typed tables (polars frames)."""
    if "measures" not in tables or not package.views:
        return []
    measures = _measure_infos(tables["measures"], package.views)
    by_id = {m.measure_id: m for m in measures}
    problems = []
    for view in package.views:
        for name in view.measures:
            measure = by_id.get(name)
            if measure is None:
                problems.append(
                    _problem(view, f"there is no measure {name!r} in {package.resource('measures').path}", name)
                )
            elif measure.kind not in KINDS[view.kind]:
                # A kind the schema does not know is its own cell's problem, reported there.
                fits = next((k for k, kinds in KINDS.items() if measure.kind in kinds), None)
                if fits is None:
                    continue
                problems.append(
                    _problem(
                        view,
                        f"{name} is a {measure.kind} measure; a {view.kind} chart draws {_kinds(view.kind)} measures "
                        f"(a {fits} chart draws it)",
                        name,
                    )
                )
        shown = drawn(view, measures)
        if not view.measures and not shown:
            problems.append(_problem(view, f"the topic {view.topic!r} has no {_kinds(view.kind)} measures to draw"))
        if view.kind == ESTIMATES and not view.measures and len(shown) > 1:
            problems.append(
                _problem(
                    view,
                    f"the topic {view.topic!r} has {len(shown)} measures; an estimates chart sets figures of one "
                    "measure side by side: name the ones to draw under measures, or make it a panels chart",
                )
            )
        units = sorted({m.unit for m in shown})
        if view.kind == ESTIMATES and len(units) > 1:
            problems.append(
                _problem(view, f"its measures count in different units ({', '.join(units)}) and share one axis")
            )
    return problems
