"""Claims joined to what they point at: the table charts and the tracker read.

One row per claim, with the claimant's, the intermediary's, the source's and the
measure's columns beside it (prefixed so that nothing is overwritten), and the
first and last day each partial date can mean.
"""

from __future__ import annotations

import pandas as pd

from claimtrack.tables.typed import partial_date_span


def _prefixed(frame: pd.DataFrame, key: str, prefix: str) -> pd.DataFrame:
    renamed = frame.rename(columns={c: f"{prefix}{c}" for c in frame.columns if c != key})
    return renamed


def claims_view(tables) -> pd.DataFrame:
    claims = tables["claims"]
    view = claims.merge(_prefixed(tables["measures"], "measure_id", "measure_"), on="measure_id", how="left")
    view = view.merge(_prefixed(tables["claimants"], "claimant_id", "claimant_"), on="claimant_id", how="left")
    via = _prefixed(tables["claimants"], "claimant_id", "via_").rename(columns={"claimant_id": "via_id"})
    view = view.merge(via, on="via_id", how="left")
    view = view.merge(_prefixed(tables["sources"], "source_id", "source_"), on="source_id", how="left")
    view["said_on_start"], view["said_on_end"] = partial_date_span(view["said_on"])
    view["as_of_start"], view["as_of_end"] = partial_date_span(view["as_of"])
    # When the source does not say when a claim was made, the latest it can have
    # been made is the day the source published it.
    view["known_by"] = view["said_on_end"].fillna(view["source_published_on"])
    view.index = claims.index
    return view
