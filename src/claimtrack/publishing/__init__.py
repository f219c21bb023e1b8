"""What an editor ships: the release zip, the SQLite database for Datasette, the static
site, the changelog and the README's generated parts."""

from __future__ import annotations

from claimtrack.publishing.run import Published, PublishRefused, publish, reasons_to_refuse

__all__ = ["PublishRefused", "Published", "publish", "reasons_to_refuse"]
