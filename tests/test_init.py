"""claimtrack init: a new story starts as a complete, valid, empty package that
validates, builds and publishes at once; the repository's own package is one such."""

from __future__ import annotations

import fnmatch
import json
import tomllib
import zipfile
from pathlib import Path

import claimtrack
from claimtrack.starting import PACKAGE_SCHEMA, schema_files, skeleton, skeleton_resources
from conftest import REPO, run_claimtrack

STORY = ("--title", "Deaths in the river floods", "--description", "Tolls from officials and aid groups.")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_init_writes_a_complete_package_that_validates_builds_and_publishes(tmp_path):
    ran = run_claimtrack("init", "flood-2024", *STORY, "--license", "cc0-1.0", "--author", "The Desk", cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    assert "Started flood-2024 in flood-2024" in ran.stdout
    package = tmp_path / "flood-2024"
    found = set(_files(package))
    assert {
        "datapackage.json", "README.md", "CITATION.cff", "CHANGELOG.md", "LICENSE", "LICENSE-DATA", "Makefile",
        ".gitignore", "archive/README.md",
    } <= found  # fmt: skip
    assert {f"data/{n}.csv" for n in ("sources", "claimants", "measures", "claims", "appearances")} <= found
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["$schema"] == PACKAGE_SCHEMA and "profile" not in descriptor
    assert (descriptor["name"], descriptor["title"], descriptor["version"]) == (
        "flood-2024",
        "Deaths in the river floods",
        "0.1.0",
    )
    assert descriptor["licenses"][0]["name"] == "CC0-1.0"
    assert descriptor["topics"] == [] and descriptor["views"] == []
    assert "CC0-1.0" in (package / "LICENSE-DATA").read_text(encoding="utf-8")
    assert 'version: "0.1.0"' in (package / "CITATION.cff").read_text(encoding="utf-8")
    assert (package / "data" / "claims.csv").read_text(encoding="utf-8").startswith("claim_id,measure_id,")
    readme = (package / "README.md").read_text(encoding="utf-8")
    assert "# Deaths in the river floods" in readme and "#### `data/claims.csv`" in readme  # its data dictionary
    assert "$title" not in readme

    validated = run_claimtrack("validate", cwd=package)
    assert validated.returncode == 0, validated.stderr
    assert "flood-2024 0.1.0: valid (0 sources" in validated.stdout
    built = run_claimtrack("build", cwd=package)
    assert built.returncode == 0, built.stderr
    assert "No charts to build yet" in built.stdout
    published = run_claimtrack("publish", cwd=package)
    assert published.returncode == 0, published.stderr
    with zipfile.ZipFile(package / "dist" / "flood-2024-0.1.0.zip") as release:
        names = set(release.namelist())
    assert {"datapackage.json", "README.md", "CITATION.cff", "CHANGELOG.md", "data/claims.csv"} <= names
    assert (package / "dist" / "site" / "index.html").is_file()


def test_init_asks_for_what_is_not_given_when_prompting(tmp_path):
    answers = "\n".join(["", "A title typed in", "What it tracks.", "", "Someone"]) + "\n"
    ran = run_claimtrack("init", "Typed Story", "--prompt", cwd=tmp_path, input=answers)
    assert ran.returncode == 0, ran.stderr
    descriptor = json.loads((tmp_path / "Typed Story" / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["name"] == "typed-story"  # the default offered: the folder's name, as a package name
    assert descriptor["title"] == "A title typed in" and descriptor["description"] == "What it tracks."
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert descriptor["contributors"] == [{"title": "Someone", "roles": ["author"]}]


def test_init_without_a_terminal_takes_the_defaults(tmp_path):
    ran = run_claimtrack("init", "quiet", cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    descriptor = json.loads((tmp_path / "quiet" / "datapackage.json").read_text(encoding="utf-8"))
    assert (descriptor["name"], descriptor["title"]) == ("quiet", "quiet")


def test_init_refuses_a_folder_with_files_a_bad_name_or_an_unknown_licence_and_writes_nothing(tmp_path):
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "notes.txt").write_text("mine\n", encoding="utf-8")
    ran = run_claimtrack("init", "taken", *STORY, cwd=tmp_path)
    assert ran.returncode == 1 and "already holds files" in ran.stderr
    assert _files(taken) == {"notes.txt": b"mine\n"}
    ran = run_claimtrack("init", "new", "--name", "Flood Story", *STORY, cwd=tmp_path)
    assert ran.returncode == 1 and "the name 'Flood Story' names the release files" in ran.stderr
    ran = run_claimtrack("init", "new", "--license", "GPL", *STORY, cwd=tmp_path)
    assert ran.returncode == 2 and "GPL" in ran.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]  # no folder, no scratch folder left


def test_init_starts_in_an_empty_folder_that_exists(tmp_path):
    (tmp_path / "empty").mkdir()
    assert run_claimtrack("init", "empty", *STORY, cwd=tmp_path).returncode == 0
    assert (tmp_path / "empty" / "datapackage.json").is_file()


def test_the_repository_package_has_the_schemas_and_resources_every_new_package_starts_with():
    for relative, content in schema_files().items():
        assert (REPO / relative).read_bytes() == content, f"{relative} differs from the skeleton's"
    own = {r["name"]: r for r in json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))["resources"]}
    for resource in skeleton_resources():
        assert {k: own[resource["name"]].get(k) for k in resource} == resource


def test_every_skeleton_file_is_package_data_so_an_installed_claimtrack_can_start_packages():
    globs = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]
    top = Path(claimtrack.__file__).parent
    for path in Path(str(skeleton())).rglob("*"):
        if path.is_file():
            relative = path.relative_to(top).as_posix()
            assert any(fnmatch.fnmatch(relative, glob) for glob in globs["claimtrack"]), relative
    assert not any(p.name.startswith(".") for p in Path(str(skeleton())).rglob("*")), "dot files are not installed"


def test_a_new_package_keeps_an_empty_corrections_log_that_its_first_correction_goes_to(tmp_path):
    ran = run_claimtrack("init", "flood-2024", *STORY, "--license", "cc0-1.0", cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    package = tmp_path / "flood-2024"
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    [log] = [r for r in descriptor["resources"] if r["name"] == "corrections"]
    assert (log["path"], log["schema"]) == ("data/corrections.csv", "schemas/corrections.json")
    assert (package / "data" / "corrections.csv").read_text(encoding="utf-8") == (
        "correction_id,table,row_id,column,was,became,reason,corrected_on,kind\n"
    )
    assert (package / "schemas" / "corrections.json").read_bytes() == (
        REPO / "schemas" / "corrections.json"
    ).read_bytes()
