"""Estimates over time: competing figures of one measure, each at the date it was given.

Only the measures the view names are drawn (one, as a rule). Counts of another
scope in the same topic are not the same figure and are named under the title
instead of being set beside it.

A figure given as such is a dot; a lower bound is a triangle pointing up (the
figure is this or more), an upper bound a triangle pointing down (this or less); a
range is a bar from its low to its high. Colour is the claimant; each claimant's
latest figure is labelled.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from claimtrack.charts import common, labels, theme
from claimtrack.tracking import style


def data(tables, view) -> pd.DataFrame:
    every = common.rows_for(tables, view)
    rows = every[every["said_on"].notna() & ~common.vague(every)]
    undated, vague = int(every["said_on"].isna().sum()), int((every["said_on"].notna() & common.vague(every)).sum())
    frame = common.tooltip_frame(rows)
    frame["claimant"] = common.voice(tables, rows)
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
    # What is not drawn is said: a figure with no date said has no place on the time axis.
    missing = [
        f"{style.count(n)} {'figure' if n == 1 else 'figures'} {why} not drawn"
        for n, why in ((undated, "whose source does not say when it was given is" if undated == 1 else
                        "whose sources do not say when they were given are"),
                       (vague, "with no number is" if vague == 1 else "with no number are"))
        if n
    ]  # fmt: skip
    notes = [thinned] if thinned else []
    if missing:
        notes.append(_capital("; ".join(missing)) + ".")
    frame.attrs["thinned"] = " ".join(notes) or None
    return frame


def _dodged(frame: pd.DataFrame, plot: labels.Plot | None) -> pd.DataFrame:
    """The frame with where each mark is drawn: px and py in pixels, and plot_x, its date
    moved a few pixels right where it would hide a mark drawn before it (two figures of
    one day and one size both show)."""
    if frame.empty or plot is None:
        return frame.assign(px=pd.Series(dtype="float"), py=pd.Series(dtype="float"), plot_x=frame["said_from"])
    px, py = plot.x(frame["said_from"]), plot.y(frame["number"])
    moved = pd.Series(labels.dodge(list(px), list(py)), index=frame.index)
    return frame.assign(px=moved, py=py, plot_x=plot.moment(moved).where(moved != px, frame["said_from"]))


def _placed_labels(frame: pd.DataFrame, view, plot: labels.Plot | None) -> pd.DataFrame:
    """The labelled rows, each with where its label goes (label_x, label_y, align) so that
    it runs into no mark, no rule and no other label; a label with no room is left out."""
    if frame.empty or plot is None:
        return labels.unplaced(frame)
    px, py = frame["px"], frame["py"]
    obstacles = [labels.mark(x, y) for x, y in zip(px, py) if pd.notna(x) and pd.notna(y)]
    bar_x = plot.x(frame["said_from"])
    ranged = frame["low"].notna() & frame["high"].notna()
    for x, low, high in zip(bar_x[ranged], frame.loc[ranged, "low"], frame.loc[ranged, "high"]):
        obstacles.append(plot.span(x, low, high, 2))
    month = frame["said_from"] != frame["said_to"]
    for x1, day, y in zip(bar_x[month], frame.loc[month, "said_to"], py[month]):
        obstacles.append(labels.bar(x1, plot.x(day), y, 3))
    marked = common.annotation_frame(view)
    obstacles += plot.days(marked["date"], marked["label"])
    wanted = frame["label"].notna()
    anchors = list(zip(px[wanted], py[wanted], frame.loc[wanted, "label"]))
    return plot.labelled(frame[wanted], px, py, labels.place(anchors, obstacles, plot.width, plot.height))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def describe(frame: pd.DataFrame, what: str) -> str:
    if frame.empty:
        return f"No figures are recorded yet ({what})."
    lowest = frame.loc[frame["number"].idxmin()]
    highest = frame.loc[frame["number"].idxmax()]
    first, last = frame["said_from"].min(), frame["said_to"].max()
    return (
        f"Chart of {len(frame)} figures ({what}) from {frame['claimant'].nunique()} "
        f"{'claimant' if frame['claimant'].nunique() == 1 else 'claimants'}, "
        f"given between {style.day(first)} and {style.day(last)}. "
        f"The lowest is {lowest['Figure as said']} ({lowest['claimant']}, {lowest['said_plain']}); "
        f"the highest is {highest['Figure as said']} ({highest['claimant']}, {highest['said_plain']})."
    )


def chart(tables, view) -> alt.VConcatChart:
    """Competing estimates of the view's measure, each at the date it was given."""
    frame = data(tables, view)
    tooltip = common.TOOLTIP
    marked = common.annotation_frame(view)["date"]
    axis, scale = common.time_axis(
        pd.concat([frame["said_from"], frame["said_to"], marked]), "Date the figure was given"
    )
    bounds = [b for b in common.BOUND_SHAPES if b in set(frame["bound"])]
    desktop = theme.width() >= theme.WIDTH
    # On a desktop the plot and its value axis take the chart's width; on a phone the
    # plot does (the phone's width is the plot's, see theme.NARROW).
    width, height = (theme.width() - theme.AXIS, 360) if desktop else (theme.width(), 300)
    top = labels.nice_ceiling(pd.concat([frame["number"], frame["high"]]).max())
    plot = labels.Plot(scale.domain, width, top, height) if isinstance(scale.domain, list) else None
    frame = _dodged(frame, plot)
    placed = _placed_labels(frame, view, plot)
    x = alt.X("said_from:T", axis=axis, scale=scale)
    base = alt.Chart(frame).encode(
        x=x,
        color=alt.Color("claimant:N", title="Claimant", legend=alt.Legend(columns=1)),
    )
    marks = base.mark_point(size=110, filled=True, opacity=0.9).encode(
        x=alt.X("plot_x:T", axis=axis, scale=scale),
        y=alt.Y(
            "number:Q",
            title=common.axis_title(tables, view),
            axis=alt.Axis(format=",d"),
            scale=alt.Scale(domain=[0, top], nice=False),
        ),
        shape=alt.Shape(
            "bound:N",
            title="How the figure was given",
            legend=alt.Legend(columns=1),
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
    # Each label where the placer found it room: its own x and y, aligned to its side.
    texts = [
        alt.Chart(placed[placed["align"] == side])
        .mark_text(align=side, baseline="middle", fontSize=11, color=theme.INK)
        .encode(
            x=alt.X("label_x:T", scale=scale),
            y=alt.Y("label_y:Q"),
            text="label:N",
            tooltip=tooltip,
        )
        for side in ("left", "right", "center")
        if (placed["align"] == side).any()
    ]
    layered = alt.layer(*common.annotation_layers(view, x), ranges, month_only, marks, *texts).properties(
        width=width, height=height
    )
    return common.finished(
        layered,
        tables,
        view,
        KEY,
        frame.attrs.get("thinned"),
        lambda what: describe(frame, what),
        inset=theme.AXIS if desktop else 0,
        unlabelled=int(frame["label"].notna().sum()) - len(placed) if plot is not None else 0,
    )


# The key to the marks, under the view's own subtitle.
KEY = (
    "Each mark is a figure at the date it was given, shaped by how it was given; a bar spans a range, "
    "a dashed line a month when only the month is known. Each claimant's latest figure is labelled."
)
