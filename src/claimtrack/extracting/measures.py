"""The package's measure a figure most likely belongs to, by the words its sentence shares
with the measure's label, scope and sentence."""

from __future__ import annotations

import re

STOP = set(
    "a an the of in on at to for and or but with from by as is are was were be been that this these those it its "
    "their his her they he she who which said says told since all has have had will would could may".split()
)
_SAME = {"lives": "death", "killed": "death", "dead": "death", "deaths": "death", "toll": "death", "died": "death",
         "syrian": "syria", "russians": "russia", "russian": "russia", "kyrgyz": "kyrgyzstan", "talks": "conference",
         "nations": "nation", "countries": "nation", "citizens": "citizen", "fighters": "fighter", "fighting": "fighter",
         "rebels": "rebel", "hours": "hour", "years": "year"}  # fmt: skip


def words_of(text: str) -> set[str]:
    words = set()
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in STOP or len(word) < 3:
            continue
        words.add(_SAME.get(word, word))
    return words


def guess_measure(sentence_words: set[str], near: set[str], family: str, measures: list[dict]) -> str | None:
    """The package's measure of the right kind whose words the figure's sentence shares
    most, the words next to the figure counting three times; None when no measure shares
    at least two words with the sentence."""
    best, best_score = None, 0
    for measure in measures:
        kind = measure.get("kind")
        if (family == "date") != (kind == "date"):
            continue
        words = words_of(" ".join(str(measure.get(k) or "") for k in ("label", "scope", "sentence")))
        shared = len(sentence_words & words)
        score = shared + 3 * len(near & words)
        if shared >= 2 and score > best_score:
            best, best_score = measure["measure_id"], score
    return best


def near_words(sentence: str, start: int, end: int, width: int = 40) -> set[str]:
    return words_of(sentence[max(0, start - width) : end + width])


# --- Drafts -------------------------------------------------------------------------------------
