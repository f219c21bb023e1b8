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
    from claimtrack.model.problems import format_json, format_text
    from claimtrack.validation.run import validate

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


@main.command()
@package_option
@archive_option
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write the release, the database and the site.  [default: dist/ in the package folder]",
)
def publish(package_dir: Path, archive: Path | None, out_dir: Path | None) -> None:
    """Make the release zip, the SQLite database for Datasette and the static site.

    Writes DIR/NAME-VERSION.zip (the declared files, validated once unzipped),
    DIR/NAME.db with DIR/metadata.json, and DIR/site/index.html. Refuses, with the
    reasons, exit status 1 and nothing written, when the package is invalid, its
    version is not semantic, or the charts are stale (run claimtrack build).

    \b
    Example:
        claimtrack build --archive ../shared/corpus
        claimtrack publish --archive ../shared/corpus --out dist
        datasette dist/claimtrack-syria.db --metadata dist/metadata.json
    """
    from claimtrack.publishing import run as publishing

    def progress(line: str) -> None:
        click.echo(f"  {line}", err=True)

    try:
        result = publishing.publish(package_dir, out_dir, archive=archive, progress=progress, on_wait=_waiting)
    except publishing.PublishRefused as refused:
        _fail(str(refused), refused.problems)
    for path in result.written:
        click.echo(f"Wrote {path}" + ("/index.html" if path.is_dir() else ""))


def format_option(*choices: str):
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help="table: for reading; json: an array of objects keyed by the table's own columns; csv: the same as CSV"
        + ("; markdown: a table to paste into a story" if "markdown" in choices else "")
        + ".",
    )


def _fail(message: str, problems=None) -> None:
    from claimtrack.model.problems import format_text

    if problems:
        click.echo(format_text(problems, limit=50), err=True)
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


def _load(package_dir: Path):
    """The package's tables, validated; on any problem, the problems and exit 1."""
    from claimtrack.model.problems import ValidationError
    from claimtrack.validation.loading import load

    try:
        return load(package_dir)
    except ValidationError as error:
        _fail("the package is not valid; fix it before reading it (claimtrack validate)", error.problems)


def _waiting() -> None:
    click.echo("Another claimtrack command is changing this package; waiting for it to finish...", err=True)


LIST_COLUMNS = ["claim_id", "measure_id", "claimant_id", "figure_text", "said_on", "status"]


@main.command(name="list")
@package_option
@click.option("--measure", metavar="MEASURE_ID", help="Only claims of this measure.")
@click.option("--claimant", metavar="CLAIMANT_ID", help="Only claims by this claimant.")
@click.option("--status", help="Only claims with this status (reported, not realised, superseded, ...).")
@format_option("table", "json", "csv")
def list_command(package_dir, measure, claimant, status, output_format) -> None:
    """List the claims, filtered by measure, claimant or status.

    json and csv print every column of claims.csv, so a claim can be edited and
    handed back to `claimtrack add --file`.

    \b
    Example:
        claimtrack list --measure syria-deaths
        claimtrack list --claimant sohr --format json
    """
    from claimtrack.cli import output
    from claimtrack.tracking import queries as tracking

    tables = _load(package_dir)
    try:
        claims = tracking.list_claims(tables, measure=measure, claimant=claimant, status=status)
    except tracking.TrackingError as error:
        _fail(str(error))
    click.echo(output.render(claims, output_format, LIST_COLUMNS))
    if output_format == "table":
        click.echo(f"{len(claims)} claim(s).", err=True)


@main.command()
@package_option
@click.argument("claim_id")
@format_option("table", "json")
def show(package_dir, claim_id, output_format) -> None:
    """Show one claim with its source, claimant, intermediary, dates, quote and status.

    json prints the claim's columns with its source, claimant, via and measure as
    nested objects: the shape `claimtrack add --file` takes.

    \b
    Example:
        claimtrack show mt-2013-05-16-09
    """
    import json

    from claimtrack.cli import output
    from claimtrack.io.rows import RELATED
    from claimtrack.tracking import queries as tracking
    from claimtrack.tracking.citing import cite

    tables = _load(package_dir)
    try:
        claim = tracking.get_claim(tables, claim_id)
    except tracking.TrackingError as error:
        _fail(str(error))
    related = {}
    for name, (table, column) in RELATED.items():
        frame = tables[table]
        key = frame.columns[0]
        match = frame[frame[key] == claim[column]] if output.plain(claim[column]) is not None else frame.iloc[0:0]
        related[name] = output.records(match)[0] if len(match) else None
    record = output.records(claim.to_frame().T)[0]
    appearances = tables["appearances"]
    also = output.records(appearances[appearances["claim_id"] == claim_id].drop(columns="claim_id"))
    if output_format == "json":
        click.echo(json.dumps(record | related | {"appearances": also}, ensure_ascii=False, indent=2))
        return
    sources = {row["source_id"]: row for row in output.records(tables["sources"])}
    settles = tracking.settled_by_this(tables, claim_id)
    click.echo(_card(record, related, settles, also, sources, cite(package_dir, claim_id)))


def _card(claim: dict, related: dict, settles: list[str], also: list[dict], sources: dict, sentence: str) -> str:
    from claimtrack.tracking import style

    def text(value) -> str:
        return "" if value is None else str(value)

    measure, claimant, via, source = related["measure"], related["claimant"], related["via"], related["source"]
    figure = claim["figure_text"] + f" ({claim['qualifier']}"
    for column in ("low", "value", "high", "date_from", "date_to"):
        if claim[column] is not None:
            figure += f"; {column} {claim[column]}"
    figure += ")"
    who = claimant["name"] + "".join(
        f"; {claimant[c]}" for c in ("role", "affiliation", "stance", "description") if claimant.get(c)
    )
    said = text(claim["said_on"]) or "not stated"
    said += f" ({claim['said_on_basis']}" + (f': "{claim["said_on_text"]}"' if claim["said_on_text"] else "") + ")"
    published = style.day(source["published_on"]) or "no date on the page"
    lines = [
        ("claim", claim["claim_id"]),
        ("measure", f"{measure['label']} [{measure['measure_id']}], {measure['scope']}"),
        ("figure", figure),
        ("claimant", who),
        ("via", f"{via['name']} ({claim['via_relation']})" if via else ""),
        ("source", f'{source["publisher"]}, "{text(source["title"])}", {published}\n{source["url"]}'),
        ("said on", said),
        ("as of", (text(claim["as_of"]) + (f" ({claim['as_of_basis']})" if claim["as_of_basis"] else "")) or ""),
        ("status", claim["status"] + (f", settled by {claim['settled_by']}" if claim["settled_by"] else "")),
        ("status note", text(claim["status_note"])),
        ("settled", ", ".join(settles)),
        ("quote", claim["quote"]),
        ("also in", "\n".join(_reported_again(a, sources[a["source_id"]]) for a in also)),
        ("note", text(claim["note"])),
        ("cite", sentence),
    ]
    width = max(len(label) for label, _ in lines)
    out = []
    for label, value in lines:
        if not value:
            continue
        first, *rest = value.split("\n")
        out.append(f"{label:<{width}}  {first}")
        out.extend(" " * (width + 2) + line for line in rest)
    return "\n".join(out)


def _reported_again(appearance: dict, source: dict) -> str:
    from claimtrack.tracking import style

    published = style.day(source["published_on"])
    via = f", via {appearance['via_id']}" if appearance["via_id"] else ""
    return f"{source['publisher']}{f' ({published})' if published else ''}{via}: {appearance['quote']}\n{source['url']}"


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


def _read_text(source: str | Path) -> str:
    """A UTF-8 text file (or standard input, for -) as text; anything else is a clear error."""
    name = "standard input" if source == "-" else str(source)
    try:
        data = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    except OSError as error:
        _fail(f"cannot read {name}: {error.strerror}")
    from claimtrack.io import textfile

    nul = textfile.nul_byte(data)
    if nul is not None:
        _fail(f"{name} is not a text file: it holds a NUL byte at offset {nul.offset}; save it as UTF-8 text")
    try:
        return textfile.decode(data)
    except textfile.NotUTF8 as error:
        bad = error.spot
        _fail(
            f"{name} is not UTF-8: byte 0x{bad.byte:02x} at offset {bad.offset} (line {bad.line}) "
            "cannot be read; save it as UTF-8 text"
        )


def _read_items(source: str) -> list[dict]:
    import json

    text = _read_text(source)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        _fail(
            f"{'standard input' if source == '-' else source} is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        )
    items = data if isinstance(data, list) else [data]
    if not all(isinstance(item, dict) for item in items):
        _fail("the JSON must be an object of column names and values, or an array of such objects")
    return items


def _prompted(package_dir: Path) -> dict:
    """A claim asked for column by column, with a new source or claimant described when its id is new."""
    from claimtrack.io.rows import iter_rows
    from claimtrack.model.package import read_package

    package = read_package(package_dir)
    claim: dict = {}
    known = {
        name: {row[package.resource(name).primary_key[0]] for row in iter_rows(package, name)}
        for name in ("sources", "claimants", "measures")
    }
    lookups = {"source_id": "sources", "claimant_id": "claimants", "via_id": "claimants", "measure_id": "measures"}
    nested_name = {"source_id": "source", "claimant_id": "claimant", "via_id": "via", "measure_id": "measure"}
    click.echo("Record a claim. Press Enter to leave an optional column empty.", err=True)
    for spec in package.resource("claims").fields:
        name = spec["name"]
        required = spec.get("constraints", {}).get("required", False)
        enum = spec.get("constraints", {}).get("enum")
        label = name + (" (one of: " + ", ".join(enum) + ")" if enum else "") + ("" if required else " (optional)")
        if name == "claim_id":
            label = "claim_id (optional: made from the source id when empty)"
            required = False
        default = "reported" if name == "status" else ""
        value = click.prompt(label, default=default, show_default=bool(default), err=True).strip()
        while required and not value:
            value = click.prompt(f"{name} is required", err=True).strip()
        claim[name] = value or None
        table = lookups.get(name)
        if value and table and value not in known[table]:
            click.echo(f"{value!r} is new in {table}: describe it.", err=True)
            row = {}
            for other in package.resource(table).fields:
                key = other["name"]
                if key == package.resource(table).primary_key[0]:
                    row[key] = value
                    continue
                needed = other.get("constraints", {}).get("required", False)
                answer = click.prompt(
                    f"  {key}" + ("" if needed else " (optional)"), default="", show_default=False, err=True
                )
                row[key] = answer.strip() or None
            claim[nested_name[name]] = row
            known[table].add(value)
    return claim


@main.command(cls=_ClaimColumns)
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
        claimtrack add --measure-id syria-deaths --claimant-id sohr \\
            --source-id mt-2013-05-16 --figure-text "at least 94,000" \\
            --qualifier "at least" --low 94000 --said-on 2013-05-14 \\
            --said-on-basis "inferred from weekday" --quote "..."
        claimtrack show mt-2013-05-16-09 --format json | claimtrack add --file -
    """

    given = {name: value for name, value in columns.items() if value is not None}
    if file_path and given:
        _fail("give the claim either with --file or with column options, not both")
    if file_path:
        items = _read_items(file_path)
    elif given:
        items = [given]
    elif ask or sys.stdin.isatty():
        items = [_prompted(package_dir)]
    else:
        _fail("no claim given: use column options (see --help), --file ROW.json, or --prompt")
    _record(package_dir, items, archive)


def _record(package_dir: Path, items: list[dict], archive: Path | None) -> None:
    """Add the claims through the checked, locked path; say what was written and cite it."""
    from claimtrack.io import storage
    from claimtrack.tracking import recording
    from claimtrack.tracking.citing import cite

    try:
        change = recording.add_claims(package_dir, items, archive=archive, on_wait=_waiting)
    except recording.RecordingError as error:
        _fail(str(error), error.problems)
    except storage.WriteError as error:
        _fail(str(error))
    for path, count in change.added.items():
        click.echo(f"Added {count} row(s) to {path}.")
    for claim_id in change.claim_ids:
        click.echo(f"{claim_id}: {cite(package_dir, claim_id)}")


@main.command()
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
        claimtrack status mt-2013-05-16-02 --set superseded --by lead-2013-06-05-01 \\
            --note "Brahimi said the conference could not take place in June."
    """
    from claimtrack.io import storage
    from claimtrack.tracking import recording

    try:
        change = recording.set_status(
            package_dir, claim_id, status, by=by, note=note, archive=archive, on_wait=_waiting
        )
    except recording.RecordingError as error:
        _fail(str(error), error.problems)
    except storage.WriteError as error:
        _fail(str(error))
    before = change.before
    settled = f", settled by {by}" if by else ""
    click.echo(f"{claim_id}: {before['status']} -> {status}{settled}.")


COMPARE_COLUMNS = [
    "claimant_name",
    "figure_text",
    "qualifier",
    "low",
    "value",
    "high",
    "date_from",
    "date_to",
    "said_on",
    "status",
    "claim_id",
]


@main.command()
@package_option
@click.argument("measures", nargs=-1, required=True, metavar="MEASURE...")
@click.option(
    "--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), help="Only what was known on this day (YYYY-MM-DD)."
)
@format_option("table", "json", "csv", "markdown")
def compare(package_dir, measures, as_of, output_format) -> None:
    """Set the competing estimates of a measure side by side.

    For each claimant, its latest claim made on or before --as-of (default: all
    claims), with bounds and qualifier, and the spread between the lowest and the
    highest figure. MEASURE is a measure id or a topic ("death toll"); figures of
    measures with different scopes are shown with a warning that they are not
    comparable. json and csv print the claims' own columns; the spread and warnings
    go to standard error.

    \b
    Example:
        claimtrack compare syria-deaths --as-of 2013-05-16
        claimtrack compare "death toll" --format markdown
    """
    from claimtrack.cli import output
    from claimtrack.tracking import queries as tracking

    tables = _load(package_dir)
    try:
        result = tracking.compare(tables, list(measures), as_of=as_of.date() if as_of else None)
    except tracking.TrackingError as error:
        _fail(str(error))
    estimates = result.estimates
    columns = (["measure_id"] if len(result.measures) > 1 else []) + COMPARE_COLUMNS
    columns = [
        c
        for c in columns
        if c in ("measure_id", "claimant_name", "figure_text", "qualifier", "said_on", "status", "claim_id")
        or estimates[c].notna().any()
    ]
    lines = []
    if result.spread:
        lines.append(f"Spread: {result.spread}.")
    lines += [f"Warning: {w}." for w in result.warnings] + [f"Note: {n}." for n in result.notes]
    if estimates.empty:
        lines.insert(
            0, "No claims of " + ", ".join(result.measures) + (" were made by then." if as_of else " are recorded.")
        )
    if output_format in ("json", "csv"):
        click.echo(output.render(estimates[tables["claims"].columns], output_format))
        for line in lines:
            click.echo(line, err=True)
        return
    if not estimates.empty:
        click.echo(output.render(estimates, output_format, columns))
    prefix = "\n" if output_format == "markdown" else ""
    for line in lines:
        click.echo(prefix + (line.replace("Warning:", "**Warning:**") if output_format == "markdown" else line))


@main.command()
@package_option
@click.argument("measure")
@format_option("table", "json", "csv")
def history(package_dir, measure, output_format) -> None:
    """The claims of one measure in the order they were made, and which settled which.

    \b
    Example:
        claimtrack history geneva-2-date
    """
    from claimtrack.cli import output
    from claimtrack.tracking import queries as tracking

    tables = _load(package_dir)
    try:
        claims = tracking.history(tables, measure)
    except tracking.TrackingError as error:
        _fail(str(error))
    if output_format != "table":
        click.echo(output.render(claims[tables["claims"].columns], output_format))
        return
    shown = claims.assign(said_on=claims["said_on"].fillna("not stated"))
    click.echo(
        output.render(
            shown, "table", ["said_on", "claimant_id", "figure_text", "status", "settled_by", "settles", "claim_id"]
        )
    )


@main.command()
@package_option
@click.argument("claim_ids", nargs=-1, required=True, metavar="CLAIM_ID...")
def cite(package_dir, claim_ids) -> None:
    """Write the attribution sentence a reporter pastes into copy.

    The qualifier in words, the claimant as the data describes them, how the claim
    travelled, when it was made and where it was published; one sentence per claim.

    \b
    Example:
        claimtrack cite mt-2013-05-16-09
    """
    from claimtrack.model.problems import ValidationError
    from claimtrack.tracking.citing import CiteError
    from claimtrack.tracking.citing import cite as sentence

    for claim_id in claim_ids:
        try:
            click.echo(sentence(package_dir, claim_id))
        except (CiteError, ValidationError) as error:
            _fail(str(error))


EXTRACT_COLUMNS = ["id", "text", "qualifier", "figure", "said_on", "claimant", "measure"]


@main.command()
@package_option
@archive_option
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--published", required=True, type=click.DateTime(formats=["%Y-%m-%d"]), help="The article's publication date."
)
@click.option("--source-id", metavar="ID", help="The article's source_id in sources.csv (needed to accept drafts).")
@click.option("--accept", metavar="all|ID,...", help="Record these drafts as claims, through the same checks as add.")
@format_option("table", "json")
def extract(package_dir, archive, file, published, source_id, accept, output_format) -> None:
    """Draft claims from a plain-text article, for review.

    Finds every figure (numbers with their qualifiers, dates and ranges, vague words
    like "several"), the sentence it stands in, the speaker where an attribution
    names one, and when it was said, resolving "on Tuesday" or "last week" against
    --published. Nothing is written unless drafts are accepted with --accept; they
    then go through the same validation and locked, atomic write as `claimtrack add`.

    \b
    Example:
        claimtrack extract article.txt --published 2013-05-16
        claimtrack extract article.txt --published 2013-05-16 \\
            --source-id mt-2013-05-16 --accept d14,d20
    """
    import json

    from claimtrack import extracting
    from claimtrack.io.rows import iter_rows
    from claimtrack.model.package import read_package
    from claimtrack.model.problems import ValidationError

    try:
        package = read_package(package_dir)
        measures = list(iter_rows(package, "measures"))
    except (ValidationError, KeyError, OSError):
        package, measures = None, []  # drafting needs no package; accepting does
    text = _read_text(file)
    drafts = extracting.extract(text, published.date(), measures)
    if not accept:
        if output_format == "json":
            click.echo(json.dumps([d.to_dict() for d in drafts], ensure_ascii=False, indent=2))
        else:
            click.echo(_drafts_table(drafts) if drafts else "No figures found.")
            click.echo(f"{len(drafts)} draft(s) from {file}; nothing written (--accept records them).", err=True)
        return
    if package is None:
        _fail(f"{package_dir} holds no valid datapackage.json to record claims in")
    if not source_id:
        _fail("--accept needs --source-id, the article's row in sources.csv")
    wanted = {d.id for d in drafts} if accept == "all" else {part.strip() for part in accept.split(",") if part.strip()}
    unknown = sorted(wanted - {d.id for d in drafts})
    if unknown:
        _fail(f"no draft {', '.join(unknown)}; the drafts are d01 to d{len(drafts):02d}")
    source = next((row for row in iter_rows(package, "sources") if row["source_id"] == source_id), None)
    if source is None:
        _fail(f"there is no source {source_id!r} in {package.resource('sources').path}; add it first")
    chosen = [d for d in drafts if d.id in wanted]
    try:
        items = extracting.to_claims(chosen, source, list(iter_rows(package, "claimants")))
    except extracting.AcceptError as error:
        _fail(str(error))
    _record(package_dir, items, archive)


def _drafts_table(drafts) -> str:
    from tabulate import tabulate

    from claimtrack.tracking import style

    def figure(d) -> str:
        if d.date_from or d.date_to:
            return " to ".join(x for x in (d.date_from, d.date_to) if x) if d.date_from != d.date_to else d.date_from
        return " to ".join(style.number(x) for x in (d.low, d.value, d.high) if x is not None)

    rows = [
        [d.id, d.text, d.qualifier, figure(d), d.said_on or "not stated", d.claimant or "", d.measure or ""]
        for d in drafts
    ]
    return tabulate(
        rows, headers=["draft", "figure as written", "qualifier", "figure", "said on", "speaker", "measure"]
    )


if __name__ == "__main__":  # pragma: no cover
    main()
