"""Column operations in polars expressions, for the large tables: regular expressions
in the dialect the rules are written in, text folded as lists compare it, and the rows
on a cycle of pointers.

The rules' patterns (the schemas' own, the formula and link patterns) are written for
RE2, where ``\\d``, ``\\s`` and ``\\w`` are ASCII; polars runs Rust's regex, where
they are Unicode (``\\s`` there takes a no-break space, ``\\d`` an Arabic digit).
``regex`` rewrites them to their ASCII meaning, so that a pattern means what it meant.
"""

from __future__ import annotations

from functools import lru_cache

import polars as pl

# RE2's classes, as Rust's regex reads them inside brackets.
_CLASSES = {"d": "0-9", "s": "\\t\\n\\f\\r ", "w": "0-9A-Za-z_"}


@lru_cache(maxsize=None)
def regex(pattern: str) -> str:
    """``pattern`` with RE2's ASCII ``\\d \\s \\w`` (and their negations, and ``\\b``)
    spelled out for Rust's regex, which would read them as Unicode classes."""
    out, inside, i = [], False, 0
    while i < len(pattern):
        character = pattern[i]
        if character == "\\" and i + 1 < len(pattern):
            escaped = pattern[i + 1]
            i += 2
            lower = escaped.lower()
            if lower in _CLASSES:
                members = _CLASSES[lower]
                negated = escaped.isupper()
                if inside:
                    out.append(f"[^{members}]" if negated else members)
                else:
                    out.append(f"[^{members}]" if negated else f"[{members}]")
            elif escaped in "bB" and not inside:
                out.append(f"(?-u:\\{escaped})")
            else:
                out.append("\\" + escaped)
            continue
        if character == "[" and not inside:
            inside = True
            out.append(character)
            # A ] or ^] first in a class is a member, not its end.
            for lead in ("^", "]"):
                if pattern.startswith(lead, i + 1):
                    out.append(lead)
                    i += 1
        elif character == "]" and inside:
            inside = False
            out.append(character)
        elif character == "[" and inside and pattern.startswith("[:", i):
            end = pattern.index(":]", i) + 2
            out.append(pattern[i:end])
            i = end
            continue
        else:
            out.append(character)
        i += 1
    return "".join(out)


def fullmatch(text: pl.Expr, pattern: str) -> pl.Expr:
    """Whether each cell matches ``pattern`` whole; null where the cell is missing."""
    return text.str.contains(f"^(?:{regex(pattern)})$")


def search(text: pl.Expr, pattern: str) -> pl.Expr:
    """Whether ``pattern`` matches somewhere in each cell; null where the cell is missing."""
    return text.str.contains(regex(pattern))


# What Python's str.split() splits at: Unicode's spaces and the separators \x1c-\x1f.
WHITESPACE = "[\t\n\r\f\v \x1c-\x1f\x85\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"


@lru_cache(maxsize=1)
def _case_folding() -> tuple[list[str], list[str]]:
    """The characters whose case folding is more than their lower case (ß folds to ss),
    as lower case gives them, with their folding: Python's own table, which has them
    all in the Basic Multilingual Plane."""
    found = {}
    for start in range(0, 0x10000, 256):  # a block whose folding is its lower case is passed over whole
        block = "".join(map(chr, range(start, start + 256)))
        if block.lower() == block.casefold():
            continue
        for character in map(chr, range(start, start + 256)):
            lower = character.lower()
            if len(lower) == 1 and lower != character.casefold():
                found[lower] = character.casefold()
    return list(found), list(found.values())


def folded(text: pl.Expr) -> pl.Expr:
    """``model.lists.folded`` as an expression: case folded, runs of spaces as one, none
    at either end."""
    keys, values = _case_folding()
    lowered = text.str.to_lowercase().str.replace_many(keys, values)
    return lowered.str.replace_all(WHITESPACE + "+", " ").str.strip_chars(" ")


def on_a_cycle(following: pl.Series) -> pl.Series:
    """Which rows lie on a cycle of ``following`` (the position of the row each row points
    to; null: none). After as many steps as there are rows every row that never stops
    is on its cycle, and the rows it reaches then are each cycle whole: doubling the
    step each time, that takes log2(rows) gathers."""
    size = len(following)
    if not size:
        return pl.Series(following.name, [], dtype=pl.Boolean)
    reach = following.cast(pl.Int64)
    steps = 1
    while steps < size:
        reach = _step(reach, reach)
        steps *= 2
    landed = reach.drop_nulls().unique()
    return pl.Series(following.name, range(size), dtype=pl.Int64).is_in(landed.implode())


def _step(positions: pl.Series, by: pl.Series) -> pl.Series:
    """``by`` at each of ``positions``; null where the position is."""
    valid = positions.is_not_null()
    picked = by.gather(positions.fill_null(0))
    return pl.select(pl.when(valid).then(picked)).to_series().alias(positions.name)
