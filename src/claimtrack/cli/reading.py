"""The commands that read the record: list, show, compare, history and cite."""

from __future__ import annotations

import click

from claimtrack.cli.common import DAY, UNREADABLE, echo, fail, format_option, load_tables, package_option

_CLAIMS_JSON = "an array of objects keyed by the claims table's own columns"


@click.command(name="list")
@package_option
@click.option("--measure", metavar="MEASURE_ID", help="Only claims of this measure.")
@click.option(
    "--claimant",
    metavar="CLAIMANT",
    help="Only claims by this claimant: its id, or its name or an alias in any case, or a part of one "
    "that only it has.",
)
@click.option("--status", help="Only claims with this status (reported, not realised, superseded, ...).")
@format_option("text", "json", "csv", "markdown", json=_CLAIMS_JSON)
def list_command(package_dir, measure, claimant, status, output_format) -> None:
    """List the claims, filtered by measure, claimant or status.

    json and csv print every column of claims.csv, so a claim can be edited and
    handed back to `claimtrack add --file`.

    \b
    Example:
        claimtrack list --measure flood-deaths
        claimtrack list --claimant relief-agency --format json
        claimtrack list --claimant "flood relief agency"
    """
    from claimtrack.cli import output
    from claimtrack.tracking import queries

    tables = load_tables(package_dir)
    try:
        match = queries.find_claimant(tables, claimant) if claimant is not None else None
        if match and match.said(claimant):
            echo(match.said(claimant), err=True)
        claimant_id = match.claimant_id if match else None
        claims = queries.list_claims(tables, measure=measure, claimant=claimant_id, status=status)
    except queries.TrackingError as error:
        fail(str(error))
    echo(
        output.render(claims, output_format, _claims_columns(tables), queries.LIST_COLUMNS), raw=output_format == "csv"
    )
    if output_format == "text":
        echo(f"{len(claims)} claim(s).", err=True)


@click.command()
@package_option
@click.argument("claim_id")
@format_option(
    "text",
    "json",
    "csv",
    text="a card with the claim's source, claimant, dates, quote and status",
    json="the claim's columns with its measure, claimant, via and source as nested objects, "
    "the shape `claimtrack add --file` takes",
    csv="the claim's row of claims.csv with its header, as list --format csv prints it",
)
def show(package_dir, claim_id, output_format) -> None:
    """Show one claim with its source, claimant, intermediary, dates, quote and status.

    \b
    Example:
        claimtrack show daily-ledger-2024-05-02-03
    """
    import json

    from claimtrack.tracking import cards, queries
    from claimtrack.tracking.citing import cite

    tables = load_tables(package_dir)
    try:
        record = cards.claim_record(tables, claim_id)
    except queries.TrackingError as error:
        fail(str(error))
    if output_format == "json":
        echo(json.dumps(record, ensure_ascii=False, indent=2))
    elif output_format == "csv":
        from claimtrack.cli import output

        shown = [claim for claim in tables["claims"] if claim["claim_id"] == claim_id]
        echo(output.render(shown, "csv", _claims_columns(tables)), raw=True)
    else:
        echo(cards.card(tables, record, cite(package_dir, claim_id)))


@click.command()
@package_option
@click.argument("measures", nargs=-1, required=True, metavar="MEASURE...")
@click.option("--as-of", type=DAY, help="Only what was known on this day (YYYY-MM-DD).")
@click.option(
    "--within",
    metavar="AGE",
    help="Leave out a claimant's latest figure when it is older than this before --as-of (or the latest "
    "claim): 90d, 12w, 6m, 1y.",
)
@format_option("text", "json", "csv", "markdown", json=_CLAIMS_JSON)
def compare(package_dir, measures, as_of, within, output_format) -> None:
    """Set the competing estimates of a measure side by side.

    For each claimant, its latest claim made on or before --as-of (default: all
    claims), with bounds and qualifier and its status as known on that day, and the
    spread between the lowest and the highest figure still asserted. A claimant's
    latest denial or doubt is shown beside its latest assertion, never in its place.
    MEASURE is a measure id or a topic ("death toll"); figures of measures with
    different scopes are shown with a warning that they are not comparable. json and
    csv print the claims' own columns; the spread and warnings go to standard error.

    \b
    Example:
        claimtrack compare flood-deaths --as-of 2024-05-02
        claimtrack compare flood-deaths --as-of 2024-05-02 --within 90d
        claimtrack compare "death toll" --format markdown
    """
    from claimtrack.cli import output
    from claimtrack.tracking import queries

    try:
        within_days = queries.age_in_days(within) if within else None
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--within") from None
    tables = load_tables(package_dir)
    try:
        result = queries.compare(tables, list(measures), as_of=as_of.date() if as_of else None, within_days=within_days)
    except queries.TrackingError as error:
        fail(str(error))
    if output_format in ("json", "csv"):
        echo(output.render(result.estimates, output_format, _claims_columns(tables)), raw=output_format == "csv")
        for line in result.summary():
            echo(line, err=True)
        return
    if result.estimates:
        echo(output.render(result.estimates, output_format, result.columns()))
    for line in output.notes(result.summary(), output_format):
        echo(line)


@click.command()
@package_option
@click.argument("measure")
@format_option("text", "json", "csv", "markdown", json=_CLAIMS_JSON)
def history(package_dir, measure, output_format) -> None:
    """The claims of one measure in the order they were made, and which settled which.

    In text and markdown, the corrections made to these claims follow the table: when,
    what each cell was and became, and why.

    \b
    Example:
        claimtrack history talks-date
    """
    from claimtrack.cli import output
    from claimtrack.tracking import cards, queries

    tables = load_tables(package_dir)
    try:
        claims = queries.history(tables, measure)
    except queries.TrackingError as error:
        fail(str(error))
    if output_format in ("json", "csv"):
        echo(output.render(claims, output_format, _claims_columns(tables)), raw=output_format == "csv")
        return
    echo(output.render(queries.for_reading(claims), output_format, queries.history_columns(claims)))
    corrected = cards.corrections(tables, "claims", [claim["claim_id"] for claim in claims])
    if corrected and output_format == "text":
        echo("")
    for line in output.notes([f"{c.row_id} corrected {c.line()}" for c in corrected], output_format):
        echo(line)


@click.command()
@package_option
@click.argument("claim_ids", nargs=-1, required=True, metavar="CLAIM_ID...")
def cite(package_dir, claim_ids) -> None:
    """Write the attribution sentence a reporter pastes into copy.

    The qualifier in words, the claimant as the data describes them, how the claim
    travelled, when it was made and where it was published; one sentence per claim.

    \b
    Example:
        claimtrack cite daily-ledger-2024-05-02-03
    """
    from claimtrack.model.problems import ValidationError
    from claimtrack.tracking.citing import CiteError, NotCitable
    from claimtrack.tracking.citing import cite as sentence

    for claim_id in claim_ids:
        try:
            echo(sentence(package_dir, claim_id))
        except NotCitable as error:
            _refuse_to_cite(package_dir, error)
        except ValidationError as error:
            fail(UNREADABLE, error.problems)
        except CiteError as error:
            fail(str(error))


def _refuse_to_cite(package_dir, error) -> None:
    """Validate the package to say what is wrong with a claim that cannot be cited; a
    claim validation finds nothing wrong with is claimtrack's own error, and raised."""
    tables = load_tables(package_dir)
    if any(claim["claim_id"] == error.claim_id for claim in tables["claims"]):
        raise error.__cause__ or error
    fail(f"{error} (above); fix it first, or run claimtrack validate")


def _claims_columns(tables) -> list[str]:
    """The claims table's own columns, in its schema's order: what json and csv print."""
    return tables.package.resource("claims").field_names
