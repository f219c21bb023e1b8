"""claimtrack.load(): the package's tables as typed DataFrames, or a ValidationError."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

import claimtrack
from claimtrack.validation.loading import load
from claimtrack.validation.run import validate
from conftest import REPO, TEST_ARCHIVE
from published import edit_rows


@pytest.fixture(scope="module")
def tables():
    return load(REPO)


@pytest.mark.parametrize("column", ["low", "value", "high"])
def test_load_gives_whole_number_columns_as_nullable_Int64(tables, column):
    assert tables.claims[column].dtype == "Int64"


def test_load_keeps_a_missing_number_missing_not_zero(tables):
    several = tables.claims.set_index("claim_id").loc["mt-2013-05-16-16"]
    assert several[["low", "value", "high"]].isna().all()


@pytest.mark.parametrize("table, column", [("claims", "date_from"), ("claims", "date_to"), ("sources", "accessed_on")])
def test_load_gives_date_columns_as_real_dates(tables, table, column):
    assert pd.api.types.is_datetime64_dtype(tables[table][column])


@pytest.mark.parametrize("table, column", [("claims", "said_on"), ("claims", "as_of"), ("sources", "published_on")])
def test_load_keeps_a_date_known_to_the_month_or_year_as_written(tables, table, column):
    assert tables[table][column].dtype == "str"


def test_load_gives_a_date_as_the_day_it_names(tables):
    june = tables.claims.set_index("claim_id").loc["mt-2013-05-16-02"]
    assert (june["date_from"], june["date_to"]) == (pd.Timestamp("2013-06-10"), pd.Timestamp("2013-06-12"))


@pytest.mark.parametrize(
    "table, column",
    [("claims", "claim_id"), ("claims", "quote"), ("claims", "qualifier"), ("sources", "url"), ("claimants", "name")],
)
def test_load_gives_text_columns_the_string_dtype(tables, table, column):
    assert tables[table][column].dtype == "string"


def test_every_column_of_every_table_is_typed_not_object(tables):
    untyped = [(name, column) for name, frame in tables.items() for column in frame if frame[column].dtype == object]
    assert untyped == []


@pytest.mark.parametrize("column", ["said_on", "as_of"])
def test_load_keeps_partial_dates_as_their_iso_text(tables, column):
    assert tables.claims[column].dtype == "string"


def test_a_date_known_only_to_the_month_stays_text(make_package):
    claims = load(make_package(), archive=TEST_ARCHIVE).claims.set_index("claim_id")
    assert claims.loc["test-widgets-01", "as_of"] == "2013-05"
    assert claims.loc["test-widgets-01", "said_on"] == "2013-05-14"


def test_load_gives_the_tables_by_name_and_as_attributes(tables):
    assert set(tables) == {"sources", "claimants", "measures", "claims", "appearances", "corrections"}
    assert tables.claims is tables["claims"]
    with pytest.raises(AttributeError, match="no table named 'claim'"):
        _ = tables.claim


def test_load_raises_validation_error_listing_every_problem(make_package):
    package = make_package("several-files")
    with pytest.raises(claimtrack.ValidationError) as raised:
        load(package)
    assert raised.value.problems == validate(package).problems
    assert [(p.file, p.line, p.rule) for p in raised.value.problems] == [
        ("data/sources.csv", 3, "pattern"),
        ("data/measures.csv", 3, "blank-row"),
        ("data/claims.csv", 2, "dates-order"),
        ("data/claims.csv", 4, "type"),
    ]


def test_load_checks_quotes_only_when_given_the_archive(make_package):
    package = make_package("quote-in-source")
    assert len(load(package).claims) == 4
    with pytest.raises(claimtrack.ValidationError) as raised:
        load(package, archive=TEST_ARCHIVE)
    assert [p.rule for p in raised.value.problems] == ["quote-in-source"]


def test_claimtrack_load_is_the_load_function_on_every_use():
    assert claimtrack.load is load
    with (REPO / "data" / "claims.csv").open(encoding="utf-8-sig", newline="") as handle:
        ids = [row["claim_id"] for row in csv.DictReader(handle)]
    first, again = claimtrack.load(REPO), claimtrack.load(REPO)
    assert first.claims["claim_id"].tolist() == ids
    pd.testing.assert_frame_equal(first.claims, again.claims)


def test_load_skipping_leaves_out_the_row_at_fault_and_the_rows_pointing_at_it(real_package):
    edit_rows(real_package / "data" / "sources.csv", "mt-2013-05-16", "source_id", published_on=lambda _: "16/05/2013")
    with pytest.raises(claimtrack.ValidationError):
        load(real_package)  # still refused by default
    tables = load(real_package, on_error="skip")
    whole = load(REPO)
    assert "mt-2013-05-16" not in set(tables.sources["source_id"])
    pointing = set(whole.claims.loc[whole.claims["source_id"] == "mt-2013-05-16", "claim_id"])
    assert pointing and not pointing & set(tables.claims["claim_id"])
    assert set(tables.left_out["claims"]) >= pointing
    assert tables.left_out["sources"] == ["mt-2013-05-16"]
    assert len(tables.claims) == len(whole.claims) - len(set(tables.left_out["claims"]))
    assert tables.problems[0].file == "data/sources.csv" and tables.problems[0].column == "published_on"


def test_load_skipping_still_refuses_a_package_it_cannot_read(make_package):
    with pytest.raises(claimtrack.ValidationError) as raised:
        load(make_package("header-misspelt"), on_error="skip")
    assert {p.rule for p in raised.value.problems} == {"header"}


def test_load_refuses_an_unknown_on_error():
    with pytest.raises(ValueError, match="on_error must be one of raise, skip, not 'ignore'"):
        load(REPO, on_error="ignore")


def test_load_refuses_an_unknown_kind_of_frames():
    with pytest.raises(ValueError, match="frames must be one of pandas, polars, not 'arrow'"):
        load(REPO, frames="arrow")


def test_load_gives_polars_frames_on_request_typed_as_validation_checked_them():
    import polars as pl

    frames = load(REPO, frames="polars")
    tables = load(REPO)
    assert set(frames) == set(tables)
    claims = frames.claims
    assert isinstance(claims, pl.DataFrame)
    assert (claims.schema["claim_id"], claims.schema["low"], claims.schema["date_from"]) == (
        pl.String,
        pl.Int64,
        pl.Date,
    )
    assert claims.schema["said_on"] == pl.String  # a partial date stays its ISO text
    june = claims.filter(pl.col("claim_id") == "mt-2013-05-16-02").row(0, named=True)
    assert (june["date_from"].isoformat(), june["date_to"].isoformat()) == ("2013-06-10", "2013-06-12")
    # The pandas tables are these frames, cell for cell.
    for name, frame in frames.items():
        assert frame.height == len(tables[name])
        assert frame["claim_id" if "claim_id" in frame.columns else frame.columns[0]].to_list() == (
            tables[name][frame.columns[0] if "claim_id" not in frame.columns else "claim_id"].tolist()
        )


def test_load_skipping_with_polars_frames_leaves_out_the_same_rows(real_package):
    edit_rows(real_package / "data" / "sources.csv", "mt-2013-05-16", "source_id", published_on=lambda _: "16/05/2013")
    frames = load(real_package, on_error="skip", frames="polars")
    tables = load(real_package, on_error="skip")
    assert frames.left_out == tables.left_out and frames.left_out["sources"] == ["mt-2013-05-16"]
    assert frames.claims["claim_id"].to_list() == tables.claims["claim_id"].tolist()
    assert frames.problems == tables.problems


def test_a_date_of_a_year_beyond_2262_loads_as_the_day_it_names(real_package):
    claims = real_package / "data" / "claims.csv"
    edit_rows(claims, "mt-2013-05-16-02", "claim_id", date_to=lambda _: "3013-06-12")
    loaded = load(real_package).claims.set_index("claim_id").loc["mt-2013-05-16-02"]
    assert loaded["date_to"] == pd.Timestamp(3013, 6, 12)
    assert str(load(real_package).claims["date_to"].dtype) == "datetime64[us]"
