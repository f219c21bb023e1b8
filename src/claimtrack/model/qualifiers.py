"""What a qualifier means, in one table: every other module reads it from here.

A qualifier says how a figure was given: "at least 94,000", "about 200", "several",
"between June 10 and 12". For each, the table says which kind of measure it fits,
which bounds it carries, how it reads in copy, how a chart draws it, and the words
that signal it in a text. Whether the claimant asserts the figure, denies it or doubts
it is not a bound but a stance: the second table, below.

The words themselves are also the enum of ``qualifier`` in schemas/claims.json (the
package's own list, which a Table Schema tool checks); a test proves the two agree.
No other module spells a qualifier's word: they name it by the constant below, or ask
the table, and a convention test fails on a second copy.
"""

from __future__ import annotations

from dataclasses import dataclass, field

NUMBER_COLUMNS = ("low", "value", "high")
DATE_COLUMNS = ("date_from", "date_to")

EXACT, ABOUT, NEARLY = "exact", "about", "nearly"
AT_LEAST, MORE_THAN = "at least", "more than"
AS_HIGH_AS, UP_TO = "as high as", "up to"
RANGE, SEVERAL = "range", "several"
ON, BETWEEN, NOT_BEFORE, NOT_AFTER = "on", "between", "not before", "not after"
APPROXIMATE_RANGE = "approximate range"

# How a chart says a figure was given, and the symbol it draws it with.
GIVEN = "given as such"
LOWER_BOUND = "at least (a lower bound)"
UPPER_BOUND = "as high as (an upper bound)"
LOW_TO_HIGH = "a range, low to high"
NO_NUMBER = "no number given"


@dataclass(frozen=True)
class Qualifier:
    word: str
    family: str  # "number" or "date": the kind of measure it fits
    needs: tuple[str, ...]  # columns that must hold a value
    takes: tuple[str, ...]  # columns that may hold a value (includes ``needs``)
    meaning: str
    # The figure in copy: {low}, {value} and {high} are numbers; {span}, {earliest} and
    # {latest} the days, as newsroom style says them ("between June 10 and 12, 2013").
    copy: str
    bound: str | None = None  # how a chart's legend says it was given (numbers only)
    shape: str | None = None  # the symbol a chart draws it with; None: not drawn at a number
    before: tuple[str, ...] = ()  # words just before a number that give this qualifier, and read in copy
    verbs: tuple[str, ...] = ()  # verbs just before a number that give it ("exceeds"): a text's, not copy's
    # Words before a number said of a total, not of the things counted ("the toll was as high
    # as 120,000"): they give the qualifier in a text, but copy puts its own words before a noun.
    of_a_total: tuple[str, ...] = ()
    after: tuple[str, ...] = ()  # words just after a number that give it
    alone: tuple[str, ...] = field(default=())  # words that stand for the figure, with no number

    @property
    def columns(self) -> tuple[str, ...]:
        return NUMBER_COLUMNS if self.family == "number" else DATE_COLUMNS

    @property
    def vague(self) -> bool:
        """A quantity with no number at all ("several")."""
        return self.family == "number" and not self.needs

    @property
    def one_day(self) -> bool:
        """It names one day: date_from and date_to are the same."""
        return self.word == ON

    @property
    def bound_column(self) -> str | None:
        """The one number column a single-bound figure carries ("at least" -> low)."""
        return self.needs[0] if self.family == "number" and len(self.needs) == 1 else None


QUALIFIERS: dict[str, Qualifier] = {
    q.word: q
    for q in (
        Qualifier(EXACT, "number", ("value",), ("value",), "the figure exactly as given", "{value}", GIVEN, "circle"),
        Qualifier(
            ABOUT,
            "number",
            ("value",),
            ("value",),
            "an approximate figure: about, around, some",
            "about {value}",
            GIVEN,
            "circle",
            before=("about", "around", "approximately", "roughly", "some", "an estimated"),
            after=("or so",),
        ),
        Qualifier(
            NEARLY,
            "number",
            ("value",),
            ("value",),
            "a figure approached from below: nearly, approaching",
            "nearly {value}",
            GIVEN,
            "circle",
            before=("nearly", "almost", "just under", "close to"),
            of_a_total=("approaching",),
        ),
        Qualifier(
            AT_LEAST,
            "number",
            ("low",),
            ("low",),
            "a lower bound, the figure included",
            "at least {low}",
            LOWER_BOUND,
            "triangle-up",
            before=("at least", "no fewer than", "no less than"),
            after=("or more", "plus"),
        ),
        Qualifier(
            MORE_THAN,
            "number",
            ("low",),
            ("low",),
            "a lower bound, the figure itself excluded",
            "more than {low}",
            LOWER_BOUND,
            "triangle-up",
            before=("more than", "over", "upwards of", "in excess of"),
            of_a_total=("above",),
            verbs=("exceeds", "exceeding", "topped", "tops", "topping", "surpassed", "surpassing", "past"),
        ),
        Qualifier(
            AS_HIGH_AS,
            "number",
            ("high",),
            ("high",),
            "an upper estimate",
            "as many as {high}",
            UPPER_BOUND,
            "triangle-down",
            before=("as many as",),
            of_a_total=("as high as",),
        ),
        Qualifier(
            UP_TO,
            "number",
            ("high",),
            ("high",),
            "an upper bound",
            "up to {high}",
            UPPER_BOUND,
            "triangle-down",
            before=("up to", "fewer than", "less than", "under"),
        ),
        Qualifier(
            RANGE,
            "number",
            ("low", "high"),
            ("low", "value", "high"),
            "from low to high; value is the best estimate where one is given",
            "between {low} and {high}",
            LOW_TO_HIGH,
            "diamond",
        ),
        Qualifier(
            APPROXIMATE_RANGE,
            "number",
            ("low", "high"),
            ("low", "high"),
            "a range given roughly: around 300-400",
            "around {low} to {high}",
            LOW_TO_HIGH,
            "diamond",
        ),
        Qualifier(
            SEVERAL,
            "number",
            (),
            (),
            "a vague quantity with no number",
            "several",
            NO_NUMBER,
            alone=(
                "several",
                "dozens",
                "scores",
                "hundreds",
                "thousands",
                "tens of thousands",
                "hundreds of thousands",
                "a few",
            ),
        ),
        Qualifier(
            ON,
            "date",
            ("date_from", "date_to"),
            ("date_from", "date_to"),
            "one day: date_from and date_to are the same",
            "{span}",
        ),
        Qualifier(
            BETWEEN,
            "date",
            ("date_from", "date_to"),
            ("date_from", "date_to"),
            "some time from date_from to date_to",
            "{span}",
        ),
        Qualifier(
            NOT_BEFORE, "date", ("date_from",), ("date_from",), "open-ended: date_from at the earliest", "{earliest}"
        ),
        Qualifier(NOT_AFTER, "date", ("date_to",), ("date_to",), "date_to at the latest", "{latest}"),
    )
}

# How each number qualifier bounds its figure, as a chart's legend and a spread name it:
# "at least" -> LOWER_BOUND.
BOUND_OF = {q.word: q.bound for q in QUALIFIERS.values() if q.bound}

# The family of figures each kind of measure carries.
MEASURE_FAMILY = {"count": "number", "duration": "number", "date": "date"}


def words(family: str) -> list[str]:
    """The qualifiers that fit a family of measure, in the table's order."""
    return [q.word for q in QUALIFIERS.values() if q.family == family]


def vague_words() -> list[str]:
    return [q.word for q in QUALIFIERS.values() if q.vague]


def bound_shapes() -> dict[str, str]:
    """How a chart's legend says a figure was given -> its symbol, in the table's order."""
    shapes: dict[str, str] = {}
    for q in QUALIFIERS.values():
        if q.bound and q.shape:
            shapes.setdefault(q.bound, q.shape)
    return shapes


def listing(words: list[str]) -> str:
    """Words as a sentence lists them: "on, between, not before or not after"."""
    return ", ".join(words[:-1]) + f" or {words[-1]}" if len(words) > 1 else "".join(words)


# --- Stance: whether the claimant puts the figure forward or speaks against it ------------------

ASSERTS, DENIES, DOUBTS = "asserts", "denies", "doubts"


@dataclass(frozen=True)
class Stance:
    word: str
    meaning: str
    said: str  # the verb of an attribution sentence: "said", "denied", "doubted"
    charted: str | None  # how a chart labels the figure; None: as an estimate

    @property
    def against(self) -> bool:
        return self.word != ASSERTS


STANCES: dict[str, Stance] = {
    s.word: s
    for s in (
        Stance(ASSERTS, "the claimant gives the figure", "said", None),
        Stance(DENIES, "the claimant says the figure is not so", "denied", "denied"),
        Stance(DOUBTS, "the claimant questions the figure", "doubted", "doubted"),
    )
}


def against_stances() -> list[str]:
    """The stances by which a claimant speaks against a figure: "denies", "doubts"."""
    return [s.word for s in STANCES.values() if s.against]
