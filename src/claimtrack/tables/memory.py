"""The memory polars frees, handed back to the system at once.

polars allocates through a jemalloc of its own, which keeps the pages freed in the last
ten seconds for reuse rather than handing them back. A validation frees many passing
results as it goes (hashes, masks, a join's row indices, each some megabytes), and
kept they pile up: they raised the peak of a million claims from 3.7 to 4.1 times the
size of claims.csv, though what validation holds at any moment was no more. Handed back
at once, they cost the page faults of taking memory again: about half a second more of
a million claims' four to five, nothing to be measured at a story's size.

jemalloc reads its setting once, when polars first asks it for memory: the command
line sets it before polars is imported, and leaves a setting of the user's own as it is.
A program that imports claimtrack keeps its own allocator's ways.
"""

from __future__ import annotations

import os
import sys

# The variable polars' jemalloc reads its options from, and the options: freed pages,
# dirty or lazily freed, handed back to the system without delay.
OPTIONS = "_RJEM_MALLOC_CONF"
AT_ONCE = "dirty_decay_ms:0,muzzy_decay_ms:0"


def hand_back_at_once() -> bool:
    """Ask polars' allocator to hand freed memory back at once; False when it can no
    longer be asked, polars being imported already (its allocator has read its options)."""
    if "polars" in sys.modules:
        return False
    os.environ.setdefault(OPTIONS, AT_ONCE)
    return True
