"""The published site in a real browser: headless Chromium (Debian's), driven by
Playwright, opens site/index.html from disk. The package has a claim whose quote
and a claimant whose name carry HTML and script, to prove they stay text."""

from __future__ import annotations

import csv
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

from claimtrack.model.package import read_package
from conftest import REPO
from published import HOSTILE_CLAIM, HOSTILE_NAME, HOSTILE_QUOTE, published

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

    def open_page(url: str) -> Visit:
        visit = Visit(context.new_page())
        pages.append(visit.page)
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
