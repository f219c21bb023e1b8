"""The command that drafts claims from an article: extract."""

from __future__ import annotations

from pathlib import Path

import click

from claimtrack.cli.common import DAY, archive_option, echo, fail, format_option, package_option, read_text_file, record


@click.command()
@package_option
@archive_option
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--published", required=True, type=DAY, help="The article's publication date.")
@click.option("--source-id", metavar="ID", help="The article's source_id in sources.csv (needed to accept drafts).")
@click.option(
    "--accept",
    metavar="all|ID,...",
    help="Record these drafts as claims, through the same checks as add (all: every draft offered as a claim).",
)
@click.option("--all", "with_set_aside", is_flag=True, help="With --format json, the drafts set aside too.")
@format_option(
    "text",
    "json",
    json='an array of the drafts as claims in the shape add --file takes, each with what the draft found under "draft"',
)
def extract(package_dir, archive, file, published, source_id, accept, with_set_aside, output_format) -> None:
    """Draft claims from a plain-text article, for review.

    Finds every figure (numbers with their qualifiers, dates and ranges, vague words
    like "several"), the sentence it stands in, the speaker where an attribution
    names one (in the sentence, or the sentence before for "It said" or a sentence
    that goes on with none), and when it was said, resolving "on Tuesday" or "last
    week" against --published. Drafts that are most likely not claims (the day a
    statement was made, a past day, a dateline, a length of time, a year, a
    population) are set aside, listed below the others with the reason, unless a
    measure of the package tracks them. A figure in a clause that describes something
    ("..., where a war may have cost 9,000 lives") after a speaker's verb may be the
    writer's words, not the speaker's: its speaker is listed as in doubt, and it is
    recorded only through add, with the claimant named. Nothing is written unless
    drafts are accepted with --accept; they then go through the same validation and
    locked, atomic write as `claimtrack add`.

    With --format json the drafts offered as claims (--all: and those set aside) are
    claims as `claimtrack add --file` takes them: fill in what is missing (null
    claimant_id or measure_id), drop the drafts that are not claims, and hand the file
    to add.

    \b
    Example:
        claimtrack extract article.txt --published 2024-05-02
        claimtrack extract article.txt --published 2024-05-02 \\
            --source-id daily-ledger-2024-05-02 --accept d14,d20
        claimtrack extract article.txt --published 2024-05-02 \\
            --source-id daily-ledger-2024-05-02 --format json > drafts.json
        claimtrack add --file drafts.json
    """
    import json

    from claimtrack import extracting
    from claimtrack.cli import output
    from claimtrack.io.rows import iter_rows
    from claimtrack.model.package import read_package
    from claimtrack.model.problems import ValidationError

    try:
        package = read_package(package_dir)
        measures = list(iter_rows(package, "measures"))
    except (ValidationError, KeyError, OSError):
        package, measures = None, []  # drafting needs no package; accepting does
    drafts = extracting.extract(read_text_file(file), published.date(), measures)
    offered = extracting.offered(drafts)
    aside = [d for d in drafts if d.set_aside]
    if not accept:
        if output_format == "json":
            rows = extracting.for_adding(package, extracting.ranked(drafts) if with_set_aside else offered, source_id)
            echo(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if not drafts:
            echo("No figures found.")
        if offered:
            echo(output.rows_table([d.for_reading() for d in offered]))
        doubted = [d for d in offered if d.doubt]
        if doubted:
            echo(
                "\nWho said these is in doubt (--accept takes none of them; record them with add, naming the claimant):"
            )
            echo(output.rows_table([d.why_in_doubt() for d in doubted]))
        if aside:
            echo(("\n" if offered else "") + "Set aside as most likely no claim (--accept takes one by its id):")
            echo(output.rows_table([d.why_set_aside() for d in aside]))
        echo(
            f"{len(drafts)} draft(s) from {file}, {len(aside)} of them set aside; nothing written "
            "(--accept records them).",
            err=True,
        )
        return
    try:
        items = extracting.accepted_claims(package, package_dir, drafts, accept, source_id)
    except extracting.AcceptError as error:
        fail(str(error))
    record(package_dir, items, archive)
