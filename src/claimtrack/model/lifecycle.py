"""What can become of a claim: its statuses and the moves between them.

The status words are listed once, as the enum of ``status`` in schemas/claims.json;
a test proves that this table covers exactly those words.
"""

from __future__ import annotations

# The status of a claim as it is first recorded.
INITIAL = "reported"

# Statuses that say another claim settled this one; only these take ``settled_by``.
SETTLED_STATUSES = ("confirmed", "realised", "not realised", "superseded", "retracted")

# A settled claim is not reopened: new information is a new claim. A date that was
# not realised may still be found to have been replaced: it can become superseded.
FINAL_STATUSES = ("realised", "superseded", "retracted")

# Statuses that only a date can have: a count is not "realised".
DATE_ONLY_STATUSES = ("realised", "not realised")

MEANINGS = {
    "reported": "stands as reported",
    "tentative": "a plan not yet settled",
    "confirmed": "confirmed by a later claim",
    "realised": "the date came true (dates only)",
    "not realised": "the date did not come true (dates only)",
    "superseded": "overtaken by a later claim of the same measure, named in `settled_by`",
    "retracted": "withdrawn by its claimant",
}

MOVES: dict[str, tuple[str, ...]] = {
    "reported": ("tentative", "confirmed", "realised", "not realised", "superseded", "retracted"),
    "tentative": ("confirmed", "realised", "not realised", "superseded", "retracted"),
    "confirmed": ("realised", "not realised", "superseded", "retracted"),
    "realised": (),
    "not realised": ("superseded",),
    "superseded": (),
    "retracted": (),
}


def refusal(current: str, target: str) -> str | None:
    """Why a claim cannot move from ``current`` to ``target``; None when it can."""
    if target not in MOVES:
        return f"{target!r} is not a status; the statuses are {', '.join(MOVES)}"
    if current == target:
        return f"the claim is already {current!r}"
    if current in FINAL_STATUSES:
        return (
            f"the claim is {current!r}, which is final: a settled claim is not reopened; "
            "record what is new as a new claim (a move made by mistake is undone with `claimtrack status ID --undo`)"
        )
    if target not in MOVES.get(current, ()):
        return f"a {current!r} claim cannot become {target!r}; it can become {', '.join(MOVES[current])}"
    return None
