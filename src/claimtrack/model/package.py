"""Reading datapackage.json and the Table Schemas it points to.

Only what lies inside the package folder is read: a resource or schema given as
a URL, an absolute path, or a path that leaves the folder is refused, never fetched.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from claimtrack.model import paths
from claimtrack.model.corrections import LOG
from claimtrack.model.problems import Problem, ValidationError
from claimtrack.model.views import Topic, View, read_topics, read_views

# The Table Schema field types this project reads; anything else is refused.
KNOWN_TYPES = {"string", "integer", "number", "date", "boolean"}

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# A descriptor or schema larger than this is no hand-written metadata: refused unread.
MAX_JSON_BYTES = 5_000_000
# Bounds on what a package declares, so that no descriptor can make validation run for
# hours: every resource is read and checked, with every field, on every validation. A
# claims package has six tables of a few dozen columns; these leave room for many more.
MAX_RESOURCES = 100
MAX_FIELDS = 500
# The tables the tool reads by name: a package without one of them cannot be read. The
# corrections log is not among them: a package may keep none (its rows then cannot be
# corrected, while their statuses still move).
REQUIRED_RESOURCES = ("sources", "claimants", "measures", "claims", "appearances")
# Profiles are named, never fetched.
PROFILES = {"data-package", "tabular-data-package", "data-resource", "tabular-data-resource"}


@dataclass(frozen=True)
class ForeignKey:
    """A foreign key as the schema declares it, normalised: lists, and the resource the
    key refers to named even where the schema leaves it blank (a table referring to itself)."""

    fields: tuple[str, ...]
    resource: str
    keys: tuple[str, ...]  # the fields of ``resource`` referred to


@dataclass(frozen=True)
class Join:
    """A single-column foreign key to another table, as a reader follows it: a claim's
    ``measure_id`` leads to its measure. ``name`` is what the row it leads to is called
    ("measure", "via"): the column without its ``_id``; the joined columns take it as prefix."""

    column: str
    table: str
    key: str
    name: str

    @property
    def prefix(self) -> str:
        return self.name + "_"


@dataclass(frozen=True)
class Resource:
    name: str
    path: str  # relative to the package root, with forward slashes
    schema: dict
    schema_path: str  # where the schema came from, for error messages
    title: str = ""  # the descriptor's title for the resource, else its name
    description: str = ""

    @property
    def fields(self) -> list[dict]:
        return self.schema["fields"]

    @property
    def noun(self) -> str:
        """What one row is called in messages and commands: the name without its plural
        s (a row of sources is a source, of claimants a claimant)."""
        return self.name.removesuffix("s")

    @property
    def field_names(self) -> list[str]:
        return [f["name"] for f in self.fields]

    def field(self, name: str) -> dict:
        return next(f for f in self.fields if f["name"] == name)

    @property
    def primary_key(self) -> list[str]:
        return primary_key_of(self.schema)

    @property
    def key(self) -> str:
        """The column that names a row: the first of the primary key, else the first column."""
        return (self.primary_key or self.field_names)[0]

    @property
    def foreign_keys(self) -> list[ForeignKey]:
        found = []
        for foreign in self.schema.get("foreignKeys") or []:
            reference = foreign["reference"]
            found.append(
                ForeignKey(
                    _names(foreign["fields"]), reference.get("resource") or self.name, _names(reference["fields"])
                )
            )
        return found

    @property
    def joins(self) -> list[Join]:
        """The foreign keys to other tables, one column each, in the schema's order; a
        reference to this table itself (a claim's ``settled_by``) stays an id."""
        return [
            Join(key.fields[0], key.resource, key.keys[0], key.fields[0].removesuffix("_id"))
            for key in self.foreign_keys
            if len(key.fields) == 1 and key.resource != self.name
        ]

    def join(self, name: str) -> Join:
        """The join called ``name`` ("measure", "via")."""
        return next(j for j in self.joins if j.name == name)

    @property
    def missing_values(self) -> list[str]:
        return list(self.schema.get("missingValues", [""]))


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def primary_key_of(schema: dict) -> list[str]:
    """A schema's primary key as a list of field names (Table Schema allows one name)."""
    key = schema.get("primaryKey") or []
    return [key] if isinstance(key, str) else list(key)


def _names(value) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


@dataclass
class Package:
    root: Path
    descriptor: dict
    resources: list[Resource] = field(default_factory=list)
    # The story threads its measures belong to, and the charts it declares (views).
    topics: list[Topic] = field(default_factory=list)
    views: list[View] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.descriptor.get("name", "package")

    @property
    def version(self) -> str:
        return self.descriptor.get("version", "")

    @property
    def title(self) -> str:
        return _text(self.descriptor.get("title")) or self.name

    @property
    def description(self) -> str:
        return _text(self.descriptor.get("description"))

    @property
    def homepage(self) -> str:
        return _text(self.descriptor.get("homepage"))

    @property
    def licence(self) -> tuple[str, str]:
        """The first licence's name (its title, else its short name) and its URL."""
        first = next(iter(self.descriptor.get("licenses") or []), {})
        first = first if isinstance(first, dict) else {}
        return _text(first.get("title")) or _text(first.get("name")), _text(first.get("path"))

    @property
    def source(self) -> tuple[str, str]:
        """The first of the descriptor's sources that gives a URL: its title and URL."""
        listed = self.descriptor.get("sources") or []
        first = next((s for s in listed if isinstance(s, dict) and s.get("path")), {})
        return _text(first.get("title")), _text(first.get("path"))

    def topic(self, name: str) -> Topic | None:
        return next((t for t in self.topics if t.name == name), None)

    def resource(self, name: str) -> Resource:
        for resource in self.resources:
            if resource.name == name:
                return resource
        raise KeyError(f"the package has no resource named {name!r}")

    def file_order(self) -> list[str]:
        return [paths.DESCRIPTOR] + [r.schema_path for r in self.resources] + [r.path for r in self.resources]


def read_package(root: str | Path = ".", overrides: Mapping[str, bytes] | None = None) -> Package:
    """Read the descriptor and every schema; raise ValidationError listing what is wrong.

    ``overrides`` maps a file's path to the bytes to read in place of the file's, as
    ``validate`` takes them: how a change to the descriptor is checked before it is written.
    """
    root = paths.package_root(root)
    overrides = overrides or {}
    problems: list[Problem] = []
    descriptor = _read_json(root, paths.DESCRIPTOR, problems, overrides.get(paths.DESCRIPTOR))
    if descriptor is None:
        raise ValidationError(problems)
    package = Package(root=root, descriptor=descriptor)
    _check_profile(descriptor, "the package", problems)
    raw_resources = descriptor.get("resources")
    if not isinstance(raw_resources, list) or not raw_resources:
        raise ValidationError([_descriptor_problem("the descriptor needs a non-empty list of resources", "descriptor")])
    if len(raw_resources) > MAX_RESOURCES:
        raise ValidationError(
            [
                _descriptor_problem(
                    f"the descriptor declares {len(raw_resources):,} resources; a package may declare at most "
                    f"{MAX_RESOURCES}, each read and checked on every validation",
                    "descriptor",
                )
            ]
        )
    seen: set[str] = set()
    for i, raw in enumerate(raw_resources):
        resource = _read_resource(root, i, raw, problems, overrides)
        if resource is None:
            continue
        if resource.name in seen:
            problems.append(_descriptor_problem(f"resource name {resource.name!r} is used twice", "descriptor"))
            continue
        seen.add(resource.name)
        package.resources.append(resource)
    missing = [name for name in REQUIRED_RESOURCES if name not in seen]
    if missing and not problems:
        problems.append(
            _descriptor_problem(
                f"the package has no resource named {', '.join(missing)}: claimtrack reads its tables "
                f"{', '.join(REQUIRED_RESOURCES)} by those names",
                "descriptor",
                value=", ".join(sorted(seen - {*REQUIRED_RESOURCES, LOG})) or None,  # the names it has instead
            )
        )
    package.topics = read_topics(descriptor, problems)
    package.views = read_views(descriptor, package.topics, problems)
    if not problems:
        problems += _reference_problems(package)
    if problems:
        raise ValidationError(problems)
    return package


def _reference_problems(package: Package) -> list[Problem]:
    """Every foreign key refers to a resource of the package and to fields it has."""
    problems = []
    fields = {r.name: set(r.field_names) for r in package.resources}
    for resource in package.resources:
        for key in resource.foreign_keys:
            if key.resource not in fields:
                wrong = f"refers to the resource {key.resource!r}, which the package does not have"
            elif not set(key.keys) <= fields[key.resource]:
                wrong = f"refers to {', '.join(key.keys)}, which {key.resource} does not have"
            else:
                continue
            problems.append(
                _descriptor_problem(
                    f"the foreign key on {', '.join(key.fields)} {wrong}", "schema", file=resource.schema_path
                )
            )
    return problems


def _descriptor_problem(message: str, rule: str, value: str | None = None, file: str = paths.DESCRIPTOR) -> Problem:
    return Problem(file=file, line=None, column=None, value=value, message=message, rule=rule)


def no_package_here(root: Path) -> str:
    """What a command run outside a package says: that there is none, and what to do."""
    return f"no package here ({root}): cd into one, pass -p DIR, or start one with claimtrack init"


def no_package(problems: list[Problem]) -> str | None:
    """The message of ``problems`` when all they say is that there is no package here."""
    only = problems[0] if len(problems) == 1 else None
    if only and only.file == paths.DESCRIPTOR and only.rule == "missing-file" and only.line is None:
        return only.message
    return None


def _read_json(root: Path, relative: str, problems: list[Problem], override: bytes | None = None) -> dict | None:
    """The JSON object in the file ``relative``, or in ``override``, the bytes to read in its place."""
    path = root / relative
    try:
        size = path.stat().st_size if override is None else len(override)
        if size > MAX_JSON_BYTES:
            problems.append(
                _descriptor_problem(
                    f"is {size:,} bytes, more than the {MAX_JSON_BYTES:,} a descriptor or schema may be",
                    "json",
                    file=relative,
                )
            )
            return None
        if override is None:
            text = path.read_text(encoding="utf-8-sig")  # a byte-order mark is harmless
        else:
            text = override.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")  # as read_text reads
    except FileNotFoundError:
        missing = no_package_here(root) if relative == paths.DESCRIPTOR else f"{relative} is missing from {root}"
        problems.append(_descriptor_problem(missing, "missing-file", file=relative))
        return None
    except UnicodeDecodeError as error:
        problems.append(_descriptor_problem(f"is not UTF-8 text (byte {error.start})", "encoding", file=relative))
        return None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        problems.append(
            Problem(
                relative, error.lineno, None, None, f"is not valid JSON: {error.msg} at character {error.colno}", "json"
            )
        )
        return None
    except RecursionError:
        problems.append(_descriptor_problem("is nested too deeply to be a descriptor or schema", "json", file=relative))
        return None
    if not isinstance(data, dict):
        problems.append(_descriptor_problem("must hold a JSON object", "json", file=relative))
        return None
    return data


def _check_profile(descriptor: dict, what: str, problems: list[Problem]) -> bool:
    """A profile or $schema must be one of the standard names: a URL would be fetched."""
    for key in ("profile", "$schema", "dialect"):
        value = descriptor.get(key)
        if value is None:
            continue
        if key == "dialect" and isinstance(value, dict):
            continue
        if key != "dialect" and isinstance(value, str) and (value in PROFILES or value.startswith(_SPEC_SITE)):
            continue
        problems.append(
            _descriptor_problem(
                f"{what}: {key} must be one of {', '.join(sorted(PROFILES))}, not a URL or a file: "
                "claimtrack fetches nothing",
                "path",
                value=str(value)[:200],
            )
        )
        return False
    return True


# The standard's own profile URLs name a profile; claimtrack never fetches them.
_SPEC_SITE = ("https://specs.frictionlessdata.io/schemas/", "https://datapackage.org/profiles/")


def safe_relative_path(root: Path, value: object) -> str | None:
    """The path as a clean relative path inside ``root``, or None when it is not one. A
    backslash anywhere is refused: on Windows it separates folders (data\\..\\..\\x.csv
    leaves the package), and as a zip entry's name it would unpack differently."""
    if not isinstance(value, str) or not value or _URL.match(value) or value.startswith("/") or "\\" in value:
        return None
    pure = PurePosixPath(value)
    if ".." in pure.parts:
        return None
    resolved = (root / pure).resolve()
    if not resolved.is_relative_to(root):
        return None  # e.g. a symbolic link that leaves the folder
    return pure.as_posix()


def _read_resource(
    root: Path, index: int, raw: object, problems: list[Problem], overrides: Mapping[str, bytes]
) -> Resource | None:
    where = f"resource {index + 1}"
    if not isinstance(raw, dict):
        problems.append(_descriptor_problem(f"{where} must be a JSON object", "descriptor"))
        return None
    name = raw.get("name")
    if not isinstance(name, str) or not name:
        problems.append(_descriptor_problem(f"{where} needs a name", "descriptor"))
        return None
    if not _check_profile(raw, f"resource {name!r}", problems):
        return None
    path = safe_relative_path(root, raw.get("path"))
    if path is None:
        problems.append(
            _descriptor_problem(
                f"resource {name!r}: the path must be a relative path inside the package folder, not a URL or a path outside it",
                "path",
                value=str(raw.get("path")),
            )
        )
        return None
    schema_ref = raw.get("schema")
    if isinstance(schema_ref, dict):
        schema, schema_path = schema_ref, paths.DESCRIPTOR
    else:
        schema_path = safe_relative_path(root, schema_ref)
        if schema_path is None:
            problems.append(
                _descriptor_problem(
                    f"resource {name!r}: the schema must be a relative path inside the package folder, not a URL or a path outside it",
                    "path",
                    value=str(schema_ref),
                )
            )
            return None
        schema = _read_json(root, schema_path, problems, overrides.get(schema_path))
        if schema is None:
            return None
    if not _schema_is_usable(schema, schema_path, problems):
        return None
    title, description = raw.get("title"), raw.get("description")
    return Resource(
        name=name,
        path=path,
        schema=schema,
        schema_path=schema_path,
        title=title if isinstance(title, str) and title else name,
        description=description if isinstance(description, str) else "",
    )


def _schema_is_usable(schema: dict, schema_path: str, problems: list[Problem]) -> bool:
    """Whether claimtrack can read by the schema: each of its parts of the type Table
    Schema gives it, and each constraint one the checks can run."""
    found: list[str] = []
    fields = schema.get("fields")
    if not isinstance(fields, list) or not fields:
        found.append("the schema needs a non-empty list of fields")
        fields = []
    elif len(fields) > MAX_FIELDS:
        found.append(f"the schema has {len(fields):,} fields; a table may have at most {MAX_FIELDS}")
        fields = []
    names: set[str] = set()
    for position, spec in enumerate(fields, start=1):
        if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
            found.append(f"field {position} needs a name")
            continue
        if spec["name"] in names:
            found.append(f"field name {spec['name']!r} is used twice")
        names.add(spec["name"])
        kind = spec.get("type", "string")
        if kind not in KNOWN_TYPES:
            found.append(f"field {spec['name']!r} has type {kind!r}; claimtrack reads {', '.join(sorted(KNOWN_TYPES))}")
            continue
        found.extend(f"field {spec['name']!r}: {wrong}" for wrong in _constraint_problems(spec, kind))
    key = schema.get("primaryKey")
    if key is not None:
        listed = [key] if isinstance(key, str) else key
        if not isinstance(listed, list) or not listed or not all(isinstance(k, str) for k in listed):
            found.append("primaryKey must be a field name or a list of field names")
        elif names:
            found.extend(
                f"primaryKey names {k!r}, which is not a field of this schema" for k in listed if k not in names
            )
    missing = schema.get("missingValues")
    if missing is not None and not (isinstance(missing, list) and all(isinstance(m, str) for m in missing)):
        found.append('missingValues must be a list of texts, such as [""]')
    foreign_keys = schema.get("foreignKeys")
    if foreign_keys is not None and not isinstance(foreign_keys, list):
        found.append("foreignKeys must be a list of foreign keys")
    else:
        for number, foreign in enumerate(foreign_keys or [], start=1):
            wrong = _foreign_key_problem(foreign, names)
            if wrong:
                found.append(f"foreign key {number} {wrong}")
    problems.extend(_descriptor_problem(message, "schema", file=schema_path) for message in found)
    return not found


def _constraint_problems(spec: dict, kind: str) -> list[str]:
    """What is wrong with a field's constraints: each of the type Table Schema gives it."""
    constraints = spec.get("constraints", {})
    if not isinstance(constraints, dict):
        return ['constraints must be a JSON object, such as {"required": true}']
    found = []
    for flag in ("required", "unique"):
        if not isinstance(constraints.get(flag, False), bool):
            found.append(f"{flag} must be true or false")
    enum = constraints.get("enum")
    if enum is not None and not (isinstance(enum, list) and enum):
        found.append("enum must be a non-empty list of the values the column takes")
    for length in ("minLength", "maxLength"):
        value = constraints.get(length)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            found.append(f"{length} must be a whole number of characters, such as 64, not {value!r}")
    for bound in ("minimum", "maximum"):
        if bound in constraints and not _of_kind(constraints[bound], kind):
            found.append(
                f"{bound} must be {_KIND_WORDS.get(kind, 'a value of the field type')}, not {constraints[bound]!r}"
            )
    pattern = constraints.get("pattern")
    if pattern is not None:
        try:
            re.compile(pattern if isinstance(pattern, str) else None)
        except (re.error, TypeError) as error:
            why = error.msg if isinstance(error, re.error) else "it is not text"
            found.append(f"pattern {pattern!r} is not a regular expression: {why}")
    return found


_KIND_WORDS = {"integer": "a whole number", "number": "a number", "date": "a date written YYYY-MM-DD"}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _of_kind(value: object, kind: str) -> bool:
    """Whether a bound is of its field's type, as Table Schema writes it in JSON."""
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "date":
        return isinstance(value, str) and bool(_ISO_DATE.fullmatch(value))
    return False  # a string or boolean field has no bounds


def _foreign_key_problem(foreign: object, names: set[str]) -> str | None:
    """What is wrong with a foreign key's declaration; None when claimtrack can follow it."""

    def listed(value) -> list | None:
        value = [value] if isinstance(value, str) else value
        return value if isinstance(value, list) and value and all(isinstance(v, str) for v in value) else None

    if not isinstance(foreign, dict) or not isinstance(foreign.get("reference"), dict):
        return "needs fields and a reference, as Table Schema gives them"
    fields, keys = listed(foreign.get("fields")), listed(foreign["reference"].get("fields"))
    if fields is None or keys is None:
        return "needs fields and reference fields, each a field name or a list of them"
    if len(fields) != 1 or len(keys) != 1:
        return "has more than one field: claimtrack follows foreign keys of one field"
    if fields[0] not in names:
        return f"names {fields[0]!r}, which is not a field of this schema"
    if not isinstance(foreign["reference"].get("resource", ""), str):
        return "names its resource with something other than text"
    return None
