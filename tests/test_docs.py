"""The README keeps up with the schemas and the command line."""

from __future__ import annotations

import importlib.util
import re

import pytest

from claimtrack.cli import main, reference
from claimtrack.model.package import read_package
from claimtrack.publishing.readme import render_readme
from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_the_readme_column_tables_match_the_schemas():
    expected = render_readme(README, read_package(REPO))
    assert README == expected, "README.md drifted from the schemas: run `.venv/bin/python scripts/update_readme.py`"


def test_the_readme_counts_the_tests_of_every_module_and_says_what_each_covers():
    spec = importlib.util.spec_from_file_location("update_readme", REPO / "scripts" / "update_readme.py")
    update = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(update)
    counts = update.collected()
    assert set(counts) == {path.name for path in (REPO / "tests").glob("test_*.py")}
    assert update.render(README, counts) == README, (
        "the README's table of tests is stale: run `.venv/bin/python scripts/update_readme.py`"
    )


def test_every_schema_field_has_a_row_in_the_readme():
    package = read_package(REPO)
    for resource in package.resources:
        for field in resource.field_names:
            assert f"| `{field}` |" in README, f"{resource.path}: column {field} is not documented"


def test_the_readme_shows_the_two_commands_first():
    first_block = re.search(r"```sh\n(.*?)```", README, flags=re.DOTALL).group(1)
    assert first_block.splitlines()[0].startswith("make build")
    assert first_block.splitlines()[1].startswith("make test")


@pytest.mark.parametrize("command", reference.commands())
def test_every_command_has_help_with_an_example_and_the_readme_holds_that_help_word_for_word(command):
    shown = reference.help_text(command, REPO)
    assert "Example:" in shown
    assert f"#### claimtrack {command}\n\n```\n{shown.rstrip()}\n```" in README, (
        f"the README's reference of claimtrack {command} is not its --help: run `.venv/bin/python scripts/update_readme.py`"
    )
    assert f"| [`claimtrack {command}`](#claimtrack-{command.replace(' ', '-')}) |" in README


def test_the_reference_lists_every_command_and_the_subcommands_of_each_group():
    listed = reference.commands()
    assert {"add", "status", "source add", "claimant add", "measure add"} <= set(listed)
    groups = {name for name, command in main.commands.items() if hasattr(command, "commands")}
    assert groups >= {"source", "claimant", "measure"} and not groups & set(listed)
    assert listed == sorted(listed)


def test_the_help_is_laid_out_the_same_whatever_the_terminal(monkeypatch):
    monkeypatch.setenv("COLUMNS", "40")
    narrow = reference.help_text("validate", REPO)
    monkeypatch.setenv("COLUMNS", "200")
    assert reference.help_text("validate", REPO) == narrow


def test_every_rule_is_explained_in_the_readme():
    from claimtrack.model.problems import CATALOGUE

    for check in CATALOGUE:
        assert f"| `{check.code}` |" in README, f"rule {check.code} is not in the README"


def test_a_problem_under_an_unlisted_rule_is_refused():
    from claimtrack.model.problems import Problem

    with pytest.raises(ValueError, match="unknown rule"):
        Problem("data/claims.csv", 2, "low", "1", "message", "no-such-rule")


def test_the_citation_file_names_the_current_version():
    import json

    version = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))["version"]
    assert f'version: "{version}"' in (REPO / "CITATION.cff").read_text(encoding="utf-8")
