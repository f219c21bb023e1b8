"""`claimtrack build` through the installed console script."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CLAIMTRACK = str(Path(sys.executable).parent / "claimtrack")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([CLAIMTRACK, *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture
def package(tmp_path):
    shutil.copy2(REPO / "datapackage.json", tmp_path / "datapackage.json")
    for folder in ("data", "schemas"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    return tmp_path


def test_build_validates_then_writes_every_chart_with_a_progress_line(package):
    result = run("build", cwd=package)
    assert result.returncode == 0, result.stderr
    assert "valid" in result.stdout
    assert "Built 3 charts" in result.stdout
    for name in ("death_tolls", "conference_dates", "foreign_fighters"):
        assert "chart [" in result.stderr and name in result.stderr
        for suffix in ("html", "svg", "png", "vl.json"):
            assert (package / "charts" / f"{name}.{suffix}").stat().st_size > 0


def test_build_with_nothing_changed_says_the_charts_are_up_to_date(package):
    assert run("build", cwd=package).returncode == 0
    again = run("build", cwd=package)
    assert again.returncode == 0
    assert "up to date" in again.stdout
    assert "chart [" not in again.stderr


def test_build_refuses_invalid_data_and_leaves_no_charts(package):
    claims = package / "data" / "claims.csv"
    claims.write_text(claims.read_text(encoding="utf-8").replace(",94000,", ",94,000,", 1), encoding="utf-8")
    result = run("build", cwd=package)
    assert result.returncode == 1
    assert "data/claims.csv" in result.stderr
    assert not (package / "charts").exists()


def test_build_with_force_rebuilds_identical_bytes(package):
    assert run("build", cwd=package).returncode == 0
    before = {p.name: p.read_bytes() for p in (package / "charts").iterdir()}
    forced = run("build", "--force", cwd=package)
    assert forced.returncode == 0 and "Built 3 charts" in forced.stdout
    assert {p.name: p.read_bytes() for p in (package / "charts").iterdir()} == before
