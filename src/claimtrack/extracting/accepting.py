"""Matching drafts to the package's claimants, and turning the drafts a reporter chose
into rows for the same checked, locked write as ``claimtrack add``."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from claimtrack.extracting.drafts import Draft
from claimtrack.extracting.measures import STOP
from claimtrack.io.rows import Rows, iter_rows
from claimtrack.model import lists
from claimtrack.model.lifecycle import INITIAL
from claimtrack.model.package import Package


def match_claimant(words: str | None, claimants: list[dict]) -> str | None:
    """The package's claimant the words name. First by name ("Maria Lopez") or by post
    ("the head of the civil defence agency"), in the package's order; then by alias
    ("CDA" for the Civil Defence Agency), the longest the words hold; last by every
    capitalised word of the words being a word of a name or alias ("Lopez and Chen" for
    "Maria Lopez and Wei Chen"). Names, posts and aliases match as whole words, in any
    case but for one written all in capitals, an acronym: "WHO" is not "who"."""
    if not words:
        return None
    bare = re.sub(r"^(?:the|a|an)\s+", "", words.strip(), flags=re.IGNORECASE)
    within = _phrase(bare, acronyms=False) if len(bare.split()) >= 2 else None  # "the unnamed official"

    def named(term: str) -> bool:
        return bool(term.strip()) and bool(_phrase(term).search(words) or (within and within.search(term)))

    for claimant in claimants:
        role = claimant.get("role") or ""
        if named(claimant["name"]) or (role.strip() and _phrase(role, acronyms=False).search(words)):
            return claimant["claimant_id"]
    # Of the aliases the words hold, the longest: "CDA spokeswoman Maria Lopez" is the spokeswoman.
    held = [
        (len(alias), claimant["claimant_id"])
        for claimant in claimants
        for alias in lists.items(claimant.get("aliases"))
        if named(alias)
    ]
    if held:
        return max(held, key=lambda found: found[0])[1]
    capitals = [w for w in re.findall(r"\b[A-Z][\w'-]+", words) if w.lower() not in STOP]
    if capitals:
        for claimant in claimants:
            for term in names_of(claimant):
                own = {w if _is_acronym(w) else w.lower() for w in re.findall(r"[\w'-]+", term)}
                if all(w in own or w.lower() in own for w in capitals):
                    return claimant["claimant_id"]
    return None


def names_of(claimant: dict) -> list[str]:
    """A claimant's name and its aliases."""
    return [claimant["name"], *lists.items(claimant.get("aliases"))]


def _is_acronym(term: str) -> bool:
    return any(ch.isalpha() for ch in term) and term == term.upper()


@functools.lru_cache(maxsize=4096)
def _phrase(term: str, acronyms: bool = True) -> re.Pattern:
    """A name, alias or post as words are searched for it: whole words, spaces as any
    run of spaces, any case; with ``acronyms``, one written all in capitals only so."""
    pattern = r"\s+".join(re.escape(word) for word in term.split())
    flags = 0 if acronyms and _is_acronym(term) else re.IGNORECASE
    return re.compile(rf"(?<!\w){pattern}(?!\w)", flags)


class AcceptError(ValueError):
    """Some drafts cannot become claims as they stand."""


def _claimants_of(source: dict | None, claimants: list[dict]) -> tuple[str | None, str | None, list[dict]]:
    """The claimant that is the source's publisher, the one that is nobody named, and the
    news organisations (who may be told a claim)."""
    publisher = next(
        (
            c["claimant_id"]
            for c in claimants
            if source and lists.folded(source["publisher"]) in map(lists.folded, names_of(c))
        ),
        None,
    )
    nobody = next((c["claimant_id"] for c in claimants if c.get("kind") == "unattributed"), None)
    return publisher, nobody, [c for c in claimants if c.get("kind") == "news organisation"]


def claim_row(draft: Draft, source: dict | None, claimants: list[dict], known=None) -> dict:
    """A draft as a row for ``claimtrack add``: the speaker matched to a claimant (the
    publisher for its own statements, "unattributed" where nobody is named), an
    intermediary the speaker told, the source, and how the date is known. A claimant or
    measure the package has no row for is None, and so is the claimant of a draft whose
    speaker is in doubt (``Draft.doubt``): a reviewer names it."""
    publisher, nobody, news = known or _claimants_of(source, claimants)
    if draft.doubt:
        claimant = None
    elif draft.claimant:
        claimant = match_claimant(draft.claimant, claimants)
    else:
        claimant = publisher if draft.said_on_basis == "publication date" else nobody
    via = match_claimant(draft.told, news) if draft.told else None
    return {
        "measure_id": draft.measure,
        "claimant_id": claimant,
        "via_id": via,
        "via_relation": "told" if via else None,
        "source_id": source["source_id"] if source else None,
        "figure_text": draft.text,
        "hedge": draft.hedge,
        "qualifier": draft.qualifier,
        "low": draft.low,
        "value": draft.value,
        "high": draft.high,
        "date_from": draft.date_from,
        "date_to": draft.date_to,
        "said_on": draft.said_on,
        "said_on_basis": draft.said_on_basis,
        "said_on_text": draft.said_on_text,
        "status": INITIAL,
        "quote": draft.quote_folded,
        "note": f"Drafted by claimtrack extract from characters {draft.start}-{draft.end} of the text.",
    }


def to_claims(drafts: list[Draft], source: dict, claimants: list[dict]) -> list[dict]:
    """The drafts as rows for ``claimtrack add`` (see claim_row); AcceptError, naming
    them, for drafts whose claimant or measure the package has no row for."""
    known = _claimants_of(source, claimants)
    rows, missing = [], []
    for draft in drafts:
        row = claim_row(draft, source, claimants, known)
        if draft.doubt:
            missing.append(f"{draft.id} {draft.text!r}: who said it is in doubt: {draft.doubt}")
            continue
        lacking = [what for what, column in (("claimant", "claimant_id"), ("measure", "measure_id")) if not row[column]]
        if lacking:
            who = f" (the text names {draft.claimant!r})" if draft.claimant and not row["claimant_id"] else ""
            missing.append(f"{draft.id} {draft.text!r}: no {' and no '.join(lacking)} in the package{who}")
            continue
        rows.append(row)
    if missing:
        raise AcceptError(
            "these drafts cannot be accepted as they stand; add the claimant or measure to the package, or record "
            "them with claimtrack add (extract --format json writes them as add --file takes them):\n  "
            + "\n  ".join(missing)
        )
    return rows


def for_adding(package: Package | None, drafts: list[Draft], source_id: str | None) -> list[dict]:
    """Every draft in the shape ``claimtrack add --file`` takes, with what the draft
    itself found under "draft" (add leaves that out): a reporter fills in what is
    missing (a claimant, a measure, the source) and hands the file to add."""
    claimants = list(iter_rows(package, "claimants")) if package else []
    source = Rows(package).find("sources", source_id) if package and source_id else None
    if source is None and source_id:
        source = {"source_id": source_id, "publisher": ""}
    known = _claimants_of(source, claimants)
    return [{**claim_row(draft, source, claimants, known), "draft": draft.to_dict()} for draft in drafts]


def chosen(drafts: list[Draft], wanted: str) -> list[Draft]:
    """The drafts ``wanted`` names: "all" (every draft offered as a claim, none set
    aside), or ids separated by commas ("d03,d07"), which may name a draft set aside."""
    if wanted == "all":
        ids = {d.id for d in drafts if not d.set_aside}
    else:
        ids = {part.strip() for part in wanted.split(",") if part.strip()}
    unknown = sorted(ids - {d.id for d in drafts})
    if unknown:
        raise AcceptError(f"no draft {', '.join(unknown)}; the drafts are d01 to d{len(drafts):02d}")
    return [d for d in drafts if d.id in ids]


def accepted_claims(
    package: Package | None, package_dir: Path, drafts: list[Draft], wanted: str, source_id: str | None
) -> list[dict]:
    """The claims to record for the drafts ``wanted``, from the article ``source_id``:
    AcceptError, naming what is missing, when they cannot be recorded as they stand."""
    if package is None:
        raise AcceptError(f"{package_dir} holds no valid datapackage.json to record claims in")
    if not source_id:
        raise AcceptError("--accept needs --source-id, the article's row in sources.csv")
    picked = chosen(drafts, wanted)
    source = Rows(package).find("sources", source_id)
    if source is None:
        raise AcceptError(f"there is no source {source_id!r} in {package.resource('sources').path}; add it first")
    return to_claims(picked, source, list(iter_rows(package, "claimants")))
