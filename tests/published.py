"""Packages ready to publish, for the publishing tests: a copy of the real package
with the documents a release carries and freshly built charts, optionally with a
claim whose quote and claimant name try to break out of the page."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from conftest import DOCUMENTS, REPO, archived, build_package, copy_package

# Text that would run as script if the page did not escape it.
HOSTILE_QUOTE = '</script><script>window.hacked = 1</script><img src=x onerror="window.hacked = 2">'
HOSTILE_NAME = "<b>Bold</b> & <i>sons</i>"
HOSTILE_CLAIM = "mt-2013-05-16-09"


def build_charts(folder: Path) -> None:
    import claimtrack
    from claimtrack.charts.render import build_charts as build
    from claimtrack.model.package import read_package

    build(read_package(folder), claimtrack.load(folder))


def ready_package(folder: Path, hostile: bool = False) -> Path:
    """A copy of the real package with its charts built; ``hostile``: one claim's quote
    and one claimant's name carry HTML and script."""
    copy_package(folder, documents=True)
    if hostile:
        edit_rows(folder / "data" / "claims.csv", HOSTILE_CLAIM, "claim_id", quote=lambda q: q + " " + HOSTILE_QUOTE)
        edit_rows(folder / "data" / "claimants.csv", "sohr", "claimant_id", name=lambda _: HOSTILE_NAME)
    build_charts(folder)
    return folder


def ready_base(folder: Path, case: str | None = None) -> Path:
    """The small base package (overlaid with ``case``), with the documents a release
    carries, the made-up test article in its own archive/ and its charts built."""
    archived(build_package(folder, case))
    for name in DOCUMENTS:
        shutil.copy2(REPO / name, folder / name)
    build_charts(folder)
    return folder


def edit_rows(path: Path, key: str, key_column: str, **changes) -> None:
    """Rewrite the row whose ``key_column`` is ``key``, applying a function per column."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        columns, rows = reader.fieldnames, list(reader)
    hits = [row for row in rows if row[key_column] == key]
    assert hits, f"no row {key} in {path}"
    for row in hits:
        for column, change in changes.items():
            row[column] = change(row[column])
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


# Ready packages already built in this test process, by hostility: building the charts is
# the slow part, and a copy of a built package has charts as up to date as the original.
_BUILT: dict[bool, Path] = {}


def ready_copy(tmp_path_factory, name: str, hostile: bool = False) -> Path:
    """A fresh copy of a ready package, in a new folder named after ``name``."""
    if hostile not in _BUILT:
        _BUILT[hostile] = ready_package(tmp_path_factory.mktemp("built") / "package", hostile=hostile)
    return Path(shutil.copytree(_BUILT[hostile], tmp_path_factory.mktemp(name) / "package"))


def published(tmp_path_factory, name: str, hostile: bool = False) -> Path:
    """A ready package, published by `claimtrack publish` into its dist/ folder; returns dist/."""
    from conftest import run_claimtrack

    folder = ready_copy(tmp_path_factory, name, hostile=hostile)
    result = run_claimtrack("publish", cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder / "dist"
