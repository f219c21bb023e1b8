"""The committed charts as a browser draws them, at a desktop's width and a phone's:
no text runs into other text, no label into a mark, and nothing is wider than the
screen. Each chart's own page (charts/<name>.html) is opened in headless Chromium,
which draws it with the inlined Vega, and the boxes of what it drew are measured."""

from __future__ import annotations

import pytest

from conftest import REPO
from test_site_browser import CHARTS, FLAGS, WAIT, chromium  # noqa: F401 - the fixture is used by name

WIDTHS = {"phone": 390, "desktop": 1280}
# What the page drew, as boxes on the screen: every piece of text (with the role of the
# group it is in: axis, legend, title or a mark's label) and every point mark.
MEASURE = """() => {
  const svg = document.querySelector('#chart svg');
  const box = (el) => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  // A label Vega hid (an axis label that would overlap its neighbour) is drawn transparent.
  const shown = (el) => { for (let e = el; e && e !== svg; e = e.parentElement) { if (getComputedStyle(e).opacity === '0') return false; } return true; };
  const texts = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim() && t.getBoundingClientRect().width > 0 && shown(t))
    .map(t => ({text: t.textContent, box: box(t), halo: t.getAttribute('stroke') === 'white',
                role: (t.closest('g[class*="role-"]') || {getAttribute: () => ''}).getAttribute('class')}));
  const marks = [...svg.querySelectorAll('g.mark-symbol path')].map(box);
  // The rules a chart draws as marks of its own (the day of the story, the day a date came about).
  const rules = [...svg.querySelectorAll('g.mark-rule.role-mark line')].map(box);
  return {texts, marks, rules, svg: box(svg), page: document.documentElement.scrollWidth, screen: window.innerWidth};
}"""
SLACK = 1  # pixels two boxes may share at their edges (antialiasing, rounding)


def _overlap(a, b) -> bool:
    return a[0] < b[2] - SLACK and b[0] < a[2] - SLACK and a[1] < b[3] - SLACK and b[1] < a[3] - SLACK


@pytest.fixture(scope="module")
def drawn(chromium):  # noqa: F811 - the fixture of test_site_browser
    from playwright.sync_api import sync_playwright

    found = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=FLAGS)
        try:
            for device, width in WIDTHS.items():
                page = browser.new_page(viewport={"width": width, "height": 900})
                for name in CHARTS:
                    page.goto((REPO / "charts" / f"{name}.html").as_uri())
                    page.wait_for_selector("#chart svg", timeout=WAIT)
                    found[device, name] = page.evaluate(MEASURE)
                page.close()
        finally:
            browser.close()
    return found


CASES = [(device, name) for device in WIDTHS for name in CHARTS]


@pytest.mark.parametrize("device, name", CASES)
def test_no_text_of_a_chart_runs_into_other_text(drawn, device, name):
    # A halo is the white outline drawn under a label's own letters, not text of its own.
    texts = [t for t in drawn[device, name]["texts"] if not t["halo"]]
    clashes = [
        (a["text"], b["text"]) for i, a in enumerate(texts) for b in texts[i + 1 :] if _overlap(a["box"], b["box"])
    ]
    assert clashes == []


def mark_labels(found: dict) -> list[dict]:
    """The texts a chart draws as marks of its own (labels of figures), not its axes',
    legends' or titles', nor the halos under them."""
    return [
        t
        for t in found["texts"]
        if not t["halo"] and ("role-mark" in (t["role"] or "") or "role-" not in (t["role"] or ""))
    ]


@pytest.mark.parametrize("device, name", CASES)
def test_a_rule_crosses_a_label_only_over_its_halo(drawn, device, name):
    # A rule may pass behind a label only where a white halo keeps it off the letters.
    found = drawn[device, name]
    halos = {(t["text"], tuple(round(v) for v in t["box"])) for t in found["texts"] if t["halo"]}
    crossed = [
        label["text"]
        for label in mark_labels(found)
        for rule in found["rules"]
        if _overlap(label["box"], rule) and (label["text"], tuple(round(v) for v in label["box"])) not in halos
    ]
    assert crossed == []


@pytest.mark.parametrize("device, name", CASES)
def test_no_label_runs_into_a_mark(drawn, device, name):
    found = drawn[device, name]
    labels = mark_labels(found)
    clashes = [label["text"] for label in labels for mark in found["marks"] if _overlap(label["box"], mark)]
    assert clashes == []


@pytest.mark.parametrize("device, name", CASES)
def test_a_chart_is_never_wider_than_the_screen(drawn, device, name):
    found = drawn[device, name]
    assert found["svg"][2] <= found["screen"], f"the chart is {found['svg'][2]:.0f} px wide"
    assert found["page"] <= found["screen"]


def test_labels_are_measured_at_all(drawn):
    # The measure would pass on an empty drawing: prove it saw labels and marks.
    found = drawn["desktop", "death_tolls"]
    assert any("at least 191,369" in t["text"] for t in mark_labels(found))
    assert not any("Oct 2013" in t["text"] for t in mark_labels(found))  # an axis label is not one
    assert len(found["marks"]) > 20
    # and that it sees the rules and the halos it checks labels against.
    assert drawn["desktop", "conference_dates"]["rules"]
    assert any(t["halo"] for t in drawn["phone", "conference_dates"]["texts"])
