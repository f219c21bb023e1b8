"""A table joined to the rows it points at, as its schema's foreign keys say.

One row per row of the table, with the columns of each row it refers to beside it,
prefixed with the join's name so that nothing is overwritten: a claim's measure's
``label`` is ``measure_label``, its intermediary's ``name`` is ``via_name``. The claims
view adds the first and last day each partial date can mean.
"""

from __future__ import annotations

import pandas as pd

from claimtrack.model.views import MeasureInfo
from claimtrack.tables.typed import partial_date_span


def joined(tables, name: str) -> pd.DataFrame:
    """``tables[name]`` with every row it refers to (``Resource.joins``) beside it."""
    frame = tables[name]
    view = frame
    for join in tables.package.resource(name).joins:
        target = tables[join.table]
        renamed = target.rename(columns={c: join.prefix + c for c in target.columns if c != join.key})
        view = view.merge(renamed.rename(columns={join.key: join.column}), on=join.column, how="left")
    view.index = frame.index
    return view


def claims_view(tables) -> pd.DataFrame:
    """The claims joined to their measure, claimant, intermediary and source, with the days
    their dates can mean; ``known_by`` is the latest day each claim can have been made."""
    view = joined(tables, "claims")
    view["said_on_start"], view["said_on_end"] = partial_date_span(view["said_on"])
    view["as_of_start"], view["as_of_end"] = partial_date_span(view["as_of"])
    # When the source does not say when a claim was made, the latest it can have
    # been made is the day the source published it.
    view["known_by"] = view["said_on_end"].fillna(view["source_published_on"])
    return view


def measure_infos(tables) -> list[MeasureInfo]:
    """Each measure's id, topic, kind and unit, in the table's order."""
    measures = tables["measures"]
    return [
        MeasureInfo(*(str(v) if isinstance(v, str) else "" for v in row))
        for row in measures[["measure_id", "topic", "kind", "unit"]].itertuples(index=False)
    ]
