"""Synthetic packages for measuring claimtrack at scale, with known errors planted.

``write_package(out, rows=N)`` writes a complete, valid package of N claims with the
project's own descriptor and schemas: realistic text with commas and quotes, partial
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
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from claimtrack.model import paths

PUBLISHERS = ["The Daily Ledger", "Wire Service One", "Evening Courier", "The Northern Gazette", "Radio Free Example"]
CLAIMANT_KINDS = ["person", "organisation", "government body", "anonymous official", "group of people"]
STATUSES_FOR_COUNTS = ["reported", "reported", "reported", "confirmed"]
START = dt.date(2012, 1, 1)
DAYS = 365 * 3

# The measures claims are drawn from: the template package's own, so that its charts
# and commands meet the synthetic claims as they meet the story's.
COUNT_MEASURES: list[str] = []
DATE_MEASURES: list[str] = []

# The kinds of error planted in claims.csv, each breaking exactly one rule in one column.
PLANTED = [
    ("type", "low"),
    ("required", "claimant_id"),
    ("enum", "qualifier"),
    ("pattern", "claim_id"),
    ("minimum", "value"),
    ("date", "said_on"),
    ("foreign-key", "source_id"),
    ("primary-key", "claim_id"),
    ("bounds-order", "high"),
    ("dates-order", "date_to"),
    ("measure-kind", "date_from"),
    ("qualifier-kind", "qualifier"),
    ("qualifier-bounds", "high"),
    ("said-before-published", "said_on"),
    ("as-of-before-said", "as_of"),
    ("said-on-basis", "said_on_basis"),
    ("via-relation", "via_relation"),
    ("settled-by", "settled_by"),
    ("status-kind", "status"),
    ("figure-in-quote", "figure_text"),
]


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


def _fields(schemas: Path, name: str) -> list[str]:
    return [f["name"] for f in json.loads((schemas / f"{name}.json").read_text(encoding="utf-8"))["fields"]]


def write_package(
    out: Path, rows: int, error_rate: float = 0.0, seed: int = 0, template: Path | None = None
) -> list[Planted]:
    """Write a package of ``rows`` claims to ``out``; return the problems planted in it."""
    template = Path(template) if template else Path(__file__).resolve().parents[2]
    out = Path(out)
    (out / paths.DATA_DIR).mkdir(parents=True, exist_ok=True)
    shutil.copy2(template / paths.DESCRIPTOR, out / paths.DESCRIPTOR)
    shutil.copytree(template / paths.SCHEMAS_DIR, out / paths.SCHEMAS_DIR, dirs_exist_ok=True)
    schemas = out / paths.SCHEMAS_DIR
    random = np.random.default_rng(seed)
    n_sources = max(1, rows // 20)
    n_claimants = max(2, min(1000, rows // 10))

    published = random.integers(30, DAYS, size=n_sources)
    _write(
        out / "data" / "sources.csv",
        _fields(schemas, "sources"),
        (
            [
                f"s{i:06d}", PUBLISHERS[i % len(PUBLISHERS)], f'Report {i}: "figures, dates and doubts"',
                f"https://example.org/reports/{i}", _day(published[i]), "news report", "en", "", "",
                "Synthetic: made by claimtrack's benchmark.",
            ]
            for i in range(n_sources)
        ),
    )  # fmt: skip
    _write(
        out / "data" / "claimants.csv",
        _fields(schemas, "claimants"),
        (
            [f"c{i:04d}", f"Claimant {i}, of the \"Example\" group", CLAIMANT_KINDS[i % len(CLAIMANT_KINDS)],
             "spokesperson" if i % 3 == 0 else "", "", "", "", ""]
            for i in range(n_claimants)
        ),
    )  # fmt: skip
    shutil.copy2(template / "data" / "measures.csv", out / "data" / "measures.csv")
    with (template / "data" / "measures.csv").open(encoding="utf-8-sig", newline="") as handle:
        measures = list(csv.DictReader(handle))
    COUNT_MEASURES[:] = [m["measure_id"] for m in measures if m["kind"] != "date"]
    DATE_MEASURES[:] = [m["measure_id"] for m in measures if m["kind"] == "date"]

    claim_fields = _fields(schemas, "claims")
    column = {name: i for i, name in enumerate(claim_fields)}
    claims = [_claim(i, random, published, n_sources, n_claimants, column) for i in range(rows)]
    _settle(claims, column)

    planted: list[Planted] = []
    broken = np.flatnonzero(random.random(rows) < error_rate) if error_rate > 0 else []
    used: set[int] = set()
    for number, index in enumerate(broken):
        rule, name = PLANTED[number % len(PLANTED)]
        # The drawn row, or the next one that can be broken this way.
        for candidate in range(int(index), min(rows, int(index) + 200)):
            if candidate not in used and _plant(claims, candidate, rule, column, published, n_sources, random):
                used.add(candidate)
                planted.append(Planted("data/claims.csv", candidate + 2, name, rule))
                break
    planted.sort(key=lambda p: p.line)
    _write(out / "data" / "claims.csv", claim_fields, claims)

    appearance_fields = _fields(schemas, "appearances")
    order = np.argsort(published, kind="stable")
    broken_set = {p.line - 2 for p in planted}
    _write(
        out / "data" / "appearances.csv",
        appearance_fields,
        (
            _appearance(claims[i], column, published, order, appearance_fields)
            for i in range(1, rows, 100)
            if i not in broken_set
        ),
    )
    (out / "planted.json").write_text(json.dumps([p.__dict__ for p in planted], indent=1) + "\n", encoding="utf-8")
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
    if i % 7 == 0:
        row[column["via_id"]] = f"c{int(random.integers(0, n_claimants)):04d}"
        row[column["via_relation"]] = "told" if i % 2 else "reported by"
    if dated:
        start = said + int(random.integers(5, 200))
        row[column["measure_id"]] = DATE_MEASURES[i % len(DATE_MEASURES)]
        if i % 2:
            row[column["qualifier"]] = "between"
            row[column["date_from"]], row[column["date_to"]] = _day(start), _day(start + int(random.integers(1, 20)))
            figure = f"between {row[column['date_from']]} and {row[column['date_to']]}"
        else:
            row[column["qualifier"]] = "on"
            row[column["date_from"]] = row[column["date_to"]] = _day(start)
            figure = f"on {row[column['date_from']]}"
        row[column["status"]] = "tentative"
    else:
        number = int(random.integers(10, 250_000))
        row[column["measure_id"]] = COUNT_MEASURES[i % len(COUNT_MEASURES)]
        kind = i % 4
        if kind == 0:
            row[column["qualifier"]], row[column["low"]], figure = "at least", str(number), f"at least {number:,}"
        elif kind == 1:
            row[column["qualifier"]], row[column["value"]], figure = "about", str(number), f"about {number:,}"
        elif kind == 2:
            row[column["qualifier"]] = "range"
            row[column["low"]], row[column["high"]] = str(number), str(number * 2)
            figure = f"{number:,} to {number * 2:,}"
        else:
            row[column["qualifier"]], row[column["high"]], figure = "as high as", str(number), f"as high as {number:,}"
        if i % 11 == 0:
            row[column["as_of"]], row[column["as_of_basis"]] = _day(said - 1), "stated"
        row[column["status"]] = STATUSES_FOR_COUNTS[i % len(STATUSES_FOR_COUNTS)]
    row[column["figure_text"]] = figure
    row[column["quote"]] = (
        f'"It is {figure}, and that is a floor, not a ceiling," the spokesperson said, citing "records" (no. {i}).'
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


def _plant(claims, index: int, rule: str, column: dict, published, n_sources: int, random) -> bool:
    """Break ``claims[index]`` so that exactly ``rule`` fails, once. Returns False, and
    leaves the row as it was, when this row cannot be broken that way."""
    row = claims[index]
    get = lambda name: row[column[name]]  # noqa: E731
    dated = get("measure_id") in DATE_MEASURES
    if get("settled_by") or get("status") == "superseded" or (index and index % 100 == 0):
        return False  # keep supersession chains intact: one error per planted row
    if any(claims[j][column["settled_by"]] == get("claim_id") for j in range(max(0, index - 200), index)):
        return False
    changes: dict[str, str] | None = None
    if rule == "type" and get("low"):
        changes = {"low": get("low") + "x"}
    elif rule == "required":
        changes = {"claimant_id": ""}
    elif rule == "enum":
        changes = {"qualifier": "roughly"}
    elif rule == "pattern":
        changes = {"claim_id": get("claim_id").upper()}
    elif rule == "minimum" and get("value"):
        changes = {"value": "-" + get("value")}
    elif rule == "date" and len(get("said_on")) == 10:
        changes = {"said_on": get("said_on")[:5] + "02-30"}
    elif rule == "foreign-key":
        changes = {"source_id": "s999999x"}
    elif rule == "primary-key" and index > 0:
        changes = {"claim_id": claims[index - 1][column["claim_id"]]}
    elif rule == "bounds-order" and get("qualifier") == "range":
        changes = {"low": str(int(get("high")) + 1)}
    elif rule == "dates-order" and get("qualifier") == "between":
        changes = {"date_to": _day((dt.date.fromisoformat(get("date_from")) - START).days - 1)}
    elif rule == "measure-kind" and not dated:
        changes = {"date_from": "2013-01-01"}
    elif rule == "qualifier-kind" and not dated and get("qualifier") == "about":
        changes = {"qualifier": "on"}
    elif rule == "qualifier-bounds" and get("qualifier") == "at least":
        changes = {"high": str(int(get("low")) * 2)}
    elif rule == "said-before-published":
        source = int(get("source_id")[1:])
        changes = {"said_on": _day(int(published[source]) + 5), "as_of": "", "as_of_basis": ""}
    elif rule == "as-of-before-said" and not dated and len(get("said_on")) == 10:
        changes = {"as_of": _day((dt.date.fromisoformat(get("said_on")) - START).days + 3), "as_of_basis": "stated"}
    elif rule == "said-on-basis":
        changes = {"said_on_basis": "not stated"}
    elif rule == "via-relation" and get("via_id"):
        changes = {"via_relation": ""}
    elif rule == "settled-by" and not dated:
        changes = {"status": "superseded"}
    elif rule == "status-kind" and not dated:
        changes = {"status": "realised"}
    elif rule == "figure-in-quote":
        changes = {"figure_text": get("figure_text") + " and more"}
    if changes is None:
        return False
    for name, value in changes.items():
        row[column[name]] = value
    return True


def _appearance(claim: list[str], column: dict, published, order, fields: list[str]) -> list[str]:
    """The claim again, in the first other source published on or after it was made."""
    said_on = claim[column["said_on"]]
    said = (dt.date.fromisoformat(said_on if len(said_on) == 10 else said_on + "-01") - START).days
    own = int(claim[column["source_id"]][1:])
    position = int(np.searchsorted(published[order], said))
    candidates = [int(s) for s in order[position : position + 3] if int(s) != own] or [own]
    values = {
        "claim_id": claim[column["claim_id"]],
        "source_id": f"s{candidates[0]:06d}",
        "quote": claim[column["quote"]],
        "note": "Synthetic: the same claim in another report.",
    }
    return [values.get(f, "") for f in fields]
