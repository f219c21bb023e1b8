"""What one validation run knows and works out once: the typed tables, and the
partial-date spans and key look-ups that several rules need.

A million-row look-up of claim ids hashes a million keys; the rules that follow
``settled_by`` share one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl


@dataclass
class Context:
    """The typed tables of the package (polars frames), keyed by resource name."""

    tables: dict[str, pl.DataFrame]
    # The cells as written, by table: what the corrections log is checked against.
    cells: dict[str, pl.DataFrame] = field(default_factory=dict)
    # The column that names a row of each table: what the corrections log's row ids are.
    keys: dict[str, str] = field(default_factory=dict)
    # For each table, the values of each column in the rows left out for their length.
    unread: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    _spans: dict = field(default_factory=dict, repr=False)
    _firsts: dict = field(default_factory=dict, repr=False)

    def span(self, table: str, column: str) -> tuple[pl.Series, pl.Series]:
        """The first and last day each partial date of ``table.column`` can mean."""
        key = (table, column)
        if key not in self._spans:
            from claimtrack.tables.typed import partial_date_span

            self._spans[key] = partial_date_span(self.tables[table][column])
        return self._spans[key]

    def follow(self, table: str, column: str, target: str, key: str, value: str) -> pl.Series:
        """``target.value`` of the row each ``table.column`` refers to (the first row with
        that ``key``); null where there is none."""
        wanted = (table, column, target, key)
        if wanted not in self._firsts:
            # Only the rows of the keys named are looked at: settled_by names a few
            # claims of a million, and a million keys are not hashed for them.
            named = self.tables[table][column].drop_nulls().unique()
            rows = self.tables[target].filter(pl.col(key).is_in(named.implode()))
            self._firsts[wanted] = rows.unique(subset=[key], keep="first", maintain_order=True)
        firsts = self._firsts[wanted].select(pl.col(key).alias(column), pl.col(value).alias("__value"))
        looked = self.tables[table].select(column).join(firsts, on=column, how="left", maintain_order="left")
        return looked["__value"].alias(value)
