"""The package's measure a figure most likely belongs to, by the words its sentence shares
with the measure's label, scope, sentence and keywords.

The story's own words (that "killed" speaks of a death toll, "talks" of a conference)
come from the package, in each measure's ``keywords``; the code knows only English:
which words say nothing, and that a plural is its singular.
"""

from __future__ import annotations

import functools
import re

from claimtrack.model import lists

STOP = set(
    "a an the of in on at to for and or but with from by as is are was were be been that this these those it its "
    "their his her they he she who which said says told since all has have had will would could may".split()
)
# The parts of a measure whose words a figure's sentence is compared with.
MEASURE_WORDS = ("label", "scope", "sentence")


def singular(word: str) -> str:
    """An English plural as its singular, by the spelling rule alone: "countries" ->
    "country", "witnesses" -> "witness", "deaths" -> "death"; "status" and "crisis" stay."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zzes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words_of(text: str) -> set[str]:
    return {singular(word) for word in re.findall(r"[a-z]+", text.lower()) if word not in STOP and len(word) >= 3}


def measure_words(measure: dict) -> frozenset[str]:
    """The words of a measure's label, scope and sentence, and its keywords."""
    return _words_of_parts(tuple(str(measure.get(k) or "") for k in MEASURE_WORDS), measure.get("keywords") or "")


@functools.lru_cache(maxsize=1024)
def _words_of_parts(parts: tuple[str, ...], keywords: str) -> frozenset[str]:
    # Asked once per figure for every measure: the same few measures, read once.
    return frozenset(words_of(" ".join([*parts, *lists.items(keywords)])))


def guess_measure(sentence_words: set[str], near: set[str], family: str, measures: list[dict]) -> str | None:
    """The package's measure of the right kind whose words the figure's sentence shares
    most, the words next to the figure counting three times; None when no measure shares
    at least two words with the sentence."""
    best, best_score = None, 0
    for measure in measures:
        kind = measure.get("kind")
        if (family == "date") != (kind == "date"):
            continue
        words = measure_words(measure)
        shared = len(sentence_words & words)
        score = shared + 3 * len(near & words)
        if shared >= 2 and score > best_score:
            best, best_score = measure["measure_id"], score
    return best


def tracked(measure_id: str | None, near: set[str], measures: list[dict], kind: str | None = None) -> bool:
    """Whether the package tracks the figure: the measure guessed for it shares a word with
    the words next to it (and is of ``kind``, when given), so that a date or a length of
    time that is only background in most stories is a claim in this one."""
    measure = next((m for m in measures if m["measure_id"] == measure_id), None) if measure_id else None
    return bool(measure and near & measure_words(measure) and (kind is None or measure.get("kind") == kind))


def near_words(sentence: str, start: int, end: int, width: int = 40) -> set[str]:
    return words_of(sentence[max(0, start - width) : end + width])


# --- Drafts -------------------------------------------------------------------------------------
