"""What a package declares about its story beside its tables: its topics and its charts.

Both live in datapackage.json, so that a desk starts a new story without code:

``topics`` lists the story threads a measure can belong to, each with a name and, if
wanted, a title and a description::

    "topics": [{"name": "case count", "title": "Cases reported"}]

``views`` lists the charts, after the Data Package "views" pattern: a name (the file
stem under charts/), a title, and a ``spec`` saying which kind of chart it is and what
it draws::

    "views": [{"name": "cases", "title": "Cases, by who counted them",
               "specType": "claimtrack", "resources": ["claims"],
               "spec": {"kind": "estimates", "measures": ["cases-total"],
                        "subtitle": "Every case reported since the outbreak began.",
                        "axis": "Cases",
                        "annotations": [{"date": "2024-05-02", "label": "Our report"}]}}]

A package with no views gets one chart per topic, of the kind its measures call for.
Nothing here reads the tables: whether the measures a view names exist is checked
when the package is validated.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from claimtrack.model import paths
from claimtrack.model.problems import Problem

# The kinds of chart a view can be, and the kinds of measure each draws.
ESTIMATES = "estimates"  # competing figures of one measure, each at the date it was given
PANELS = "panels"  # one small chart per measure, each on its own scale
TIMELINE = "timeline"  # each proposed date or range beside the day it was proposed
KINDS = {
    ESTIMATES: ("count", "duration"),
    PANELS: ("count", "duration"),
    TIMELINE: ("date",),
}
KIND_MEANINGS = {
    ESTIMATES: "competing figures of one measure over time, bounds drawn by qualifier, each claimant's latest labelled",
    PANELS: "one small chart per measure of a topic, each on its own scale",
    TIMELINE: "each proposed date or range beside the day it was proposed, coloured by what became of it",
}
# The spec type views of this tool carry; a view of another type is left to other tools.
SPEC_TYPE = "claimtrack"
# What the spec of a view may hold, beside its kind.
SPEC_KEYS = {"kind", "measures", "topic", "subtitle", "axis", "annotations", "realised", "note"}
# A chart's name is its file stem: lower case letters, digits, hyphens and underscores.
NAME = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")


@dataclass(frozen=True)
class Topic:
    name: str
    title: str = ""
    description: str = ""

    @property
    def heading(self) -> str:
        """The title, else the name with a capital: "Case count"."""
        return self.title or self.name[:1].upper() + self.name[1:]


@dataclass(frozen=True)
class Annotation:
    """A day a chart marks with a rule and a label: the day of the story it goes with."""

    date: str  # YYYY-MM-DD
    label: str


@dataclass(frozen=True)
class View:
    name: str
    kind: str
    title: str
    subtitle: str = ""
    measures: tuple[str, ...] = ()  # drawn in this order; empty: the topic's
    topic: str = ""
    axis: str = ""  # the title of the axis of figures; empty: the measure's unit
    annotations: tuple[Annotation, ...] = ()
    realised: str = ""  # the word a timeline puts before the date that came about ("Opened")
    note: str = ""  # a sentence under the chart
    declared: bool = True  # False for a chart made for a topic of a package with no views
    position: int = 0  # where the view is in the descriptor's list, for messages

    @property
    def where(self) -> str:
        return f"views[{self.position}]" if self.declared else f"the default chart for the topic {self.topic!r}"


def _problem(message: str, value: object = None, code: str = "views") -> Problem:
    shown = None if value is None else str(value)[:200]
    return Problem(paths.DESCRIPTOR, None, None, shown, message, code)


def _text(raw: dict, key: str, where: str, problems: list[Problem], required: bool = False, code: str = "views") -> str:
    value = raw.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str) or (required and not value.strip()):
        problems.append(_problem(f"{where}: {key} must be {'non-empty ' if required else ''}text", value, code))
        return ""
    return value.strip()


def read_topics(descriptor: dict, problems: list[Problem]) -> list[Topic]:
    raw = descriptor.get("topics", [])
    if not isinstance(raw, list):
        problems.append(_problem("topics must be a list of topics, each with a name", code="topics"))
        return []
    topics: list[Topic] = []
    for position, item in enumerate(raw):
        where = f"topics[{position}]"
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, dict):
            problems.append(_problem(f"{where} must be an object with a name", item, "topics"))
            continue
        name = _text(item, "name", where, problems, required=True, code="topics")
        if not name:
            continue
        if any(t.name == name for t in topics):
            problems.append(_problem(f"{where}: the topic {name!r} is declared twice", name, "topics"))
            continue
        title, description = (_text(item, key, where, problems, code="topics") for key in ("title", "description"))
        topics.append(Topic(name, title, description))
    return topics


def _annotations(raw: object, where: str, problems: list[Problem]) -> tuple[Annotation, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        problems.append(_problem(f"{where}.annotations must be a list of {{date, label}}"))
        return ()
    found = []
    for number, item in enumerate(raw):
        here = f"{where}.annotations[{number}]"
        if not isinstance(item, dict):
            problems.append(_problem(f"{here} must be an object with a date and a label", item))
            continue
        date = _text(item, "date", here, problems, required=True)
        label = _text(item, "label", here, problems, required=True)
        try:
            dt.date.fromisoformat(date)
        except ValueError:
            if date:
                problems.append(_problem(f"{here}: the date must be a day as YYYY-MM-DD", date))
            continue
        if label:
            found.append(Annotation(date, label))
    return tuple(found)


def read_views(descriptor: dict, topics: list[Topic], problems: list[Problem]) -> list[View]:
    """The views of this tool's spec type, checked for shape; other views are left alone."""
    raw = descriptor.get("views", [])
    if not isinstance(raw, list):
        problems.append(_problem("views must be a list of charts"))
        return []
    views: list[View] = []
    topic_names = {t.name for t in topics}
    for position, item in enumerate(raw):
        where = f"views[{position}]"
        if not isinstance(item, dict):
            problems.append(_problem(f"{where} must be an object", item))
            continue
        if item.get("specType", SPEC_TYPE) != SPEC_TYPE:
            continue
        count = len(problems)
        name = _text(item, "name", where, problems, required=True)
        if name and not NAME.fullmatch(name):
            problems.append(
                _problem(f"{where}: the name must be lower case letters, digits, '-' and '_' (it names files)", name)
            )
        if name and any(v.name == name for v in views):
            problems.append(_problem(f"{where}: the name {name!r} is used by two views", name))
        title = _text(item, "title", where, problems, required=True)
        spec = item.get("spec")
        if not isinstance(spec, dict):
            problems.append(_problem(f"{where}.spec must be an object with a kind: {', '.join(KINDS)}"))
            continue
        unknown = sorted(set(spec) - SPEC_KEYS)
        if unknown:
            problems.append(
                _problem(f"{where}.spec: {', '.join(unknown)} not known; a spec holds {', '.join(sorted(SPEC_KEYS))}")
            )
        kind = spec.get("kind")
        if kind not in KINDS:
            problems.append(_problem(f"{where}.spec.kind must be one of {', '.join(KINDS)}", kind))
        measures = spec.get("measures", [])
        if not isinstance(measures, list) or not all(isinstance(m, str) and m for m in measures):
            problems.append(_problem(f"{where}.spec.measures must be a list of measure ids", measures))
            measures = []
        topic = _text(spec, "topic", f"{where}.spec", problems)
        if topic and topic not in topic_names:
            problems.append(_problem(f"{where}.spec.topic {topic!r} is not one of the package's topics", topic))
        if not measures and not topic:
            problems.append(_problem(f"{where}.spec names no measures and no topic: say what the chart draws"))
        annotations = _annotations(spec.get("annotations"), f"{where}.spec", problems)
        texts = {key: _text(spec, key, f"{where}.spec", problems) for key in ("subtitle", "axis", "realised", "note")}
        if len(problems) > count:
            continue
        views.append(
            View(
                name=name,
                kind=kind,
                title=title,
                measures=tuple(measures),
                topic=topic,
                annotations=annotations,
                position=position,
                **texts,
            )
        )
    return views


def default_view(topic: Topic, kind: str) -> View:
    """The chart a package with no views gets for a topic."""
    name = re.sub(r"[^a-z0-9]+", "-", topic.name.lower()).strip("-") or "topic"
    return View(name=name, kind=kind, title=topic.heading, subtitle=topic.description, topic=topic.name, declared=False)


@dataclass(frozen=True)
class MeasureInfo:
    """What choosing a chart needs to know of a measure."""

    measure_id: str
    topic: str
    kind: str
    unit: str = ""


def drawn(view: View, measures: list[MeasureInfo]) -> list[MeasureInfo]:
    """The measures a view draws, in its order: those it names, else its topic's
    measures of the kinds the chart draws, in the table's order."""
    if view.measures:
        by_id = {m.measure_id: m for m in measures}
        return [by_id[m] for m in view.measures if m in by_id]
    return [m for m in measures if m.topic == view.topic and m.kind in KINDS[view.kind]]


def chart_kind_for(measures: list[MeasureInfo]) -> str:
    """The kind of chart a topic's measures call for: a timeline for dates, else one
    chart of estimates for one measure and panels for several."""
    dates = sum(m.kind in KINDS[TIMELINE] for m in measures)
    numbers = len(measures) - dates
    if dates > numbers:
        return TIMELINE
    return ESTIMATES if numbers == 1 else PANELS


def default_views(topics: list[Topic], measures: list[MeasureInfo]) -> list[View]:
    """One chart per topic that has measures, for a package that declares no views."""
    views: list[View] = []
    for topic in topics:
        own = [m for m in measures if m.topic == topic.name]
        if not own:
            continue
        view = default_view(topic, chart_kind_for(own))
        taken = {v.name for v in views}
        name, number = view.name, 2
        while name in taken:
            name, number = f"{view.name}-{number}", number + 1
        views.append(View(**{**view.__dict__, "name": name}))
    return views


def views_of(declared: list[View], topics: list[Topic], measures: list[MeasureInfo]) -> list[View]:
    """The charts of a package: the views it declares, else one per topic."""
    return declared or default_views(topics, measures)
