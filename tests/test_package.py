"""The data package as published: declared, described, licensed, and valid for
frictionless too, which also refuses what our Table Schema checks refuse."""

from __future__ import annotations

import json
import re

import pytest
from frictionless import validate as frictionless_validate

from claimtrack.validation.run import validate
from conftest import REPO, TEST_ARCHIVE

DESCRIPTOR = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = DESCRIPTOR["resources"]
# semver.org's own pattern
SEMVER = re.compile(
    r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?"
)


def test_every_csv_in_data_is_declared_in_datapackage_json():
    on_disk = {path.relative_to(REPO).as_posix() for path in (REPO / "data").rglob("*.csv")}
    assert on_disk == {resource["path"] for resource in RESOURCES}


@pytest.mark.parametrize("resource", RESOURCES, ids=lambda r: r["name"])
def test_every_resource_has_a_schema_file_that_exists(resource):
    assert isinstance(resource["schema"], str)
    assert (REPO / resource["schema"]).is_file()


@pytest.mark.parametrize("resource", RESOURCES, ids=lambda r: r["name"])
def test_every_resource_is_named_described_licensed_and_sourced(resource):
    for key in ("name", "title", "description"):
        assert isinstance(resource.get(key), str) and resource[key].strip(), key
    assert resource.get("licenses") and all(licence.get("name") for licence in resource["licenses"])
    assert resource.get("sources") and all(source.get("title") for source in resource["sources"])


def test_the_package_has_a_semantic_version():
    assert SEMVER.fullmatch(DESCRIPTOR.get("version", ""))


def test_the_package_has_a_licence():
    assert DESCRIPTOR.get("licenses")
    assert all(licence.get("name") and licence.get("path") for licence in DESCRIPTOR["licenses"])


def test_frictionless_finds_the_package_valid():
    report = frictionless_validate(str(REPO / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_frictionless_finds_the_base_fixture_valid(make_package):
    assert frictionless_validate(str(make_package() / "datapackage.json")).valid


def frictionless_rows(report) -> set[tuple[str, int]]:
    return {(task.place, error.row_number) for task in report.tasks for error in task.errors}


@pytest.mark.parametrize(
    "case",
    [
        "type-integer",
        "type-date",
        "required",
        "enum",
        "pattern",
        "minimum",
        "max-length",
        "primary-key",
        "foreign-key",
        "foreign-key-settled-by",
        "unique",
    ],
)
def test_frictionless_refuses_what_our_table_schema_checks_refuse_on_the_same_rows(make_package, case):
    package = make_package(case)
    report = frictionless_validate(str(package / "datapackage.json"))
    assert not report.valid
    ours = {(p.file, p.line) for p in validate(package, archive=TEST_ARCHIVE).problems}
    assert frictionless_rows(report) == ours
