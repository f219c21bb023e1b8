"""The command that stores a source's text, for its quotes to be checked against: archive."""

from __future__ import annotations

from pathlib import Path

import click

from claimtrack.cli.common import DAY, echo, fail, package_option, recorded, waiting


@click.command("archive")
@package_option
@click.argument("source_id")
@click.argument("file_or_url", metavar="FILE_OR_URL")
@click.option(
    "--accessed-on",
    type=DAY,
    help="The day the text was taken from the document, when not today (YYYY-MM-DD).",
)
@click.option("--replace", is_flag=True, help="Archive this text in place of the one the source already has.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=30.0,
    show_default=True,
    help="Seconds to wait for a web address to answer.",
)
def archive_command(
    package_dir: Path, source_id: str, file_or_url: str, accessed_on, replace: bool, timeout: float
) -> None:
    """Store a source's text in archive/, so that its quotes are checked against it.

    FILE_OR_URL is a plain-text file (copied as it is; it must be UTF-8 text), a
    saved web page (.html: only the article's main text is kept, extracted by
    trafilatura), or the page's http(s) address, fetched. The text goes to
    archive/SOURCE_ID.txt, or to the file name the source's row already records, and
    the row gets its archive_file, archive_sha256 and accessed_on (today, or
    --accessed-on). Every quote of the source is checked against the text first; on
    any problem nothing is written. A source that already has an archived text keeps
    it unless --replace is given.

    \b
    Example:
        claimtrack archive daily-ledger-2024-05-02 flood-toll-rises.txt
        claimtrack archive daily-ledger-2024-05-02 saved-page.html --accessed-on 2024-05-03
        claimtrack archive daily-ledger-2024-05-02 https://example.org/story --replace
    """
    from claimtrack.io import sourcetext
    from claimtrack.tracking import archiving

    recorded(lambda: archiving.check_source(package_dir, source_id, replace))
    try:
        source = sourcetext.read_source(file_or_url, timeout=timeout)
    except sourcetext.NotArchivable as error:
        fail(f"{error}; nothing was written")
    done = recorded(
        lambda: archiving.archive_text(
            package_dir,
            source_id,
            source.data,
            accessed_on=accessed_on.date() if accessed_on else None,
            replace=replace,
            exact=source.exact,
            on_wait=waiting,
        )
    )
    for line in report(done, source.how):
        echo(line)


def report(done, how: str) -> list[str]:
    """What was written, in a few lines a journalist reads: the file, its size and
    fingerprint, the row, and the quotes now checked."""
    if done.restored and not done.row_changed:
        lines = [
            f"Restored {done.path}, the very text {done.sources_path} records for {done.source_id} "
            f"({how}): {done.characters:,} characters, SHA-256 {done.sha256}.",
            f"{done.sources_path} is unchanged.",
        ]
    else:
        lines = [
            f"Archived the text of {done.source_id} in {done.path} ({how}): "
            f"{done.characters:,} characters, SHA-256 {done.sha256}.",
        ]
        if not done.accessed_on_column:
            day = "; it has no accessed_on column, so the day is not recorded"
        else:
            day = f", accessed_on {done.accessed_on}" if done.accessed_on else ", accessed_on left empty"
        lines.append(f"Recorded in {done.sources_path}: archive_file, archive_sha256{day}.")
    if done.quotes_checked:
        lines.append(
            f"{done.quotes_checked} quote(s) of {done.source_id} now checked against it: "
            f"all {done.quotes_checked} found word for word."
        )
    else:
        lines.append(f"{done.source_id} has no quotes yet: those recorded from now on are checked against it.")
    return lines
