"""Placing a chart's labels so that none runs into a mark or another label.

Vega-Lite draws a label where it is told; it does not move one aside. So the charts
work out where each mark will be drawn (they fix their scales' domains, so a data
value has one place in pixels), try a few spots around it (right, left, above, below)
and keep the first whose box is clear of every mark and every label already placed,
inside the plot. A label with no clear spot is left out; the chart's note says how
many, and the tooltip still gives every figure.

Boxes are estimates from the font size (Liberation Sans averages a little over half
its size a character), so each keeps a small margin.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

CHAR = 0.58  # average advance of a character, as a share of the font size
MARGIN = 2  # pixels kept clear around every box


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def hits(self, other: Box) -> bool:
        return not (
            self.right + MARGIN <= other.left
            or other.right + MARGIN <= self.left
            or self.bottom + MARGIN <= other.top
            or other.bottom + MARGIN <= self.top
        )

    def inside(self, width: float, height: float) -> bool:
        return self.left >= 0 and self.top >= 0 and self.right <= width and self.bottom <= height


def text_width(text: str, size: float = 11) -> float:
    return len(text) * size * CHAR


def lines(text: str, pixels: float, size: float = 11, breaks: tuple[str, ...] = (" · ",)) -> list[str]:
    """``text`` broken into lines no wider than ``pixels``: first where it has a ``breaks``
    separator (which the line break replaces), then between words; a word wider than
    the line stays whole on its own line."""
    import textwrap

    if text_width(text, size) <= pixels:
        return [text]
    parts = [text]
    for separator in breaks:
        parts = [piece for part in parts for piece in part.split(separator)]
    room = max(1, int(pixels / (size * CHAR)))
    return [line for part in parts for line in (textwrap.wrap(part, width=room, break_long_words=False) or [""])]


def mark(x: float, y: float, radius: float = 6) -> Box:
    """The box of a point drawn at (x, y)."""
    return Box(x - radius, y - radius, x + radius, y + radius)


def rule(x: float, height: float) -> Box:
    """The box of a vertical rule across the plot at x."""
    return Box(x - 1, 0, x + 1, height)


def bar(x1: float, x2: float, y: float, thickness: float) -> Box:
    return Box(min(x1, x2), y - thickness / 2, max(x1, x2), y + thickness / 2)


# Where a label may go, as (dx, dy, align) from its anchor: right, left, then centred
# above and below, then above and below on either side, nearer first.
SPOTS = (
    (9, 0, "left"),
    (-9, 0, "right"),
    (0, -14, "center"),
    (0, 14, "center"),
    (6, -13, "left"),
    (6, 13, "left"),
    (-6, -13, "right"),
    (-6, 13, "right"),
    (0, -26, "center"),
    (0, 26, "center"),
    (6, -26, "left"),
    (-6, -26, "right"),
    (6, 26, "left"),
    (-6, 26, "right"),
)


def label_box(x: float, y: float, text: str, dx: float, dy: float, align: str, size: float = 11) -> Box:
    lines = text.split("\n")
    w, h = max(text_width(line, size) for line in lines), (size + 2) * len(lines)
    left = {"left": x + dx, "right": x + dx - w}.get(align, x + dx - w / 2)
    return Box(left, y + dy - h / 2, left + w, y + dy + h / 2)


def place(
    anchors: list[tuple[float, float, str]],
    obstacles: list[Box],
    width: float,
    height: float,
    spots=SPOTS,
    size: float = 11,
) -> list[tuple[float, float, str] | None]:
    """For each (x, y, text), the (dx, dy, align) of the first spot that is clear of the
    ``obstacles`` (every mark), of the labels placed before it, and of the plot's edges;
    None where no spot is clear."""
    placed: list[Box] = []
    chosen: list[tuple[float, float, str] | None] = []
    for x, y, text in anchors:
        own = mark(x, y)
        found = None
        for dx, dy, align in spots:
            box = label_box(x, y, text, dx, dy, align, size)
            if not box.inside(width, height):
                continue
            if any(box.hits(other) for other in placed):
                continue
            if any(box.hits(other) for other in obstacles if other != own):
                continue
            found = (dx, dy, align)
            placed.append(box)
            break
        chosen.append(found)
    return chosen


def dodge(xs: list[float], ys: list[float], apart: float = 8) -> list[float]:
    """The x of each point, moved right a few pixels at a time where it would sit on a
    point drawn before it (closer than ``apart`` both ways), so that neither hides the other."""
    done: list[tuple[float, float]] = []
    moved = []
    for x, y in zip(xs, ys):
        for _ in range(4):
            if not any(abs(x - a) < apart and abs(y - b) < apart for a, b in done):
                break
            x += apart
        done.append((x, y))
        moved.append(x)
    return moved


def nice_ceiling(value: float) -> float:
    """The top of a linear axis from zero to ``value``, as Vega's nice scales round it: up
    to 1, 2, 2.5, 5 or 10 times a power of ten."""
    if not value or value <= 0 or math.isnan(value):
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def time_pixels(dates, domain: list[str], width: float):
    """Where each date (or one date) falls on a time axis of ``domain`` drawn ``width``
    pixels wide."""
    start, end = (pd.Timestamp(d) for d in domain)
    span = (end - start) / pd.Timedelta(days=1) or 1
    return (pd.to_datetime(dates) - start) / pd.Timedelta(days=1) / span * width


@dataclass(frozen=True)
class Plot:
    """A chart's plot, as its fixed scales draw it: a time axis over ``domain`` ``width``
    pixels wide, and a value axis from zero to ``top``, ``height`` pixels high."""

    domain: list[str]
    width: float
    top: float
    height: float

    def x(self, dates):
        return time_pixels(dates, self.domain, self.width)

    def moment(self, pixels: pd.Series) -> pd.Series:
        """The moment at each x, as the time axis's text: the inverse of ``x``."""
        start, end = (pd.Timestamp(d) for d in self.domain)
        return (start + (end - start) * (pixels / self.width)).dt.strftime("%Y-%m-%dT%H:%M:%S")

    def y(self, values):
        """Where each value (or one value) falls, zero at the bottom."""
        return self.height - values / self.top * self.height

    def span(self, x: float, low: float, high: float, half: float) -> Box:
        """The box of a bar from ``low`` to ``high`` drawn at x, ``half`` a width either side."""
        return Box(x - half, self.y(high), x + half, self.y(low))

    def days(self, dates: pd.Series, texts: pd.Series, labelled: bool = True) -> list[Box]:
        """The boxes of the dashed rules the view marks days with, and of their labels
        inside the plot's top where ``labelled``."""
        boxes = []
        for x, text in zip(self.x(dates), texts):
            boxes.append(rule(x, self.height))
            if labelled:
                boxes.append(label_box(x, 9, text, 4, 0, "left"))
        return boxes

    def labelled(self, rows: pd.DataFrame, px: pd.Series, py: pd.Series, spots: list) -> pd.DataFrame:
        """``rows`` with where each label goes, in the axes' own terms (label_x, a moment;
        label_y, a value) and its alignment; a row with no spot (None) is left out."""
        keep = [spot is not None for spot in spots]
        kept = rows[keep]
        chosen = [spot for spot in spots if spot is not None]
        dx = pd.Series([s[0] for s in chosen], index=kept.index, dtype="float")
        dy = pd.Series([s[1] for s in chosen], index=kept.index, dtype="float")
        return kept.assign(
            label_x=self.moment(px[kept.index] + dx),
            label_y=(self.height - (py[kept.index] + dy)) / self.height * self.top,
            align=[s[2] for s in chosen],
        )


def unplaced(rows: pd.DataFrame) -> pd.DataFrame:
    """No labels, in the columns ``Plot.labelled`` gives."""
    return rows.assign(label_x=pd.Series(dtype="str"), label_y=pd.Series(dtype="float"), align="")[0:0]
