"""How many have died: competing death-toll estimates, each at the date it was given.

Only one measure is drawn: all deaths since March 2011, on all sides. Counts of
another scope (deaths excluding government forces, one year's deaths) are not the
same figure and are named under the title instead of being set beside it.

A figure given as such is a dot; "at least" is a triangle pointing up (the toll is
this or more), "as high as" a triangle pointing down (this or less); a range is a
bar from its low to its high. Colour is the claimant; each claimant's latest
figure is labelled.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from claimtrack.charts import common, theme
from claimtrack.tracking import style

NAME = "death_tolls"
TOPIC = "death toll"
MEASURE = "syria-deaths"


def data(tables) -> pd.DataFrame:
    rows = common.rows_for(tables, TOPIC)
    rows = rows[(rows["measure_id"] == MEASURE) & rows["said_on"].notna() & ~common.vague(rows)]
    frame = common.tooltip_frame(rows)
    frame["claimant"] = rows["claimant_name"]
    frame["said_plain"] = common.in_words(rows["said_on"], style.partial_date)
    frame["measure"] = rows["measure_label"]
    frame["bound"] = rows["qualifier"].map(common.BOUND_OF)
    frame["number"] = common.plotted_number(rows).astype("float")
    frame["low"] = rows["low"].astype("float")
    frame["high"] = rows["high"].astype("float")
    frame["said_from"] = rows["said_on_start"].dt.strftime("%Y-%m-%d")
    frame["said_to"] = rows["said_on_end"].dt.strftime("%Y-%m-%d")
    frame["claimant"] = common.top(frame["claimant"], 7, "other claimants")
    frame, thinned = common.thin(frame, ["claimant", "bound"], "said_from", "figures")
    frame = frame.sort_values(["said_from", "claimant", "number"]).reset_index(drop=True)
    last = frame.groupby("claimant")["said_from"].transform("max") == frame["said_from"]
    frame["label"] = frame["Figure as said"].where(last & ~frame.duplicated(["claimant", "said_from"], keep="last"))
    frame.attrs["thinned"] = thinned
    return frame


def other_scopes(tables) -> list[str]:
    """The labels of the topic's other measures, which the chart leaves out."""
    rows = common.rows_for(tables, TOPIC)
    return sorted(rows.loc[rows["measure_id"] != MEASURE, "measure_label"].unique())


def describe(frame: pd.DataFrame) -> str:
    if frame.empty:
        return "No death-toll figures are recorded yet."
    lowest = frame.loc[frame["number"].idxmin()]
    highest = frame.loc[frame["number"].idxmax()]
    first, last = frame["said_from"].min(), frame["said_to"].max()
    return (
        f"Chart of {len(frame)} death-toll figures for the war in Syria from {frame['claimant'].nunique()} claimants, "
        f"given between {style.day(first)} and {style.day(last)}. "
        f"The lowest is {lowest['Figure as said']} ({lowest['claimant']}, {lowest['said_plain']}); "
        f"the highest is {highest['Figure as said']} ({highest['claimant']}, {highest['said_plain']})."
    )


def chart(tables) -> alt.VConcatChart:
    """Competing death-toll estimates for the war in Syria."""
    frame = data(tables)
    tooltip = common.TOOLTIP
    axis, scale = common.time_axis(pd.concat([frame["said_from"], frame["said_to"]]), "Date the figure was given")
    bounds = [b for b in common.BOUND_SHAPES if b in set(frame["bound"])]
    base = alt.Chart(frame).encode(
        x=alt.X("said_from:T", axis=axis, scale=scale),
        color=alt.Color("claimant:N", title="Claimant", legend=alt.Legend(columns=2)),
    )
    marks = base.mark_point(size=110, filled=True, opacity=0.9).encode(
        y=alt.Y("number:Q", title="People killed", axis=alt.Axis(format=",d"), scale=alt.Scale(zero=True)),
        shape=alt.Shape(
            "bound:N",
            title="How the figure was given",
            scale=alt.Scale(domain=bounds, range=[common.BOUND_SHAPES[b] for b in bounds]),
        ),
        tooltip=tooltip,
    )
    ranges = (
        base.transform_filter("isValid(datum.low) && isValid(datum.high)")
        .mark_rule(strokeWidth=2.5)
        .encode(y="low:Q", y2="high:Q", tooltip=tooltip)
    )
    month_only = (
        base.transform_filter("datum.said_from != datum.said_to")
        .mark_rule(strokeWidth=1.5, strokeDash=[3, 2])
        .encode(x2="said_to:T", y="number:Q", tooltip=tooltip)
    )
    labels = (
        base.transform_filter("isValid(datum.label)")
        .mark_text(align="left", dx=9, fontSize=11)
        .encode(y="number:Q", text="label:N", tooltip=tooltip)
    )
    layered = alt.layer(ranges, month_only, marks, labels).properties(width=theme.WIDTH, height=360)
    rows = common.rows_for(tables, TOPIC)
    return theme.finish(
        layered,
        title="How many have died in Syria's war: the estimates side by side",
        subtitle=[
            "All deaths since March 2011, on all sides. Each mark is a figure at the date it was given:",
            "▲ at least, the toll is this or more; ▼ as high as, this or less; ● a figure given as such.",
            "A dashed line spans a month when only the month is known; each claimant's latest figure is labelled.",
        ]
        + common.left_out(other_scopes(tables))
        + common.wrapped(frame.attrs.get("thinned")),
        source=common.source_line(rows[rows["measure_id"] == MEASURE]),
        description=describe(frame),
    )
