"""Primary and foreign keys, as the schemas declare them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from claimtrack.model.package import Package, Resource
from claimtrack.tables.typed import missing_mask
from claimtrack.validation.engine import Rule, per_value
from claimtrack.validation.fields import _unique_rule


def key_rules(
    package: Package,
    resource: Resource,
    cells: pd.DataFrame,
    lines: np.ndarray,
    all_cells: dict[str, pd.DataFrame],
    ctx,
) -> list[Rule]:
    """Primary and foreign keys, from the schema."""
    rules: list[Rule] = []
    key = resource.primary_key
    if key:
        missing = pd.concat([missing_mask(resource, cells[k]) for k in key], axis=1).any(axis=1)
        rules.append(_unique_rule(key, cells, missing, lines, "primary-key"))
    for foreign in resource.foreign_keys:
        rules.extend(_foreign_key_rules(package, resource, foreign, cells, all_cells, ctx))
    return rules


def _foreign_key_rules(package, resource, foreign, cells, all_cells, ctx) -> list[Rule]:
    fields, target_name, target_fields = foreign.fields, foreign.resource, foreign.keys
    if target_name not in all_cells:
        return []  # the referenced table could not be read; its own problems say why
    target = package.resource(target_name)
    column = cells[fields[0]]
    missing = missing_mask(resource, column)
    found = ctx.positions(resource.name, fields[0], target_name, target_fields[0]) >= 0
    # A key in a row left out for its length is there, only unreadable: that row's problem says so.
    unread = ctx.unread.get(target_name, {}).get(target_fields[0])
    if unread:
        found = found | column.isin(unread).to_numpy(dtype=bool)
    ok = missing | found
    what = f"{target_fields[0]} in {target.path}"
    return [Rule("foreign-key", fields[0], lambda: ok, per_value(column, lambda v: f"{v!r} is not a {what}"))]
