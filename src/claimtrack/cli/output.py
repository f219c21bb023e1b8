"""Tables for people and for machines: the listing commands' --format.

``json`` and ``csv`` keep the table's own column names and values as the CSV files
write them, so that what ``list`` prints can be edited and handed back to ``add``.
``text`` and ``markdown`` are for reading, with the columns a reader needs. The rows
are plain dicts (``claimtrack.tracking.reading``), and the tables for reading are laid out
here, as tabulate lays out text, so that a reading command imports neither pandas nor
tabulate.
"""

from __future__ import annotations

import json


def as_json(rows: list[dict], columns: list[str]) -> str:
    return json.dumps([{column: row[column] for column in columns} for row in rows], ensure_ascii=False, indent=2)


def as_csv(rows: list[dict], columns: list[str]) -> str:
    from claimtrack.io.storage import encode_rows

    cells = [list(columns)] + [["" if row[column] is None else row[column] for column in columns] for row in rows]
    return encode_rows(cells, b"\n").decode("utf-8")


# Column headings for people; the machine formats keep the column names.
HEADINGS = {
    "claim_id": "claim",
    "measure_id": "measure",
    "claimant_id": "claimant",
    "claimant_name": "claimant",
    "figure_text": "figure as said",
    "said_on": "said on",
    "settled_by": "settled by",
    "date_from": "from",
    "date_to": "to",
}


def _for_reading(value) -> str:
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def laid_out(headers: list[str], rows: list[list[str]], style: str = "simple") -> str:
    """Lines of text cells under their headings, as tabulate lays them out (``simple``
    for a terminal, ``github`` for markdown): every cell trimmed and flush left, each
    column as wide as its widest cell or its heading and two spaces, trailing spaces
    cut. For cells of one line each, which is what the reading commands show."""
    rows = [[cell.strip() for cell in row] for row in rows]
    widths = [max([len(heading) + 2] + [len(row[i]) for row in rows]) for i, heading in enumerate(headers)]

    def line(cells: list[str]) -> str:
        padded = [cell.ljust(width) for cell, width in zip(cells, widths)]
        return (
            "|" + "|".join(f" {cell} " for cell in padded) + "|" if style == "github" else "  ".join(padded)
        ).rstrip()

    if style == "github":
        rule = "|" + "|".join("-" * (width + 2) for width in widths) + "|"
    else:
        rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(headers), rule] + [line(row) for row in rows])


def as_table(rows: list[dict], columns: list[str], style: str = "simple") -> str:
    headers = [HEADINGS.get(c, c.replace("_", " ")) for c in columns]
    return laid_out(headers, [[_for_reading(row[c]) for c in columns] for row in rows], style)


def render(rows: list[dict], fmt: str, columns: list[str], reading: list[str] | None = None) -> str:
    """``rows`` in the format ``fmt``: json and csv with ``columns``, the tables for
    reading with the columns ``reading`` names (``columns`` when it is not given)."""
    if fmt == "json":
        return as_json(rows, columns)
    if fmt == "csv":
        return as_csv(rows, columns).rstrip("\n")
    if fmt == "markdown":
        return as_table(rows, reading or columns, style="github")
    return as_table(rows, reading or columns)


def notes(lines: list[str], fmt: str) -> list[str]:
    """The lines under a table; in markdown, a paragraph each, warnings in bold."""
    if fmt != "markdown":
        return lines
    return ["\n" + line.replace("Warning:", "**Warning:**") for line in lines]


def rows_table(rows: list[dict[str, str]]) -> str:
    """Rows of text, already in a reader's words, as a table; the keys are the headings."""
    from tabulate import tabulate

    return tabulate([list(row.values()) for row in rows], headers=list(rows[0]))
