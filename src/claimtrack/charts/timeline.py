"""A timeline of a date that keeps being proposed: when it would be, and when it was said.

One row per claim, in the order the claims were made. On each row, a bar spans
the date or range proposed, and a black tick marks the day the claim was made, on
the same time axis, so the slipping target reads from top to bottom. Bars are
coloured by what became of each claim; a green line marks the date realised. A
date the claimant denied or doubted is an outlined bar, labelled as such, not a
date proposed; an open-ended date ("August at the earliest") ends in an arrow.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from claimtrack.charts import common, labels, theme
from claimtrack.tracking import style

OPEN_END_DAYS = 45  # how far an open-ended range ("August at the earliest") is drawn


def data(tables, view) -> pd.DataFrame:
    rows = common.rows_for(tables, view)
    rows = rows.sort_values(["known_by", "said_on_start", "claim_id"], na_position="first")
    frame = common.tooltip_frame(rows)
    frame["sort_date"] = rows["known_by"]
    start = rows["date_from"]
    end = rows["date_to"]
    open_end = start.notna() & end.isna()
    open_start = start.isna() & end.notna()
    frame["from"] = start.fillna(end - pd.Timedelta(days=OPEN_END_DAYS))
    # A one-day target is drawn as a whole day wide, so that it shows.
    frame["to"] = end.fillna(start + pd.Timedelta(days=OPEN_END_DAYS)) + pd.Timedelta(days=1)
    frame["open"] = open_end.map({True: "later", False: ""}).where(~open_start, "earlier")
    frame["one_day"] = (end == start).fillna(False)
    frame["stance"] = common.against(rows, "proposed")
    # The source's words with its hedge, and a denial or doubt said as such.
    frame["label"] = frame["Figure as said"]
    frame["said"] = rows["said_on_start"]
    frame["said_known"] = rows["said_on"].notna().map({True: "date said", False: "date said not stated"})
    frame["status"] = rows["status"]
    frame["row"] = [
        f"{style.partial_date(said) if isinstance(said, str) else 'Date not stated'} · {name}"
        for said, name in zip(
            rows["said_on"].astype(object).where(rows["said_on"].notna(), None), rows["claimant_name"]
        )
    ]
    frame, thinned = common.thin(frame, [], "sort_date", "claims")
    frame["order"] = range(len(frame))
    for column in ("from", "to", "said"):
        frame[column] = frame[column].dt.strftime("%Y-%m-%d")
    frame = frame.drop(columns="sort_date").reset_index(drop=True)
    frame.attrs["thinned"] = thinned
    return frame


# The word before the date that came about, unless the view gives its own ("Opened").
REALISED = "Realised"


def realised(frame: pd.DataFrame, view) -> pd.DataFrame:
    done = frame[frame["status"] == "realised"]
    word = view.realised or REALISED
    return pd.DataFrame(
        {"date": done["from"], "label": word + " " + common.in_words(done["from"], style.day)}
    ).drop_duplicates()


def _label_sides(frame: pd.DataFrame, view, domain, width: int) -> dict[tuple[str, str, int], list[int]]:
    """Which rows label their bar on the right (after its last day) and which on the left
    (before its first): the right unless the label would cross the day of the story, the
    day a date came about, or the plot's edge, and the left is clear. Labels stay inside
    the plot, so that the chart is no wider than it is drawn for."""
    sides: dict[tuple[str, str, int], list[int]] = {
        ("to", "left", 7): [],
        ("from", "right", -7): [],
        ("said", "right", -7): [],
    }
    if frame.empty or not isinstance(domain, list):
        return sides
    rules = pd.concat([common.annotation_frame(view)["date"], realised(frame, view)["date"]])
    walls = list(labels.time_pixels(rules, domain, width)) if len(rules) else []
    ticks = labels.time_pixels(frame["said"], domain, width)
    starts = labels.time_pixels(frame["from"], domain, width)
    ends = labels.time_pixels(frame["to"], domain, width)

    def inside(span):
        return span[0] >= 0 and span[1] <= width

    def clear(span, crossing):
        return inside(span) and not any(span[0] - 2 <= w <= span[1] + 2 for w in crossing)

    for order, text, start, end, tick in zip(frame["order"], frame["label"], starts, ends, ticks):
        size = labels.text_width(text)
        right = (end + 7, end + 7 + size)
        left = (start - 7 - size, start - 7)
        # The rules cross every row; the tick of the day it was said, this row only.
        in_row = walls + ([tick] if pd.notna(tick) else [])

        # Right of the bar, else left of it, else left of the day it was said (when that
        # comes first); where none is clear, the first that stays in the plot.
        before_tick = (tick - 7 - size, tick - 7) if pd.notna(tick) and tick < start else None
        candidates = [(right, in_row, ("to", "left", 7)), (left, in_row, ("from", "right", -7))]
        if before_tick:
            candidates.append((before_tick, walls, ("said", "right", -7)))
        side = next((side for span, crossing, side in candidates if clear(span, crossing)), None)
        if side is None:
            side = next((side for span, _, side in candidates if inside(span)), ("to", "left", 7))
        sides[side].append(order)
    return sides


BAR = 12  # a bar's thickness
LINE = 13  # the height of a line of 11 px label text
ROW_GAP = 10  # between a desktop row's label and the plot
ROW_COLUMN = 280  # the most a desktop row label may take before it breaks onto two lines


def _row_text(rows: pd.Series, narrow: bool) -> tuple[list[str], float]:
    """Each row's label as the lines it is drawn in, and the width of the column they take
    on a desktop. A label too wide for that column breaks after its date, then between
    words; on a phone, between words at the plot's width."""
    if narrow:
        return ["\n".join(labels.lines(text, theme.width(), breaks=())) for text in rows], 0
    widest = max((labels.text_width(text) for text in rows), default=0)
    if widest <= ROW_COLUMN:
        return list(rows), widest
    parts = [part for text in rows for part in text.split(" · ")]
    column = min(ROW_COLUMN, max(labels.text_width(part) for part in parts))
    return ["\n".join(labels.lines(text, column)) for text in rows], column


def _most_lines(texts) -> int:
    return max((text.count("\n") + 1 for text in texts), default=1)


def describe(frame: pd.DataFrame, view, what: str) -> str:
    if frame.empty:
        return f"No claims are recorded yet ({what})."
    parts = [f"Chart of {len(frame)} claims ({what}), in the order they were made."]
    listed = frame if len(frame) <= 30 else frame.tail(30)
    if len(frame) > 30:
        parts.append(f"The latest 30 of the {len(frame)} drawn:")
    for _, row in listed.iterrows():
        parts.append(f"{row['row']}: {row['Figure as said']} ({row['Status']}).")
    done = realised(frame, view)
    if not done.empty:
        parts.append(f"{done['label'].iloc[0]}.")
    return " ".join(parts)


def chart(tables, view) -> alt.VConcatChart:
    """The dates proposed, against the dates they were proposed."""
    frame = data(tables, view)
    tooltip = common.TOOLTIP
    narrow = theme.width() < theme.WIDTH
    frame["row_text"], row_column = _row_text(frame["row"], narrow)
    # On a desktop the row labels take a column at the left of the chart's own width, and
    # the time axis the rest: the chart is as wide as it is drawn for, notes included.
    left = 0 if narrow else row_column + ROW_GAP
    plot_width = theme.width() - left
    frame["row_lines"] = [text.count("\n") + 1 for text in frame["row_text"]]
    lines_above = _most_lines(frame["row_text"])
    lines_below = 1
    if narrow:
        # On a phone each figure is a line of its own under its bar (beside it on a desktop),
        # broken to the room it has, never cut short.
        frame["label_text"] = ["\n".join(labels.lines(text, plot_width, breaks=())) for text in frame["label"]]
        lines_below = _most_lines(frame["label_text"])
    dates = pd.concat([frame["from"], frame["to"], frame["said"].dropna(), common.annotation_frame(view)["date"]])
    axis, scale = common.time_axis(dates, "Date")
    if left:
        axis = alt.Axis(**{**axis.to_dict(), "domain": False})
        scale = alt.Scale(domain=scale.domain, range=[left, theme.width()])
    statuses = [s for s in theme.STATUS_COLOURS if s in set(frame["status"])]
    # Rows are keyed by their order, not their label: one claimant can make two
    # claims on one day. The label is a text mark left of the plot.
    base = alt.Chart(frame).encode(y=alt.Y("order:O", axis=None, title=None))
    colour = alt.Color(
        "status:N",
        title="What became of the claim",
        scale=alt.Scale(domain=statuses, range=[theme.STATUS_COLOURS[s] for s in statuses]),
    )
    x = alt.X("from:T", axis=axis, scale=scale)
    proposed = base.transform_filter("datum.stance == 'proposed'")
    bars = proposed.mark_bar(height=BAR, cornerRadius=2).encode(x=x, x2="to:T", color=colour, tooltip=tooltip)
    spoken_against = (
        base.transform_filter("datum.stance != 'proposed'")
        .mark_bar(height=BAR, cornerRadius=2, fill="white", strokeWidth=1.5, strokeDash=[3, 2])
        .encode(x=x, x2="to:T", stroke=colour, tooltip=tooltip)
    )
    # A one-day target is a diamond, so that it shows at this scale.
    days = (
        proposed.transform_filter("datum.one_day")
        .mark_point(shape="diamond", size=90, filled=True)
        .encode(x="from:T", color=colour, tooltip=tooltip)
    )
    arrows = (
        base.transform_filter("datum.open == 'later'")
        .mark_point(shape="triangle-right", size=70, filled=True)
        .encode(x="to:T", color=colour, tooltip=tooltip)
    )
    sides = _label_sides(frame, view, scale.domain, plot_width)
    # Each label beside its bar, on the side where it crosses no rule and stays in the plot.
    figure_labels = [
        base.transform_filter(alt.FieldOneOfPredicate(field="order", oneOf=[int(o) for o in orders]))
        .mark_text(align=align, dx=dx, fontSize=11)
        .encode(x=f"{edge}:T", text="label:N", tooltip=tooltip)
        for (edge, align, dx), orders in sides.items()
        if orders
    ]
    if narrow:
        # On a phone the figure is a line (or more) of its own under its bar: there is no
        # room beside it.
        figure_labels = [
            base.mark_text(align="left", baseline="top", dy=9, fontSize=11, lineBreak="\n", lineHeight=LINE).encode(
                x=alt.value(0), text="label_text:N", tooltip=tooltip
            )
        ]
    said = (
        base.transform_filter("isValid(datum.said)")
        .mark_tick(thickness=2.5, size=18, color=theme.INK)
        .encode(
            x="said:T",
            shape=alt.Shape("said_known:N", title=None, scale=alt.Scale(domain=["date said"], range=["stroke"])),
            tooltip=tooltip,
        )
    )
    # Who and when: left of the plot on a desktop; on a phone, above each bar, its last
    # line just above it (a layer for each count of lines, as each is raised its own height).
    if narrow:
        row_labels = [
            base.transform_filter(f"datum.row_lines == {count}")
            .mark_text(
                align="left",
                baseline="bottom",
                dy=-9 - LINE * (count - 1),
                fontSize=11,
                color=theme.MUTED,
                lineBreak="\n",
                lineHeight=LINE,
            )
            .encode(x=alt.value(0), text="row_text:N", tooltip=tooltip)
            for count in sorted(set(frame["row_lines"]))
        ]
    else:
        row_labels = [
            base.mark_text(align="right", fontSize=11, lineBreak="\n", lineHeight=LINE).encode(
                x=alt.value(row_column), text="row_text:N", tooltip=tooltip
            )
        ]
    if narrow:
        step = BAR + 2 * 9 + LINE * (lines_above + lines_below) + 12
    else:
        step = max(30, LINE * lines_above + 10)
    texts = [*figure_labels, *row_labels]
    if narrow:
        # On a phone the labels sit inside the plot, where the day of the story's rule
        # crosses them: a white halo under each keeps its letters clear of the rule.
        texts = [common.halo(text) for text in texts] + texts
    layers = [
        *common.annotation_layers(view, x, above=True),
        bars,
        spoken_against,
        days,
        arrows,
        said,
        *texts,
    ]
    done = realised(frame, view)
    if not done.empty:
        marker = alt.Chart(done).encode(x="date:T")
        # The label reads left of its rule where, on its right, it would leave the plot.
        at = labels.time_pixels(done["date"].iloc[0], scale.domain, plot_width) if isinstance(scale.domain, list) else 0
        right_aligned = narrow or at + 4 + labels.text_width(done["label"].iloc[0]) > plot_width
        layers += [
            marker.mark_rule(color=theme.STATUS_COLOURS["realised"], strokeDash=[4, 3], strokeWidth=1.5),
            marker.mark_text(
                align="right" if right_aligned else "left",
                baseline="top",
                dx=-4 if right_aligned else 4,
                # On a phone the story's day and this one are too close to share a line.
                dy=-28 if narrow else -14,
                y=0,
                color=theme.as_text(theme.STATUS_COLOURS["realised"]),
            ).encode(text="label:N"),
        ]
    layered = alt.layer(*layers).properties(width=theme.width(), height=alt.Step(step))
    return common.finished(
        layered, tables, view, KEY, frame.attrs.get("thinned"), lambda what: describe(frame, view, what)
    )


# The key to the marks, under the view's own subtitle.
KEY = (
    "One claim per row, in the order made. Each bar spans the date or range proposed; "
    "the black tick marks the day the claim was made. An outlined bar is a date the claimant "
    "denied or doubted; an arrow, a date with no latest day."
)
