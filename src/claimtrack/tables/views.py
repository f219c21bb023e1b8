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
    view["source_published_start"], view["source_published_end"] = partial_date_span(view["source_published_on"])
    # A claim is known from the earliest of the last day its date can mean and the day
    # any source that carries it was published: a claim said "in June" on a page of
    # June 3 was known on June 3; one no source dates, from its first publication.
    view["first_published_on"] = first_published(tables, view)
    view["known_by"] = pd.concat([view["said_on_end"], view["first_published_on"]], axis=1).min(axis=1)
    return view


def first_published(tables, view: pd.DataFrame) -> pd.Series:
    """The day by which each claim was surely published: by its own source, or by any
    source its appearances name, whichever was earlier (a page dated to the month only,
    by the month's last day); missing where no source gives a date."""
    first = view["source_published_end"]
    if "appearances" in tables and "sources" in tables and len(tables["appearances"]):
        appearances = tables["appearances"]
        published = appearances["source_id"].map(tables["sources"].set_index("source_id")["published_on"])
        earliest = partial_date_span(published)[1].groupby(appearances["claim_id"]).min()
        first = pd.concat([first, view["claim_id"].map(earliest).astype(first.dtype)], axis=1).min(axis=1)
    return first


def measure_infos(tables) -> list[MeasureInfo]:
    """Each measure's id, topic, kind and unit, in the table's order."""
    measures = tables["measures"]
    return [
        MeasureInfo(*(str(v) if isinstance(v, str) else "" for v in row))
        for row in measures[["measure_id", "topic", "kind", "unit"]].itertuples(index=False)
    ]
