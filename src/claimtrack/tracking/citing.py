"""The attribution sentence a reporter pastes into copy.

    At least 1,200 people had died in the floods, the Flood Relief Agency,
    a government body, said on May 1, 2024, according to The Daily Ledger (May 2,
    2024).

The figure comes first, in words ("at least 94,000", "about 200", "between June 10
and 12, 2013"), set into the measure's ``sentence``; then who said it, described as
the data describes them; how it travelled ("told a news agency"); when; and where it was
published. Works on rows of text, so it needs no pandas.
"""

from __future__ import annotations

import re
from pathlib import Path
from string import Formatter

from claimtrack.io.rows import MissingRow, Rows
from claimtrack.model.package import read_package
from claimtrack.model.qualifiers import NUMBER_COLUMNS, QUALIFIERS
from claimtrack.tracking import style

_CHOICE = re.compile(r"\[([^|\]]*)\|([^\]]*)\]")
# A full date followed by more words takes a comma after its year: "May 15, 2013, that".
_YEAR_MID_SENTENCE = re.compile(r"(\b\d{1,2}, \d{4})(?= [A-Za-z])")


class CiteError(LookupError):
    """The claim, or a row it refers to, is not in the package."""


def _given(value: str | None) -> bool:
    return value is not None and value != ""


def figure_phrase(claim: dict) -> tuple[str, int | None]:
    """The figure in words, and the number that decides singular or plural (None for dates
    and for a figure with no number): the qualifier's copy, with its numbers and days."""
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


def clause(claim: dict, measure: dict) -> str:
    """The measure's sentence with the figure in it."""
    phrase, number = figure_phrase(claim)
    text = measure["sentence"].replace("{figure}", phrase)
    text = _CHOICE.sub(lambda m: m.group(1) if number == 1 else m.group(2), text)
    return " ".join(text.split())


_POSSESSIVE = re.compile(r"^\S+['\u2019]s\s")


def named(claimant: dict) -> str:
    """The claimant's name with the article a reporter puts before it: "the Flood Relief Agency"."""
    name, kind, stance = claimant["name"], claimant["kind"], claimant.get("stance")
    # A name that opens with a possessive ("Eastland's Ministry of Health") takes no article.
    possessive = bool(_POSSESSIVE.match(name))
    if kind in ("organisation", "government body") and not possessive:
        bare = name[4:] if name.startswith("The ") else name
        return "the " + (f"{stance} " if _given(stance) else "") + bare
    return (f"the {stance} " if _given(stance) and kind == "news organisation" else "") + name


def who(claimant: dict) -> str:
    """The claimant as a reporter introduces them, with the description the data holds."""
    kind = claimant["kind"]
    description, role = claimant.get("description"), claimant.get("role")
    text = named(claimant)
    if kind == "person" and _given(role):
        text += ", " + (role if role.split(" ", 1)[0].lower() in ("a", "an", "the") else f"the {role}") + ","
    elif _given(description):
        text += f", {description},"
    return text


def sentence(claim: dict, measure: dict, claimant: dict, via: dict | None, source: dict) -> str:
    """The attribution sentence for one claim, from rows of text."""
    return _YEAR_MID_SENTENCE.sub(r"\1,", _sentence(claim, measure, claimant, via, source))


def _capital(text: str) -> str:
    return text[0].upper() + text[1:]


def _sentence(claim: dict, measure: dict, claimant: dict, via: dict | None, source: dict) -> str:
    body = clause(claim, measure)
    # A sentence never opens with a numeral: then the attribution goes first.
    lead_with_speaker = body[0].isdigit()
    body = _capital(body)
    published = style.day(source.get("published_on"))
    outlet = source["publisher"] + (f" ({published})" if published else "")
    said = style.when(claim.get("said_on"))
    said = f" {said}" if said else ""
    if claimant["kind"] == "unattributed":
        if lead_with_speaker:
            return f"According to {outlet}, which does not say who said so, {clause(claim, measure)}."
        return f"{body}, according to {outlet}, which does not say who said so."
    if claimant["name"] == source["publisher"]:
        publisher = named(claimant)
        if lead_with_speaker:
            return f"{_capital(publisher)} reported{said} that {clause(claim, measure)}."
        return f"{body}, {publisher} reported{said}."
    speaker = who(claimant)
    against = QUALIFIERS[claim["qualifier"]].against
    if lead_with_speaker and not against:
        against = "said"
    if against:
        # "X denied on May 24, 2013 that the conference would take place on June 10, 2013"
        body = f"{speaker[0].upper()}{speaker[1:]} {against}{said} that {clause(claim, measure)}"
        speaker, said = "", ""
    if via is not None and claim.get("via_relation") == "told":
        verb = f"told {via['name']}{said}"
        according = f"according to {outlet}" if via["name"] != source["publisher"] else ""
    elif via is not None:
        verb = f"said{said}"
        according = (
            f"according to {outlet}"
            if via["name"] == source["publisher"]
            else f"according to {via['name']}, as published by {outlet}"
        )
    else:
        verb = f"said{said}"
        according = f"according to {outlet}"
    if against:
        return f"{body.rstrip(',')}, {according}." if according else f"{body}."
    # An appositive already ends in a comma: "the agency, a government body, said".
    attribution = f"{speaker} {verb}" + (f", {according}" if according else "")
    return f"{body}, {attribution}."


def cite(root: str | Path, claim_id: str) -> str:
    """The sentence for ``claim_id`` in the package at ``root``."""
    package = read_package(root)
    rows = Rows(package)
    claim = rows.find("claims", claim_id)
    if claim is None:
        raise CiteError(f"there is no claim {claim_id!r} in {package.resource('claims').path}")
    try:
        related = rows.related("claims", claim, strict=True)
    except MissingRow as missing:
        raise CiteError(f"claim {claim_id} refers to {missing}") from None
    return sentence(claim, related["measure"], related["claimant"], related["via"], related["source"])
