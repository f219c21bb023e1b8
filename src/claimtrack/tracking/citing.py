"""The attribution sentence a reporter pastes into copy.

    At least 1,200 people had died in the floods, the Flood Relief Agency said on
    May 1, 2024, according to The Daily Ledger (May 2, 2024).

The sentence says no more than the source did. The figure is given in the source's
words (``figure_text``: "at least 94,000", "the second week of June"), set into the
measure's ``sentence``; where the desk read those words as days ("the second week of
June" as June 8-14, 2013), the reading follows in brackets, marked as the desk's. A
figure the source hedged ("likely", "might") is given with the hedge, in quotation
marks; a denial or a doubt says so in its verb. Then who said it, described in the words
of this report; how it travelled ("told a news agency"); when, as surely as the source
says it; and where it was published. Works on rows of text, so it needs no pandas.
"""

from __future__ import annotations

import re
from pathlib import Path
from string import Formatter

from claimtrack.io.rows import MissingRow, Rows, looks_valid
from claimtrack.model import suggest
from claimtrack.model.package import read_package
from claimtrack.model.qualifiers import NUMBER_COLUMNS, QUALIFIERS, STANCES
from claimtrack.tracking import style

_CHOICE = re.compile(r"\[([^|\]]*)\|([^\]]*)\]")
# A full date followed by more words takes a comma after its year: "May 15, 2013, that".
_YEAR_MID_SENTENCE = re.compile(r"(\b\d{1,2}, \d{4})(?= [A-Za-z])")


class CiteError(LookupError):
    """The claim, or a row it refers to, is not in the package."""


class NotCitable(CiteError):
    """A row the sentence is made from is not as its schema wants it: only validating
    the package says what is wrong, and where."""

    def __init__(self, claim_id: str):
        super().__init__(f"claim {claim_id} cannot be cited: its row, or a row it points at, has a problem")
        self.claim_id = claim_id


def _given(value: str | None) -> bool:
    return value is not None and value != ""


def qualifier_words(claim: dict) -> tuple[str, int | None]:
    """The figure as the desk words its bounds, and the number that decides singular or
    plural (None for dates and for a figure with no number): the qualifier's copy, with
    its numbers and days ("at least 94,000", "between June 10 and 12, 2013")."""
    qualifier = QUALIFIERS[claim["qualifier"]]
    wanted = [name for _, name, _, _ in Formatter().parse(qualifier.copy) if name]
    numbers = {name: int(claim[name]) for name in wanted if name in NUMBER_COLUMNS}
    start, end = style.as_date(claim.get("date_from")), style.as_date(claim.get("date_to"))
    days = {
        "span": lambda: style.span(start, end),
        "earliest": lambda: style.no_earlier_than(start),
        "latest": lambda: style.no_later_than(end),
    }
    filled = {name: style.count(numbers[name]) if name in numbers else days[name]() for name in wanted}
    deciding = next((numbers[name] for name in reversed(wanted) if name in numbers), None)
    return qualifier.copy.format(**filled), deciding


# --- A number in the source's words --------------------------------------------------------------

_NUMBER = r"\d[\d,.]*(?:\s+(?:thousand|million|billion))?"
# The words that stand before a number and before the noun it counts ("at least",
# "some"), and those that open a range ("from 225 to over 500").
_MODIFIERS = sorted(
    {phrase for q in QUALIFIERS.values() if q.family == "number" for phrase in q.before} | set("from between".split()),
    key=len,
    reverse=True,
)
# A figure that reads as a quantity before a noun: modifiers, a number in figures, perhaps
# a second ("3,300 to 11,000", "225 to over 500"), perhaps an aside in brackets.
_QUANTITY = re.compile(
    rf"(?:(?:{'|'.join(map(re.escape, _MODIFIERS))})\s+)?{_NUMBER}"
    rf"(?:\s*(?:-|\u2013|to|and)\s*(?:(?:{'|'.join(map(re.escape, _MODIFIERS))})\s+)?{_NUMBER})?"
    r"(?:\s+(?:or more|plus))?(?:\s*\([^()]*\))?",
    flags=re.IGNORECASE,
)


def number_words(claim: dict) -> tuple[str, int | None]:
    """A number figure in the source's words where they read as a quantity before a noun
    ("at least 94,000", "3,300 to 11,000"); otherwise the desk's words for its bounds (the
    source's "for an hour" is "about one", "exceeds 20,000" and "above 8,500" are "more
    than", "as high as 120,000" is "as many as 120,000")."""
    words, deciding = qualifier_words(claim)
    text = " ".join((claim.get("figure_text") or "").split())
    # "ranging from 225 to over 500 citizens" reads as "from 225 to over 500 citizens".
    text = re.sub(r"^ranging (?=from )", "", text, flags=re.IGNORECASE)
    if text and _QUANTITY.fullmatch(text):
        return text, deciding
    return words, deciding


# --- A date in the source's words, and the desk's reading of it ----------------------------------

# The first words of a date phrase that needs no preposition before it ("by the end of
# this month", "last week", "today").
_OWN_PREPOSITION = set(
    "on in at by before after between from during until till within around about since sometime not no "
    "today tonight tomorrow yesterday this next last later earlier".split()
)
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_DAY_OF_MONTH = re.compile(rf"^(?:{'|'.join(style.MONTHS)})\s+\d", flags=re.IGNORECASE)
_DATE_WORDS = re.compile(
    rf"\d|\b(?:{'|'.join(style.MONTHS)}|{'|'.join(_WEEKDAYS)}|today|tonight|tomorrow|yesterday|day|week|"
    r"weekend|month|year|spring|summer|autumn|fall|winter|end|early|mid|late)\b",
    flags=re.IGNORECASE,
)


# A phrase about one day, or a part of one: "a late-May date", "the day of the summit".
_ONE_DAY = re.compile(r"\b(?:day|date|night|morning|afternoon|evening|weekend)\b", flags=re.IGNORECASE)


def _with_preposition(text: str) -> str:
    """A date phrase as it follows a verb: "in July", "on June 10-12", "on a late-May date",
    "in the second week of June"; one that brings its own ("by the end of 2014") as it is."""
    first = text.split(" ", 1)[0].lower()
    if first in _OWN_PREPOSITION:
        return text
    if first in _WEEKDAYS or _DAY_OF_MONTH.match(text) or _ONE_DAY.search(text):
        return f"on {text}"
    return f"in {text}"


def _undated(text: str) -> str:
    """Words of a date without their years or a preposition before them, to compare."""
    text = re.sub(r",? \d{4}\b", "", text.lower())
    return re.sub(r"^(?:on|in) ", "", text).strip()


def _literal(text: str, reading: str, start, end) -> bool:
    """Whether the source's words name the very days stored ("June 10-12" for June 10-12,
    2013; "July" for July 2013; "by the end of 2014", as ``reading`` words it), so that no
    reading need be added."""
    return _undated(text) in {_undated(style.days(start, end)), _undated(reading)}


def date_words(claim: dict) -> str:
    """A date figure in the source's words, with the desk's reading of them in brackets
    where the words do not name the days themselves: "in the second week of June (June
    8-14, 2013, as the desk reads it)"; "on January 22, 2014" needs none."""
    reading, _ = qualifier_words(claim)
    text = " ".join((claim.get("figure_text") or "").split())
    if not text:
        return reading
    start, end = style.as_date(claim.get("date_from")), style.as_date(claim.get("date_to"))
    if _literal(text, reading, start, end):
        return _with_preposition(text)
    if not _DATE_WORDS.search(text):  # words that are no date at all: "the treaty's text"
        return f'{reading} (as the desk reads "{text}")'
    return f"{_with_preposition(text)} ({style.days(start, end)}, as the desk reads it)"


def as_said(figure_text, hedge=None, stance=None) -> str:
    """The figure as a table or a chart shows it: the source's words, with its hedge and a
    denial or doubt, e.g. 'the second week of June ("likely")', 'denied: June 10'."""
    text = figure_text if isinstance(figure_text, str) else ""
    if isinstance(hedge, str) and hedge:
        text += f' ("{hedge}")'
    against = STANCES.get(stance) if isinstance(stance, str) else None
    return f"{against.charted}: {text}" if against and against.against else text


def figure_phrase(claim: dict) -> tuple[str, int | None]:
    """The figure in copy, and the number that decides singular or plural."""
    if QUALIFIERS[claim["qualifier"]].family == "date":
        return date_words(claim), None
    return number_words(claim)


def clause(claim: dict, measure: dict) -> str:
    """The measure's sentence with the figure in it, in the source's words."""
    phrase, number = figure_phrase(claim)
    text = measure["sentence"].replace("{figure}", phrase)
    text = _CHOICE.sub(lambda m: m.group(1) if number == 1 else m.group(2), text)
    return " ".join(text.split())


_POSSESSIVE = re.compile(r"^\S+['\u2019]s\s")


def _in_report(words: str | None, quote: str | None) -> bool:
    """Whether a report's words for a claimant ("pro-opposition") are in this claim's quote:
    a description one report gave is not every outlet's."""
    if not _given(words):
        return False
    return not quote or " ".join(words.lower().split()) in " ".join(quote.lower().split())


def named(claimant: dict, quote: str | None = None) -> str:
    """The claimant's name with the article a reporter puts before it: "the Flood Relief
    Agency". The data's ``article`` says it where the kind does not ("none" for a body
    whose name takes no article); else an organisation or government body takes "the".
    With the stance the data records ("pro-opposition") where this claim's quote says it
    (with no quote to read, always)."""
    name, kind, article = claimant["name"], claimant["kind"], claimant.get("article")
    stance = claimant.get("stance") if _in_report(claimant.get("stance"), quote) else None
    # A name that opens with a possessive ("Eastland's Ministry of Health") takes no article.
    possessive = bool(_POSSESSIVE.match(name))
    by_kind = kind in ("organisation", "government body") and not possessive
    if article == "the" or (by_kind and article != "none"):
        bare = name[4:] if name.startswith("The ") else name
        return "the " + (f"{stance} " if stance else "") + bare
    return (f"the {stance} " if stance and kind == "news organisation" else "") + name


def who(claimant: dict, quote: str | None = None) -> str:
    """The claimant as a reporter introduces them: a person with their role; anyone else
    with the description the data holds, where this claim's quote gives it (with no quote
    given, always)."""
    kind = claimant["kind"]
    description, role = claimant.get("description"), claimant.get("role")
    text = named(claimant, quote)
    if kind == "person" and _given(role):
        text += ", " + (role if role.split(" ", 1)[0].lower() in ("a", "an", "the") else f"the {role}") + ","
    elif _in_report(description, quote):
        text += f", {description},"
    return text


def said_when(claim: dict, reporting: bool = False) -> str:
    """When the claim was made, as surely as the source says it: " on May 14, 2013", "
    around December 2013" for a date the desk could only approximate; nothing where the
    only day is the page's own, which the outlet's date already gives (unless
    ``reporting``: the outlet's own words were said the day it published them)."""
    basis = claim.get("said_on_basis")
    if basis == "publication date" and not reporting:
        return ""
    when = style.when(claim.get("said_on"))
    if when and basis == "approximate":
        when = "around " + when.split(" ", 1)[1]
    return f" {when}" if when else ""


def sentence(claim: dict, measure: dict, claimant: dict, via: dict | None, source: dict) -> str:
    """The attribution sentence for one claim, from rows of text."""
    return _YEAR_MID_SENTENCE.sub(r"\1,", _sentence(claim, measure, claimant, via, source))


def _capital(text: str) -> str:
    return text[0].upper() + text[1:]


def _sentence(claim: dict, measure: dict, claimant: dict, via: dict | None, source: dict) -> str:
    body = clause(claim, measure)
    stance = STANCES[claim.get("stance") or "asserts"]
    hedge = claim.get("hedge")
    hedging = f', hedging with "{hedge}",' if _given(hedge) else ""
    # A sentence never opens with a numeral; a denial, a doubt or a hedge is said before
    # the figure it bears on. Then the attribution goes first.
    lead_with_speaker = body[0].isdigit() or stance.against or bool(hedging)
    published = style.partial_date(source.get("published_on"))
    publisher = ("the " if source.get("publisher_article") == "the" else "") + source["publisher"]
    outlet = publisher + (f" ({published})" if published else "")
    quote = claim.get("quote")
    if claimant["kind"] == "unattributed":
        if hedging or stance.against:
            reported = f" {style.when(source.get('published_on'))}" if published else ""
            aside = "without saying who said so" + (f' and hedging with "{hedge}"' if hedging else "")
            verb = "reported" if not stance.against else f"reported, as a claim {stance.said}"
            return f"{_capital(publisher)} {verb}{reported}, {aside}, that {body}."
        if lead_with_speaker:
            return f"According to {outlet}, which does not say who said so, {body}."
        return f"{_capital(body)}, according to {outlet}, which does not say who said so."
    if claimant["name"] == source["publisher"]:
        publisher = named(claimant, quote) if not source.get("publisher_article") else publisher
        said = said_when(claim, reporting=True)
        if lead_with_speaker:
            verb = stance.said if stance.against else "reported"
            return f"{_capital(publisher)} {verb}{said}{hedging} that {body}."
        return f"{_capital(body)}, {publisher} reported{said}."
    speaker = who(claimant, quote)
    said = said_when(claim)
    if via is not None and claim.get("via_relation") == "told" and not stance.against:
        verb = f"told {via['name']}"
        according = f"according to {outlet}" if via["name"] != source["publisher"] else ""
    elif via is not None and via["name"] != source["publisher"]:
        verb = stance.said
        according = f"according to {via['name']}, as published by {outlet}"
    else:
        verb = stance.said
        according = f"according to {outlet}"
    according = f", {according}" if according else ""
    if lead_with_speaker:
        # "X denied on May 24, 2013, that the conference would take place on June 10, 2013"
        return f"{_capital(speaker)} {verb}{said}{hedging} that {body}{according}."
    # An appositive already ends in a comma: "the agency, a government body, said".
    return f"{_capital(body)}, {speaker} {verb}{said}{according}."


def cite(root: str | Path, claim_id: str) -> str:
    """The sentence for ``claim_id`` in the package at ``root``. The rows it is made
    from are read as written, without validating the package: a row that is not as its
    schema wants it (a date written 16/05/2013, a range with no top) is NotCitable."""
    from claimtrack.io import storage

    storage.recover_if_needed(Path(root))  # a change a crash left half made is finished first
    package = read_package(root)
    rows = Rows(package)
    claim = rows.find("claims", claim_id)
    if claim is None:
        path = package.resource("claims").path
        raise CiteError(suggest.unknown("claim", claim_id, rows.keyed("claims"), where=f" in {path}"))
    try:
        related = rows.related("claims", claim, strict=True)
    except MissingRow as missing:
        raise CiteError(f"claim {claim_id} refers to {missing}") from None
    joins = {join.name: join.table for join in package.resource("claims").joins}
    used = [("claims", claim)] + [(joins[name], row) for name, row in related.items() if row is not None]
    if not all(looks_valid(package.resource(table), row) for table, row in used):
        raise NotCitable(claim_id)
    try:
        return sentence(claim, related["measure"], related["claimant"], related["via"], related["source"])
    except (ArithmeticError, LookupError, TypeError, ValueError) as error:
        # Rows each as their schema wants can still disagree with one another (a range
        # with no top): validation finds such a problem, or the error is claimtrack's own.
        raise NotCitable(claim_id) from error
