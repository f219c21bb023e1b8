"""The package's tables: cells typed from the schemas (in polars, and as pandas for
``claimtrack.load()``), partial dates as the days they can mean, the claims joined to
what they point at, and the polars kernels that keep all of it fast on large tables."""

from __future__ import annotations


class Tables(dict):
    """The package's typed tables (pandas DataFrames, or polars frames) by resource name,
    also reachable as attributes (``tables.claims``). ``package`` is the package they were
    read from: its schemas say how the tables join. Read with rows left out (``claimtrack.load(on_error="skip")``),
    ``problems`` lists the package's problems and ``left_out`` the ids of the rows left
    out, by table; both are empty for a valid package."""

    def __init__(self, package, frames=()):
        super().__init__(frames)
        self.package = package
        self.problems = []
        self.left_out = {}

    def replaced(self, **frames) -> Tables:
        """These tables with some of them replaced, from the same package."""
        tables = Tables(self.package, {**self, **frames})
        tables.problems, tables.left_out = self.problems, self.left_out
        return tables

    def __getattr__(self, name: str):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(f"the package has no table named {name!r}") from None
