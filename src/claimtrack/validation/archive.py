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
from claimtrack.validation.engine import Failing, Fails, Rule
from claimtrack.validation.quotes import contains, longest_prefix_found, normalise, normalise_one


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


class _Folder:
    """The archive folder: which names are files in it, and their fingerprints, each read once."""

    def __init__(self, folder: Path):
        self.folder = folder.resolve()
        self._digests: dict[str, str | None] = {}

    def path(self, name: str) -> Path | None:
        """The file ``name`` in the folder, or None when there is no such file inside it."""
        path = (self.folder / name).resolve()
        return path if path.is_file() and path.is_relative_to(self.folder) else None

    def digest(self, name: str) -> str | None:
        if name not in self._digests:
            path = self.path(name)
            self._digests[name] = sha256_of(path) if path else None
        return self._digests[name]

    def exists(self, names: pd.Series) -> pd.Series:
        return names.map(lambda name: self.path(name) is not None, na_action="ignore").astype("boolean")

    def digests(self, names: pd.Series) -> pd.Series:
        return names.map(self.digest, na_action="ignore")


def archive_rules(ctx: Context, folder: Path) -> ArchiveCheck:
    result = ArchiveCheck()
    if "sources" not in ctx.tables:
        return result
    archive = _Folder(folder)

    def missing_file(f: pd.DataFrame) -> pd.Series:
        return f["archive_file"].notna() & ~archive.exists(f["archive_file"]).fillna(False)

    def wrong_fingerprint(f: pd.DataFrame) -> pd.Series:
        actual = archive.digests(f["archive_file"])
        return actual.notna() & f["archive_sha256"].notna() & (actual != f["archive_sha256"])

    def actual(failing: Failing) -> list[str]:
        return [
            f"the archived text {name} has SHA-256 {archive.digest(name)}, not this; the text changed or is the wrong file"
            for name in failing.rows["archive_file"]
        ]

    result.rules["sources"] = [
        Rule(
            "archive-file",
            "archive_file",
            Fails(missing_file),
            f"there is no file of this name in the archive folder {archive.folder}",
        ),
        Rule("archive-fingerprint", "archive_sha256", Fails(wrong_fingerprint), actual, reads=("archive_file",)),
    ]
    # The texts of the sources whose archived file is there and is the one recorded.
    sources = ctx.tables["sources"]
    digests = archive.digests(sources["archive_file"])
    usable = sources[(digests.notna() & (digests == sources["archive_sha256"])).fillna(False)]
    texts = {
        source_id: normalise_one(archive.path(name).read_text(encoding="utf-8", errors="replace"))
        for source_id, name in zip(usable["source_id"], usable["archive_file"])
    }
    result.texts = len(texts)
    for table in ("claims", "appearances"):
        if table in ctx.tables:
            frame = ctx.tables[table]
            checked = int((frame["source_id"].isin(list(texts)) & frame["quote"].notna()).sum())
            result.quotes_checked += checked
            result.quotes_unchecked += len(frame) - checked
            result.rules[table] = [_quote_rule(texts)]
    return result


def _quote_rule(texts: dict[str, str]) -> Rule:
    """Every quote whose source has an archived text is found in it."""

    def not_found(f: pd.DataFrame) -> pd.Series:
        quotes = normalise(f["quote"])
        missing = pd.Series(False, index=f.index)
        for source_id, text in texts.items():
            mine = (f["source_id"] == source_id).fillna(False) & quotes.notna()
            missing[mine] = ~contains(text, quotes[mine])
        return missing

    def where(failing: Failing) -> list[str]:
        messages = []
        quotes = normalise(failing.rows["quote"])
        for source_id, quote in zip(failing.rows["source_id"], quotes):
            prefix = longest_prefix_found(texts[source_id], quote)
            if len(prefix) < 12:
                place = "its opening words are not there either"
            else:
                place = f'the words match up to "...{prefix[-40:]}" and differ after that'
            messages.append(f"the quote is not word for word in the archived text of {source_id}: {place}")
        return messages

    return Rule("quote-in-source", "quote", Fails(not_found), where, reads=("source_id",))
