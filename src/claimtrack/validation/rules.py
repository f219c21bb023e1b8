"""The rules no Table Schema can say: across fields, across tables, across time.

Each table the rules read is first laid out as one frame (``FRAMES``, polars): its
typed columns, and beside them what the rules need from the rows it points to (a
claim's measure's kind, its source's publication day, the claim that settled it) and
the first and last day each partial date can mean. Each rule is a polars expression
of that frame's columns (or, where it needs a join or a list split into its items, a
function of the frame): pandera runs it and says which rows break it. Cells that
already failed their own type check are missing here, so a broken cell is reported
once, not again by every rule that reads it. A missing value is in no list
(``_isin``): a rule asks of a cell that is there.
"""

from __future__ import annotations

import polars as pl

from claimtrack.model import lists, qualifiers
from claimtrack.model.corrections import LOG
from claimtrack.model.lifecycle import DATE_ONLY_STATUSES, SETTLED_STATUSES
from claimtrack.model.qualifiers import DATE_COLUMNS, MEASURE_FAMILY, NUMBER_COLUMNS, QUALIFIERS
from claimtrack.tables import kernels
from claimtrack.tables.typed import partial_date_span
from claimtrack.validation.context import Context
from claimtrack.validation.corrections import CORRECTIONS, corrections_frame
from claimtrack.validation.engine import Failing, Fails, Rule
from claimtrack.validation.quotes import normalise

c = pl.col


def _isin(column: pl.Expr, values) -> pl.Expr:
    """Whether the cell is one of ``values``: never for a missing cell."""
    return column.is_in(list(values)).fill_null(False)


def _rows(frame: pl.LazyFrame, rows: pl.Series) -> pl.LazyFrame:
    """One boolean column: True at the positions ``rows``."""
    return frame.select(pl.int_range(pl.len(), dtype=pl.UInt32).is_in(rows.cast(pl.UInt32).implode()).alias("broken"))


# --- The frames the rules read ------------------------------------------------------------------


def claims_frame(ctx: Context) -> pl.DataFrame:
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
        extra["said_on_latest"] = said_end.fill_null(extra["source_published_end"])
    for column in ("measure_id", "said_on"):
        extra[f"settled_by_{column}"] = ctx.follow("claims", "settled_by", "claims", "claim_id", column)
    extra["settled_by_said_on_end"] = partial_date_span(extra["settled_by_said_on"])[1]
    return claims.with_columns(series.alias(name) for name, series in extra.items())


def appearances_frame(ctx: Context) -> pl.DataFrame:
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
    return appearances.with_columns(series.alias(name) for name, series in extra.items())


FRAMES = {"claims": claims_frame, "appearances": appearances_frame, LOG: corrections_frame}


def frame_for(ctx: Context, table: str) -> pl.DataFrame:
    """The frame the rules of ``table`` read: FRAMES' layout, or the typed table itself."""
    return FRAMES[table](ctx) if table in FRAMES else ctx.tables[table]


# --- Bounds and dates in order ------------------------------------------------------------------

ORDER = [
    Rule(
        "bounds-order",
        "low",
        Fails(c("low") > c("value")),
        "the lower bound {low} is above the value {value}",
        reads=("value",),
    ),
    Rule(
        "bounds-order",
        "high",
        Fails(c("value") > c("high")),
        "the upper bound {high} is below the value {value}",
        reads=("value",),
    ),
    Rule(
        "bounds-order",
        "high",
        Fails((c("low") > c("high")) & c("value").is_null()),
        "the upper bound {high} is below the lower bound {low}",
        reads=("low", "value"),
    ),
    Rule(
        "dates-order",
        "date_to",
        Fails(c("date_from") > c("date_to")),
        "date_to {date_to} is before date_from {date_from}",
        reads=("date_from",),
    ),
]

# --- The figure's shape: measure kind, qualifier and bounds agree --------------------------------


def _kinds(family: str) -> list[str]:
    """The measure kinds that carry a family of figures ("number": count, duration)."""
    return [kind for kind, of in MEASURE_FAMILY.items() if of == family]


def _saying(fact) -> pl.Expr:
    """Whether each row's qualifier is one the qualifier table says ``fact`` of."""
    return _isin(c("qualifier"), [q.word for q in QUALIFIERS.values() if fact(q)])


def _in_family(family: str) -> pl.Expr:
    """Both the qualifier and the measure's kind are of the family."""
    return _isin(c("qualifier"), qualifiers.words(family)) & _isin(c("measure_kind"), _kinds(family))


def _fits() -> pl.Expr:
    """The qualifier is one for the kind of measure the claim is of."""
    return _in_family("number") | _in_family("date")


def _measure_kind_rules() -> list[Rule]:
    rules = []
    for family, columns, wrong in (("number", DATE_COLUMNS, "dates"), ("date", NUMBER_COLUMNS, "numbers")):
        carries = "numbers in low, value and high" if family == "number" else "dates in date_from and date_to"
        for column in columns:
            rules.append(
                Rule(
                    "measure-kind",
                    column,
                    Fails(_isin(c("measure_kind"), _kinds(family)) & c(column).is_not_null()),
                    f"{{measure_id}} is a {{measure_kind}} measure: it carries {carries}, not {wrong}",
                    reads=("measure_id", "measure_kind"),
                )
            )
    return rules


def _qualifier_bounds_rules() -> list[Rule]:
    """Each qualifier carries exactly the bounds it speaks of, as the qualifier table says."""
    rules = []
    for column in NUMBER_COLUMNS + DATE_COLUMNS:
        lacking = _fits() & _saying(lambda q, column=column: column in q.needs) & c(column).is_null()
        beyond = _saying(lambda q, column=column: column in q.columns and column not in q.takes)
        extra = _fits() & beyond & c(column).is_not_null()

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
        Fails(_isin(c("qualifier"), QUALIFIERS) & _isin(c("measure_kind"), MEASURE_FAMILY) & ~_fits()),
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
            _isin(c("status"), DATE_ONLY_STATUSES)
            & _isin(c("measure_kind"), [kind for kind, family in MEASURE_FAMILY.items() if family != "date"])
        ),
        "only a date can be '{status}'; {measure_id} is a {measure_kind} measure (use confirmed, superseded or retracted)",
        reads=("measure_id", "measure_kind"),
    ),
    Rule(
        "qualifier-bounds",
        "date_to",
        Fails(
            _saying(lambda q: q.one_day)
            & c("date_from").is_not_null()
            & c("date_to").is_not_null()
            & (c("date_from") != c("date_to"))
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
        Rule(code, column, Fails(c(partner).is_not_null() & c(column).is_null()), missing, reads=(partner,)),
        Rule(code, column, Fails(c(partner).is_null() & c(column).is_not_null()), extra, reads=(partner,)),
    ]


DATES = [
    Rule(
        "said-on-basis",
        "said_on",
        Fails(c("said_on").is_null() & c("said_on_basis").is_not_null() & (c("said_on_basis") != _NOT_STATED)),
        f"said_on is empty but said_on_basis is '{{said_on_basis}}'; give the date, or set said_on_basis to '{_NOT_STATED}'",
        reads=("said_on_basis",),
    ),
    Rule(
        "said-on-basis",
        "said_on_basis",
        Fails(c("said_on").is_not_null() & (c("said_on_basis") == _NOT_STATED)),
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
        Fails(c("as_of_start") > c("said_on_latest")),
        "the figure is dated as of {as_of}, after the claim was made ({said_on_latest})",
        reads=("as_of_start", "said_on_latest"),
    ),
]

PUBLISHED = [
    Rule(
        "said-before-published",
        "said_on",
        Fails(c("said_on_start") > c("source_published_end")),
        "the claim is dated {said_on}, after its source was published on {source_published_on}",
        reads=("said_on_start", "source_published_on", "source_published_end"),
    ),
    # A day that is not the publication day, or a date known only to the month.
    Rule(
        "said-on-basis",
        "said_on",
        Fails(
            (c("said_on_basis") == _PUBLICATION_DATE)
            & c("said_on").is_not_null()
            & c("source_published_on").is_not_null()
            & (c("said_on") != c("source_published_on"))
        ),
        f"said_on_basis is '{_PUBLICATION_DATE}', but {{said_on}} is not the day the source was published ({{source_published_on}})",
        reads=("said_on_basis", "source_published_on"),
    ),
]

# --- What became of a claim: settled_by -----------------------------------------------------------

# Statuses that a later claim brings about; a confirmation may come from an earlier record.
OVERTAKEN = ("superseded", "retracted")


def _around_a_circle(frame: pl.LazyFrame) -> pl.LazyFrame:
    """Following settled_by from the claim leads back to it, through other claims. Only a
    claim that names one and is named by one can be on a circle: the chase is among those."""
    claims = frame.select("claim_id", "settled_by").with_row_index("row")
    named = claims.select(c("settled_by").drop_nulls().unique().alias("claim_id"))
    both = claims.filter(c("settled_by").is_not_null() & (c("settled_by") != c("claim_id")))
    both = both.join(named, on="claim_id", how="semi", maintain_order="left").collect()
    firsts = both.with_row_index("at").unique(subset="claim_id", keep="first").select("claim_id", "at")
    following = both.join(firsts.rename({"claim_id": "settled_by"}), on="settled_by", how="left", maintain_order="left")
    return _rows(frame, both["row"].filter(kernels.on_a_cycle(following["at"])))


SETTLED = [
    Rule(
        "settled-by",
        "settled_by",
        Fails((c("status") == "superseded") & c("settled_by").is_null()),
        "a superseded claim names the claim that superseded it in settled_by",
        reads=("status",),
    ),
    Rule(
        "settled-by",
        "settled_by",
        Fails(c("settled_by").is_not_null() & ~_isin(c("status"), SETTLED_STATUSES)),
        "settled_by names a claim, but the status is '{status}'; a settled claim's status is one of "
        + ", ".join(SETTLED_STATUSES),
        reads=("status",),
    ),
    Rule(
        "settled-by",
        "settled_by",
        Fails(c("settled_by").is_not_null() & (c("settled_by") == c("claim_id"))),
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
            c("settled_by").is_not_null()
            & c("settled_by_measure_id").is_not_null()
            & (c("settled_by_measure_id") != c("measure_id"))
        ),
        "{settled_by} is a claim about {settled_by_measure_id}, not {measure_id}: a claim is settled by a claim of the same measure",
        reads=("settled_by_measure_id", "measure_id"),
    ),
    Rule(
        "settled-by",
        "settled_by",
        Fails(
            c("settled_by").is_not_null()
            & _isin(c("status"), OVERTAKEN)
            & (c("settled_by_said_on_end") < c("said_on_start"))
        ),
        "{settled_by} was made on {settled_by_said_on}, before this claim ({said_on}): a claim is superseded or retracted by a later one",
        reads=("status", "settled_by_said_on", "said_on_start", "said_on"),
    ),
]

# --- Each claim once, and its figure in its own words --------------------------------------------

# Two rows with these in common record the same claim twice.
SAME_CLAIM = ["measure_id", "claimant_id", "source_id", "figure_text", "quote"]


# The short columns of SAME_CLAIM: rows that share these are the only ones whose long
# figure and quote are compared.
_SAME_SHORT = ["measure_id", "claimant_id", "source_id"]


def _repeated_claim(frame: pl.LazyFrame) -> pl.LazyFrame:
    """The rows whose five columns an earlier row has too. Only rows whose measure,
    claimant and source come again can repeat a claim: only their quotes are compared."""
    # By a hash of the short columns first (eight bytes a row, where the columns
    # themselves would be laid out again): a row whose hash comes again is a candidate,
    # and the candidates are compared by the columns themselves. The hashes that come
    # again are found in the hashes sorted: asked of every row, is_duplicated laid out
    # a table of them all, a million claims' peak 100 MB higher, where the sort takes 3.
    hashed = frame.select(
        _hash_of(_SAME_SHORT).alias("hash"), pl.all_horizontal(c(name).is_not_null() for name in SAME_CLAIM)
    ).collect()
    hashes, given = hashed.to_series(0), hashed.to_series(1)
    ordered = hashes.sort()
    again = hashes.is_in(ordered.filter(ordered == ordered.shift(1)).unique().implode())
    candidates = (again & given).arg_true()
    rows = frame.select(SAME_CLAIM).collect()[candidates].with_columns(row=candidates)
    return _rows(frame, rows.filter(~pl.struct(SAME_CLAIM).is_first_distinct())["row"])


def _hash_of(columns: list[str]) -> pl.Expr:
    """A hash of the columns of a row, each hashed with a seed of its own so that the
    same values in other columns hash otherwise."""
    hashed = c(columns[0]).hash(1)
    for seed, name in enumerate(columns[1:], start=2):
        hashed = hashed.xor(c(name).hash(seed))
    return hashed


def _first_recorded(failing: Failing) -> list[str]:
    return [
        f"this claim is already recorded as {first}: same measure, claimant, source, figure and quote"
        for first in first_with(failing, SAME_CLAIM, "claim_id")
    ]


def _not_in_quote(column: str):
    """A test that fails the rows whose ``column`` is given but not in their quote."""

    def test(frame: pl.LazyFrame) -> pl.LazyFrame:
        # Word for word first; only the few that differ are compared again with their
        # typographic quotes and spaces folded.
        differ = (
            frame.with_row_index("row")
            .filter(~c("quote").str.contains(c(column), literal=True).fill_null(True))
            .select("row", "quote", column)
            .collect()
        )
        found = normalise(differ["quote"]).str.contains(normalise(differ[column]), literal=True)
        return _rows(frame, differ["row"].filter(~found))

    return test


def first_with(failing: Failing, key: str | list[str], value: str) -> list:
    """For each failing row, ``value`` of the first row of the frame with its ``key``:
    the failing keys are joined with the rows that have them, no other row looked up."""
    key = [key] if isinstance(key, str) else key
    again = failing.rows.select(key).unique()
    firsts = (
        failing.frame.select(*key, value)
        .join(again, on=key, how="semi", maintain_order="left")
        .unique(subset=key, keep="first", maintain_order=True)
    )
    found = failing.rows.select(key).join(firsts, on=key, how="left", maintain_order="left")
    return found[value].to_list()


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
            Fails(c("topic").is_not_null() & ~_isin(c("topic"), declared)),
            f"'{{topic}}' is not one of the package's topics ({listed}): declare it under topics in datapackage.json, "
            "or add the measure with claimtrack measure add --new-topic",
        )
    ]


# --- Sources and appearances ---------------------------------------------------------------------


def _first_with_url(failing: Failing) -> list[str]:
    return [
        f"{first} already has this URL: one document is one source; a second report of a claim is an appearance"
        for first in first_with(failing, "url", "source_id")
    ]


SOURCES = [
    Rule(
        "duplicate-source",
        "url",
        Fails(~c("url").is_first_distinct() & c("url").is_not_null()),
        _first_with_url,
        reads=("source_id",),
    ),
    Rule(
        "archive-fingerprint",
        "archive_sha256",
        Fails(c("archive_file").is_not_null() & c("archive_sha256").is_null()),
        "the archived text {archive_file} needs its SHA-256 fingerprint here (sha256sum prints it)",
        reads=("archive_file",),
    ),
]

APPEARANCES_OF_CLAIMS = [
    Rule(
        "appearance-source",
        "source_id",
        Fails(c("claim_source_id") == c("source_id")),
        "{source_id} is already the claim's own source in claims.csv",
        reads=("claim_source_id",),
    )
]

APPEARANCES_PUBLISHED = [
    Rule(
        "said-before-published",
        "source_id",
        Fails(c("claim_said_on_start") > c("source_published_end")),
        "the claim was made on {claim_said_on_start}, after this source was published on {source_published_on}",
        reads=("claim_said_on_start", "source_published_on", "source_published_end"),
    )
]


# --- Lists in a cell: a claimant's aliases, a measure's keywords ---------------------------------


# What Python's str.strip() takes off the ends of an item.
_SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"


def _items(frame: pl.LazyFrame, column: str) -> pl.LazyFrame:
    """One row per item of each list cell (``lists.split``): the row it stands in, the
    item as written (trimmed; "" when empty) and the item as items are compared
    (``lists.folded``)."""
    cell = c(column)
    listed = frame.with_row_index("row").filter(cell.is_not_null() & (cell.str.strip_chars(_SPACES) != ""))
    items = listed.select("row", cell.str.split(lists.SEPARATOR).alias("item")).explode("item")
    items = items.with_columns(c("item").str.strip_chars(_SPACES))
    return items.with_columns(kernels.folded(c("item")).alias("key"))


def _empty(items: pl.LazyFrame, frame: pl.LazyFrame) -> pl.LazyFrame:
    return items.filter(c("item") == "")


def _again(items: pl.LazyFrame, frame: pl.LazyFrame) -> pl.LazyFrame:
    return items.filter((c("key") != "") & ~pl.struct("row", "key").is_first_distinct())


def _own_name(items: pl.LazyFrame, frame: pl.LazyFrame) -> pl.LazyFrame:
    names = frame.with_row_index("row").select("row", kernels.folded(c("name")).alias("name_key"))
    own = items.join(names, on="row", how="left", maintain_order="left")
    return own.filter((c("key") != "") & (c("key") == c("name_key"))).drop("name_key")


def _list_rule(column: str, offending, template: str, reads: tuple[str, ...]) -> Rule:
    """The rows of a list column with an item ``offending`` finds wanting; the message
    names each row's first such item."""

    def test(frame: pl.LazyFrame) -> pl.LazyFrame:
        rows = offending(_items(frame, column), frame).select(c("row").unique()).collect()
        return _rows(frame, rows["row"])

    def message(failing: Failing) -> list[str]:
        frame = failing.frame.lazy()
        found = offending(_items(frame, column), frame).join(_wanted(failing), on="row", how="semi")
        items = dict(found.group_by("row", maintain_order=True).agg(c("item").first()).collect().iter_rows())
        return [template.format(item=items.get(row, "")) for row in failing.positions]

    return Rule("list-item", column, Fails(test), message, reads)


def _wanted(failing: Failing) -> pl.LazyFrame:
    """The positions of the failing rows, as a frame to join on."""
    return pl.LazyFrame({"row": failing.positions.cast(pl.UInt32)})


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


def _names_and_aliases(frame: pl.LazyFrame) -> pl.LazyFrame:
    """Every name and alias of the claimants, once per claimant: row, key and what it is."""
    names = frame.with_row_index("row").filter(c("name").is_not_null())
    entries = pl.concat(
        [
            names.select("row", kernels.folded(c("name")).alias("key"), pl.lit("name").alias("is")),
            _items(frame, "aliases").select("row", "key", pl.lit("alias").alias("is")),
        ]
    )
    return entries.filter(c("key") != "").unique(subset=["row", "key"], keep="first", maintain_order=True)


def _ambiguous(frame: pl.LazyFrame) -> pl.LazyFrame:
    entries = _names_and_aliases(frame)
    shared = entries.filter((pl.len().over("key") > 1) & (c("is") == "alias")).select("row").collect()
    return _rows(frame, shared["row"])


def _also_named(failing: Failing) -> list[str]:
    frame = failing.frame.lazy()
    items = (
        _items(frame, "aliases")
        .join(_wanted(failing), on="row", how="semi")
        .unique(subset=["row", "key"], keep="first", maintain_order=True)
        .with_row_index("order")
    )
    ids = frame.with_row_index("other").select("other", "claimant_id")
    entries = _names_and_aliases(frame).with_row_index("entry").rename({"row": "other"})
    others = entries.join(ids, on="other", how="left")
    clashes = (
        items.join(others, on="key", how="inner")
        .filter(c("other") != c("row"))
        .sort("order", "entry")
        .select("row", "item", "is", "claimant_id")
        .collect()
    )
    said: dict[int, list[str]] = {}
    for row, item, what, claimant in clashes.iter_rows():
        said.setdefault(row, []).append(
            f"'{item}' is also {'the name' if what == 'name' else 'an alias'} of {claimant}"
        )
    return [
        "; ".join(said.get(row, [])) + ": an alias names one claimant, or extract cannot tell whom it means"
        for row in failing.positions
    ]


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
