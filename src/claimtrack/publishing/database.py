"""The SQLite database that Datasette serves, built with sqlite-utils from the schemas.

One table per resource, with the schema's column types, required columns as NOT
NULL, its primary key and its foreign keys; an index on every foreign key; a view
per table that has foreign keys, joining each row to the rows it refers to (claims
to their measure, claimant, intermediary and source); and full-text search (FTS5)
over the quotes and the figures as said. ``datasette_metadata`` describes it all for
Datasette: title, licence, source, and every column, from the descriptor and schemas.

Rows go in in the CSV files' order, so the same package gives the same tables.
"""

from __future__ import annotations

from pathlib import Path

from claimtrack.io.rows import iter_rows
from claimtrack.model.package import Package, Resource

# Table Schema type -> SQLite column type (via the Python type sqlite-utils maps).
COLUMN_TYPES = {"string": str, "integer": int, "number": float, "date": str, "boolean": int}
# Columns indexed for full-text search, where a table has them.
SEARCHABLE = ("quote", "figure_text")
# The column Datasette shows for a row that another table points to, first found wins.
LABEL_COLUMNS = ("name", "label", "publisher", "title")
VIEW_SUFFIX = "_full"
TRUE_VALUES = {"true", "True", "TRUE", "1"}


class DatabaseError(RuntimeError):
    """The database does not hold what the package holds."""


def foreign_keys(resource: Resource) -> list[tuple[str, str, str]]:
    """(column, table, column) for each foreign key, as sqlite-utils takes them."""
    return [(key.fields[0], key.resource, key.keys[0]) for key in resource.foreign_keys]


def _ordered(package: Package) -> list[Resource]:
    """The resources with every table another refers to before it."""
    done: list[Resource] = []
    waiting = list(package.resources)
    while waiting:
        ready = [
            r
            for r in waiting
            if all(table in {d.name for d in done} or table == r.name for _, table, _ in foreign_keys(r))
        ]
        if not ready:
            raise DatabaseError(
                "the foreign keys of " + ", ".join(r.name for r in waiting) + " refer to each other in a circle"
            )
        done += ready
        waiting = [r for r in waiting if r not in ready]
    return done


def _typed(resource: Resource, row: dict[str, str]) -> dict:
    missing = set(resource.missing_values)
    typed = {}
    for field in resource.fields:
        value = row.get(field["name"])
        kind = field.get("type", "string")
        if value is None or value in missing:
            typed[field["name"]] = None
        elif kind == "integer":
            typed[field["name"]] = int(value)
        elif kind == "number":
            typed[field["name"]] = float(value)
        elif kind == "boolean":
            typed[field["name"]] = 1 if value in field.get("trueValues", TRUE_VALUES) else 0
        else:
            typed[field["name"]] = value
    return typed


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def view_sql(package: Package, resource: Resource) -> str:
    base = _quoted(resource.name)
    columns = [f"{base}.{_quoted(name)}" for name in resource.field_names]
    clauses = []
    for join in resource.joins:
        target = package.resource(join.table)
        alias = _quoted(join.name)
        columns += [
            f"{alias}.{_quoted(name)} AS {_quoted(join.prefix + name)}"
            for name in target.field_names
            if name != join.key
        ]
        clauses.append(
            f"LEFT JOIN {_quoted(join.table)} AS {alias} ON {alias}.{_quoted(join.key)} = {base}.{_quoted(join.column)}"
        )
    order = ", ".join(f"{base}.{_quoted(k)}" for k in resource.primary_key) or f"{base}.rowid"
    return f"SELECT {', '.join(columns)}\nFROM {base}\n" + "\n".join(clauses) + f"\nORDER BY {order}"


def write_database(package: Package, target: Path) -> None:
    """Build the database at ``target``, which must not exist yet."""
    import sqlite_utils

    if target.exists():
        raise DatabaseError(f"{target} already exists: the database is built in a new file")
    db = sqlite_utils.Database(target)
    try:
        for resource in _ordered(package):
            table = db[resource.name]
            table.create(
                {f["name"]: COLUMN_TYPES[f.get("type", "string")] for f in resource.fields},
                pk=resource.primary_key[0] if len(resource.primary_key) == 1 else tuple(resource.primary_key) or None,
                not_null={f["name"] for f in resource.fields if f.get("constraints", {}).get("required")},
                foreign_keys=foreign_keys(resource),
            )
            table.insert_all((_typed(resource, row) for row in iter_rows(package, resource.name)), batch_size=500)
            for column, _, _ in foreign_keys(resource):
                table.create_index([column], find_unique_name=True)
            searchable = [c for c in SEARCHABLE if c in resource.field_names]
            if searchable:
                table.enable_fts(searchable, fts_version="FTS5")
        for resource in package.resources:
            if resource.joins:
                db.create_view(resource.name + VIEW_SUFFIX, view_sql(package, resource))
        broken = db.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise DatabaseError(f"{len(broken)} row(s) refer to rows that are not in the database: {broken[:3]}")
        db.vacuum()
    finally:
        db.close()


def _field_note(resource: Resource, field: dict) -> str:
    return field.get("description", "").strip() or field["name"]


def datasette_metadata(package: Package, database: str) -> dict:
    """metadata.json for ``datasette DB --metadata metadata.json``."""
    licence, licence_url = package.licence
    source, source_url = package.source
    tables = {}
    for resource in package.resources:
        entry = {
            "title": resource.title,
            "description": resource.description,
            "columns": {f["name"]: _field_note(resource, f) for f in resource.fields},
        }
        label = next((c for c in LABEL_COLUMNS if c in resource.field_names), None)
        if label:
            entry["label_column"] = label
        tables[resource.name] = entry
        if resource.joins:
            columns = dict(entry["columns"])
            for join in resource.joins:
                target = package.resource(join.table)
                for f in target.fields:
                    if f["name"] != join.key:
                        columns[join.prefix + f["name"]] = f"{join.column} -> {join.table}: {_field_note(target, f)}"
            tables[resource.name + VIEW_SUFFIX] = {
                "title": f"{entry['title']}, with the rows they refer to",
                "description": f"Each row of {resource.name} joined to "
                + ", ".join(f"its {j.name} ({j.table})" for j in resource.joins)
                + ". "
                + entry["description"],
                "columns": columns,
            }
    return {
        "title": package.title,
        "description": package.description,
        "license": licence,
        "license_url": licence_url,
        "source": source,
        "source_url": source_url,
        "databases": {
            database: {
                "title": package.title,
                "description": f"Version {package.version} of the {package.name} data package.",
                "tables": tables,
            }
        },
    }
