"""The command line: one group, a module per family of verbs, the options they share.

The commands parse their options, call the stage that does the work and print what
it gives back; heavy libraries are imported inside them, so the group starts fast.
"""

from __future__ import annotations

import click

from claimtrack import __version__
from claimtrack.cli import archiving, checking, correcting, extracting, reading, recording, starting
from claimtrack.cli.common import CONTEXT


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, prog_name="claimtrack")
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
