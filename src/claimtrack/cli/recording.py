"""The commands that change the record: add a claim, move a claim through its lifecycle."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from claimtrack.cli.common import archive_option, fail, package_option, read_text_file, record, waiting


class _ClaimColumns(click.Command):
    """A command with one option per column of the package's claims table.

    The options are read from the schema of the package the command works on, so
    they always match it: `--measure-id`, `--figure-text`, `--said-on` and so on.
    """

    def parse_args(self, ctx, args):
        fixed = [p for p in self.params if not getattr(p, "from_schema", False)]
        self.params = fixed + _column_options(_package_in(args))
        return super().parse_args(ctx, args)


def _package_in(args: list[str]) -> Path:
    for i, arg in enumerate(args):
        if arg in ("-p", "--package") and i + 1 < len(args):
            return Path(args[i + 1])
        if arg.startswith("--package="):
            return Path(arg.split("=", 1)[1])
    return Path(".")


def _column_options(package_dir: Path) -> list[click.Option]:
    from claimtrack.model.package import read_package
    from claimtrack.model.problems import ValidationError

    try:
        fields = read_package(package_dir).resource("claims").fields
    except (ValidationError, KeyError):
        return []
    options = []
    for spec in fields:
        flag = "--" + spec["name"].replace("_", "-")
        words = spec.get("description", "")
        enum = spec.get("constraints", {}).get("enum")
        if enum:
            words += " One of: " + ", ".join(enum) + "."
        option = click.Option([flag, spec["name"]], default=None, help=words, metavar="TEXT")
        option.from_schema = True
        options.append(option)
    return options


def _read_items(source: str) -> list[dict]:
    import json

    text = read_text_file(source)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        fail(
            f"{'standard input' if source == '-' else source} is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        )
    items = data if isinstance(data, list) else [data]
    if not all(isinstance(item, dict) for item in items):
        fail("the JSON must be an object of column names and values, or an array of such objects")
    return items


def _prompted(package_dir: Path) -> dict:
    """A claim asked for at the terminal, column by column."""
    from claimtrack.tracking.recording import prompted_claim

    return prompted_claim(
        package_dir,
        ask=lambda label, default: click.prompt(label, default=default, show_default=bool(default), err=True),
        say=lambda line: click.echo(line, err=True),
    )


@click.command(cls=_ClaimColumns)
@package_option
@archive_option
@click.option(
    "--file",
    "file_path",
    metavar="ROW.json",
    help="Read the claim (or an array of claims) from this JSON file; - for standard input.",
)
@click.option(
    "--prompt",
    "ask",
    is_flag=True,
    help="Ask for each column in turn (the default in a terminal when no claim is given).",
)
def add(package_dir, archive, file_path, ask, **columns) -> None:
    """Record a new claim: from flags, from a JSON file, or by prompts.

    The whole package is validated with the new rows before anything is written; on
    any problem the problems are printed, the exit status is 1 and every file is left
    as it was. On success the rows are appended, under a lock, with an atomic replace.
    An id is made from the source id when none is given. A claim in JSON may carry a
    new "source", "claimant", "via" or "measure" as a nested object; the options
    below are the columns of claims.csv.

    \b
    Example:
        claimtrack add --measure-id flood-deaths --claimant-id relief-agency \\
            --source-id daily-ledger-2024-05-02 --figure-text "at least 1,200" \\
            --qualifier "at least" --low 1200 --said-on 2024-05-01 \\
            --said-on-basis "inferred from weekday" --quote "..."
        claimtrack show daily-ledger-2024-05-02-03 --format json | claimtrack add --file -
    """

    given = {name: value for name, value in columns.items() if value is not None}
    if file_path and given:
        fail("give the claim either with --file or with column options, not both")
    if file_path:
        items = _read_items(file_path)
    elif given:
        items = [given]
    elif ask or sys.stdin.isatty():
        items = [_prompted(package_dir)]
    else:
        fail("no claim given: use column options (see --help), --file ROW.json, or --prompt")
    record(package_dir, items, archive)


@click.command()
@package_option
@archive_option
@click.argument("claim_id")
@click.option(
    "--set",
    "status",
    required=True,
    metavar="STATUS",
    help="The new status: tentative, confirmed, realised, not realised, superseded, retracted.",
)
@click.option("--by", metavar="CLAIM_ID", help="The claim that settled this one (required for superseded).")
@click.option("--note", help="Why, in a sentence; kept in status_note.")
def status(package_dir, archive, claim_id, status, by, note) -> None:
    """Move a claim through its lifecycle, naming the claim that settled it.

    Moves that make no sense are refused with the reason: a settled claim
    (realised, not realised, superseded, retracted) is not reopened, and only a
    date can be realised. Nothing is deleted; the package is validated with the
    change before it is written.

    \b
    Example:
        claimtrack status daily-ledger-2024-05-02-03 --set superseded --by evening-courier-2024-05-09-01 \\
            --note "The agency gave a higher toll a week later."
    """
    from claimtrack.io import storage
    from claimtrack.tracking import recording

    try:
        change = recording.set_status(package_dir, claim_id, status, by=by, note=note, archive=archive, on_wait=waiting)
    except recording.RecordingError as error:
        fail(str(error), error.problems)
    except storage.WriteError as error:
        fail(str(error))
    before = change.before
    settled = f", settled by {by}" if by else ""
    click.echo(f"{claim_id}: {before['status']} -> {status}{settled}.")
