"""Panels: who counted what, and when, one small chart per measure.

One panel per measure, because counts of different groups or places are different
things; each panel has its own scale, and the panels come in the view's order. A count is a dot at the date it was given, a range a bar
from low to high, each labelled with the figure's own words. A vague quantity
("several") is written out in its panel, at no position on the scale: no number is
invented for it.
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from claimtrack.charts import common, labels, theme
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


LINE = 13  # the height of a line of 11 px label text
PANEL_HEIGHT = 90


def _wrapped_title(title: str, width: int):
    lines = textwrap.wrap(title, width=max(20, (width + 60) // 7)) or [title]
    return lines if len(lines) > 1 else title


def _vague_lines(frame: pd.DataFrame, domain, width: int) -> pd.Series:
    """Each label, with a vague quantity's words broken into lines that fit between where
    it was given and the panel's right edge: they are written out, never cut short."""
    if not isinstance(domain, list) or not frame["vague"].any():
        return frame["label"]
    room = (width - labels.time_pixels(frame["date"], domain, width)).clip(lower=120)
    return pd.Series(
        [
            "\n".join(labels.lines(text, space, breaks=())) if vague else text
            for text, vague, space in zip(frame["label"], frame["vague"], room)
        ],
        index=frame.index,
    )


def _vague_box(x: float, top: float, text: str) -> labels.Box:
    count = text.count("\n") + 1
    return labels.label_box(x, top + LINE * count / 2, text, 0, 0, "left")


def _vague_y(frame: pd.DataFrame, plot: labels.Plot | None) -> int:
    """Where a vague quantity's words begin in a panel of figures: along its top, or along
    its bottom where a mark is in the way at the top."""
    vague = frame[frame["vague"]]
    numbered = frame[~frame["vague"] & frame["number"].notna()]
    if plot is None or numbered.empty:
        return 4
    marks = [labels.mark(x, y) for x, y in zip(plot.x(numbered["date"]), plot.y(numbered["number"]))]
    lines = max(text.count("\n") + 1 for text in vague["label"]) if not vague.empty else 1
    for top in (4, PANEL_HEIGHT - 4 - LINE * lines):
        boxes = [_vague_box(x, top, text) for x, text in zip(plot.x(vague["date"]), vague["label"])]
        if not any(box.hits(mark) for box in boxes for mark in marks):
            return top
    return 4


def _placed(frame: pd.DataFrame, view, plot: labels.Plot | None, labelled: bool, vague_y: int) -> pd.DataFrame:
    """The panel's labelled figures, each with where its label goes so that it runs into
    no mark, no rule and no other label (label_x, label_y, align); none without room."""
    numbered = frame[~frame["vague"] & frame["number"].notna()]
    if numbered.empty or plot is None:
        return labels.unplaced(numbered)
    px, py = plot.x(numbered["date"]), plot.y(numbered["number"])
    obstacles = [labels.mark(x, y) for x, y in zip(px, py)]
    ranged = numbered["low"].notna() & numbered["high"].notna()
    for x, low, high in zip(px[ranged], numbered.loc[ranged, "low"], numbered.loc[ranged, "high"]):
        obstacles.append(plot.span(x, low, high, 3))
    # A vague quantity is written out along the panel's top or bottom, where it was given.
    vague = frame[frame["vague"]]
    for x, text in zip(plot.x(vague["date"]), vague["label"]):
        obstacles.append(_vague_box(x, vague_y, text))
    marked = common.annotation_frame(view)
    obstacles += plot.days(marked["date"], marked["label"], labelled)
    anchors = list(zip(px, py, numbered["label"]))
    return plot.labelled(numbered, px, py, labels.place(anchors, obstacles, plot.width, PANEL_HEIGHT))


def panel(
    frame: pd.DataFrame,
    title: str,
    x: alt.X,
    show_x_axis: bool,
    shapes: alt.Shape,
    view,
    labelled: bool,
    width: int,
) -> tuple[alt.LayerChart, int]:
    """One measure's figures, on a scale of its own, with the view's days marked (and
    labelled when ``labelled``); and how many of its figures found no room for a label."""
    tooltip = common.TOOLTIP
    time_scale = x.to_dict().get("scale", {})
    x = x if show_x_axis else x.axis(labels=False, ticks=False, title=None)
    frame = frame.assign(label=_vague_lines(frame, time_scale.get("domain"), width))
    base = alt.Chart(frame).encode(x=x)
    marks = common.annotation_layers(view, x)
    layers = marks if labelled else marks[:1]
    numbered = frame[~frame["vague"]]
    vague_y = 4
    unlabelled = 0
    if not numbered.empty:
        top = labels.nice_ceiling(pd.concat([numbered["number"], numbered["high"]]).max())
        domain = time_scale.get("domain")
        plot = labels.Plot(domain, width, top, PANEL_HEIGHT) if isinstance(domain, list) else None
        vague_y = _vague_y(frame, plot)
        placed = _placed(frame, view, plot, labelled, vague_y)
        unlabelled = int(numbered["number"].notna().sum()) - len(placed) if plot is not None else 0
        scale = alt.Scale(domain=[0, top], nice=False)
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
        ]
        layers += [
            alt.Chart(placed[placed["align"] == side])
            .mark_text(align=side, baseline="middle", fontSize=11)
            .encode(
                x=alt.X("label_x:T", scale=alt.Scale(**time_scale)),
                y=alt.Y("label_y:Q", scale=scale),
                text="label:N",
                tooltip=tooltip,
            )
            for side in ("left", "right", "center")
            if (placed["align"] == side).any()
        ]
    if frame["vague"].any():
        layers.append(
            base.transform_filter("datum.vague")
            .transform_window(slot="row_number()")
            .mark_text(
                align="left",
                baseline="top",
                fontSize=11,
                fontStyle="italic",
                color=theme.MUTED,
                lineBreak="\n",
                lineHeight=LINE,
            )
            .encode(
                y=alt.Y("slot:O", axis=None) if numbered.empty else alt.value(vague_y),
                text="label:N",
                tooltip=tooltip,
            )
        )
    drawn = alt.layer(*layers).properties(
        width=width,
        height=PANEL_HEIGHT if not numbered.empty else 24 * int(frame["vague"].sum()),
        # A panel's title wraps to its width: 13 px bold is about 7 px a character.
        title=alt.Title(_wrapped_title(title, width), fontSize=13, anchor="start", offset=6),
    )
    return drawn, unlabelled


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
    # Few figures a panel on a desktop: two panels a row. Each panel marks the view's days;
    # only the first carries their labels; the last row carries the time axis.
    columns = 2 if theme.width() >= theme.WIDTH and len(frame) < 3 * len(groups) and len(groups) > 2 else 1
    # A panel's plot is the chart's width less its value axis (and, two a row, the gap).
    width = (theme.width() - 16) // 2 - theme.AXIS if columns == 2 else theme.width() - theme.AXIS
    if theme.width() < theme.WIDTH:
        width = theme.width()
    panels = [
        panel(
            group,
            title,
            x,
            show_x_axis=number >= len(groups) - columns,
            shapes=shapes,
            view=view,
            labelled=number == 0,
            width=width,
        )
        for number, (title, group) in enumerate(groups)
    ]
    unlabelled = sum(count for _, count in panels)
    panels = [drawn for drawn, _ in panels]
    drawn = alt.concat(*panels, columns=columns, spacing=16) if columns > 1 else alt.vconcat(*panels, spacing=16)
    return common.finished(
        drawn.resolve_legend(shape="shared"),
        tables,
        view,
        KEY,
        frame.attrs.get("thinned"),
        lambda _: describe(frame, view.title),
        inset=theme.AXIS if theme.width() >= theme.WIDTH else 0,
        unlabelled=unlabelled,
    )


# The key to the marks, under the view's own subtitle.
KEY = (
    "One panel per measure, each with its own scale. A vague quantity is written out, not plotted: "
    "no number is invented for it."
)
