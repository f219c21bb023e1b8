"""What a qualifier means: which bounds a figure with that qualifier carries.

The words themselves are listed once, as the enum of ``qualifier`` in
schemas/claims.json; this table gives each its meaning, and a test proves the two
list the same words.
"""

from __future__ import annotations

from dataclasses import dataclass

NUMBER_COLUMNS = ("low", "value", "high")
DATE_COLUMNS = ("date_from", "date_to")


@dataclass(frozen=True)
class Qualifier:
    word: str
    family: str  # "number" or "date": the kind of measure it fits
    needs: tuple[str, ...]  # columns that must hold a value
    takes: tuple[str, ...]  # columns that may hold a value (includes ``needs``)
    meaning: str

    @property
    def columns(self) -> tuple[str, ...]:
        return NUMBER_COLUMNS if self.family == "number" else DATE_COLUMNS


QUALIFIERS: dict[str, Qualifier] = {
    q.word: q
    for q in (
        Qualifier("exact", "number", ("value",), ("value",), "the figure exactly as given"),
        Qualifier("about", "number", ("value",), ("value",), "an approximate figure: about, around, some"),
        Qualifier("nearly", "number", ("value",), ("value",), "a figure approached from below: nearly, approaching"),
        Qualifier("at least", "number", ("low",), ("low",), "a lower bound, the figure included"),
        Qualifier("more than", "number", ("low",), ("low",), "a lower bound, the figure itself excluded"),
        Qualifier("as high as", "number", ("high",), ("high",), "an upper estimate"),
        Qualifier("up to", "number", ("high",), ("high",), "an upper bound"),
        Qualifier(
            "range",
            "number",
            ("low", "high"),
            ("low", "value", "high"),
            "from low to high; value is the best estimate where one is given",
        ),
        Qualifier("several", "number", (), (), "a vague quantity with no number"),
        Qualifier(
            "on",
            "date",
            ("date_from", "date_to"),
            ("date_from", "date_to"),
            "one day: date_from and date_to are the same",
        ),
        Qualifier(
            "between", "date", ("date_from", "date_to"), ("date_from", "date_to"), "some time from date_from to date_to"
        ),
        Qualifier("not before", "date", ("date_from",), ("date_from",), "open-ended: date_from at the earliest"),
        Qualifier("not after", "date", ("date_to",), ("date_to",), "date_to at the latest"),
        Qualifier(
            "denied", "date", ("date_from", "date_to"), ("date_from", "date_to"), "a date or range the claimant denies"
        ),
        Qualifier(
            "doubted", "date", ("date_from", "date_to"), ("date_from", "date_to"), "a date or range the claimant doubts"
        ),
    )
}

# The family of figures each kind of measure carries.
MEASURE_FAMILY = {"count": "number", "duration": "number", "date": "date"}
