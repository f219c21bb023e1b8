"""Convention tests: each fact the tool knows is written in one place, and a second copy fails here.

The words of the qualifiers live in the qualifier table; file and folder names in
model/paths.py; the joins between tables in the schemas' foreign keys; the import
graph runs one way, from the command line through the stages to the model.
"""

from __future__ import annotations

import ast
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


def test_no_module_but_the_qualifier_table_spells_a_qualifier_word():
    copies = []
    for path in MODULES:
        if named(path) == QUALIFIER_TABLE:
            continue
        for line, text in strings(path):
            if (named(path), text) in NOT_A_QUALIFIER:
                continue
            if text in QUALIFIER_WORDS or _LISTED.search(text):
                copies.append(f"{named(path)}:{line}: {text!r}")
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
