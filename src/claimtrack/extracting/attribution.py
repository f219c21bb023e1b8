"""Who a sentence says made its claims, whom they told, and when they said it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from claimtrack.extracting.dates import enclosing_partial_date, weekday_before
from claimtrack.extracting.sentences import squeeze
from claimtrack.extracting.vocabulary import (
    APPOSITIVE,
    DATES,
    EARLIER,
    NUMBERS,
    PREPOSITION,
    RECIPIENT,
    SPEAKING,
    TOLD,
    VERB,
)


@dataclass
class Attribution:
    claimant: str | None
    said_on: str | None
    said_on_text: str | None
    basis: str
    told: str | None = None  # whom the speaker told: "Radio Meridian", "reporters"


def attribution(
    sentence: str, dates: list[tuple[re.Match, dict]], published: dt.date, neighbours: list[str]
) -> Attribution:
    """Who the sentence says made its claims, and when."""
    verb = VERB.search(sentence)
    if verb is None:
        # The paper's own statement: made when it was published.
        if EARLIER.search(sentence):
            return Attribution(None, None, None, "not stated")
        return Attribution(None, published.isoformat(), None, "publication date")
    claimant = _speaker(sentence, verb)
    told = TOLD.match(sentence[verb.end() :]) if verb.group().lower() in ("told", "tells") else None
    said = _said_date(sentence, verb, dates, published)
    for neighbour in neighbours if said is None else []:
        # "He was speaking Wednesday at a meeting ...", just before or after the claim.
        speaking = SPEAKING.search(neighbour)
        if speaking:
            try:
                day = weekday_before(published, speaking.group("weekday"))
            except OverflowError:
                break
            said = (day.isoformat(), speaking.group(), "inferred from weekday")
            break
    whom = told.group(1) if told else None
    if said is None:
        return Attribution(claimant, None, None, "not stated", whom)
    return Attribution(claimant, *said, told=whom)


def said_phrase(sentence: str, verb: re.Match | None, match: re.Match) -> str | None:
    """How a weekday or relative date dates the attribution itself, if it does: right
    after the verb ("said on Tuesday", "told a news agency on Thursday"), or opening the
    sentence before it ("In the capital on Wednesday, the minister ... said")."""
    if verb is None or match.lastgroup not in ("weekday", "relative"):
        return None
    gap = sentence[verb.end() : match.start()]
    if match.start() >= verb.end() and RECIPIENT.fullmatch(gap):
        return "near"
    opening = sentence.split(",", 1)[0]
    if match.end() <= len(opening) < verb.start() and PREPOSITION.match(opening):
        return "opening"
    return None


def _said_date(sentence, verb, dates, published):
    """The date of the attribution, from the phrase that dates it."""
    for match, figure in dates:
        where = said_phrase(sentence, verb, match)
        if where:
            near_verb = where == "near"
            text = (
                sentence[min(verb.start(), match.start()) : max(verb.end(), match.end())]
                if near_verb
                else match.group()
            )
            basis = "inferred from weekday" if match.lastgroup == "weekday" else "inferred from relative words"
            return enclosing_partial_date(figure["date_from"], figure["date_to"]) or None, squeeze(text), basis
    return None


def _speaker(sentence: str, verb: re.Match) -> str | None:
    if verb.group().lower().startswith("according"):
        after = re.match(r"\s*([^,.;:]{2,80})", sentence[verb.end() :])
        return _clean_speaker(after.group(1)) if after else None
    before = sentence[: verb.start()]
    quote_end = max(before.rfind('," '), before.rfind(",” "))
    if quote_end != -1:
        before = before[quote_end + 3 :]
    chunks = [c for c in re.split(r",\s", before) if c.strip()]
    if chunks and PREPOSITION.match(chunks[0]):
        chunks = chunks[1:]  # "In the capital on Wednesday, the minister ... said"
    if not chunks:
        return None
    first, rest = chunks[0], chunks[1:]
    reported = bool(NUMBERS.search(first) or DATES.search(first)) or len(first.split()) > 8
    if not reported and rest and all(APPOSITIVE.match(c) for c in rest):
        return _clean_speaker(first)  # "The monitoring group, a charity, said"
    last = chunks[-1]
    earlier = chunks[-2] if len(chunks) >= 2 else ""
    if (
        earlier
        and _is_name(last)
        and len(earlier.split()) <= 8
        and not (NUMBERS.search(earlier) or DATES.search(earlier))
    ):
        return _clean_speaker(chunks[-2] + ", " + last)  # "the head of the agency, Maria Lopez, told"
    return _clean_speaker(last)


def _is_name(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 4 and all(word[:1].isupper() for word in words)


def _clean_speaker(text: str) -> str | None:
    words = squeeze(text.strip(" \"'“”‘’"))
    if not words or len(words.split()) > 14:
        return None
    return words


# --- Measures ------------------------------------------------------------------------------------
