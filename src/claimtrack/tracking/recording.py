"""Adding to the record: add claims, and the sources, claimants and measures they point
to (a recorded row is changed in ``claimtrack.tracking.correcting``).

Every change is made under the package's lock, checked by validating the whole
package with the changed files in place of the old ones, and written only when
that finds no problem: the files are then replaced atomically, the new rows
appended (or the one changed row replaced) byte for byte. On any problem nothing
is written.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from claimtrack.io import storage
from claimtrack.io.csvfile import read_raw
from claimtrack.io.rows import Rows, cell_problem
from claimtrack.model import paths
from claimtrack.model.lifecycle import INITIAL
from claimtrack.model.package import Package, Resource, read_package
from claimtrack.model.problems import Problem
from claimtrack.model.qualifiers import ASSERTS
from claimtrack.model.views import read_topics
from claimtrack.tables.typed import is_partial_date
from claimtrack.validation.run import read_bytes, validate

# Where the user gave the rows being added, for the problems found on them before they
# are in any file: from the number of the row given (from 1), the path of the nested row
# in it ("", "source", "appearances[1]") and the column (None for the row as a whole),
# what the user typed it as: "--said-on-basis", "claims.json, record 2, key said_on".
Origin = Callable[[int, str, "str | None"], str]


class RecordingError(ValueError):
    """The change was refused; nothing was written. ``problems`` holds validation problems, if any."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = problems or []


@dataclass
class Change:
    """What a change did: the claim ids added or changed, and the rows added per file;
    for rows of another table, their ids, and the topics declared for them."""

    claim_ids: list[str] = field(default_factory=list)
    added: dict[str, int] = field(default_factory=dict)
    before: dict[str, str] = field(default_factory=dict)
    ids: list[str] = field(default_factory=list)
    declared: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    logged: str | None = None  # the id of the change's entry in the corrections log, if it keeps one


def _cell(value, where: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        raise RecordingError(f"{where}: true/false is not a value any column takes")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        raise RecordingError(f"{where}: {value} is not a whole number")
    if isinstance(value, str):
        return value
    raise RecordingError(f"{where}: a {type(value).__name__} is not a value any column takes")


class Table:
    """One resource's rows as text, with what is about to be added or changed."""

    def __init__(self, package: Package, name: str):
        self.resource = package.resource(name)
        self.data = read_bytes(package, self.resource)
        raw, problems = read_raw(self.data, self.resource.path)
        if raw is None:
            raise RecordingError(f"{self.resource.path} cannot be read; run claimtrack validate", problems)
        self.raw = raw
        self.header = raw.header
        key = self.resource.key
        self.key_position = raw.header.index(key) if key in raw.header else 0
        rows = raw.rows()
        self.all = rows  # every row, in file order
        self.keys = [row[self.key_position] for row in rows]  # in file order, as the lines are
        self.rows = {}
        for row in rows:
            self.rows.setdefault(row[self.key_position], row)
        self.new: list[list[str]] = []
        # For each new row, the number of the row given and the path of the nested row in it.
        self.given: list[tuple[int, str]] = []

    def add(self, row: list[str], number: int = 0, nested: str = "") -> None:
        self.new.append(row)
        self.given.append((number, nested))

    def has(self, key: str) -> bool:
        return key in self.rows or any(row[self.key_position] == key for row in self.new)

    def row(self, key: str) -> dict[str, str]:
        """The row of ``key``, by column."""
        return dict(zip(self.header, self.rows[key]))

    def with_row_replaced(self, key: str, values: dict[str, str]) -> bytes:
        """The file's bytes with the row of ``key`` replaced by ``values``, byte for byte
        elsewhere."""
        position = self.keys.index(key)
        lines = self.raw.lines
        first = int(lines[position])
        following = int(lines[position + 1]) if position + 1 < len(lines) else None
        return storage.replaced(self.data, first, following, [values[c] for c in self.header])

    def row_from(self, values: dict, where: str) -> list[str]:
        unknown = sorted(set(values) - set(self.header))
        if unknown:
            raise RecordingError(
                f"{where}: {', '.join(unknown)} is not a column of {self.resource.path}; its columns are {', '.join(self.header)}"
            )
        return [_cell(values.get(column), f"{where}, {column}") for column in self.header]


def _next_id(claims: Table, prefix: str) -> str:
    pattern = re.compile(re.escape(prefix) + r"-(\d+)$")
    keys = claims.keys + [row[claims.key_position] for row in claims.new]
    taken = [int(m.group(1)) for key in keys if (m := pattern.match(key))]
    return f"{prefix}-{max(taken, default=0) + 1:02d}"


def _check_and_write(
    package: Package,
    changes: dict[str, bytes],
    archive: Path | None,
    tables: list[Table] = (),
    origin: Origin | None = None,
    write: bool = True,
) -> None:
    """Validate the package with ``changes`` in place, then write them (unless not
    ``write``); with ``origin``, a problem on a new row of ``tables`` says where the
    user gave it."""
    report = validate(package.root, archive=archive, overrides=changes)
    if report.problems:
        problems = _as_given(report, tables, origin) if origin else report.problems
        raise RecordingError("the change was refused: the package would not be valid; nothing was written", problems)
    if write:
        storage.write_files(package.root, changes)


def _as_given(report, tables: list[Table], origin: Origin) -> list[Problem]:
    """The problems, each on a new row told where the user gave it (``origin``) rather
    than at a line of a file the row is not in yet."""
    given: dict[tuple[str, int], tuple[int, str]] = {}
    for table in tables:
        raw = report.raw.get(table.resource.name)
        if not table.new or raw is None or len(raw.lines) != len(table.keys) + len(table.new):
            continue
        for line, where in zip(raw.lines[-len(table.new) :], table.given):
            given[(table.resource.path, int(line))] = where
    found = []
    for problem in report.problems:
        where = given.get((problem.file, problem.line))
        if where is not None:
            problem = replace(problem, file=origin(*where, problem.column), line=None, column=None)
        found.append(problem)
    return found


def add_claims(
    root: str | Path,
    items: list[dict],
    archive: Path | None = None,
    on_wait: Callable[[], None] = lambda: None,
    origin: Origin | None = None,
) -> Change:
    """Add the claims in ``items`` (the claims table's columns, with optional nested
    ``source``, ``claimant``, ``via`` and ``measure`` rows for new entries, and a list
    of ``appearances``: further sources that reported the same claim). An item that
    names only an existing ``claim_id`` and ``appearances`` adds the appearances. A
    ``draft`` (what `extract --format json` found) is left out. With ``origin``, a
    problem on a new row says where the user gave it."""
    package = read_package(root)
    if not items:
        raise RecordingError("there is no claim to add")
    with storage.package_lock(package.root, on_wait):
        names = ("sources", "claimants", "measures", "claims", "appearances")
        tables = {name: Table(package, name) for name in names}
        claims = tables["claims"]
        change = Change()
        for number, item in enumerate(items, start=1):
            where = f"claim {number}" if len(items) > 1 else "the claim"
            if not isinstance(item, dict):
                raise RecordingError(f"{where} must be an object of column names and values")
            values = dict(item)
            # What extract found, beside the draft's columns: for the reader, not a column.
            values.pop("draft", None)
            appearances = values.pop("appearances", None) or []
            if not isinstance(appearances, list):
                raise RecordingError(f"{where}: appearances must be a list of objects")
            _take_nested(tables, "claims", values, where, (number, ""))
            existing = set(values) == {"claim_id"} and values["claim_id"] in claims.rows
            if not existing and values.get("claim_id") in claims.rows:
                raise RecordingError(_taken(claims, values, where))
            if not existing:
                values.setdefault("status", INITIAL)
                values.setdefault("stance", ASSERTS)
                if not values.get("claim_id"):
                    prefix = values.get("source_id") or "claim"
                    values["claim_id"] = _next_id(claims, str(prefix))
                claims.add(claims.row_from(values, where), number)
                change.claim_ids.append(values["claim_id"])
            for count, appearance in enumerate(appearances, start=1):
                there = f"{where}, appearance {count}"
                if not isinstance(appearance, dict):
                    raise RecordingError(f"{there} must be an object with the columns of appearances")
                row = dict(appearance)
                nested = f"appearances[{count}]"
                _take_nested(tables, "appearances", row, there, (number, nested))
                row["claim_id"] = values["claim_id"]
                new_row = tables["appearances"].row_from(row, there)
                if not existing:
                    _not_copied(tables["appearances"], new_row, there)
                tables["appearances"].add(new_row, number, nested)
        change.warnings = _repeats(claims)
        # Referenced rows first, claims and their appearances last: a crash between
        # files leaves rows nothing points to yet, never a row pointing at nothing.
        changes = {}
        for name in names:
            table = tables[name]
            if table.new:
                changes[table.resource.path] = storage.appended(table.data, table.new)
                change.added[table.resource.path] = len(table.new)
        _check_and_write(package, changes, archive, list(tables.values()), origin)
        return change


def _taken(claims: Table, values: dict, where: str) -> str:
    """Why a new claim may not take an id already recorded: the same claim given back
    (as `show --format json` prints it), or another claim under a taken id."""
    claim_id = values["claim_id"]
    line = int(claims.raw.lines[claims.keys.index(claim_id)])
    existing = claims.row(claim_id)
    same = all(_cell(value, where) == existing.get(column, "") for column, value in values.items())
    start = (
        f"{where} is {claim_id} as it is recorded ({claims.resource.path}, line {line})"
        if same
        else f"{where}: claim_id {claim_id!r} is taken ({claims.resource.path}, line {line})"
    )
    return (
        f"{start}. To record a new claim from it, leave out claim_id (an id is made) and its appearances, "
        f"and change what is new; to change {claim_id} itself, use claimtrack correct"
    )


def _not_copied(appearances: Table, row: list[str], where: str) -> None:
    """Refuse a new claim's appearance that is another claim's, word for word (a claim
    copied from `show --format json` with only its id taken out)."""
    header = appearances.header
    mine = dict(zip(header, row))
    for other in appearances.all:
        theirs = dict(zip(header, other))
        if all(theirs.get(c, "") == mine.get(c, "") for c in ("source_id", "quote")):
            raise RecordingError(
                f"{where} is an appearance of claim {theirs['claim_id']} (source {mine['source_id']}, "
                f"the same quote): a new claim's appearances are the other sources that report it; "
                "leave this one out, or give the quote this claim has there"
            )


# What makes two claims the same statement, whatever source carries them.
SAME_STATEMENT = ("measure_id", "claimant_id", "said_on")
FIGURE = ("qualifier", "low", "value", "high", "date_from", "date_to")


def _repeats(claims: Table) -> list[str]:
    """A warning for each new claim that repeats one recorded: the same measure, claimant
    and date said, and the same figure (its words, or the same bounds). It may be the
    same statement reported again, which is an appearance, not a new claim."""
    header = claims.header

    def key(row: dict) -> tuple:
        return tuple(row.get(c, "") for c in SAME_STATEMENT)

    def figure(row: dict) -> tuple[str, tuple]:
        return " ".join(row.get("figure_text", "").lower().split()), tuple(row.get(c, "") for c in FIGURE)

    recorded: dict[tuple, list[dict]] = {}
    for row in claims.all:
        values = dict(zip(header, row))
        recorded.setdefault(key(values), []).append(values)
    warnings = []
    for row in claims.new:
        values = dict(zip(header, row))
        if not values.get("said_on"):
            continue
        words, bounds = figure(values)
        for other in recorded.get(key(values), []):
            their_words, their_bounds = figure(other)
            if words == their_words or (any(bounds[1:]) and bounds == their_bounds):
                warnings.append(
                    f"{values['claim_id']} repeats {other['claim_id']}: the same measure, claimant, figure "
                    f"({other['figure_text']}) and date said ({other['said_on']}). If it is the same statement "
                    f"in another source, record it as an appearance of {other['claim_id']} instead "
                    "(claimtrack add --file with its claim_id and appearances)"
                )
                break
        recorded.setdefault(key(values), []).append(values)
    return warnings


# --- The rows claims point to: sources, claimants, measures ----------------------------------------

# An id made for a name keeps at most this many characters where the schema sets no limit.
ID_LENGTH = 64
# A name that ends with its short form in brackets, an acronym or a web address:
# "Regional Flood Office (RFO)" is made into the id rfo.
_SHORT_FORM = re.compile(r"\(([A-Z][A-Z0-9&]+|[\w-]+(?:\.[\w-]+)+)\)\s*$")


# Latin letters that are not a letter with an accent, so that no decomposition gives their base.
_LETTERS = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE"})


def slug(text: str) -> str:
    """``text`` as the words of an id: ASCII letters and digits in lower case, joined by
    hyphens ("The Daily Ledger" is the-daily-ledger, "Zoë" zoe); a name that ends with
    its short form in brackets gives the short form."""
    short = _SHORT_FORM.search(text)
    words = (short.group(1) if short else text).translate(_LETTERS)
    folded = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def _cut(words: str, length: int) -> str:
    """``words`` (an id's, joined by hyphens) cut to at most ``length`` characters, at a hyphen where one is near."""
    if len(words) <= length:
        return words
    cut = words[:length]
    return (cut.rsplit("-", 1)[0] if words[length] != "-" and "-" in cut else cut).strip("-")


def id_columns(resource: Resource) -> list[str]:
    """The columns a new row's id is made from when none is given: the first after the
    key (a source's publisher, a claimant's name, a measure's label), then the table's
    first date, if it has one (a source's published_on)."""
    others = [spec["name"] for spec in resource.fields if spec["name"] != resource.key]
    dated = [spec["name"] for spec in resource.fields if spec.get("type") == "date" or is_partial_date(spec)]
    return others[:1] + [name for name in dated[:1] if name not in others[:1]]


def made_id(resource: Resource, values: dict, taken: set[str]) -> str:
    """An id for the row ``values`` of ``resource``, made from its id_columns and not one
    of ``taken``: the-daily-ledger-2024-05-02, then the-daily-ledger-2024-05-02-2."""
    length = resource.field(resource.key).get("constraints", {}).get("maxLength") or ID_LENGTH
    name, *dated = id_columns(resource) or [resource.key]
    date = "-".join(slug(str(values[column])) for column in dated if values.get(column))
    words = _cut(slug(str(values.get(name) or "")) or resource.noun, length - len(date) - 1 if date else length)
    base = f"{words}-{date}" if date else words
    made, number = base, 2
    while made in taken:
        suffix = f"-{number}"
        made, number = _cut(base, length - len(suffix)) + suffix, number + 1
    return made


def add_rows(
    root: str | Path,
    resource: str,
    items: list[dict],
    archive: Path | None = None,
    on_wait: Callable[[], None] = lambda: None,
    origin: Origin | None = None,
) -> Change:
    """Add the rows in ``items`` (each the columns of ``resource``, a source, claimant or
    measure) to ``resource``; a row given without its id gets one made from its id_columns.
    With ``origin``, a problem on a new row says where the user gave it."""
    return _add_rows(root, resource, items, archive, on_wait, origin=origin)


def add_measures(
    root: str | Path,
    items: list[dict],
    new_topic: bool = False,
    topic_title: str | None = None,
    archive: Path | None = None,
    on_wait: Callable[[], None] = lambda: None,
    origin: Origin | None = None,
) -> Change:
    """Add the measures in ``items``; with ``new_topic``, each topic they name that the
    descriptor does not declare is declared in it, titled ``topic_title`` if given, in the
    same change: the descriptor and the measures are checked together, and both are
    written or neither. A topic already declared is left as it is."""
    if topic_title and not new_topic:
        raise RecordingError("a topic title is for a new topic: declare the topic with it (--new-topic)")
    return _add_rows(
        root, "measures", items, archive, on_wait, declare=new_topic, topic_title=topic_title, origin=origin
    )


def _add_rows(
    root: str | Path,
    resource: str,
    items: list[dict],
    archive: Path | None,
    on_wait: Callable[[], None],
    declare: bool = False,
    topic_title: str | None = None,
    origin: Origin | None = None,
) -> Change:
    """Add ``items`` to ``resource``; with ``declare``, declare the topics the rows name
    that the descriptor does not, titled ``topic_title``."""
    package = read_package(root)
    noun = package.resource(resource).noun
    if not items:
        raise RecordingError(f"there is no {noun} to add")
    with storage.package_lock(package.root, on_wait):
        table = Table(package, resource)
        key = table.resource.key
        change = Change()
        for number, item in enumerate(items, start=1):
            where = f"{noun} {number}" if len(items) > 1 else f"the {noun}"
            if not isinstance(item, dict):
                raise RecordingError(f"{where} must be an object of column names and values")
            values = dict(item)
            if not values.get(key):
                values[key] = made_id(table.resource, values, set(table.keys) | set(change.ids))
            row = table.row_from(values, where)
            _refuse_a_copy(table, row, where)
            table.add(row, number)
            change.ids.append(row[table.key_position])
        changes = {}
        if declare:
            declared = _declaring(package, [dict(zip(table.header, row)) for row in table.new], topic_title)
            if declared:
                changes[paths.DESCRIPTOR], change.declared = declared
        # The descriptor first: a crash between the files leaves a topic no measure has
        # yet, never a measure whose topic is not declared.
        changes[table.resource.path] = storage.appended(table.data, table.new)
        change.added[table.resource.path] = len(table.new)
        _check_and_write(package, changes, archive, [table], origin)
        return change


def _refuse_a_copy(table: Table, row: list[str], where: str) -> None:
    """A row the same as one already there in every column but its id is the same row twice."""
    rest = [i for i in range(len(row)) if i != table.key_position]
    for cells in [*table.rows.values(), *table.new]:
        if [cells[i] for i in rest] != [row[i] for i in rest]:
            continue
        existing = cells[table.key_position]
        if existing in table.rows:
            place = f"in {table.resource.path}, line {int(table.raw.lines[table.keys.index(existing)])}"
        else:
            place = "earlier in this add"
        raise RecordingError(
            f"{where} is already recorded as {existing!r} {place}: every column but the id is the same; "
            f"use {existing!r}, or give the new {table.resource.noun} what tells it apart"
        )


def _declaring(package: Package, rows: list[dict], title: str | None) -> tuple[bytes, list[str]] | None:
    """The descriptor with the topics of ``rows`` it does not declare added to its
    ``topics`` list, titled ``title`` if given, and their names; None when every topic
    is declared. The descriptor is read afresh, under the lock, and written as it was
    laid out."""
    old = (package.root / paths.DESCRIPTOR).read_bytes()
    descriptor = json.loads(old.decode("utf-8-sig"))
    known = {topic.name for topic in read_topics(descriptor, [])}
    new = list(dict.fromkeys(row["topic"] for row in rows if row.get("topic") and row["topic"] not in known))
    if not new:
        return None
    if title and len(new) > 1:
        raise RecordingError(
            f"a topic title is for one new topic, and these measures name {len(new)}: {', '.join(new)}; "
            "add them one topic at a time, or declare the topics without a title"
        )
    entries = [{"name": name, **({"title": title} if title else {})} for name in new]
    if "topics" in descriptor:
        descriptor["topics"] = list(descriptor["topics"]) + entries
    else:  # a new list goes before the resources, where a reader looks for it
        ordered = list(descriptor.items())
        at = next((i for i, (k, _) in enumerate(ordered) if k == "resources"), len(ordered))
        descriptor = dict(ordered[:at] + [("topics", entries)] + ordered[at:])
    return storage.json_file(descriptor, old), new


def _take_nested(
    tables: dict[str, Table], resource: str, values: dict, where: str, given: tuple[int, str] = (0, "")
) -> None:
    """Move nested rows out of ``values`` (a row of ``resource``) into the tables its
    joins lead to, filling the id columns: a nested "via" becomes a claimants row."""
    for join in tables[resource].resource.joins:
        name, table_name, column = join.name, join.table, join.column
        if name not in values:
            continue
        nested = values.pop(name)
        if nested is None:
            continue
        if not isinstance(nested, dict):
            raise RecordingError(f"{where}: {name} must be an object with the columns of {table_name}")
        number, path = given
        _add_nested(tables[table_name], nested, f"{where}, {name}", (number, f"{path}.{name}" if path else name))
        nested_id = nested.get(tables[table_name].resource.key)
        if values.get(column) is None:
            values[column] = nested_id
        elif values[column] != nested_id:
            raise RecordingError(
                f"{where}: {column} is {values[column]!r} but the nested {name} is {nested_id!r}; give one of them"
            )


def _add_nested(table: Table, values: dict, where: str, given: tuple[int, str] = (0, "")) -> None:
    key_column = table.resource.key
    key = values.get(key_column)
    if not key:
        raise RecordingError(f"{where}: a new row needs its {key_column}")
    row = table.row_from(values, where)
    if key in table.rows:
        existing = dict(zip(table.header, table.rows[key]))
        differs = [c for c, v in values.items() if _cell(v, where) != existing.get(c, "")]
        if differs:
            line = int(table.raw.lines[table.keys.index(key)])
            raise RecordingError(
                f"{where}: {key_column} {key!r} already exists in {table.resource.path}, line {line}, column "
                f"{differs[0]}, with other values in {', '.join(differs)}; give only its id, or a new id"
            )
        return
    if not table.has(key):
        table.add(row, *given)


def _ask_column(
    spec: dict, ask: Callable[[str, str], str], prefix: str = "", default: str = "", optional: str = "", hint: str = ""
) -> str | None:
    """One column's answer, asked with its vocabulary (or ``hint``) and whether it may be
    left empty (``optional`` says why, for a column that is otherwise required); a
    required column left empty, or an answer the column cannot take (a word not in its
    vocabulary, a date not written YYYY-MM-DD), is asked again, saying why."""
    name = spec["name"]
    enum = spec.get("constraints", {}).get("enum")
    required = spec.get("constraints", {}).get("required", False) and not optional
    label = prefix + name
    if hint or enum:
        label += f" ({hint or 'one of: ' + ', '.join(enum)})"
    if optional:
        label += f" (optional: {optional})"
    elif not required:
        label += " (optional)"
    value = ask(label, default).strip()
    again = f"{prefix}{name} is required" + (f" (one of: {', '.join(enum)})" if enum else "")
    while True:
        if required and not value:
            value = ask(again, "").strip()
            continue
        problem = cell_problem(spec, value) if value else None
        if problem is None:
            return value or None
        value = ask(f"{prefix}{name}: {problem}; again", "").strip()


def prompted_claim(root: str | Path, ask: Callable[[str, str], str], say: Callable[[str], None]) -> dict:
    """A claim asked for column by column, from the schema of the claims table; when an
    id it refers to is new (a source, a claimant, a measure), its row is asked for too.
    ``ask(label, default)`` returns the answer; ``say`` tells the user something."""
    package = read_package(root)
    claims = package.resource("claims")
    joins = {join.column: join for join in claims.joins}
    known = {join.table: set(Rows(package).keyed(join.table)) for join in claims.joins}
    claim: dict = {}
    say("Record a claim. Press Enter to leave an optional column empty.")
    for spec in claims.fields:
        name = spec["name"]
        value = _ask_column(
            spec,
            ask,
            default={"status": INITIAL, "stance": ASSERTS}.get(name, ""),
            optional="made from the source id when empty" if name == claims.key else "",
        )
        claim[name] = value
        join = joins.get(name)
        if value and join and value not in known[join.table]:
            say(f"{value!r} is new in {join.table}: describe it.")
            target = package.resource(join.table)
            row = {target.key: value}
            for other in target.fields:
                if other["name"] != target.key:
                    row[other["name"]] = _ask_column(other, ask, prefix="  ")
            claim[join.name] = row
            known[join.table].add(value)
    return claim


def prompted_row(
    root: str | Path,
    resource: str,
    ask: Callable[[str, str], str],
    say: Callable[[str], None],
    hints: dict[str, str] | None = None,
) -> dict:
    """A row of ``resource`` asked for column by column, from its schema, as a claim is;
    ``hints`` says what a column may hold where its schema has no vocabulary (a
    measure's topics)."""
    table = read_package(root).resource(resource)
    say(f"Record a {table.noun}. Press Enter to leave an optional column empty.")
    made = f"made from {' and '.join(id_columns(table))} when empty"
    return {
        spec["name"]: _ask_column(
            spec, ask, optional=made if spec["name"] == table.key else "", hint=(hints or {}).get(spec["name"], "")
        )
        for spec in table.fields
    }
