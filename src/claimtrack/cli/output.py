"""Tables for people and for machines: the listing commands' --format.

``json`` and ``csv`` keep the table's own column names and values as the CSV files
write them, so that what ``list`` prints can be edited and handed back to ``add``.
``text`` and ``markdown`` are for reading, with the columns a reader needs.
"""

from __future__ import annotations

import json

import pandas as pd

from claimtrack.tables.records import records


def as_json(frame: pd.DataFrame) -> str:
    return json.dumps(records(frame), ensure_ascii=False, indent=2)


def as_csv(frame: pd.DataFrame) -> str:
    from claimtrack.io.storage import encode_rows

    rows = [list(frame.columns)] + [["" if v is None else v for v in row.values()] for row in records(frame)]
    return encode_rows(rows, b"\n").decode("utf-8")


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


def _for_reading(value):
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return value


def as_table(frame: pd.DataFrame, columns: list[str] | None = None, style: str = "simple") -> str:
    from tabulate import tabulate

    shown = frame[columns] if columns else frame
    rows = [[_for_reading(v) for v in row.values()] for row in records(shown)]
    headers = [HEADINGS.get(c, c.replace("_", " ")) for c in shown.columns]
    return tabulate(rows, headers=headers, tablefmt=style, disable_numparse=True)


def render(frame: pd.DataFrame, fmt: str, columns: list[str] | None = None) -> str:
    if fmt == "json":
        return as_json(frame)
    if fmt == "csv":
        return as_csv(frame).rstrip("\n")
    if fmt == "markdown":
        return as_table(frame, columns, style="github")
    return as_table(frame, columns)


def notes(lines: list[str], fmt: str) -> list[str]:
    """The lines under a table; in markdown, a paragraph each, warnings in bold."""
    if fmt != "markdown":
        return lines
    return ["\n" + line.replace("Warning:", "**Warning:**") for line in lines]


def rows_table(rows: list[dict[str, str]]) -> str:
    """Rows of text, already in a reader's words, as a table; the keys are the headings."""
    from tabulate import tabulate

    return tabulate([list(row.values()) for row in rows], headers=list(rows[0]))
