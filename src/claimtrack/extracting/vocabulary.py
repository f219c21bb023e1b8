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
# The verbs that attribute a figure to a speaker: "said", and the many ways reporting says it.
ATTRIBUTION = (
    r"said|says|say|told|tells|estimated|estimates|announced|announces|reported|reports|stated|claimed|claims|"
    r"added|adds|warned|warns|declared|declares|saying|alleged|alleges|acknowledged|acknowledges|confirmed|"
    r"confirms|found|finds|recalled|recalls|counted|counts"
)

# --- Patterns -----------------------------------------------------------------------------------

_word_unit = "|".join(sorted(UNITS, key=len, reverse=True))
_word_tens = "|".join(TENS)
_word_small = rf"(?:(?:{_word_tens})(?:-(?:{_word_unit}))?|{_word_unit})"
# "eight", "twenty-five", "two hundred", "one hundred and fifty", "three thousand"
WORD_NUMBER = rf"{_word_small}(?:\s+hundred(?:\s+(?:and\s+)?{_word_small})?)?(?:\s+(?:thousand|million|billion))?"
# "a quarter-million", "half a million", "three-quarters of a million", "a million"
FRACTIONS = {"quarter": 0.25, "half": 0.5, "three quarters": 0.75, "": 1}
FRACTION = (
    r"(?:(?:a|one)[-\s]+)?quarter[-\s]+(?:of\s+)?(?:a[-\s]+)?(?:million|billion)"
    r"|(?:a[-\s]+)?half[-\s]+(?:of\s+)?(?:a[-\s]+)?(?:million|billion)"
    r"|three[-\s]+quarters[-\s]+of\s+a[-\s]+(?:million|billion)"
    r"|a\s+(?:million|billion)"
)
DIGITS = r"\d{1,3}(?:,\d{3}){1,4}|\d{1,12}(?:\.\d{1,6})?"
NUMBER = rf"(?:{FRACTION}|(?:{DIGITS})(?:\s+(?:million|billion|thousand))?|{WORD_NUMBER})"
# Digits grouped by commas as no number is ("1,2000", "12,00"): a typo, flagged for the reader.
GROUPED_DIGITS = re.compile(r"(?<![\d,.])\d{1,6}(?:,\d{1,6}){1,5}(?!\d|,\d)")
WELL_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+")


def _words(phrase: str) -> str:
    """A phrase as a pattern whose spaces are any run of spaces: "at least" across a line break."""
    return r"\s+".join(re.escape(word) for word in phrase.split())


# "past" in "the past 24 hours" is no qualifier.
_before = "|".join(sorted((_words(k) for k in BEFORE), key=len, reverse=True))
_after = "|".join(sorted((_words(k) for k in AFTER), key=len, reverse=True))
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
    # "on the 25th", "by the 20th", "the 3rd of June": a day of a month named before, or the paper's.
    (
        "nth",
        rf"\b(?:(?P<by>by)\s+|(?P<until>until|till)\s+|on\s+)?the\s+(?P<day>[12]?\d|3[01])(?:st|nd|rd|th)\b"
        rf"(?:(?:\s+of)?\s+(?P<month>{_month})\b"
        rf"|(?=\s*(?:[,.;:!?)\"\u201d]|$|(?:and|or|to|at|when|if|as|with|before|after|until|but|of\s+(?:this|next|the)\s+month)\b)))",
    ),
]
# One pattern for all: each alternative's groups are prefixed with its kind, "range_day".
DATES = re.compile(
    "|".join(f"(?P<{kind}>{pattern.replace('(?P<', f'(?P<{kind}_')})" for kind, pattern in DATE_PATTERNS),
    re.IGNORECASE,
)

NUMBERS = re.compile(
    rf"\b(?:(?P<ranging>ranging\s+from\s+)|(?P<spanning>between\s+))?"
    rf"(?:(?<!\bthe\s)(?P<before>{_before})\s+)?"
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
# "An estimated 300", "its reports" and "were found" are no attribution: a noun, or a passive
# with nobody doing the saying. "put the toll at 160" is one.
_noun = r"(?<!\ban )(?<!\bthe )(?<!\ba )(?<!\bits )(?<!\btheir )(?<!\bhis )(?<!\bher )(?<!\bour )"
_passive = r"(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?<!\bbe )(?<!\bis )(?<!\bare )(?<!\bbeing )"
_put_at = r"\bput\b(?=(?:\s+[\w'\u2019-]{1,30}){1,8}?\s+at\s+[^.;\d]{0,30}\d)"
VERB = re.compile(rf"{_noun}{_passive}\b(?:{ATTRIBUTION})\b|\baccording\s+to\b|{_put_at}", re.IGNORECASE)
# A verb in the present participle: its speaker is the subject of the clause before it.
PARTICIPLE = re.compile(r"saying|adding|warning|claiming|estimating", re.IGNORECASE)
PREPOSITION = re.compile(r"\s*(?:in|on|at(?!\s+least\b)|during|after|before|speaking|while)\b", re.IGNORECASE)
# What follows a speaker and describes it: "a charity", "of the UN", "in its reports on violence",
# "which relies on volunteers", "published on Tuesday".
DESCRIBING = re.compile(
    r"\s*(?:(?:a|an|who|which|whose|where|of|himself|herself|itself|also|now|then|once|formerly)\b"
    r"|(?:in|for|with|from)\s+(?:its|their|his|her|a|an)\b"
    r"|[a-z]+ed\b|(?:speaking|writing|citing|quoting|based|set|led|run|known)\b)",
)
# Words that end a speaker's name before the verb, and the words a clause of its own holds.
TRAILING = re.compile(
    r"(?:\s+(?:had|has|have|also|previously|earlier|later|then|now|again|would|will|had\s+also))+\s*$"
)
LEADING = re.compile(r"^\s*(?:and|but|while|whereas|however|yet|so)\s+", re.IGNORECASE)
PRONOUN = re.compile(r"(?:it|they|he|she)", re.IGNORECASE)
_irregular = (
    "gave|spoke|wrote|met|came|went|took|made|held|put|said|told|says|tells|has|had|have|is|was|were|are|will|"
    "would|can|could|may|might|must|should|began|sent|saw|found|brought|kept|left|led|ran|rose|fell|hit|set|won|"
    "lost|paid|sold|struck|drew|flew|grew|knew|threw|broke|chose|stood|sat|got|became|did|does|fled|runs|leads|"
    "relies|spent|built|fought|caught|shot|laid|lay|tore|wore|swept|burst|sank|shut|split|spread|stuck|swam|"
    "underwent|withdrew|overran"
)
# A word that is a verb of a clause: "were", "died", "fled". Only lower case, so that a name is none.
CLAUSE_VERB = re.compile(rf"\b(?:that|been|be|do|{_irregular})\b|(?<!\bthe )(?<!\ba )(?<!\ban )\b[a-z]{{2,}}ed\b")
# The first verb of a sentence, which ends its subject.
FIRST_VERB = re.compile(rf"\b(?:{_irregular})\b|(?<!\bthe )(?<!\ba )(?<!\ban )(?<!\bits )\b[a-z]{{2,}}ed\b")
# Between clauses with speakers of their own: "..., and police said 22,000"; "...; the group said".
CLAUSES = re.compile(r";\s+|,\s+(?:and|but|while|whereas)\s+|\s+(?:while|whereas)\s+")
# A clause that describes what the words before it name: "..., where a war has cost 9,000
# lives", "..., which employs 300". In reported speech it may be the writer's own words.
DESCRIBING_CLAUSE = re.compile(r",\s+(?:where|which|whose|who|whom)\b")
# "LISBON, March 14 (Newswire) -": where the report was filed, not its speaker.
DATELINE = re.compile(
    rf"^\s*[A-Z][A-Z.'\u2019 -]{{1,40}},\s+(?:(?i:{_month})\.?\s+\d{{1,2}}(?:,\s+\d{{4}})?\s+)?"
    r"(?:\([^()\n]{1,40}\)\s*)?[-\u2013\u2014]+\s*"
)
# Titles a speaker's name may carry, whose full stop ends no speaker: "Capt. Jonas Berg".
TITLES = r"(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Capt|Sen|Rep|Gov|Prof|Maj|Adm|Cmdr|Supt|Insp)\."
AFTER_SPEAKER = re.compile(rf"\s*((?:{TITLES}\s*|[A-Z]\.\s*|[^,.;:!?\"\u201c\u201d(])" r"{1,80})")
ABBREVIATIONS = re.compile(
    r"(?:\b(?:[A-Z]\.){1,3}|\b(?:Mr|Mrs|Ms|Dr|St|No|Gen|Col|Lt|Sgt|Capt|Sen|Rep|Gov|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|etc|e\.g|i\.e)\.)$"
)
# Between "told" and its date, only whom they told: "told Radio Meridian on Thursday".
RECIPIENT = re.compile(r"\s*(?:(?:[A-Z][\w'-]*\s+){1,3}|(?:reporters|journalists)\s+)?")
# Between a verb and the date of saying, no clause of the reported words: "said here Tuesday",
# "reported 1,450 job cuts on Thursday", but not "said 5 widgets were made yesterday".
SAID_GAP = re.compile(r"[^.;:!?\"\u201c\u201d]{0,100}")
# Before a date that opens the sentence: "Late on Tuesday", "Earlier yesterday".
OPENER = re.compile(r"\s*(?:(?:late|early|earlier|later|also)\s+)?", re.IGNORECASE)
# How a figure is known not to be a claim: a time of day, "one of the".
TIMES = re.compile(
    r"\b\d{1,2}:\d{2}(?:\s*(?:a|p)\.?m\b\.?)?(?:\s+(?:GMT|UTC|local\s+time)\b)?"
    r"|\b\d{1,2}(?:\.\d{2})?\s*(?:a|p)\.?m\b\.?"
    r"|\b\d{4}\s*(?:GMT|UTC|hrs|local\s+time)\b",
    re.IGNORECASE,
)
ONE_OF = re.compile(r"\bone\s+of\s+(?:the|those|its|their|his|her|our|my|these|them|us|many|several)\b", re.IGNORECASE)
# Words that make a figure a length of time: "seven months", "a two-year test", "for an hour".
DURATION = re.compile(r"(?:-|\s+)(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|centuries)\b", re.IGNORECASE)
DURATION_ADJECTIVE = re.compile(r"-(?:year|day|week|month|hour)s?$", re.IGNORECASE)
# Words around a figure that make it a population or a density, background to a story.
POPULATION_BEFORE = re.compile(
    r"\b(?:home\s+to|population\s+(?:of|is|was|stands\s+at)|density\s+(?:of|is|was))\s*$", re.IGNORECASE
)
POPULATION_AFTER = re.compile(
    r"\s+(?:(?:people|residents|inhabitants)\s+)?(?:per|a|an)\s+(?:square|sq\b|km|kilometre|kilometer|mile|hectare)"
    r"|\s+inhabitants\b",
    re.IGNORECASE,
)
# A source's words of uncertainty about a figure, which a draft keeps as its hedge.
HEDGES = re.compile(
    r"\b(?:likely|probably|possibly|perhaps|might|may\s+have|could\s+have|may\s+be|could\s+be|"
    r"working\s+date|tentative(?:ly)?|hopes?|expected)\b",
    re.IGNORECASE,
)
FUTURE = re.compile(r"\b(?:will|would|is due|are due|to be held|scheduled|planned|next)\b", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n\s*\n")
