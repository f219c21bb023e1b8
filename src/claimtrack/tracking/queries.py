"""Reading the record: list, show, compare and history, on the loaded tables.

Each function takes the tables ``claimtrack.load()`` returns and gives back
DataFrames whose columns are the claims table's own, plus, where a reader needs
them, a few derived columns that the command line shows but never writes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import pandas as pd

from claimtrack.model import lists, qualifiers, suggest
from claimtrack.model.lifecycle import DATE_ONLY_STATUSES, INITIAL, MOVES
from claimtrack.tables.views import claims_view
from claimtrack.tracking import style

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


def _unknown(tables, kind: str, value: str, known: pd.Series, vocabulary: bool = False) -> TrackingError:
    """That there is no ``kind`` ``value``, with the closest there are (with ``vocabulary``,
    ``known`` is a few words, all given); or, where its row is one reading left out, that
    it is left out."""
    if not vocabulary and any(value in ids for ids in tables.left_out.values()):
        return TrackingError(
            f"the {kind} {value!r} is left out: its row, or a row it points at, has a problem (in the warning above)"
        )
    return TrackingError(suggest.unknown(kind, value, known.dropna(), vocabulary=vocabulary))


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
    claimants = tables["claimants"]
    names, known = {}, {}
    for claimant_id, name, aliases in claimants[["claimant_id", "name", "aliases"]].itertuples(index=False):
        names[claimant_id] = "" if pd.isna(name) else str(name)
        known[claimant_id] = [("its name", names[claimant_id])]
        known[claimant_id] += [("its alias", alias) for alias in lists.items(None if pd.isna(aliases) else aliases)]
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
    everything = pd.Series([text for texts in known.values() for _, text in texts])
    raise _unknown(tables, "claimant", given, everything)


def list_claims(
    tables, measure: str | None = None, claimant: str | None = None, status: str | None = None
) -> pd.DataFrame:
    """The claims, in file order, filtered by measure, claimant (as ``find_claimant``
    finds it: give it its id) and status."""
    claims = tables["claims"]
    keep = pd.Series(True, index=claims.index)
    for column, value, kind, known in (
        ("measure_id", measure, "measure", tables["measures"]["measure_id"]),
        ("claimant_id", claimant, "claimant", tables["claimants"]["claimant_id"]),
        ("status", status, "status", pd.Series(list(MOVES))),
    ):
        if value is None:
            continue
        if not (known == value).any():
            raise _unknown(tables, kind, value, known, vocabulary=column == "status")
        keep &= claims[column] == value
    return claims[keep.fillna(False)]


def get_claim(tables, claim_id: str) -> pd.Series:
    claims = tables["claims"]
    found = claims[claims["claim_id"] == claim_id]
    if found.empty:
        raise _unknown(tables, "claim", claim_id, claims["claim_id"])
    return found.iloc[0]


def settled_by_this(tables, claim_id: str) -> list[str]:
    """The claims that name ``claim_id`` as the claim that settled them."""
    claims = tables["claims"]
    return claims.loc[claims["settled_by"] == claim_id, "claim_id"].tolist()


def _made(view: pd.DataFrame) -> pd.Series:
    """When each claim was made, as early as its date allows; the report's date when not stated."""
    return view["said_on_start"].fillna(view["source_published_start"])


def history_columns(history_frame: pd.DataFrame) -> list[str]:
    """The columns of a history a reader needs: the stance only when some claimant denies
    or doubts, the hedge only when some source hedged."""
    against = history_frame["stance"].isin(qualifiers.against_stances()).any()
    hedged = history_frame["hedge"].notna().any()
    return [c for c in HISTORY_COLUMNS if (c != "stance" or against) and (c != "hedge" or hedged)]


def for_reading(history_frame: pd.DataFrame) -> pd.DataFrame:
    """A history as a reader reads it: a claim whose source does not date it says so."""
    return history_frame.assign(said_on=history_frame["said_on"].fillna("not stated"))


def history(tables, measure: str) -> pd.DataFrame:
    """The claims of one measure in the order they were made, each with the claims it settled."""
    measures = tables["measures"]
    if not (measures["measure_id"] == measure).any():
        raise _unknown(tables, "measure", measure, measures["measure_id"])
    view = claims_view(tables)
    view = view[view["measure_id"] == measure].assign(made=lambda v: _made(v))
    view = view.sort_values(["made", "claim_id"], kind="stable")
    settles = tables["claims"].dropna(subset=["settled_by"]).groupby("settled_by")["claim_id"].agg(", ".join)
    view["settles"] = view["claim_id"].map(settles)
    return view


@dataclass
class Comparison:
    estimates: pd.DataFrame  # claims_view rows, one or more per claimant
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
        against = self.estimates["stance"].isin(qualifiers.against_stances()).any()
        return [
            c
            for c in wanted
            if c in _ALWAYS_COMPARED or (against if c == "stance" else self.estimates[c].notna().any())
        ]

    def summary(self) -> list[str]:
        """The lines under the table: the spread, warnings and notes; first, when there are
        no estimates, a line that says so."""
        lines = [f"Spread: {self.spread}."] if self.spread else []
        lines += [f"Warning: {w}." for w in self.warnings] + [f"Note: {n}." for n in self.notes]
        if self.estimates.empty:
            when = " were made by then." if self.as_of else " are recorded."
            lines.insert(0, "No claims of " + ", ".join(self.measures) + when)
        return lines


def _measures_for(tables, names: list[str]) -> list[str]:
    """Measure ids from ids or topics ("death toll" stands for all its measures)."""
    measures = tables["measures"]
    chosen: list[str] = []
    for name in names:
        if (measures["measure_id"] == name).any():
            chosen.append(name)
        elif (measures["topic"] == name).any():
            chosen.extend(measures.loc[measures["topic"] == name, "measure_id"])
        else:
            known = pd.concat([measures["measure_id"], measures["topic"]])
            raise _unknown(tables, "measure or topic", name, known)
    return list(dict.fromkeys(chosen))


def status_began(view: pd.DataFrame) -> pd.Series:
    """The day each claim's status can first have been known: for a status another claim
    brought about, the day that claim was known; for a date realised or not with no
    such claim, the last day of the date itself; else the day the claim was known."""
    known = view.set_index("claim_id")["known_by"]
    began = view["known_by"].copy()
    settled = view["settled_by"].notna()
    began[settled] = view.loc[settled, "settled_by"].map(known).to_numpy()
    happened = ~settled & view["status"].isin(DATE_ONLY_STATUSES)
    last_day = view["date_to"].fillna(view["date_from"])
    began[happened] = pd.concat([began[happened], last_day[happened]], axis=1).max(axis=1)
    return began


def as_known_on(view: pd.DataFrame, cutoff: pd.Timestamp) -> pd.DataFrame:
    """``view`` with each status as it was known on ``cutoff``: a status that began later
    reads as the claim first stood (reported), with no settling claim and no note on what
    became of it (the note tells what happened later). ``status_now`` and
    ``status_began`` keep, for those, what the status became and when."""
    began = status_began(view)
    later = (view["status"] != INITIAL) & (began > cutoff).fillna(False)
    changed = view.assign(status_now=view["status"].where(later), status_began=began.where(later))
    changed.loc[later, "status"] = INITIAL
    changed.loc[later, ["settled_by", "status_note"]] = pd.NA
    return changed


def _later_statuses(estimates: pd.DataFrame, cutoff: dt.date) -> list[str]:
    """A note naming the estimates whose status today came only after ``cutoff``."""
    later = estimates[estimates["status_now"].notna()]
    if later.empty:
        return []
    listed = "; ".join(
        f"{claim} became {status} on {style.day(day)}"
        for claim, status, day in zip(later["claim_id"], later["status_now"], later["status_began"])
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
        view = as_known_on(view, pd.Timestamp(as_of))
    view = view[view["measure_id"].isin(measure_ids)].assign(made=lambda v: _made(v))
    result = Comparison(estimates=view.iloc[0:0], as_of=as_of, measures=measure_ids)
    if as_of is not None:
        cutoff = pd.Timestamp(as_of)
        certain = view["known_by"] <= cutoff
        maybe = ~certain & (view["made"] <= cutoff)
        if maybe.any():
            ids = ", ".join(view.loc[maybe, "claim_id"])
            result.notes.append(f"not shown, as they may have been made after {style.day(as_of)}: {ids}")
        undated = view["said_on"].isna() & ~certain
        if undated.any():
            ids = ", ".join(view.loc[undated, "claim_id"])
            result.notes.append(
                f"not shown, as their sources do not say when they were made and were published later: {ids}"
            )
        view = view[certain]
    retracted = view["status"] == "retracted"
    if retracted.any():
        result.notes.append(f"retracted, not shown: {', '.join(view.loc[retracted, 'claim_id'])}")
        view = view[~retracted]
    if view.empty:
        return result
    # A claimant's latest word stands (every figure of its latest day: "at least 94,000"
    # and "as high as 120,000" of one statement), and apart from it its latest denial or
    # doubt. Spreads then set only figures bounded alike against each other.
    view = view.assign(bound=view["qualifier"].map(qualifiers.BOUND_OF).fillna(""))
    latest = view.groupby(["measure_id", "claimant_id", "stance"])["made"].transform("max")
    estimates = view[view["made"] == latest]
    if within_days is not None:
        reference = pd.Timestamp(as_of) if as_of is not None else estimates["made"].max()
        old = estimates["made"] < reference - pd.Timedelta(days=within_days)
        if old.any():
            result.notes.append(
                f"left out as made more than {within_days} days before {style.day(reference)}: "
                + ", ".join(estimates.loc[old, "claim_id"])
            )
            estimates = estimates[~old]
        if estimates.empty:
            return result
    numbers = estimates[["low", "value", "high"]]
    estimates = estimates.assign(lowest=numbers.min(axis=1), highest=numbers.max(axis=1)).sort_values(
        ["measure_id", "lowest", "date_from", "claim_id"], kind="stable"
    )
    result.estimates = estimates
    result.spread = _spread(estimates)
    if as_of is not None:
        result.notes += _later_statuses(estimates, as_of)
    scopes = estimates.drop_duplicates("measure_id")
    if len(scopes) > 1:
        listed = "; ".join(f"{m} is {s}" for m, s in zip(scopes["measure_id"], scopes["measure_scope"]))
        result.warnings.append(f"these figures measure different things and are not comparable: {listed}")
    return result


def _spread(estimates: pd.DataFrame) -> str | None:
    if estimates["measure_id"].nunique() != 1:
        return None  # no spread across measures of different scope
    # Only what claimants assert, and what still stands, is spread: a figure denied or
    # doubted is no estimate, and one already overtaken is no longer anyone's.
    against = estimates["stance"].isin(qualifiers.against_stances())
    overtaken = estimates["status"].isin(OVERTAKEN) & ~against
    asserted = estimates[~against & ~overtaken]
    aside = f"; {int(against.sum())} denied or doubted" if against.any() else ""
    aside += f"; {int(overtaken.sum())} overtaken" if overtaken.any() else ""
    aside += ", not counted" if aside else ""
    if len(asserted) <= 1:
        return (
            "one estimate only: nothing to compare it with" if len(asserted) else "no estimate left to compare"
        ) + aside
    if asserted["measure_kind"].iloc[0] == "date":
        return date_spread(asserted, aside)
    vague = asserted["bound"] == qualifiers.NO_NUMBER
    also = f"; {int(vague.sum())} give{'s' if vague.sum() == 1 else ''} no number" if vague.any() else ""
    numbered = asserted[~vague]
    if numbered.empty:
        return "no figure gives a number" + aside
    groups = list(numbered.groupby("bound", sort=False))
    if len(groups) == 1:
        return _number_spread(numbered) + also + aside
    # Figures bounded differently are not set against each other: each kind has its spread.
    order = list(BOUND_GROUPS)
    groups.sort(key=lambda item: order.index(item[0]))
    if all(len(group) == 1 for _, group in groups):
        listed = ", ".join(f"{BOUND_GROUPS[kind][1]} ({_numbers(group)})" for kind, group in groups)
        return f"no two figures bounded alike to compare: {listed}" + also + aside
    spreads = "; ".join(f"{BOUND_GROUPS[kind][0]}: {_number_spread(group)}" for kind, group in groups)
    return spreads + also + aside


def _numbers(estimates: pd.DataFrame) -> str:
    low, high = estimates["lowest"].min(), estimates["highest"].max()
    return style.number(low) if low == high else f"{style.number(low)} to {style.number(high)}"


def _number_spread(estimates: pd.DataFrame) -> str:
    """The spread of figures of one kind of bound, each with a number."""
    low, high = estimates["lowest"].min(), estimates["highest"].max()
    if len(estimates) == 1:
        return f"one figure only ({_numbers(estimates)})"
    if low == high:
        return f"every figure with a number is {style.number(low)}"
    if low == 0:
        return f"from {style.number(low)} to {style.number(high)}"
    return f"the highest figure ({style.number(high)}) is {high / low:.2f} times the lowest ({style.number(low)})"


def date_spread(estimates: pd.DataFrame, aside: str) -> str | None:
    """From the earliest day proposed to the latest; a date with no latest day ("August at
    the earliest") ends nowhere, and the spread says so rather than end it on its first day."""
    starts = estimates["date_from"].fillna(estimates["date_to"])
    if starts.isna().all():
        return None
    open_ended = estimates["date_from"].notna() & estimates["date_to"].isna()
    ends = estimates.loc[~open_ended, "date_to"].fillna(estimates.loc[~open_ended, "date_from"])
    first = starts.min()
    if open_ended.any():
        latest_start = estimates.loc[open_ended, "date_from"].max()
        return f"dates proposed from {style.day(first)} to {style.day(latest_start)} or later: one has no latest day{aside}"
    last = ends.max()
    return f"dates proposed from {style.day(first)} to {style.day(last)}: {(last - first).days} days apart{aside}"
