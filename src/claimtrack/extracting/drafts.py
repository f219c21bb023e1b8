"""Drafting claims from an article: the figures, their qualifiers, who said them and when.

``extract(text, published)`` reads plain text and proposes one draft per figure
phrase: a number with its qualifier ("at least 94,000", "about 200", "more than
two years", "eight-nation", "Several"), a date or range ("June 10-12", "the second
week of June", "last June", "by the end of 2014", "August at the earliest"), the
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

import calendar
import datetime as dt
import re
from dataclasses import asdict, dataclass

# --- Words --------------------------------------------------------------------------------------

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
VAGUE = ("several", "dozens", "scores", "hundreds", "thousands", "tens of thousands", "hundreds of thousands", "a few")
ORDINAL_WEEKS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 5}

# Words before a number, and the qualifier they make.
BEFORE = {
    "at least": "at least", "no fewer than": "at least", "no less than": "at least",
    "more than": "more than", "over": "more than", "exceeds": "more than", "exceeding": "more than",
    "upwards of": "more than", "in excess of": "more than",
    "about": "about", "around": "about", "approximately": "about", "roughly": "about", "some": "about",
    "an estimated": "about", "close to": "nearly",
    "nearly": "nearly", "almost": "nearly", "approaching": "nearly", "just under": "nearly",
    "as high as": "as high as", "as many as": "as high as",
    "up to": "up to", "fewer than": "up to", "less than": "up to", "under": "up to",
    # A figure given as a possibility is read as an upper estimate.
    "may have cost": "up to", "may have killed": "up to", "could have cost": "up to",
}  # fmt: skip
# Words after a number.
AFTER = {"or more": "at least", "or so": "about", "plus": "at least"}
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
_after = "|".join(re.escape(k) for k in AFTER)
_month = "|".join(sorted(MONTHS, key=len, reverse=True))
_weekday = "|".join(WEEKDAYS)
_vague = "|".join(sorted((re.escape(v) for v in VAGUE), key=len, reverse=True))

DATE_PATTERNS = [
    # "since March 2011" is a scope, not a claim: read it so that its year is no figure.
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
        "range",
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
    rf"\b(?:(?P<ranging>ranging\s+from\s+)|(?P<between>between\s+))?"
    rf"(?:(?P<before>{_before})\s+)?"
    rf"(?P<number>{NUMBER})"
    rf"(?:\s*(?:-|–|to|and)\s*(?:(?:over|more\s+than)\s+)?(?P<number2>{NUMBER}))?"
    rf"(?:\s+(?P<after>{_after}))?"
    rf"(?P<adjective>-(?:nation|member|country|state|year|day|week|month|hour|strong)s?)?\b"
    rf"|\b(?P<vague>{_vague})\b"
    rf"|\b(?P<article_unit>(?:for\s+)?(?:an?)\s+(?:hour|day|week|month|year))\b",
    re.IGNORECASE,
)
TOLD = re.compile(r"\s+((?:[A-Z][\w'-]*\s?){1,3}|reporters|journalists)")
URLS = re.compile(r"https?://\S+|\]\([^)\s]*\)")
SPEAKING = re.compile(
    rf"^(?:He|She|They)\s+(?:was|were)\s+speaking\s+(?:on\s+)?(?P<weekday>{_weekday})\b", re.IGNORECASE
)
EARLIER = re.compile(r"\b(?:earlier\s+(?:hopes|plans|reports)|previously|had\s+hoped)\b", re.IGNORECASE)
# "An estimated 200" is a figure, not an attribution.
VERB = re.compile(rf"(?<!\ban )(?<!\bthe )\b(?:{ATTRIBUTION})\b|\baccording\s+to\b", re.IGNORECASE)
PREPOSITION = re.compile(r"^\s*(?:in|on|at(?!\s+least\b)|during|after|before|speaking|while)\b", re.IGNORECASE)
APPOSITIVE = re.compile(r"^\s*(?:a|an)\s", re.IGNORECASE)
ABBREVIATIONS = re.compile(
    r"(?:\b(?:[A-Z]\.){1,3}|\b(?:Mr|Mrs|Ms|Dr|St|No|Gen|Col|Lt|Sgt|Capt|Sen|Rep|Gov|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|etc|e\.g|i\.e)\.)$"
)
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n\s*\n")


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

    def to_dict(self) -> dict:
        return asdict(self)


# --- Sentences ----------------------------------------------------------------------------------


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences in ``text``. A blank line ends a sentence unless the
    next paragraph carries on in lower case (a line broken in the middle of a sentence)."""
    spans: list[tuple[int, int]] = []
    start = 0
    quotes = Quotation()
    for match in SENTENCE_END.finditer(text):
        cut = match.end() if match.group().startswith((".", "!", "?")) else match.start()
        if match.group().startswith("."):
            head = text[max(start, match.start() - 12) : match.start() + 1]
            if ABBREVIATIONS.search(head):
                continue
        if not match.group().startswith((".", "!", "?")):
            following = text[match.end() : match.end() + 1]
            if following.islower():
                continue
        elif quotes.open_at(text, cut):
            continue  # a full stop inside quoted words does not end the reporter's sentence
        spans.append((start, cut))
        start = match.end()
        quotes.restart(start)
    spans.append((start, len(text)))
    return [(a + _lead(text, a, b), b - _trail(text, a, b)) for a, b in spans if text[a:b].strip()]


class Quotation:
    """Whether a quotation is open at a point of the current sentence, counting each
    stretch of text once, so that a long open quotation costs no more than its length."""

    def __init__(self) -> None:
        self.restart(0)

    def restart(self, position: int) -> None:
        self.scanned, self.straight, self.opened = position, 0, 0

    def open_at(self, text: str, position: int) -> bool:
        stretch = text[self.scanned : position]
        self.scanned = max(self.scanned, position)
        self.straight += stretch.count('"')
        self.opened += stretch.count("“") - stretch.count("”")
        return self.straight % 2 == 1 or self.opened > 0


def _lead(text: str, a: int, b: int) -> int:
    return len(text[a:b]) - len(text[a:b].lstrip())


def _trail(text: str, a: int, b: int) -> int:
    return len(text[a:b]) - len(text[a:b].rstrip())


def squeeze(text: str) -> str:
    return " ".join(text.split())


# --- Numbers ------------------------------------------------------------------------------------


def scale_of(words: str) -> str | None:
    words = words.lower().split()
    return words[-1] if words and words[-1] in ("thousand", "million", "billion") else None


def parse_number(words: str, scale: str | None = None) -> int | None:
    """'94,000' -> 94000; '1.2 million' -> 1200000; 'one hundred and fifty' -> 150; with
    ``scale``, a bare number takes it ('3' in '3 to 4 million' -> 3000000)."""
    words = " ".join(words.lower().replace("-", " ").split())
    if not words:
        return None
    own = scale_of(words)
    if own:
        words = words[: -len(own)].strip()
    factor = SCALES.get(own or scale or "", 1)
    try:
        return round(float(words.replace(",", "")) * factor)
    except ValueError:
        pass
    total, hundreds = 0, 0
    for part in words.split():
        if part in UNITS:
            total += UNITS[part]
        elif part in TENS:
            total += TENS[part]
        elif part == "hundred":
            hundreds, total = max(total, 1) * 100, 0
        elif part != "and":
            return None
    return (hundreds + total) * factor


def number_figure(match: re.Match) -> dict | None:
    """Qualifier and bounds of a number phrase."""
    if match.group("vague"):
        return dict(qualifier="several", value=None, low=None, high=None)
    if match.group("article_unit"):
        return dict(qualifier="about", value=1, low=None, high=None)
    second_words = match.group("number2")
    first = parse_number(match.group("number"), scale_of(second_words) if second_words else None)
    if first is None:
        return None
    second = parse_number(second_words) if second_words else None
    if second is not None and (match.group("ranging") or match.group("between") or second > first):
        return dict(qualifier="range", value=None, low=first, high=second)
    if second is not None:
        return None  # "4 to 3" is no range: leave it to the reader
    qualifier = "exact"
    if match.group("before"):
        qualifier = BEFORE[" ".join(match.group("before").lower().split())]
    elif match.group("after"):
        qualifier = AFTER[match.group("after").lower()]
    bound = {"at least": "low", "more than": "low", "as high as": "high", "up to": "high"}.get(qualifier, "value")
    figure = dict(qualifier=qualifier, value=None, low=None, high=None)
    figure[bound] = first
    return figure


# --- Dates --------------------------------------------------------------------------------------


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _year_for(month: int, given: str | None, published: dt.date, ahead: bool = False) -> int:
    """The year of a month named without one: the paper's, or the next when the sentence
    looks ahead ("talks will open in January", in a December paper)."""
    if given:
        return int(given)
    return published.year + 1 if ahead and month < published.month else published.year


def _weekday_before(published: dt.date, name: str) -> dt.date:
    """The day a paper of ``published`` means by a weekday's name: itself when it is the
    paper's own day, else the most recent one before it."""
    back = (published.weekday() - WEEKDAYS[name.lower()]) % 7
    return published - dt.timedelta(days=back)


def _last_week(published: dt.date) -> tuple[dt.date, dt.date]:
    monday = published - dt.timedelta(days=published.weekday() + 7)
    return monday, monday + dt.timedelta(days=6)


def _weekday_after(published: dt.date, name: str) -> dt.date:
    """The day a weekday's name means in a sentence about what will happen: the paper's
    own day, or the next one after it."""
    return published + dt.timedelta(days=(WEEKDAYS[name.lower()] - published.weekday()) % 7)


def date_figure(match: re.Match, published: dt.date, ahead: bool = False) -> dict | None:
    """Qualifier and days of a date phrase; None for a phrase that is no claim ("since ...").
    With ``ahead``, a weekday or a month without its year is read forward, not back."""
    kind = match.lastgroup
    prefix = f"{kind}_"
    groups = {k[len(prefix) :]: v for k, v in match.groupdict().items() if v is not None and k.startswith(prefix)}

    def month() -> int:
        return MONTHS[groups["month"].lower().rstrip(".")]

    try:
        if kind == "since":
            return None
        if kind == "earliest":
            start = dt.date(_year_for(month(), groups.get("year"), published, ahead), month(), 1)
            return dict(qualifier="not before", date_from=start, date_to=None)
        if kind == "byend":
            if groups.get("this"):
                end = (
                    _month_end(published.year, published.month)
                    if "month" in groups["this"].lower()
                    else dt.date(published.year, 12, 31)
                )
            elif groups.get("month"):
                m = month()
                end = _month_end(_year_for(m, groups.get("year2"), published, ahead), m)
            else:
                end = dt.date(int(groups["year"]), 12, 31)
            return dict(qualifier="not after", date_from=None, date_to=end)
        if kind == "weekof":
            m = month()
            year = _year_for(m, groups.get("year"), published, ahead)
            nth = ORDINAL_WEEKS[groups["nth"].lower()]
            last = calendar.monthrange(year, m)[1]
            first_day = last - 6 if nth == 5 else 7 * (nth - 1) + 1
            return dict(
                qualifier="between", date_from=dt.date(year, m, first_day), date_to=dt.date(year, m, first_day + 6)
            )
        if kind == "partof":
            m = month()
            year = _year_for(m, groups.get("year"), published, ahead)
            first_day, last_day = {"early": (1, 10), "mid": (11, 20), "late": (21, calendar.monthrange(year, m)[1])}[
                groups["part"].lower()
            ]
            return dict(qualifier="between", date_from=dt.date(year, m, first_day), date_to=dt.date(year, m, last_day))
        if kind == "range":
            m = month()
            year = _year_for(m, groups.get("year"), published, ahead)
            start, end = dt.date(year, m, int(groups["day"])), dt.date(year, m, int(groups["day2"]))
            return dict(qualifier="between", date_from=start, date_to=end) if start <= end else None
        if kind == "day":
            m = month()
            day = dt.date(_year_for(m, groups.get("year"), published, ahead), m, int(groups["day"]))
            return dict(qualifier="on", date_from=day, date_to=day)
        if kind == "lastmonth":
            m = month()
            year = published.year if m < published.month else published.year - 1
            return dict(qualifier="between", date_from=dt.date(year, m, 1), date_to=_month_end(year, m))
        if kind == "inmonth":
            if not ahead:
                return None  # in a look back, "in May" is the period of a figure, not a date claimed
            m = month()
            year = _year_for(m, None, published, ahead)
            return dict(qualifier="between", date_from=dt.date(year, m, 1), date_to=_month_end(year, m))
        if kind == "month":
            m = month()
            year = int(groups["year"])
            return dict(qualifier="between", date_from=dt.date(year, m, 1), date_to=_month_end(year, m))
        if kind == "weekday":
            when = _weekday_after if ahead else _weekday_before
            day = when(published, groups["weekday"])
            return dict(qualifier="on", date_from=day, date_to=day)
        if kind == "relative":
            start, end = _relative(groups["rel"], published)
            return dict(qualifier="on" if start == end else "between", date_from=start, date_to=end)
        if kind == "year":
            year = int(groups["year"])
            return dict(qualifier="between", date_from=dt.date(year, 1, 1), date_to=dt.date(year, 12, 31))
    except (ValueError, KeyError, OverflowError):
        return None  # "February 30", "June 40", a day before the calendar begins: no such day
    return None


def _relative(words: str, published: dt.date) -> tuple[dt.date, dt.date]:
    words = " ".join(words.lower().split())
    if words == "last week":
        return _last_week(published)
    if words == "earlier this month":
        return published.replace(day=1), published
    if words == "last month":
        end = published.replace(day=1) - dt.timedelta(days=1)
        return end.replace(day=1), end
    if words == "last year":
        return dt.date(published.year - 1, 1, 1), dt.date(published.year - 1, 12, 31)
    if words == "yesterday":
        return (published - dt.timedelta(days=1),) * 2
    return (published,) * 2


def partial(start: dt.date, end: dt.date) -> str:
    """The most precise partial ISO date that holds both days: 2013-05-14, 2013-05 or 2013."""
    if start == end:
        return start.isoformat()
    if (start.year, start.month) == (end.year, end.month):
        return start.isoformat()[:7]
    return str(start.year) if start.year == end.year else ""


# --- Who and when ------------------------------------------------------------------------------


@dataclass
class Attribution:
    claimant: str | None
    said_on: str | None
    said_on_text: str | None
    basis: str
    told: str | None = None  # whom the speaker told: "Interfax", "reporters"


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
                day = _weekday_before(published, speaking.group("weekday"))
            except OverflowError:
                break
            said = (day.isoformat(), speaking.group(), "inferred from weekday")
            break
    whom = told.group(1) if told else None
    if said is None:
        return Attribution(claimant, None, None, "not stated", whom)
    return Attribution(claimant, *said, told=whom)


# Between "told" and its date, only whom they told: "told Interfax on Thursday".
RECIPIENT = re.compile(r"\s*(?:(?:[A-Z][\w'-]*\s+){1,3}|(?:reporters|journalists)\s+)?")
FUTURE = re.compile(r"\b(?:will|would|is due|are due|to be held|scheduled|planned|next)\b", re.IGNORECASE)


def said_phrase(sentence: str, verb: re.Match | None, match: re.Match) -> str | None:
    """How a weekday or relative date dates the attribution itself, if it does: right
    after the verb ("said on Tuesday", "told Interfax on Thursday"), or opening the
    sentence before it ("In Bishkek on Wednesday, the head ... said")."""
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
            return partial(figure["date_from"], figure["date_to"]) or None, squeeze(text), basis
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
        chunks = chunks[1:]  # "In Bishkek on Wednesday, the head ... said"
    if not chunks:
        return None
    first, rest = chunks[0], chunks[1:]
    reported = bool(NUMBERS.search(first) or DATES.search(first)) or len(first.split()) > 8
    if not reported and rest and all(APPOSITIVE.match(c) for c in rest):
        return _clean_speaker(first)  # "The Observatory, a monitoring group, said"
    last = chunks[-1]
    earlier = chunks[-2] if len(chunks) >= 2 else ""
    if (
        earlier
        and _is_name(last)
        and len(earlier.split()) <= 8
        and not (NUMBERS.search(earlier) or DATES.search(earlier))
    ):
        return _clean_speaker(chunks[-2] + ", " + last)  # "the head of the service, Beishenbai Zhunusov, told"
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

_STOP = set(
    "a an the of in on at to for and or but with from by as is are was were be been that this these those it its "
    "their his her they he she who which said says told since all has have had will would could may".split()
)
_SAME = {"lives": "death", "killed": "death", "dead": "death", "deaths": "death", "toll": "death", "died": "death",
         "syrian": "syria", "russians": "russia", "russian": "russia", "kyrgyz": "kyrgyzstan", "talks": "conference",
         "nations": "nation", "countries": "nation", "citizens": "citizen", "fighters": "fighter", "fighting": "fighter",
         "rebels": "rebel", "hours": "hour", "years": "year"}  # fmt: skip


def _words(text: str) -> set[str]:
    words = set()
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in _STOP or len(word) < 3:
            continue
        words.add(_SAME.get(word, word))
    return words


def guess_measure(sentence_words: set[str], near_words: set[str], family: str, measures: list[dict]) -> str | None:
    """The package's measure of the right kind whose words the figure's sentence shares
    most, the words next to the figure counting three times; None when no measure shares
    at least two words with the sentence."""
    best, best_score = None, 0
    for measure in measures:
        kind = measure.get("kind")
        if (family == "date") != (kind == "date"):
            continue
        words = _words(" ".join(str(measure.get(k) or "") for k in ("label", "scope", "sentence")))
        shared = len(sentence_words & words)
        score = shared + 3 * len(near_words & words)
        if shared >= 2 and score > best_score:
            best, best_score = measure["measure_id"], score
    return best


def _near(sentence: str, start: int, end: int, width: int = 40) -> set[str]:
    return _words(sentence[max(0, start - width) : end + width])


# --- Drafts -------------------------------------------------------------------------------------


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
        words = _words(sentence)
        quote = squeeze(sentence)
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
                    measure=guess_measure(words, _near(sentence, *match.span()), family, measures),
                    told=said.told.strip() if said.told else None,
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


def match_claimant(words: str | None, claimants: list[dict]) -> str | None:
    """The package's claimant the words name: by name ("Beishenbai Zhunusov"), by post
    ("the head of Russia's Federal Security Service") or by every capitalised word of
    the words being in the name ("Kerry and Lavrov")."""
    if not words:
        return None
    text = words.lower()
    bare = re.sub(r"^(?:the|a|an)\s+", "", text)
    for claimant in claimants:
        name, role = claimant["name"].lower(), (claimant.get("role") or "").lower()
        if name in text or (role and role in text) or (len(bare.split()) >= 2 and bare in name):
            return claimant["claimant_id"]
    capitals = {w.lower() for w in re.findall(r"\b[A-Z][\w'-]+", words) if w.lower() not in _STOP}
    if capitals:
        for claimant in claimants:
            if capitals <= set(re.findall(r"[\w'-]+", claimant["name"].lower())):
                return claimant["claimant_id"]
    return None


class AcceptError(ValueError):
    """Some drafts cannot become claims as they stand."""


def to_claims(drafts: list[Draft], source: dict, claimants: list[dict]) -> list[dict]:
    """The drafts as rows for ``claimtrack add``: the speaker matched to a claimant (the
    publisher for its own statements, "unattributed" where nobody is named), an
    intermediary the speaker told, the source, and how the date is known."""
    publisher = next((c["claimant_id"] for c in claimants if c["name"] == source["publisher"]), None)
    nobody = next((c["claimant_id"] for c in claimants if c.get("kind") == "unattributed"), None)
    news = [c for c in claimants if c.get("kind") == "news organisation"]
    rows, missing = [], []
    for draft in drafts:
        if draft.claimant:
            claimant = match_claimant(draft.claimant, claimants)
        else:
            claimant = publisher if draft.said_on_basis == "publication date" else nobody
        via = match_claimant(draft.told, news) if draft.told else None
        lacking = [what for what, value in (("a claimant", claimant), ("a measure", draft.measure)) if not value]
        if lacking:
            who = f" (the text names {draft.claimant!r})" if draft.claimant and not claimant else ""
            missing.append(
                f"{draft.id} {draft.text!r}: no {' and no '.join(w[2:] for w in lacking)} in the package{who}"
            )
            continue
        rows.append(
            {
                "measure_id": draft.measure,
                "claimant_id": claimant,
                "via_id": via,
                "via_relation": "told" if via else None,
                "source_id": source["source_id"],
                "figure_text": draft.text,
                "qualifier": draft.qualifier,
                "low": draft.low,
                "value": draft.value,
                "high": draft.high,
                "date_from": draft.date_from,
                "date_to": draft.date_to,
                "said_on": draft.said_on,
                "said_on_basis": draft.said_on_basis,
                "said_on_text": draft.said_on_text,
                "status": "reported",
                "quote": draft.quote,
                "note": f"Drafted by claimtrack extract from characters {draft.start}-{draft.end} of the text.",
            }
        )
    if missing:
        raise AcceptError(
            "these drafts cannot be accepted as they stand; add the claimant or measure to the package, or record "
            "them with claimtrack add:\n  " + "\n  ".join(missing)
        )
    return rows
