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


def help_text(command: str, package_dir: Path | str = ".") -> str:
    """``claimtrack COMMAND --help`` as it prints, read in ``package_dir``: ``add`` takes its
    column options from the schema of the package there."""
    import os

    from click.testing import CliRunner

    previous = os.getcwd()
    os.chdir(package_dir)
    try:
        result = CliRunner().invoke(
            _group(), [command, "--help"], prog_name="claimtrack", terminal_width=WIDTH, catch_exceptions=False
        )
    finally:
        os.chdir(previous)
    if result.exit_code != 0:
        raise RuntimeError(f"claimtrack {command} --help failed: {result.stderr}")
    return result.stdout


def summary() -> str:
    """A table of the commands, each with the first line of its help."""
    group = _group()
    lines = ["| command | what it does |", "|---|---|"]
    for name in sorted(group.commands):
        first = (group.commands[name].help or "").strip().split("\n\n", 1)[0]
        lines.append(f"| [`claimtrack {name}`](#claimtrack-{name}) | {' '.join(first.split())} |")
    return "\n".join(lines)


def reference(package_dir: Path | str = ".") -> str:
    """Every command's --help, in alphabetical order, each under its own heading."""
    blocks = []
    for name in sorted(_group().commands):
        blocks.append(f"#### claimtrack {name}\n\n```\n{help_text(name, package_dir).rstrip()}\n```")
    return "\n\n".join(blocks)
