"""What one validation run knows and works out once: the typed tables, and the
partial-date spans and key look-ups that several rules need.

A million-row look-up of claim ids builds a hash table of a million keys; the
foreign-key check and the rules that follow ``settled_by`` share one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from claimtrack.tables import kernels


@dataclass
class Context:
    """The typed tables of the package, keyed by resource name."""

    tables: dict[str, pd.DataFrame]
    # The cells as written, by table: what the corrections log is checked against.
    cells: dict[str, pd.DataFrame] = field(default_factory=dict)
    # The column that names a row of each table: what the corrections log's row ids are.
    keys: dict[str, str] = field(default_factory=dict)
    # For each table, the values of each column in the rows left out for their length.
    unread: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    _spans: dict = field(default_factory=dict, repr=False)
    _positions: dict = field(default_factory=dict, repr=False)

    def span(self, table: str, column: str) -> tuple[pd.Series, pd.Series]:
        """The first and last day each partial date of ``table.column`` can mean."""
        key = (table, column)
        if key not in self._spans:
            from claimtrack.tables.typed import partial_date_span

            self._spans[key] = partial_date_span(self.tables[table][column])
        return self._spans[key]

    def positions(self, table: str, column: str, target: str, key: str) -> np.ndarray:
        """For each row of ``table``, the row of ``target`` whose ``key`` equals its
        ``column``; -1 where there is none."""
        wanted = (table, column, target, key)
        if wanted not in self._positions:
            self._positions[wanted] = kernels.positions(self.tables[table][column], self.tables[target][key])
        return self._positions[wanted]

    def follow(self, table: str, column: str, target: str, key: str, value: str) -> pd.Series:
        """``target.value`` of the row each ``table.column`` refers to; missing where none."""
        where = self.positions(table, column, target, key)
        return kernels.take(self.tables[target][value], where, self.tables[table].index)
