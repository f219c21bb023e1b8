"""Charts declared as data: the views a descriptor lists, and the charts a package with
no views gets, one per topic, of the kind its measures call for."""

from __future__ import annotations

import json

import pytest

import claimtrack
from claimtrack.charts import chart, views
from claimtrack.charts.render import build_charts, built_charts
from claimtrack.model.package import read_package
from claimtrack.model.problems import ValidationError
from claimtrack.model.views import MeasureInfo, Topic, default_views, read_views


def _topics(*names: str) -> list[Topic]:
    return [Topic(name) for name in names]


def test_a_package_with_no_views_gets_one_chart_per_topic_of_the_kind_its_measures_call_for():
    measures = [
        MeasureInfo("cases", "case count", "count", "cases"),
        MeasureInfo("deaths-a", "deaths", "count", "people"),
        MeasureInfo("deaths-b", "deaths", "count", "people"),
        MeasureInfo("ceasefire-start", "ceasefire", "date", "date"),
    ]
    found = default_views(_topics("case count", "deaths", "ceasefire", "nothing yet"), measures)
    assert [(v.name, v.kind, v.title, v.topic) for v in found] == [
        ("case-count", "estimates", "Case count", "case count"),
        ("deaths", "panels", "Deaths", "deaths"),
        ("ceasefire", "timeline", "Ceasefire", "ceasefire"),
    ]
    assert not any(v.declared for v in found)


def test_two_topics_that_spell_the_same_file_name_get_names_of_their_own():
    measures = [MeasureInfo("a", "Case count", "count"), MeasureInfo("b", "case-count", "count")]
    assert [v.name for v in default_views(_topics("Case count", "case-count"), measures)] == [
        "case-count",
        "case-count-2",
    ]


def test_a_view_of_another_spec_type_is_left_to_the_tools_that_read_it():
    problems = []
    descriptor = {"views": [{"name": "map", "specType": "vega", "spec": {"mark": "geoshape"}}]}
    assert read_views(descriptor, [], problems) == [] and problems == []


def test_a_view_that_names_no_measure_and_no_topic_is_refused_when_the_package_is_read(real_package):
    descriptor_path = real_package / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    descriptor["views"][0]["spec"] = {"kind": "estimates", "colour": "red"}
    descriptor_path.write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(ValidationError) as refused:
        read_package(real_package)
    messages = [p.message for p in refused.value.problems]
    assert any("views[0].spec: colour not known" in m for m in messages)
    assert any("names no measures and no topic" in m for m in messages)


def test_titles_subtitles_axis_and_annotations_come_from_the_descriptor(real_package):
    descriptor_path = real_package / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    descriptor["views"][0]["title"] = "A title the desk chose"
    descriptor["views"][0]["spec"] |= {
        "subtitle": "A sentence of the desk's own.",
        "axis": "Lives lost",
        "annotations": [{"date": "2014-02-01", "label": "Our story"}],
        "note": "A note under the chart.",
    }
    descriptor_path.write_text(json.dumps(descriptor), encoding="utf-8")
    tables = claimtrack.load(real_package)
    view = views(tables)[0]
    spec = json.dumps(chart(tables, view).to_dict())
    for words in ("A title the desk chose", "A sentence of the desk's own.", "Lives lost", "Our story", "A note under"):
        assert words in spec


def test_a_chart_dropped_from_the_views_leaves_no_files_behind(real_package):
    package = read_package(real_package)
    build_charts(package, claimtrack.load(real_package), force=True)
    descriptor_path = real_package / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    descriptor["views"] = descriptor["views"][:1]
    descriptor_path.write_text(json.dumps(descriptor), encoding="utf-8")
    package = read_package(real_package)
    result = build_charts(package, claimtrack.load(real_package))
    assert result.built == ["death_tolls"] == built_charts(real_package)
    assert sorted({p.stem.split(".")[0] for p in (real_package / "charts").glob("*.png")}) == ["death_tolls"]
