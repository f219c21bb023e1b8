"""What the commands share: their options, defined once, and how they fail, load and wait.

Heavy libraries are imported inside the functions that need them, so that
``claimtrack --help`` and ``claimtrack cite`` start quickly.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

# What each --format word means. One vocabulary for every command; a command offers the
# words that make sense for what it prints, and says what json and csv hold for it.
FORMAT_WORDS = {
    "text": "for reading",
    "json": "an array of objects keyed by the table's own columns",
    "csv": "the same as CSV",
    "markdown": "a table to paste into a story",
}
# The word the listing commands used for text, still taken.
FORMAT_ALIASES = {"table": "text"}


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
        help="Check quotes against the archived texts in this folder instead of the package's archive/; a text a source records that is not in it is then a problem.",
    )(function)


class FormatChoice(click.Choice):
    """A --format word, with the old name ``table`` taken for ``text``."""

    def convert(self, value, param, ctx):
        return super().convert(FORMAT_ALIASES.get(value, value), param, ctx)


def format_option(*choices: str, **meanings: str):
    """--format, offering ``choices`` (the first is the default); ``meanings`` says what a
    word holds for this command where it is not FORMAT_WORDS' general meaning."""
    words = {**FORMAT_WORDS, **meanings}
    return click.option(
        "--format",
        "output_format",
        type=FormatChoice(choices),
        default=choices[0],
        show_default=True,
        help="; ".join(f"{choice}: {words[choice]}" for choice in choices) + ".",
    )


def max_errors_option(function):
    return click.option(
        "--max-errors",
        type=click.IntRange(min=1),
        default=50,
        show_default=True,
        help="Show at most this many problems in text output (the total is always counted).",
    )(function)


def problems_options(function):
    """The options of the commands that report problems: --format and --max-errors."""
    function = format_option(
        "text", "json", text="one line per problem", json="an array of problem objects, for machines"
    )(function)
    return max_errors_option(function)


# What a command that changes the package says when its descriptor or schemas cannot be read.
UNREADABLE = "the package cannot be read; fix it first (claimtrack validate)"


def fail(message: str, problems=None) -> None:
    """Print the problems, if any, and the message; exit with status 1."""
    from claimtrack.model.problems import format_text

    if problems:
        click.echo(format_text(problems, limit=50), err=True)
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


def load_tables(package_dir: Path):
    """The package's tables, validated; on any problem, the problems and exit 1."""
    from claimtrack.model.problems import ValidationError
    from claimtrack.validation import load

    try:
        return load(package_dir)
    except ValidationError as error:
        fail("the package is not valid; fix it before reading it (claimtrack validate)", error.problems)


def waiting() -> None:
    click.echo("Another claimtrack command is changing this package; waiting for it to finish...", err=True)


def read_text_file(source: str | Path) -> str:
    """A UTF-8 text file (or standard input, for -) as text; anything else is a clear error."""
    from claimtrack.io import textfile

    name = "standard input" if source == "-" else str(source)
    try:
        data = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    except OSError as error:
        fail(f"cannot read {name}: {error.strerror}")
    try:
        return textfile.text_of(data)
    except textfile.NotText as error:
        fail(f"{name} {error}; save it as UTF-8 text")


def recorded(adding):
    """What ``adding()`` changed; on a refusal, its problems and exit status 1: the change
    refused, the package unreadable, or a file that could not be written."""
    from claimtrack.io import storage
    from claimtrack.model.problems import ValidationError
    from claimtrack.tracking import recording

    try:
        return adding()
    except recording.RecordingError as error:
        fail(str(error), error.problems)
    except ValidationError as error:
        fail(UNREADABLE, error.problems)
    except storage.WriteError as error:
        fail(str(error))


def record(package_dir: Path, items: list[dict], archive: Path | None) -> None:
    """Add claims through the checked, locked path; say what was written and cite it."""
    from claimtrack.tracking import recording
    from claimtrack.tracking.citing import cite

    change = recorded(lambda: recording.add_claims(package_dir, items, archive=archive, on_wait=waiting))
    for warning in change.warnings:
        click.echo(f"Warning: {warning}.", err=True)
    for path, count in change.added.items():
        click.echo(f"Added {count} row(s) to {path}.")
    for claim_id in change.claim_ids:
        click.echo(f"{claim_id}: {cite(package_dir, claim_id)}")
