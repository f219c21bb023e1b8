"""The package's tables as pandas: cells typed from the schemas, partial dates as the
days they can mean, the claims joined to what they point at, and the Arrow kernels
that keep all of it fast on large tables."""

from __future__ import annotations


class Tables(dict):
    """The package's typed tables by resource name, also reachable as attributes
    (``tables.claims``). ``package`` is the package they were read from: its schemas say
    how the tables join."""

    def __init__(self, package, frames=()):
        super().__init__(frames)
        self.package = package

    def replaced(self, **frames) -> Tables:
        """These tables with some of them replaced, from the same package."""
        return Tables(self.package, {**self, **frames})

    def __getattr__(self, name: str):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(f"the package has no table named {name!r}") from None
