"""Drafting claims from an article: the figures, their qualifiers, who said them and when.

``extract(text, published)`` reads plain text and proposes one draft per figure
phrase: a number with its qualifier ("at least 12,500", "about 300", "more than
three years", "five-nation", "Several"), a date or range ("March 3-5", "the second
week of March", "last March", "by the end of 2030", "October at the earliest"), the
sentence it stands in with its character offsets, the speaker where an attribution
names one, when the claim was made resolved against the publication date ("on
Tuesday" in a Thursday paper is two days before it), and a best guess at the
measure. Drafts are for a reporter to review: nothing is written until they are
accepted, through the same checked path as ``claimtrack add``.

Everything is done with regular expressions that cannot backtrack without bound,
so that any text, however long or strange, is read in time proportional to its
length and never raises.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from claimtrack.extracting.attribution import attribution, said_phrase
from claimtrack.extracting.dates import date_figure
from claimtrack.extracting.measures import guess_measure, near_words, words_of
from claimtrack.extracting.numbers import number_figure
from claimtrack.extracting.sentences import sentences, squeeze
from claimtrack.extracting.vocabulary import DATES, FUTURE, HEDGES, NUMBERS, URLS, VERB
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
    quote: str
    start: int
    end: int
    claimant: str | None
    measure: str | None
    told: str | None = None
    hedge: str | None = None  # the sentence's words of uncertainty, if any: "likely", "might"

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
            "figure": figure,
            "said on": self.said_on or "not stated",
            "speaker": self.claimant or "",
            "measure": self.measure or "",
        }


# --- Sentences ----------------------------------------------------------------------------------


def extract(text: str, published: dt.date, measures: list[dict] | None = None) -> list[Draft]:
    """Draft claims for every figure in ``text``, a plain-text article published on ``published``."""
    measures = measures or []
    urls = [m.span() for m in URLS.finditer(text)]
    spans = sentences(text)
    drafts: list[Draft] = []
    first_url = 0
    for number, (start, end) in enumerate(spans):
        sentence = text[start:end]
        neighbours = [text[a:b] for a, b in spans[max(0, number - 1) : number + 2] if (a, b) != (start, end)]
        while first_url < len(urls) and urls[first_url][1] <= start:
            first_url += 1
        local_urls = []
        for a, b in urls[first_url:]:
            if a >= end:
                break
            local_urls.append((a - start, b - start))
        dates, read, taken = [], [], Taken(local_urls)
        verb = VERB.search(sentence)
        ahead = FUTURE.search(sentence) is not None
        for match in DATES.finditer(sentence):
            if taken.overlaps(match.span()):
                continue
            read.append(match.span())  # no number is read again out of a date, even an impossible one
            figure = date_figure(match, published, ahead and not said_phrase(sentence, verb, match))
            if figure is not None:
                dates.append((match, figure))
        taken = Taken(sorted(local_urls + read))
        numbers = []
        for match in NUMBERS.finditer(sentence):
            if taken.overlaps(match.span()):
                continue
            figure = number_figure(match)
            if figure is not None:
                numbers.append((match, figure))
        if not dates and not numbers:
            continue
        said = attribution(sentence, dates, published, neighbours)
        words = words_of(sentence)
        quote = squeeze(sentence)
        hedge = HEDGES.search(quote)
        found = [(m, f, "date") for m, f in dates] + [(m, f, "number") for m, f in numbers]
        for match, figure, family in sorted(found, key=lambda item: item[0].start()):
            date_from, date_to = figure.get("date_from"), figure.get("date_to")
            drafts.append(
                Draft(
                    id=f"d{len(drafts) + 1:02d}",
                    text=squeeze(match.group()),
                    qualifier=figure["qualifier"],
                    value=figure.get("value"),
                    low=figure.get("low"),
                    high=figure.get("high"),
                    date_from=date_from.isoformat() if date_from else None,
                    date_to=date_to.isoformat() if date_to else None,
                    said_on=said.said_on,
                    said_on_text=said.said_on_text,
                    said_on_basis=said.basis,
                    quote=quote,
                    start=start,
                    end=end,
                    claimant=said.claimant,
                    measure=guess_measure(words, near_words(sentence, *match.span()), family, measures),
                    told=said.told.strip() if said.told else None,
                    hedge=hedge.group() if hedge else None,
                )
            )
    return drafts


class Taken:
    """Spans already read, sorted and apart; asked in increasing order, as finditer does,
    so that the checks over a sentence cost one pass."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans, self.next = spans, 0

    def overlaps(self, span: tuple[int, int]) -> bool:
        while self.next < len(self.spans) and self.spans[self.next][1] <= span[0]:
            self.next += 1
        return self.next < len(self.spans) and self.spans[self.next][0] < span[1]


# --- Accepting drafts ---------------------------------------------------------------------------
