"""What an editor ships: the release zip, the SQLite database for Datasette, the static
site, the changelog and the README's generated parts."""
