"""The README's command reference, made from each command's own --help, so the two cannot
drift (sqlite-utils generates its CLI reference the same way)."""

from __future__ import annotations

from pathlib import Path

import click

# The help is laid out for this many columns, whatever the terminal: the same text everywhere.
WIDTH = 100


def _group() -> click.Group:
    from claimtrack.cli import main

    return main


def commands() -> list[str]:
    """Every command a user runs, in alphabetical order: a group's subcommands in its
    place ("source add"), the group itself only gathering them."""

    def walk(group: click.Group, prefix: str) -> list[str]:
        found = []
        for name in sorted(group.commands):
            command = group.commands[name]
            if isinstance(command, click.Group):
                found += walk(command, f"{prefix}{name} ")
            else:
                found.append(prefix + name)
        return found

    return walk(_group(), "")


def _command(path: str) -> click.Command:
    command = _group()
    for name in path.split():
        command = command.commands[name]
    return command


def help_text(command: str, package_dir: Path | str = ".") -> str:
    """``claimtrack COMMAND --help`` as it prints, read in ``package_dir``: ``add`` takes its
    column options from the schema of the package there. ``command`` may name a
    subcommand: "source add"."""
    import os

    from click.testing import CliRunner

    previous = os.getcwd()
    os.chdir(package_dir)
    try:
        result = CliRunner().invoke(
            _group(),
            [*command.split(), "--help"],
            prog_name="claimtrack",
            terminal_width=WIDTH,
            catch_exceptions=False,
        )
    finally:
        os.chdir(previous)
    if result.exit_code != 0:
        raise RuntimeError(f"claimtrack {command} --help failed: {result.stderr}")
    return result.stdout


def anchor(command: str) -> str:
    """The README heading's anchor for a command: #claimtrack-source-add."""
    return "#claimtrack-" + command.replace(" ", "-")


def summary() -> str:
    """A table of the commands, each with the first line of its help."""
    lines = ["| command | what it does |", "|---|---|"]
    for name in commands():
        first = (_command(name).help or "").strip().split("\n\n", 1)[0]
        lines.append(f"| [`claimtrack {name}`]({anchor(name)}) | {' '.join(first.split())} |")
    return "\n".join(lines)


def reference(package_dir: Path | str = ".") -> str:
    """Every command's --help, in alphabetical order, each under its own heading."""
    blocks = []
    for name in commands():
        blocks.append(f"#### claimtrack {name}\n\n```\n{help_text(name, package_dir).rstrip()}\n```")
    return "\n\n".join(blocks)
