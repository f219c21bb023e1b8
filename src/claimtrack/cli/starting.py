"""The command that starts a package: init."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from claimtrack.cli.common import echo, fail
from claimtrack.starting.licences import DEFAULT, LICENCES


def _asked(value: str | None, question: str, default: str, ask: bool) -> str:
    if value is not None:
        return value
    return click.prompt(question, default=default, show_default=bool(default)) if ask else default


@click.command()
@click.argument("folder", type=click.Path(file_okay=True, path_type=Path))
@click.option("--name", help="Short name of the package: it names the release files.  [default: from FOLDER]")
@click.option("--title", help="The package's title: what story its figures are from.  [default: the name]")
@click.option("--description", help="A sentence or two on what the package tracks.")
@click.option(
    "--license",
    "licence",
    type=click.Choice(list(LICENCES), case_sensitive=False),
    help=f"The data's licence, by its SPDX identifier.  [default: {DEFAULT}]",
)
@click.option("--author", help="Who makes the package, as its citation should name them.")
@click.option(
    "--prompt/--no-prompt", "ask", default=None, help="Ask for what is not given (the default in a terminal)."
)
def init(folder: Path, name, title, description, licence, author, ask) -> None:
    """Start a new package in FOLDER: empty tables, ready to validate, build and publish.

    Writes datapackage.json (Data Package v2), the schemas, a header-only CSV per
    table, a README with its data dictionary, CITATION.cff, CHANGELOG.md, the
    licences, a Makefile (make build, make publish), an archive/ folder for the
    sources' texts and a .gitignore. FOLDER must be new or empty; nothing is
    written unless all of it is, and the new package is validated first.

    \b
    Example:
        claimtrack init flood-2024 --title "Deaths in the 2024 river floods" \\
            --description "Death tolls from officials, aid groups and hospitals." --license CC-BY-4.0
        cd flood-2024 && claimtrack validate && make build
    """
    from claimtrack.starting import StartError, Story, name_from, start_package

    ask = sys.stdin.isatty() if ask is None else ask
    name = _asked(name, "Name (it names the release files)", name_from(folder), ask)
    title = _asked(title, "Title", name, ask)
    description = _asked(description, "Description", "", ask)
    licence = _asked(licence, f"Licence ({', '.join(LICENCES)})", DEFAULT, ask)
    author = _asked(author, "Author", "", ask)
    try:
        written = start_package(folder, Story(name, title, description, licence, author))
    except StartError as error:
        fail(str(error))
    echo(f"Started {name} in {folder}: {len(written)} files.")
    echo("Next: record a source, a claimant and a measure, then claims:")
    echo(f"  cd {folder}")
    echo("  claimtrack source add --prompt        # the report the figures were read in")
    echo("  claimtrack measure add --prompt --new-topic")
    echo("  claimtrack add --prompt")
    echo("  make build")
