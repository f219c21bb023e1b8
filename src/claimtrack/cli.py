"""The command line: a thin face over the package's modules.

Heavy libraries are imported inside the commands, so ``claimtrack --help`` is quick.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from claimtrack import __version__

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def package_option(function):
    return click.option(
        "-p",
        "--package",
        "package_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=".",
        show_default=True,
        help="The package folder (the one holding datapackage.json).",
    )(function)


def archive_option(function):
    return click.option(
        "--archive",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        default=None,
        help="Folder of archived source texts: check every quote against its source's text and fingerprint.",
    )(function)


def problems_options(function):
    function = click.option(
        "--format",
        "output_format",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
        help="text: one line per problem; json: an array of problem objects, for machines.",
    )(function)
    return click.option(
        "--max-errors",
        type=click.IntRange(min=1),
        default=50,
        show_default=True,
        help="Show at most this many problems in text output (the total is always counted).",
    )(function)


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, prog_name="claimtrack")
def main() -> None:
    """claimtrack: disputed figures with their claimants, sources and dates.

    Keeps figures as curated CSVs under data/, checks them against the schemas in
    schemas/, and turns them into charts that set competing estimates side by side.
    Every command works on the package in the current folder; -p DIR for another.

    \b
    Example:
        claimtrack validate --archive ../shared/corpus
        claimtrack build
    """


def _validated(package_dir: Path, archive: Path | None, output_format: str, max_errors: int):
    """Validate, print the outcome; exit 1 on any problem. Returns the report when valid."""
    from claimtrack.problems import format_json, format_text
    from claimtrack.validation import validate

    report = validate(package_dir, archive=archive)
    if output_format == "json":
        click.echo(format_json(report.problems))
    elif report.problems:
        click.echo(format_text(report.problems, limit=max_errors), err=True)
        click.echo(f"{len(report.problems):,} problem(s) found: the package is not valid.", err=True)
    else:
        package = report.package
        counts = ", ".join(f"{n:,} {name}" for name, n in report.counts().items())
        click.echo(f"{package.name} {package.version}: valid ({counts}).")
        for note in report.notes:
            click.echo(f"  {note}")
    if report.problems:
        sys.exit(1)
    return report


@main.command()
@package_option
@archive_option
@problems_options
def validate(package_dir: Path, archive: Path | None, output_format: str, max_errors: int) -> None:
    """Check the package: schemas, keys, and the rules across fields and tables.

    Every problem is one line with the CSV file, line, column, value and what is
    wrong. Exits with status 1 when there is any problem, 0 when the package is valid.

    \b
    Example:
        claimtrack validate --archive ../shared/corpus
        claimtrack validate --format json > problems.json
    """
    _validated(package_dir, archive, output_format, max_errors)


@main.command()
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
        claimtrack build --archive ../shared/corpus
        claimtrack build --force
    """
    from claimtrack.charts.render import build_charts

    report = _validated(package_dir, archive, output_format, max_errors)
    progress = (lambda line: click.echo(f"  chart {line}", err=True)) if output_format == "text" else (lambda _: None)
    result = build_charts(report.package, report.tables, force=force, progress=progress)
    if output_format == "text":
        if result.up_to_date:
            click.echo(f"Charts are up to date in {result.folder}.")
        else:
            click.echo(f"Built {len(result.built)} charts in {result.folder}.")


if __name__ == "__main__":  # pragma: no cover
    main()
