"""The benchmark's synthetic packages: valid when asked to be, and broken exactly as planted."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from claimtrack.synthetic import PLANTED, write_package
from claimtrack.validation.run import validate
from conftest import REPO


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted((folder / "data").iterdir())}


def test_a_synthetic_package_with_no_errors_planted_is_valid(tmp_path):
    assert write_package(tmp_path, rows=3000, seed=1) == []
    report = validate(tmp_path)
    assert report.problems == []
    assert len(report.tables["claims"]) == 3000
    assert len(report.tables["appearances"]) > 0
    assert (report.tables["claims"]["status"] == "superseded").any()  # settled claims, not only reported ones


@pytest.mark.parametrize("rows", [100, 500])
def test_a_small_synthetic_package_is_valid_too(tmp_path, rows):
    # Few sources: a claim's further appearance must still be in a source other than its own.
    write_package(tmp_path, rows=rows, seed=0)
    assert validate(tmp_path).problems == []


def test_validation_finds_exactly_the_planted_problems_with_their_lines(tmp_path):
    planted = write_package(tmp_path, rows=6000, error_rate=0.05, seed=2)
    found = {(p.file, p.line, p.column, p.rule) for p in validate(tmp_path).problems}
    expected = {(p.file, p.line, p.column, p.rule) for p in planted}
    assert found == expected
    assert {rule for (_, _, _, rule) in expected} == {plant.rule for plant in PLANTED}  # every kind planted
    assert json.loads((tmp_path / "planted.json").read_text()) == [p.__dict__ for p in planted]


def test_the_same_seed_writes_the_same_bytes(tmp_path):
    write_package(tmp_path / "a", rows=500, error_rate=0.02, seed=3)
    write_package(tmp_path / "b", rows=500, error_rate=0.02, seed=3)
    assert digest(tmp_path / "a") == digest(tmp_path / "b")


def test_the_script_writes_a_package_and_refuses_a_rate_above_one(tmp_path):
    script = str(REPO / "scripts" / "synth.py")
    done = subprocess.run(
        [sys.executable, script, "--rows", "200", "--out", str(tmp_path / "p")], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "wrote 200 claims" in done.stderr
    assert validate(tmp_path / "p").problems == []
    refused = subprocess.run(
        [sys.executable, script, "--rows", "10", "--out", str(tmp_path / "q"), "--error-rate", "2"],
        capture_output=True,
        text=True,
    )
    assert refused.returncode == 2 and "--error-rate" in refused.stderr


@pytest.mark.parametrize("rate", [0.5])
def test_a_high_error_rate_still_plants_one_clean_error_per_broken_row(tmp_path, rate):
    planted = write_package(tmp_path, rows=400, error_rate=rate, seed=4)
    lines = [p.line for p in planted]
    assert len(lines) == len(set(lines))
    found = {(p.line, p.rule) for p in validate(tmp_path).problems}
    assert found == {(p.line, p.rule) for p in planted}
