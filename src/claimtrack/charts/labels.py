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


def time_pixels(dates: pd.Series, domain: list[str], width: float) -> pd.Series:
    """Where each date falls on a time axis of ``domain`` drawn ``width`` pixels wide."""
    start, end = (pd.Timestamp(d) for d in domain)
    span = (end - start) / pd.Timedelta(days=1) or 1
    return (pd.to_datetime(dates) - start) / pd.Timedelta(days=1) / span * width


def from_time_pixels(pixels: pd.Series, domain: list[str], width: float) -> pd.Series:
    start, end = (pd.Timestamp(d) for d in domain)
    return start + (end - start) * (pixels / width)


def linear_pixels(values: pd.Series, top: float, height: float) -> pd.Series:
    """Where each value falls on a linear axis from zero (at the bottom) to ``top``."""
    return height - values.astype("float") / top * height


def from_linear_pixels(pixels: pd.Series, top: float, height: float) -> pd.Series:
    return (height - pixels) / height * top
