"""publishing.publish: every reason to refuse at once, and a release that does not
validate is never left behind."""

from __future__ import annotations

import shutil

import pytest

from claimtrack import publishing
from claimtrack.model import versions
from claimtrack.model.package import read_package
from claimtrack.publishing import release
from conftest import killed_at_move, snapshot
from published import ready_copy


@pytest.fixture(scope="module")
def ready(tmp_path_factory):
    return ready_copy(tmp_path_factory, "publishing")


@pytest.fixture
def package(ready, tmp_path):
    shutil.copytree(ready, tmp_path / "package")
    return tmp_path / "package"


@pytest.mark.parametrize("version", ["0.2.0", "1.0.0-rc.1", "10.20.30+build.5", "0.0.0"])
def test_semantic_versions_are_accepted(version):
    assert versions.problem_with(version) is None


@pytest.mark.parametrize("version", ["1", "1.0", "v1.0.0", "01.0.0", "1.0.0-", "1.0.0.0", " 1.0.0", None, 3])
def test_other_versions_are_refused_with_a_sentence(version):
    assert "version" in versions.problem_with(version)


def test_versions_order_by_semver_precedence():
    ordered = ["0.9.0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0", "1.1.0"]
    assert sorted(reversed(ordered), key=versions.sort_key) == ordered


def test_a_ready_package_has_no_reason_to_refuse(ready):
    assert publishing.reasons_to_refuse(read_package(ready)) == []


def test_every_reason_is_given_at_once(package):
    (package / "README.md").unlink()
    (package / "charts" / "death_tolls.svg").write_text("<svg/>", encoding="utf-8")
    descriptor = (package / "datapackage.json").read_text(encoding="utf-8")
    (package / "datapackage.json").write_text(
        descriptor.replace(f'"{read_package(package).version}"', '"0.2"'), encoding="utf-8"
    )
    with pytest.raises(publishing.PublishRefused) as refused:
        publishing.publish(package)
    text = str(refused.value)
    assert "is not a semantic version" in text
    assert "run claimtrack build" in text
    assert "README.md is missing" in text
    assert not (package / "dist").exists()


def test_a_release_that_does_not_validate_once_unzipped_is_never_left_behind(package, monkeypatch):
    monkeypatch.setattr(release, "check_release", lambda *args, **kwargs: ["data/claims.csv, row 3: made to fail"])
    with pytest.raises(publishing.PublishRefused, match="does not validate once unzipped: data/claims.csv, row 3"):
        publishing.publish(package)
    assert not (package / "dist").exists()


def test_a_failed_release_leaves_the_previous_one_as_it_was(package, monkeypatch):
    publishing.publish(package)
    before = snapshot(package / "dist")
    monkeypatch.setattr(release, "check_release", lambda *args, **kwargs: ["made to fail"])
    with pytest.raises(publishing.PublishRefused):
        publishing.publish(package)
    assert snapshot(package / "dist") == before


def test_the_zip_checked_is_the_zip_published_into_dist_by_default(package, monkeypatch):
    checked = []
    real = release.check_release

    def spy(zip_path, expected, archive=None):
        checked.append(zip_path.read_bytes())
        return real(zip_path, expected, archive=archive)

    monkeypatch.setattr(release, "check_release", spy)
    result = publishing.publish(package)
    assert result.folder == package.resolve() / "dist"
    assert result.release == package.resolve() / "dist" / f"claimtrack-syria-{read_package(package).version}.zip"
    assert checked == [result.release.read_bytes()]


# Runs `claimtrack publish` in a process of its own that dies, as kill -9 would end it (no
# clean-up, no finally), at its Nth move into dist/: the zip is the 1st, the database the
# 2nd, its metadata the 3rd; the old site steps aside at the 4th and the new one moves in at
# the 5th.
PUBLISH_KILLED_AT = killed_at_move('from claimtrack.cli import main\nmain(["publish", "-p", sys.argv[1]])')


@pytest.mark.parametrize("step", [2, 5])
def test_a_publish_killed_among_its_moves_is_one_release_once_the_next_command_finishes_it(package, step):
    import subprocess
    import sys

    from claimtrack.model import paths
    from conftest import run_claimtrack

    publishing.publish(package)
    dist = package / "dist"
    pieces = [p for p in dist.iterdir()]
    first = {p.name: p.stat().st_ino for p in pieces}
    (dist / "site" / "left-from-the-first.txt").write_text("the first release's site held this\n")
    ran = subprocess.run([sys.executable, "-c", PUBLISH_KILLED_AT, str(package), str(step)], capture_output=True)
    assert ran.returncode == 137, ran.stderr
    assert (package / paths.WORK_DIR / paths.JOURNAL).exists()  # killed among the moves it names
    assert run_claimtrack("validate", cwd=package).returncode == 0  # the next command finishes them
    now = {p.name: p.stat().st_ino for p in dist.iterdir()}
    assert set(now) == set(first)  # no scratch folder left, nothing missing
    assert all(now[name] != first[name] for name in first)  # every piece is the second release's
    assert not (dist / "site" / "left-from-the-first.txt").exists()
    assert (dist / "site" / paths.SITE_INDEX).is_file()
    assert not (package / paths.WORK_DIR / paths.JOURNAL).exists()


def test_a_scratch_folder_a_publish_killed_before_its_moves_left_is_removed_by_the_next(package):
    publishing.publish(package)
    leftover = package / "dist" / ".publish-killed"
    (leftover / "site").mkdir(parents=True)
    (leftover / "site" / "index.html").write_text("half made\n")
    publishing.publish(package)
    assert sorted(p.name for p in (package / "dist").iterdir() if p.name.startswith(".")) == []
