"""The commands that check and build the package: validate, build and publish."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from claimtrack.cli.common import archive_option, echo, fail, package_option, problems_options, waiting


def validated(package_dir: Path, archive: Path | None, output_format: str, max_errors: int, tables: bool = True):
    """Validate, print the outcome; exit 1 on any problem. Returns the report when valid.
    Without ``tables`` (validate itself, which prints the outcome only), what the last
    validation of these very files found is said again, if it was kept, and None returned."""
    from claimtrack.model.problems import Problem

    if not tables:
        from claimtrack.io import storage

        kept = storage.kept_result(package_dir, archive)
        if kept is not None:
            problems = [Problem(**problem) for problem in kept["problems"]]
            _outcome(problems, kept, output_format, max_errors)
            return None
    from claimtrack.validation import validate
    from claimtrack.validation.run import summary

    report = validate(package_dir, archive=archive)
    # The same summary the kept result holds, so that both are said alike.
    _outcome(report.problems, summary(report) if report.package else None, output_format, max_errors)
    return report


def _outcome(problems: list, found: dict | None, output_format: str, max_errors: int) -> None:
    """Print what validation found: the problems, or the package's summary and notes;
    exit 1 on any problem."""
    from claimtrack.model.package import no_package
    from claimtrack.model.problems import format_json, format_text

    if output_format == "text" and no_package(problems):
        fail(no_package(problems))
    if output_format == "json":
        echo(format_json(problems))
    elif problems:
        echo(format_text(problems, limit=max_errors), err=True)
        echo(f"{len(problems):,} problem(s) found: the package is not valid.", err=True)
    else:
        counts = ", ".join(f"{n:,} {name if n != 1 else name.removesuffix('s')}" for name, n in found["counts"].items())
        echo(f"{found['name']} {found['version']}: valid ({counts}).")
        for note in found["notes"]:
            echo(f"  {note}")
    if problems:
        sys.exit(1)


@click.command()
@package_option
@archive_option
@problems_options
def validate(package_dir: Path, archive: Path | None, output_format: str, max_errors: int) -> None:
    """Check the package: schemas, keys, and the rules across fields and tables.

    Every problem is one line with the CSV file, line, column, value and what is
    wrong. Exits with status 1 when there is any problem, 0 when the package is valid.
    Quotes are checked against their sources' texts in archive/ (claimtrack archive
    puts them there); the notes under the summary say how many were not, and why.

    \b
    Example:
        claimtrack validate
        claimtrack validate --archive path/to/texts --format json > problems.json
    """
    validated(package_dir, archive, output_format, max_errors, tables=False)


@click.command()
@package_option
@archive_option
@problems_options
@click.option("--force", is_flag=True, help="Rebuild the charts even when nothing they are made from has changed.")
def build(package_dir: Path, archive: Path | None, output_format: str, max_errors: int, force: bool) -> None:
    """Validate the package, then rebuild every chart in charts/.

    Each chart is written as offline HTML, SVG, PNG and its Vega-Lite spec. Nothing
    is rebuilt when the data, schemas and chart code are unchanged since the last
    build (charts/manifest.json records what they were made from). Invalid data
    stops the build before any chart is touched.

    \b
    Example:
        claimtrack build
        claimtrack build --force
    """
    from claimtrack.charts.drawing import RenderError
    from claimtrack.charts.render import build_charts
    from claimtrack.io.storage import WriteError

    report = validated(package_dir, archive, output_format, max_errors)
    progress = (lambda line: echo(f"  chart {line}", err=True)) if output_format == "text" else (lambda _: None)
    try:
        result = build_charts(report.package, report.tables, force=force, progress=progress)
    except (RenderError, WriteError) as error:
        fail(str(error))
    readme = _refreshed_readme(report.package)
    if output_format == "text":
        if result.up_to_date:
            echo(f"Charts are up to date in {result.folder}.")
        elif result.built:
            echo(f"Built {len(result.built)} charts in {result.folder}.")
        else:
            echo("No charts to build yet: add measures to a topic, or declare charts under views in datapackage.json.")
        if readme:
            echo(f"Updated the tables and chart list in {readme}.")


def _refreshed_readme(package) -> str | None:
    """Make the README's generated parts afresh; the file's name when that changed it."""
    from claimtrack.io import storage
    from claimtrack.model import paths
    from claimtrack.publishing.readme import refresh_readme

    path = package.root / paths.README
    if not path.is_file():
        return None
    old = path.read_text(encoding="utf-8")
    new = refresh_readme(old, package)
    if new == old:
        return None
    with storage.package_lock(package.root, on_wait=waiting):
        storage.write_files(package.root, {paths.README: new.encode("utf-8")})
    return paths.README


@click.command()
@package_option
@archive_option
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write the release, the database and the site.  [default: dist/ in the package folder]",
)
@click.option(
    "--include-archive",
    is_flag=True,
    help="Put the archived texts that quotes are checked against into the release, under archive/. "
    "They are other people's words: leave them out unless you may publish them.",
)
def publish(package_dir: Path, archive: Path | None, out_dir: Path | None, include_archive: bool) -> None:
    """Make the release zip, the SQLite database for Datasette and the static site.

    Writes DIR/NAME-VERSION.zip (the declared files, validated once unzipped),
    DIR/NAME.db with DIR/metadata.json, and DIR/site/index.html. Refuses, with the
    reasons, exit status 1 and nothing written, when the package is invalid, its
    version is not semantic, or the charts are stale (run claimtrack build). The
    release leaves out the archived texts in archive/ unless --include-archive.

    \b
    Example:
        claimtrack build
        claimtrack publish --out dist
        datasette dist/claimtrack-syria.db --metadata dist/metadata.json
    """
    from claimtrack import publishing

    def progress(line: str) -> None:
        echo(f"  {line}", err=True)

    try:
        result = publishing.publish(
            package_dir,
            out_dir,
            archive=archive,
            include_archive=include_archive,
            progress=progress,
            on_wait=waiting,
        )
    except publishing.PublishRefused as refused:
        fail(str(refused), refused.problems)
    for path in result.written:
        echo(f"Wrote {path}" + ("/index.html" if path.is_dir() else ""))
