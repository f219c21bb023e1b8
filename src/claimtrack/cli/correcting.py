"""The command that puts the record right in public, and the options it shares with
`claimtrack status --undo`: the reason, the day, and a dry run."""

from __future__ import annotations

import click

from claimtrack.cli.common import archive_option, echo, fail, package_option, recorded, waiting


def reason_option(function):
    return click.option(
        "--reason", metavar="TEXT", help="Why, in a sentence: kept in the corrections log and shown to readers."
    )(function)


def on_option(function):
    return click.option(
        "--on",
        "day",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        default=None,
        help="The day of the correction (YYYY-MM-DD); today when not given.",
    )(function)


def dry_run_option(function):
    return click.option("--dry-run", is_flag=True, help="Check the change and say what it would do; write nothing.")(
        function
    )


def _settings(ctx, param, given: tuple[str, ...]) -> dict[str, str]:
    """Each --set COLUMN=VALUE, by column (a column may be spelt with hyphens)."""
    values: dict[str, str] = {}
    for item in given:
        column, equals, value = item.partition("=")
        column = column.strip().replace("-", "_")
        if not equals or not column:
            raise click.BadParameter(f'{item!r}: give COLUMN=VALUE, e.g. figure_text="about 200"', param_hint="--set")
        if column in values:
            raise click.BadParameter(f"{column} is given twice: give each column once", param_hint="--set")
        values[column] = value
    return values


def say_change(change, dry_run: bool, path: str, log_path: str) -> None:
    """What the change did (or would do): the row, each cell from what it was to what it became."""
    verb = "Would correct" if dry_run else "Corrected"
    echo(f"{verb} {change.row_id} in {path} ({change.correction_id}, {change.corrected_on}):")
    width = max(len(cell.column) for cell in change.cells)
    for cell in change.cells:
        echo(f"  {cell.column.ljust(width)}  {cell.was!r} -> {cell.became!r}")
    echo(f"Reason: {change.reason}")
    echo("Nothing was written (--dry-run)." if dry_run else f"Logged in {log_path}.")


def paths_of(package_dir, table: str) -> tuple[str, str]:
    from claimtrack.model.corrections import LOG
    from claimtrack.model.package import read_package

    package = read_package(package_dir)
    return package.resource(table).path, package.resource(LOG).path


@click.command()
@package_option
@archive_option
@click.argument("row_id", metavar="ID")
@click.option(
    "--set",
    "values",
    multiple=True,
    metavar="COLUMN=VALUE",
    callback=_settings,
    help='A column\'s right value, e.g. --set figure_text="about 200"; COLUMN= empties it. Repeat for more columns.',
)
@click.option(
    "--table",
    default="claims",
    show_default=True,
    metavar="TABLE",
    help="The table the row is in: claims, sources, claimants or measures.",
)
@reason_option
@on_option
@dry_run_option
def correct(package_dir, archive, row_id, values, table, reason, day, dry_run) -> None:
    """Correct a mistyped figure, date, quote or other cell of a row, in public.

    Each --set gives a column's right value; --reason, required, says why. The row
    with its new values is checked against the schema and every rule of the package,
    as `claimtrack add` checks a new row; on any problem nothing is written. A
    correction that changes nothing is refused, and a row's id cannot be corrected.
    The row and its entries in data/corrections.csv (what each cell was, what it
    became, why and when) are written together or not at all. Nothing is deleted:
    the old values stay in the log, and `show`, `history`, the site and the changelog
    list the correction. A status moved by mistake is undone with `claimtrack status
    ID --undo`.

    \b
    Example:
        claimtrack correct daily-ledger-2024-05-02-03 --set figure_text="at least 1,300" \\
            --set low=1300 --reason "The figure was mistyped: the report says 1,300."
        claimtrack correct daily-ledger-2024-05-02 --table sources \\
            --set published_on=2024-05-03 --reason "The page is dated May 3." --dry-run
    """
    from claimtrack.tracking import correcting

    if not reason:
        fail("a correction says why it is made: give --reason")
    change = recorded(
        lambda: correcting.correct(
            package_dir,
            row_id,
            values,
            reason,
            table=table,
            on=day.date() if day else None,
            dry_run=dry_run,
            archive=archive,
            on_wait=waiting,
        )
    )
    say_change(change, dry_run, *paths_of(package_dir, table))
