"""What a cell must be under its Table Schema type and constraints, in the words a message
says it: one table for validation's rules (``validation.fields``) and for the prompt that
checks an answer as it is typed (``io.rows.cell_problem``), so that both say it alike.
Standard library only: the command line imports it."""

from __future__ import annotations

from claimtrack.model.suggest import closest, hint, listing

# What a cell must read as, in words, for each type that is not plain text.
TYPE_WORDS = {
    "integer": "a whole number written in digits only, e.g. 94000 (no commas, spaces, units or decimals)",
    "number": "a number written in digits, e.g. 2.5 (no commas, spaces or units)",
    "date": "a real date written YYYY-MM-DD, e.g. 2013-05-16",
    "boolean": "true or false",
}
URI_WORDS = "a web address starting http:// or https://"


def not_of_type(value: str, kind: str) -> str:
    """That ``value`` does not read as ``kind`` (a type, or "uri"), with what was probably meant."""
    return f"{value!r} is not {TYPE_WORDS.get(kind, URI_WORDS)}{hint(value, kind)}"


# The most words of a vocabulary a message lists: every word of any the schemas declare.
VOCABULARY_SHOWN = 30


def not_allowed(value: str, allowed: list[str]) -> str:
    """That ``value`` is not one of the column's words, each given (up to VOCABULARY_SHOWN),
    with the closest where one is close."""
    close = closest(value, allowed, n=1)
    meant = f"; did you mean {close[0]!r}?" if close else ""
    return f"{value!r} is not one of the allowed values: {listing(allowed, VOCABULARY_SHOWN)}{meant}"


def out_of_bounds(value: str, bound: str, limit) -> str:
    """That the number ``value`` is past the column's ``minimum`` or ``maximum``."""
    return f"{value!r} is {'below the minimum' if bound == 'minimum' else 'above the maximum'} of {limit}"


def wrong_length(bound: str, limit) -> str:
    """That a text is past the column's ``minLength`` or ``maxLength`` (the text itself,
    which may be long, is shown beside the message, not in it)."""
    return f"the text is {'shorter' if bound == 'minLength' else 'longer'} than {limit} characters"
