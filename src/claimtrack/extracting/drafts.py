"""Drafting claims from an article: the figures, their qualifiers, who said them and when.

``extract(text, published)`` reads plain text and proposes one draft per figure
phrase: a number with its qualifier ("at least 12,500", "about 300", "more than
three years", "five-nation", "Several", "half a million", "topped 180,000"), a date or
range ("March 3-5", "the second week of March", "last March", "by the end of 2030",
"October at the earliest", "on the 25th"), the sentence it stands in with its
character offsets, the speaker where an attribution names one (in the sentence, or in
the sentence before when it goes on with no attribution of its own, or "It said"), when
the claim was made resolved against the publication date ("on Tuesday" in a Thursday
paper is two days before it), and a best guess at the measure. Drafts are for a
reporter to review: nothing is written until they are accepted, through the same
checked path as ``claimtrack add``.

Some drafts are most likely no claim: the day a statement was made, the day of a past
event, a dateline, a length of time, a year, a population, a small count in the
paper's own words. Each is kept, ranked below the others, with the reason in
``set_aside``, unless a measure of the package tracks it (the date of a statement the
story follows, the length of a war). A figure in the headline that the body repeats is
one draft with two ``appearances``. A number that cannot be read as written ("1,2000")
is a draft with a ``flag``. Times of day and "one of the" are no figures at all.

Everything is done with regular expressions that cannot backtrack without bound,
so that any text, however long or strange, is read in time proportional to its
length and never raises.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from dataclasses import asdict, dataclass, field, replace

from claimtrack.extracting.aside import lines, one_draft_per_headline_figure, why_set_aside
from claimtrack.extracting.attribution import (
    NOT_STATED,
    RELATIVE_BASIS,
    WEEKDAY_BASIS,
    Attribution,
    attributions,
    in_describing_clause,
    is_pronoun,
    person_in,
    said_phrase,
    speaking_verbs,
    subject,
)
from claimtrack.extracting.dates import date_figure, enclosing_partial_date, month_named
from claimtrack.extracting.measures import guess_measure, near_words, words_of
from claimtrack.extracting.numbers import number_figure
from claimtrack.extracting.sentences import sentences, squeeze
from claimtrack.extracting.vocabulary import (
    DATES,
    FUTURE,
    GROUPED_DIGITS,
    HEDGES,
    NUMBERS,
    ONE_OF,
    TIMES,
    URLS,
    WELL_GROUPED,
)
from claimtrack.model import qualifiers
from claimtrack.tracking import style


@dataclass
class Draft:
    """One figure found in the text, for review."""

    id: str
    text: str
    qualifier: str
    value: int | None
    low: int | None
    high: int | None
    date_from: str | None
    date_to: str | None
    said_on: str | None
    said_on_text: str | None
    said_on_basis: str
    quote: str  # the sentence exactly as the text has it: text[start:end]
    quote_folded: str  # the same with each run of spaces and line breaks as one space, as claims.csv quotes it
    start: int
    end: int
    claimant: str | None
    measure: str | None
    told: str | None = None
    hedge: str | None = None  # the sentence's words of uncertainty, if any: "likely", "might"
    # [start, end] of every sentence the figure stands in: a headline the body repeats, and the body's
    appearances: list[list[int]] = field(default_factory=list)
    set_aside: str | None = None  # why the draft is most likely no claim; None for a draft offered as one
    flag: str | None = None  # why the figure cannot be read as written ("1,2000"): read the source
    doubt: str | None = None  # why who said it is in doubt: a reviewer names the claimant

    def to_dict(self) -> dict:
        return asdict(self)

    def for_reading(self) -> dict[str, str]:
        """The draft as a reviewer reads it: the figure as written and as read, who and when."""
        if self.date_from or self.date_to:
            days = [x for x in (self.date_from, self.date_to) if x]
            figure = " to ".join(days) if self.date_from != self.date_to else self.date_from
        else:
            figure = " to ".join(style.number(x) for x in (self.low, self.value, self.high) if x is not None)
        return {
            "draft": self.id,
            "figure as written": self.text,
            "qualifier": self.qualifier,
            "figure": figure if not self.flag else "? " + self.flag,
            "said on": self.said_on or NOT_STATED,
            "speaker": (self.claimant or "") + (" (in doubt)" if self.doubt else ""),
            "measure": self.measure or "",
        }

    def why_set_aside(self) -> dict[str, str]:
        return {"draft": self.id, "figure as written": self.text, "set aside as": self.set_aside or ""}

    def why_in_doubt(self) -> dict[str, str]:
        return {"draft": self.id, "figure as written": self.text, "who said it is in doubt": self.doubt or ""}


def offered(drafts: list[Draft]) -> list[Draft]:
    """The drafts offered as claims, in reading order."""
    return [d for d in drafts if not d.set_aside]


def ranked(drafts: list[Draft]) -> list[Draft]:
    """The drafts offered as claims, then those set aside, each in reading order."""
    return offered(drafts) + [d for d in drafts if d.set_aside]


@dataclass
class _Figure:
    """A figure phrase found in a sentence, where it stands and what it reads as."""

    start: int
    end: int
    text: str
    figure: dict
    family: str  # "date" or "number"
    match: re.Match | None  # None for a number flagged as unreadable
    flag: str | None = None


@dataclass
class _Reading:
    """One sentence as read: its figures, and who said them once attributions are known."""

    start: int
    end: int
    sentence: str
    paragraph: int
    ahead: bool
    dates: list[tuple[re.Match, dict]]
    figures: list[_Figure]
    clauses: list[tuple[int, Attribution]] | None = None

    def said(self, position: int) -> Attribution:
        """The attribution of the clause the position stands in."""
        assert self.clauses is not None
        n = bisect.bisect_right([lo for lo, _ in self.clauses], position) - 1
        return self.clauses[max(n, 0)][1]

    @functools.cached_property
    def subject(self) -> str | None:
        return subject(self.sentence)

    @property
    def has_numbers(self) -> bool:
        return any(f.family == "number" for f in self.figures)


# --- Sentences ----------------------------------------------------------------------------------


def extract(text: str, published: dt.date, measures: list[dict] | None = None) -> list[Draft]:
    """Draft claims for every figure in ``text``, a plain-text article published on ``published``."""
    measures = measures or []
    urls = [m.span() for m in URLS.finditer(text)]
    spans = sentences(text)
    paragraphs = _paragraphs(text, spans)
    readings: list[_Reading] = []
    first_url, named = 0, None
    for number, (start, end) in enumerate(spans):
        while first_url < len(urls) and urls[first_url][1] <= start:
            first_url += 1
        local_urls = []
        for a, b in urls[first_url:]:
            if a >= end:
                break
            local_urls.append((a - start, b - start))
        reading, named = _read(text, start, end, paragraphs[number], local_urls, published, named)
        readings.append(reading)
    wanted = {n for n, r in enumerate(readings) if r.figures}
    for n in sorted(wanted | {n - 1 for n in wanted if n} | {n + 1 for n in wanted if n + 1 < len(readings)}):
        reading = readings[n]
        neighbours = [r.sentence for r in readings[max(0, n - 1) : n + 2] if r is not reading]
        reading.clauses = attributions(reading.sentence, reading.dates, published, neighbours)
    _resolve(readings, published)
    drafts: list[Draft] = []
    for reading in readings:
        if reading.figures:
            drafts.extend(_drafts_of(reading, published, measures))
    drafts = one_draft_per_headline_figure(drafts, lines(readings))
    return [replace(d, id=f"d{n:02d}") for n, d in enumerate(drafts, start=1)]


def _paragraphs(text: str, spans: list[tuple[int, int]]) -> list[int]:
    """The number of the paragraph each sentence stands in: a blank line begins one."""
    numbers, paragraph, last = [], 0, 0
    for start, end in spans:
        if re.search(r"\n[^\S\n]*\n", text[last:start]):
            paragraph += 1
        numbers.append(paragraph)
        last = end
    return numbers


def _read(text, start, end, paragraph, local_urls, published, named):
    """The sentence's figures: dates, then numbers not read out of a date, a URL, a time
    of day or "one of the"; and the month it names last."""
    sentence = text[start:end]
    verbs = speaking_verbs(sentence)
    verb = verbs[0] if verbs else None
    ahead = FUTURE.search(sentence) is not None
    dates, read, figures = [], [], []
    taken = Taken(local_urls)
    for match in DATES.finditer(sentence):
        if taken.overlaps(match.span()):
            continue
        read.append(match.span())  # no number is read again out of a date, even an impossible one
        figure = date_figure(match, published, ahead and not said_phrase(sentence, verb, match), named)
        if figure is not None:
            dates.append((match, figure))
            named = month_named(match, figure) or named
            figures.append(_Figure(*match.span(), squeeze(match.group()), figure, "date", match))
    for match in GROUPED_DIGITS.finditer(sentence):
        if not WELL_GROUPED.fullmatch(match.group()) and not any(
            a < match.end() and match.start() < b for a, b in read
        ):
            read.append(match.span())
            flag = f"{match.group()!r} is no number as written (digits after a comma come in threes): read the source"
            figure = dict(qualifier=qualifiers.EXACT, value=None, low=None, high=None)
            figures.append(_Figure(*match.span(), match.group(), figure, "number", None, flag))
    read.extend(m.span() for m in TIMES.finditer(sentence))
    read.extend(m.span() for m in ONE_OF.finditer(sentence))
    taken = Taken(sorted(local_urls + read))
    for match in NUMBERS.finditer(sentence):
        if taken.overlaps(match.span()):
            continue
        figure = number_figure(match)
        if figure is not None:
            figures.append(_Figure(*match.span(), squeeze(match.group()), figure, "number", match))
    figures.sort(key=lambda f: f.start)
    return _Reading(start, end, sentence, paragraph, ahead, dates, figures), named


# --- Who said it, from the sentences around ------------------------------------------------------


def _resolve(readings: list[_Reading], published: dt.date) -> None:
    """Pronouns as the speaker they stand for ("It said" -> the ministry the sentence before
    named), then sentences with no attribution of their own as their neighbour's: the one
    before in the same paragraph ("Of those, 1,930 were children."), or, for a quotation,
    the one after it in the paragraph, else the one before it across a paragraph break."""
    for n, reading in enumerate(readings):
        for _, said in reading.clauses or []:
            if said.speaks and is_pronoun(said.claimant) and n:
                _antecedent(said, readings[n - 1])
    for n, reading in enumerate(readings):
        if not reading.clauses or len(reading.clauses) != 1 or not reading.clauses[0][1].own:
            continue
        before = readings[n - 1] if n else None
        after = readings[n + 1] if n + 1 < len(readings) else None
        quoted = re.match(r"\s*[\"“]", reading.sentence) is not None
        source = None
        if before and before.paragraph == reading.paragraph and before.clauses and before.clauses[-1][1].speaks:
            source = before.clauses[-1][1]
        elif quoted and after and after.paragraph == reading.paragraph and after.clauses and after.clauses[0][1].speaks:
            source = after.clauses[0][1]
        elif quoted and before and before.clauses and before.clauses[-1][1].speaks:
            source = before.clauses[-1][1]  # a paragraph of quoted words after the speaker's
        if source is not None:
            reading.clauses = [(0, replace(source, said_at=None, verb_end=None))]


def _antecedent(said: Attribution, before: _Reading) -> None:
    """What "It", "They", "she" refers to: the speaker of the sentence before, else its
    subject; and, when the sentence gives no day, the day the one before does ("The
    commission issued its findings on Thursday. It said ...")."""
    source = before.clauses[-1][1] if before.clauses else None
    day = None
    if source is not None and source.speaks and source.claimant and not is_pronoun(source.claimant):
        words = source.claimant
        if source.said_on:
            day = (source.said_on, source.said_on_text, source.basis)
    else:
        words = before.subject
        if not before.has_numbers:
            for match, figure in before.dates:
                if match.lastgroup in ("weekday", "relative"):
                    basis = WEEKDAY_BASIS if match.lastgroup == "weekday" else RELATIVE_BASIS
                    on = enclosing_partial_date(figure["date_from"], figure["date_to"]) or None
                    day = (on, squeeze(match.group()), basis)
                    break
    if words and not is_pronoun(words):
        said.claimant = person_in(words) if said.claimant.lower() in ("he", "she") else words
    if day and day[0] and said.said_on is None and said.basis == NOT_STATED:
        said.said_on, said.said_on_text, said.basis = day


# --- Drafts -------------------------------------------------------------------------------------


def _drafts_of(reading: _Reading, published: dt.date, measures: list[dict]) -> list[Draft]:
    sentence = reading.sentence
    words = words_of(sentence)
    folded = squeeze(sentence)
    hedge = HEDGES.search(folded)
    drafts = []
    for found in reading.figures:
        said = reading.said(found.start)
        near = near_words(sentence, found.start, found.end)
        measure = guess_measure(words, near, found.family, measures)
        figure = found.figure
        date_from, date_to = figure.get("date_from"), figure.get("date_to")
        drafts.append(
            Draft(
                id="",
                text=found.text,
                qualifier=figure["qualifier"],
                value=figure.get("value"),
                low=figure.get("low"),
                high=figure.get("high"),
                date_from=date_from.isoformat() if date_from else None,
                date_to=date_to.isoformat() if date_to else None,
                said_on=said.said_on,
                said_on_text=said.said_on_text,
                said_on_basis=said.basis,
                quote=sentence,
                quote_folded=folded,
                start=reading.start,
                end=reading.end,
                claimant=said.claimant,
                measure=measure,
                told=said.told.strip() if said.told else None,
                hedge=hedge.group() if hedge else None,
                appearances=[[reading.start, reading.end]],
                set_aside=None
                if found.flag
                else why_set_aside(found, reading.sentence, reading.ahead, said, published, measure, near, measures),
                flag=found.flag,
                doubt=_speaker_in_doubt(sentence, said, found.start),
            )
        )
    return drafts


def _speaker_in_doubt(sentence: str, said: Attribution, position: int) -> str | None:
    """Why the speaker of the figure at ``position`` is in doubt, when it stands in a
    clause that describes something ("..., where a war may have cost 9,000 lives"):
    reported speech does not say whose words such a clause is."""
    opening = in_describing_clause(sentence, said, position)
    if opening is None:
        return None
    speaker = f"{said.claimant}'s" if said.claimant else "the speaker's"
    return (
        f'the figure stands in a clause that describes ("{opening} ..."), which may be the writer\'s words '
        f"rather than {speaker}: read the sentence and name the claimant"
    )


class Taken:
    """Spans already read, sorted and apart; asked in increasing order, as finditer does,
    so that the checks over a sentence cost one pass."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans, self.next = spans, 0

    def overlaps(self, span: tuple[int, int]) -> bool:
        while self.next < len(self.spans) and self.spans[self.next][1] <= span[0]:
            self.next += 1
        return self.next < len(self.spans) and self.spans[self.next][0] < span[1]
