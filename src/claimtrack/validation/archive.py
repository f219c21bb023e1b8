"""Checking quotes against the archived texts of their sources.

The archived texts are not part of the package: they live in a folder given on
the command line. Each source row names its file and the file's SHA-256
fingerprint, so a changed or wrong text is refused before any quote is read
against it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from claimtrack.validation.context import Context
from claimtrack.validation.engine import Rule
from claimtrack.validation.quotes import contains, longest_prefix_found, normalise, normalise_one
from claimtrack.validation.rules import explain_from


@dataclass
class ArchiveCheck:
    rules: dict[str, list[Rule]] = field(default_factory=dict)
    quotes_checked: int = 0
    quotes_unchecked: int = 0
    texts: int = 0

    def summary(self, folder: Path) -> str:
        text = f"{self.quotes_checked} quotes checked against {self.texts} archived text(s) in {folder}"
        if self.quotes_unchecked:
            text += f"; {self.quotes_unchecked} not checked: their sources have no archived text there"
        return text


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def archive_rules(ctx: Context, folder: Path) -> ArchiveCheck:
    result = ArchiveCheck()
    if "sources" not in ctx.tables:
        return result
    sources = ctx.tables["sources"]
    folder = folder.resolve()
    named = sources["archive_file"].notna()
    paths = sources["archive_file"].map(lambda name: (folder / name).resolve(), na_action="ignore")
    exists = paths.map(lambda p: p.is_file() and p.is_relative_to(folder), na_action="ignore").astype("boolean")
    fingerprints = paths.where(exists.fillna(False)).map(sha256_of, na_action="ignore")
    matches = exists.fillna(False) & (fingerprints == sources["archive_sha256"]).fillna(False)
    result.rules["sources"] = [
        Rule(
            "archive-file",
            "archive_file",
            lambda: ~(named & ~exists.fillna(False)),
            explain_from(f"there is no file of this name in the archive folder {folder}"),
        ),
        Rule(
            "archive-fingerprint",
            "archive_sha256",
            lambda: ~(exists.fillna(False) & sources["archive_sha256"].notna() & ~matches),
            explain_from(
                "the archived text {file} has SHA-256 {actual}, not this; the text changed or is the wrong file",
                file=sources["archive_file"],
                actual=fingerprints,
            ),
        ),
    ]
    usable = sources[matches]
    texts = {
        source_id: normalise_one(Path(path).read_text(encoding="utf-8", errors="replace"))
        for source_id, path in zip(usable["source_id"], paths[matches])
    }
    result.texts = len(texts)
    for table in ("claims", "appearances"):
        if table in ctx.tables:
            result.rules[table] = [_quote_rule(ctx.tables[table], texts, result)]
    return result


def _quote_rule(frame: pd.DataFrame, texts: dict[str, str], result: ArchiveCheck) -> Rule:
    """Every quote of ``frame`` whose source has an archived text is found in it."""
    quotes = normalise(frame["quote"])
    found = pd.Series(True, index=frame.index)
    checked = frame["source_id"].isin(list(texts)) & quotes.notna()
    for source_id, text in texts.items():
        mine = checked & (frame["source_id"] == source_id)
        found[mine] = contains(text, quotes[mine])
    result.quotes_checked += int(checked.sum())
    result.quotes_unchecked += int((~checked).sum())

    def explain(index: pd.Index) -> list[str]:
        messages = []
        for source_id, quote in zip(frame.loc[index, "source_id"], quotes.loc[index]):
            prefix = longest_prefix_found(texts[source_id], quote)
            if len(prefix) < 12:
                where = "its opening words are not there either"
            else:
                tail = prefix[-40:]
                where = f'the words match up to "...{tail}" and differ after that'
            messages.append(f"the quote is not word for word in the archived text of {source_id}: {where}")
        return messages

    return Rule("quote-in-source", "quote", lambda: found, explain)
