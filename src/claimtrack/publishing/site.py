"""The static site: one page with the charts, the claims and the downloads.

``site/index.html`` opens from disk or from any web server and asks nothing of the
network: the Vega libraries are a file beside it (``vega.js``), the claims table
sorts and filters with a few lines of our own JavaScript (``site.js``), and every
download is copied into the folder. The page is rendered by Jinja2 with escaping
on, so every value from the data is shown as text; only http(s) URLs become links.

The page fits any width from a phone's up. Each chart carries both its specs, the
desktop's and the phone's, and the script draws the one that fits the chart's width;
each chart also has the figures it draws as a table under it, for readers who cannot
see it. Below a breakpoint (site.css) the claims table shows each claim as a card,
each cell labelled with its column's heading.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

from claimtrack.io.rows import Rows, iter_rows
from claimtrack.model import links, paths
from claimtrack.model.corrections import LOG, corrections_of
from claimtrack.model.package import Package
from claimtrack.model.views import KINDS, MeasureInfo, View, drawn, views_of
from claimtrack.tracking import style
from claimtrack.tracking.citing import as_said, sentence

# A link is emitted only for an absolute http(s) URL with no space or control character in it.
_WEB_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f/?#]+[^\s\x00-\x1f\x7f]*", flags=re.IGNORECASE)


def web_url(value: object) -> str | None:
    """``value`` when it is an http(s) URL that is safe as a link's href; otherwise None."""
    if isinstance(value, str) and _WEB_URL.fullmatch(value):
        return value
    return None


def source_url(value: object) -> str | None:
    """``value`` when it is a source address that leads where it reads (``links``)."""
    url = web_url(value)
    return url if url is not None and links.problem(url) is None else None


@dataclass(frozen=True)
class Download:
    label: str
    href: str  # relative to the site folder
    note: str


def _source(row: dict | None) -> dict | None:
    if row is None:
        return None
    return {
        "publisher": row["publisher"],
        "title": row.get("title") or "",
        "url": (url := source_url(row.get("url"))),
        # The host a reader is sent to, beside the publisher's name the link reads as.
        "host": links.host(url) if url else "",
        "published_on": style.partial_date(row.get("published_on")),
    }


def _sort_number(claim: dict) -> str:
    for column in ("value", "low", "high"):
        if claim.get(column):
            return claim[column]
    return claim.get("date_from") or claim.get("date_to") or ""


def claim_rows(package: Package) -> list[dict]:
    """The claims as the page shows them, in the file's order."""
    rows = Rows(package)
    appearances: dict[str, list[dict]] = {}
    for row in iter_rows(package, "appearances"):
        appearances.setdefault(row["claim_id"], []).append(_source(rows.find("sources", row["source_id"])))
    corrected: dict[str, list[dict]] = {}
    logged = iter_rows(package, LOG) if any(r.name == LOG for r in package.resources) else []
    for change in corrections_of(logged, "claims"):
        corrected.setdefault(change.row_id, []).append(
            {"day": change.corrected_on, "changes": change.changes(), "reason": change.reason}
        )
    shown = []
    for claim in iter_rows(package, "claims"):
        related = rows.related("claims", claim)
        measure, claimant = related["measure"], related["claimant"]
        shown.append(
            {
                "id": claim["claim_id"],
                "measure_id": claim["measure_id"],
                "measure": measure["label"],
                "topic": measure["topic"],
                "figure": as_said(claim["figure_text"], claim.get("hedge"), claim.get("stance")),
                "qualifier": claim["qualifier"],
                "figure_sort": _sort_number(claim),
                "claimant": claimant["name"],
                "via": related["via"]["name"] if related["via"] else "",
                "said_on": claim.get("said_on") or "",
                "said_on_words": style.partial_date(claim.get("said_on")) or "not stated",
                "status": claim["status"],
                "settled_by": claim.get("settled_by") or "",
                "sentence": sentence(claim, measure, claimant, related["via"], related["source"]),
                "quote": claim["quote"],
                "source": _source(related["source"]),
                "also": [a for a in appearances.get(claim["claim_id"], []) if a],
                "corrections": corrected.get(claim["claim_id"], []),
            }
        )
    return shown


def _measure_infos(package: Package) -> list[MeasureInfo]:
    """Each measure's id, topic, kind and unit, in the file's order (as the charts read them)."""
    return [
        MeasureInfo(row["measure_id"], row.get("topic") or "", row.get("kind") or "", row.get("unit") or "")
        for row in iter_rows(package, "measures")
    ]


def chart_views(package: Package) -> dict[str, View]:
    """The package's charts by name: the views it declares, else one per topic."""
    return {view.name: view for view in views_of(package.views, package.topics, _measure_infos(package))}


def chart_figures(package: Package, view: View, claims: list[dict]) -> list[dict]:
    """The claims of the measures a chart draws, as its table of figures lists them: by
    the view's order of measures, then by the day said (claims with none last), then in
    the file's order."""
    order = {m.measure_id: number for number, m in enumerate(drawn(view, _measure_infos(package)))}
    rows = [c for c in claims if c["measure_id"] in order]
    return sorted(rows, key=lambda c: (order[c["measure_id"]], c["said_on"] == "", c["said_on"]))


def _spec(package: Package, name: str, fmt: str) -> str:
    """A chart's spec as JSON that is safe inside the page's <script>."""
    from claimtrack.charts.render import script_json

    text = (paths.charts_dir(package.root) / paths.chart_file(name, fmt)).read_text(encoding="utf-8")
    return script_json(json.loads(text))


def _embed_code(package: Package, name: str) -> str:
    """A chart's embed code as the charts' folder has it (addresses starting ./); the
    page's script puts the address of the site's charts/ in their place."""
    path = paths.charts_dir(package.root) / paths.chart_file(name, paths.CHART_EMBED)
    return path.read_text(encoding="utf-8") if path.exists() else ""


def _charts(package: Package, claims: list[dict]) -> list[dict]:
    from claimtrack.charts.render import charts_built, fits

    known = chart_views(package)
    charts = []
    for name, about in charts_built(package.root):
        # The view the chart was drawn from, of the kind the build drew it as; a chart the
        # package no longer declares lists no figures.
        view = known.get(name)
        if view is not None and about.get("kind") in KINDS:
            view = replace(view, kind=about["kind"])
        figures = chart_figures(package, view, claims) if view else []
        groups: dict[str, list[dict]] = {}
        for claim in figures:
            groups.setdefault(claim["measure"], []).append(claim)
        charts.append(
            {
                "name": name,
                "title": about.get("title", name),
                "description": about.get("description", ""),
                "spec": _spec(package, name, paths.CHART_SPEC),
                "narrow": _spec(package, name, paths.CHART_NARROW_SPEC),
                "fits": fits(about.get("fits")),
                "embed": _embed_code(package, name),
                # The figures, by the measure they are of, in the chart's order of measures.
                "figures": list(groups.items()),
            }
        )
    return charts


def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    return Environment(
        loader=PackageLoader("claimtrack.publishing", paths.TEMPLATES_DIR),
        autoescape=select_autoescape(["html"], default_for_string=True, default=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def render_index(package: Package, claims: list[dict], charts: list[dict], downloads: list[Download]) -> str:
    licence, licence_url = package.licence
    statuses = package.resource("claims").field("status").get("constraints", {}).get("enum", [])
    topics = [t.name for t in package.topics]
    present = {c["status"] for c in claims}, {c["topic"] for c in claims}
    return (
        _environment()
        .get_template(paths.SITE_TEMPLATE)
        .render(
            title=package.title,
            description=package.description,
            name=package.name,
            version=package.version,
            licence={"name": licence, "url": web_url(licence_url)},
            homepage=web_url(package.homepage),
            stylesheet=paths.SITE_STYLESHEET,
            script=paths.SITE_SCRIPT,
            vega=paths.VEGA_BUNDLE,
            claims=claims,
            charts=charts,
            downloads=downloads,
            statuses=[s for s in statuses if s in present[0]],
            topics=[t for t in topics if t in present[1]],
        )
    )


@functools.lru_cache(maxsize=1)
def vega_bundle() -> str:
    """vega, vega-lite and vega-embed as one script: the same as the charts' own pages inline."""
    import vl_convert as vlc

    bundle = vlc.javascript_bundle()
    if "</script" in bundle.lower():
        raise ValueError("the Vega bundle contains '</script' and cannot be served safely")
    return bundle


def write_site(package: Package, folder: Path, files: dict[str, Path]) -> None:
    """Write the site into ``folder`` (which must not exist yet).

    ``files`` are the release files to offer for download, by label: copied into
    ``downloads/`` so that the folder is whole wherever it is put.
    """
    folder.mkdir()
    (folder / paths.VEGA_BUNDLE).write_text(vega_bundle(), encoding="utf-8")
    templates = resources.files("claimtrack.publishing").joinpath(paths.TEMPLATES_DIR)
    for asset in paths.SITE_ASSETS:
        (folder / asset).write_bytes(templates.joinpath(asset).read_bytes())
    from claimtrack.charts.render import built_charts

    (folder / paths.SITE_CHARTS).mkdir()
    for name in built_charts(package.root):
        for fmt in paths.CHART_FORMATS:
            file = paths.chart_file(name, fmt)
            shutil.copyfile(paths.charts_dir(package.root) / file, folder / paths.SITE_CHARTS / file)
    (folder / paths.SITE_DOWNLOADS).mkdir()
    downloads = []
    for label, path in files.items():
        shutil.copyfile(path, folder / paths.SITE_DOWNLOADS / path.name)
        downloads.append(
            Download(label, f"{paths.SITE_DOWNLOADS}/{path.name}", f"{path.stat().st_size / 1024:,.0f} KB")
        )
    for resource in package.resources:
        target = folder / resource.path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(package.root / resource.path, target)
        rows = sum(1 for _ in iter_rows(package, resource.name))
        downloads.append(Download(f"{resource.title} (CSV)", resource.path, f"{rows:,} rows"))
    claims = claim_rows(package)
    page = render_index(package, claims, _charts(package, claims), downloads)
    (folder / paths.SITE_INDEX).write_text(page, encoding="utf-8")
