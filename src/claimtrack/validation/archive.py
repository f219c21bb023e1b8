"""Checking quotes against the archived texts of their sources.

The archived texts live in the package's own archive/ folder (``claimtrack archive``
puts them there), or in a folder given on the command line with --archive. Each
source row names its file and the file's SHA-256 fingerprint, so a changed or wrong
text is refused before any quote is read against it.

A text the row names but the folder lacks is a problem in a folder given with
--archive: whoever gave it said the texts are there. In the package's own archive/
it is a note: a fresh clone of a repository that does not carry other people's
texts lacks them, and its data are no less valid for that; the note says how many
quotes wait for the text and the command that archives it again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from claimtrack.validation.context import Context
from claimtrack.validation.engine import Failing, Fails, Rule
from claimtrack.validation.quotes import longest_prefix_found, normalise, normalise_one

c = pl.col

# The verb that archives a source's text, as the notes name it.
ARCHIVE_VERB = "claimtrack archive SOURCE_ID FILE_OR_URL"
# How many sources with a missing text the notes name one by one.
_NAMED = 5


@dataclass
class ArchiveCheck:
    """What the archive check found: the rules it adds, and what the notes say."""

    shown: str  # the folder as the notes name it
    folder: Path | None = None  # the folder itself
    rules: dict[str, list[Rule]] = field(default_factory=dict)
    quotes_checked: int = 0
    quotes_unchecked: int = 0
    texts: int = 0
    # The texts quotes are checked against: the file name of each source's archived
    # text that is in the folder and is the one recorded, by source_id.
    used: dict[str, str] = field(default_factory=dict)
    # Quotes checked, by source, of those sources.
    checked: dict[str, int] = field(default_factory=dict)
    # Sources whose row names an archived text that the package's archive/ lacks:
    # source_id -> (file name, quotes waiting for it).
    missing: dict[str, tuple[str, int]] = field(default_factory=dict)

    def summary(self) -> str:
        if not self.texts:
            total = self.quotes_checked + self.quotes_unchecked
            if not total:
                return "no quotes to check yet"
            return (
                f"{total} quote(s) not checked: no source has its archived text in {self.shown} "
                f"(archive one with: {ARCHIVE_VERB})"
            )
        text = f"{self.quotes_checked} quotes checked against {self.texts} archived text(s) in {self.shown}"
        if self.quotes_unchecked:
            text += (
                f"; {self.quotes_unchecked} not checked: their sources have no archived text there "
                f"(archive one with: {ARCHIVE_VERB})"
            )
        return text

    def notes(self) -> list[str]:
        """The summary, then a line for each source whose recorded text is missing."""
        lines = [self.summary()]
        for source_id, (name, quotes) in list(self.missing.items())[:_NAMED]:
            lines.append(
                f"{source_id}: {quotes} quote(s) not checked: its archived text {name}, recorded in sources.csv, "
                f"is not in {self.shown}; archive it from your own copy: claimtrack archive {source_id} FILE_OR_URL"
            )
        more = len(self.missing) - _NAMED
        if more > 0:
            lines.append(f"...and {more} more source(s) whose recorded archived text is not in {self.shown}")
        return lines


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class _Folder:
    """The archive folder: which names are files in it, their bytes and fingerprints, each
    read once. ``texts`` holds texts about to be written, by name, in place of the files."""

    def __init__(self, folder: Path, texts: dict[str, bytes] | None = None):
        self.folder = folder.resolve()
        self.texts = texts or {}
        self._digests: dict[str, str | None] = {}

    def path(self, name: str) -> Path | None:
        """The file ``name`` in the folder, or None when there is no such file inside it."""
        path = (self.folder / name).resolve()
        return path if path.is_file() and path.is_relative_to(self.folder) else None

    def has(self, name: str) -> bool:
        return name in self.texts or self.path(name) is not None

    def data(self, name: str) -> bytes | None:
        if name in self.texts:
            return self.texts[name]
        path = self.path(name)
        return path.read_bytes() if path else None

    def digest(self, name: str) -> str | None:
        if name not in self._digests:
            if name in self.texts:
                self._digests[name] = hashlib.sha256(self.texts[name]).hexdigest()
            else:
                path = self.path(name)
                self._digests[name] = sha256_of(path) if path else None
        return self._digests[name]

    def exists(self, names: pl.Series) -> pl.Series:
        """Whether each name is a file of the folder: each distinct name looked for once."""
        return _each_distinct(names, self.has, pl.Boolean)

    def digests(self, names: pl.Series) -> pl.Series:
        """The SHA-256 of the file of each name; null where there is none."""
        return _each_distinct(names, self.digest, pl.String)


def _each_distinct(names: pl.Series, ask, dtype) -> pl.Series:
    """``ask`` of each distinct name (a file looked at once), laid out for every row."""
    distinct = names.drop_nulls().unique()
    answers = pl.Series([ask(name) for name in distinct], dtype=dtype)
    return names.replace_strict(distinct, answers, default=None, return_dtype=dtype)


def archive_rules(
    ctx: Context, folder: Path, shown: str, given: bool = True, texts: dict[str, bytes] | None = None
) -> ArchiveCheck:
    """The rules that check the sources and quotes against the texts in ``folder``.

    ``given``: the folder was given with --archive, and a text it lacks is a problem;
    otherwise it is the package's own archive/, and a text it lacks is a note.
    ``texts`` holds texts about to be written into the folder, by file name."""
    archive = _Folder(folder, texts)
    result = ArchiveCheck(shown, archive.folder)
    if "sources" not in ctx.tables:
        return result

    def missing_file(frame: pl.LazyFrame) -> pl.LazyFrame:
        names = frame.select("archive_file").collect().to_series()
        return pl.LazyFrame({"broken": names.is_not_null() & ~archive.exists(names).fill_null(False)})

    def wrong_fingerprint(frame: pl.LazyFrame) -> pl.LazyFrame:
        given = frame.select("archive_file", "archive_sha256").collect()
        actual = archive.digests(given["archive_file"])
        recorded = given["archive_sha256"]
        return pl.LazyFrame({"broken": actual.is_not_null() & recorded.is_not_null() & (actual != recorded)})

    def actual(failing: Failing) -> list[str]:
        return [
            f"the archived text {name} has SHA-256 {archive.digest(name)}, not this; the text changed or is the "
            f"wrong file (claimtrack archive {source_id} FILE_OR_URL --replace archives the right one)"
            for name, source_id in zip(failing.rows["archive_file"], failing.rows["source_id"])
        ]

    rules = [
        Rule(
            "archive-fingerprint",
            "archive_sha256",
            Fails(wrong_fingerprint),
            actual,
            reads=("archive_file", "source_id"),
        )
    ]
    if given:
        rules.insert(
            0,
            Rule(
                "archive-file",
                "archive_file",
                Fails(missing_file),
                f"there is no file of this name in the archive folder {archive.folder}",
            ),
        )
    result.rules["sources"] = rules
    # The texts of the sources whose archived file is there and is the one recorded.
    sources = ctx.tables["sources"]
    digests = archive.digests(sources["archive_file"])
    usable = sources.filter((digests.is_not_null() & (digests == sources["archive_sha256"])).fill_null(False))
    result.used = dict(usable.select("source_id", "archive_file").iter_rows())
    found = {
        source_id: normalise_one(archive.data(name).decode("utf-8", errors="replace"))
        for source_id, name in usable.select("source_id", "archive_file").iter_rows()
    }
    # In the package's own archive/: the texts the rows record that are not there.
    absent: dict[str, str] = {}
    if not given:
        lacking = sources.filter(missing_file(sources.lazy()).collect().to_series())
        absent = dict(lacking.select("source_id", "archive_file").iter_rows())
    result.texts = len(found)
    waiting: dict[str, int] = {}
    for table in ("claims", "appearances"):
        if table in ctx.tables:
            frame = ctx.tables[table]
            quoted = frame["quote"].is_not_null()
            mine = frame["source_id"].is_in(list(found)).fill_null(False) & quoted
            result.quotes_checked += int(mine.sum())
            result.quotes_unchecked += frame.height - int(mine.sum())
            for source_id, count in _counted(frame.filter(mine)):
                result.checked[source_id] = result.checked.get(source_id, 0) + count
            lacking_text = frame["source_id"].is_in(list(absent)).fill_null(False) & quoted
            for source_id, count in _counted(frame.filter(lacking_text)):
                waiting[source_id] = waiting.get(source_id, 0) + count
            if found:  # with no text to read them against, no quote is read at all
                result.rules[table] = [_quote_rule(found)]
    result.missing = {source_id: (name, waiting.get(source_id, 0)) for source_id, name in absent.items()}
    return result


def _counted(frame: pl.DataFrame) -> list[tuple[str, int]]:
    """How many rows of ``frame`` each source has, most first."""
    counts = frame.group_by("source_id", maintain_order=True).len().sort("len", descending=True, maintain_order=True)
    return list(counts.iter_rows())


def _quote_rule(texts: dict[str, str]) -> Rule:
    """Every quote whose source has an archived text is found in it: the texts are joined
    to the quotes of their sources, and each quote looked for in its own."""
    archived = pl.DataFrame({"source_id": list(texts), "text": list(texts.values())}, schema=_TEXTS)

    def not_found(frame: pl.LazyFrame) -> pl.LazyFrame:
        quoted = (
            frame.with_row_index("row")
            .filter(c("quote").is_not_null())
            .select("row", "source_id", "quote")
            .join(archived.lazy(), on="source_id", how="inner")
            .collect()
        )
        found = quoted["text"].str.contains(normalise(quoted["quote"]), literal=True)
        return frame.select(
            pl.int_range(pl.len(), dtype=pl.UInt32).is_in(quoted["row"].filter(~found).implode()).alias("broken")
        )

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


_TEXTS = {"source_id": pl.String, "text": pl.String}
