"""Parts of the README generated from the schemas and the code, so they cannot drift.

The README holds each generated part between a pair of markers::

    <!-- generated:columns:start -->  ...  <!-- generated:columns:end -->

``scripts/update_readme.py`` rewrites those parts in place; a test fails when the committed
README differs from what would be generated.
"""

from __future__ import annotations

import re

from claimtrack.model import paths
from claimtrack.model.lifecycle import MEANINGS, MOVES
from claimtrack.model.package import Package, Resource
from claimtrack.model.problems import CATALOGUE
from claimtrack.model.qualifiers import QUALIFIERS

_TYPE_WORDS = {
    "string": "text",
    "integer": "whole number",
    "number": "number",
    "date": "date, YYYY-MM-DD",
    "boolean": "true or false",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _summary(resource: Resource, field: dict) -> str:
    constraints = field.get("constraints", {})
    kind = (
        "date, YYYY-MM-DD or YYYY-MM or YYYY"
        if field.get("x-partial-date")
        else _TYPE_WORDS[field.get("type", "string")]
    )
    parts = [kind, "required" if constraints.get("required") else "optional"]
    if "minimum" in constraints:
        parts.append(f"at least {constraints['minimum']}")
    if "enum" in constraints:
        parts.append("one of " + ", ".join(f"`{v}`" for v in constraints["enum"]))
    if field["name"] in resource.primary_key:
        parts.append("unique key")
    for foreign in resource.foreign_keys:
        if field["name"] in foreign.fields:
            parts.append(f"refers to {foreign.resource}")
    return "; ".join(parts)


def column_tables(package: Package) -> str:
    """A ``column | meaning`` table for every CSV, from its schema."""
    blocks = []
    for resource in package.resources:
        lines = [f"#### `{resource.path}`", "", resource.description, "", "| column | meaning |", "|---|---|"]
        for field in resource.fields:
            meaning = f"{field.get('description', '')} *({_summary(resource, field)})*"
            lines.append(f"| `{field['name']}` | {_cell(meaning)} |")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def qualifier_table() -> str:
    lines = ["| qualifier | for | bounds it carries | meaning |", "|---|---|---|---|"]
    for q in QUALIFIERS.values():
        needs = ", ".join(f"`{c}`" for c in q.needs) or "none"
        optional = [c for c in q.takes if c not in q.needs]
        if optional:
            needs += " (and optionally " + ", ".join(f"`{c}`" for c in optional) + ")"
        family = "numbers" if q.family == "number" else "dates"
        lines.append(f"| `{q.word}` | {family} | {needs} | {q.meaning} |")
    return "\n".join(lines)


GROUPS = {
    "descriptor": "The descriptor and the schemas",
    "file": "Each CSV file",
    "schema": "What the Table Schemas say, derived from them",
    "rule": "Across fields and tables: the rules no Table Schema can say",
    "archive": "Against the archived sources",
}


def rules_table() -> str:
    lines = ["| rule | what it requires |", "|---|---|"]
    for group, title in GROUPS.items():
        lines.append(f"| **{title}** | |")
        lines.extend(f"| `{c.code}` | {_cell(c.requires)} |" for c in CATALOGUE if c.group == group)
    return "\n".join(lines)


def lifecycle_table() -> str:
    lines = ["| status | means | can become |", "|---|---|---|"]
    for status, targets in MOVES.items():
        lines.append(f"| `{status}` | {MEANINGS[status]} | {', '.join(targets) if targets else 'nothing: final'} |")
    return "\n".join(lines)


def generated_parts(package: Package) -> dict[str, str]:
    return {
        "columns": column_tables(package),
        "qualifiers": qualifier_table(),
        "rules": rules_table(),
        "lifecycle": lifecycle_table(),
    }


def _pattern(name: str) -> re.Pattern:
    return re.compile(rf"(<!-- generated:{name}:start -->\n).*?(<!-- generated:{name}:end -->)", flags=re.DOTALL)


def replace_part(text: str, name: str, body: str) -> str:
    """``text`` with the generated part ``name`` between its markers replaced by ``body``."""
    pattern = _pattern(name)
    if not pattern.search(text):
        raise ValueError(f"README.md has no markers for the generated part {name!r}")
    return pattern.sub(lambda m: m.group(1) + body + "\n" + m.group(2), text)


def render_readme(text: str, package: Package) -> str:
    for name, body in generated_parts(package).items():
        text = replace_part(text, name, body)
    return text


def chart_table(package: Package) -> str:
    """The charts the last build made, each with its title and picture; or what to do."""
    from claimtrack.charts.render import charts_built

    built = charts_built(package.root)
    if not built:
        return (
            "No charts yet: declare them under `views` in datapackage.json, or add measures to a topic "
            "and run `claimtrack build`."
        )
    blocks = []
    for name, about in built:
        title = about.get("title", name)
        image = f"{paths.CHARTS_DIR}/{paths.chart_file(name, 'png')}"
        page = f"{paths.CHARTS_DIR}/{paths.chart_file(name, 'html')}"
        blocks.append(f"[{_cell(title)}]({page})\n\n![{_cell(title)}]({image})")
    return "\n\n".join(blocks)


def refresh_readme(text: str, package: Package) -> str:
    """``text`` with every generated part it has markers for made afresh, the charts
    included; a README without markers comes back as it was."""
    parts = generated_parts(package) | {"chart-list": chart_table(package)}
    for name, body in parts.items():
        if _pattern(name).search(text):
            text = replace_part(text, name, body)
    return text
