"""The command line: one group, a module per family of verbs, and the options they share."""

from __future__ import annotations

from claimtrack.cli.commands import main

__all__ = ["main"]
