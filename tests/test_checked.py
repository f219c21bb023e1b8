"""claimtrack.io.checked: what the last validation found is kept under the key of the
files it read, and used again only for those very files."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pandas.testing as pdt

from claimtrack.io import checked
from claimtrack.validation import load, validate
from conftest import run_claimtrack

# Runs validate in a process of its own and says which heavy libraries it imported.
PROGRAM = """
import sys
from claimtrack.cli import main
try:
    main(["validate", "-p", sys.argv[1]])
except SystemExit:
    pass
print(",".join(sorted(m for m in ("pandas", "pandera", "numpy", "pyarrow") if m in sys.modules)))
"""


def _aged(folder, seconds: float = 10) -> None:
    """Every file of ``folder`` made ``seconds`` older: no longer too recent to be told apart by its time."""
    then = time.time() - seconds
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, (then, then))


def _validated_and_kept(package) -> None:
    _aged(package)
    validate(package)
    assert checked.found(package) is not None, "the result was kept"


def test_validate_says_again_what_it_found_on_the_same_files_without_pandas(make_package):
    package = make_package()
    _validated_and_kept(package)
    ran = subprocess.run([sys.executable, "-c", PROGRAM, str(package)], capture_output=True, text=True, check=True)
    assert ran.stdout.splitlines()[-1] == ""  # none of them
    assert ran.stdout.splitlines()[0].startswith("claimtrack-syria ")
    assert ": valid (" in ran.stdout.splitlines()[0]


def test_a_file_edited_by_hand_after_validation_is_validated_again(make_package):
    package = make_package()
    _validated_and_kept(package)
    claims = package / "data" / "claims.csv"
    claims.write_text(claims.read_text(encoding="utf-8").replace(",15,", ",abc,", 1), encoding="utf-8")
    result = run_claimtrack("validate", cwd=package)
    assert result.returncode == 1
    assert 'value "abc"' in result.stderr


def test_a_new_file_in_data_is_validated_again(make_package):
    package = make_package()
    _validated_and_kept(package)
    (package / "data" / "stray.csv").write_text("a\n1\n", encoding="utf-8")
    result = run_claimtrack("validate", cwd=package)
    assert result.returncode == 1
    assert "data/stray.csv" in result.stderr


def test_a_change_claimtrack_writes_drops_what_was_kept(make_package):
    package = make_package()
    _validated_and_kept(package)
    result = run_claimtrack("status", "test-widgets-02", "--set", "confirmed", cwd=package)
    assert result.returncode == 0, result.stderr
    assert checked.found(package) is None


def test_a_file_changed_in_the_seconds_before_the_result_was_kept_is_not_trusted(make_package):
    package = make_package()
    validate(package)  # the files are all seconds old: too recent to be told apart by their times
    assert checked.found(package) is None


def test_tables_read_on_a_kept_result_are_those_validation_gives(make_package):
    package = make_package()
    _aged(package)
    report = validate(package)
    assert report.ok and checked.found(package) is not None
    tables = load(package)
    for name in report.tables:
        pdt.assert_frame_equal(tables[name], report.tables[name])


def test_a_result_kept_for_other_files_is_not_used(make_package, tmp_path):
    package = make_package()
    _validated_and_kept(package)
    # The kept result of another package, copied here, names other files.
    other = make_package("type-integer")
    _aged(other)
    (other / ".claimtrack").mkdir(exist_ok=True)
    (other / ".claimtrack" / "validation.json").write_bytes((package / ".claimtrack" / "validation.json").read_bytes())
    result = run_claimtrack("validate", cwd=other)
    assert result.returncode == 1


def test_the_profile_check_is_kept_for_the_descriptor_and_schemas_and_made_again_when_one_changes(make_package):
    import json

    from claimtrack.validation.profiles import profile_problems

    package = make_package()
    _validated_and_kept(package)
    kept = package / ".claimtrack" / "profiles.json"
    assert json.loads(kept.read_text(encoding="utf-8"))["result"] == []
    # A schema edited by hand: its title a number, which the standard's profile refuses.
    schema = package / "schemas" / "appearances.json"
    edited = json.loads(schema.read_text(encoding="utf-8"))
    edited["fields"][0]["title"] = 5
    schema.write_text(json.dumps(edited), encoding="utf-8")
    report = validate(package)
    assert [(p.file, p.rule) for p in report.problems] == [("schemas/appearances.json", "schema")]
    from claimtrack.model.package import read_package

    assert profile_problems(read_package(package)) == report.problems


def test_a_result_kept_under_one_name_of_the_folder_is_found_under_another(make_package, monkeypatch):
    package = make_package()
    _validated_and_kept(package.resolve())  # as `claimtrack validate -p /the/whole/path` keeps it
    monkeypatch.chdir(package.parent)
    assert checked.found(package.name) is not None  # as a command run beside it names it
    monkeypatch.chdir(package)
    assert checked.found(".") is not None  # and one run inside it
