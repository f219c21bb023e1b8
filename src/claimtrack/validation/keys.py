"""Primary and foreign keys, as the schemas declare them."""

from __future__ import annotations

import polars as pl

from claimtrack.model.package import ForeignKey, Package, Resource
from claimtrack.validation.engine import Passes, Rule
from claimtrack.validation.fields import unique_rule


def key_rules(package: Package, resource: Resource, ctx) -> list[Rule]:
    """The primary key is unique; every foreign key names a row of the table it refers to.
    A key in a table that could not be read is not checked: that table's problems say why."""
    rules: list[Rule] = []
    if resource.primary_key:
        rules.append(unique_rule(resource.primary_key, "primary-key"))
    for foreign in resource.foreign_keys:
        if foreign.resource in ctx.tables:
            rules.append(_foreign_key_rule(package, foreign, ctx))
    return rules


def _foreign_key_rule(package: Package, foreign: ForeignKey, ctx) -> Rule:
    target, key = package.resource(foreign.resource), foreign.keys[0]
    # A key in a row left out for its length is there, only unreadable: that row's problem says so.
    unread = sorted(ctx.unread.get(foreign.resource, {}).get(key, set()))
    there = ctx.tables[foreign.resource][key].cast(pl.String)
    keys = pl.concat([there, pl.Series(key, unread, dtype=pl.String)]).drop_nulls()

    def found(frame: pl.LazyFrame, name: str) -> pl.LazyFrame:
        # The few distinct values named are looked for among the keys (a settled_by
        # names a few claims of a million), not a million keys hashed for each check.
        named = frame.select(pl.col(name).drop_nulls().unique()).collect().to_series()
        there = keys.filter(keys.is_in(named.implode())).unique()
        return frame.select(pl.col(name).is_in(there.implode()))

    return Rule(
        "foreign-key",
        foreign.fields[0],
        Passes(found, of_frame=True),
        f"{{cell!r}} is not a {key} in {target.path}: add the {target.noun} first with `{adding_verb(target)}`",
    )


def adding_verb(resource: Resource) -> str:
    """The command that adds a row to ``resource``, named by what its row is called:
    `claimtrack source add` for a source, `claimtrack measure add` for a measure; the
    claims, the record's main table, have `claimtrack add`."""
    return "claimtrack add" if resource.name == "claims" else f"claimtrack {resource.noun} add"
