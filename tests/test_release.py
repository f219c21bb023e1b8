"""The release zip: the declared files only, sorted, the same bytes every time, and
checked by unzipping it into a fresh folder and validating what is there."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest

from claimtrack.model.package import read_package
from claimtrack.model.paths import DOCUMENTS
from claimtrack.publishing.release import FIXED_TIME, check_release, foreign_files, release_files, write_zip, zip_name
from conftest import REPO, TEST_ARCHIVE, archived

EXPECTED = [
    "CHANGELOG.md",
    "CITATION.cff",
    "LICENSE",
    "LICENSE-DATA",
    "README.md",
    "data/appearances.csv",
    "data/claimants.csv",
    "data/claims.csv",
    "data/corrections.csv",
    "data/measures.csv",
    "data/sources.csv",
    "datapackage.json",
    "schemas/appearances.json",
    "schemas/claimants.json",
    "schemas/claims.json",
    "schemas/corrections.json",
    "schemas/measures.json",
    "schemas/sources.json",
]


def with_documents(folder):
    for name in DOCUMENTS:
        shutil.copy2(REPO / name, folder / name)
    return folder


def test_the_release_is_named_after_the_package_and_its_version():
    package = read_package(REPO)
    assert zip_name(package) == f"{package.name}-{package.version}.zip" == f"claimtrack-syria-{package.version}.zip"


def test_the_zip_holds_exactly_the_declared_files_and_documents_in_sorted_order(tmp_path, make_package):
    package = read_package(with_documents(make_package()))
    (package.root / "data" / "notes.txt").write_text("not declared", encoding="utf-8")
    (package.root / "charts").mkdir()
    (package.root / "charts" / "x.svg").write_text("<svg/>", encoding="utf-8")
    write_zip(package, tmp_path / "r.zip")
    with zipfile.ZipFile(tmp_path / "r.zip") as opened:
        assert opened.namelist() == EXPECTED
        for name in EXPECTED:
            assert opened.read(name) == (package.root / name).read_bytes(), name


def test_every_entry_has_the_fixed_time_stamp_and_mode(tmp_path, make_package):
    package = read_package(with_documents(make_package()))
    write_zip(package, tmp_path / "r.zip")
    with zipfile.ZipFile(tmp_path / "r.zip") as opened:
        for info in opened.infolist():
            assert info.date_time == FIXED_TIME
            assert info.external_attr >> 16 == 0o100644
            assert info.create_system == 3
            assert info.compress_type == zipfile.ZIP_DEFLATED


def test_the_same_package_gives_the_same_bytes_whatever_the_files_times_and_modes(tmp_path, make_package):
    package = read_package(with_documents(make_package()))
    write_zip(package, tmp_path / "first.zip")
    for name in release_files(package):
        os.utime(package.root / name, (1_900_000_000, 1_900_000_000))
        os.chmod(package.root / name, 0o600)
    write_zip(package, tmp_path / "second.zip")
    assert (tmp_path / "first.zip").read_bytes() == (tmp_path / "second.zip").read_bytes()


def test_an_unzipped_valid_release_passes_frictionless_and_claimtrack(tmp_path, make_package):
    package = read_package(with_documents(make_package()))
    write_zip(package, tmp_path / "r.zip")
    assert check_release(tmp_path / "r.zip", release_files(package)) == []


def test_an_invalid_release_is_reported_by_frictionless_and_by_claimtrack(tmp_path, make_package):
    package = read_package(with_documents(make_package("type-integer")))
    write_zip(package, tmp_path / "r.zip")
    reasons = check_release(tmp_path / "r.zip", release_files(package))
    assert any(r.startswith("frictionless finds the unzipped release invalid: data/claims.csv, row") for r in reasons)
    assert any(r.startswith("the unzipped release is not valid: data/claims.csv, line") for r in reasons)


def test_a_zip_that_lacks_a_declared_file_or_holds_another_is_refused(tmp_path, make_package):
    package = read_package(with_documents(make_package()))
    with zipfile.ZipFile(tmp_path / "r.zip", "w") as archive:
        for name in release_files(package):
            if name != "data/claims.csv":
                archive.write(package.root / name, name)
        archive.writestr("extra.txt", "x")
    (reason,) = check_release(tmp_path / "r.zip", release_files(package))
    assert "it lacks data/claims.csv" in reason and "it also holds extra.txt" in reason


def test_the_archived_texts_go_in_under_archive_only_when_they_are_given(tmp_path, make_package):
    package = read_package(with_documents(archived(make_package())))
    write_zip(package, tmp_path / "without.zip")
    with zipfile.ZipFile(tmp_path / "without.zip") as opened:
        assert opened.namelist() == EXPECTED
    texts = {"test-article.txt": TEST_ARCHIVE / "test-article.txt"}
    write_zip(package, tmp_path / "with.zip", texts)
    with zipfile.ZipFile(tmp_path / "with.zip") as opened:
        assert opened.namelist() == sorted(EXPECTED + ["archive/test-article.txt"])
        assert opened.read("archive/test-article.txt") == (TEST_ARCHIVE / "test-article.txt").read_bytes()
    assert release_files(package, texts) == sorted(EXPECTED + ["archive/test-article.txt"])
    assert check_release(tmp_path / "with.zip", release_files(package, texts)) == []


def test_a_release_that_carries_its_texts_is_checked_against_them_once_unzipped(tmp_path, make_package):
    package = read_package(with_documents(make_package("quote-in-source")))
    texts = {"test-article.txt": TEST_ARCHIVE / "test-article.txt"}
    write_zip(package, tmp_path / "r.zip", texts)
    (reason,) = check_release(tmp_path / "r.zip", release_files(package, texts))
    assert reason.startswith("the unzipped release is not valid: data/claims.csv, line 5, column quote")
    assert reason.endswith("[quote-in-source]")


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_document_the_release_carries_is_in_the_repository(name):
    assert (REPO / name).is_file()


@pytest.mark.parametrize("name", ["LICENSE", "README.md"])
def test_a_document_that_links_outside_the_package_is_refused_and_never_zipped(tmp_path, make_package, name):
    package = read_package(with_documents(make_package()))
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("a file of another folder\n", encoding="utf-8")
    (package.root / name).unlink()
    (package.root / name).symlink_to(outside)
    assert foreign_files(package) == [
        f"{name} is a link to {outside.resolve()}, outside the package: the release carries the package's own "
        "files only; put the file itself in its place"
    ]
    with pytest.raises(ValueError, match=f"{name} is a link to"):
        write_zip(package, tmp_path / "r.zip")


def test_a_document_that_links_to_a_file_inside_the_package_is_its_own(make_package):
    package = read_package(with_documents(make_package()))
    (package.root / "docs").mkdir()
    (package.root / "README.md").rename(package.root / "docs" / "README.md")
    (package.root / "README.md").symlink_to(Path("docs") / "README.md")
    assert foreign_files(package) == []
