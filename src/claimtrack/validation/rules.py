"""The rules no Table Schema can say: across fields, across tables, across time.

Each table the rules read is first laid out as one frame (``FRAMES``): its typed
columns, and beside them what the rules need from the rows it points to (a claim's
measure's kind, its source's publication day, the claim that settled it) and the
first and last day each partial date can mean. Each rule then reads columns of that
frame: pandera hands it those columns and it says which rows break it. Cells that
already failed their own type check are missing here, so a broken cell is reported
once, not again by every rule that reads it.
"""

from __future__ import annotations

import pandas as pd

from claimtrack.model import lists, qualifiers
from claimtrack.model.corrections import LOG
from claimtrack.model.lifecycle import DATE_ONLY_STATUSES, SETTLED_STATUSES
from claimtrack.model.qualifiers import DATE_COLUMNS, MEASURE_FAMILY, NUMBER_COLUMNS, QUALIFIERS
from claimtrack.tables import kernels
from claimtrack.tables.typed import partial_date_span
from claimtrack.validation.context import Context
from claimtrack.validation.corrections import CORRECTIONS, corrections_frame
from claimtrack.validation.engine import Failing, Fails, Rule
from claimtrack.validation.quotes import contains, normalise

# --- The frames the rules read ------------------------------------------------------------------


def claims_frame(ctx: Context) -> pd.DataFrame:
    claims = ctx.tables["claims"]
    said_start, said_end = ctx.span("claims", "said_on")
    extra = {"said_on_start": said_start, "said_on_end": said_end, "as_of_start": ctx.span("claims", "as_of")[0]}
    if "measures" in ctx.tables:
        extra["measure_kind"] = ctx.follow("claims", "measure_id", "measures", "measure_id", "kind")
    # The latest day the claim can have been made: its own date, else its source's.
    extra["said_on_latest"] = said_end
    if "sources" in ctx.tables:
        published = ctx.follow("claims", "source_id", "sources", "source_id", "published_on")
        extra["source_published_on"] = published
        # A page dated to the month only was out by the month's last day.
        extra["source_published_end"] = partial_date_span(published)[1]
        extra["said_on_latest"] = said_end.fillna(extra["source_published_end"])
    for column in ("measure_id", "said_on"):
        extra[f"settled_by_{column}"] = ctx.follow("claims", "settled_by", "claims", "claim_id", column)
    return claims.assign(**extra)


def appearances_frame(ctx: Context) -> pd.DataFrame:
    appearances = ctx.tables["appearances"]
    extra = {}
    if "claims" in ctx.tables:
        extra["claim_source_id"] = ctx.follow("appearances", "claim_id", "claims", "claim_id", "source_id")
        said_on = ctx.follow("appearances", "claim_id", "claims", "claim_id", "said_on")
        extra["claim_said_on_start"] = partial_date_span(said_on)[0]
    if "sources" in ctx.tables:
        published = ctx.follow("appearances", "source_id", "sources", "source_id", "published_on")
        extra["source_published_on"] = published
        extra["source_published_end"] = partial_date_span(published)[1]
    return appearances.assign(**extra)


FRAMES = {"claims": claims_frame, "appearances": appearances_frame, LOG: corrections_frame}


def frame_for(ctx: Context, table: str) -> pd.DataFrame:
    """The frame the rules of ``table`` read: FRAMES' layout, or the typed table itself."""
    return FRAMES[table](ctx) if table in FRAMES else ctx.tables[table]


# --- Bounds and dates in order ------------------------------------------------------------------

ORDER = [
    Rule(
        "bounds-order",
        "low",
        Fails(lambda f: f["low"] > f["value"]),
        "the lower bound {low} is above the value {value}",
        reads=("value",),
    ),
    Rule(
        "bounds-order",
        "high",
        Fails(lambda f: f["value"] > f["high"]),
        "the upper bound {high} is below the value {value}",
        reads=("value",),
    ),
    Rule(
        "bounds-order",
        "high",
        Fails(lambda f: (f["low"] > f["high"]) & f["value"].isna()),
        "the upper bound {high} is below the lower bound {low}",
        reads=("low", "value"),
    ),
    Rule(
        "dates-order",
        "date_to",
        Fails(lambda f: f["date_from"] > f["date_to"]),
        "date_to {date_to} is before date_from {date_from}",
        reads=("date_from",),
    ),
]

# --- The figure's shape: measure kind, qualifier and bounds agree --------------------------------


def _kinds(family: str) -> list[str]:
    """The measure kinds that carry a family of figures ("number": count, duration)."""
    return [kind for kind, of in MEASURE_FAMILY.items() if of == family]


def _saying(qualifier: pd.Series, fact) -> pd.Series:
    """Whether each row's qualifier is one the qualifier table says ``fact`` of."""
    return qualifier.isin([q.word for q in QUALIFIERS.values() if fact(q)])


def _in_family(f: pd.DataFrame, family: str) -> pd.Series:
    """Both the qualifier and the measure's kind are of the family."""
    return f["qualifier"].isin(qualifiers.words(family)) & f["measure_kind"].isin(_kinds(family))


def _fits(f: pd.DataFrame) -> pd.Series:
    """The qualifier is one for the kind of measure the claim is of."""
    return _in_family(f, "number") | _in_family(f, "date")


def _measure_kind_rules() -> list[Rule]:
    rules = []
    for family, columns, wrong in (("number", DATE_COLUMNS, "dates"), ("date", NUMBER_COLUMNS, "numbers")):
        carries = "numbers in low, value and high" if family == "number" else "dates in date_from and date_to"
        for column in columns:
            rules.append(
                Rule(
                    "measure-kind",
                    column,
                    Fails(
                        lambda f, family=family, column=column: (
                            f["measure_kind"].isin(_kinds(family)) & f[column].notna()
                        )
                    ),
                    f"{{measure_id}} is a {{measure_kind}} measure: it carries {carries}, not {wrong}",
                    reads=("measure_id", "measure_kind"),
                )
            )
    return rules


def _qualifier_bounds_rules() -> list[Rule]:
    """Each qualifier carries exactly the bounds it speaks of, as the qualifier table says."""
    rules = []
    for column in NUMBER_COLUMNS + DATE_COLUMNS:

        def lacking(f: pd.DataFrame, column=column) -> pd.Series:
            return _fits(f) & _saying(f["qualifier"], lambda q: column in q.needs) & f[column].isna()

        def extra(f: pd.DataFrame, column=column) -> pd.Series:
            beyond = _saying(f["qualifier"], lambda q: column in q.columns and column not in q.takes)
            return _fits(f) & beyond & f[column].notna()

        def speaks_of(failing: Failing, column=column) -> list[str]:
            return [
                f"'{word}' takes no {column}: it speaks of {QUALIFIERS[word].meaning}"
                for word in failing.rows["qualifier"]
            ]

        reads = ("qualifier", "measure_kind")
        rules.append(
            Rule("qualifier-bounds", column, Fails(lacking), f"'{{qualifier}}' needs {column}, which is empty", reads)
        )
        rules.append(Rule("qualifier-bounds", column, Fails(extra), speaks_of, reads))
    return rules


SHAPE = [
    *_measure_kind_rules(),
    Rule(
        "qualifier-kind",
        "qualifier",
        Fails(
            lambda f: f["qualifier"].isin(list(QUALIFIERS)) & f["measure_kind"].isin(list(MEASURE_FAMILY)) & ~_fits(f)
        ),
        "'{qualifier}' is not a qualifier for a {measure_kind} measure like {measure_id}; "
        + f"numbers take {qualifiers.listing(qualifiers.words('number'))}; "
        + f"dates take {qualifiers.listing(qualifiers.words('date'))}",
        reads=("measure_kind", "measure_id"),
    ),
    *_qualifier_bounds_rules(),
    Rule(
        "status-kind",
        "status",
        Fails(
            lambda f: (
                f["status"].isin(DATE_ONLY_STATUSES)
                & f["measure_kind"].isin([kind for kind, family in MEASURE_FAMILY.items() if family != "date"])
            )
        ),
        "only a date can be '{status}'; {measure_id} is a {measure_kind} measure (use confirmed, superseded or retracted)",
        reads=("measure_id", "measure_kind"),
    ),
    Rule(
        "qualifier-bounds",
        "date_to",
        Fails(
            lambda f: (
                _saying(f["qualifier"], lambda q: q.one_day)
                & f["date_from"].notna()
                & f["date_to"].notna()
                & (f["date_from"] != f["date_to"])
            )
        ),
        f"'{{qualifier}}' names one day, so date_to must equal date_from ({{date_from}}); use '{qualifiers.BETWEEN}' for a span",
        reads=("qualifier", "date_from"),
    ),
]

# --- When: the dates of a claim agree with each other and with its source ------------------------

_NOT_STATED = "not stated"
_PUBLICATION_DATE = "publication date"


def _given_together(code: str, column: str, partner: str, missing: str, extra: str) -> list[Rule]:
    """``column`` is given exactly when ``partner`` is: reported on ``column`` with the
    message ``missing`` when it lacks, ``extra`` when it stands alone."""
    return [
        Rule(code, column, Fails(lambda f: f[partner].notna() & f[column].isna()), missing, reads=(partner,)),
        Rule(code, column, Fails(lambda f: f[partner].isna() & f[column].notna()), extra, reads=(partner,)),
    ]


DATES = [
    Rule(
        "said-on-basis",
        "said_on",
        Fails(lambda f: f["said_on"].isna() & f["said_on_basis"].notna() & (f["said_on_basis"] != _NOT_STATED)),
        f"said_on is empty but said_on_basis is '{{said_on_basis}}'; give the date, or set said_on_basis to '{_NOT_STATED}'",
        reads=("said_on_basis",),
    ),
    Rule(
        "said-on-basis",
        "said_on_basis",
        Fails(lambda f: f["said_on"].notna() & (f["said_on_basis"] == _NOT_STATED)),
        f"said_on_basis is '{_NOT_STATED}' but said_on gives {{said_on}}; say how the date is known",
        reads=("said_on",),
    ),
    *_given_together(
        "as-of-basis",
        "as_of_basis",
        "as_of",
        missing="as_of gives {as_of}, so as_of_basis must say how that date is known",
        extra="as_of_basis is '{as_of_basis}' but as_of is empty",
    ),
    # A claim cannot refer to a date after it was made: the earliest the figure's date
    # can be is compared with the latest the claim can have been made.
    Rule(
        "as-of-before-said",
        "as_of",
        Fails(lambda f: f["as_of_start"] > f["said_on_latest"]),
        "the figure is dated as of {as_of}, after the claim was made ({said_on_latest})",
        reads=("as_of_start", "said_on_latest"),
    ),
]

PUBLISHED = [
    Rule(
        "said-before-published",
        "said_on",
        Fails(lambda f: f["said_on_start"] > f["source_published_end"]),
        "the claim is dated {said_on}, after its source was published on {source_published_on}",
        reads=("said_on_start", "source_published_on", "source_published_end"),
    ),
    # A day that is not the publication day, or a date known only to the month.
    Rule(
        "said-on-basis",
        "said_on",
        Fails(
            lambda f: (
                (f["said_on_basis"] == _PUBLICATION_DATE)
                & f["said_on"].notna()
                & f["source_published_on"].notna()
                & (f["said_on"] != f["source_published_on"])
            )
        ),
        f"said_on_basis is '{_PUBLICATION_DATE}', but {{said_on}} is not the day the source was published ({{source_published_on}})",
        reads=("said_on_basis", "source_published_on"),
    ),
]

# --- What became of a claim: settled_by -----------------------------------------------------------

# Statuses that a later claim brings about; a confirmation may come from an earlier record.
OVERTAKEN = ("superseded", "retracted")


def _around_a_circle(f: pd.DataFrame) -> pd.Series:
    """Following settled_by from the claim leads back to it, through other claims."""
    circle = kernels.on_a_cycle(kernels.positions(f["settled_by"], f["claim_id"]))
    return pd.Series(circle, index=f.index) & ~(f["settled_by"] == f["claim_id"]).fillna(False)


SETTLED = [
    Rule(
        "settled-by",
        "settled_by",
        Fails(lambda f: (f["status"] == "superseded") & f["settled_by"].isna()),
        "a superseded claim names the claim that superseded it in settled_by",
        reads=("status",),
    ),
    Rule(
        "settled-by",
        "settled_by",
        Fails(lambda f: f["settled_by"].notna() & ~f["status"].isin(SETTLED_STATUSES)),
        "settled_by names a claim, but the status is '{status}'; a settled claim's status is one of "
        + ", ".join(SETTLED_STATUSES),
        reads=("status",),
    ),
    Rule(
        "settled-by",
        "settled_by",
        Fails(lambda f: f["settled_by"].notna() & (f["settled_by"] == f["claim_id"])),
        "a claim cannot settle itself",
        reads=("claim_id",),
    ),
    Rule(
        "settled-by",
        "settled_by",
        Fails(_around_a_circle),
        "settled_by goes round in a circle: following it from this claim ({claim_id}) leads back to it",
        reads=("claim_id",),
    ),
    Rule(
        "settled-by",
        "settled_by",
        Fails(
            lambda f: (
                f["settled_by"].notna()
                & f["settled_by_measure_id"].notna()
                & (f["settled_by_measure_id"] != f["measure_id"])
            )
        ),
        "{settled_by} is a claim about {settled_by_measure_id}, not {measure_id}: a claim is settled by a claim of the same measure",
        reads=("settled_by_measure_id", "measure_id"),
    ),
    Rule(
        "settled-by",
        "settled_by",
        Fails(
            lambda f: (
                f["settled_by"].notna()
                & f["status"].isin(OVERTAKEN)
                & (partial_date_span(f["settled_by_said_on"])[1] < f["said_on_start"])
            )
        ),
        "{settled_by} was made on {settled_by_said_on}, before this claim ({said_on}): a claim is superseded or retracted by a later one",
        reads=("status", "settled_by_said_on", "said_on_start", "said_on"),
    ),
]

# --- Each claim once, and its figure in its own words --------------------------------------------

# Two rows with these in common record the same claim twice.
SAME_CLAIM = ["measure_id", "claimant_id", "source_id", "figure_text", "quote"]


def _same_claim_keys(f: pd.DataFrame) -> pd.Series:
    """The five columns joined into one key (by a separator no cell holds), for the rows
    whose quote comes again: only those can repeat a claim; missing for the others."""
    again = f["quote"].duplicated(keep=False).to_numpy() & f["quote"].notna().to_numpy()
    key = pd.Series(pd.NA, index=f.index, dtype="str")
    if again.any():
        some = f[again]
        key[again] = kernels.joined([some[c] for c in SAME_CLAIM], "\x1f")
    return key


def _repeated_claim(f: pd.DataFrame) -> pd.Series:
    key = _same_claim_keys(f)
    return key.duplicated(keep="first") & key.notna()


def _first_recorded(failing: Failing) -> list[str]:
    keys = _same_claim_keys(failing.frame)
    firsts = kernels.lookup(keys.loc[failing.rows.index], keys, failing.frame["claim_id"])
    return [
        f"this claim is already recorded as {first}: same measure, claimant, source, figure and quote"
        for first in firsts
    ]


def _not_in_quote(column: str):
    """A test that fails the rows whose ``column`` is given but not in their quote."""

    def test(f: pd.DataFrame) -> pd.Series:
        # Word for word first; only the few that differ are compared again with their
        # typographic quotes and spaces folded.
        words = f[column]
        found = pd.Series(contains(f["quote"], words), index=f.index)
        differ = ~found & f["quote"].notna() & words.notna()
        if differ.any():
            found[differ] = contains(normalise(f.loc[differ, "quote"]), normalise(words[differ]))
        return ~(found | f["quote"].isna() | words.isna())

    return test


WORDING = [
    Rule("duplicate-claim", "claim_id", Fails(_repeated_claim), _first_recorded, reads=tuple(SAME_CLAIM)),
    Rule(
        "figure-in-quote",
        "figure_text",
        Fails(_not_in_quote("figure_text")),
        "the figure's words are not in the quote; copy them exactly as the quote has them",
        reads=("quote",),
    ),
    Rule(
        "hedge-in-quote",
        "hedge",
        Fails(_not_in_quote("hedge")),
        "the hedge is not in the quote: give the source's own words of uncertainty, exactly as the quote has them",
        reads=("quote",),
    ),
]

# --- Through whom: via_id and via_relation -------------------------------------------------------

VIA = _given_together(
    "via-relation",
    "via_relation",
    "via_id",
    missing="via_id names {via_id}: say how the claim reached it, 'told' or 'reported by'",
    extra="via_relation is '{via_relation}' but via_id is empty",
)

# --- Topics: the package's own ------------------------------------------------------------------


def topic_rules(topics: list[str]) -> list[Rule]:
    """A measure's topic is one the descriptor declares: a mistyped topic would start a
    story thread of its own."""
    declared = list(topics)
    listed = ", ".join(declared) if declared else "none is declared yet"
    return [
        Rule(
            "topic-declared",
            "topic",
            Fails(lambda f: f["topic"].notna() & ~f["topic"].isin(declared)),
            f"'{{topic}}' is not one of the package's topics ({listed}): declare it under topics in datapackage.json, "
            "or add the measure with claimtrack measure add --new-topic",
        )
    ]


# --- Sources and appearances ---------------------------------------------------------------------


def _url_again(f: pd.DataFrame) -> pd.Series:
    return f["url"].duplicated(keep="first") & f["url"].notna()


def _first_with_url(failing: Failing) -> list[str]:
    firsts = kernels.lookup(
        failing.frame.loc[failing.rows.index, "url"], failing.frame["url"], failing.frame["source_id"]
    )
    return [
        f"{first} already has this URL: one document is one source; a second report of a claim is an appearance"
        for first in firsts
    ]


SOURCES = [
    Rule("duplicate-source", "url", Fails(_url_again), _first_with_url, reads=("source_id",)),
    Rule(
        "archive-fingerprint",
        "archive_sha256",
        Fails(lambda f: f["archive_file"].notna() & f["archive_sha256"].isna()),
        "the archived text {archive_file} needs its SHA-256 fingerprint here (sha256sum prints it)",
        reads=("archive_file",),
    ),
]

APPEARANCES_OF_CLAIMS = [
    Rule(
        "appearance-source",
        "source_id",
        Fails(lambda f: f["claim_source_id"] == f["source_id"]),
        "{source_id} is already the claim's own source in claims.csv",
        reads=("claim_source_id",),
    )
]

APPEARANCES_PUBLISHED = [
    Rule(
        "said-before-published",
        "source_id",
        Fails(lambda f: f["claim_said_on_start"] > f["source_published_end"]),
        "the claim was made on {claim_said_on_start}, after this source was published on {source_published_on}",
        reads=("claim_said_on_start", "source_published_on", "source_published_end"),
    )
]


# --- Lists in a cell: a claimant's aliases, a measure's keywords ---------------------------------


def _items(column: pd.Series) -> pd.DataFrame:
    """One row per item of each list cell: the row it stands in, the item as written
    (trimmed; "" when empty) and the item as items are compared."""
    split = column.dropna().map(lists.split).explode().dropna()
    return pd.DataFrame(
        {
            "row": split.index.to_numpy(),
            "item": split.to_numpy(dtype=object),
            "key": split.map(lists.folded).to_numpy(dtype=object),
        }
    )


def _empty(items: pd.DataFrame, f: pd.DataFrame) -> pd.Series:
    return items["item"] == ""


def _again(items: pd.DataFrame, f: pd.DataFrame) -> pd.Series:
    return (items["key"] != "") & items.duplicated(["row", "key"])


def _own_name(items: pd.DataFrame, f: pd.DataFrame) -> pd.Series:
    names = f["name"].map(lists.folded, na_action="ignore")
    return (items["key"] != "") & (items["row"].map(names) == items["key"])


def _list_rule(column: str, offending, template: str, reads: tuple[str, ...]) -> Rule:
    """The rows of a list column with an item ``offending`` finds wanting; the message
    names each row's first such item."""

    def test(f: pd.DataFrame) -> pd.Series:
        items = _items(f[column])
        return pd.Series(f.index.isin(items["row"][offending(items, f).to_numpy(dtype=bool)]), index=f.index)

    def message(failing: Failing) -> list[str]:
        items = _items(failing.frame[column])
        first = items[offending(items, failing.frame).to_numpy(dtype=bool)].groupby("row")["item"].first()
        return [template.format(item=first.get(row, "")) for row in failing.rows.index]

    return Rule("list-item", column, Fails(test), message, reads)


def _list_rules(column: str, one: str, reads: tuple[str, ...] = (), own_name: bool = False) -> list[Rule]:
    """The rules of a list column whose items are each ``one`` ("an alias"); with
    ``own_name``, no item may be the row's own name."""
    rules = [
        _list_rule(
            column,
            _empty,
            f"{one} is empty: put one | between each two {column}, and none before the first or after the last",
            reads,
        ),
        _list_rule(column, _again, f"'{{item}}' is listed twice: list each of the {column} once", reads),
    ]
    if own_name:
        rules.append(
            _list_rule(
                column, _own_name, f"'{{item}}' is the claimant's own name: {one} is another name it goes by", reads
            )
        )
    return rules


def _names_and_aliases(f: pd.DataFrame) -> pd.DataFrame:
    """Every name and alias of the claimants, once per claimant: row, key and what it is."""
    names = f["name"].dropna()
    entries = pd.concat(
        [
            pd.DataFrame({"row": names.index.to_numpy(), "key": names.map(lists.folded).to_numpy(), "is": "name"}),
            _items(f["aliases"]).drop(columns="item").assign(**{"is": "alias"}),
        ],
        ignore_index=True,
    )
    return entries[entries["key"] != ""].drop_duplicates(["row", "key"])


def _ambiguous(f: pd.DataFrame) -> pd.Series:
    entries = _names_and_aliases(f)
    shared = entries["key"].map(entries["key"].value_counts()) > 1
    return pd.Series(f.index.isin(entries["row"][shared & (entries["is"] == "alias")]), index=f.index)


def _also_named(failing: Failing) -> list[str]:
    f = failing.frame
    entries = _names_and_aliases(f)
    items = _items(f["aliases"])
    messages = []
    for row in failing.rows.index:
        clashes = []
        for item, key in items.loc[items["row"] == row, ["item", "key"]].drop_duplicates("key").itertuples(index=False):
            others = entries[(entries["key"] == key) & (entries["row"] != row)]
            clashes += [
                f"'{item}' is also {'the name' if what == 'name' else 'an alias'} of {f.at[other, 'claimant_id']}"
                for other, what in zip(others["row"], others["is"])
            ]
        messages.append("; ".join(clashes) + ": an alias names one claimant, or extract cannot tell whom it means")
    return messages


CLAIMANT_LISTS = [
    *_list_rules("aliases", "an alias", reads=("name",), own_name=True),
    Rule("ambiguous-alias", "aliases", Fails(_ambiguous), _also_named, reads=("name", "claimant_id")),
]
MEASURE_LISTS = _list_rules("keywords", "a keyword")


# The rules of each table, with the other tables each set needs: a set whose tables
# could not be read is left out (their own problems say why).
RULES: dict[str, list[tuple[tuple[str, ...], list[Rule]]]] = {
    "claims": [
        ((), ORDER),
        (("measures",), SHAPE),
        ((), DATES),
        (("sources",), PUBLISHED),
        ((), SETTLED),
        ((), VIA),
        ((), WORDING),
    ],
    "sources": [((), SOURCES)],
    "claimants": [((), CLAIMANT_LISTS)],
    "measures": [((), MEASURE_LISTS)],
    "appearances": [((), VIA), (("claims",), APPEARANCES_OF_CLAIMS), (("claims", "sources"), APPEARANCES_PUBLISHED)],
    LOG: [((), CORRECTIONS)],
}


def rules_for(ctx: Context, table: str) -> list[Rule]:
    """The rules of ``table`` whose other tables are there to be read."""
    return [rule for needs, rules in RULES.get(table, []) for rule in rules if all(t in ctx.tables for t in needs)]
