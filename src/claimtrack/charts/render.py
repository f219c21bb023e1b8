"""Writing charts: Vega-Lite spec, SVG, PNG, an offline HTML page and an embed code for each.

Same data in, same bytes out: specs are written with sorted keys, the renderer and
its fonts are pinned, and nothing carries a time stamp. A build renders every chart
into a scratch folder first and moves the files into charts/ only when all of them
succeeded, as one commit (``storage.commit``), so a failed build leaves the previous
charts in place and a crash among the moves is finished by the next command. The
pictures are drawn by a worker process (``drawing``): a renderer that dies ends the
build with a message, not the command. charts/manifest.json
records a fingerprint of everything the charts are made from; when it matches, the
build has nothing to do.
"""

from __future__ import annotations

import ast
import hashlib
import html
import json
import math
import re
import urllib.parse
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Callable

from claimtrack.charts import chart, views
from claimtrack.charts.drawing import Renderer
from claimtrack.io import storage
from claimtrack.model import paths
from claimtrack.model.package import Package

PNG_SCALE = 2

# A chart's page: the chart drawn by the Vega libraries, inlined, with its description
# under it. Inside an iframe it is an embed page: it drops its margins and tells the page
# around it how tall it is, after every draw and whenever its size changes, in a message
# that names the chart: {"claimtrack-embed": name, "height": pixels}.
_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<meta name="description" content="{description}">
<style>
body {{ font-family: {font}; color: #222222; margin: 1.5rem; }}
.embedded body {{ margin: 0; }}
figure {{ margin: 0; }}
#chart {{ display: block; }}
.embedded #chart svg {{ max-width: 100%; height: auto; }}
figcaption {{ max-width: 42rem; color: #595959; font-size: 0.9rem; line-height: 1.4; margin-top: 1rem; }}
.chart-error {{ color: #b00020; }}
</style>
</head>
<body>
<figure id="figure">
<div id="chart" role="img" aria-label="{description}"></div>
<figcaption>{description}</figcaption>
</figure>
<script>{bundle}</script>
<script>
(function () {{
  // The chart drawn for the width it is given: the desktop spec where it fits, else the
  // phone's; drawn again when a resize crosses the line. The width is the figure's: the
  // holder itself takes the width of what is drawn in it.
  var name = {name};
  var wide = {spec}, narrow = {narrow}, fits = {fits}, shown = null, drawn = null, timer = null;
  var holder = document.getElementById("chart"), figure = document.getElementById("figure");
  var framed = window.parent !== window;
  if (framed) document.documentElement.className = "embedded";
  function tell() {{
    if (!framed) return;
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    window.parent.postMessage({{"claimtrack-embed": name, "height": height}}, "*");
  }}
  function draw() {{
    var spec = figure.clientWidth >= fits ? wide : narrow;
    if (spec === shown) return tell();
    shown = spec;
    if (drawn) drawn.finalize();
    vegaEmbed(holder, spec, {{renderer: "svg", actions: false}}).then(function (result) {{
      drawn = result;
      tell();
    }}, function (error) {{
      var message = document.createElement("p");
      message.className = "chart-error";
      message.textContent = "The chart could not be drawn: " + error;
      holder.appendChild(message);
      tell();
    }});
  }}
  draw();
  window.addEventListener("resize", function () {{ clearTimeout(timer); timer = setTimeout(draw, 150); }});
  if (framed && window.ResizeObserver) new ResizeObserver(tell).observe(document.body);
}})();
</script>
</body>
</html>
"""

# The code a desk pastes into a page: the chart's page in an iframe as wide as its column,
# a script that sets the iframe's height from the page's messages, and for a reader
# without script the chart's picture, linked to its page. Every address starts "./", the
# folder of the chart's files: elsewhere that is replaced by the folder's address.
_EMBED = """<!-- claimtrack chart {name}. Its addresses start with ./ for the folder of the chart's files: elsewhere, put that folder's address in place of each ./ -->
<div class="claimtrack-embed">
<iframe src="{base}{page}" title="{title}" style="width:100%;border:0;display:block" height="{height}" loading="lazy"></iframe>
<script>{listener}</script>
<noscript><a href="{base}{page}"><picture><source media="(max-width: {narrow_below}px)" srcset="{base}{narrow_png}"><img src="{base}{png}" alt="{description}" style="width:100%;height:auto"></picture></a></noscript>
</div>
"""

# Sets the height of the iframe whose page sent the message: one listener for every
# chart on the page, however many embed codes carry it.
EMBED_LISTENER = (
    "(function(){if(window.claimtrackEmbed)return;window.claimtrackEmbed=true;"
    'window.addEventListener("message",function(e){var d=e.data;'
    'if(!d||typeof d["claimtrack-embed"]!=="string"||typeof d.height!=="number"||!(d.height>0))return;'
    'var f=document.getElementsByTagName("iframe");'
    'for(var i=0;i<f.length;i++)if(f[i].contentWindow===e.source)f[i].style.height=Math.ceil(d.height)+"px";'
    "});})();"
)

# What the iframe's height allows for besides the chart, until the script sets it: the
# caption's margin, and its lines at about 80 characters each.
_CAPTION_MARGIN, _CAPTION_LINE, _CAPTION_CHARACTERS = 16, 21, 80


@dataclass
class BuildResult:
    built: list[str]
    up_to_date: bool
    folder: Path


def script_json(value: object) -> str:
    """JSON that is safe inside an HTML <script> element, whatever the data holds."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


def fits(drawn: int | None = None) -> int:
    """The width the desktop drawing needs: ``drawn``, its SVG's own width, where known
    (its legends and labels may run past the plot), else the plot's and its padding. A
    narrower holder gets the phone's spec."""
    from claimtrack.charts import theme

    return drawn or theme.WIDTH + 2 * theme.PADDING


def page(spec: dict, bundle: str, narrow: dict | None = None, name: str = "", drawn: int | None = None) -> str:
    if "</script" in bundle.lower():
        raise ValueError("the Vega bundle contains '</script' and cannot be inlined safely")
    from claimtrack.charts.theme import FONT_STACK

    return _HTML.format(
        name=script_json(name),
        title=html.escape(_title_of(spec)),
        description=html.escape(spec.get("description", "")),
        font=FONT_STACK,
        bundle=bundle,
        spec=script_json(spec),
        narrow=script_json(narrow or spec),
        fits=fits(drawn),
    )


def embed_code(name: str, title: str, description: str, height: int, base: str = "./", drawn: int | None = None) -> str:
    """The HTML a desk pastes to show the chart ``name`` in a page: its page in an iframe
    whose height follows the chart's, and its picture, with ``description`` as the
    alternative text, for a reader without script. ``base`` is the address of the folder
    of the chart's files; the default, "./", is the folder the code itself is in."""
    address = urllib.parse.quote(name)
    return _EMBED.format(
        name=html.escape(name),
        base=html.escape(base),
        page=paths.chart_file(address, "html"),
        png=paths.chart_file(address, "png"),
        narrow_png=paths.chart_file(address, paths.CHART_NARROW_PNG),
        narrow_below=fits(drawn) - 1,
        title=html.escape(title),
        description=html.escape(description),
        height=height,
        listener=EMBED_LISTENER,
    )


def drawn_height(svg: str) -> int:
    """The height an SVG document says it is drawn at, in pixels."""
    return _drawn(svg, "height")


def drawn_width(svg: str) -> int:
    """The width an SVG document says it is drawn at, in pixels."""
    return _drawn(svg, "width")


def _drawn(svg: str, size: str) -> int:
    found = re.search(rf'<svg\b[^>]*?\s{size}="([0-9.]+)"', svg)
    if not found:
        raise ValueError(f"the SVG does not say its {size}")
    return math.ceil(float(found.group(1)))


def png_height(png: bytes) -> int:
    """The height of a PNG picture, in pixels, from its header."""
    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
        raise ValueError("not a PNG picture")
    return int.from_bytes(png[20:24], "big")


def frame_height(chart_height: int, description: str) -> int:
    """The iframe's height before its page says how tall it is: the chart's, and room
    for the caption under it."""
    lines = -(-len(description) // _CAPTION_CHARACTERS)
    return chart_height + _CAPTION_MARGIN + lines * _CAPTION_LINE


def _title_of(spec: dict) -> str:
    title = spec.get("title", {})
    text = title.get("text", "") if isinstance(title, dict) else title
    return " ".join(text) if isinstance(text, list) else str(text)


def accessible_svg(svg: str, name: str, title: str, description: str) -> str:
    """The SVG with a <title> and <desc> that screen readers announce as its name and description."""
    head, sep, rest = svg.partition(">")
    if not head.startswith("<svg") or not sep:
        raise ValueError("the renderer did not return an SVG document")
    labelled = head + f' role="img" aria-labelledby="{name}-title {name}-desc"' + sep
    return (
        labelled
        + f'<title id="{name}-title">{html.escape(title)}</title>'
        + f'<desc id="{name}-desc">{html.escape(description)}</desc>'
        + rest
    )


def _spec_bytes(spec: dict) -> bytes:
    return (json.dumps(spec, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode("utf-8")


def render(
    name: str, spec: dict, bundle: str, narrow: dict | None = None, renderer: Renderer | None = None
) -> dict[str, bytes]:
    """The chart's files, by format: ``spec`` drawn at a desktop's width, ``narrow`` (the
    same chart drawn for a phone) as a spec and a picture of its own. The pictures are
    drawn by ``renderer``'s worker process (one of its own when none is given); a chart
    it cannot draw is a RenderError."""
    narrow = narrow or spec
    if renderer is None:
        with Renderer() as renderer:
            return render(name, spec, bundle, narrow, renderer)
    title, description = _title_of(spec), spec.get("description", "")
    drawn_svg, narrow_png, png = renderer.draw(name, spec, narrow, PNG_SCALE)
    svg = accessible_svg(drawn_svg, name, title, description)
    tallest = max(drawn_height(svg), math.ceil(png_height(narrow_png) / PNG_SCALE))
    return {
        paths.CHART_SPEC: _spec_bytes(spec),
        paths.CHART_NARROW_SPEC: _spec_bytes(narrow),
        "svg": svg.encode("utf-8"),
        "png": png,
        paths.CHART_NARROW_PNG: narrow_png,
        "html": page(spec, bundle, narrow, name, drawn_width(svg)).encode("utf-8"),
        paths.CHART_EMBED: embed_code(
            name, title, description, frame_height(tallest, description), drawn=drawn_width(svg)
        ).encode("utf-8"),
    }


# The claimtrack package's own folder.
_TOP = Path(__file__).resolve().parents[1]
# Where the charts' code starts: the chart modules, and the modules that read and type
# the tables they draw. Everything these import, at any depth, is chart code too.
CODE_ROOTS = ("claimtrack.charts", "claimtrack.tables.typed", "claimtrack.io.csvfile")


def _module_file(name: str) -> Path | None:
    """The source file of a claimtrack module or package, or None when there is none."""
    top = _TOP
    relative = Path(*name.split(".")[1:])
    for candidate in (top / relative / "__init__.py", (top / relative).with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


def _imported(path: Path) -> set[str]:
    """The claimtrack modules a source file imports, at the top or inside a function:
    for "from claimtrack.tables import kernels", the module kernels."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.split(".")[0] == "claimtrack"}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] == "claimtrack":
            names = {f"{node.module}.{alias.name}" for alias in node.names}
            modules = {name for name in names if _module_file(name) is not None}
            found |= modules | ({node.module} if names - modules else set())
    return found


def code_inputs() -> list[Path]:
    """Every source file the charts are made by: CODE_ROOTS, every module of the charts
    package, everything they import at any depth, and the packages that hold them (whose
    own imports are followed only where a module imports the package itself)."""
    here = Path(__file__).resolve().parent
    charts = [f"claimtrack.charts.{p.stem}" for p in here.glob("*.py") if p.stem != "__init__"]
    waiting, followed = [*CODE_ROOTS, *charts], set()
    files: set[Path] = set()
    while waiting:
        name = waiting.pop()
        parts = name.split(".")
        files |= {path for depth in range(1, len(parts)) if (path := _module_file(".".join(parts[:depth])))}
        path = _module_file(name)
        if path is None or name in followed:
            continue
        followed.add(name)
        files.add(path)
        waiting.extend(_imported(path))
    return sorted(files)


def fingerprint(package: Package) -> str:
    """A digest of everything the charts are made from: the data, the schemas, the
    chart code and the versions of the libraries that draw them."""
    digest = hashlib.sha256()
    inputs = [paths.DESCRIPTOR] + sorted(
        {r.schema_path for r in package.resources} | {r.path for r in package.resources}
    )
    for relative in inputs:
        digest.update(relative.encode() + b"\0" + (package.root / relative).read_bytes() + b"\0")
    top = _TOP
    for path in code_inputs():
        digest.update(path.relative_to(top).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for library in ("altair", "vl-convert-python", "pandas"):
        digest.update(f"{library}=={metadata.version(library)}\0".encode())
    return digest.hexdigest()


def _manifest_path(root: Path) -> Path:
    return paths.charts_dir(root) / paths.CHART_MANIFEST


def read_manifest(root: Path) -> dict:
    try:
        return json.loads(_manifest_path(root).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def _order(manifest: dict) -> list[str]:
    order = manifest.get("order")
    return list(order) if isinstance(order, list) else sorted(manifest.get("charts", {}))


def built_charts(root: Path) -> list[str]:
    """The names of the charts the last build wrote, in the package's order."""
    return _order(read_manifest(root))


def charts_built(root: Path) -> list[tuple[str, dict]]:
    """Each chart the last build wrote, in order, with what the manifest says of it
    (its kind, title, description and files)."""
    manifest = read_manifest(root)
    about = manifest.get("charts", {})
    return [(name, about.get(name, {})) for name in _order(manifest)]


def is_up_to_date(package: Package) -> bool:
    """True when charts/ holds every chart file, unchanged, built from the current inputs:
    the inputs decide which charts there are, so the last build's list is the list."""
    manifest = read_manifest(package.root)
    if manifest.get("inputs") != fingerprint(package):
        return False
    folder = paths.charts_dir(package.root)
    for name in _order(manifest):
        files = manifest.get("charts", {}).get(name, {}).get("files", {})
        for fmt in paths.CHART_FORMATS:
            path = folder / paths.chart_file(name, fmt)
            if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != files.get(fmt):
                return False
    return True


def build_charts(
    package: Package, tables, *, force: bool = False, progress: Callable[[str], None] = lambda _: None
) -> BuildResult:
    folder = paths.charts_dir(package.root)
    if not force and is_up_to_date(package):
        return BuildResult(built=[], up_to_date=True, folder=folder)
    import vl_convert as vlc

    from claimtrack.charts import theme

    theme.register()
    bundle = vlc.javascript_bundle()
    folder.mkdir(exist_ok=True)
    planned = views(tables)
    names = [view.name for view in planned]
    before = built_charts(package.root)
    manifest = {
        "inputs": fingerprint(package),
        "package": package.name,
        "version": package.version,
        "charts": {},
        "order": names,
    }
    with storage.scratch_folder(package.root, package.root, ".charts-") as scratch:
        with Renderer() as renderer:
            for number, view in enumerate(planned, start=1):
                name = view.name
                progress(f"[{number}/{len(planned)}] {name}")
                spec = chart(tables, view).to_dict()
                with theme.at_width(theme.NARROW):
                    narrow = chart(tables, view).to_dict()
                files = render(name, spec, bundle, narrow, renderer)
                for fmt, content in files.items():
                    (scratch / paths.chart_file(name, fmt)).write_bytes(content)
                manifest["charts"][name] = {
                    "kind": view.kind,
                    "title": _title_of(spec),
                    "description": spec.get("description", ""),
                    # The width the desktop drawing needs: a narrower place gets the phone's.
                    "fits": fits(drawn_width(files["svg"].decode("utf-8"))),
                    "files": {fmt: hashlib.sha256(content).hexdigest() for fmt, content in files.items()},
                }
        manifest_text = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
        (scratch / paths.CHART_MANIFEST).write_text(manifest_text, encoding="utf-8")
        moves = [
            (scratch / paths.chart_file(name, fmt), folder / paths.chart_file(name, fmt))
            for name in names
            for fmt in paths.CHART_FORMATS
        ]
        moves.append((scratch / paths.CHART_MANIFEST, _manifest_path(package.root)))
        # The files of a chart the package no longer has go too: nothing would vouch for them.
        gone = [
            folder / paths.chart_file(name, fmt)
            for name in sorted(set(before) - set(names))
            for fmt in paths.CHART_FORMATS
        ]
        # One commit: a crash among the moves is finished by the next command.
        with storage.package_lock(package.root):
            storage.commit(package.root, moves, remove=[*gone, scratch])
    return BuildResult(built=names, up_to_date=False, folder=folder)
