"""A second story, made the way a desk would make it: started with `claimtrack init` and
recorded with the tool's own verbs (sources, claimants with aliases, measures under new
topics, claims, an archived text), then validated, built, published and opened in a
browser. Its topics, measures and claimants share nothing with the repository's story.

The story is made up: a measles outbreak in an invented region, reported by invented
papers, in sentences written for these tests."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from conftest import run_claimtrack
from test_site_browser import FLAGS, LOCAL, WAIT, chromium, context  # noqa: F401 - fixtures used by name

# The text of the first report, as the desk saved it: every quote of that source is in it.
REPORT = """Measles cases climb in the valley

The regional health office said on Monday that at least 1,240 cases of measles had been
confirmed since January. "We count only the cases a laboratory has confirmed," a
spokeswoman, Lena Example, said. The office put the deaths at 31, most of them children.
Doctors Across Borders said the true number of cases was probably nearer 3,000.
The vaccination campaign would start on March 18, the office said.
"""


def ok(*args: str, cwd: Path, input: str | None = None) -> str:
    ran = run_claimtrack(*args, cwd=cwd, input=input)
    assert ran.returncode == 0, f"claimtrack {' '.join(args)}:\n{ran.stdout}\n{ran.stderr}"
    return ran.stdout


@pytest.fixture(scope="module")
def story(tmp_path_factory) -> Path:
    """The package, recorded step by step as the README tells a desk to."""
    top = tmp_path_factory.mktemp("second-story")
    ok("init", "measles-valley", "--title", "Measles in the valley: the counts side by side", "--no-prompt", cwd=top)
    package = top / "measles-valley"
    source = dict(publisher="The Valley Courier", title="Measles cases climb in the valley", kind="news report")
    ok("source", "add", *_flags(source), "--url", "https://example.org/courier/measles", "--published-on", "2024-03-05",
       "--language", "en", cwd=package)  # fmt: skip
    ok("source", "add", "--publisher", "Wire Service Two", "--url", "https://example.org/wire/measles-update",
       "--published-on", "2024-03-12", "--kind", "wire report", cwd=package)  # fmt: skip
    (top / "courier.txt").write_text(REPORT, encoding="utf-8")
    ok("archive", "the-valley-courier-2024-03-05", top / "courier.txt", "--accessed-on", "2024-03-06", cwd=package)
    ok("claimant", "add", "--name", "Regional Health Office (RHO)", "--kind", "government body", cwd=package)
    ok("claimant", "add", "--name", "Doctors Across Borders", "--aliases", "DAB", "--kind", "organisation", cwd=package)
    ok("claimant", "add", "--name", "Lena Example", "--kind", "person", "--role", "spokeswoman of the office",
       "--affiliation", "Regional Health Office", cwd=package)  # fmt: skip
    measures = [
        ("measles-cases", "Measles cases confirmed", "case count", "count", "cases", "{figure} cases had been confirmed"),
        ("measles-deaths", "Deaths from measles", "deaths", "count", "people", "{figure} people had died of measles"),
        ("measles-deaths-children", "Children dead of measles", "deaths", "count", "children",
         "{figure} children had died of measles"),
        ("campaign-start", "Start of the vaccination campaign", "vaccination", "date", "date",
         "the vaccination campaign would start {figure}"),
    ]  # fmt: skip
    for measure_id, label, topic, kind, unit, sentence in measures:
        ok("measure", "add", "--measure-id", measure_id, "--label", label, "--topic", topic, "--new-topic",
           "--kind", kind, "--unit", unit, "--scope", f"{label.lower()} in the valley", "--sentence", sentence,
           cwd=package)  # fmt: skip
    claims = [
        dict(measure_id="measles-cases", claimant_id="rho", source_id="the-valley-courier-2024-03-05",
             figure_text="at least 1,240", qualifier="at least", low="1240", said_on="2024-03-04",
             said_on_basis="inferred from weekday", said_on_text="said on Monday",
             quote="at least 1,240 cases of measles had been"),
        dict(measure_id="measles-cases", claimant_id="doctors-across-borders",
             source_id="the-valley-courier-2024-03-05", figure_text="nearer 3,000", qualifier="about", value="3000",
             said_on_basis="not stated", quote="the true number of cases was probably nearer 3,000"),
        dict(measure_id="measles-deaths", claimant_id="rho", source_id="the-valley-courier-2024-03-05",
             figure_text="31", qualifier="exact", value="31", said_on="2024-03-04",
             said_on_basis="inferred from weekday", quote="The office put the deaths at 31"),
        dict(measure_id="measles-cases", claimant_id="rho", source_id="wire-service-two-2024-03-12",
             figure_text="1,530", qualifier="exact", value="1530", said_on="2024-03-11", said_on_basis="stated",
             quote="The office said 1,530 cases had now been confirmed."),
        dict(measure_id="campaign-start", claimant_id="rho", source_id="the-valley-courier-2024-03-05",
             figure_text="on March 18", qualifier="on", date_from="2024-03-18", date_to="2024-03-18",
             said_on="2024-03-04", said_on_basis="inferred from weekday",
             quote="The vaccination campaign would start on March 18"),
    ]  # fmt: skip
    for claim in claims:
        ok("add", *_flags(claim), cwd=package)
    return package


def _flags(values: dict) -> list[str]:
    return [part for column, value in values.items() for part in (f"--{column.replace('_', '-')}", value)]


def test_the_new_story_validates_with_its_quotes_checked_against_its_archived_text(story):
    out = ok("validate", cwd=story)
    assert (
        "measles-valley 0.1.0: valid (2 sources, 3 claimants, 4 measures, 5 claims, 0 appearances, 0 corrections)"
        in out
    )
    assert "4 quotes checked against 1 archived text" in out
    descriptor = json.loads((story / "datapackage.json").read_text(encoding="utf-8"))
    assert [t["name"] for t in descriptor["topics"]] == ["case count", "deaths", "vaccination"]


def test_a_quote_not_in_the_archived_text_is_refused(story):
    ran = run_claimtrack(
        "add", "--measure-id", "measles-deaths", "--claimant-id", "rho", "--source-id", "the-valley-courier-2024-03-05",
        "--figure-text", "40", "--qualifier", "exact", "--value", "40", "--said-on", "2024-03-04",
        "--said-on-basis", "inferred from weekday", "--quote", "The office put the deaths at 40", cwd=story,
    )  # fmt: skip
    assert ran.returncode == 1 and "quote-in-source" in ran.stderr


def test_the_story_gets_one_chart_per_topic_titled_and_sourced_from_its_own_package(story):
    out = ok("build", cwd=story)
    assert "Built 3 charts" in out
    manifest = json.loads((story / "charts" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["order"] == ["case-count", "deaths", "vaccination"]
    assert [manifest["charts"][n]["kind"] for n in manifest["order"]] == ["estimates", "panels", "timeline"]
    spec = json.loads((story / "charts" / "case-count.vl.json").read_text(encoding="utf-8"))
    assert spec["title"]["text"] == "Case count"
    assert "Measles cases confirmed" in spec["description"]
    # The lines under the chart, which wrap to its width, read as one.
    values = [line["encoding"]["text"]["value"] for line in spec["vconcat"][1:]]
    under = " ".join(" ".join(v) if isinstance(v, list) else v for v in values)
    assert "measles-valley data package" in under and "The Valley Courier" in under
    for name in manifest["order"]:
        assert (story / "charts" / f"{name}.png").stat().st_size > 10_000
    readme = (story / "README.md").read_text(encoding="utf-8")
    assert "![Case count](charts/case-count.png)" in readme  # the README lists the charts built


def test_the_story_publishes_a_release_a_database_and_a_site(story):
    ok("build", cwd=story)
    ok("publish", cwd=story)
    with zipfile.ZipFile(story / "dist" / "measles-valley-0.1.0.zip") as release:
        names = set(release.namelist())
    assert "data/claims.csv" in names and not any(n.startswith("archive/") for n in names)
    assert (story / "dist" / "measles-valley.db").is_file()


def test_the_story_s_site_draws_its_charts_in_a_browser(story, context):  # noqa: F811 - the fixture
    ok("build", cwd=story)
    ok("publish", "--out", story / "site-out", cwd=story)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto((story / "site-out" / "site" / "index.html").as_uri())
        for name in ("case-count", "deaths", "vaccination"):
            page.wait_for_selector(f"#chart-{name}[data-rendered]", timeout=WAIT)
            assert page.get_attribute(f"#chart-{name}", "data-rendered") == "true"
            assert page.locator(f"#chart-{name} svg.marks").count() == 1
        assert page.locator("#claims-table tbody tr").count() == 5
        assert "at least 1,240" in page.inner_text("#claims-table")
    finally:
        page.close()
    assert errors == []
    assert [url for url in context.seen if not url.startswith(LOCAL)] == []
