"""Embedding a chart: each chart's embed code frames its page in an iframe that takes the
height the chart is drawn at, at a phone's width and a desktop's, from another site or
from the charts' own folder, and falls back to the chart's picture, described, without script.

The browser tests serve the site (its charts/ folder as the build writes it) from one
loopback web server and a story page holding the embed codes from another, as a desk's
CMS page would, in Debian's headless Chromium driven by Playwright."""

from __future__ import annotations

import functools
import html.parser
import http.server
import json
import shutil
import threading
import time
from pathlib import Path

import pytest

import claimtrack
from claimtrack.charts.render import build_charts, embed_code, png_height
from claimtrack.model import paths
from claimtrack.model.package import read_package
from conftest import REPO
from test_site_browser import CHROMIUM, FLAGS, chromium  # noqa: F401 (the fixture, reused)

CHARTS_DIR = REPO / "charts"
MANIFEST = json.loads((CHARTS_DIR / "manifest.json").read_text(encoding="utf-8"))
CHARTS = list(MANIFEST["order"])
PHONE, DESKTOP = 390, 1280
WAIT = 60  # seconds the browser may take to draw a chart and size its frame
BASE = "https://graphics.example.org/syria/charts/"


class Parsed(html.parser.HTMLParser):
    """The elements of a piece of HTML, as (tag, attributes, the tags it is inside)."""

    def __init__(self, text: str):
        super().__init__()
        self.elements: list[tuple[str, dict, tuple[str, ...]]] = []
        self.open: list[str] = []
        self.scripts: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs), tuple(self.open)))
        if tag not in ("img", "source"):
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]

    def handle_data(self, data):
        if self.open and self.open[-1] == "script":
            self.scripts.append(data)

    def one(self, tag: str) -> tuple[dict, tuple[str, ...]]:
        found = [(attrs, inside) for name, attrs, inside in self.elements if name == tag]
        assert len(found) == 1, f"{len(found)} <{tag}> elements"
        return found[0]

    def addresses(self) -> list[str]:
        return [attrs[key] for _, attrs, _ in self.elements for key in ("src", "href", "srcset") if key in attrs]


def code(name: str) -> str:
    return (CHARTS_DIR / paths.chart_file(name, paths.CHART_EMBED)).read_text(encoding="utf-8")


def spec(name: str, fmt: str = paths.CHART_SPEC) -> dict:
    return json.loads((CHARTS_DIR / paths.chart_file(name, fmt)).read_text(encoding="utf-8"))


def picture_height(name: str, fmt: str) -> float:
    """The height, in CSS pixels, of the chart's picture drawn from one of its specs."""
    from claimtrack.charts.render import PNG_SCALE

    return png_height((CHARTS_DIR / paths.chart_file(name, fmt)).read_bytes()) / PNG_SCALE


# --- The embed code ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", CHARTS)
def test_the_embed_code_frames_the_charts_page_and_falls_back_to_its_picture_described(name):
    parsed = Parsed(code(name))
    about = MANIFEST["charts"][name]
    frame, _ = parsed.one("iframe")
    assert frame["src"] == f"./{name}.html"
    assert frame["title"] == about["title"] and about["title"]
    style = frame["style"].replace(" ", "")
    assert "width:100%" in style and "border:0" in style
    # Until the script sets it, a height that has room for the taller of the two drawings.
    assert int(frame["height"]) > max(picture_height(name, "png"), picture_height(name, paths.CHART_NARROW_PNG))
    assert len(parsed.scripts) == 1
    image, inside = parsed.one("img")
    assert image["alt"] == about["description"] == spec(name)["description"]
    assert len(image["alt"]) > 40
    assert image["src"] == f"./{name}.png"
    assert inside[-3:] == ("noscript", "a", "picture")
    link, _ = parsed.one("a")
    assert link["href"] == f"./{name}.html"
    source, _ = parsed.one("source")
    assert source["srcset"] == f"./{name}.narrow.png"
    for address in parsed.addresses():
        assert (CHARTS_DIR / address).is_file(), address


@pytest.mark.parametrize("name", CHARTS)
def test_putting_the_folders_address_for_every_dot_slash_gives_the_code_for_that_address(name):
    # The README's instruction for a desk that hosts the charts' files elsewhere.
    about = MANIFEST["charts"][name]
    moved = code(name).replace('"./', f'"{BASE}')
    height = int(Parsed(code(name)).one("iframe")[0]["height"])
    assert moved == embed_code(name, about["title"], about["description"], height, base=BASE, drawn=about["fits"])
    addresses = Parsed(moved).addresses()
    assert len(addresses) == 4 and all(a.startswith(BASE) and "./" not in a for a in addresses)
    assert moved.count("./") == code(name).count("./") - 4  # the comment's own "./" stays


def test_the_embed_code_keeps_a_title_description_and_name_as_text():
    hostile = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
    text = embed_code('a "b"<c>', hostile, hostile, 400)
    parsed = Parsed(text)
    assert [tag for tag, _, _ in parsed.elements] == [
        "div",
        "iframe",
        "script",
        "noscript",
        "a",
        "picture",
        "source",
        "img",
    ]
    assert parsed.one("iframe")[0]["title"] == hostile and parsed.one("img")[0]["alt"] == hostile
    assert parsed.one("iframe")[0]["src"] == "./a%20%22b%22%3Cc%3E.html"
    assert "<script>alert" not in text


def test_the_manifest_vouches_for_every_charts_embed_code():
    import hashlib

    for name in CHARTS:
        digest = hashlib.sha256((CHARTS_DIR / f"{name}.embed.html").read_bytes()).hexdigest()
        assert MANIFEST["charts"][name]["files"][paths.CHART_EMBED] == digest


def test_a_chart_no_longer_declared_loses_its_embed_code_with_its_other_files(real_package):
    shutil.copytree(CHARTS_DIR, real_package / "charts")  # as built: up to date
    descriptor = real_package / "datapackage.json"
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    data["views"] = [view for view in data["views"] if view["name"] == CHARTS[0]]
    descriptor.write_text(json.dumps(data, indent=2), encoding="utf-8")
    build_charts(read_package(real_package), claimtrack.load(real_package))
    left = sorted(p.name for p in (real_package / "charts").iterdir())
    assert left == sorted([paths.chart_file(CHARTS[0], fmt) for fmt in paths.CHART_FORMATS] + ["manifest.json"])
    assert f"{CHARTS[0]}.embed.html" in left


# --- In a browser ------------------------------------------------------------------------------


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(folder: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


# A page of a story, as a CMS makes it: text, the embed codes pasted between paragraphs,
# and a record of every message its window is sent. Its column on a desktop is as wide
# as the widest desktop drawing needs (the manifest's "fits").
STORY = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>A story</title>
<style>body {{ max-width: {column}px; margin: 0 auto; padding: 0 1rem; font: 18px/1.5 serif; }}</style>
<script>window.heard = []; window.addEventListener("message", function (e) {{ window.heard.push(e.data); }});</script>
</head>
<body>
<h1>A story with charts</h1>
{body}
</body>
</html>
"""


@pytest.fixture(scope="module")
def hosts(tmp_path_factory):
    """The site, written from the repository's package, on one server; a story page with
    every chart's embed code, its addresses pointed at the site's charts/, on another."""
    from claimtrack.publishing.site import write_site

    site = tmp_path_factory.mktemp("embed-site") / "site"
    write_site(read_package(REPO), site, {})
    story = tmp_path_factory.mktemp("embed-story")
    site_server, site_url = serve(site)
    story_server, story_url = serve(story)
    charts = f"{site_url}/{paths.SITE_CHARTS}/"
    # Every chart, then the first again: a story may show one chart twice.
    body = "\n".join(
        f"<p>Paragraph before {name}.</p>\n" + code(name).replace('"./', f'"{charts}') for name in [*CHARTS, CHARTS[0]]
    )
    (story / "index.html").write_text(
        STORY.format(column=max(c["fits"] for c in MANIFEST["charts"].values()), body=body), encoding="utf-8"
    )
    try:
        yield {"site": site, "charts": charts, "story": f"{story_url}/index.html"}
    finally:
        for server in (site_server, story_server):
            server.shutdown()
            server.server_close()


@pytest.fixture(scope="module")
def browser(chromium):  # noqa: F811 (the fixture imported above)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, headless=True, args=FLAGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def open_page(browser):
    contexts = []

    def opened(url: str, width: int, script: bool = True):
        context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=script)
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.goto(url)
        return page

    yield opened
    for context in contexts:
        context.close()


def framed(page, index: int):
    """The index'th iframe of the page, scrolled to (it loads lazily), and its page once drawn."""
    element = page.locator("iframe").nth(index)
    element.scroll_into_view_if_needed()
    frame = element.element_handle().content_frame()
    frame.wait_for_selector("#chart svg.marks", timeout=WAIT * 1000)
    return element, frame


def inside(frame) -> dict:
    return frame.evaluate(
        """() => {
        const root = document.documentElement, svg = document.querySelector("#chart svg.marks");
        return {height: root.getBoundingClientRect().height, scrollHeight: root.scrollHeight,
                clientHeight: root.clientHeight, scrollWidth: root.scrollWidth, clientWidth: root.clientWidth,
                drawn: [Number(svg.getAttribute("width")), Number(svg.getAttribute("height"))],
                bottom: svg.getBoundingClientRect().bottom}
    }"""
    )


def drawn_from(name: str, drawn: list[float]) -> str | None:
    """Which of the chart's two specs, "wide" or "narrow", a drawing is the height of
    (within 4 px), or None."""
    heights = {fmt: picture_height(name, png) for fmt, png in (("wide", "png"), ("narrow", paths.CHART_NARROW_PNG))}
    assert abs(heights["wide"] - heights["narrow"]) > 8, f"{name}: both specs draw {heights} high"
    close = [fmt for fmt, height in heights.items() if abs(drawn[1] - height) <= 4]
    return close[0] if close else None


def sized(element, frame, name: str, spec_drawn: str) -> tuple[float, dict]:
    """The iframe's height and what its page says of itself, once the page has drawn
    ``spec_drawn`` and the iframe is as high as the page inside it, and stays so."""
    deadline, last = time.monotonic() + WAIT, None
    while True:
        height, now = element.evaluate("e => e.getBoundingClientRect().height"), inside(frame)
        settled = drawn_from(name, now["drawn"]) == spec_drawn and abs(height - now["height"]) <= 2
        if settled and last == (height, now["height"]):
            return height, now
        last = (height, now["height"]) if settled else None
        if time.monotonic() > deadline:
            raise AssertionError(f"{name}: the iframe is {height} px high, its page {now}; wanted {spec_drawn}")
        time.sleep(0.2)


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


@pytest.mark.parametrize(("width", "spec_drawn"), [(PHONE, "narrow"), (DESKTOP, "wide")])
def test_an_embedded_chart_takes_the_height_it_is_drawn_at_and_the_spec_for_its_width(
    open_page, hosts, width, spec_drawn
):
    page = open_page(hosts["story"], width)
    for index, name in enumerate(CHARTS):
        element, frame = framed(page, index)
        height, now = sized(element, frame, name, spec_drawn)
        assert frame.url == f"{hosts['charts']}{name}.html"  # from the other server: another origin
        assert element.get_attribute("height") != str(round(height))  # the script set it, not the default
        # Everything the page draws is in view: nothing scrolls inside the frame, either way.
        assert now["scrollHeight"] <= now["clientHeight"] + 1 and now["bottom"] <= height + 1
        assert now["scrollWidth"] <= now["clientWidth"]
        heard = [m for m in page.evaluate("window.heard") if isinstance(m, dict) and m.get("claimtrack-embed") == name]
        assert heard and heard[-1] == {"claimtrack-embed": name, "height": round(height)}
    # The second copy of the first chart is sized by its own page, as the first is.
    first = page.locator("iframe").first.evaluate("e => e.getBoundingClientRect().height")
    element, frame = framed(page, len(CHARTS))
    assert abs(sized(element, frame, CHARTS[0], spec_drawn)[0] - first) <= 2
    # A message from anything but a chart's own page resizes no frame.
    heights = page.eval_on_selector_all("iframe", "frames => frames.map(f => f.style.height)")
    page.evaluate("() => window.postMessage({'claimtrack-embed': %r, height: 5}, '*')" % CHARTS[0])
    page.wait_for_function("() => window.heard.some(m => m && m.height === 5)")
    assert page.eval_on_selector_all("iframe", "frames => frames.map(f => f.style.height)") == heights
    assert no_sideways_scroll(page)
    assert page.errors == []


def test_an_embedded_chart_is_drawn_again_and_resized_when_its_column_widens(open_page, hosts):
    page = open_page(hosts["story"], PHONE)
    before = {}
    for index, name in enumerate(CHARTS):
        element, frame = framed(page, index)
        before[name] = sized(element, frame, name, "narrow")
    page.set_viewport_size({"width": DESKTOP, "height": 900})
    for index, name in enumerate(CHARTS):
        element, frame = framed(page, index)
        height, now = sized(element, frame, name, "wide")
        assert height != before[name][0]
    assert no_sideways_scroll(page)


@pytest.mark.parametrize("where", ["site", "disk"])
def test_the_embed_code_works_as_it_is_from_the_charts_folder(open_page, hosts, where):
    # From the site's charts/ on its web server, or from the repository's charts/ on disk.
    name = CHARTS[0]
    copied = hosts["site"] / paths.SITE_CHARTS / paths.chart_file(name, paths.CHART_EMBED)
    assert copied.read_bytes() == (CHARTS_DIR / copied.name).read_bytes()
    page = open_page(hosts["charts"] + copied.name if where == "site" else (CHARTS_DIR / copied.name).as_uri(), PHONE)
    element, frame = framed(page, 0)
    height, now = sized(element, frame, name, "narrow")
    assert now["scrollWidth"] <= now["clientWidth"] and no_sideways_scroll(page)


def test_a_chart_page_on_its_own_keeps_its_margins_and_sends_no_message(open_page, hosts):
    page = open_page(hosts["charts"] + f"{CHARTS[0]}.html", DESKTOP)
    page.wait_for_selector("#chart svg.marks", timeout=WAIT * 1000)
    assert page.evaluate("document.documentElement.className") == ""
    assert page.evaluate("getComputedStyle(document.body).marginTop") == "24px"
    assert drawn_from(CHARTS[0], inside(page.main_frame)["drawn"]) == "wide"


@pytest.mark.parametrize(("width", "picture"), [(PHONE, paths.CHART_NARROW_PNG), (DESKTOP, "png")])
def test_without_script_the_embed_code_shows_the_charts_picture_described(open_page, hosts, width, picture):
    page = open_page(hosts["story"], width, script=False)
    images = page.locator("noscript img")
    assert images.count() == len(CHARTS) + 1
    for index, name in enumerate([*CHARTS, CHARTS[0]]):
        image = images.nth(index)
        image.scroll_into_view_if_needed()
        page.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=image.element_handle(), timeout=WAIT * 1000)
        assert image.get_attribute("alt") == MANIFEST["charts"][name]["description"]
        assert image.evaluate("i => i.currentSrc") == f"{hosts['charts']}{name}.{picture}"
        assert image.evaluate("i => i.closest('a').href") == f"{hosts['charts']}{name}.html"
        assert image.evaluate("i => i.getBoundingClientRect().width") <= width
    assert no_sideways_scroll(page)
