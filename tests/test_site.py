"""The static site's page: every value from the data is text, only web addresses are
links, and nothing in it asks the network for anything; each chart carries both its
specs and a table of its figures, every claim's cell is labelled for the phone's cards,
and every colour of text in site.css can be read against every background there.

The page is read here as HTML; tests/test_site_browser.py opens it in a browser.
"""

from __future__ import annotations

import copy
import json
import re
from html.parser import HTMLParser

import pytest

from claimtrack.model import paths
from claimtrack.model.package import read_package
from claimtrack.publishing.site import (
    Download,
    _charts,
    chart_figures,
    chart_views,
    claim_rows,
    render_index,
    source_url,
    web_url,
)
from conftest import REPO, build_package
from published import HOSTILE_QUOTE

HOSTILE_URLS = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//example.org/x",
    "http://",
    "https:// example.org",
    "/etc/passwd",
    "",
    None,
]


class Page(HTMLParser):
    """Every start tag of a page with its attributes, and its text."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


class Node:
    """An element of a page, with the elements inside it."""

    def __init__(self, tag: str, attrs: dict, parent: Node | None = None):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    def find(self, tag: str, **attrs: str) -> list[Node]:
        """Every element inside this one with the tag and attributes (``class_`` for class)."""
        found = []
        for child in self.children:
            if isinstance(child, Node):
                if child.tag == tag and all(child.attrs.get(k.rstrip("_")) == v for k, v in attrs.items()):
                    found.append(child)
                found += child.find(tag, **attrs)
        return found

    def by_id(self, id_: str) -> Node:
        (found,) = [n for n in self.find_all() if n.attrs.get("id") == id_]
        return found

    def find_all(self) -> list[Node]:
        nodes = []
        for child in self.children:
            if isinstance(child, Node):
                nodes += [child, *child.find_all()]
        return nodes


class Tree(HTMLParser):
    """A page as a tree of Nodes: ``Tree(text).root``."""

    VOID = {"meta", "link", "img", "source", "br", "input", "hr", "wbr"}

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.root = self._at = Node("#document", {})
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self._at)
        self._at.children.append(node)
        if tag not in self.VOID:
            self._at = node

    def handle_endtag(self, tag):
        node = self._at
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self._at = node.parent

    def handle_data(self, data):
        self._at.children.append(data)


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_only_absolute_http_addresses_are_links(url):
    assert web_url(url) is None


@pytest.mark.parametrize("url", ["https://example.org", "http://example.org/a?b=c&d=e#f", "HTTPS://EXAMPLE.ORG/x"])
def test_http_and_https_addresses_are_links(url):
    assert web_url(url) == url


@pytest.fixture(scope="module")
def package():
    return read_package(REPO)


def hostile_claims(package) -> list[dict]:
    claims = copy.deepcopy(claim_rows(package))
    first = claims[0]
    first["quote"] = HOSTILE_QUOTE
    first["sentence"] = "<script>alert('sentence')</script>"
    first["claimant"] = '"><img src=x onerror=alert(1)>'
    first["source"]["publisher"] = "<b>Bold Press</b>"
    first["source"]["url"] = web_url("javascript:alert(1)")
    first["also"] = [{"publisher": "Other", "url": web_url("javascript:alert(2)"), "title": "", "published_on": ""}]
    first["settled_by"] = '"><script>alert(3)</script>'
    first["topic"] = '" onmouseover="alert(4)'
    return claims


@pytest.fixture(scope="module")
def page(package):
    claims = hostile_claims(package)
    charts = [{"name": "x", "title": "<i>T</i>", "description": "</figcaption><script>alert(5)</script>",
               "spec": '{"title":"\\u003c/script\\u003e"}', "narrow": "{}", "fits": 672,
               "embed": '<iframe src="./x.html"></iframe></textarea><script>alert(6)</script>',
               "figures": [("<u>measure</u>", claims[:1]), ("other", claims[1:2])]}]  # fmt: skip
    downloads = [Download("<u>zip</u>", "downloads/x.zip", "1 KB")]
    return render_index(package, claims, charts, downloads)


def test_the_page_has_only_its_own_scripts(page):
    scripts = [attrs for tag, attrs in Page(page).tags if tag == "script"]
    assert [a.get("src") for a in scripts if "src" in a] == ["vega.js", "site.js"]
    assert [a.get("type") for a in scripts if "src" not in a] == ["application/json"] * 2  # the specs, wide and narrow


def test_no_element_carries_an_event_handler(page):
    for tag, attrs in Page(page).tags:
        assert not [name for name in attrs if name.lower().startswith("on")], (tag, attrs)


def test_no_link_is_anything_but_a_web_address_a_file_beside_the_page_or_a_fragment(page):
    for tag, attrs in Page(page).tags:
        for name in ("href", "src"):
            value = attrs.get(name)
            if value is not None and not (tag == "link" and attrs.get("rel") == "icon" and value == "data:,"):
                relative = ":" not in value.split("/", 1)[0]
                assert value.startswith(("https://", "http://", "#")) or relative, (tag, attrs)


def test_hostile_text_from_the_data_shows_as_text(page):
    parsed = Page(page)
    text = "".join(parsed.text)
    for shown in (
        HOSTILE_QUOTE,
        "<script>alert('sentence')</script>",
        '"><img src=x onerror=alert(1)>',
        "<b>Bold Press</b>",
    ):
        assert shown in text
    assert {"b", "u", "i"}.isdisjoint(tag for tag, _ in parsed.tags)
    assert all(attrs["src"].startswith("charts/") for tag, attrs in parsed.tags if tag == "img")


def test_a_source_without_a_web_address_is_named_but_not_linked(page, package):
    row = page[page.index('id="claim-' + claim_rows(package)[0]["id"]) :].split("</tr>")[0]
    assert "Bold Press" in row and "alert(1)</a>" not in row
    assert "javascript" not in row.lower()


def test_the_page_asks_the_browser_to_load_nothing_from_elsewhere(page):
    policy = next(
        attrs["content"]
        for tag, attrs in Page(page).tags
        if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"
    )
    assert "default-src 'none'" in policy and "connect-src 'none'" in policy
    for tag, attrs in Page(page).tags:
        if tag in ("script", "img", "link", "iframe"):
            target = attrs.get("src") or attrs.get("href") or ""
            assert "://" not in target, (tag, attrs)


def test_every_claim_has_its_attribution_sentence_and_a_link_to_its_source(package):
    from claimtrack.tracking.citing import cite

    page = render_index(package, claim_rows(package), [], [])
    text = "".join(Page(page).text)
    links = {attrs.get("href") for tag, attrs in Page(page).tags if tag == "a"}
    for claim in claim_rows(package):
        assert cite(REPO, claim["id"]) in text
        assert claim["source"]["url"] in links


@pytest.fixture(scope="module")
def real_page(package) -> Node:
    """The page of the real package, with its charts as the last build wrote them."""
    claims = claim_rows(package)
    return Tree(render_index(package, claims, _charts(package, claims), [])).root


def test_each_chart_carries_its_desktop_and_its_phone_spec_and_the_width_the_desktop_one_needs(real_page, package):
    from claimtrack.charts.render import built_charts, drawn_width, read_manifest

    names = built_charts(REPO)
    manifest = read_manifest(REPO)
    assert names == [view.name for view in package.views]
    for name in names:
        view = real_page.by_id(f"chart-{name}").attrs
        specs = {}
        for attribute, fmt in (("data-spec", paths.CHART_SPEC), ("data-narrow-spec", paths.CHART_NARROW_SPEC)):
            specs[fmt] = json.loads(real_page.by_id(view[attribute]).text)
            assert specs[fmt] == json.loads((REPO / "charts" / paths.chart_file(name, fmt)).read_text(encoding="utf-8"))
        assert specs[paths.CHART_SPEC] != specs[paths.CHART_NARROW_SPEC]
        # The desktop drawing's own width, as the build measured its SVG.
        svg = (REPO / "charts" / paths.chart_file(name, "svg")).read_text(encoding="utf-8")
        assert int(view["data-fits"]) == manifest["charts"][name]["fits"] == drawn_width(svg)


def test_each_chart_is_an_image_named_by_its_title_and_described_by_its_caption(real_page):
    from claimtrack.charts.render import charts_built

    for name, about in charts_built(REPO):
        figure = real_page.by_id(f"figure-{name}")
        view = real_page.by_id(f"chart-{name}").attrs
        assert view["role"] == "img" and view["aria-label"] == about["title"]
        assert real_page.by_id(view["aria-describedby"]).text == about["description"]
        # Without script: the phone's picture on a narrow screen, else the accessible SVG.
        ((source,), (img,)) = figure.find("source"), figure.find("img")
        assert source.attrs["srcset"] == f"charts/{paths.chart_file(name, paths.CHART_NARROW_PNG)}"
        assert re.fullmatch(r"\(max-width: [\d.]+rem\)", source.attrs["media"])
        assert img.attrs["src"] == f"charts/{name}.svg" and img.attrs["alt"] == about["description"]


def figure_tables(page: Node) -> dict[str, list[dict[str, Node]]]:
    """Each chart's table of figures, by chart: its rows of figures, each a cell by its
    column's heading, and the link to the claim in the claims table as "claim"."""
    tables = {}
    for figure in page.find("figure"):
        (details,) = figure.find("details", class_="chart-data")
        assert details.find("summary")[0].text == "The figures in this chart"
        headings = [th.text for th in details.find("th", scope="col")]
        rows = []
        for tr in details.find("tr"):
            cells = tr.find("td")
            if cells:
                (link,) = tr.find("a")
                rows.append({"claim": link, **dict(zip(headings, cells, strict=True))})
        tables[figure.attrs["id"].removeprefix("figure-")] = rows
    return tables


def test_each_chart_has_a_table_of_the_claims_it_draws_with_who_said_what_when_and_what_became_of_it(
    real_page, package
):
    import claimtrack
    from claimtrack.charts import views
    from claimtrack.charts.common import rows_for

    tables = claimtrack.load(REPO)
    shown = figure_tables(real_page)
    claims = {c["id"]: c for c in claim_rows(package)}
    assert list(shown) == [view.name for view in views(tables)]
    for view in views(tables):
        rows = shown[view.name]
        ids = [row.pop("claim").attrs["href"].removeprefix("#claim-") for row in rows]
        # The chart code's own choice of rows is the measure of the table's.
        assert sorted(ids) == sorted(rows_for(tables, view)["claim_id"])
        for claim_id, row in zip(ids, rows):
            claim = claims[claim_id]
            assert {heading: cell.text for heading, cell in row.items()} == {
                "Claimant": claim["claimant"],
                "Figure as said": claim["figure"],
                "Said on": claim["said_on_words"],
                "Status": claim["status"],
            }
            # Each cell is labelled with its heading, for the narrowest phones' list.
            assert all(cell.attrs["data-label"] == heading for heading, cell in row.items())


def test_a_chart_of_several_measures_heads_each_measures_figures_with_its_name(real_page, package):
    from claimtrack.io.rows import iter_rows

    labels = {row["measure_id"]: row["label"] for row in iter_rows(package, "measures")}
    claimed = {c["measure_id"] for c in claim_rows(package)}
    several = [v for v in package.views if len(v.measures) > 1]
    single = [v for v in package.views if len(v.measures) == 1]
    assert several and single
    for view in several:
        details = real_page.by_id(f"figure-{view.name}").find("details")[0]
        groups = [
            (body.find("th", scope="rowgroup")[0].text, len(body.find("td")) // 4) for body in details.find("tbody")
        ]
        assert [label for label, _ in groups] == [labels[m] for m in view.measures if m in claimed]
        assert all(count >= 1 for _, count in groups)
    for view in single:
        assert real_page.by_id(f"figure-{view.name}").find("th", scope="rowgroup") == []


def test_a_package_without_views_gets_a_table_for_each_of_its_topics_charts(tmp_path):
    import claimtrack
    from claimtrack.charts import views
    from claimtrack.charts.common import rows_for

    folder = build_package(tmp_path / "package")
    package = read_package(folder)
    tables = claimtrack.load(folder)
    assert package.views == [] and len(views(tables)) > 1
    known = chart_views(package)
    claims = claim_rows(package)
    assert list(known) == [view.name for view in views(tables)]
    for view in views(tables):
        figures = chart_figures(package, known[view.name], claims)
        assert figures and sorted(c["id"] for c in figures) == sorted(rows_for(tables, view)["claim_id"])
        said = [(c["said_on"] == "", c["said_on"]) for c in figures]
        assert said == sorted(said)


def test_every_cell_of_the_claims_table_is_labelled_with_its_columns_heading(real_page, package):
    table = real_page.by_id("claims-table")
    headings = [th.text for th in table.find("th", scope="col")]
    assert len(headings) == 7 and table.find("caption")[0].text == "Claims"
    rows = table.find("tbody")[0].find("tr")
    assert [row.attrs["id"] for row in rows] == [f"claim-{c['id']}" for c in claim_rows(package)]
    for row in rows:
        assert [cell.attrs.get("data-label") for cell in row.find("td")] == headings, row.attrs["id"]


# The contrast WCAG 2 asks of text (1.4.3, level AA) and of the focus outline and other
# parts of the interface a reader must see (1.4.11).
TEXT_CONTRAST = 4.5
INTERFACE_CONTRAST = 3.0


def luminance(colour: str) -> float:
    """The relative luminance of an sRGB colour written #rgb or #rrggbb (WCAG 2)."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    """The contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize(
    "one, other, ratio",
    [("#000000", "#ffffff", 21.0), ("#fff", "#000", 21.0), ("#777777", "#ffffff", 4.48), ("#767676", "#ffffff", 4.54),
     ("#0000ff", "#ffffff", 8.59), ("#ff0000", "#ffffff", 4.0), ("#808080", "#808080", 1.0)],
)  # fmt: skip
def test_the_contrast_ratio_is_wcags(one, other, ratio):
    assert contrast(one, other) == pytest.approx(ratio, abs=0.01)


def css_colours() -> dict[str, set[str]]:
    """Every colour site.css declares, by what it colours: text, background, interface
    (the focus outline) or decoration (borders, which only part what text tells apart)."""
    css = (REPO / "src" / "claimtrack" / "publishing" / paths.TEMPLATES_DIR / paths.SITE_STYLESHEET).read_text()
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found: dict[str, set[str]] = {"text": set(), "background": set(), "interface": set(), "decoration": set()}
    for block in re.finditer(r"([^{}]+)\{([^{}]*)\}", css):
        selector = " ".join(block.group(1).split())
        for declaration in block.group(2).split(";"):
            if ":" not in declaration:
                continue
            prop, value = (part.strip() for part in declaration.split(":", 1))
            colours = re.findall(r"#[0-9a-fA-F]{3,8}\b|\b(?:rgba?|hsla?)\(", value)
            if not colours:
                continue
            assert all(c.startswith("#") and len(c) in (4, 7) for c in colours), (selector, declaration)
            if prop == "color":
                kind = "text"
            elif prop in ("background", "background-color"):
                kind = "background"
            elif prop.startswith("outline"):
                kind = "interface"  # the focus outline
            elif prop.startswith("border"):
                kind = "decoration"
            else:
                raise AssertionError(f"site.css colours {prop} in {selector}: say what it colours")
            found[kind] |= {c.lower() for c in colours}
    return found


def test_every_text_colour_in_the_stylesheet_can_be_read_on_every_background_there():
    colours = css_colours()
    # The page's own background is declared, and so is the highlight of a linked claim.
    assert {"#ffffff", "#fff6d5"} <= colours["background"]
    assert len(colours["text"]) >= 3
    failing = [
        (text, background, round(contrast(text, background), 2))
        for text in colours["text"]
        for background in colours["background"]
        if contrast(text, background) < TEXT_CONTRAST
    ]
    assert failing == []
    failing = [
        (mark, background, round(contrast(mark, background), 2))
        for mark in colours["interface"]
        for background in colours["background"]
        if contrast(mark, background) < INTERFACE_CONTRAST
    ]
    assert colours["interface"] and failing == []


def test_a_corrected_claim_carries_a_corrected_note_with_its_log_entries_and_a_status_move_none(tmp_path):
    import datetime as dt

    from claimtrack.tracking import correcting

    folder = build_package(tmp_path / "corrected")
    correcting.correct(folder, "test-widgets-02", {"note": "Made up: corrected."}, "Made up: the note was wrong.",
                       on=dt.date(2024, 2, 3))  # fmt: skip
    correcting.set_status(folder, "test-widgets-01", "retracted")
    package = read_package(folder)
    root = Tree(render_index(package, claim_rows(package), [], [])).root
    [note] = root.by_id("claim-test-widgets-02").find("div", class_="corrected")
    assert " ".join(note.text.split()) == (
        'Corrected 2024-02-03: note "Made up: a test claim." -> "Made up: corrected.". Made up: the note was wrong.'
    )
    assert note.find("time")[0].attrs["datetime"] == "2024-02-03"
    assert root.by_id("claim-test-widgets-01").find("div", class_="corrected") == []


def test_each_source_link_shows_the_host_it_leads_to_beside_the_publisher(package):
    page = render_index(package, claim_rows(package), [], [])
    assert (
        '<a href="https://www.themoscowtimes.com/2013/05/16/syria-peace-conference-tentatively-scheduled-for-mid-june-a24070"'
        ' rel="noopener noreferrer">The Moscow Times</a> <span class="host">(themoscowtimes.com)</span>'
    ) in page


@pytest.mark.parametrize(
    "url",
    ["https://evil.example\\@www.themoscowtimes.com/", "https://evil.example@www.themoscowtimes.com/"],
)
def test_a_source_address_that_reads_as_one_site_and_leads_to_another_is_no_link(package, url):
    assert source_url(url) is None
    claims = copy.deepcopy(claim_rows(package))
    assert claims[0]["source"]["publisher"] == "The Moscow Times"
    claims[0]["source"]["url"] = source_url(url)
    page = render_index(package, claims, [], [])
    row = page[page.index('id="claim-' + claims[0]["id"]) :].split("</tr>")[0]
    assert "evil.example" not in row and "The Moscow Times</a>" not in row and "The Moscow Times" in row
