"""Synthetic packages for measuring claimtrack at scale, with known errors planted.

``write_package(out, rows=N)`` writes a complete, valid package of N claims, started
as ``claimtrack init`` starts one (the same descriptor and schemas) and given topics
and measures of its own, one topic for each kind of chart: realistic text with commas and quotes, partial
dates, bounds that agree with their qualifiers, foreign keys, claims settled by later
ones, further appearances. With ``error_rate``, that share of claims is broken, one
rule per broken row, cycling through every kind of rule the claims table has, and
``planted.json`` lists each planted problem as (file, line, column, rule): what a
correct validator must report, no more and no less.

Everything is drawn from one seeded random generator, so the same arguments give the
same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from claimtrack.model import paths, qualifiers
from claimtrack.model.corrections import LOG
from claimtrack.model.package import read_package
from claimtrack.starting import Story, files_of

PUBLISHERS = ["The Daily Ledger", "Wire Service One", "Evening Courier", "The Northern Gazette", "Radio Free Example"]
CLAIMANT_KINDS = ["person", "organisation", "government body", "anonymous official", "group of people"]
STATUSES_FOR_COUNTS = ["reported", "reported", "reported", "confirmed"]
START = dt.date(2012, 1, 1)
DAYS = 365 * 3

STORY = Story(
    name="claimtrack-synthetic",
    title="A synthetic package for measuring claimtrack",
    description="Made-up claims about a made-up storm, written by claimtrack's benchmark.",
)
# The topics and measures claims are drawn from: a topic of one count (drawn as
# estimates), a topic of two (panels) and a topic of dates (a timeline).
TOPICS = [
    {"name": "death toll", "title": "Deaths in the storm"},
    {"name": "displaced", "title": "People displaced"},
    {"name": "ceasefire date", "title": "When the truce would start"},
]
MEASURES = [
    {"measure_id": "storm-deaths", "label": "Deaths in the storm", "topic": "death toll", "kind": "count",
     "unit": "people", "scope": "everyone killed by the storm", "sentence": "{figure} people had died in the storm"},
    {"measure_id": "displaced-in-camps", "label": "People in camps", "topic": "displaced", "kind": "count",
     "unit": "people", "scope": "people sheltering in camps", "sentence": "{figure} people were sheltering in camps"},
    {"measure_id": "displaced-abroad", "label": "People who fled abroad", "topic": "displaced", "kind": "count",
     "unit": "people", "scope": "people who crossed a border", "sentence": "{figure} people had fled abroad"},
    {"measure_id": "truce-start", "label": "Start of the truce", "topic": "ceasefire date", "kind": "date",
     "unit": "date", "scope": "the day the truce would begin", "sentence": "the truce would begin {figure}"},
]  # fmt: skip
COUNT_MEASURES = [m["measure_id"] for m in MEASURES if m["kind"] != "date"]
DATE_MEASURES = [m["measure_id"] for m in MEASURES if m["kind"] == "date"]


@dataclass
class Planted:
    file: str
    line: int
    column: str
    rule: str


def _day(offset: int) -> str:
    return (START + dt.timedelta(days=int(offset))).isoformat()


def _write(path: Path, fields: list[str], rows) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(fields)
        writer.writerows(rows)


def _start(out: Path) -> None:
    """The descriptor and schemas of a package started with ``claimtrack init``, with the
    synthetic topics declared."""
    for relative, content in files_of(STORY).items():
        if relative == paths.DESCRIPTOR:
            descriptor = json.loads(content)
            descriptor["topics"] = TOPICS
            content = (json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
        elif not relative.startswith(paths.SCHEMAS_DIR + "/"):
            continue
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def write_package(out: Path, rows: int, error_rate: float = 0.0, seed: int = 0) -> list[Planted]:
    """Write a package of ``rows`` claims to ``out``; return the problems planted in it."""
    out = Path(out)
    (out / paths.DATA_DIR).mkdir(parents=True, exist_ok=True)
    _start(out)
    package = read_package(out)

    def file(name: str) -> Path:
        return out / package.resource(name).path

    def fields(name: str) -> list[str]:
        return package.resource(name).field_names

    random = np.random.default_rng(seed)
    n_sources = max(1, rows // 20)
    n_claimants = max(2, min(1000, rows // 10))

    published = random.integers(30, DAYS, size=n_sources)
    sources = (
        {
            "source_id": f"s{i:06d}",
            "publisher": PUBLISHERS[i % len(PUBLISHERS)],
            "title": f'Report {i}: "figures, dates and doubts"',
            "url": f"https://example.org/reports/{i}",
            "published_on": _day(published[i]),
            "kind": "news report",
            "language": "en",
            "note": "Synthetic: made by claimtrack's benchmark.",
        }
        for i in range(n_sources)
    )
    _write(file("sources"), fields("sources"), ([row.get(f, "") for f in fields("sources")] for row in sources))
    claimants = (
        {
            "claimant_id": f"c{i:04d}",
            "name": f'Claimant {i}, of the "Example" group',
            "kind": CLAIMANT_KINDS[i % len(CLAIMANT_KINDS)],
            "role": "spokesperson" if i % 3 == 0 else "",
        }
        for i in range(n_claimants)
    )
    _write(file("claimants"), fields("claimants"), ([row.get(f, "") for f in fields("claimants")] for row in claimants))
    _write(file("measures"), fields("measures"), ([m.get(f, "") for f in fields("measures")] for m in MEASURES))

    claim_fields = fields("claims")
    column = {name: i for i, name in enumerate(claim_fields)}
    claims = [_claim(i, random, published, n_sources, n_claimants, column) for i in range(rows)]
    _settle(claims, column)

    planted: list[Planted] = []
    broken = np.flatnonzero(random.random(rows) < error_rate) if error_rate > 0 else []
    used: set[int] = set()
    for number, index in enumerate(broken):
        plant = PLANTED[number % len(PLANTED)]
        # The drawn row, or the next one that can be broken this way.
        for candidate in range(int(index), min(rows, int(index) + 200)):
            if candidate not in used and _plant(claims, candidate, plant, column, published):
                used.add(candidate)
                planted.append(Planted(package.resource("claims").path, candidate + 2, plant.column, plant.rule))
                break
    planted.sort(key=lambda p: p.line)
    _write(file("claims"), claim_fields, claims)

    appearance_fields = fields("appearances")
    order = np.argsort(published, kind="stable")
    broken_set = {p.line - 2 for p in planted}
    _write(
        file("appearances"),
        appearance_fields,
        (
            row
            for i in range(1, rows, 100)
            if i not in broken_set
            and (row := _appearance(claims[i], column, published, order, appearance_fields)) is not None
        ),
    )
    # No change has been made to a row yet: the corrections log is its header alone.
    _write(file(LOG), fields(LOG), [])
    (out / paths.PLANTED).write_text(json.dumps([p.__dict__ for p in planted], indent=1) + "\n", encoding="utf-8")
    return planted


def _claim(i: int, random, published, n_sources: int, n_claimants: int, column: dict) -> list[str]:
    row = [""] * len(column)
    source = int(random.integers(0, n_sources))
    said = int(published[source]) - int(random.integers(0, 20))
    dated = i % 5 == 0
    row[column["claim_id"]] = f"k{i:07d}"
    row[column["claimant_id"]] = f"c{int(random.integers(0, n_claimants)):04d}"
    row[column["source_id"]] = f"s{source:06d}"
    row[column["said_on"]] = _day(said) if i % 17 else _day(said)[:7]
    row[column["said_on_basis"]] = "stated" if i % 3 else "inferred from weekday"
    row[column["said_on_text"]] = "on Tuesday" if i % 3 == 0 else ""
    row[column["status"]] = "reported"
    row[column["stance"]] = qualifiers.ASSERTS
    if i % 7 == 0:
        row[column["via_id"]] = f"c{int(random.integers(0, n_claimants)):04d}"
        row[column["via_relation"]] = "told" if i % 2 else "reported by"
    if dated:
        start = said + int(random.integers(5, 200))
        row[column["measure_id"]] = DATE_MEASURES[i % len(DATE_MEASURES)]
        if i % 2:
            row[column["qualifier"]] = qualifiers.BETWEEN
            row[column["date_from"]], row[column["date_to"]] = _day(start), _day(start + int(random.integers(1, 20)))
            figure = f"between {row[column['date_from']]} and {row[column['date_to']]}"
        else:
            row[column["qualifier"]] = qualifiers.ON
            row[column["date_from"]] = row[column["date_to"]] = _day(start)
            figure = f"on {row[column['date_from']]}"
        row[column["status"]] = "tentative"
        if i % 13 == 0:
            row[column["stance"]] = qualifiers.DENIES
    else:
        number = int(random.integers(10, 250_000))
        row[column["measure_id"]] = COUNT_MEASURES[i % len(COUNT_MEASURES)]
        kind = i % 4
        if kind == 0:
            row[column["qualifier"]], row[column["low"]] = qualifiers.AT_LEAST, str(number)
            figure = f"{qualifiers.AT_LEAST} {number:,}"
        elif kind == 1:
            row[column["qualifier"]], row[column["value"]] = qualifiers.ABOUT, str(number)
            figure = f"{qualifiers.ABOUT} {number:,}"
        elif kind == 2:
            row[column["qualifier"]] = qualifiers.RANGE
            row[column["low"]], row[column["high"]] = str(number), str(number * 2)
            figure = f"{number:,} to {number * 2:,}"
        else:
            row[column["qualifier"]], row[column["high"]] = qualifiers.AS_HIGH_AS, str(number)
            figure = f"{qualifiers.AS_HIGH_AS} {number:,}"
        if i % 11 == 0:
            row[column["as_of"]], row[column["as_of_basis"]] = _day(said - 1), "stated"
        row[column["status"]] = STATUSES_FOR_COUNTS[i % len(STATUSES_FOR_COUNTS)]
    row[column["figure_text"]] = figure
    hedge = "likely " if i % 9 == 0 else ""
    row[column["hedge"]] = hedge.strip()
    row[column["quote"]] = (
        f'"It is {hedge}{figure}, and that is a floor, not a ceiling," the spokesperson said, citing "records" (no. {i}).'
    )
    return row


def _settle(claims: list[list[str]], column: dict) -> None:
    """Every hundredth claim is superseded by the next claim of the same measure made later."""
    last_by_measure: dict[str, int] = {}
    for i, row in enumerate(claims):
        measure = row[column["measure_id"]]
        earlier = last_by_measure.get(measure)
        if earlier is not None and earlier % 100 == 0:
            old = claims[earlier]
            if (
                old[column["said_on"]][:7] <= row[column["said_on"]][:7]
                and old[column["said_on"]] <= row[column["said_on"]]
            ):
                old[column["status"]] = "superseded"
                old[column["settled_by"]] = row[column["claim_id"]]
        last_by_measure[measure] = i


class _Row:
    """One synthetic claim being broken, with what a way of breaking it needs to know."""

    def __init__(self, claims, index: int, column: dict, published):
        self.claims, self.index, self.column, self.published = claims, index, column, published

    def __getitem__(self, name: str) -> str:
        return self.claims[self.index][self.column[name]]

    @property
    def dated(self) -> bool:
        return self["measure_id"] in DATE_MEASURES

    def previous(self, name: str) -> str:
        return self.claims[self.index - 1][self.column[name]]

    def day_after(self, name: str, days: int) -> str:
        return _day((dt.date.fromisoformat(self[name]) - START).days + days)


def _always(row: _Row) -> bool:
    return True


@dataclass(frozen=True)
class Plant:
    """A kind of error planted in claims.csv: the rule it breaks, the column that rule
    reports it in, which rows can be broken this way, and the cells that break one so
    that exactly that rule fails, once."""

    rule: str
    column: str
    fits: Callable[[_Row], bool]
    change: Callable[[_Row], dict[str, str]]


PLANTED = [
    Plant("type", "low", lambda r: bool(r["low"]), lambda r: {"low": r["low"] + "x"}),
    Plant("required", "claimant_id", _always, lambda r: {"claimant_id": ""}),
    Plant("enum", "qualifier", _always, lambda r: {"qualifier": "roughly"}),
    Plant("pattern", "claim_id", _always, lambda r: {"claim_id": r["claim_id"].upper()}),
    Plant("minimum", "value", lambda r: bool(r["value"]), lambda r: {"value": "-" + r["value"]}),
    Plant("date", "said_on", lambda r: len(r["said_on"]) == 10, lambda r: {"said_on": r["said_on"][:5] + "02-30"}),
    Plant("foreign-key", "source_id", _always, lambda r: {"source_id": "s999999x"}),
    Plant("primary-key", "claim_id", lambda r: r.index > 0, lambda r: {"claim_id": r.previous("claim_id")}),
    Plant(
        "bounds-order",
        "high",
        lambda r: r["qualifier"] == qualifiers.RANGE,
        lambda r: {"low": str(int(r["high"]) + 1)},
    ),
    Plant(
        "dates-order",
        "date_to",
        lambda r: r["qualifier"] == qualifiers.BETWEEN,
        lambda r: {"date_to": r.day_after("date_from", -1)},
    ),
    Plant("measure-kind", "date_from", lambda r: not r.dated, lambda r: {"date_from": "2013-01-01"}),
    Plant(
        "qualifier-kind",
        "qualifier",
        lambda r: not r.dated and r["qualifier"] == qualifiers.ABOUT,
        lambda r: {"qualifier": qualifiers.ON},
    ),
    Plant(
        "qualifier-bounds",
        "high",
        lambda r: r["qualifier"] == qualifiers.AT_LEAST,
        lambda r: {"high": str(int(r["low"]) * 2)},
    ),
    Plant(
        "said-before-published",
        "said_on",
        _always,
        lambda r: {"said_on": _day(int(r.published[int(r["source_id"][1:])]) + 5), "as_of": "", "as_of_basis": ""},
    ),
    Plant(
        "as-of-before-said",
        "as_of",
        lambda r: not r.dated and len(r["said_on"]) == 10,
        lambda r: {"as_of": r.day_after("said_on", 3), "as_of_basis": "stated"},
    ),
    Plant("said-on-basis", "said_on_basis", _always, lambda r: {"said_on_basis": "not stated"}),
    Plant("via-relation", "via_relation", lambda r: bool(r["via_id"]), lambda r: {"via_relation": ""}),
    Plant("settled-by", "settled_by", lambda r: not r.dated, lambda r: {"status": "superseded"}),
    Plant("status-kind", "status", lambda r: not r.dated, lambda r: {"status": "realised"}),
    Plant("figure-in-quote", "figure_text", _always, lambda r: {"figure_text": r["figure_text"] + " and more"}),
]


def _plant(claims, index: int, plant: Plant, column: dict, published) -> bool:
    """Break ``claims[index]`` as ``plant`` says. Returns False, and leaves the row as it
    was, when this row cannot be broken that way."""
    row = _Row(claims, index, column, published)
    if row["settled_by"] or row["status"] == "superseded" or (index and index % 100 == 0):
        return False  # keep supersession chains intact: one error per planted row
    if any(claims[j][column["settled_by"]] == row["claim_id"] for j in range(max(0, index - 200), index)):
        return False
    if not plant.fits(row):
        return False
    for name, value in plant.change(row).items():
        claims[index][column[name]] = value
    return True


def _appearance(claim: list[str], column: dict, published, order, fields: list[str]) -> list[str] | None:
    """The claim again, in the first other source published on or after it was made;
    None when no other source was published then."""
    said_on = claim[column["said_on"]]
    said = (dt.date.fromisoformat(said_on if len(said_on) == 10 else said_on + "-01") - START).days
    own = int(claim[column["source_id"]][1:])
    position = int(np.searchsorted(published[order], said))
    candidates = [int(s) for s in order[position : position + 3] if int(s) != own]
    if not candidates:
        return None
    values = {
        "claim_id": claim[column["claim_id"]],
        "source_id": f"s{candidates[0]:06d}",
        "quote": claim[column["quote"]],
        "note": "Synthetic: the same claim in another report.",
    }
    return [values.get(f, "") for f in fields]
