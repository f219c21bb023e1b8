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
    day a date came about, or the plot's edge, and the left is clear."""
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
    # On a desktop a label may run past the plot into the margin; on a phone there is none.
    slack = 0 if width < theme.WIDTH - 260 else 200
    starts = labels.time_pixels(frame["from"], domain, width)
    ends = labels.time_pixels(frame["to"], domain, width)
    for order, text, start, end, tick in zip(frame["order"], frame["label"], starts, ends, ticks):
        size = labels.text_width(text)
        right = (end + 7, end + 7 + size)
        left = (start - 7 - size, start - 7)
        # The rules cross every row; the tick of the day it was said, this row only.
        in_row = walls + ([tick] if pd.notna(tick) else [])

        def clear(span, in_row=in_row):
            return (
                span[0] >= 0 and span[1] <= width + slack and not any(span[0] - 2 <= w <= span[1] + 2 for w in in_row)
            )

        # Right of the bar, else left of it, else left of the day it was said (when that
        # comes first); where none is clear, on the right.
        before_tick = (tick - 7 - size, tick - 7) if pd.notna(tick) and tick < start else None
        if clear(right):
            side = ("to", "left", 7)
        elif clear(left):
            side = ("from", "right", -7)
        elif before_tick and clear(before_tick, walls):
            side = ("said", "right", -7)
        else:
            side = ("to", "left", 7)
        sides[side].append(order)
    return sides


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
    dates = pd.concat([frame["from"], frame["to"], frame["said"].dropna(), common.annotation_frame(view)["date"]])
    axis, scale = common.time_axis(dates, "Date")
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
    bars = proposed.mark_bar(height=12, cornerRadius=2).encode(x=x, x2="to:T", color=colour, tooltip=tooltip)
    spoken_against = (
        base.transform_filter("datum.stance != 'proposed'")
        .mark_bar(height=12, cornerRadius=2, fill="white", strokeWidth=1.5, strokeDash=[3, 2])
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
    narrow = theme.width() < theme.WIDTH
    plot_width = theme.width() if narrow else theme.width() - 260
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
        # On a phone the figure is a line of its own under its bar: there is no room beside it.
        figure_labels = [
            base.mark_text(align="left", baseline="top", dy=9, fontSize=11, limit=plot_width).encode(
                x=alt.value(0), text="label:N", tooltip=tooltip
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
    # Who and when: left of the plot on a desktop; on a phone, a line above each bar.
    row_labels = (
        base.mark_text(align="left", baseline="bottom", dy=-9, fontSize=11, color=theme.MUTED, limit=plot_width)
        if narrow
        else base.mark_text(align="right", dx=-10, fontSize=11, limit=300)
    ).encode(x=alt.value(0), text="row:N", tooltip=tooltip)
    layers = [
        *common.annotation_layers(view, x, above=True),
        bars,
        spoken_against,
        days,
        arrows,
        said,
        *figure_labels,
        row_labels,
    ]
    done = realised(frame, view)
    if not done.empty:
        marker = alt.Chart(done).encode(x="date:T")
        layers += [
            marker.mark_rule(color=theme.STATUS_COLOURS["realised"], strokeDash=[4, 3], strokeWidth=1.5),
            marker.mark_text(
                align="right" if narrow else "left",
                baseline="top",
                dx=-4 if narrow else 4,
                # On a phone the story's day and this one are too close to share a line.
                dy=-28 if narrow else -14,
                y=0,
                color=theme.as_text(theme.STATUS_COLOURS["realised"]),
            ).encode(text="label:N"),
        ]
    layered = alt.layer(*layers).properties(width=plot_width, height=alt.Step(60 if narrow else 30))
    return common.finished(
        layered, tables, view, KEY, frame.attrs.get("thinned"), lambda what: describe(frame, view, what)
    )


# The key to the marks, under the view's own subtitle.
KEY = (
    "One claim per row, in the order made. Each bar spans the date or range proposed; "
    "the black tick marks the day the claim was made. An outlined bar is a date the claimant "
    "denied or doubted; an arrow, a date with no latest day."
)
