"""What the chart modules share: the rows they plot, their words, source lines and marks."""

from __future__ import annotations

import altair as alt
import pandas as pd

from claimtrack.charts import theme
from claimtrack.model import lists, qualifiers
from claimtrack.model.qualifiers import STANCES
from claimtrack.model.views import KINDS, MeasureInfo, View, drawn
from claimtrack.tables.views import claims_view, measure_infos
from claimtrack.tracking import style
from claimtrack.tracking.citing import as_said

# How each qualifier is drawn: the bound a legend names, and the symbol for each bound.
BOUND_OF = qualifiers.BOUND_OF
BOUND_SHAPES = qualifiers.bound_shapes()


def measures_drawn(tables, view: View) -> list[MeasureInfo]:
    return drawn(view, measure_infos(tables))


def rows_for(tables, view: View) -> pd.DataFrame:
    """The claims a view draws, joined to their claimants, sources and measures, with
    ``measure_order``: where their measure comes in the view."""
    order = {m.measure_id: number for number, m in enumerate(measures_drawn(tables, view))}
    claims = claims_view(tables)
    rows = claims[claims["measure_id"].isin(list(order))].copy()
    rows["measure_order"] = rows["measure_id"].map(order).astype("int64")
    return rows


def not_drawn(tables, view: View) -> list[str]:
    """The labels of measures of the same topics and kinds that the view leaves out."""
    shown = measures_drawn(tables, view)
    ids, topics = {m.measure_id for m in shown}, {m.topic for m in shown}
    others = [
        m.measure_id
        for m in measure_infos(tables)
        if m.topic in topics and m.kind in KINDS[view.kind] and m.measure_id not in ids
    ]
    measures = tables["measures"].set_index("measure_id")
    return sorted(measures.loc[others, "label"]) if others else []


def axis_title(tables, view: View) -> str:
    """The view's title for the axis of figures, else its measure's unit: "People"."""
    if view.axis:
        return view.axis
    shown = measures_drawn(tables, view)
    unit = shown[0].unit if shown else ""
    return unit[:1].upper() + unit[1:]


def subtitle(view: View) -> list[str]:
    """The view's own sentence, wrapped to the chart's width: a subtitle is one sentence."""
    return wrapped(view.subtitle)


def notes(view: View, key: str, left_out_labels: list[str], thinned: str | None, unlabelled: int = 0) -> str:
    """What goes under the chart: the key to the marks, what is not drawn, how it was
    thinned, the figures that found no room for a label, and the view's own note, as one
    paragraph."""
    parts = [key, left_out(left_out_labels), thinned, unlabelled_sentence(unlabelled), view.note]
    return " ".join(part for part in parts if part)


def annotation_frame(view: View) -> pd.DataFrame:
    return pd.DataFrame(
        {"date": [a.date for a in view.annotations], "label": [a.label for a in view.annotations]},
        dtype="str",
    )


def annotation_layers(view: View, x: alt.X, above: bool = False) -> list:
    """A dashed rule and a label at each day the view marks (the day of the story), on
    the chart's own time axis ``x``; the label inside the plot's top, or ``above`` it."""
    frame = annotation_frame(view)
    if frame.empty:
        return []

    base = alt.Chart(frame.rename(columns={"date": x.to_dict()["field"]})).encode(x=x)
    return [
        base.mark_rule(color=theme.MUTED, strokeDash=[2, 2], strokeWidth=1),
        base.mark_text(
            align="left",
            baseline="top",
            dx=4,
            dy=-14 if above else 0,
            y=0 if above else 2,
            fontSize=11,
            color=theme.MUTED,
        ).encode(text="label:N"),
    ]


HALO = "white"


def halo(text: alt.Chart) -> alt.Chart:
    """A white outline of a text layer's letters, drawn under the text itself so that a rule
    it crosses does not run through them."""
    style = {key: value for key, value in text.mark.to_dict().items() if key != "type"}
    return text.mark_text(**style, stroke=HALO, strokeWidth=3, strokeJoin="round")


def voice(tables, rows: pd.DataFrame) -> pd.Series:
    """The body each claim speaks for, as a chart colours it: a person's affiliation where
    that is itself a claimant of the package (a ministry's spokesman speaks in the
    ministry's voice), else the claimant. The person stays in the tooltip."""
    claimants = tables["claimants"]
    affiliation = rows["claimant_affiliation"]
    voices = affiliation.where(affiliation.isin(set(claimants["name"].dropna())), rows["claimant_name"])
    # A name too long for a phone's legend is given by its shortest alias (an acronym).
    room = int((theme.width() - 40) / (12 * 0.58))
    short = {
        name: min(lists.items(aliases), key=len)
        for name, aliases in zip(claimants["name"], claimants["aliases"])
        if isinstance(aliases, str) and lists.items(aliases) and len(name) > room
    }
    return voices.map(lambda name: short.get(name, name))


def vague(rows: pd.DataFrame) -> pd.Series:
    """Whether each figure is a quantity with no number ("several")."""
    return rows["qualifier"].isin(qualifiers.vague_words())


def against(rows: pd.DataFrame, otherwise: str) -> pd.Series:
    """The word by which each claimant speaks against the figure ("denied"), else ``otherwise``."""
    words = {s.word: s.charted for s in STANCES.values() if s.against}
    return rows["stance"].map(words).fillna(otherwise)


def plotted_number(rows: pd.DataFrame) -> pd.Series:
    """The number a mark sits at: the value, else the lower bound, else the upper."""
    return rows["value"].fillna(rows["low"]).fillna(rows["high"])


def in_words(column: pd.Series, say) -> pd.Series:
    """Each cell as ``say`` puts it in words: text, also for an empty column (whose dtype
    ``map`` would keep, so that joining it to text fails)."""
    return column.astype(object).map(say)


def said_words(rows: pd.DataFrame) -> pd.Series:
    """When each claim was made, in words, with how that is known when it is not stated outright."""
    words = in_words(rows["said_on"], style.partial_date)
    basis = rows["said_on_basis"]
    qualified = words.where(basis.isin(["stated", "publication date"]), words + " (" + basis + ")")
    reported = in_words(rows["source_published_on"], style.partial_date)
    return qualified.where(rows["said_on"].notna(), "not stated; reported " + reported)


def source_words(rows: pd.DataFrame) -> pd.Series:
    published = in_words(rows["source_published_on"], style.partial_date)
    return rows["source_publisher"] + published.map(lambda d: f", {d}" if d else "")


def source_line(rows: pd.DataFrame, package_name: str) -> str:
    """The line under a chart: its sources by name when there are a few, else how many."""
    sources = rows.drop_duplicates("source_id").sort_values(["source_published_on", "source_publisher"])
    if len(sources) <= 3:
        listed = "; ".join(source_words(sources))
        return f"Source: {listed}. Data: {package_name} data package."
    return f"Sources: {len(sources)} reports listed in the {package_name} data package (sources.csv)."


def unlabelled_sentence(count: int) -> str:
    """The sentence saying how many figures a chart draws without the label it would give
    them, for want of room at its width; none for none."""
    if count <= 0:
        return ""
    figures = "One figure has" if count == 1 else f"{count} figures have"
    return f"{figures} no label here, for want of room; its tooltip gives it."


def left_out(labels: list[str]) -> str:
    """The sentence naming measures of another scope that a chart does not draw; none for none."""
    return f"Not shown, as they count something else: {'; '.join(labels)}." if labels else ""


def wrapped(sentence: str | None) -> list[str]:
    """A subtitle sentence as lines of a readable width; none for no sentence."""
    import textwrap

    return textwrap.wrap(sentence, width=theme.characters()) if sentence else []


# The tooltip of every mark: the columns of ``tooltip_frame``, typed, so that an
# empty table (a package with no such claims yet) needs no type guessed from data.
TOOLTIP = ["Claimant:N", "Figure as said:N", "Said:N", "Source:N", "Status:N"]


def tooltip_frame(rows: pd.DataFrame) -> pd.DataFrame:
    """Columns every chart's tooltip shows, as plain text."""
    return pd.DataFrame(
        {
            "Claimant": rows["claimant_name"]
            + rows["via_name"].map(lambda v: f", via {v}" if isinstance(v, str) else "", na_action=None),
            "Figure as said": [as_said(*said) for said in zip(rows["figure_text"], rows["hedge"], rows["stance"])],
            "Said": said_words(rows),
            "Source": source_words(rows),
            "Status": rows["status"],
        },
        index=rows.index,
    )


def time_axis(dates: pd.Series, title: str) -> tuple[alt.Axis, alt.Scale]:
    """A date axis padded a little either side, labelled to suit the span it covers."""
    start, end = pd.to_datetime(dates.min()), pd.to_datetime(dates.max())
    span = (end - start).days if pd.notna(start) and pd.notna(end) else 0
    pad = pd.Timedelta(days=max(3, span // 20))
    label = "%b %Y"
    if span < 120:
        label = "%b %-d"
        if pd.notna(start) and start.year == end.year:
            title = f"{title} ({start.year})"
    ticks = {"interval": "day", "step": 1} if span < 10 else 6
    domain = (
        [(start - pad).strftime("%Y-%m-%d"), (end + pad).strftime("%Y-%m-%d")]
        if span >= 0 and pd.notna(start)
        else alt.Undefined
    )
    return alt.Axis(title=title, format=label, tickCount=ticks, labelOverlap=True), alt.Scale(domain=domain)


# A chart draws at most this many marks; more are thinned, and the chart says how.
MARK_LIMIT = 400
PERIODS = (("M", "month"), ("Q", "quarter"), ("Y", "year"))


def thin(frame: pd.DataFrame, groups: list[str], date: str, what: str) -> tuple[pd.DataFrame, str | None]:
    """At most MARK_LIMIT rows: when there are more, the latest row of each group per
    month (or quarter, or year, whichever is the first to fit), and a sentence saying so."""
    if len(frame) <= MARK_LIMIT:
        return frame, None
    dated = pd.to_datetime(frame[date])
    for code, word in PERIODS:  # noqa: B007 - the period that fits is named after the loop
        period = dated.dt.to_period(code).astype("str")
        kept = frame.assign(_period=period, _dated=dated).sort_values("_dated", kind="stable")
        kept = kept.groupby(groups + ["_period"], sort=False, dropna=False).tail(1)
        if len(kept) <= MARK_LIMIT or code == "Y":
            break
    kept = kept.drop(columns=["_period", "_dated"]).sort_index()
    note = f"{len(frame):,} {what} are too many to draw one by one: the latest of each per {word} is shown ({len(kept):,})."
    return kept, note


def top(values: pd.Series, keep: int, other: str) -> pd.Series:
    """The ``keep`` most frequent values as they are; the rest as ``other`` (a legend stays readable)."""
    if values.nunique() <= keep:
        return values
    leaders = values.value_counts().index[:keep]
    return values.where(values.isin(leaders), other)


def finished(
    chart, tables, view: View, key: str, thinned: str | None, describe, inset: int = 0, unlabelled: int = 0
) -> alt.VConcatChart:
    """The chart of a view in the house frame: the view's title, its subtitle with the
    kind's ``key``, the source line of the claims it draws, its note, and the
    description ``describe`` gives for the words naming what is drawn; ``inset``, as
    theme.finish takes it; ``unlabelled``, how many figures found no room for a label."""

    rows = rows_for(tables, view)
    what = "; ".join(dict.fromkeys(rows["measure_label"])) or view.title
    return theme.finish(
        chart,
        title=view.title,
        subtitle=subtitle(view),
        source=source_line(rows, tables.package.name),
        description=describe(what),
        note=notes(view, key, not_drawn(tables, view), thinned, unlabelled),
        inset=inset,
    )
