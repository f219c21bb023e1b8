"""Convention tests: each fact the tool knows is written in one place, and a second copy fails here.

The words of the qualifiers live in the qualifier table; file and folder names in
model/paths.py; the joins between tables in the schemas' foreign keys; the import
graph runs one way, from the command line through the stages to the model.
"""

from __future__ import annotations

import ast
import csv
import json
import re
from pathlib import Path

import pytest

from conftest import REPO

SOURCE = REPO / "src" / "claimtrack"
MODULES = sorted(SOURCE.rglob("*.py"))


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the nodes that are docstrings: they explain, they do not restate."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def strings(path: Path) -> list[tuple[int, str]]:
    """Every string constant in a module, with its line, docstrings aside; an f-string
    gives its literal parts."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
    ]


def named(path: Path) -> str:
    return path.relative_to(SOURCE).as_posix()


# --- Qualifiers ---------------------------------------------------------------------------------

QUALIFIER_TABLE = "model/qualifiers.py"
# The qualifier words, read from the package's schema rather than from the code under test.
QUALIFIER_WORDS = json.loads((REPO / "schemas" / "claims.json").read_text(encoding="utf-8"))
QUALIFIER_WORDS = next(f for f in QUALIFIER_WORDS["fields"] if f["name"] == "qualifier")["constraints"]["enum"]
_WORD = "|".join(re.escape(w) for w in sorted(QUALIFIER_WORDS, key=len, reverse=True))
# Three qualifier words or more in a row, as a sentence lists a vocabulary.
_LISTED = re.compile(rf"\b(?:{_WORD})\b(?:(?:,\s*|\s+or\s+)\b(?:{_WORD})\b){{2,}}")
# Strings that are the same letters as a qualifier's word but mean something else.
NOT_A_QUALIFIER = {
    ("charts/theme.py", "range"): "Vega-Lite's config key for the colour range",
}


def copies_outside(owner: str, exceptions: dict, is_copy) -> list[str]:
    """Every string constant outside the module ``owner`` that ``is_copy`` says restates
    what ``owner`` holds, as "module:line: text", but for the ``exceptions``."""
    return [
        f"{named(path)}:{line}: {text!r}"
        for path in MODULES
        if named(path) != owner
        for line, text in strings(path)
        if (named(path), text) not in exceptions and is_copy(text)
    ]


def test_no_module_but_the_qualifier_table_spells_a_qualifier_word():
    copies = copies_outside(
        QUALIFIER_TABLE, NOT_A_QUALIFIER, lambda text: text in QUALIFIER_WORDS or _LISTED.search(text)
    )
    assert not copies, "qualifier words restated outside the qualifier table:\n" + "\n".join(copies)


def test_the_qualifier_check_finds_a_word_and_a_listing_it_is_shown():
    assert "at least" in QUALIFIER_WORDS and "several" in QUALIFIER_WORDS
    assert _LISTED.search("numbers take exact, about, nearly or several")
    assert not _LISTED.search("at least 94,000, said the group on Tuesday")


def test_every_exception_to_a_convention_still_names_a_string_that_is_there():
    for (module, text), _why in NOT_A_QUALIFIER.items():
        assert text in {value for _, value in strings(SOURCE / module)}, f"{module} no longer has {text!r}"


@pytest.mark.parametrize("word", QUALIFIER_WORDS)
def test_the_qualifier_table_spells_every_word_of_the_schema(word):
    assert word in {value for _, value in strings(SOURCE / QUALIFIER_TABLE)}


# --- File and folder names ----------------------------------------------------------------------

PATHS = "model/paths.py"
FILE_NAME = re.compile(r"[\w.-]*\.(?:json|csv|md|cff|db|zip|lock|html|js|css|txt|png|svg)|LICENSE(?:-DATA)?")
FOLDER_NAMES = {"data", "schemas", "charts", "dist", "site", "downloads", "templates", "archive"}
NOT_A_FILE_NAME = {
    ("charts/render.py", "charts"): "the key under which charts/manifest.json lists the charts",
    ("model/problems.py", "archive"): "the group of the rules against the archived texts",
    ("publishing/readme.py", "archive"): "the same group, given its title in the README",
    ("cli/archiving.py", "archive"): "the name of the command claimtrack archive",
}


def test_no_module_but_paths_names_a_file_or_folder_of_the_package():
    copies = copies_outside(PATHS, NOT_A_FILE_NAME, lambda text: FILE_NAME.fullmatch(text) or text in FOLDER_NAMES)
    assert not copies, "file or folder names outside model/paths.py:\n" + "\n".join(copies)


def test_the_file_name_check_knows_a_file_name_when_it_sees_one():
    assert FILE_NAME.fullmatch("CITATION.cff") and FILE_NAME.fullmatch(".claimtrack.lock")
    assert not FILE_NAME.fullmatch("the changelog names version 0.2.0")


def test_every_file_name_exception_still_names_a_string_that_is_there():
    for (module, text), _why in NOT_A_FILE_NAME.items():
        assert text in {value for _, value in strings(SOURCE / module)}, f"{module} no longer has {text!r}"


# --- Joins and keys -----------------------------------------------------------------------------


def _schemas() -> dict[str, dict]:
    descriptor = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))
    return {r["name"]: json.loads((REPO / r["schema"]).read_text(encoding="utf-8")) for r in descriptor["resources"]}


def _references() -> set[tuple[str, str]]:
    """(column, table) for every foreign key of the package's schemas, read from the files."""
    found = set()
    for name, schema in _schemas().items():
        for key in schema.get("foreignKeys", []):
            fields = key["fields"] if isinstance(key["fields"], list) else [key["fields"]]
            found |= {(field, key["reference"].get("resource") or name) for field in fields}
    return found


def test_no_module_writes_a_join_by_hand():
    """A literal that pairs a foreign-key column with the table it refers to, such as
    {"source_id": "sources"} or ("claimants", "via_id"), restates the schema."""
    references = _references()
    copies = []
    for path in MODULES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Dict, ast.Tuple, ast.List, ast.Set)):
                parts = node.keys + node.values if isinstance(node, ast.Dict) else node.elts
                texts = {p.value for p in parts if isinstance(p, ast.Constant) and isinstance(p.value, str)}
                pairs = {(column, table) for column, table in references if column in texts and table in texts}
                if pairs:
                    copies.append(f"{named(path)}:{node.lineno}: {sorted(pairs)}")
    assert not copies, "joins written by hand instead of read from the schemas' foreign keys:\n" + "\n".join(copies)


def test_the_join_check_knows_the_packages_foreign_keys():
    assert {("source_id", "sources"), ("via_id", "claimants"), ("settled_by", "claims")} <= _references()


# --- Reading CSV ---------------------------------------------------------------------------------


def _csv_readers_made() -> list[str]:
    """Every call of csv.reader or csv.DictReader, as "module:line"."""
    found = []
    for path in MODULES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("reader", "DictReader")
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "csv"
            ):
                found.append(f"{named(path)}:{node.lineno}")
    return found


def test_every_csv_reader_is_made_by_textfile_which_takes_cells_of_any_length():
    """The csv module refuses a cell over 131,072 characters unless told otherwise, and
    only textfile's readers tell it: a reader made elsewhere would refuse a long note."""
    assert {place.split(":")[0] for place in _csv_readers_made()} == {"io/textfile.py"}


def test_only_the_package_model_reads_keys_and_titles_from_a_schema_or_descriptor():
    readers = {
        named(path)
        for path in MODULES
        for _, text in strings(path)
        if text in ("foreignKeys", "primaryKey", "licenses", "homepage")
    }
    # claimtrack init writes a new descriptor's licences; it reads none.
    assert readers - {"starting/__init__.py"} == {"model/package.py"}


# --- The story ----------------------------------------------------------------------------------

# claimtrack serves any story: the words of the repository's own story come from its
# package (claimants' names and aliases, measures' keywords, the charts it declares),
# never from the code, its comments, docstrings, help examples or templates. The story's words are read from the package's
# data (names, surnames, aliases, ids, publishers), with the places and peoples its
# names and labels speak of.
STORY_PLACES = {
    "Syria", "Syrian", "Geneva", "Moscow", "Russia", "Russian", "Kyrgyz", "Kyrgyzstan", "Chechen", "Bishkek",
    "Kiruna", "Arctic", "Afghanistan", "Observatory", "Assad",
}  # fmt: skip


def _data(name: str) -> list[dict[str, str]]:
    with (REPO / "data" / f"{name}.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def story_words() -> set[str]:
    named = [row for row in _data("claimants") if row["kind"] != "unattributed"]
    words = {row["name"] for row in named} | {row["claimant_id"] for row in named}
    words |= {row["name"].split()[-1] for row in named if row["kind"] == "person"}  # "Lopez" for Maria Lopez
    words |= {alias.strip() for row in named for alias in row["aliases"].split("|") if alias.strip()}
    words |= {row["publisher"] for row in _data("sources")} | {row["source_id"] for row in _data("sources")}
    words |= {row["measure_id"] for row in _data("measures")}
    return words | STORY_PLACES


def story_words_in(text: str, words: set[str]) -> list[str]:
    """The story's words in ``text``, whole; one in capitals (an acronym) only in capitals."""
    return sorted(
        word
        for word in words
        if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text, 0 if word.isupper() else re.IGNORECASE)
    )


# Every file claimtrack is made of or ships: its code, templates and skeleton.
SHIPPED = sorted(
    p for p in SOURCE.rglob("*") if p.is_file() and p.suffix in {".py", ".json", ".md", ".html", ".js", ".css", ""}
)


def test_claimtrack_knows_no_word_of_the_story():
    words = story_words()
    found = [
        f"{named(path)}: {', '.join(story_words_in(path.read_text(encoding='utf-8'), words))}"
        for path in SHIPPED
        if story_words_in(path.read_text(encoding="utf-8"), words)
    ]
    assert not found, "the story's words in claimtrack, which must read any story from its package:\n" + "\n".join(
        found
    )


def test_the_story_word_check_finds_the_storys_names_and_places_when_it_sees_them():
    words = story_words()
    assert {"sohr", "Interfax", "syria-deaths", "Syrian", "Kerry"} <= words
    assert story_words_in("# as the Syrian Observatory, told Interfax", words)
    assert "AFP" in story_words_in('"""The AFP said so."""', words)
    assert not story_words_in("the afp said; a monitoring group, a charity, said", {"AFP"})


# --- The import graph ---------------------------------------------------------------------------

# What each part may import: the command line the stages, the stages the model. A
# stage may use a stage before it (publishing draws on the charts), never one after.
ALLOWED = {
    "model": set(),
    "io": {"model"},
    "tables": {"model"},
    "validation": {"model", "io", "tables"},
    "tracking": {"model", "io", "tables", "validation"},
    "extracting": {"model", "io", "tracking"},
    "charts": {"model", "io", "tables", "tracking"},  # io: charts are written as one commit
    "publishing": {"model", "io", "tables", "validation", "tracking", "charts"},
    "starting": {"model", "validation", "publishing"},
    "synthetic": {"model", "io", "starting"},
    "cli": {"model", "io", "tables", "validation", "tracking", "extracting", "charts", "publishing", "starting"},
}


KNOWN = {".".join(p.relative_to(SOURCE.parent).with_suffix("").parts).removesuffix(".__init__") for p in MODULES}


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1].removesuffix(".py") if len(parts) > 1 else ""


def _imports() -> dict[str, set[str]]:
    """Every claimtrack module's claimtrack imports, at the top or inside a function."""
    graph = {}
    for path in MODULES:
        relative = path.relative_to(SOURCE.parent).with_suffix("")
        module = ".".join(relative.parts).removesuffix(".__init__")
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("claimtrack"):
                # "from claimtrack.cli import output" imports the module output, not the package.
                names = {f"{node.module}.{alias.name}" for alias in node.names}
                found |= (names & KNOWN) | ({node.module} if names - KNOWN else set())
            elif isinstance(node, ast.Import):
                found |= {alias.name for alias in node.names if alias.name.startswith("claimtrack")}
        graph[module] = {name for name in found if name in KNOWN and name != module}
    return graph


def test_the_imports_flow_from_the_command_line_through_the_stages_to_the_model():
    wrong = []
    for module, imported in _imports().items():
        part = _part(module)
        if part in ("", "__main__"):
            continue  # the top: claimtrack.load and python -m claimtrack
        for name in imported:
            other = _part(name)
            if other and other != part and other not in ALLOWED[part]:
                wrong.append(f"{module} imports {name}")
    assert not wrong, "\n".join(sorted(wrong))


def test_no_module_imports_itself_round_a_circle():
    graph = _imports()
    # The top package lazily offers load and validate; its own lazy imports are no circle.
    graph = {module: {n for n in names if n != "claimtrack"} for module, names in graph.items()}
    state: dict[str, int] = {}
    circles = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for name in sorted(graph.get(module, ())):
            if state.get(name) == 1:
                circles.append(" -> ".join(trail[trail.index(name) :] + [name]) if name in trail else name)
            elif name not in state:
                visit(name, trail + [name])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert not circles, "\n".join(circles)


def test_every_part_of_the_package_is_in_the_import_rules():
    parts = {_part(module) for module in _imports()} - {"", "__main__"}
    assert parts == set(ALLOWED)


def test_the_tests_find_the_repository_and_copy_the_package_in_one_place():
    conftest = REPO / "tests" / "conftest.py"
    copies = [
        path.name
        for path in sorted((REPO / "tests").glob("*.py"))
        if path != conftest and re.search(r"parents\[1\]|copytree\(REPO", path.read_text(encoding="utf-8"))
    ]
    assert not copies, f"these test modules find the repository or copy the package themselves: {copies}"


# --- Other people's words -----------------------------------------------------------------------


def _git(*args: str) -> str:
    import subprocess

    return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=True).stdout


def test_the_repository_commits_no_archived_text_only_the_folders_readme():
    assert _git("ls-files", "archive").split() == ["archive/README.md"]


def test_git_ignores_any_text_archived_in_the_repositorys_own_archive_folder():
    ignored = _git("check-ignore", "--no-index", "archive/mt-2013-05-16.txt", "archive/page.html").split()
    assert ignored == ["archive/mt-2013-05-16.txt", "archive/page.html"]


def test_the_archive_folders_readme_gives_the_command_that_archives_the_story():
    readme = (REPO / "archive" / "README.md").read_text(encoding="utf-8")
    assert "claimtrack archive mt-2013-05-16 " in readme
    assert "does not commit" in readme
