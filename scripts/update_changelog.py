"""Regenerate CHANGELOG.md from the git history of the package's data.

Run from the repository root:  .venv/bin/python scripts/update_changelog.py
"""

import sys
from pathlib import Path

from claimtrack.publishing.changelog import ChangelogError, update_changelog

if __name__ == "__main__":
    root = Path(__file__).resolve().parents[1]
    try:
        changed = update_changelog(root)
    except ChangelogError as error:
        sys.exit(f"CHANGELOG.md not updated: {error}")
    print("CHANGELOG.md updated." if changed else "CHANGELOG.md is up to date.")
