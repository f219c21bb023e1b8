"""The static site's page: every value from the data is text, only web addresses are
links, and nothing in it asks the network for anything."""

from __future__ import annotations

import copy
from html.parser import HTMLParser

import pytest

from claimtrack.model.package import read_package
from claimtrack.publishing.site import Download, claim_rows, render_index, web_url
from conftest import REPO
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
    charts = [{"name": "x", "title": "<i>T</i>", "description": "</figcaption><script>alert(5)</script>",
               "spec": '{"title":"\\u003c/script\\u003e"}'}]  # fmt: skip
    downloads = [Download("<u>zip</u>", "downloads/x.zip", "1 KB")]
    return render_index(package, hostile_claims(package), charts, downloads)


def test_the_page_has_only_its_own_scripts(page):
    scripts = [attrs for tag, attrs in Page(page).tags if tag == "script"]
    assert [a.get("src") for a in scripts if "src" in a] == ["vega.js", "site.js"]
    assert [a.get("type") for a in scripts if "src" not in a] == ["application/json"]


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
