"""Reading the record: list, show, compare and history, on plain rows.

Each function takes the tables ``claimtrack.tables.reading.read()`` returns (each table a
list of rows, each row a dict of its columns) and gives back rows of the claims table
with its own columns, plus, where a reader needs them, a few derived ones that the
command line shows but never writes. Plain Python only: no pandas.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from claimtrack.io.rows import day
from claimtrack.model import lists, qualifiers, suggest
from claimtrack.model.lifecycle import DATE_ONLY_STATUSES, INITIAL, MOVES
from claimtrack.tracking import style
from claimtrack.tracking.reading import claims_view, earliest, latest

# The columns a reader of each listing needs; the machine formats print every column.
LIST_COLUMNS = ["claim_id", "measure_id", "claimant_id", "figure_text", "said_on", "status"]
HISTORY_COLUMNS = [
    "said_on",
    "claimant_id",
    "stance",
    "figure_text",
    "hedge",
    "status",
    "settled_by",
    "settles",
    "claim_id",
]
COMPARE_COLUMNS = [
    "claimant_name",
    "stance",
    "figure_text",
    "hedge",
    "qualifier",
    "low",
    "value",
    "high",
    "date_from",
    "date_to",
    "said_on",
    "status",
    "claim_id",
]
# The kinds of bound a spread keeps apart, as its summary names them, in this order.
BOUND_GROUPS = {
    qualifiers.GIVEN: ("figures given as such", "a figure given as such"),
    qualifiers.LOWER_BOUND: ("lower bounds", "a lower bound"),
    qualifiers.UPPER_BOUND: ("upper bounds", "an upper bound"),
    qualifiers.LOW_TO_HIGH: ("ranges", "a range"),
}
# Statuses of a claim no longer anyone's estimate: left out of a spread.
OVERTAKEN = ("superseded", "not realised")
# Compared columns shown even when every estimate leaves them empty.
_ALWAYS_COMPARED = ("measure_id", "claimant_name", "figure_text", "qualifier", "said_on", "status", "claim_id")


class TrackingError(LookupError):
    """A claim, measure or claimant asked for is not in the package."""


def _unknown(tables, kind: str, value: str, known: list, vocabulary: bool = False) -> TrackingError:
    """That there is no ``kind`` ``value``, with the closest there are (with ``vocabulary``,
    ``known`` is a few words, all given); or, where its row is one reading left out, that
    it is left out."""
    if not vocabulary and any(value in ids for ids in tables.left_out.values()):
        return TrackingError(
            f"the {kind} {value!r} is left out: its row, or a row it points at, has a problem (in the warning above)"
        )
    return TrackingError(suggest.unknown(kind, value, [k for k in known if k is not None], vocabulary=vocabulary))


def _column(rows: list[dict], name: str) -> list:
    return [row[name] for row in rows]


@dataclass(frozen=True)
class ClaimantMatch:
    """The claimant a --claimant names, and how: ``how`` is None for its exact id, else
    what of it matched ("its alias 'FRA'")."""

    claimant_id: str
    name: str
    how: str | None = None

    def said(self, given: str) -> str | None:
        """What a reader is told of a match that was not exact."""
        return f"{given!r} is taken for {self.claimant_id} ({self.name}), by {self.how}." if self.how else None


def find_claimant(tables, given: str) -> ClaimantMatch:
    """The claimant ``given`` names: its id; else, in any case, its id, its name or one
    of its aliases; else the one claimant whose id, name or an alias has ``given`` in it.
    TrackingError when none does, or when several do (naming them)."""
    names, known = {}, {}
    for claimant in tables["claimants"]:
        claimant_id = claimant["claimant_id"]
        names[claimant_id] = "" if claimant["name"] is None else str(claimant["name"])
        known[claimant_id] = [("its name", names[claimant_id])]
        known[claimant_id] += [("its alias", alias) for alias in lists.items(claimant["aliases"])]
        known[claimant_id].append(("its id", claimant_id))
    if given in names:
        return ClaimantMatch(given, names[given])
    wanted = lists.folded(given)
    for part, matches in (
        ("", lambda text: lists.folded(text) == wanted),
        ("part of ", lambda text: bool(wanted) and wanted in lists.folded(text)),
    ):
        found = {
            claimant_id: next(f"{part}{what} {text!r}" for what, text in texts if matches(text))
            for claimant_id, texts in known.items()
            if any(matches(text) for _, text in texts)
        }
        if len(found) == 1:
            ((claimant_id, how),) = found.items()
            return ClaimantMatch(claimant_id, names[claimant_id], how)
        if found:
            candidates = "; ".join(f"{claimant_id} ({names[claimant_id]})" for claimant_id in found)
            raise TrackingError(f"{given!r} could be any of {len(found)} claimants: {candidates}; give its id")
    everything = [text for texts in known.values() for _, text in texts]
    raise _unknown(tables, "claimant", given, everything)


def list_claims(
    tables, measure: str | None = None, claimant: str | None = None, status: str | None = None
) -> list[dict]:
    """The claims, in file order, filtered by measure, claimant (as ``find_claimant``
    finds it: give it its id) and status."""
    claims = tables["claims"]
    for column, value, kind, known in (
        ("measure_id", measure, "measure", _column(tables["measures"], "measure_id")),
        ("claimant_id", claimant, "claimant", _column(tables["claimants"], "claimant_id")),
        ("status", status, "status", list(MOVES)),
    ):
        if value is None:
            continue
        if value not in known:
            raise _unknown(tables, kind, value, known, vocabulary=column == "status")
        claims = [claim for claim in claims if claim[column] == value]
    return claims


def get_claim(tables, claim_id: str) -> dict:
    for claim in tables["claims"]:
        if claim["claim_id"] == claim_id:
            return claim
    raise _unknown(tables, "claim", claim_id, _column(tables["claims"], "claim_id"))


def settled_by_this(tables, claim_id: str) -> list[str]:
    """The claims that name ``claim_id`` as the claim that settled them."""
    return [claim["claim_id"] for claim in tables["claims"] if claim["settled_by"] == claim_id]


def _made(row: dict) -> dt.date | None:
    """When a claim was made, as early as its date allows; the report's date when not stated."""
    return row["said_on_start"] if row["said_on_start"] is not None else row["source_published_start"]


def _against(rows: list[dict]) -> bool:
    """Whether some claimant denies or doubts, in ``rows``."""
    stances = qualifiers.against_stances()
    return any(row["stance"] in stances for row in rows)


def history_columns(history_rows: list[dict]) -> list[str]:
    """The columns of a history a reader needs: the stance only when some claimant denies
    or doubts, the hedge only when some source hedged."""
    against = _against(history_rows)
    hedged = any(row["hedge"] is not None for row in history_rows)
    return [c for c in HISTORY_COLUMNS if (c != "stance" or against) and (c != "hedge" or hedged)]


def for_reading(history_rows: list[dict]) -> list[dict]:
    """A history as a reader reads it: a claim whose source does not date it says so."""
    return [{**row, "said_on": "not stated" if row["said_on"] is None else row["said_on"]} for row in history_rows]


def _first_missing_last(value) -> tuple:
    """A sort key that puts missing values last, as pandas sorts them."""
    return (1, 0) if value is None else (0, value)


def history(tables, measure: str) -> list[dict]:
    """The claims of one measure in the order they were made, each with the claims it
    settled (``settles``) and when it was made (``made``)."""
    known = _column(tables["measures"], "measure_id")
    if measure not in known:
        raise _unknown(tables, "measure", measure, known)
    settles: dict[str, list[str]] = {}
    for claim in tables["claims"]:
        if claim["settled_by"] is not None:
            settles.setdefault(claim["settled_by"], []).append(claim["claim_id"])
    view = [{**row, "made": _made(row)} for row in claims_view(tables) if row["measure_id"] == measure]
    view.sort(key=lambda row: (_first_missing_last(row["made"]), _first_missing_last(row["claim_id"])))
    for row in view:
        row["settles"] = ", ".join(settles[row["claim_id"]]) if row["claim_id"] in settles else None
    return view


@dataclass
class Comparison:
    estimates: list[dict]  # claims_view rows, one or more per claimant
    as_of: dt.date | None
    measures: list[str]
    spread: str | None = None
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def columns(self) -> list[str]:
        """The columns a reader needs: the measure when several are compared, and of the
        bounds, dates and hedges only those some estimate gives, and the stance only when
        some claimant denies or doubts."""
        wanted = (["measure_id"] if len(self.measures) > 1 else []) + COMPARE_COLUMNS
        against = _against(self.estimates)
        return [
            c
            for c in wanted
            if c in _ALWAYS_COMPARED
            or (against if c == "stance" else any(row[c] is not None for row in self.estimates))
        ]

    def summary(self) -> list[str]:
        """The lines under the table: the spread, warnings and notes; first, when there are
        no estimates, a line that says so."""
        lines = [f"Spread: {self.spread}."] if self.spread else []
        lines += [f"Warning: {w}." for w in self.warnings] + [f"Note: {n}." for n in self.notes]
        if not self.estimates:
            when = " were made by then." if self.as_of else " are recorded."
            lines.insert(0, "No claims of " + ", ".join(self.measures) + when)
        return lines


def _measures_for(tables, names: list[str]) -> list[str]:
    """Measure ids from ids or topics ("death toll" stands for all its measures)."""
    measures = tables["measures"]
    ids, topics = _column(measures, "measure_id"), _column(measures, "topic")
    chosen: list[str] = []
    for name in names:
        if name in ids:
            chosen.append(name)
        elif name in topics:
            chosen.extend(m["measure_id"] for m in measures if m["topic"] == name)
        else:
            raise _unknown(tables, "measure or topic", name, ids + topics)
    return list(dict.fromkeys(chosen))


def status_began(view: list[dict]) -> list[dt.date | None]:
    """The day each claim's status can first have been known: for a status another claim
    brought about, the day that claim was known; for a date realised or not with no
    such claim, the last day of the date itself; else the day the claim was known."""
    known = {row["claim_id"]: row["known_by"] for row in view}
    began = []
    for row in view:
        if row["settled_by"] is not None:
            began.append(known.get(row["settled_by"]))
        elif row["status"] in DATE_ONLY_STATUSES:
            last_day = day(row["date_to"]) or day(row["date_from"])
            began.append(latest(row["known_by"], last_day))
        else:
            began.append(row["known_by"])
    return began


def as_known_on(view: list[dict], cutoff: dt.date) -> list[dict]:
    """``view`` with each status as it was known on ``cutoff``: a status that began later
    reads as the claim first stood (reported), with no settling claim and no note on what
    became of it (the note tells what happened later). ``status_now`` and
    ``status_began`` keep, for those, what the status became and when."""
    changed = []
    for row, began in zip(view, status_began(view)):
        later = row["status"] != INITIAL and began is not None and began > cutoff
        row = {**row, "status_now": row["status"] if later else None, "status_began": began if later else None}
        if later:
            row.update(status=INITIAL, settled_by=None, status_note=None)
        changed.append(row)
    return changed


def _later_statuses(estimates: list[dict], cutoff: dt.date) -> list[str]:
    """A note naming the estimates whose status today came only after ``cutoff``."""
    later = [row for row in estimates if row["status_now"] is not None]
    if not later:
        return []
    listed = "; ".join(
        f"{row['claim_id']} became {row['status_now']} on {style.day(row['status_began'])}" for row in later
    )
    return [f"statuses as known on {style.day(cutoff)}, not as they stand now: {listed}"]


# How a --within age is written: a number and a unit of days, weeks, months or years.
_AGE = re.compile(r"\s*(\d{1,4})\s*(d|w|m|y)\s*", flags=re.IGNORECASE)
_AGE_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}


def age_in_days(text: str) -> int:
    """Days in an age written as 90d, 12w, 6m or 1y (a month counted as 30 days, a year
    as 365); ValueError for anything else."""
    found = _AGE.fullmatch(text)
    if not found or int(found.group(1)) == 0:
        raise ValueError(f"{text!r} is not an age: write a number and d, w, m or y, e.g. 90d, 12w, 6m, 1y")
    return int(found.group(1)) * _AGE_DAYS[found.group(2).lower()]


def compare(tables, names: list[str], as_of: dt.date | None = None, within_days: int | None = None) -> Comparison:
    """The competing estimates known on ``as_of`` (default: all): the latest claim of each
    claimant made on or before that date (its latest assertion, and apart from it its
    latest denial or doubt), with its status as known then, the spread and a warning
    where scopes differ. With ``within_days``, a claimant's latest claim made more than
    that many days before ``as_of`` (or before the latest claim compared) is left out as
    too old, and a note says which."""
    measure_ids = _measures_for(tables, names)
    view = claims_view(tables)
    if as_of is not None:
        # Statuses as known then, from every claim: the one that settled another may
        # be of any day.
        view = as_known_on(view, as_of)
    view = [{**row, "made": _made(row)} for row in view if row["measure_id"] in measure_ids]
    result = Comparison(estimates=[], as_of=as_of, measures=measure_ids)
    if as_of is not None:
        certain = [row["known_by"] is not None and row["known_by"] <= as_of for row in view]
        maybe = [
            row for row, sure in zip(view, certain) if not sure and row["made"] is not None and row["made"] <= as_of
        ]
        if maybe:
            ids = ", ".join(row["claim_id"] for row in maybe)
            result.notes.append(f"not shown, as they may have been made after {style.day(as_of)}: {ids}")
        undated = [row for row, sure in zip(view, certain) if row["said_on"] is None and not sure]
        if undated:
            ids = ", ".join(row["claim_id"] for row in undated)
            result.notes.append(
                f"not shown, as their sources do not say when they were made and were published later: {ids}"
            )
        view = [row for row, sure in zip(view, certain) if sure]
    retracted = [row["claim_id"] for row in view if row["status"] == "retracted"]
    if retracted:
        result.notes.append(f"retracted, not shown: {', '.join(retracted)}")
        view = [row for row in view if row["status"] != "retracted"]
    if not view:
        return result
    # A claimant's latest word stands (every figure of its latest day: "at least 94,000"
    # and "as high as 120,000" of one statement), and apart from it its latest denial or
    # doubt. Spreads then set only figures bounded alike against each other.
    last_made: dict[tuple, dt.date] = {}
    for row in view:
        row["bound"] = qualifiers.BOUND_OF.get(row["qualifier"], "")
        group = (row["measure_id"], row["claimant_id"], row["stance"])
        if None not in group and row["made"] is not None:
            last_made[group] = latest(last_made.get(group), row["made"])
    estimates = [
        row
        for row in view
        if row["made"] is not None
        and row["made"] == last_made.get((row["measure_id"], row["claimant_id"], row["stance"]))
    ]
    if within_days is not None:
        reference = as_of if as_of is not None else latest(*(row["made"] for row in estimates))
        if reference is not None:
            oldest = reference - dt.timedelta(days=within_days)
            old = [row["claim_id"] for row in estimates if row["made"] < oldest]
            if old:
                result.notes.append(
                    f"left out as made more than {within_days} days before {style.day(reference)}: " + ", ".join(old)
                )
                estimates = [row for row in estimates if not row["made"] < oldest]
        if not estimates:
            return result
    for row in estimates:
        numbers = [row[c] for c in ("low", "value", "high") if row[c] is not None]
        row["lowest"], row["highest"] = min(numbers, default=None), max(numbers, default=None)
    estimates.sort(
        key=lambda row: (
            row["measure_id"],
            _first_missing_last(row["lowest"]),
            _first_missing_last(day(row["date_from"])),
            row["claim_id"],
        )
    )
    result.estimates = estimates
    result.spread = _spread(estimates)
    if as_of is not None:
        result.notes += _later_statuses(estimates, as_of)
    scopes: dict[str, str] = {}
    for row in estimates:
        scopes.setdefault(row["measure_id"], row["measure_scope"])
    if len(scopes) > 1:
        listed = "; ".join(f"{measure} is {scope}" for measure, scope in scopes.items())
        result.warnings.append(f"these figures measure different things and are not comparable: {listed}")
    return result


def _spread(estimates: list[dict]) -> str | None:
    if len({row["measure_id"] for row in estimates}) != 1:
        return None  # no spread across measures of different scope
    # Only what claimants assert, and what still stands, is spread: a figure denied or
    # doubted is no estimate, and one already overtaken is no longer anyone's.
    stances = qualifiers.against_stances()
    against = [row for row in estimates if row["stance"] in stances]
    overtaken = [row for row in estimates if row["status"] in OVERTAKEN and row["stance"] not in stances]
    asserted = [row for row in estimates if row["stance"] not in stances and row["status"] not in OVERTAKEN]
    aside = f"; {len(against)} denied or doubted" if against else ""
    aside += f"; {len(overtaken)} overtaken" if overtaken else ""
    aside += ", not counted" if aside else ""
    if len(asserted) <= 1:
        return ("one estimate only: nothing to compare it with" if asserted else "no estimate left to compare") + aside
    if asserted[0]["measure_kind"] == "date":
        return date_spread(asserted, aside)
    vague = sum(row["bound"] == qualifiers.NO_NUMBER for row in asserted)
    also = f"; {vague} give{'s' if vague == 1 else ''} no number" if vague else ""
    numbered = [row for row in asserted if row["bound"] != qualifiers.NO_NUMBER]
    if not numbered:
        return "no figure gives a number" + aside
    groups: dict[str, list[dict]] = {}
    for row in numbered:
        groups.setdefault(row["bound"], []).append(row)
    if len(groups) == 1:
        return _number_spread(numbered) + also + aside
    # Figures bounded differently are not set against each other: each kind has its spread.
    order = list(BOUND_GROUPS)
    kinds = sorted(groups.items(), key=lambda item: order.index(item[0]))
    if all(len(group) == 1 for _, group in kinds):
        listed = ", ".join(f"{BOUND_GROUPS[kind][1]} ({_numbers(group)})" for kind, group in kinds)
        return f"no two figures bounded alike to compare: {listed}" + also + aside
    spreads = "; ".join(f"{BOUND_GROUPS[kind][0]}: {_number_spread(group)}" for kind, group in kinds)
    return spreads + also + aside


def _extremes(estimates: list[dict]) -> tuple:
    """The lowest figure and the highest of ``estimates``."""
    lows = [row["lowest"] for row in estimates if row["lowest"] is not None]
    highs = [row["highest"] for row in estimates if row["highest"] is not None]
    return min(lows, default=None), max(highs, default=None)


def _numbers(estimates: list[dict]) -> str:
    low, high = _extremes(estimates)
    return style.number(low) if low == high else f"{style.number(low)} to {style.number(high)}"


def _number_spread(estimates: list[dict]) -> str:
    """The spread of figures of one kind of bound, each with a number."""
    low, high = _extremes(estimates)
    if len(estimates) == 1:
        return f"one figure only ({_numbers(estimates)})"
    if low == high:
        return f"every figure with a number is {style.number(low)}"
    if low == 0:
        return f"from {style.number(low)} to {style.number(high)}"
    return f"the highest figure ({style.number(high)}) is {high / low:.2f} times the lowest ({style.number(low)})"


def date_spread(estimates: list[dict], aside: str) -> str | None:
    """From the earliest day proposed to the latest; a date with no latest day ("August at
    the earliest") ends nowhere, and the spread says so rather than end it on its first day."""
    froms, tos = [day(row["date_from"]) for row in estimates], [day(row["date_to"]) for row in estimates]
    first = earliest(*(start or end for start, end in zip(froms, tos)))
    if first is None:
        return None
    open_ended = [start for start, end in zip(froms, tos) if start is not None and end is None]
    if open_ended:
        return (
            f"dates proposed from {style.day(first)} to {style.day(max(open_ended))} or later: one has no latest day"
            + aside
        )
    last = latest(*(end or start for start, end in zip(froms, tos)))
    return f"dates proposed from {style.day(first)} to {style.day(last)}: {(last - first).days} days apart{aside}"
