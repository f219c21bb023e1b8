"""Drafting claims from an article: the figures, qualifiers, speakers and dates in a
text, offered for review, and accepting the drafts a reporter chose.

One module per step: ``vocabulary`` (words and patterns), ``sentences``, ``numbers``,
``dates``, ``attribution`` (who and when), ``measures`` (which measure), ``aside``
(which drafts are most likely no claim), ``drafts`` (the whole reading) and
``accepting`` (drafts into claims).
"""

from __future__ import annotations

from claimtrack.extracting.accepting import AcceptError, accepted_claims, for_adding, match_claimant, to_claims
from claimtrack.extracting.dates import enclosing_partial_date
from claimtrack.extracting.drafts import Draft, extract, offered, ranked
from claimtrack.extracting.numbers import parse_number
from claimtrack.extracting.sentences import sentences, squeeze
from claimtrack.extracting.vocabulary import AFTER, BEFORE

__all__ = [
    "AFTER",
    "BEFORE",
    "AcceptError",
    "accepted_claims",
    "for_adding",
    "Draft",
    "enclosing_partial_date",
    "extract",
    "match_claimant",
    "offered",
    "parse_number",
    "ranked",
    "sentences",
    "squeeze",
    "to_claims",
]
