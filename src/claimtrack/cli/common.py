"""What the commands share: their options, defined once, and how they fail, load and wait.

Heavy libraries are imported inside the functions that need them, so that
``claimtrack --help`` and ``claimtrack cite`` start quickly.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def echo(message: str = "", err: bool = False, raw: bool = False) -> None:
    """Print a line: every control character and bidi control in it shown as its
    escape (\\u001b), so that nothing read from the data or typed can drive the terminal
    it is printed to. JSON stays JSON (the escape is JSON's own); ``raw`` is for the CSV
    a command prints to be handed back, cell for cell."""
    from claimtrack.model.characters import visible

    click.echo(message if raw else visible(message), err=err)


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


class Day(click.ParamType):
    """A day given as YYYY-MM-DD, as a datetime at midnight; anything else is refused
    with what was typed, what is wanted and, where it can be told, the day meant."""

    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        import datetime as dt

        from claimtrack.model.suggest import date_readings

        if isinstance(value, dt.datetime):
            return value
        try:
            return dt.datetime.strptime(value, "%Y-%m-%d")
        except ValueError:
            pass
        readings = date_readings(value)
        meant = f"; did you mean {' or '.join(readings)}?" if readings else ""
        if len(readings) == 2:
            meant = f"; {value} could be day/month or month/day: did you mean {' or '.join(readings)}?"
        self.fail(f"{value!r} is not a day written YYYY-MM-DD, such as 2013-05-16{meant}", param, ctx)


DAY = Day()


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
# How many of the problems a reading command shows above what it read.
SHOWN_PROBLEMS = 5


def fail(message: str, problems=None) -> None:
    """Print the problems, if any, and the message; exit with status 1. Outside a
    package, only that there is none, and what to do."""
    from claimtrack.model.package import no_package
    from claimtrack.model.problems import format_text

    if problems and no_package(problems):
        message, problems = no_package(problems), None
    if problems:
        echo(format_text(problems, limit=50), err=True)
    echo(f"Error: {message}", err=True)
    sys.exit(1)


def load_tables(package_dir: Path):
    """The package's tables for reading, as plain rows (``claimtrack.tracking.reading``): a
    row with a problem is left out, with the rows that point at it, and a warning on
    standard error says what and why; when the package cannot be read at all, its
    problems and exit 1. Validates the package first unless its last validation's result
    is kept for these very files; then it needs no pandas."""
    from claimtrack.model.problems import ValidationError
    from claimtrack.tracking import reading

    try:
        tables = reading.read(package_dir)
    except ValidationError as error:
        fail("the package cannot be read; fix it before reading it (claimtrack validate)", error.problems)
    for line in left_out_warning(tables):
        echo(line, err=True)
    return tables


def left_out_warning(tables) -> list[str]:
    """What reading left out, and why: the first few problems, a count of the rest, and
    the ids left out of each table."""
    from claimtrack.model.suggest import listing

    problems = tables.problems
    if not problems:
        return []
    lines = [f"Warning: the package has {len(problems):,} problem(s); the rows at fault are left out:"]
    lines += [f"  {problem}" for problem in problems[:SHOWN_PROBLEMS]]
    rest = len(problems) - SHOWN_PROBLEMS
    more = f"... and {rest:,} more; " if rest > 0 else ""
    lines.append(f"  {more}run claimtrack validate to see every problem.")
    for name, ids in tables.left_out.items():
        resource = tables.package.resource(name)
        lines.append(f"  Left out of {resource.path}: {len(ids):,} row(s), {resource.key} {listing(ids, limit=10)}")
    return lines


def waiting() -> None:
    echo("Another claimtrack command is changing this package; waiting for it to finish...", err=True)


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


def record(package_dir: Path, items: list[dict], archive: Path | None, origin=None) -> None:
    """Add claims through the checked, locked path; say what was written and cite it.
    ``origin`` says where the user gave them (see ``recording.Origin``)."""
    from claimtrack.tracking import recording
    from claimtrack.tracking.citing import cite

    change = recorded(lambda: recording.add_claims(package_dir, items, archive=archive, on_wait=waiting, origin=origin))
    for warning in change.warnings:
        echo(f"Warning: {warning}.", err=True)
    for path, count in change.added.items():
        echo(f"Added {count} row(s) to {path}.")
    for claim_id in change.claim_ids:
        echo(f"{claim_id}: {cite(package_dir, claim_id)}")


# Where the user gave a row being added, as ``recording.Origin`` takes it.


def given_by_options(number: int, nested: str, column: str | None) -> str:
    """A row given by column options: the option that gave the value."""
    return f"--{column.replace('_', '-')}" if column else "the row given by the options"


def given_at_prompt(number: int, nested: str, column: str | None) -> str:
    """A row asked for at the terminal: the answer that gave the value."""
    return f"the answer for {'.'.join(filter(None, (nested, column)))}" if column else "the row answered"


def given_in_csv(name: str, lines: list[int]):
    """A row from a CSV file: its line (a row's first, ``lines[number - 1]``) and column."""

    def where(number: int, nested: str, column: str | None) -> str:
        key = ".".join(filter(None, (nested, column)))
        return f"{name}, line {lines[number - 1]}" + (f", column {key}" if key else "")

    return where


def given_in_file(name: str, array: bool):
    """A row from a JSON file (``array``: of an array of rows): its record and key."""

    def where(number: int, nested: str, column: str | None) -> str:
        parts = [name] + ([f"record {number}"] if array else [])
        key = ".".join(filter(None, (nested, column)))
        return ", ".join(parts + ([f"key {key}"] if key else []))

    return where
