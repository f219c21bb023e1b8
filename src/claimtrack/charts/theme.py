"""The house theme, registered once with Altair, and the frame every chart shares:
title and subtitle above, the source line below, an accessible description.

Type is Liberation Sans, which vl-convert carries inside itself, so the PNG comes
out the same on every machine; browsers fall back to Arial or Helvetica, which
have the same widths. Colours are the Okabe-Ito palette, which readers with the
common colour-vision deficiencies can tell apart.
"""

from __future__ import annotations

import contextlib
import contextvars

import altair as alt

NAME = "claimtrack"
FONT = "Liberation Sans"
FONT_STACK = f'"{FONT}", Arial, Helvetica, sans-serif'
INK = "#222222"
MUTED = "#595959"
GRID = "#e6e6e6"
WIDTH = 640  # a chart's width on a desktop page, in CSS pixels
NARROW = 240  # its plot's width on a phone: 390 px less the page's margins, the chart's padding and its axis
PADDING = 16  # around the chart, inside its picture
AXIS = 68  # the width of a value axis: its title, its labels ("200,000") and ticks
# The width the chart being drawn is drawn at: WIDTH, or NARROW inside ``at_width``.
_WIDTH = contextvars.ContextVar("chart_width", default=WIDTH)


def width() -> int:
    """The width of the chart being drawn, in CSS pixels."""
    return _WIDTH.get()


def characters(pixels: int | None = None) -> int:
    """How many characters of 11-13 px text fit a line of ``pixels`` (default: the chart's width)."""
    return max(30, int((pixels or width()) / 6.4))


@contextlib.contextmanager
def at_width(pixels: int):
    """Draw the charts made inside this block ``pixels`` wide."""
    token = _WIDTH.set(pixels)
    try:
        yield
    finally:
        _WIDTH.reset(token)


# Okabe & Ito (2008), "Color Universal Design"; yellow last, as it reads poorly on white.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]

# What became of a claim, coloured the same way in every chart.
STATUS_COLOURS = {
    "reported": "#0072B2",
    "tentative": "#56B4E9",
    "confirmed": "#CC79A7",
    "realised": "#009E73",
    "not realised": "#D55E00",
    "superseded": "#999999",
    "retracted": "#000000",
}


def luminance(colour: str) -> float:
    """The relative luminance of a #rrggbb colour, as WCAG 2 defines it."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str = "#ffffff") -> float:
    """The WCAG contrast ratio of two colours, from 1 to 21; text needs 4.5."""
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def as_text(colour: str, background: str = "#ffffff", ratio: float = 4.5) -> str:
    """``colour`` darkened, in steps, until text in it reads on ``background`` (4.5:1)."""
    red, green, blue = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    while contrast(f"#{red:02x}{green:02x}{blue:02x}", background) < ratio:
        red, green, blue = (int(c * 0.92) for c in (red, green, blue))
    return f"#{red:02x}{green:02x}{blue:02x}"


def theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": FONT,
            "background": "white",
            "padding": PADDING,
            "view": {"stroke": None, "continuousWidth": WIDTH, "continuousHeight": 360},
            "title": {
                "anchor": "start",
                "font": FONT,
                "fontSize": 20,
                "fontWeight": "bold",
                "color": INK,
                "subtitleFont": FONT,
                "subtitleFontSize": 13,
                "subtitleColor": MUTED,
                "subtitlePadding": 6,
                "offset": 14,
            },
            "axis": {
                "labelFont": FONT,
                "labelFontSize": 12,
                "labelColor": INK,
                "titleFont": FONT,
                "titleFontSize": 12,
                "titleFontWeight": "normal",
                "titleColor": MUTED,
                "gridColor": GRID,
                "domainColor": "#999999",
                "tickColor": "#999999",
            },
            "legend": {
                "labelFont": FONT,
                "labelFontSize": 12,
                "titleFont": FONT,
                "titleFontSize": 12,
                "titleColor": MUTED,
                "orient": "top",
                "direction": "horizontal",
                # On a phone a legend is a column; nowhere is a name cut short.
                "columns": 3 if width() >= WIDTH else 1,
                "titleAnchor": "start",
                "titleLimit": width(),
                "labelLimit": width() - 20,
                "symbolStrokeWidth": 1.5,
                # Two legends (who, and how the figure was given) one above the other, at
                # the plot's left: side by side, long names would make the chart too wide.
                "layout": {"top": {"direction": "vertical", "anchor": "start"}},
            },
            "header": {"labelFont": FONT, "labelFontSize": 13, "labelColor": INK, "titleFont": FONT},
            "text": {"font": FONT, "fontSize": 12, "color": INK},
            "range": {"category": PALETTE},
            "point": {"size": 90, "filled": True},
        }
    }


def register() -> None:
    """Register the house theme with Altair and make it the active one."""
    if NAME not in alt.theme.names():
        alt.theme.register(NAME, enable=True)(theme)
    alt.theme.enable(NAME)


def _lines(lines: list[str], inset: int = 0, **style) -> alt.Chart:
    """Lines of text under the chart, as wide as the chart, one paragraph, beginning
    ``inset`` pixels left of the plot (where its value axis begins)."""
    return (
        alt.Chart(alt.Data(values=[{}]))
        .mark_text(align="left", baseline="top", fontSize=11, lineHeight=15, color=MUTED, limit=width(), **style)
        .encode(x=alt.value(-inset), y=alt.value(0), text=alt.value(lines if len(lines) > 1 else lines[0]))
        .properties(width=width() - inset, height=15 * len(lines))
    )


def finish(
    chart, *, title: str, subtitle: str | list[str], source: str, description: str, note: str = "", inset: int = 0
):
    """The chart with its title and subtitle above, a note and the source line below, and
    an accessible description (read out by screen readers, shown under the HTML chart).
    ``inset``: how far left of its plot the chart begins (its value axis), where the lines
    under it begin too, so that the whole is as wide as it is drawn for."""
    import textwrap

    register()
    # A title wraps on a phone: 20 px bold type is about 10.4 px a character.
    lines = textwrap.wrap(title, width=max(20, int(width() / 10.4))) or [title]
    title = lines if len(lines) > 1 else title
    under = [_lines(textwrap.wrap(text, width=characters()), inset) for text in (note, source) if text]
    return alt.vconcat(chart, *under, spacing=10).properties(
        title=alt.Title(title, subtitle=subtitle), description=description
    )
