"""Every chart the package declares builds, carries its title, source line and
description, draws the figures honestly, and is written the same way every time."""

from __future__ import annotations

import json
from pathlib import Path

import altair as alt
import pandas as pd
import pytest
import vl_convert as vlc

import claimtrack
from claimtrack.charts import chart, estimates, kind_module, panels, theme, timeline, views
from claimtrack.charts.render import build_charts, is_up_to_date, page, script_json
from claimtrack.model import paths
from claimtrack.model.package import read_package
from conftest import REPO

# The charts the repository's package declares, by name.
DECLARED = [view.name for view in read_package(REPO).views]


@pytest.fixture(scope="module")
def tables():
    return claimtrack.load(REPO)


def view_named(name: str):
    return next(view for view in read_package(REPO).views if view.name == name)


DEATH_TOLLS, CONFERENCE, FIGHTERS = (view_named(n) for n in ("death_tolls", "conference_dates", "foreign_fighters"))


# The Vega mark each Vega-Lite mark compiles to.
VEGA_MARK = {"point": "symbol", "bar": "rect", "tick": "rect", "rule": "rule", "text": "text"}


def _found(spec, key: str) -> list:
    """Every value of ``key`` anywhere in a nested spec."""
    if isinstance(spec, dict):
        return ([spec[key]] if key in spec else []) + [v for value in spec.values() for v in _found(value, key)]
    if isinstance(spec, list):
        return [v for value in spec for v in _found(value, key)]
    return []


def test_the_package_declares_its_three_charts_each_of_a_kind(tables):
    assert [(v.name, v.kind) for v in views(tables)] == [
        ("death_tolls", "estimates"),
        ("conference_dates", "timeline"),
        ("foreign_fighters", "panels"),
    ]


@pytest.mark.parametrize("name", DECLARED)
def test_every_chart_builds_a_valid_vega_lite_spec_that_draws_every_row_it_plots(tables, name):
    view = view_named(name)
    module = kind_module(view.kind)
    spec = module.chart(tables, view).to_dict(validate=True)
    rows = len(module.data(tables, view))
    assert rows > 0
    # The rows the chart plots (each carries its tooltip) are all in the spec, once,
    # whether one table feeds every layer or each panel has its own.
    plotted = [
        values
        for values in spec["datasets"].values()
        if values and "Claimant" in values[0] and "label_x" not in values[0]  # not the labels' own table
    ]
    assert sum(len(values) for values in plotted) == rows
    vega = vlc.vegalite_to_vega(spec)  # compiles: the spec is one Vega-Lite understands
    used = {mark if isinstance(mark, str) else mark["type"] for mark in _found(spec, "mark")}
    drawn = {mark["type"] for mark in _found(vega, "marks") for mark in mark if isinstance(mark, dict)}
    assert used and {VEGA_MARK[mark] for mark in used} <= drawn


def _text(line: dict) -> str:
    value = line["encoding"]["text"]["value"]
    return " ".join(value) if isinstance(value, list) else value


def under(spec: dict) -> str:
    """The lines under a chart (its key, notes and source line), as one text."""
    return " ".join(_text(line) for line in spec["vconcat"][1:])


def test_the_subtitle_is_one_sentence_and_the_key_goes_under_the_chart(tables):
    spec = estimates.chart(tables, DEATH_TOLLS).to_dict()
    assert " ".join(spec["title"]["subtitle"]) == DEATH_TOLLS.subtitle
    assert under(spec).startswith(estimates.KEY)


@pytest.mark.parametrize("name", DECLARED)
def test_every_chart_has_the_declared_title_a_subtitle_source_line_and_description(tables, name):
    view = view_named(name)
    spec = chart(tables, view).to_dict()
    assert spec["title"]["text"] == view.title
    assert " ".join(spec["title"]["subtitle"]).startswith(view.subtitle.split()[0])
    assert len(spec["description"]) > 40
    source_line = _text(spec["vconcat"][-1])
    assert source_line.startswith("Source")
    assert "sources.csv" in source_line or "The Moscow Times" in source_line


@pytest.mark.parametrize("kind", ["estimates", "panels", "timeline"])
def test_every_kind_of_chart_has_a_module_with_a_docstring(kind):
    module = kind_module(kind)
    assert module.__doc__ and module.chart.__doc__


def test_the_house_theme_is_registered_and_styles_every_chart(tables):
    spec = chart(tables, DEATH_TOLLS).to_dict()
    assert "claimtrack" in alt.theme.names()
    assert alt.theme.active == "claimtrack"
    assert spec["config"]["font"] == theme.FONT
    assert spec["config"]["range"]["category"] == theme.PALETTE


def test_death_tolls_draw_lower_and_upper_bounds_with_different_shapes(tables):
    frame = estimates.data(tables, DEATH_TOLLS)
    by_words = frame.set_index("Figure as said")
    assert by_words.loc["at least 94,000", "bound"] == "at least (a lower bound)"
    # The Observatory called its upper estimate likely: the chart says so.
    assert by_words.loc['as high as 120,000 ("likely")', "bound"] == "as high as (an upper bound)"
    spec = estimates.chart(tables, DEATH_TOLLS).to_dict()
    shape = next(
        layer["encoding"]["shape"] for layer in spec["vconcat"][0]["layer"] if "shape" in layer.get("encoding", {})
    )
    shapes = dict(zip(shape["scale"]["domain"], shape["scale"]["range"]))
    assert shapes["at least (a lower bound)"] == "triangle-up"
    assert shapes["as high as (an upper bound)"] == "triangle-down"


def test_death_tolls_place_each_figure_at_the_date_it_was_given(tables):
    frame = estimates.data(tables, DEATH_TOLLS).set_index("Figure as said")
    assert frame.loc["at least 94,000", "said_from"] == "2013-05-14"
    assert frame.loc["at least 94,000", "number"] == 94000
    assert frame.loc['120,000 ("may have")', "said_from"] == "2013-05-16"


def test_a_vague_several_gets_no_invented_number(tables):
    frame = panels.data(tables, FIGHTERS)
    several = frame[frame["vague"]]
    assert len(several) == 1
    assert several["number"].isna().all()
    assert "no number given" in several["label"].iloc[0]
    spec = panels.chart(tables, FIGHTERS).to_dict()
    assert "Several" in spec["description"]


def test_panels_come_in_the_order_the_view_names_their_measures(tables):
    labels = tables["measures"].set_index("measure_id")["label"]
    frame = panels.data(tables, FIGHTERS)
    assert list(dict.fromkeys(frame["panel"])) == [
        labels[m] for m in FIGHTERS.measures if m in set(tables.claims["measure_id"])
    ]


def test_conference_dates_show_the_working_date_overtaken_and_the_opening_realised(tables):
    frame = timeline.data(tables, CONFERENCE)
    row = frame[frame["Figure as said"] == 'June 10-12 ("working date")'].iloc[0]
    assert (row["from"], row["to"]) == ("2013-06-10", "2013-06-13")  # bars end after the last day
    assert row["status"] == "superseded"
    assert row["said"] == "2013-05-16"
    done = timeline.realised(frame, CONFERENCE)
    assert done["date"].tolist() == ["2014-01-22"]
    assert done["label"].tolist() == ["Opened January 22, 2014"]  # the view's word, not the code's
    denied = frame[frame["stance"] == "denied"].iloc[0]
    assert denied["label"] == "denied: June 10"


def test_death_tolls_draw_one_scope_and_name_the_others(tables):
    frame = estimates.data(tables, DEATH_TOLLS)
    assert set(frame["measure"]) == {"Deaths in the Syrian conflict"}
    spec = estimates.chart(tables, DEATH_TOLLS).to_dict()
    notes = under(spec)
    assert "government forces not counted" in notes and "an activist count" in notes


def test_a_claim_without_a_date_is_listed_as_such_not_given_a_date(tables):
    frame = timeline.data(tables, CONFERENCE)
    hopes = frame[frame["Figure as said"] == 'a late-May date ("hopes")'].iloc[0]
    assert hopes["row"].startswith("Date not stated")
    assert not isinstance(hopes["said"], str)


def test_data_in_html_cannot_close_the_script_element():
    hostile = {"quote": "</script><script>alert(1)</script> & <img src=x onerror=alert(1)>"}
    text = script_json(hostile)
    assert "<" not in text and ">" not in text
    assert json.loads(text) == hostile
    html = page({"title": {"text": "<b>t</b>"}, "description": "<img onerror=x>", "data": hostile}, bundle="/*js*/")
    assert "<img onerror=x>" not in html and "</script><script>alert(1)" not in html
    assert "&lt;img onerror=x&gt;" in html


def test_build_writes_every_format_and_is_byte_for_byte_repeatable(real_package):
    package = read_package(real_package)
    tables = claimtrack.load(real_package)
    result = build_charts(package, tables, force=True)
    folder = real_package / "charts"
    assert result.built == DECLARED
    first = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert set(first) == {f"{n}.{f}" for n in DECLARED for f in paths.CHART_FORMATS} | {"manifest.json"}
    build_charts(package, tables, force=True)
    second = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert first == second


def test_build_with_nothing_changed_rebuilds_nothing_and_a_data_change_rebuilds(real_package):
    package = read_package(real_package)
    tables = claimtrack.load(real_package)
    build_charts(package, tables)
    assert is_up_to_date(package)
    assert build_charts(package, tables).up_to_date
    claims = real_package / "data" / "claims.csv"
    claims.write_text(claims.read_text(encoding="utf-8").replace("about 200", "about 200 ", 1), encoding="utf-8")
    assert not is_up_to_date(package)


def test_html_charts_work_offline(tables, real_package):
    build_charts(read_package(real_package), claimtrack.load(real_package), force=True)
    for name in DECLARED:
        html = (real_package / "charts" / f"{name}.html").read_text(encoding="utf-8")
        assert "<script src" not in html and "<link" not in html  # nothing fetched
        assert "vegaEmbed" in html
        assert '"actions":false' in html.replace(" ", "") or "actions: false" in html
        svg = (real_package / "charts" / f"{name}.svg").read_text(encoding="utf-8")
        assert "<title " in svg and "<desc " in svg


def test_a_failed_build_leaves_the_previous_charts_in_place(real_package, monkeypatch):
    package = read_package(real_package)
    tables = claimtrack.load(real_package)
    build_charts(package, tables, force=True)
    before = {p.name: p.read_bytes() for p in (real_package / "charts").iterdir()}

    def broken(_tables, _view):
        raise RuntimeError("chart failed")

    monkeypatch.setattr(panels, "chart", broken)
    with pytest.raises(RuntimeError):
        build_charts(package, tables, force=True)
    after = {p.name: p.read_bytes() for p in (real_package / "charts").iterdir()}
    assert after == before
    assert not list(real_package.glob(".charts-*"))  # no scratch folder left behind


def test_a_renderer_that_dies_drawing_a_chart_ends_the_build_with_its_words_and_changes_nothing(
    real_package, monkeypatch
):
    from claimtrack.charts.drawing import RenderError

    package = read_package(real_package)
    tables = claimtrack.load(real_package)
    build_charts(package, tables, force=True)
    before = {p.name: p.read_bytes() for p in (real_package / "charts").iterdir()}
    real = panels.chart

    def with_a_vertical_tab(tables, view):  # what aborts vl-convert's text layout outright
        return real(tables, view).properties(title="a title with a vertical tab \x0b in it")

    monkeypatch.setattr(panels, "chart", with_a_vertical_tab)
    with pytest.raises(
        RenderError, match=r"crashed while drawing the chart \S+ \(.*NonXmlChar.*\); no chart was changed"
    ):
        build_charts(package, tables, force=True)
    assert {p.name: p.read_bytes() for p in (real_package / "charts").iterdir()} == before
    assert not list(real_package.glob(".charts-*"))


def test_build_says_what_the_renderer_died_of_and_exits_with_status_one(real_package, monkeypatch):
    from conftest import run_claimtrack

    real = panels.chart
    monkeypatch.setattr(panels, "chart", lambda tables, view: real(tables, view).properties(title="tab \x0b"))
    ran = run_claimtrack("build", "--force", cwd=real_package)
    assert ran.returncode == 1
    assert "Error: the chart renderer (vl-convert) crashed while drawing the chart" in ran.stderr


def test_the_committed_charts_are_built_from_the_committed_data():
    assert is_up_to_date(read_package(REPO)), "charts/ is stale: run `make build` and commit charts/"


def test_a_large_package_draws_a_bounded_number_of_marks_and_says_it_thinned_them(tmp_path):
    from claimtrack.charts.common import MARK_LIMIT
    from claimtrack.synthetic import write_package

    write_package(tmp_path, rows=20000, seed=5)
    tables = claimtrack.load(tmp_path)
    drawn = views(tables)
    assert {view.kind for view in drawn} == {"estimates", "panels", "timeline"}
    for view in drawn:
        module = kind_module(view.kind)
        frame = module.data(tables, view)
        assert 0 < len(frame) <= MARK_LIMIT, view.name
        assert "too many to draw one by one" in under(module.chart(tables, view).to_dict()), view.name
        if view.kind == "estimates":
            # Seven claimants keep their colour; the rest share one.
            assert frame["claimant"].nunique() <= 8


def test_a_small_package_is_drawn_claim_by_claim(tables):
    frame = estimates.data(tables, DEATH_TOLLS)
    assert frame.attrs["thinned"] is None
    claims = tables.claims
    assert len(frame) == ((claims["measure_id"].isin(DEATH_TOLLS.measures)) & claims["said_on"].notna()).sum()


CHART_MODULES_LOADED = """
import json, sys
from claimtrack.validation import load
tables = load(sys.argv[1])
before = set(sys.modules)
from claimtrack.charts import chart, views
for view in views(tables):
    chart(tables, view).to_dict()
print(json.dumps(sorted(m.__file__ for n, m in sys.modules.items() if n.startswith("claimtrack") and n not in before)))
"""


def test_the_chart_fingerprint_covers_every_module_the_charts_run():
    import subprocess
    import sys

    from claimtrack.charts.render import code_inputs

    done = subprocess.run([sys.executable, "-c", CHART_MODULES_LOADED, str(REPO)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    loaded = {Path(path).resolve() for path in json.loads(done.stdout)}
    assert loaded, "drawing the charts loaded no claimtrack module beyond what load() did"
    assert loaded <= set(code_inputs())
    assert any(path.name == "kernels.py" for path in code_inputs())  # the kernels that read the dates


def test_a_change_to_any_code_the_charts_are_made_by_makes_them_stale(real_package, monkeypatch):
    from claimtrack.charts import render

    package = read_package(real_package)
    before = render.fingerprint(package)
    kernels = next(path for path in render.code_inputs() if path.name == "kernels.py")
    original = Path.read_bytes

    def edited(path: Path) -> bytes:
        return original(path) + (b"# edited\n" if path == kernels else b"")

    monkeypatch.setattr(Path, "read_bytes", edited)
    assert render.fingerprint(package) != before


def test_an_estimates_chart_says_which_figures_it_cannot_place_in_time(tables):
    # A figure whose source does not say when it was given has no place on the time axis.
    claims = tables["claims"].copy()
    undated = claims["claim_id"] == "mt-2013-05-16-09"
    claims.loc[undated, ["said_on", "said_on_basis"]] = [pd.NA, "not stated"]
    changed = tables.replaced(claims=claims)
    frame = estimates.data(changed, DEATH_TOLLS)
    assert len(frame) == len(estimates.data(tables, DEATH_TOLLS)) - 1
    notes = under(estimates.chart(changed, DEATH_TOLLS).to_dict())
    assert "One figure whose source does not say when it was given is not drawn." in notes
    assert frame.attrs["thinned"] is not None
    assert estimates.data(tables, DEATH_TOLLS).attrs["thinned"] is None  # the package as it is: all drawn


def _text_colours(node, found: list) -> list:
    """Every colour a spec gives text: text marks' own, and the config's for titles,
    axes, legends and headers."""
    if isinstance(node, dict):
        mark = node.get("mark")
        if isinstance(mark, dict) and mark.get("type") == "text":
            found.append(mark.get("color", "#000000"))
            colour = node.get("encoding", {}).get("color", {})
            found += colour.get("scale", {}).get("range", []) if isinstance(colour, dict) and "field" in colour else []
        for key, value in node.items():
            if key in ("labelColor", "titleColor", "subtitleColor") and isinstance(value, str):
                found.append(value)
            else:
                _text_colours(value, found)
    elif isinstance(node, list):
        for item in node:
            _text_colours(item, found)
    return found


@pytest.mark.parametrize("name", DECLARED)
def test_every_text_a_chart_draws_reads_at_4_5_to_1_on_white(tables, name):
    view = view_named(name)
    for width in (theme.WIDTH, theme.NARROW):
        with theme.at_width(width):
            spec = chart(tables, view).to_dict()
        colours = {c for c in _text_colours(spec, []) + [spec["config"]["title"]["color"]] if c.startswith("#")}
        assert colours
        weak = {c: round(theme.contrast(c), 2) for c in colours if theme.contrast(c) < 4.5}
        assert weak == {}, (width, weak)


def test_the_contrast_ratio_is_wcag_s():
    assert round(theme.contrast("#000000"), 1) == 21.0
    assert round(theme.contrast("#777777"), 2) == 4.48  # the grey that just fails
    assert theme.contrast(theme.as_text("#009E73")) >= 4.5


@pytest.mark.parametrize("name", ["conference_dates", "death_tolls", "foreign_fighters"])
def test_every_desktop_drawing_fits_a_column_of_the_width_it_is_drawn_for(name):
    # A chart drawn for 640 px, with its padding, fits a 680 px column: labels, legends,
    # axes and notes stay inside, so a typical story column gets the desktop chart.
    manifest = json.loads((REPO / "charts" / "manifest.json").read_text())
    assert manifest["charts"][name]["fits"] <= theme.WIDTH + 2 * theme.PADDING + 8


def test_a_long_label_breaks_after_its_date_then_between_words_never_cut_short():
    from claimtrack.charts import labels

    text = "May 16, 2013 · an unnamed diplomatic official in New York"
    assert labels.lines(text, 400) == [text]
    assert labels.lines(text, 280) == ["May 16, 2013", "an unnamed diplomatic official in New York"]
    broken = labels.lines(text, 150, breaks=())
    assert " ".join(broken) == text and len(broken) > 2
    assert all(labels.text_width(line) <= 150 for line in broken)


def test_a_timeline_row_label_too_long_for_its_column_takes_two_lines(tables):
    spec = chart(tables, view_named("conference_dates")).to_dict()
    rows = [row["row_text"] for data in spec["datasets"].values() for row in data if "row_text" in row]
    assert "May 16, 2013\nan unnamed diplomatic official in New York" in rows
    assert "May 14, 2013 · John Kerry" in rows


def test_a_chart_says_how_many_figures_found_no_room_for_a_label():
    from claimtrack.charts import common

    assert common.unlabelled_sentence(0) == ""
    assert common.unlabelled_sentence(1) == "One figure has no label here, for want of room; its tooltip gives it."
    assert common.unlabelled_sentence(3).startswith("3 figures have no label here")


def test_the_foreign_fighter_panels_say_the_figure_they_could_not_label(tables):
    spec = chart(tables, view_named("foreign_fighters")).to_dict()
    assert "One figure has no label here, for want of room" in under(spec)
