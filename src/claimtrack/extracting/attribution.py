"""Who a sentence says made its claims, whom they told, and when they said it.

A sentence may hold several clauses with speakers of their own ("Organisers estimated
100,000, and police said 22,000"): each figure takes the attribution of its clause. The
speaker stands before the verb ("the ministry said"), after it ("..., said Capt. Jonas
Berg, a spokesman"), or is the subject of the clause before a participle ("issued a
statement saying"); what describes the speaker (an appositive, a relative clause, a
dateline) is not the speaker. A pronoun ("It said") is resolved by ``drafts`` against
the sentence before.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from claimtrack.extracting.dates import enclosing_partial_date, weekday_before
from claimtrack.extracting.sentences import squeeze
from claimtrack.extracting.vocabulary import (
    AFTER_SPEAKER,
    CLAUSE_VERB,
    CLAUSES,
    DATELINE,
    DATES,
    DESCRIBING,
    DESCRIBING_CLAUSE,
    EARLIER,
    FIRST_VERB,
    LEADING,
    NUMBERS,
    OPENER,
    PARTICIPLE,
    PREPOSITION,
    PRONOUN,
    RECIPIENT,
    SAID_GAP,
    SPEAKING,
    TOLD,
    TRAILING,
    VERB,
)

WEEKDAY_BASIS = "inferred from weekday"
RELATIVE_BASIS = "inferred from relative words"
NOT_STATED = "not stated"
PUBLICATION_DATE = "publication date"


@dataclass
class Attribution:
    claimant: str | None
    said_on: str | None
    said_on_text: str | None
    basis: str
    told: str | None = None  # whom the speaker told: "Radio Meridian", "reporters"
    said_at: tuple[int, int] | None = None  # where in its sentence the words that date the saying are
    speaks: bool = False  # a speaker is named saying it, in this sentence or carried from a neighbour
    verb_end: int | None = None  # where in its sentence the verb of saying ends; None where it is not in it

    @property
    def own(self) -> bool:
        """The paper's own statement, made when it was published."""
        return not self.speaks and self.basis == PUBLICATION_DATE


def attributions(
    sentence: str, dates: list[tuple[re.Match, dict]], published: dt.date, neighbours: list[str]
) -> list[tuple[int, Attribution]]:
    """Each clause of the sentence with a speaker of its own, as (where it begins, who and
    when); a figure takes the last clause that begins before it."""
    verbs = speaking_verbs(sentence)
    if not verbs:
        if EARLIER.search(sentence):
            return [(0, Attribution(None, None, None, NOT_STATED))]
        return [(0, Attribution(None, published.isoformat(), None, PUBLICATION_DATE))]
    found: list[tuple[int, Attribution]] = []
    clauses = _clauses(sentence, verbs)
    starts = [match.start() for match, _ in dates]
    speaking = _Speaking(neighbours, published)
    for lo, hi, verb in clauses:
        mine = dates[bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, hi)]
        said = _attribution(sentence, lo, hi, verb, mine, speaking)
        if said.claimant is None and found:
            said.claimant = found[-1][1].claimant  # "..., and added that 3 were hurt": the same speaker
        found.append((lo, said))
    return found


def speaking_verbs(sentence: str) -> list[re.Match]:
    """The verbs of attribution outside quoted words: in '"We found 45 wells dry," said
    the engineer', "found" is the engineer's word, not the reporter's."""
    quoted = _quoted(sentence)
    opens = [a for a, _ in quoted]
    verbs = []
    for verb in VERB.finditer(sentence):
        n = bisect.bisect_left(opens, verb.start()) - 1  # the last quotation opened before the verb
        if n < 0 or quoted[n][1] < verb.start():
            verbs.append(verb)
    return verbs


def _quoted(sentence: str) -> list[tuple[int, int]]:
    spans, opened = [], None
    for match in re.finditer(r"[\"“”]", sentence):
        mark = match.group()
        if opened is None and mark != "”":
            opened = match.start()
        elif opened is not None and mark != "“":
            spans.append((opened, match.start()))
            opened = None
    return spans


def _clauses(sentence: str, verbs: list[re.Match]) -> list[tuple[int, int, re.Match]]:
    """(start, end, verb) of each clause with a speaker of its own: a second verb begins one
    only after a clause boundary ("; ", ", and ", ", while ") since the verb before."""
    clauses = [[0, len(sentence), verbs[0]]]
    for previous, verb in zip(verbs, verbs[1:]):
        boundary = None
        for found in CLAUSES.finditer(sentence, previous.end(), verb.start()):
            boundary = found  # the last boundary before the verb
        if boundary is not None:
            clauses[-1][1] = boundary.start()
            clauses.append([boundary.end(), len(sentence), verb])
    return [(lo, hi, verb) for lo, hi, verb in clauses]


class _Speaking:
    """ "He was speaking Wednesday at a meeting ...", just before or after the claim: the
    day it gives, read once for the sentence."""

    def __init__(self, neighbours: list[str], published: dt.date) -> None:
        self.neighbours, self.published, self.read, self.day = neighbours, published, False, None

    def said(self):
        if not self.read:
            self.read = True
            for neighbour in self.neighbours:
                speaking = SPEAKING.search(neighbour)
                if speaking:
                    try:
                        day = weekday_before(self.published, speaking.group("weekday"))
                    except OverflowError:
                        break
                    self.day = (day.isoformat(), speaking.group(), WEEKDAY_BASIS, None)
                    break
        return self.day


def _attribution(sentence, lo, hi, verb, dates, speaking: _Speaking) -> Attribution:
    claimant = _speaker(sentence, lo, hi, verb)
    told = TOLD.match(sentence, verb.end()) if verb.group().lower() in ("told", "tells") else None
    whom = told.group(1).strip() if told else None
    said = _said_date(sentence, lo, verb, dates) or speaking.said()
    if said is None:
        return Attribution(claimant, None, None, NOT_STATED, whom, speaks=True, verb_end=verb.end())
    on, text, basis, at = said
    return Attribution(claimant, on, text, basis, whom, at, speaks=True, verb_end=verb.end())


def in_describing_clause(sentence: str, said: Attribution, position: int) -> str | None:
    """The words opening the clause that describes something (", where", ", which") in
    which the figure at ``position`` stands, after the verb of saying and outside quotation
    marks: reported speech does not tell whether such a clause is the speaker's or the
    writer's. None where the figure stands in no such clause."""
    if said.verb_end is None or position <= said.verb_end:  # no verb of saying in the sentence, or after it
        return None
    if any(a < position < b for a, b in _quoted(sentence)):
        return None  # the speaker's own words
    openings = [match.group() for match in DESCRIBING_CLAUSE.finditer(sentence, said.verb_end, position)]
    return squeeze(openings[-1]) if openings else None  # the last one before the figure


# --- When it was said -----------------------------------------------------------------------------


def said_phrase(sentence: str, verb: re.Match | None, match: re.Match, lo: int = 0) -> str | None:
    """How a weekday or relative date dates the attribution itself, if it does: after the
    verb with none of the reported words between ("said on Tuesday", "told a news agency
    on Thursday", "said here Tuesday", "reported 1,450 job cuts on Thursday"); opening the
    sentence before it ("In the capital on Wednesday, the minister ... said", "On Monday
    the ministry said"); or describing the speaker ("The report, published on Tuesday,
    said"). A date among the reported words dates what they report ("rose to 85 on
    Thursday, the governor said"; "said 5 widgets were made yesterday")."""
    if verb is None or match.lastgroup not in ("weekday", "relative"):
        return None
    if match.start() >= verb.end():
        if match.start() - verb.end() > 100:
            return None
        gap = sentence[verb.end() : match.start()]
        if RECIPIENT.fullmatch(gap) or (
            SAID_GAP.fullmatch(gap) and not CLAUSE_VERB.search(gap) and len(gap.split()) <= 10
        ):
            return "near"
        return None
    if match.end() > verb.start() or verb.start() - match.end() > 100 or match.start() < lo:
        return None
    between = sentence[match.end() : verb.start()]
    if CLAUSE_VERB.search(between) or NUMBERS.search(between):
        return None
    if match.start() - lo <= 12 and OPENER.fullmatch(sentence, lo, match.start()):
        return "opening"  # "On Monday the ministry said", "Late on Tuesday, the agency said"
    if PREPOSITION.match(sentence, lo) and sentence.find(", ", lo, match.end()) == -1:
        return "opening"  # "In the capital on Wednesday, the minister ... said"
    if PARTICIPLE.fullmatch(verb.group()):
        return "opening"  # "The group issued a statement on Wednesday saying ..."
    comma = sentence.rfind(", ", lo, match.start())
    if (
        comma != -1
        and DESCRIBING.match(sentence, comma + 2)
        and sentence.find(", ", match.end(), verb.start() - 2) == -1
    ):
        return "opening"  # "The report, published on Tuesday, said"
    return None


def _said_date(sentence, lo, verb, dates):
    """The date of the attribution, from the phrase that dates it."""
    for match, figure in dates:
        where = said_phrase(sentence, verb, match, lo)
        if where:
            gap = sentence[verb.end() : match.start()]
            near_verb = where == "near" and len(gap.split()) <= 3
            text = sentence[verb.start() : match.end()] if near_verb else match.group()
            basis = WEEKDAY_BASIS if match.lastgroup == "weekday" else RELATIVE_BASIS
            day = enclosing_partial_date(figure["date_from"], figure["date_to"]) or None
            return day, squeeze(text), basis, match.span()
    return None


# --- Who said it ----------------------------------------------------------------------------------


def _speaker(sentence: str, lo: int, hi: int, verb: re.Match) -> str | None:
    word = verb.group().lower()
    if word.startswith("according"):
        after = re.match(r"\s*([^,.;:]{2,80})", sentence[verb.end() : hi])
        return _clean_speaker(after.group(1)) if after else None
    before = sentence[lo : verb.start()]
    if lo == 0:
        before = DATELINE.sub("", before, count=1)
    if PARTICIPLE.fullmatch(word):
        return subject(before)
    if word not in ("told", "tells") and re.search(r"(?:,[\"'”’]?|[\"”])\s*$", before):
        after = _after_verb(sentence[verb.end() : hi])  # "..., said Capt. Jonas Berg, a spokesman."
        if after:
            return after
    return before_verb(before)


def _after_verb(text: str) -> str | None:
    found = AFTER_SPEAKER.match(text)
    if not found:
        return None
    words = found.group(1)
    dated = DATES.search(words)
    if dated:
        words = words[: dated.start()]  # "said the governor on Tuesday"
    words = words.strip()
    if (
        not words
        or re.match(r"(?:that|\d)", words, re.IGNORECASE)
        or NUMBERS.search(words)
        or CLAUSE_VERB.search(words)
    ):
        return None  # "..., said the works would cost 8 million": the reported words, not a speaker
    rest = text[found.end() :]
    name = re.match(r",\s+([^,.;:!?]{2,60}?)\s*(?:[,.;:!?]|$)", rest)
    if name and not words[:1].isupper() and is_name(name.group(1)):
        return _clean_speaker(name.group(1))  # "said the engineer, Paul Osei."
    return _clean_speaker(words)


def before_verb(before: str) -> str | None:
    """The speaker in the words before the verb: the subject nearest it, less what
    describes it ("The Institute, in its reports on violence,"), with a name after a
    post kept ("the head of the agency, Maria Lopez")."""
    quote_end = max(before.rfind('," '), before.rfind(",” "), before.rfind(',"\n'))
    if quote_end != -1:
        before = before[quote_end + 3 :]
    chunks = [c for c in re.split(r",\s", before) if c.strip()]
    if len(chunks) > 1 and PREPOSITION.match(chunks[0]):
        chunks = chunks[1:]  # "In the capital on Wednesday, the minister ... said"
    if not chunks:
        return None
    pronoun = re.search(r"\b(it|they|he|she)\s*$", chunks[-1], re.IGNORECASE)
    if pronoun:
        return pronoun.group(1)  # "In the letter she put ..."
    chunks[-1] = _without_opening_date(chunks[-1])
    i = len(chunks) - 1
    if i >= 1 and is_name(chunks[i]) and _could_be_subject(chunks[i - 1]) and not is_name(chunks[i - 1]):
        return _clean_speaker(chunks[i - 1] + ", " + chunks[i])  # "the head of the agency, Maria Lopez, told"
    while (
        i >= 1
        and _could_be_subject(chunks[i - 1])
        and (DESCRIBING.match(chunks[i]) or (is_name(chunks[i - 1]) and re.match(r"\s*the\s", chunks[i])))
    ):
        i -= 1  # "The group, which relies on volunteers,"; "Dr. Sara Mensah, the hospital's chief surgeon,"
    return _clean_speaker(chunks[i])


def subject(words: str) -> str | None:
    """The subject of a clause: its words before its first verb, less what describes it
    ("Ana Ruiz, who runs the camp, spoke" -> "Ana Ruiz")."""
    words = DATELINE.sub("", words, count=1)
    chunks = re.split(r",\s", words)
    if len(chunks) > 1 and PREPOSITION.match(chunks[0]):
        words = words[len(chunks[0]) + 2 :]
    words = _without_opening_date(words)
    verb = FIRST_VERB.search(words)
    return before_verb(words[: verb.start()] if verb else words)


def _without_opening_date(words: str) -> str:
    """ "On Monday the ministry" -> "the ministry"."""
    opener = OPENER.match(words)
    dated = DATES.match(words, opener.end())
    return words[dated.end() :].lstrip(" ,") if dated and words[dated.end() :].strip() else words


def _could_be_subject(chunk: str) -> bool:
    return (
        0 < len(chunk.split()) <= 8
        and not (NUMBERS.search(chunk) or DATES.search(chunk) or PREPOSITION.match(chunk))
        and not CLAUSE_VERB.search(chunk)
    )


def is_name(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 4 and all(word[:1].isupper() for word in words)


def person_in(words: str) -> str:
    """The person's name in a speaker's words ("The mayor, Lena Brandt" -> "Lena Brandt"),
    else the words: what "she" or "he" refers to."""
    names = [c.strip() for c in words.split(",") if is_name(c.strip()) and not re.match(r"(?i)the\b", c.strip())]
    return names[-1] if names else words


def is_pronoun(words: str | None) -> bool:
    return bool(words) and PRONOUN.fullmatch(words) is not None


def _clean_speaker(text: str) -> str | None:
    words = squeeze(text.strip(" \"'“”‘’\n"))
    words = TRAILING.sub("", LEADING.sub("", words)).strip(" ,")
    if not words or len(words.split()) > 14:
        return None
    return words
