"""Panels: who counted what, and when, one small chart per measure.

One panel per measure, because counts of different groups or places are different
things; each panel has its own scale, and the panels come in the view's order. A count is a dot at the date it was given, a range a bar
from low to high, each labelled with the figure's own words. A vague quantity
("several") is written out in its panel, at no position on the scale: no number is
invented for it.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from claimtrack.charts import common, theme
from claimtrack.tracking import style


def data(tables, view) -> pd.DataFrame:
    rows = common.rows_for(tables, view)
    frame = common.tooltip_frame(rows)
    frame["panel"] = rows["measure_label"]
    frame["unit"] = rows["measure_unit"]
    frame["panel_order"] = rows["measure_order"]
    frame["number"] = common.plotted_number(rows).astype("float")
    frame["low"] = rows["low"].astype("float")
    frame["high"] = rows["high"].astype("float")
    frame["vague"] = common.vague(rows)
    frame["bound"] = rows["qualifier"].map(common.BOUND_OF)
    frame["label"] = [
        text + (f" ({'; '.join(notes)})" if notes else "")
        for text, notes in zip(
            frame["Figure as said"],
            (
                (["no number given"] if vague else [])
                + ([f"date not stated, reported {style.partial_date(reported)}"] if pd.isna(said) else [])
                for vague, said, reported in zip(frame["vague"], rows["said_on"], rows["source_published_on"])
            ),
        )
    ]
    frame["date"] = rows["known_by"].dt.strftime("%Y-%m-%d")
    frame["said_known"] = rows["said_on"].notna()
    # A range without a best estimate is a bar only: no dot pretends to a figure inside it.
    frame["dot"] = ~frame["vague"] & ~(rows["low"].notna() & rows["high"].notna() & rows["value"].isna())
    frame, thinned = common.thin(frame, ["panel", "vague"], "date", "counts")
    frame = frame.sort_values(["panel_order", "date"], kind="stable").reset_index(drop=True)
    # Labels of neighbouring figures in a panel alternate above and below their marks.
    frame["lift"] = frame.groupby("panel").cumcount() % 2 == 1
    frame.attrs["thinned"] = thinned
    return frame


def describe(frame: pd.DataFrame, title: str) -> str:
    if frame.empty:
        return f"No figures are recorded yet ({title})."
    parts = [f"Chart of {len(frame)} figures, in {frame['panel'].nunique()} panels, one per measure."]
    for panel, group in frame.groupby("panel", sort=False):
        group = group.tail(10)
        figures = "; ".join(
            f"{row['Figure as said']} ({row['Claimant']}, {row['Said']})" for _, row in group.iterrows()
        )
        parts.append(f"{panel}: {figures}.")
    return " ".join(parts)


def panel(
    frame: pd.DataFrame, title: str, x: alt.X, show_x_axis: bool, shapes: alt.Shape, view, labelled: bool
) -> alt.LayerChart:
    """One measure's figures, on a scale of its own, with the view's days marked (and
    labelled when ``labelled``)."""
    tooltip = common.TOOLTIP
    x = x if show_x_axis else x.axis(labels=False, ticks=False, title=None)
    base = alt.Chart(frame).encode(x=x)
    marks = common.annotation_layers(view, x)
    layers = marks if labelled else marks[:1]
    numbered = frame[~frame["vague"]]
    if not numbered.empty:
        scale = alt.Scale(zero=True)
        axis = alt.Axis(format=",d", tickCount=4)
        unit = frame["unit"].iloc[0]
        unit_title = unit[:1].upper() + unit[1:]
        y = alt.Y("number:Q", title=unit_title, axis=axis, scale=scale)
        some = base.transform_filter("!datum.vague")
        layers += [
            some.transform_filter("isValid(datum.low) && isValid(datum.high)")
            .mark_rule(strokeWidth=4, color=theme.PALETTE[0])
            .encode(y=alt.Y("low:Q", title=unit_title, axis=axis, scale=scale), y2="high:Q", tooltip=tooltip),
            some.transform_filter("datum.dot")
            .mark_point(size=90, filled=True, color=theme.PALETTE[0])
            .encode(y=y, shape=shapes, tooltip=tooltip),
            some.transform_filter("!datum.lift")
            .mark_text(align="left", dx=8, dy=6, fontSize=11)
            .encode(y=y, text="label:N", tooltip=tooltip),
            some.transform_filter("datum.lift")
            .mark_text(align="left", dx=8, dy=-8, fontSize=11)
            .encode(y=y, text="label:N", tooltip=tooltip),
        ]
    if frame["vague"].any():
        layers.append(
            base.transform_filter("datum.vague")
            .transform_window(slot="row_number()")
            .mark_text(align="left", fontSize=11, fontStyle="italic", color=theme.MUTED)
            .encode(y=alt.Y("slot:O", axis=None) if numbered.empty else alt.value(12), text="label:N", tooltip=tooltip)
        )
    return alt.layer(*layers).properties(
        width=theme.width() - 140,
        height=90 if not numbered.empty else 24 * int(frame["vague"].sum()),
        title=alt.Title(title, fontSize=13, anchor="start", offset=6),
    )


def chart(tables, view) -> alt.VConcatChart:
    """The view's measures, each in its own panel."""
    frame = data(tables, view)
    marked = common.annotation_frame(view)
    axis, scale = common.time_axis(pd.concat([frame["date"], marked["date"]]), "Date the figure was given")
    x = alt.X("date:T", axis=axis, scale=scale)
    groups = list(frame.groupby("panel", sort=False))
    bounds = [b for b in common.BOUND_SHAPES if b in set(frame.loc[frame["dot"], "bound"])]
    shapes = alt.Shape(
        "bound:N",
        title="How the figure was given",
        scale=alt.Scale(domain=bounds, range=[common.BOUND_SHAPES[b] for b in bounds]),
    )
    # Each panel marks the view's days; only the first carries their labels.
    panels = [
        panel(
            group,
            title,
            x,
            show_x_axis=(number == len(groups) - 1),
            shapes=shapes,
            view=view,
            labelled=number == 0,
        )
        for number, (title, group) in enumerate(groups)
    ]
    return common.finished(
        alt.vconcat(*panels, spacing=16).resolve_legend(shape="shared"),
        tables,
        view,
        KEY,
        frame.attrs.get("thinned"),
        lambda _: describe(frame, view.title),
    )


# The key to the marks, under the view's own subtitle.
KEY = (
    "One panel per measure, each with its own scale. A vague quantity is written out, not plotted: "
    "no number is invented for it."
)
