"""The command line: one group, a module per family of verbs, the options they share.

The commands parse their options, call the stage that does the work and print what
it gives back; heavy libraries are imported inside them, so the group starts fast.
"""

from __future__ import annotations

import click

from claimtrack import __version__
from claimtrack.cli import archiving, checking, correcting, extracting, reading, recording, starting
from claimtrack.cli.common import CONTEXT, echo


def _version(ctx: click.Context, _param, value: bool) -> None:
    """The tool's version, and the version of the package in the current folder, if any:
    the two are numbered apart (a tool serves many packages)."""
    if not value or ctx.resilient_parsing:
        return
    import json
    from pathlib import Path

    from claimtrack.model import paths

    echo(f"claimtrack {__version__} (the tool)")
    try:
        descriptor = json.loads(Path(paths.DESCRIPTOR).read_text(encoding="utf-8"))
        name, version = descriptor.get("name"), descriptor.get("version")
    except (OSError, ValueError, AttributeError):
        name = version = None
    if isinstance(name, str) and isinstance(version, str):
        echo(f"{name} {version} (the data package in this folder)")
    ctx.exit()


@click.group(context_settings=CONTEXT)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_version,
    help="Show the tool's version and the version of the package in this folder, and exit.",
)
def main() -> None:
    """claimtrack: disputed figures with their claimants, sources and dates.

    Keeps figures as curated CSVs under data/, checks them against the schemas in
    schemas/, and turns them into charts that set competing estimates side by side.
    Every command works on the package in the current folder; -p DIR for another.

    \b
    Example:
        claimtrack validate
        claimtrack build
    """


for command in (
    starting.init,
    checking.validate,
    checking.build,
    checking.publish,
    reading.list_command,
    reading.show,
    reading.compare,
    reading.history,
    reading.cite,
    recording.add,
    recording.status,
    correcting.correct,
    recording.source,
    recording.claimant,
    recording.measure,
    archiving.archive_command,
    extracting.extract,
):
    main.add_command(command)

__all__ = ["main"]
