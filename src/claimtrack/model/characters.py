"""The characters a text cell may not hold, and how any text is shown safely to people.

A control character (C0, DEL, C1) is invisible in a spreadsheet, crashes the chart
renderer, and printed to a terminal it can retitle the window or rewrite what is on
the screen. A bidirectional override or isolate makes a cell display otherwise than it
is written (a name read backwards, a figure reordered). The validation rules refuse
both; what the commands print shows any that reach them as visible escapes.

The classes below are written for both of the regular-expression engines that read
them: Python's ``re`` and Arrow's RE2.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls but tab, line feed and carriage return; DEL; the C1 controls.
_CONTROL_BUT_BREAKS = "\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f"
CONTROL = f"[{_CONTROL_BUT_BREAKS}]"
# The same, with tab, line feed and carriage return: for the cells of one line.
CONTROL_OR_BREAK = "[\\x00-\\x1f\\x7f-\\x9f]"
# Embeddings, overrides and isolates (LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI, PDI).
# The marks (LRM, RLM, ALM) reorder nothing around them and are left alone.
BIDI = "[\u202a-\u202e\u2066-\u2069]"

# The columns whose cells may run over several lines: prose, and the corrections log's
# copies of any cell. Every other text cell is one line.
LINE_BREAK_COLUMNS = frozenset({"quote", "note", "status_note", "description", "scope", "was", "became"})

# What is escaped in text for people: every control but line feed and tab (a carriage
# return can send the cursor back over what was printed), and the bidi controls.
_UNSAFE = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f]|{BIDI}")


# The controls a person may know by name.
_NAMES = {
    "\t": "TAB",
    "\n": "LINE FEED (a line break)",
    "\r": "CARRIAGE RETURN (a line break)",
    "\x07": "BELL",
    "\x0b": "VERTICAL TAB",
    "\x0c": "FORM FEED",
    "\x1b": "ESCAPE",
    "\x7f": "DELETE",
}
_FORMAT = re.compile("[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]")


def control_pattern(column: str) -> str:
    """The control characters a cell of ``column`` may not hold."""
    return CONTROL if column in LINE_BREAK_COLUMNS else CONTROL_OR_BREAK


def escape(character: str) -> str:
    """A character as a visible escape, as JSON and Python write it: \\u001b."""
    return f"\\u{ord(character):04x}"


def visible(text: str) -> str:
    """``text`` with each control and bidi control shown as its escape (\\u001b), so
    that printing it cannot drive a terminal. JSON text stays JSON: the escape means in
    a JSON string what the character does."""
    return _UNSAFE.sub(lambda found: escape(found.group()), text)


def revealed(text: str) -> str:
    """``text`` as ``visible`` shows it, with the invisible format characters too (a
    zero-width space, a byte-order mark): for showing a cell a problem is about."""
    return _FORMAT.sub(lambda found: escape(found.group()), visible(text))


def named(character: str) -> str:
    """A character as a person can find it: its code point and, where it has one, its name."""
    name = _NAMES.get(character) or unicodedata.name(character, "") or "a control character"
    return f"U+{ord(character):04X} {name}"


_SURROGATE = re.compile("[\ud800-\udfff]")


def surrogate(text: str) -> str | None:
    """The first half of a UTF-16 surrogate pair in ``text``, or None: no character,
    it cannot be written as UTF-8; Python holds an undecodable byte of a command-line
    argument (0xE9 of Latin-1) as one (\\udce9)."""
    found = _SURROGATE.search(text)
    return found.group() if found else None


def first(pattern: str, text: str) -> tuple[int, str]:
    """Where ``pattern`` first matches in ``text``: the 1-based position and the character."""
    found = re.search(pattern, text)
    if found is None:
        raise ValueError(f"{pattern} is not in the text")
    return found.start() + 1, found.group()
