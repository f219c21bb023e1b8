"""The published site in a real browser: headless Chromium (Debian's), driven by
Playwright, opens site/index.html from disk, at a desktop's width and a phone's. The
package has a claim whose quote and a claimant whose name carry HTML and script, to
prove they stay text.

Widths are CSS pixels: 1280 a desktop, 390 a phone, 320 the narrowest phone in use.
"""

from __future__ import annotations

import csv
import functools
import http.server
import json
import os
import re
import shutil
import threading
from pathlib import Path

import pytest

from claimtrack.model import paths
from claimtrack.model.package import read_package
from conftest import REPO
from published import HOSTILE_CLAIM, HOSTILE_NAME, HOSTILE_QUOTE, published
from test_site import INTERFACE_CONTRAST, TEXT_CONTRAST, contrast

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# The charts the package declares, in the order the site shows them.
CHARTS = tuple(view.name for view in read_package(REPO).views)
# file: and data: URLs, and the loopback web server of the last test.
LOCAL = ("file://", "data:", "http://127.0.0.1:")
WAIT = 60_000  # milliseconds the browser may take to draw a chart before the test fails
DESKTOP, PHONE, NARROWEST = 1280, 390, 320
# True when every chart is drawn, from the spec that fits the width it has now.
DRAWN_TO_FIT = """() => [...document.querySelectorAll('.chart-view')].every(view =>
    view.dataset.rendered === 'true' &&
    view.dataset.drawn === (view.clientWidth >= Number(view.dataset.fits) ? 'wide' : 'narrow'))"""


@pytest.fixture(scope="module")
def chromium():
    if not Path(CHROMIUM).is_file():
        message = "Chromium is not installed: apt-get install -y chromium (.ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    return published(tmp_path_factory, "browser", hostile=True)


class Visit:
    """One page opened in the browser, with what it asked for, logged and showed recorded."""

    def __init__(self, page):
        self.page = page
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))


@pytest.fixture(scope="module")
def context(chromium, tmp_path_factory):
    """One headless Chromium with a fresh profile; every request it makes is kept in ``context.seen``."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=chromium,
            headless=True,
            args=FLAGS,
            viewport={"width": 1280, "height": 900},
        )
        browser.seen = []
        browser.on("request", lambda request: browser.seen.append(request.url))
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def browse(context):
    pages = []

    def open_page(url: str, width: int = DESKTOP) -> Visit:
        visit = Visit(context.new_page())
        pages.append(visit.page)
        visit.page.set_viewport_size({"width": width, "height": 900})
        visit.page.goto(url)
        for name in CHARTS:
            visit.page.wait_for_selector(f"#chart-{name}[data-rendered]", timeout=WAIT)
        return visit

    yield open_page
    for page in pages:
        page.close()
    # Whatever any page of the browser asked for, nothing left this machine.
    assert [url for url in context.seen if not url.startswith(LOCAL)] == []


def claims(dist) -> list[dict]:
    with (dist / "site" / "data" / "claims.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def column(page, index: int, attribute: str = "data-sort") -> list[str]:
    return page.eval_on_selector_all(
        f"#claims-table tbody tr:not([hidden]) td:nth-child({index})",
        f"cells => cells.map(cell => cell.getAttribute('{attribute}'))",
    )


def test_every_chart_is_drawn_by_vega_as_svg(browse, dist):
    visit = browse((dist / "site" / "index.html").as_uri())
    for name in CHARTS:
        assert visit.page.get_attribute(f"#chart-{name}", "data-rendered") == "true"
        assert visit.page.locator(f"#chart-{name} svg.marks").count() == 1
        assert visit.page.locator(f"#chart-{name} svg.marks .mark-symbol, #chart-{name} svg.marks .mark-rect").count()


def test_the_page_makes_no_request_beyond_its_own_files_and_logs_no_error(browse, dist):
    visit = browse((dist / "site" / "index.html").as_uri())
    visit.page.click("#claims-table thead th:nth-child(1) button")
    assert visit.requests, "the browser recorded no request at all"
    leaving = [url for url in visit.requests if not url.startswith(("file://", "data:"))]
    assert leaving == []
    assert visit.errors == []


def test_clicking_a_heading_sorts_the_claims_and_clicking_again_reverses_them(browse, dist):
    page = browse((dist / "site" / "index.html").as_uri()).page
    before = column(page, 1)
    page.click("#claims-table thead th:nth-child(1) button")
    ascending = column(page, 1)
    dated = [key for key in ascending if key]
    assert ascending != before
    assert dated == sorted(dated) and ascending[len(dated) :] == [""] * (len(ascending) - len(dated))
    assert page.get_attribute("#claims-table thead th:nth-child(1)", "aria-sort") == "ascending"
    page.click("#claims-table thead th:nth-child(1) button")
    descending = [key for key in column(page, 1) if key]
    assert descending == sorted(dated, reverse=True)
    assert page.get_attribute("#claims-table thead th:nth-child(1)", "aria-sort") == "descending"


def test_figures_sort_as_numbers_not_as_text(browse, dist):
    page = browse((dist / "site" / "index.html").as_uri()).page
    page.click("#claims-table thead th:nth-child(3) button")
    numbers = [float(key) for key in column(page, 3) if key and key.replace(".", "", 1).isdigit()]
    assert len(numbers) > 10 and numbers == sorted(numbers)


def test_filters_show_only_the_matching_claims_and_say_how_many(browse, dist):
    page = browse((dist / "site" / "index.html").as_uri()).page
    rows = claims(dist)
    page.select_option("#filter-status", "superseded")
    superseded = sum(row["status"] == "superseded" for row in rows)
    shown = page.eval_on_selector_all("#claims-table tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.status)")
    assert shown == ["superseded"] * superseded
    assert page.text_content("#claim-count") == f"Showing {superseded} of {len(rows)} claims."
    page.select_option("#filter-status", "")
    page.fill("#filter-text", "Interfax")
    ids = page.eval_on_selector_all("#claims-table tbody tr:not([hidden])", "rows => rows.map(r => r.id)")
    assert set(ids) >= {f"claim-{row['claim_id']}" for row in rows if "Interfax" in row["quote"]}
    assert 0 < len(ids) < len(rows)


def test_a_quote_and_a_name_carrying_script_show_as_text_and_nothing_runs(browse, dist):
    visit = browse((dist / "site" / "index.html").as_uri())
    page = visit.page
    page.click(f"#claim-{HOSTILE_CLAIM} summary")
    assert HOSTILE_QUOTE in page.text_content(f"#claim-{HOSTILE_CLAIM} blockquote")
    assert HOSTILE_NAME in page.text_content(f"#claim-{HOSTILE_CLAIM}")
    assert page.evaluate("typeof window.hacked") == "undefined"
    assert page.locator("#claims-table img").count() == 0
    assert visit.dialogs == [] and visit.errors == []


def test_every_source_link_is_a_web_address_and_every_download_is_there(browse, dist):
    page = browse((dist / "site" / "index.html").as_uri()).page
    hrefs = page.eval_on_selector_all("#claims-table a[href]", "links => links.map(a => a.getAttribute('href'))")
    assert hrefs and all(h.startswith(("https://", "http://", "#claim-")) for h in hrefs)
    downloads = page.eval_on_selector_all("#downloads a[download]", "links => links.map(a => a.getAttribute('href'))")
    names = {Path(h).name for h in downloads}
    release = f"claimtrack-syria-{read_package(REPO).version}.zip"
    assert {release, "claimtrack-syria.db", "metadata.json", "claims.csv"} <= names
    for href in downloads:
        assert (dist / "site" / href).is_file(), href


def test_the_site_works_the_same_from_a_web_server(browse, dist):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(dist / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        origin = f"http://127.0.0.1:{server.server_address[1]}"
        visit = browse(f"{origin}/index.html")
        for name in CHARTS:
            assert visit.page.locator(f"#chart-{name} svg.marks").count() == 1
        assert [url for url in visit.requests if not url.startswith((origin + "/", "data:"))] == []
        assert visit.errors == []
    finally:
        server.shutdown()
        server.server_close()


def index(dist) -> str:
    return (dist / "site" / "index.html").as_uri()


def resize(page, width: int) -> None:
    """The window made ``width`` wide, once every chart is drawn again to fit it."""
    page.set_viewport_size({"width": width, "height": 900})
    page.wait_for_function(DRAWN_TO_FIT, timeout=WAIT)


def open_all_details(page) -> None:
    """Every quote and every chart's table of figures opened, as a reader might."""
    page.eval_on_selector_all("details", "all => all.forEach(d => { d.open = true; })")


def spec(dist, name: str, fmt: str) -> dict:
    return json.loads((dist / "site" / "charts" / paths.chart_file(name, fmt)).read_text(encoding="utf-8"))


def subtitle_lines(chart_spec: dict) -> list[str]:
    subtitle = chart_spec.get("title", {}).get("subtitle", [])
    return [subtitle] if isinstance(subtitle, str) else list(subtitle)


def drawn_text(page, name: str) -> set[str]:
    """Every line of text the chart's SVG shows."""
    return set(
        page.eval_on_selector_all(
            f"#chart-{name} svg text",
            "texts => texts.flatMap(t => t.querySelector('tspan') ? [...t.querySelectorAll('tspan')] : [t])"
            ".map(t => t.textContent)",
        )
    )


def chart_boxes(page) -> dict[str, dict]:
    """Each chart's SVG as drawn: where it is on screen, and the width it was drawn at."""
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('.chart-view')].map(view => {
            const svg = view.querySelector('svg'), box = svg.getBoundingClientRect();
            return [view.id.replace('chart-', ''), {left: box.left, right: box.right, width: box.width,
                    drawn: Number(svg.getAttribute('width')), spec: view.dataset.drawn}];
        }))"""
    )


def test_nothing_scrolls_sideways_at_any_width_from_the_narrowest_phone_to_a_desktop(browse, dist):
    page = browse(index(dist), width=NARROWEST).page
    open_all_details(page)
    for width in (NARROWEST, 360, PHONE, 414, 480, 600, 720, 768, 900, 1024, 1100, 1152, 1160, 1200, DESKTOP):
        resize(page, width)
        assert page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]") == [width, width]
        # Nor does anything inside it: not the claims table, a chart or a chart's figures.
        wider = page.evaluate(
            """() => [...document.querySelectorAll('main *')]
                // What is there for screen readers only is a pixel wide, and clipped.
                .filter(e => e.getBoundingClientRect().width > 1)
                .filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible'
                             || e.getBoundingClientRect().right > window.innerWidth + 0.5)
                .map(e => e.tagName + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : ''))"""
        )
        assert wider == [], (width, wider)


def test_on_a_phone_each_chart_is_drawn_from_its_phone_spec_within_the_screen(browse, dist):
    page = browse(index(dist), width=PHONE).page
    page.wait_for_function(DRAWN_TO_FIT, timeout=WAIT)
    for name, box in chart_boxes(page).items():
        assert box["spec"] == "narrow", name
        assert 0 <= box["left"] and box["right"] <= PHONE, (name, box)
        # Drawn at the width it is shown at: the phone's spec fits, nothing is scaled down.
        assert box["drawn"] == pytest.approx(box["width"], abs=1), (name, box)
        assert set(subtitle_lines(spec(dist, name, paths.CHART_NARROW_SPEC))) <= drawn_text(page, name)
    # The two specs' subtitles are wrapped to their widths: the desktop's lines are not drawn.
    wide_only = {
        name: set(subtitle_lines(spec(dist, name, paths.CHART_SPEC))) - drawn_text(page, name) for name in CHARTS
    }
    assert any(wide_only.values())


def test_on_a_desktop_each_chart_is_drawn_from_its_desktop_spec_at_its_own_size(browse, dist):
    page = browse(index(dist), width=DESKTOP).page
    page.wait_for_function(DRAWN_TO_FIT, timeout=WAIT)
    for name, box in chart_boxes(page).items():
        assert box["spec"] == "wide", name
        assert box["width"] == pytest.approx(box["drawn"], abs=1), (name, box)
        assert box["right"] <= DESKTOP
        assert set(subtitle_lines(spec(dist, name, paths.CHART_SPEC))) <= drawn_text(page, name)


def test_a_resize_that_crosses_the_line_draws_each_chart_again_from_the_spec_that_fits(browse, dist):
    visit = browse(index(dist), width=DESKTOP)
    page = visit.page
    assert set(page.eval_on_selector_all(".chart-view", "all => all.map(v => v.dataset.drawn)")) == {"wide"}
    resize(page, PHONE)
    assert set(page.eval_on_selector_all(".chart-view", "all => all.map(v => v.dataset.drawn)")) == {"narrow"}
    assert all(page.locator(f"#chart-{name} svg").count() == 1 for name in CHARTS)
    resize(page, DESKTOP)
    assert set(page.eval_on_selector_all(".chart-view", "all => all.map(v => v.dataset.drawn)")) == {"wide"}
    assert visit.errors == []


def test_on_a_phone_each_claim_is_a_card_whose_cells_are_labelled_and_whose_attribution_is_on_screen(browse, dist):
    page = browse(index(dist), width=PHONE).page
    card = page.locator("#claims-table tbody tr").first
    assert card.evaluate("row => getComputedStyle(row).display") == "block"
    labels = card.evaluate(
        "row => [...row.cells].map(cell => [getComputedStyle(cell).display, getComputedStyle(cell, '::before').content])"
    )
    headings = page.eval_on_selector_all("#claims-table thead th", "all => all.map(th => th.textContent.trim())")
    assert labels == [["block", json.dumps(heading)] for heading in headings]
    # The sentence that says who said what, and the quote once opened, fit the screen.
    card.locator("summary").click()
    for part in (".sentence", "blockquote.quote"):
        box = card.locator(part).bounding_box()
        assert card.locator(part).is_visible() and box["x"] >= 0 and box["x"] + box["width"] <= PHONE, part
    # The headings stay on screen as buttons to sort the cards by.
    for button in page.locator("#claims-table thead button").all():
        box = button.bounding_box()
        assert button.is_visible() and box["x"] + box["width"] <= PHONE
    # A card the filters leave out is not shown.
    page.select_option("#filter-status", "superseded")
    shown = page.eval_on_selector_all(
        "#claims-table tbody tr", "rows => rows.filter(r => r.getClientRects().length).map(r => r.dataset.status)"
    )
    assert shown and set(shown) == {"superseded"} and len(shown) < len(claims(dist))


def test_on_a_desktop_the_claims_are_a_table_with_its_headings(browse, dist):
    page = browse(index(dist), width=DESKTOP).page
    displays = page.evaluate(
        """() => {
            const table = document.getElementById('claims-table'), row = table.tBodies[0].rows[0];
            return [getComputedStyle(table).display, getComputedStyle(table.tHead.rows[0]).display,
                    getComputedStyle(row).display, ...[...row.cells].map(c => getComputedStyle(c).display),
                    getComputedStyle(row.cells[0], '::before').content];
        }"""
    )
    assert displays == ["table", "table-row", "table-row"] + ["table-cell"] * 7 + ["none"]
    table = page.get_by_role("table", name="Claims")
    assert table.get_by_role("columnheader").count() == 7
    assert table.get_by_role("row").count() == len(claims(dist)) + 1
    frame = page.eval_on_selector(".table-frame", "f => [f.scrollWidth, f.clientWidth]")
    assert frame[0] <= frame[1]


def focused(page) -> dict:
    return page.evaluate(
        """() => { const e = document.activeElement, style = getComputedStyle(e);
            return {id: e.id, text: e.textContent.trim(), visible: e.matches(':focus-visible'),
                    outline: [style.outlineStyle, parseFloat(style.outlineWidth), style.outlineColor]}; }"""
    )


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_the_filters_and_sort_buttons_show_keyboard_focus_and_the_keyboard_sorts(browse, dist, width):
    page = browse(index(dist), width=width).page
    page.focus("#filter-text")
    stops = [focused(page)]
    for _ in range(3):
        page.keyboard.press("Tab")
        stops.append(focused(page))
    assert [stop["id"] or stop["text"] for stop in stops] == ["filter-text", "filter-topic", "filter-status", "Said on"]
    for stop in stops:
        assert stop["visible"] and stop["outline"][0] == "solid" and stop["outline"][1] >= 2, stop
    blue = rgb_hex(stops[0]["outline"][2])
    assert contrast(blue, "#ffffff") >= INTERFACE_CONTRAST
    header = "#claims-table thead th:nth-child(1)"
    page.keyboard.press("Enter")
    assert page.get_attribute(header, "aria-sort") == "ascending"
    dated = [key for key in column(page, 1) if key]
    assert dated == sorted(dated) and len(dated) > 10
    page.keyboard.press("Space")
    assert page.get_attribute(header, "aria-sort") == "descending"
    assert [key for key in column(page, 1) if key] == sorted(dated, reverse=True)
    # The next heading sorts by its column; only the column sorted by says so.
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Measure"
    page.keyboard.press("Enter")
    sorts = page.eval_on_selector_all("#claims-table thead th", "all => all.map(th => th.getAttribute('aria-sort'))")
    assert sorts == [None, "ascending", None, None, None, None, None]


def rgb_hex(value: str) -> str:
    """#rrggbb for a computed colour, rgb(r, g, b); a colour with transparency is refused."""
    match = re.fullmatch(r"rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)", value)
    assert match and match.group(4) in (None, "1"), value
    return "#" + "".join(f"{int(match.group(i)):02x}" for i in (1, 2, 3))


# Each element's own text, and its labels drawn by CSS, in the colour the reader sees
# them in and on the background they are drawn on (the first one set, out from the element).
TEXT_ON_BACKGROUND = """() => {
    function background(element) {
        for (let e = element; e; e = e.parentElement) {
            const colour = getComputedStyle(e).backgroundColor;
            if (colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent') return colour;
        }
        return 'rgb(255, 255, 255)';
    }
    const seen = [];
    for (const e of document.querySelectorAll('body *')) {
        if (e.closest('svg, script, style, noscript') || !e.getClientRects().length) continue;
        const own = [...e.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
        if (own) seen.push([getComputedStyle(e).color, background(e), e.tagName]);
        for (const pseudo of ['::before', '::after']) {
            const style = getComputedStyle(e, pseudo);
            if (style.content && style.content !== 'none' && style.content !== 'normal' && style.display !== 'none')
                seen.push([style.color, background(e), e.tagName + pseudo]);
        }
        if (e.matches('input[placeholder]'))
            seen.push([getComputedStyle(e, '::placeholder').color, background(e), 'placeholder']);
    }
    return seen;
}"""


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_every_text_on_the_page_has_the_contrast_to_be_read(browse, dist, width):
    page = browse(index(dist) + f"#claim-{HOSTILE_CLAIM}", width=width).page
    open_all_details(page)
    page.focus("#claims-table thead button")
    seen = page.evaluate(TEXT_ON_BACKGROUND)
    pairs = {(rgb_hex(colour), rgb_hex(background)) for colour, background, _ in seen}
    # The highlight of the linked claim is among the backgrounds measured.
    assert "#fff6d5" in {background for _, background in pairs}
    weak = {(colour, background): round(contrast(colour, background), 2) for colour, background in pairs}
    assert {pair: ratio for pair, ratio in weak.items() if ratio < TEXT_CONTRAST} == {}


def test_a_link_from_a_charts_figures_to_a_claim_the_filters_hide_shows_it(browse, dist):
    page = browse(index(dist), width=PHONE).page
    page.select_option("#filter-status", "superseded")
    link = page.locator("#figure-death_tolls .chart-data a").first
    target = link.get_attribute("href")
    assert page.locator(target).is_hidden()
    page.locator("#figure-death_tolls .chart-data summary").click()
    link.click()
    page.wait_for_function(f"!document.querySelector('{target}').hidden")
    assert page.locator(target).is_visible() and page.input_value("#filter-status") == ""
    assert page.text_content("#claim-count") == f"{len(claims(dist))} claims."


def test_each_chart_offers_its_embed_code_with_the_sites_own_addresses(browse, dist):
    visit = browse(index(dist))
    folder = (dist / "site" / "charts").as_uri() + "/"
    for name in CHARTS:
        code = visit.page.input_value(f"#embed-{name}")
        assert f'<iframe src="{folder}{name}.html"' in code
        assert f'srcset="{folder}{name}.narrow.png"' in code
        assert '="./' not in code
        # Every address the code uses is a file of the site.
        for address in re.findall(r'(?:src|srcset|href)="([^"]+)"', code):
            assert (dist / "site" / "charts" / address.removeprefix(folder)).is_file(), address
        # The code's file is linked beside it.
        assert visit.page.locator(f'#figure-{name} a[href="charts/{name}.embed.html"]').count() == 1
