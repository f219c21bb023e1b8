"""`claimtrack publish`, as an editor runs it: the release, the database and the site, or nothing."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from claimtrack.model.package import read_package
from conftest import REPO, TEST_ARCHIVE, run_claimtrack, snapshot
from published import edit_rows, ready_base, ready_copy

FRICTIONLESS = Path(sys.executable).parent / "frictionless"
# The version the package is at, which names its release.
VERSION = read_package(REPO).version
ZIP = f"claimtrack-syria-{VERSION}.zip"


@pytest.fixture(scope="module")
def ready(tmp_path_factory):
    """A package with its charts built; tests copy it rather than change it."""
    return ready_copy(tmp_path_factory, "cli-publish")


@pytest.fixture(scope="module")
def first(ready, tmp_path_factory):
    out = tmp_path_factory.mktemp("first-release")
    result = run_claimtrack("publish", "--out", out / "dist", cwd=ready)
    return result, out / "dist"


@pytest.fixture
def package(ready, tmp_path):
    import shutil

    shutil.copytree(ready, tmp_path / "package")
    return tmp_path / "package"


def test_publish_writes_the_release_the_database_its_metadata_and_the_site(first):
    result, dist = first
    assert result.returncode == 0, result.stderr
    for name in (ZIP, "claimtrack-syria.db", "metadata.json", "site/index.html"):
        assert (dist / name).is_file(), name
        assert f"Wrote {dist / name}" in result.stdout
    assert sorted(p.name for p in dist.iterdir()) == sorted([ZIP, "claimtrack-syria.db", "metadata.json", "site"])
    assert "validated with frictionless and claimtrack" in result.stderr


def test_frictionless_run_as_its_own_process_finds_the_unzipped_release_valid(first, tmp_path):
    _, dist = first
    with zipfile.ZipFile(dist / ZIP) as release:
        release.extractall(tmp_path)
    checked = subprocess.run(
        [str(FRICTIONLESS), "validate", "datapackage.json"], cwd=tmp_path, capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.count("VALID") >= 5 and "INVALID" not in checked.stdout
    # ...and frictionless refuses the same release once a cell is broken: the check can fail.
    claims = tmp_path / "data" / "claims.csv"
    claims.write_text(claims.read_text(encoding="utf-8").replace(",94000,", ",ninety-four thousand,", 1), "utf-8")
    broken = subprocess.run([str(FRICTIONLESS), "validate", "datapackage.json"], cwd=tmp_path, capture_output=True)
    assert broken.returncode != 0


def test_publishing_twice_gives_the_same_zip_bytes_and_the_same_site(first, ready, tmp_path):
    _, dist = first
    again = run_claimtrack("publish", "--out", tmp_path / "again", cwd=ready)
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "again" / ZIP).read_bytes() == (dist / ZIP).read_bytes()
    assert snapshot(tmp_path / "again" / "site") == snapshot(dist / "site")
    assert (tmp_path / "again" / "metadata.json").read_bytes() == (dist / "metadata.json").read_bytes()


def test_publishing_over_a_previous_release_replaces_it_and_leaves_no_scratch_files(package):
    assert run_claimtrack("publish", cwd=package).returncode == 0
    (package / "dist" / "site" / "stale.html").write_text("old", encoding="utf-8")
    again = run_claimtrack("publish", cwd=package)
    assert again.returncode == 0, again.stderr
    assert not (package / "dist" / "site" / "stale.html").exists()
    assert sorted(p.name for p in (package / "dist").iterdir()) == sorted(
        [ZIP, "claimtrack-syria.db", "metadata.json", "site"]
    )


def test_publish_refuses_stale_charts_says_run_build_and_writes_nothing(package):
    edit_rows(package / "data" / "claims.csv", "mt-2013-05-16-09", "claim_id", note=lambda n: n + " Checked again.")
    before = snapshot(package)
    result = run_claimtrack("publish", cwd=package)
    assert result.returncode == 1
    assert "run claimtrack build" in result.stderr
    assert "nothing was published" in result.stderr
    assert snapshot(package) == before
    assert not (package / "dist").exists()


def test_publish_refuses_an_invalid_package_with_each_problem_and_writes_nothing(package, tmp_path):
    claims = package / "data" / "claims.csv"
    claims.write_text(claims.read_text(encoding="utf-8").replace(",94000,", ",94,000,", 1), encoding="utf-8")
    result = run_claimtrack("publish", "--out", tmp_path / "out", cwd=package)
    assert result.returncode == 1
    assert "data/claims.csv, line" in result.stderr
    assert "fix them first (claimtrack validate)" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("version", ["v0.3.0", ""])
def test_publish_refuses_a_version_that_is_not_semantic(package, version):
    path = package / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["version"] = version
    path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    result = run_claimtrack("publish", cwd=package)
    assert result.returncode == 1
    assert "semantic version" in result.stderr or 'no "version"' in result.stderr
    assert not (package / "dist").exists()


def test_publish_refuses_a_changelog_or_citation_that_does_not_name_the_version(package):
    (package / "CHANGELOG.md").write_text("# Changelog\n\n## 0.1.0\n", encoding="utf-8")
    citation = package / "CITATION.cff"
    citation.write_text(
        citation.read_text(encoding="utf-8").replace(f'version: "{VERSION}"', 'version: "0.1.0"'), "utf-8"
    )
    result = run_claimtrack("publish", cwd=package)
    assert result.returncode == 1
    assert f"CHANGELOG.md has no entry for version {VERSION}" in result.stderr
    assert f"CITATION.cff names version 0.1.0, but the package is version {VERSION}" in result.stderr
    assert not (package / "dist").exists()


def test_publish_refuses_when_a_document_the_release_carries_is_missing(package):
    (package / "LICENSE-DATA").unlink()
    result = run_claimtrack("publish", cwd=package)
    assert result.returncode == 1
    assert "LICENSE-DATA is missing" in result.stderr
    assert not (package / "dist").exists()


def test_publish_refuses_a_document_that_links_outside_the_package_and_writes_nothing(package, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.write_text("a file of another folder\n", encoding="utf-8")
    (package / "LICENSE").unlink()
    (package / "LICENSE").symlink_to(outside)
    result = run_claimtrack("publish", cwd=package)
    assert result.returncode == 1
    assert f"LICENSE is a link to {outside.resolve()}, outside the package" in result.stderr
    assert not (package / "dist").exists()


def test_publish_checks_quotes_against_the_archive_when_given_one(package, corpus_dir, tmp_path):
    result = run_claimtrack("publish", "--archive", corpus_dir, "--out", tmp_path / "out", cwd=package)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / ZIP).is_file()


# --- The archived texts -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def with_texts(tmp_path_factory):
    """The base package, ready to publish, with the made-up test article in its archive/."""
    return ready_base(tmp_path_factory.mktemp("with-texts") / "package")


def names_in(zip_path: Path) -> list[str]:
    with zipfile.ZipFile(zip_path) as opened:
        return opened.namelist()


def test_the_release_leaves_the_archived_texts_out_by_default(with_texts, tmp_path):
    result = run_claimtrack("publish", "--out", tmp_path / "out", cwd=with_texts)
    assert result.returncode == 0, result.stderr
    assert not [name for name in names_in(tmp_path / "out" / ZIP) if name.startswith("archive/")]
    assert "without the archived texts, which are other people's words (--include-archive puts them in)" in (
        result.stderr
    )


def test_include_archive_puts_the_texts_quotes_are_checked_against_into_the_release(with_texts, tmp_path):
    result = run_claimtrack("publish", "--include-archive", "--out", tmp_path / "out", cwd=with_texts)
    assert result.returncode == 0, result.stderr
    assert "with 1 archived text(s) in archive/, as asked" in result.stderr
    names = names_in(tmp_path / "out" / ZIP)
    assert [name for name in names if name.startswith("archive/")] == ["archive/test-article.txt"]
    with zipfile.ZipFile(tmp_path / "out" / ZIP) as opened:
        assert opened.read("archive/test-article.txt") == (TEST_ARCHIVE / "test-article.txt").read_bytes()
        opened.extractall(tmp_path / "unzipped")
    # The unzipped release checks its quotes against the texts it carries, with no flag.
    checked = run_claimtrack("validate", cwd=tmp_path / "unzipped")
    assert checked.returncode == 0, checked.stderr
    assert "2 quotes checked against 1 archived text(s) in the package's archive/" in checked.stdout


def test_publish_with_no_flag_checks_quotes_against_the_packages_archive(with_texts, tmp_path):
    import shutil

    package = Path(shutil.copytree(with_texts, tmp_path / "package"))
    claims = package / "data" / "claims.csv"
    claims.write_text(
        claims.read_text(encoding="utf-8").replace("15 widgets made in May.", "15 widgets made in June."), "utf-8"
    )
    result = run_claimtrack("publish", cwd=package)
    assert result.returncode == 1
    assert "[quote-in-source]" in result.stderr
    assert not (package / "dist").exists()
