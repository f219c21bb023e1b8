"""One claim whole, for ``claimtrack show``: its columns with the rows it points to, and
the card a reader sees, with its source, claimant, intermediary, dates, quote and status."""

from __future__ import annotations

from claimtrack.model.corrections import LOG, Correction, corrections_of
from claimtrack.tracking import queries, style
from claimtrack.tracking.citing import as_said


def claim_record(tables, claim_id: str) -> dict:
    """The claim's columns, the rows it points to as nested objects (by join name:
    "measure", "claimant", "via", "source") and its further appearances: the shape
    ``claimtrack add --file`` takes."""
    record = dict(queries.get_claim(tables, claim_id))
    for join in tables.package.resource("claims").joins:
        value = record[join.column]
        match = [row for row in tables[join.table] if row[join.key] == value] if value is not None else []
        record[join.name] = dict(match[0]) if match else None
    record["appearances"] = [
        {column: cell for column, cell in row.items() if column != "claim_id"}
        for row in tables["appearances"]
        if row["claim_id"] == claim_id
    ]
    return record


def card(tables, claim: dict, sentence: str) -> str:
    """The claim (as ``claim_record`` gives it) as a reader sees it, one labelled line per
    part, empty parts left out; ``sentence`` is its attribution sentence."""
    claim_id = claim["claim_id"]
    measure, claimant, via, source = claim["measure"], claim["claimant"], claim["via"], claim["source"]
    sources = {row["source_id"]: row for row in tables["sources"]}
    settles = queries.settled_by_this(tables, claim_id)

    def text(value) -> str:
        return "" if value is None else str(value)

    figure = as_said(claim["figure_text"], claim.get("hedge"), claim.get("stance")) + f" ({claim['qualifier']}"
    for column in ("low", "value", "high", "date_from", "date_to"):
        if claim[column] is not None:
            figure += f"; {column} {claim[column]}"
    figure += ")"
    who = claimant["name"] + "".join(
        f"; {claimant[c]}" for c in ("role", "affiliation", "stance", "description") if claimant.get(c)
    )
    said = text(claim["said_on"]) or "not stated"
    said += f" ({claim['said_on_basis']}" + (f': "{claim["said_on_text"]}"' if claim["said_on_text"] else "") + ")"
    published = style.partial_date(source["published_on"]) or "no date on the page"
    lines = [
        ("claim", claim["claim_id"]),
        ("measure", f"{measure['label']} [{measure['measure_id']}], {measure['scope']}"),
        ("figure", figure),
        ("claimant", who),
        ("via", f"{via['name']} ({claim['via_relation']})" if via else ""),
        ("source", f'{source["publisher"]}, "{text(source["title"])}", {published}\n{source["url"]}'),
        ("said on", said),
        ("as of", (text(claim["as_of"]) + (f" ({claim['as_of_basis']})" if claim["as_of_basis"] else "")) or ""),
        ("status", claim["status"] + (f", settled by {claim['settled_by']}" if claim["settled_by"] else "")),
        ("status note", text(claim["status_note"])),
        ("settled", ", ".join(settles)),
        ("quote", claim["quote"]),
        ("also in", "\n".join(_reported_again(a, sources[a["source_id"]]) for a in claim["appearances"])),
        ("note", text(claim["note"])),
        ("corrected", "\n".join(c.line() for c in corrections(tables, "claims", [claim_id]))),
        ("cite", sentence),
    ]
    width = max(len(label) for label, _ in lines)
    out = []
    for label, value in lines:
        if not value:
            continue
        first, *rest = value.split("\n")
        out.append(f"{label:<{width}}  {first}")
        out.extend(" " * (width + 2) + line for line in rest)
    return "\n".join(out)


def corrections(tables, table: str, row_ids: list[str]) -> list[Correction]:
    """The corrections of those rows of ``table``, from the log where the package keeps one."""
    log = tables.get(LOG)
    return [] if log is None else corrections_of(log, table, row_ids)


def _reported_again(appearance: dict, source: dict) -> str:
    published = style.partial_date(source["published_on"])
    via = f", via {appearance['via_id']}" if appearance["via_id"] else ""
    return f"{source['publisher']}{f' ({published})' if published else ''}{via}: {appearance['quote']}\n{source['url']}"
