"""Which drafts are most likely no claim, and why; and a headline's figure that the body
repeats, as one draft.

A draft set aside keeps its place and its id, ranked below the drafts offered, with the
reason a reviewer reads: the day a statement was made, the day of a past event, a
dateline or the article's own date line, a length of time, a year, a population or a
density, a small count in the paper's own words. A day or a length of time is offered
all the same where a measure of the package tracks it.
"""

from __future__ import annotations

import datetime as dt
import re

from claimtrack.extracting.measures import tracked
from claimtrack.extracting.vocabulary import (
    DATELINE,
    DURATION,
    DURATION_ADJECTIVE,
    POPULATION_AFTER,
    POPULATION_BEFORE,
)
from claimtrack.model import qualifiers

# Why a draft is most likely no claim, as the reviewer reads it.
DATES_THE_STATEMENT = "the day the statement was made, not a figure of its own"
PAST_DAY = "the day something happened, which no measure tracks: not a claim"
A_DATELINE = "the dateline: where and when the report was filed"
DATE_LINE = "the article's own date"
A_DURATION = "a length of time that no measure tracks"
A_YEAR = "a year, not a count"
A_POPULATION = "a population or a density: background, not a claim"
SMALL_COUNT = "a small count in the paper's own words that no measure tracks"


def why_set_aside(found, sentence: str, ahead: bool, said, published: dt.date, measure, near, measures) -> str | None:
    """Why the figure ``found`` in ``sentence`` is most likely no claim, or None: ``said`` is
    its attribution, ``measure`` the measure guessed for it from the words ``near`` it."""
    figure = found.figure
    if found.family == "date":
        dateline = DATELINE.match(sentence)
        if dateline and found.end <= dateline.end():
            return A_DATELINE
        if len(sentence) <= 40 and sentence.strip() == found.match.group().strip():
            return DATE_LINE
        if tracked(measure, near, measures):
            return None
        if said.said_at == (found.start, found.end):
            return DATES_THE_STATEMENT
        last = figure.get("date_to") or figure.get("date_from")
        if figure.get("date_to") and last <= published and not ahead:
            return PAST_DAY
        return None
    match = found.match
    if DURATION.match(sentence, found.end) or DURATION_ADJECTIVE.search(found.text) or match.group("article_unit"):
        return None if tracked(measure, near, measures, kind="duration") else A_DURATION
    bounds = [figure.get(k) for k in ("low", "value", "high") if figure.get(k) is not None]
    if (
        bounds
        and not match.group("before")
        and not match.group("after")
        and re.fullmatch(r"\d{4}(?:\s*[-–]\s*\d{4})?", found.text)
        and all(1900 <= b <= 2100 for b in bounds)
    ):
        return A_YEAR
    if POPULATION_BEFORE.search(sentence[max(0, found.start - 40) : found.start]) or POPULATION_AFTER.match(
        sentence, found.end
    ):
        return A_POPULATION
    value = figure.get("value")
    if said.own and figure["qualifier"] == qualifiers.EXACT and value is not None and value < 10:
        return None if tracked(measure, near, measures) else SMALL_COUNT
    return None


def lines(readings) -> tuple[set[int], set[int]]:
    """Where the sentences of the headline begin (the lines before the first sentence that
    ends with a full stop), and where the sentences of the body begin (those that do)."""
    headline, body = set(), set()
    for reading in readings:
        if reading.figures and re.search(r"[.!?][\"'”’)\]]*\s*$", reading.sentence):
            body.add(reading.start)
        elif reading.figures and not body:
            headline.add(reading.start)
    return headline, body


def one_draft_per_headline_figure(drafts: list, lines: tuple[set[int], set[int]]) -> list:
    """A figure of the headline that the body gives again is one draft, the body's, with
    both appearances: the headline has no attribution, the body does."""
    headline, sentences_of_body = lines
    if not headline:
        return drafts
    body: dict[tuple, object] = {}
    another: set[tuple] = set()  # figures another headline gives first: a second article's
    for draft in drafts:
        figure = _figure_of(draft)
        if draft.start in sentences_of_body and not draft.flag and figure not in another:
            body.setdefault(figure, draft)
        elif draft.start not in headline and draft.start not in sentences_of_body and figure not in body:
            another.add(figure)
    kept = []
    for draft in drafts:
        again = body.get(_figure_of(draft)) if draft.start in headline else None
        if again is not None:
            again.appearances.insert(0, [draft.start, draft.end])
            continue
        kept.append(draft)
    return kept


def _figure_of(draft) -> tuple:
    """What makes two drafts one figure: its bounds, and for a date its words too (a
    headline's "May 16, 2013" is the paper's date, not the body's "on Thursday")."""
    words = re.sub(r"(?i)^on\s+", "", draft.text).lower() if draft.date_from or draft.date_to else ""
    return (draft.qualifier, draft.value, draft.low, draft.high, draft.date_from, draft.date_to, words)
