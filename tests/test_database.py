"""The SQLite database: the schemas' tables, types and keys, views that join claims
to what they refer to, full-text search over quotes, and metadata for Datasette."""

from __future__ import annotations

import csv
import sqlite3

import pytest

from claimtrack.model.package import read_package
from claimtrack.publishing.database import VIEW_SUFFIX, DatabaseError, datasette_metadata, write_database
from conftest import REPO

SQLITE_TYPES = {"string": "TEXT", "date": "TEXT", "integer": "INTEGER", "number": "FLOAT", "boolean": "INTEGER"}


@pytest.fixture(scope="module")
def package():
    return read_package(REPO)


@pytest.fixture(scope="module")
def db(package, tmp_path_factory):
    path = tmp_path_factory.mktemp("db") / "claimtrack-syria.db"
    write_database(package, path)
    connection = sqlite3.connect(path)
    yield connection
    connection.close()


def csv_rows(name):
    with (REPO / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_there_is_one_table_per_resource_with_every_row(package, db):
    for resource in package.resources:
        count = db.execute(f'SELECT count(*) FROM "{resource.name}"').fetchone()[0]
        assert count == len(csv_rows(resource.name)), resource.name


def test_columns_have_the_schemas_names_order_types_and_required_flags(package, db):
    for resource in package.resources:
        info = db.execute(f'PRAGMA table_info("{resource.name}")').fetchall()
        assert [row[1] for row in info] == resource.field_names
        for (_, name, kind, not_null, _, _), field in zip(info, resource.fields):
            assert kind == SQLITE_TYPES[field.get("type", "string")], (resource.name, name)
            required = field.get("constraints", {}).get("required", False)
            assert bool(not_null) == required, (resource.name, name)


def test_primary_keys_are_the_schemas(package, db):
    for resource in package.resources:
        info = db.execute(f'PRAGMA table_info("{resource.name}")').fetchall()
        key = [name for _, name, _, _, _, position in sorted(info, key=lambda row: row[5]) if position]
        assert key == resource.primary_key, resource.name


def test_foreign_keys_are_the_schemas_including_a_claim_settled_by_another(package, db):
    found = {
        (row[2], row[3], row[4])
        for row in db.execute("PRAGMA foreign_key_list(claims)").fetchall()
        # (id, seq, table, from, to, ...)
    }
    assert found == {
        ("measures", "measure_id", "measure_id"),
        ("claimants", "claimant_id", "claimant_id"),
        ("claimants", "via_id", "claimant_id"),
        ("sources", "source_id", "source_id"),
        ("claims", "settled_by", "claim_id"),
    }
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_values_are_typed_and_empty_cells_are_null(db):
    low, value, said_on, via = db.execute(
        "SELECT low, value, said_on, via_id FROM claims WHERE claim_id = 'mt-2013-05-16-09'"
    ).fetchone()
    assert (low, value, said_on, via) == (94000, None, "2013-05-14", None)
    assert db.execute("SELECT typeof(low) FROM claims WHERE claim_id = 'mt-2013-05-16-09'").fetchone() == ("integer",)


def test_the_claims_view_joins_each_claim_to_its_measure_claimant_intermediary_and_source(db):
    row = db.execute(
        f"SELECT measure_label, claimant_name, claimant_stance, via_name, source_publisher, source_url "
        f"FROM claims{VIEW_SUFFIX} WHERE claim_id = 'mt-2013-05-16-02'"
    ).fetchone()
    assert row == (
        "Date of the Geneva II peace conference on Syria",
        "an unnamed diplomatic official in New York",
        None,
        "Interfax",
        "The Moscow Times",
        "https://www.themoscowtimes.com/2013/05/16/syria-peace-conference-tentatively-scheduled-for-mid-june-a24070",
    )
    assert db.execute(f"SELECT count(*) FROM claims{VIEW_SUFFIX}").fetchone()[0] == len(csv_rows("claims"))


def test_the_claims_view_carries_each_claims_stance_and_hedge(db):
    spoken = db.execute(
        f"SELECT claim_id, stance, hedge, qualifier FROM claims{VIEW_SUFFIX} "
        "WHERE stance != 'asserts' OR hedge IS NOT NULL ORDER BY claim_id"
    ).fetchall()
    expected = [
        (row["claim_id"], row["stance"], row["hedge"] or None, row["qualifier"])
        for row in sorted(csv_rows("claims"), key=lambda r: r["claim_id"])
        if row["stance"] != "asserts" or row["hedge"]
    ]
    assert spoken == expected
    assert ("businessline-regime-agrees-01", "denies", None, "on") in spoken


def test_the_appearances_view_joins_each_appearance_to_its_claim_and_source(db):
    rows = db.execute(f"SELECT claim_id, claim_figure_text, source_publisher FROM appearances{VIEW_SUFFIX}").fetchall()
    assert ("mt-2013-05-16-09", "at least 94,000", "The Jerusalem Post") in rows


def test_full_text_search_over_quotes_finds_exactly_the_claims_whose_quote_has_the_word(db):
    found = {
        row[0]
        for row in db.execute(
            "SELECT claims.claim_id FROM claims_fts JOIN claims ON claims.rowid = claims_fts.rowid "
            "WHERE claims_fts MATCH 'quote: Interfax'"
        )
    }
    expected = {row["claim_id"] for row in csv_rows("claims") if "interfax" in row["quote"].lower()}
    assert expected and found == expected


def test_full_text_search_covers_the_appearances_quotes(db):
    hits = db.execute("SELECT count(*) FROM appearances_fts WHERE appearances_fts MATCH 'likely'").fetchone()[0]
    assert hits == sum("likely" in row["quote"] for row in csv_rows("appearances"))


def test_building_twice_gives_the_same_tables(package, tmp_path):
    dumps = []
    for name in ("one.db", "two.db"):
        write_database(package, tmp_path / name)
        with sqlite3.connect(tmp_path / name) as connection:
            dumps.append(list(connection.iterdump()))
    assert dumps[0] == dumps[1]


def test_an_existing_file_is_never_silently_added_to(package, tmp_path):
    write_database(package, tmp_path / "x.db")
    with pytest.raises(DatabaseError, match="already exists"):
        write_database(package, tmp_path / "x.db")


def test_the_metadata_describes_every_column_of_every_table_from_the_schemas(package):
    metadata = datasette_metadata(package, "claimtrack-syria")
    tables = metadata["databases"]["claimtrack-syria"]["tables"]
    for resource in package.resources:
        columns = tables[resource.name]["columns"]
        assert list(columns) == resource.field_names
        for field in resource.fields:
            assert columns[field["name"]] == field["description"]
        assert tables[resource.name]["description"]
    assert tables["claimants"]["label_column"] == "name"
    assert tables[f"claims{VIEW_SUFFIX}"]["columns"]["measure_label"].startswith("measure_id -> measures:")


def test_the_metadata_carries_the_title_licence_and_source(package):
    metadata = datasette_metadata(package, "claimtrack-syria")
    assert metadata["title"] == package.descriptor["title"]
    assert metadata["license"] == "Creative Commons Attribution 4.0 International"
    assert metadata["license_url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert metadata["source"].startswith("The Moscow Times")
    assert metadata["source_url"].startswith("https://www.themoscowtimes.com/")


def test_the_corrections_log_is_a_table_keyed_by_correction_and_column(tmp_path):
    import datetime as dt

    from claimtrack.tracking import correcting
    from conftest import build_package

    folder = build_package(tmp_path / "corrected")
    correcting.correct(folder, "test-widgets-02", {"note": "Made up: corrected."}, "Made up: the note was wrong.",
                       on=dt.date(2024, 2, 3))  # fmt: skip
    write_database(read_package(folder), tmp_path / "corrected.db")
    db = sqlite3.connect(tmp_path / "corrected.db")
    try:
        rows = db.execute("SELECT correction_id, row_id, column, was, became, corrected_on FROM corrections").fetchall()
        keys = [row[1] for row in db.execute("PRAGMA table_info(corrections)") if row[5]]
    finally:
        db.close()
    assert rows == [
        ("correction-01", "test-widgets-02", "note", "Made up: a test claim.", "Made up: corrected.", "2024-02-03")
    ]
    assert keys == ["correction_id", "column"]
