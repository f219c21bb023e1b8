"""The rules no Table Schema can say: across fields, across tables, across time.

Each rule is vectorised over the typed tables and reports in one column of one
table; ``checks.run`` hands them to pandera. Cells that already failed their own
type check are missing here, so a broken cell is reported once, not again by
every rule that reads it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from claimtrack.model import qualifiers
from claimtrack.model.lifecycle import DATE_ONLY_STATUSES, SETTLED_STATUSES
from claimtrack.model.qualifiers import DATE_COLUMNS, MEASURE_FAMILY, NUMBER_COLUMNS, QUALIFIERS
from claimtrack.tables import kernels
from claimtrack.tables.typed import partial_date_span
from claimtrack.validation.context import Context
from claimtrack.validation.engine import Rule
from claimtrack.validation.quotes import contains, normalise


def _fmt(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)) or value is pd.NaT:
        return "empty"
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return str(value)


def explain_from(template: str, **columns: pd.Series):
    """An explanation that fills ``template`` from the failing row's values."""

    def explain(index: pd.Index) -> list[str]:
        rows = pd.DataFrame({name: series.loc[index] for name, series in columns.items()}, index=index)
        return [template.format(**{k: _fmt(v) for k, v in row.items()}) for _, row in rows.iterrows()]

    return explain


def claim_rules(ctx: Context) -> list[Rule]:
    claims = ctx.tables["claims"]
    rules: list[Rule] = []
    rules += _bounds_rules(claims)
    if "measures" in ctx.tables:
        rules += _figure_shape_rules(ctx, claims)
    rules += _date_rules(ctx, claims)
    rules += _settled_rules(ctx, claims)
    rules += via_rules(claims)
    rules += _duplicate_rules(claims)
    rules += _wording_rules(claims)
    return rules


def _bounds_rules(claims: pd.DataFrame) -> list[Rule]:
    low, value, high = claims["low"], claims["value"], claims["high"]
    start, end = claims["date_from"], claims["date_to"]
    return [
        Rule(
            "bounds-order",
            "low",
            lambda: ~(low > value).fillna(False),
            explain_from("the lower bound {low} is above the value {value}", low=low, value=value),
        ),
        Rule(
            "bounds-order",
            "high",
            lambda: ~(value > high).fillna(False),
            explain_from("the upper bound {high} is below the value {value}", high=high, value=value),
        ),
        Rule(
            "bounds-order",
            "high",
            lambda: ~((low > high) & value.isna()).fillna(False),
            explain_from("the upper bound {high} is below the lower bound {low}", high=high, low=low),
        ),
        Rule(
            "dates-order",
            "date_to",
            lambda: ~(start > end).fillna(False),
            explain_from("date_to {end} is before date_from {start}", end=end, start=start),
        ),
    ]


def _figure_shape_rules(ctx: Context, claims: pd.DataFrame) -> list[Rule]:
    """Count measures carry numbers, date measures carry dates, and each qualifier
    carries exactly the bounds it speaks of."""
    kind = ctx.follow("claims", "measure_id", "measures", "measure_id", "kind")
    measure_family = pd.Series(
        np.append(kind_families(ctx.tables["measures"]["kind"]), None)[
            ctx.positions("claims", "measure_id", "measures", "measure_id")
        ],
        index=claims.index,
    )
    qualifier = claims["qualifier"]
    # Which qualifier each row has, as a position in QUALIFIERS (-1: none), read once.
    which = kernels.positions(qualifier, pd.Series(list(QUALIFIERS), dtype="str"))

    def per_row(values: list, missing=None) -> np.ndarray:
        return np.append(np.asarray(values, dtype=object if missing is None else bool), missing)[which]

    qualifier_family = pd.Series(per_row([q.family for q in QUALIFIERS.values()]), index=claims.index, dtype=object)
    rules: list[Rule] = []
    for family, columns, wrong in (("number", DATE_COLUMNS, "dates"), ("date", NUMBER_COLUMNS, "numbers")):
        carries = "numbers in low, value and high" if family == "number" else "dates in date_from and date_to"
        for column in columns:
            present = claims[column].notna()
            bad = (measure_family == family) & present
            rules.append(
                Rule(
                    "measure-kind",
                    column,
                    lambda bad=bad: ~bad.fillna(False),
                    explain_from(
                        f"{{measure}} is a {{kind}} measure: it carries {carries}, not {wrong}",
                        measure=claims["measure_id"],
                        kind=kind,
                    ),
                )
            )
    mismatch = qualifier_family.notna() & measure_family.notna() & (qualifier_family != measure_family)
    rules.append(
        Rule(
            "qualifier-kind",
            "qualifier",
            lambda: ~mismatch,
            explain_from(
                "'{qualifier}' is not a qualifier for a {kind} measure like {measure}; "
                + f"numbers take {qualifiers.listing(qualifiers.words('number'))}; "
                + f"dates take {qualifiers.listing(qualifiers.words('date', asserting_only=True))}",
                qualifier=qualifier,
                kind=kind,
                measure=claims["measure_id"],
            ),
        )
    )
    fits = qualifier_family.notna() & (qualifier_family == measure_family)
    for column in NUMBER_COLUMNS + DATE_COLUMNS:
        needs = per_row([column in q.needs for q in QUALIFIERS.values()], False)
        own = per_row([column in q.columns for q in QUALIFIERS.values()], False)
        takes = per_row([column in q.takes for q in QUALIFIERS.values()], False)
        present = claims[column].notna()
        lacking = fits & needs & ~present
        extra = fits & own & ~takes & present
        rules.append(
            Rule(
                "qualifier-bounds",
                column,
                lambda lacking=lacking: ~lacking,
                explain_from(f"'{{qualifier}}' needs {column}, which is empty", qualifier=qualifier),
            )
        )
        rules.append(
            Rule(
                "qualifier-bounds",
                column,
                lambda extra=extra: ~extra,
                explain_from(
                    f"'{{qualifier}}' takes no {column}: it speaks of {{meaning}}",
                    qualifier=qualifier,
                    meaning=pd.Series(
                        per_row([q.meaning for q in QUALIFIERS.values()]), index=claims.index, dtype=object
                    ),
                ),
            )
        )
    date_only = claims["status"].isin(DATE_ONLY_STATUSES) & measure_family.notna() & (measure_family != "date")
    rules.append(
        Rule(
            "status-kind",
            "status",
            lambda: ~date_only,
            explain_from(
                "only a date can be '{status}'; {measure} is a {kind} measure (use confirmed, superseded or retracted)",
                status=claims["status"],
                measure=claims["measure_id"],
                kind=kind,
            ),
        )
    )
    one_day = qualifier.isin([q.word for q in QUALIFIERS.values() if q.one_day])
    one_day &= claims["date_from"].notna() & claims["date_to"].notna()
    differs = one_day & (claims["date_from"] != claims["date_to"])
    rules.append(
        Rule(
            "qualifier-bounds",
            "date_to",
            lambda: ~differs.fillna(False),
            explain_from(
                f"'{{qualifier}}' names one day, so date_to must equal date_from ({{start}}); use '{qualifiers.BETWEEN}' for a span",
                qualifier=qualifier,
                start=claims["date_from"],
            ),
        )
    )
    return rules


def kind_families(kinds: pd.Series) -> np.ndarray:
    """The family of figures ("number", "date") of each measure kind; None for an unknown kind."""
    return np.array([MEASURE_FAMILY.get(k) if isinstance(k, str) else None for k in kinds], dtype=object)


def _date_rules(ctx: Context, claims: pd.DataFrame) -> list[Rule]:
    said_start, said_end = ctx.span("claims", "said_on")
    as_of_start, _ = ctx.span("claims", "as_of")
    basis = claims["said_on_basis"]
    said = claims["said_on"].notna()
    not_stated = basis == "not stated"
    rules = [
        Rule(
            "said-on-basis",
            "said_on",
            lambda: ~(~said & basis.notna() & ~not_stated).fillna(False),
            explain_from(
                "said_on is empty but said_on_basis is '{basis}'; give the date, or set said_on_basis to 'not stated'",
                basis=basis,
            ),
        ),
        Rule(
            "said-on-basis",
            "said_on_basis",
            lambda: ~(said & not_stated).fillna(False),
            explain_from(
                "said_on_basis is 'not stated' but said_on gives {said}; say how the date is known",
                said=claims["said_on"],
            ),
        ),
        Rule(
            "as-of-basis",
            "as_of_basis",
            lambda: ~(claims["as_of"].notna() & claims["as_of_basis"].isna()).fillna(False),
            explain_from("as_of gives {as_of}, so as_of_basis must say how that date is known", as_of=claims["as_of"]),
        ),
        Rule(
            "as-of-basis",
            "as_of_basis",
            lambda: ~(claims["as_of"].isna() & claims["as_of_basis"].notna()).fillna(False),
            explain_from("as_of_basis is '{basis}' but as_of is empty", basis=claims["as_of_basis"]),
        ),
    ]
    # A claim cannot refer to a date after it was made: compare the earliest the
    # figure's date can be with the latest the claim can have been made.
    said_latest = said_end.copy()
    if "sources" in ctx.tables:
        published = ctx.follow("claims", "source_id", "sources", "source_id", "published_on").astype("datetime64[ns]")
        rules.append(
            Rule(
                "said-before-published",
                "said_on",
                lambda: ~(said_start > published).fillna(False),
                explain_from(
                    "the claim is dated {said}, after its source was published on {published}",
                    said=claims["said_on"],
                    published=published,
                ),
            )
        )
        said_latest = said_latest.fillna(published)
        # A day that is not the publication day, or a date known only to the month.
        off_date = (
            (basis == "publication date")
            & said
            & published.notna()
            & ((said_start != published) | (said_start != said_end))
        )
        rules.append(
            Rule(
                "said-on-basis",
                "said_on",
                lambda: ~off_date.fillna(False),
                explain_from(
                    "said_on_basis is 'publication date', but {said} is not the day the source was published ({published})",
                    said=claims["said_on"],
                    published=published,
                ),
            )
        )
    rules.append(
        Rule(
            "as-of-before-said",
            "as_of",
            lambda: ~(as_of_start > said_latest).fillna(False),
            explain_from(
                "the figure is dated as of {as_of}, after the claim was made ({said})",
                as_of=claims["as_of"],
                said=said_latest,
            ),
        )
    )
    return rules


# Statuses that a later claim brings about; a confirmation may come from an earlier record.
OVERTAKEN = ("superseded", "retracted")


def _settled_rules(ctx: Context, claims: pd.DataFrame) -> list[Rule]:
    status, settled_by = claims["status"], claims["settled_by"]
    following = ctx.positions("claims", "settled_by", "claims", "claim_id")
    circle = kernels.on_a_cycle(following)
    settler_measure = ctx.follow("claims", "settled_by", "claims", "claim_id", "measure_id")
    settler_said = ctx.follow("claims", "settled_by", "claims", "claim_id", "said_on")
    own_start, _ = ctx.span("claims", "said_on")
    _, settler_end = partial_date_span(settler_said)
    has = settled_by.notna()
    return [
        Rule(
            "settled-by",
            "settled_by",
            lambda: ~((status == "superseded") & ~has).fillna(False),
            explain_from("a superseded claim names the claim that superseded it in settled_by"),
        ),
        Rule(
            "settled-by",
            "settled_by",
            lambda: ~(has & ~status.isin(SETTLED_STATUSES)).fillna(False),
            explain_from(
                "settled_by names a claim, but the status is '{status}'; a settled claim's status is one of "
                + ", ".join(SETTLED_STATUSES),
                status=status,
            ),
        ),
        Rule(
            "settled-by",
            "settled_by",
            lambda: ~(has & (settled_by == claims["claim_id"])).fillna(False),
            explain_from("a claim cannot settle itself"),
        ),
        Rule(
            "settled-by",
            "settled_by",
            lambda: pd.Series(~circle, index=claims.index) | (settled_by == claims["claim_id"]).fillna(False),
            explain_from(
                "settled_by goes round in a circle: following it from this claim ({claim}) leads back to it",
                claim=claims["claim_id"],
            ),
        ),
        Rule(
            "settled-by",
            "settled_by",
            lambda: ~(has & settler_measure.notna() & (settler_measure != claims["measure_id"])).fillna(False),
            explain_from(
                "{by} is a claim about {other}, not {measure}: a claim is settled by a claim of the same measure",
                by=settled_by,
                other=settler_measure,
                measure=claims["measure_id"],
            ),
        ),
        Rule(
            "settled-by",
            "settled_by",
            lambda: ~(has & status.isin(OVERTAKEN) & (settler_end < own_start)).fillna(False),
            explain_from(
                "{by} was made on {theirs}, before this claim ({ours}): a claim is superseded or retracted by a later one",
                by=settled_by,
                theirs=settler_said,
                ours=claims["said_on"],
            ),
        ),
    ]


# Two rows with these in common record the same claim twice.
SAME_CLAIM = ["measure_id", "claimant_id", "source_id", "figure_text", "quote"]


def _duplicate_rules(claims: pd.DataFrame) -> list[Rule]:
    # Only rows whose quote comes again can repeat a claim; for those few, the five
    # columns are joined into one key (by a separator no cell holds) and compared.
    again = claims["quote"].duplicated(keep=False).to_numpy() & claims["quote"].notna().to_numpy()
    key = pd.Series(pd.NA, index=claims.index, dtype="str")
    repeated = pd.Series(False, index=claims.index)
    if again.any():
        some = claims[again]
        key[again] = kernels.joined([some[c] for c in SAME_CLAIM], "\x1f")
        repeated[again] = key[again].duplicated(keep="first") & key[again].notna()

    def first_of(index: pd.Index) -> list[str]:
        firsts = kernels.lookup(key.loc[index], key, claims["claim_id"])
        return [
            f"this claim is already recorded as {first}: same measure, claimant, source, figure and quote"
            for first in firsts
        ]

    return [
        Rule(
            "duplicate-claim",
            "claim_id",
            lambda: ~repeated,
            first_of,
        )
    ]


def via_rules(frame: pd.DataFrame) -> list[Rule]:
    via, relation = frame["via_id"].notna(), frame["via_relation"].notna()
    return [
        Rule(
            "via-relation",
            "via_relation",
            lambda: ~(via & ~relation),
            explain_from(
                "via_id names {via}: say how the claim reached it, 'told' or 'reported by'", via=frame["via_id"]
            ),
        ),
        Rule(
            "via-relation",
            "via_relation",
            lambda: ~(relation & ~via),
            explain_from("via_relation is '{relation}' but via_id is empty", relation=frame["via_relation"]),
        ),
    ]


def _wording_rules(claims: pd.DataFrame) -> list[Rule]:
    # Word for word first; only the few that differ are compared again with their
    # typographic quotes and spaces folded.
    found = pd.Series(contains(claims["quote"], claims["figure_text"]), index=claims.index)
    differ = ~found & claims["quote"].notna()
    if differ.any():
        found[differ] = contains(normalise(claims.loc[differ, "quote"]), normalise(claims.loc[differ, "figure_text"]))
    found |= claims["quote"].isna()
    return [
        Rule(
            "figure-in-quote",
            "figure_text",
            lambda: found,
            explain_from("the figure's words are not in the quote; copy them exactly as the quote has them"),
        )
    ]


def source_rules(ctx: Context) -> list[Rule]:
    sources = ctx.tables["sources"]
    lacking = sources["archive_file"].notna() & sources["archive_sha256"].isna()
    return [
        Rule(
            "archive-fingerprint",
            "archive_sha256",
            lambda: ~lacking,
            explain_from(
                "the archived text {file} needs its SHA-256 fingerprint here (sha256sum prints it)",
                file=sources["archive_file"],
            ),
        )
    ]


def appearance_rules(ctx: Context) -> list[Rule]:
    appearances = ctx.tables["appearances"]
    rules = via_rules(appearances)
    if "claims" not in ctx.tables:
        return rules
    own_source = ctx.follow("appearances", "claim_id", "claims", "claim_id", "source_id")
    same = (own_source == appearances["source_id"]).fillna(False)
    rules.append(
        Rule(
            "appearance-source",
            "source_id",
            lambda: ~same,
            explain_from("{source} is already the claim's own source in claims.csv", source=appearances["source_id"]),
        )
    )
    if "sources" in ctx.tables:
        said_start, _ = partial_date_span(ctx.follow("appearances", "claim_id", "claims", "claim_id", "said_on"))
        published = ctx.follow("appearances", "source_id", "sources", "source_id", "published_on").astype(
            "datetime64[ns]"
        )
        rules.append(
            Rule(
                "said-before-published",
                "source_id",
                lambda: ~(said_start > published).fillna(False),
                explain_from(
                    "the claim was made on {said}, after this source was published on {published}",
                    said=said_start,
                    published=published,
                ),
            )
        )
    return rules


RULES = {"claims": claim_rules, "sources": source_rules, "appearances": appearance_rules}
