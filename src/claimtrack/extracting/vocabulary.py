"""The words and patterns that find figures in a text: numbers written in digits or
words, the phrases that qualify them, dates and ranges, and the verbs of attribution.

The qualifying phrases come from the qualifier table (``claimtrack.model.qualifiers``):
"no fewer than" before a number makes it a lower bound because the table says so.

Every pattern is a regular expression that cannot backtrack without bound, so any
text, however long or strange, is read in time proportional to its length.
"""

from __future__ import annotations

import re

from claimtrack.model.qualifiers import QUALIFIERS
from claimtrack.tracking.style import MONTHS

# Month names and their abbreviations ("Jan.", "Sept."), from newsroom style's one list.
MONTH_NUMBERS = {name.lower(): number for number, name in enumerate(MONTHS, start=1)}
MONTH_NUMBERS |= {name[:3].lower(): number for number, name in enumerate(MONTHS, start=1)}
MONTH_NUMBERS["sept"] = 9
WEEKDAYS = {
    name: number for number, name in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())
}
UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
ORDINAL_WEEKS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 5}

# Words before a number, words after it, and words that stand for a figure with no
# number, each with the qualifier it makes.
BEFORE = {phrase: q.word for q in QUALIFIERS.values() for phrase in (*q.before, *q.verbs, *q.of_a_total)}
AFTER = {phrase: q.word for q in QUALIFIERS.values() for phrase in q.after}
ALONE = {phrase: q.word for q in QUALIFIERS.values() for phrase in q.alone}
ATTRIBUTION = r"said|says|told|tells|estimated|estimates|announced|reported|stated|claimed|added|warned|declared"

# --- Patterns -----------------------------------------------------------------------------------

_word_unit = "|".join(sorted(UNITS, key=len, reverse=True))
_word_tens = "|".join(TENS)
_word_small = rf"(?:(?:{_word_tens})(?:-(?:{_word_unit}))?|{_word_unit})"
# "eight", "twenty-five", "two hundred", "one hundred and fifty", "three thousand"
WORD_NUMBER = rf"{_word_small}(?:\s+hundred(?:\s+(?:and\s+)?{_word_small})?)?(?:\s+(?:thousand|million|billion))?"
DIGITS = r"\d{1,3}(?:,\d{3}){1,4}|\d{1,12}(?:\.\d{1,6})?"
NUMBER = rf"(?:(?:{DIGITS})(?:\s+(?:million|billion|thousand))?|{WORD_NUMBER})"
_before = "|".join(sorted((re.escape(k) for k in BEFORE), key=len, reverse=True))
_after = "|".join(sorted((re.escape(k) for k in AFTER), key=len, reverse=True))
_month = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))
_weekday = "|".join(WEEKDAYS)
_alone = "|".join(sorted((re.escape(v) for v in ALONE), key=len, reverse=True))

DATE_PATTERNS = [
    # "since May 2019" is a scope, not a claim: read it so that its year is no figure.
    ("since", rf"\bsince\s+(?:(?:{_month})\.?\s+)?\d{{4}}\b"),
    ("earliest", rf"\b(?P<month>{_month})\.?(?:\s+(?P<year>\d{{4}}))?\s+at\s+the\s+earliest\b"),
    (
        "byend",
        rf"\bby\s+the\s+end\s+of\s+(?:(?P<this>this\s+(?:month|year))|(?P<month>{_month})(?:\s+(?P<year2>\d{{4}}))?|(?P<year>\d{{4}}))\b",
    ),
    (
        "weekof",
        rf"\b(?:the\s+)?(?P<nth>first|second|third|fourth|last)\s+week\s+of\s+(?P<month>{_month})(?:\s+(?P<year>\d{{4}}))?\b",
    ),
    ("partof", rf"\b(?P<part>early|mid|late)[-\s](?P<month>{_month})(?:\s+(?P<year>\d{{4}}))?\b"),
    (
        "dayspan",
        rf"\b(?P<month>{_month})\.?\s+(?P<day>\d{{1,2}})\s*(?:-|–|to|and)\s*(?P<day2>\d{{1,2}})(?:,?\s+(?P<year>\d{{4}}))?\b",
    ),
    ("day", rf"\b(?P<month>{_month})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?\b"),
    ("lastmonth", rf"\blast\s+(?P<month>{_month})\b"),
    ("month", rf"\b(?:in\s+)?(?P<month>{_month})\s+(?P<year>\d{{4}})\b"),
    ("inmonth", rf"\bin\s+(?P<month>{_month})\b(?!\s+\d)"),
    ("weekday", rf"\b(?:on\s+)?(?P<weekday>{_weekday})(?:\s+(?:night|morning|afternoon|evening))?\b"),
    ("relative", r"\b(?P<rel>last\s+week|earlier\s+this\s+month|last\s+month|last\s+year|yesterday|today)\b"),
    ("year", r"\bin\s+(?P<year>(?:19|20)\d{2})\b"),
]
# One pattern for all: each alternative's groups are prefixed with its kind, "range_day".
DATES = re.compile(
    "|".join(f"(?P<{kind}>{pattern.replace('(?P<', f'(?P<{kind}_')})" for kind, pattern in DATE_PATTERNS),
    re.IGNORECASE,
)

NUMBERS = re.compile(
    rf"\b(?:(?P<ranging>ranging\s+from\s+)|(?P<spanning>between\s+))?"
    rf"(?:(?P<before>{_before})\s+)?"
    rf"(?P<number>{NUMBER})"
    rf"(?:\s*(?:-|–|to|and)\s*(?:(?:over|more\s+than)\s+)?(?P<number2>{NUMBER}))?"
    rf"(?:\s+(?P<after>{_after}))?"
    rf"(?P<adjective>-(?:nation|member|country|state|year|day|week|month|hour|strong)s?)?\b"
    rf"|\b(?P<alone>{_alone})\b"
    rf"|\b(?P<article_unit>(?:for\s+)?(?:an?)\s+(?:hour|day|week|month|year))\b",
    re.IGNORECASE,
)
TOLD = re.compile(r"\s+((?:[A-Z][\w'-]*\s?){1,3}|reporters|journalists)")
URLS = re.compile(r"https?://\S+|\]\([^)\s]*\)")
SPEAKING = re.compile(
    rf"^(?:He|She|They)\s+(?:was|were)\s+speaking\s+(?:on\s+)?(?P<weekday>{_weekday})\b", re.IGNORECASE
)
EARLIER = re.compile(r"\b(?:earlier\s+(?:hopes|plans|reports)|previously|had\s+hoped)\b", re.IGNORECASE)
# "An estimated 300" is a figure, not an attribution.
VERB = re.compile(rf"(?<!\ban )(?<!\bthe )\b(?:{ATTRIBUTION})\b|\baccording\s+to\b", re.IGNORECASE)
PREPOSITION = re.compile(r"^\s*(?:in|on|at(?!\s+least\b)|during|after|before|speaking|while)\b", re.IGNORECASE)
APPOSITIVE = re.compile(r"^\s*(?:a|an)\s", re.IGNORECASE)
ABBREVIATIONS = re.compile(
    r"(?:\b(?:[A-Z]\.){1,3}|\b(?:Mr|Mrs|Ms|Dr|St|No|Gen|Col|Lt|Sgt|Capt|Sen|Rep|Gov|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|etc|e\.g|i\.e)\.)$"
)
# Between "told" and its date, only whom they told: "told Radio Meridian on Thursday".
RECIPIENT = re.compile(r"\s*(?:(?:[A-Z][\w'-]*\s+){1,3}|(?:reporters|journalists)\s+)?")
# A source's words of uncertainty about a figure, which a draft keeps as its hedge.
HEDGES = re.compile(
    r"\b(?:likely|probably|possibly|perhaps|might|may\s+have|could\s+have|may\s+be|could\s+be|"
    r"working\s+date|tentative(?:ly)?|hopes?|expected)\b",
    re.IGNORECASE,
)
FUTURE = re.compile(r"\b(?:will|would|is due|are due|to be held|scheduled|planned|next)\b", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n\s*\n")
