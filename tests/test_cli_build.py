"""`claimtrack build`: validate, then every chart, or nothing when nothing changed."""

from __future__ import annotations

from conftest import run_claimtrack as run


def test_build_validates_then_writes_every_chart_with_a_progress_line(real_package):
    result = run("build", cwd=real_package)
    assert result.returncode == 0, result.stderr
    assert "valid" in result.stdout
    assert "Built 3 charts" in result.stdout
    for name in ("death_tolls", "conference_dates", "foreign_fighters"):
        assert "chart [" in result.stderr and name in result.stderr
        for suffix in ("html", "svg", "png", "vl.json"):
            assert (real_package / "charts" / f"{name}.{suffix}").stat().st_size > 0


def test_build_with_nothing_changed_says_the_charts_are_up_to_date(real_package):
    assert run("build", cwd=real_package).returncode == 0
    again = run("build", cwd=real_package)
    assert again.returncode == 0
    assert "up to date" in again.stdout
    assert "chart [" not in again.stderr


def test_build_refuses_invalid_data_and_leaves_no_charts(real_package):
    claims = real_package / "data" / "claims.csv"
    claims.write_text(claims.read_text(encoding="utf-8").replace(",94000,", ",94,000,", 1), encoding="utf-8")
    result = run("build", cwd=real_package)
    assert result.returncode == 1
    assert "data/claims.csv" in result.stderr
    assert not (real_package / "charts").exists()


def test_build_with_force_rebuilds_identical_bytes(real_package):
    assert run("build", cwd=real_package).returncode == 0
    before = {p.name: p.read_bytes() for p in (real_package / "charts").iterdir()}
    forced = run("build", "--force", cwd=real_package)
    assert forced.returncode == 0 and "Built 3 charts" in forced.stdout
    assert {p.name: p.read_bytes() for p in (real_package / "charts").iterdir()} == before
