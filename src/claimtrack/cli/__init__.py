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


class _Group(click.Group):
    """The group, refusing an argument that is not text before any command reads it."""

    def main(self, args=None, *rest, **options):
        import sys

        from claimtrack.validation import backend

        backend.SPARE_PANDAS = True  # the process is claimtrack's own: see backend
        given = list(sys.argv[1:] if args is None else args)
        for position in range(len(given)):
            problem = _not_text(given, position)
            if problem:
                click.echo(f"Error: {problem}", err=True)
                sys.exit(2)
        return super().main(given, *rest, **options)


def _not_text(given: list[str], position: int) -> str | None:
    """What is wrong with the argument at ``position`` when it is not text (a byte that
    is not UTF-8, held by Python as a surrogate), naming the option it is the value of."""
    from claimtrack.model.characters import surrogate

    arg = given[position]
    found = surrogate(arg) if isinstance(arg, str) else None
    if found is None:
        return None
    if arg.startswith("--") and "=" in arg:
        what = f"the value of {arg.split('=', 1)[0]}"
    elif position > 0 and given[position - 1].startswith("-") and not arg.startswith("-"):
        what = f"the value of {given[position - 1]}"
    else:
        what = "the argument " + arg.encode("utf-8", "backslashreplace").decode("utf-8")
    code = ord(found)
    if 0xDC80 <= code <= 0xDCFF:
        return (
            f"{what} holds the byte 0x{code - 0xDC00:02X}, which is not UTF-8 (text typed or pasted in another "
            "encoding, such as Latin-1): set the terminal to UTF-8 and type it again"
        )
    return f"{what} holds U+{code:04X}, half of a surrogate pair, which is no character on its own"


@click.group(cls=_Group, context_settings=CONTEXT)
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
