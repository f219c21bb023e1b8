"""Where a text's sentences begin and end, as a reader would cut them: not after an
abbreviation, not inside quoted words, not at a line broken mid-sentence."""

from __future__ import annotations

from claimtrack.extracting.vocabulary import ABBREVIATIONS, SENTENCE_END


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
