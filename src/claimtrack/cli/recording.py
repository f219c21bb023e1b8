"""The commands that change the record: add a claim, add a source, claimant or measure,
move a claim through its lifecycle."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import click

from claimtrack.cli.common import (
    CONTEXT,
    UNREADABLE,
    archive_option,
    echo,
    fail,
    given_at_prompt,
    given_by_options,
    given_in_csv,
    given_in_file,
    package_option,
    read_text_file,
    record,
    recorded,
    waiting,
)
from claimtrack.cli.correcting import dry_run_option, on_option, paths_of, reason_option, say_change
from claimtrack.model import paths

CONTEXT_HELP = set(CONTEXT["help_option_names"])


class _Columns(click.Command):
    """A command with one option per column of one of the package's tables (``resource``,
    the claims by default).

    The options are read from the schema of the package the command works on, so
    they always match it: `--measure-id`, `--figure-text`, `--said-on` and so on.
    """

    def __init__(self, *args, resource: str = "claims", **kwargs):
        super().__init__(*args, **kwargs)
        self.resource = resource

    def parse_args(self, ctx, args):
        fixed = [p for p in self.params if not getattr(p, "from_schema", False)]
        self.params = fixed + _column_options(_package_in(args), self.resource, helping=bool(CONTEXT_HELP & set(args)))
        return super().parse_args(ctx, args)


def _package_in(args: list[str]) -> Path:
    for i, arg in enumerate(args):
        if arg in ("-p", "--package") and i + 1 < len(args):
            return Path(args[i + 1])
        if arg.startswith("--package="):
            return Path(arg.split("=", 1)[1])
    return Path(".")


def _column_options(package_dir: Path, resource: str, helping: bool = False) -> list[click.Option]:
    """The options of ``resource``'s columns; outside a package, that there is none
    (unless help is asked for, which lists the options claimtrack takes everywhere)."""
    from claimtrack.model.package import no_package, read_package
    from claimtrack.model.problems import ValidationError

    try:
        fields = read_package(package_dir).resource(resource).fields
    except ValidationError as error:
        if no_package(error.problems) and not helping:
            fail(no_package(error.problems))
        return []
    except KeyError:
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


def _read_items(source: str) -> tuple[list[dict], object]:
    """The rows in a --file: JSON (an object, or an array of them), or CSV with a header
    of column names (as `list --format csv` prints), an empty CSV cell being no value;
    and where each was given in it."""
    import json

    text = read_text_file(source)
    name = "standard input" if source == "-" else source
    if not text.lstrip("\ufeff \t\r\n").startswith(("{", "[")):
        return _csv_items(text, name)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        fail(f"{name} is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}")
    items = data if isinstance(data, list) else [data]
    if not all(isinstance(item, dict) for item in items):
        fail("the JSON must be an object of column names and values, or an array of such objects")
    where = given_in_file(name, isinstance(data, list))
    for number, item in enumerate(items, start=1):
        for key, surrogate in _lone_surrogates(item):
            fail(
                f"{where(number, '', key)}: holds {surrogate.encode('unicode_escape').decode()}, half of a pair "
                "that is no character on its own (a \\u escape whose other half is missing); write the text itself"
            )
    return items, where


def _lone_surrogates(value, key: str = ""):
    """Each (key, character) where a string of a JSON value, or a key, holds half of a
    UTF-16 surrogate pair, which JSON can write and no UTF-8 file can hold."""
    from claimtrack.model.characters import surrogate

    if isinstance(value, str):
        if (found := surrogate(value)) is not None:
            yield key, found
    elif isinstance(value, dict):
        for name, inner in value.items():
            inner_key = ".".join(filter(None, (key, str(name))))
            if (found := surrogate(str(name))) is not None:
                yield inner_key, found
            yield from _lone_surrogates(inner, inner_key)
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _lone_surrogates(inner, f"{key}[{index}]")


def _csv_items(text: str, name: str) -> tuple[list[dict], object]:
    import csv
    import io

    from claimtrack.io import textfile

    reader = textfile.csv_reader(io.StringIO(text.lstrip("\ufeff"), newline=""), strict=True)
    try:
        rows = list(reader)
    except csv.Error as error:
        fail(f"{name} is neither JSON nor readable CSV: {error} (line {reader.line_num})")
    if not rows or not any(rows[0]):
        fail(f"{name} is empty: give JSON, or CSV with a header of column names")
    header = rows[0]
    items, lines = [], []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            fail(f"{name}, line {line}: {len(row)} cells for the header's {len(header)} columns")
        items.append({column: cell for column, cell in zip(header, row) if cell != ""})
        lines.append(line)
    if not items:
        fail(f"{name} has a header but no rows")
    return items, given_in_csv(name, lines)


@contextlib.contextmanager
def _kept_if_refused(package_dir: Path, items: list[dict], asked: bool, noun: str, command: str):
    """When the entry typed at the prompts is refused, its answers kept in a file the user
    can fix and hand back with --file, so that nothing typed is lost."""
    try:
        yield
    except SystemExit as stop:
        if asked and stop.code:
            import datetime as dt
            import json

            path = paths.refused_entry(package_dir, noun, dt.datetime.now().strftime("%Y%m%d-%H%M%S"))
            path.parent.mkdir(parents=True, exist_ok=True)
            entry = items if len(items) > 1 else items[0]
            path.write_text(json.dumps(entry, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            echo(f"Your answers are kept in {path}: fix what is wrong there and run: {command} --file {path}", err=True)
        raise


def _ask(label: str, default: str) -> str:
    return click.prompt(label, default=default, show_default=bool(default), err=True)


def _say(line: str) -> None:
    echo(line, err=True)


def _prompted(package_dir: Path) -> dict:
    """A claim asked for at the terminal, column by column."""
    from claimtrack.tracking.recording import prompted_claim

    return prompted_claim(package_dir, ask=_ask, say=_say)


@click.command(cls=_Columns)
@package_option
@archive_option
@click.option(
    "--file",
    "file_path",
    metavar="FILE",
    help="Read the claim (or an array of claims) from this JSON file, or the claims from this CSV file "
    "(a header of column names, as list --format csv prints); - for standard input.",
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
    below are the columns of claims.csv. A claim recorded already, or under a taken
    id, is refused; one with the same measure, claimant, figure and date said as a
    recorded one is added with a warning naming it (it may be an appearance of it).

    \b
    Example:
        claimtrack add --measure-id flood-deaths --claimant-id relief-agency \\
            --source-id daily-ledger-2024-05-02 --figure-text "at least 1,200" \\
            --qualifier "at least" --low 1200 --said-on 2024-05-01 \\
            --said-on-basis "inferred from weekday" --quote "..."
        claimtrack show daily-ledger-2024-05-02-03 --format json > claim.json
        # remove "claim_id" and "appearances", change what is new, then:
        claimtrack add --file claim.json
    """

    given = {name: value for name, value in columns.items() if value is not None}
    if file_path and given:
        fail("give the claim either with --file or with column options, not both")
    if file_path:
        items, origin = _read_items(file_path)
    elif given:
        items, origin = [given], given_by_options
    elif ask or sys.stdin.isatty():
        items, origin = [_prompted(package_dir)], given_at_prompt
    else:
        fail("no claim given: use column options (see --help), --file ROW.json, or --prompt")
    with _kept_if_refused(package_dir, items, origin is given_at_prompt, "claim", "claimtrack add"):
        record(package_dir, items, archive, origin)


@click.command()
@package_option
@archive_option
@click.argument("claim_id")
@click.option(
    "--set",
    "status",
    metavar="STATUS",
    help="The new status: tentative, confirmed, realised, not realised, superseded, retracted.",
)
@click.option("--by", metavar="CLAIM_ID", help="The claim that settled this one (required for superseded).")
@click.option("--note", help="Why, in a sentence; kept in status_note.")
@click.option(
    "--undo",
    is_flag=True,
    help="Undo the claim's last status move, made by mistake: its status, settled_by and note as they were (with --reason).",
)
@reason_option
@on_option
@dry_run_option
def status(package_dir, archive, claim_id, status, by, note, undo, reason, day, dry_run) -> None:
    """Move a claim through its lifecycle, naming the claim that settled it; or undo a move.

    Moves that make no sense are refused with the reason: a settled claim
    (realised, not realised, superseded, retracted) is not reopened, and only a
    date can be realised. Nothing is deleted; the package is validated with the
    change before it is written. Each move is kept in data/corrections.csv, so that a
    move made by mistake can be undone: --undo puts back the status, settled_by and
    status note the claim had before its last move, logged as a correction with its
    --reason (--on and --dry-run as for `claimtrack correct`).

    \b
    Example:
        claimtrack status daily-ledger-2024-05-02-03 --set superseded --by evening-courier-2024-05-09-01 \\
            --note "The agency gave a higher toll a week later."
        claimtrack status daily-ledger-2024-05-02-03 --undo --reason "Set by mistake: the later toll is of another flood."
    """
    from claimtrack.tracking import correcting

    if undo:
        if status or by or note:
            fail("--undo puts back what the last move changed: give it without --set, --by or --note")
        if not reason:
            fail("an undone status move says why: give --reason")
        change = recorded(
            lambda: correcting.undo_status(
                package_dir,
                claim_id,
                reason,
                on=day.date() if day else None,
                dry_run=dry_run,
                archive=archive,
                on_wait=waiting,
            )
        )
        say_change(change, dry_run, *paths_of(package_dir, "claims"))
        return
    if not status:
        raise click.UsageError("give the new status with --set STATUS, or undo the last move with --undo")
    if reason or day or dry_run:
        fail("--reason, --on and --dry-run go with --undo; a move's reason is its --note")
    change = recorded(
        lambda: correcting.set_status(package_dir, claim_id, status, by=by, note=note, archive=archive, on_wait=waiting)
    )
    before = change.before
    settled = f", settled by {by}" if by else ""
    echo(f"{claim_id}: {before['status']} -> {status}{settled}.")


# --- The rows claims point to: a source, a claimant, a measure ----------------------------------
#
# Each is a group, so that more verbs can join `add` (`claimtrack source list`). Their
# `add` takes the table's columns as options read from its schema, as `claimtrack add`
# takes the claims'.


def _file_option(noun: str):
    return click.option(
        "--file",
        "file_path",
        metavar="FILE",
        help=f"Read the {noun} (or an array of them) from this JSON file, or from this CSV file with a "
        "header of column names; - for standard input.",
    )


def _prompt_option(function):
    return click.option(
        "--prompt",
        "ask",
        is_flag=True,
        help="Ask for each column in turn (the default in a terminal when nothing else is given).",
    )(function)


def _package(package_dir: Path):
    """The package's descriptor and schemas; when they cannot be read, the problems and exit status 1."""
    from claimtrack.model.package import read_package
    from claimtrack.model.problems import ValidationError

    try:
        return read_package(package_dir)
    except ValidationError as error:
        fail(UNREADABLE, error.problems)


def _rows_given(
    package_dir: Path, resource: str, file_path: str | None, ask: bool, columns: dict, hints: dict | None = None
) -> tuple[list[dict], object, bool]:
    """The rows to add, from --file, from the column options, or asked for at the
    terminal; where they were given (as ``recording.Origin`` takes it); and whether
    they were asked for."""
    from claimtrack.tracking.recording import prompted_row

    noun = _package(package_dir).resource(resource).noun
    given = {name: value for name, value in columns.items() if value is not None}
    if file_path and given:
        fail(f"give the {noun} either with --file or with column options, not both")
    if file_path:
        return *_read_items(file_path), False
    if given:
        return [given], given_by_options, False
    if ask or sys.stdin.isatty():
        return [prompted_row(package_dir, resource, ask=_ask, say=_say, hints=hints)], given_at_prompt, True
    fail(f"no {noun} given: use column options (see --help), --file ROW.json, or --prompt")


def _say_added(package_dir: Path, resource: str, change, steps: list[tuple[str, str]], uses: list[str]) -> None:
    """Say what was written, then the next steps: ``steps`` (a command with {id} where the
    new id goes, and what it does) and a claim naming the row, one per column of the
    claims table that refers to ``resource`` (``uses`` says what each such claim is)."""
    for name in change.declared:
        echo(f"Declared the topic {name!r} in {paths.DESCRIPTOR}.")
    for path in change.added:
        echo(f"Added {', '.join(change.ids)} to {path}.")
    package = _package(package_dir)
    target = package.resource(resource)
    row_id = change.ids[0] if len(change.ids) == 1 else target.key.upper()
    columns = [join.column for join in package.resource("claims").joins if join.table == resource]
    claims = [(f"claimtrack add --{column.replace('_', '-')} {{id}} ...", use) for column, use in zip(columns, uses)]
    lines = [(command.format(id=row_id), what) for command, what in steps + claims]
    width = max(len(command) for command, _ in lines)
    echo("Next:")
    for command, what in lines:
        echo(f"  {command.ljust(width)}   {what}")


@click.group()
def source() -> None:
    """Record the sources: the documents claims are read in.

    \b
    Example:
        claimtrack source add --help
    """


@source.command("add", cls=_Columns, resource="sources")
@package_option
@archive_option
@_file_option("source")
@_prompt_option
def source_add(package_dir, archive, file_path, ask, **columns) -> None:
    """Record a new source: from flags, from a JSON file, or by prompts.

    The whole package is validated with the new rows before anything is written; on
    any problem the problems are printed, the exit status is 1 and every file is left
    as it was. On success the rows are appended, under a lock, with an atomic replace.
    An id is made from the publisher and the publication date when none is given,
    never one already taken. The options below are the columns of sources.csv.

    \b
    Example:
        claimtrack source add --publisher "The Daily Ledger" \\
            --title "Flood toll rises to 41" --published-on 2024-05-02 \\
            --url https://example.org/daily-ledger/flood-toll --kind "news report" --language en
        claimtrack source add --file sources.json
    """
    from claimtrack.tracking import recording

    items, origin, asked = _rows_given(package_dir, "sources", file_path, ask, columns)
    with _kept_if_refused(package_dir, items, asked, "source", "claimtrack source add"):
        change = recorded(
            lambda: recording.add_rows(package_dir, "sources", items, archive=archive, on_wait=waiting, origin=origin)
        )
    steps = [("claimtrack archive {id} FILE_OR_URL", "archive its text, to check quotes against")]
    _say_added(package_dir, "sources", change, steps, ["record a claim read in it"])


@click.group()
def claimant() -> None:
    """Record the claimants: the people and bodies who make claims or pass them on.

    \b
    Example:
        claimtrack claimant add --help
    """


@claimant.command("add", cls=_Columns, resource="claimants")
@package_option
@archive_option
@_file_option("claimant")
@_prompt_option
def claimant_add(package_dir, archive, file_path, ask, **columns) -> None:
    """Record a new claimant: from flags, from a JSON file, or by prompts.

    The whole package is validated with the new rows before anything is written; on
    any problem the problems are printed, the exit status is 1 and every file is left
    as it was. On success the rows are appended, under a lock, with an atomic replace.
    An id is made from the name when none is given (a short form in brackets at the end
    of the name is used alone), never one already taken. The options below are the
    columns of claimants.csv.

    \b
    Example:
        claimtrack claimant add --name "Regional Flood Office (RFO)" --kind "government body"
        claimtrack claimant add --name "Dana Example" --kind person --role "spokeswoman of the flood office"
    """
    from claimtrack.tracking import recording

    items, origin, asked = _rows_given(package_dir, "claimants", file_path, ask, columns)
    with _kept_if_refused(package_dir, items, asked, "claimant", "claimtrack claimant add"):
        change = recorded(
            lambda: recording.add_rows(package_dir, "claimants", items, archive=archive, on_wait=waiting, origin=origin)
        )
    _say_added(package_dir, "claimants", change, [], ["record a claim they made", "or one they passed on"])


@click.group()
def measure() -> None:
    """Record the measures: what a figure measures, in which unit, within which topic.

    \b
    Example:
        claimtrack measure add --help
    """


@measure.command("add", cls=_Columns, resource="measures")
@package_option
@archive_option
@_file_option("measure")
@_prompt_option
@click.option(
    "--new-topic",
    is_flag=True,
    help=f"Declare the measure's topic in {paths.DESCRIPTOR} when it is not declared yet, in the same change.",
)
@click.option("--topic-title", metavar="TEXT", help="The title of the new topic, for its chart (with --new-topic).")
def measure_add(package_dir, archive, file_path, ask, new_topic, topic_title, **columns) -> None:
    """Record a new measure: from flags, from a JSON file, or by prompts.

    A measure's topic must be one of the topics datapackage.json declares; with
    --new-topic a topic not declared yet is declared there in the same change, the
    descriptor and the measure checked together and both written or neither. The whole
    package is validated with the new rows before anything is written; on any problem
    the problems are printed, the exit status is 1 and every file is left as it was.
    An id is made from the label when none is given, never one already taken. The
    options below are the columns of measures.csv.

    \b
    Example:
        claimtrack measure add --label "Deaths in the spring floods" --topic "flood toll" \\
            --new-topic --topic-title "The flood's death toll" --kind count --unit people \\
            --scope "deaths in the river valley from the May floods, all causes" \\
            --sentence "{figure} people had died in the floods"
    """
    from claimtrack.tracking import recording

    if topic_title is not None and not new_topic:
        fail("--topic-title titles a new topic: give --new-topic with it")
    declared = [topic.name for topic in _package(package_dir).topics]
    listed = "one of: " + ", ".join(declared) if declared else "none is declared yet"
    hint = listed + ("; or a new one" if new_topic else "; a new one needs --new-topic")
    items, origin, asked = _rows_given(package_dir, "measures", file_path, ask, columns, hints={"topic": hint})
    new = [item["topic"] for item in items if item.get("topic") and item["topic"] not in declared]
    if asked and new_topic and topic_title is None and new:
        topic_title = _ask(f"title of the new topic {new[0]!r} (optional)", "").strip() or None
    with _kept_if_refused(package_dir, items, asked, "measure", "claimtrack measure add"):
        change = recorded(
            lambda: recording.add_measures(
                package_dir,
                items,
                new_topic=new_topic,
                topic_title=topic_title,
                archive=archive,
                on_wait=waiting,
                origin=origin,
            )
        )
    if topic_title and not change.declared:
        _say(f"The topic is declared already: its title in {paths.DESCRIPTOR} is left as it is.")
    _say_added(package_dir, "measures", change, [], ["record a figure of it"])
