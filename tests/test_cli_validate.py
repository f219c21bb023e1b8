"""`claimtrack validate`: a one-line summary, or every problem with file, line, column and value."""

from __future__ import annotations

import json

from conftest import REPO, TEST_ARCHIVE, archived, run_claimtrack, run_console_script


def test_a_valid_package_exits_0_with_a_one_line_summary(make_package):
    result = run_claimtrack("validate", "--archive", TEST_ARCHIVE, cwd=make_package())
    assert result.returncode == 0, result.stderr
    summary, *notes = result.stdout.splitlines()
    version = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))["version"]
    assert (
        summary
        == f"claimtrack-syria {version}: valid (2 sources, 4 claimants, 3 measures, 4 claims, 0 appearances, 0 corrections)."
    )
    assert notes and all(note.startswith("  ") for note in notes)  # notes are indented under it
    assert result.stderr == ""


def test_the_real_package_is_valid_from_the_command_line(corpus_dir):
    result = run_claimtrack("validate", "--archive", corpus_dir, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert ": valid (" in result.stdout.splitlines()[0]


def test_a_broken_package_exits_1_naming_file_line_column_and_value_on_stderr(make_package):
    result = run_claimtrack("validate", cwd=make_package("type-integer"))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        'data/claims.csv, line 3, column low, value "94,000": '
        "'94,000' is not a whole number written in digits only, e.g. 94000 (no commas, spaces, units or decimals); write 94000 [type]",
        "1 problem(s) found: the package is not valid.",
    ]


def test_format_json_prints_an_array_of_problem_objects(make_package):
    result = run_claimtrack("validate", "--format", "json", cwd=make_package("several-files"))
    assert result.returncode == 1
    problems = json.loads(result.stdout)
    assert [set(p) for p in problems] == [{"file", "line", "column", "value", "message", "rule"}] * 4
    assert [(p["file"], p["line"], p["column"], p["value"], p["rule"]) for p in problems] == [
        ("data/sources.csv", 3, "language", "English", "pattern"),
        ("data/measures.csv", 3, None, None, "blank-row"),
        ("data/claims.csv", 2, "date_to", "2013-06-09", "dates-order"),
        ("data/claims.csv", 4, "low", "ten", "type"),
    ]
    assert all(p["message"] for p in problems)


def test_format_json_prints_an_empty_array_for_a_valid_package(make_package):
    result = run_claimtrack("validate", "--format", "json", cwd=make_package())
    assert result.returncode == 0
    assert json.loads(result.stdout) == []


def test_max_errors_shows_that_many_problems_and_counts_the_rest(make_package):
    result = run_claimtrack("validate", "--max-errors", "1", cwd=make_package("several-files"))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("data/sources.csv, line 3, column language")
    assert lines[1] == "... and 3 more (4 problems in all; --max-errors shows more)"
    assert lines[2] == "4 problem(s) found: the package is not valid."


def test_package_option_validates_a_folder_other_than_the_current_one(make_package, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    valid = run_claimtrack("validate", "-p", make_package(), cwd=elsewhere)
    broken = run_claimtrack("validate", "--package", make_package("type-integer"), cwd=elsewhere)
    assert (valid.returncode, broken.returncode) == (0, 1)


def test_an_archive_folder_that_does_not_exist_is_a_usage_error(make_package, tmp_path):
    result = run_claimtrack("validate", "--archive", tmp_path / "no-such-folder", cwd=make_package())
    assert result.returncode == 2
    assert "Usage: claimtrack validate" in result.stderr
    assert "'--archive'" in result.stderr and "does not exist" in result.stderr


def test_quotes_are_checked_only_when_the_archive_is_given(make_package):
    package = make_package("quote-in-source")
    assert run_claimtrack("validate", cwd=package).returncode == 0
    checked = run_claimtrack("validate", "--archive", TEST_ARCHIVE, cwd=package)
    assert checked.returncode == 1
    assert "data/claims.csv, line 5, column quote" in checked.stderr


def test_with_no_flag_quotes_are_checked_against_the_packages_own_archive_folder(make_package):
    package = archived(make_package("quote-in-source"))
    result = run_claimtrack("validate", cwd=package)
    assert result.returncode == 1
    assert "data/claims.csv, line 5, column quote" in result.stderr and "[quote-in-source]" in result.stderr


def test_a_package_whose_texts_are_not_archived_here_is_valid_with_notes_naming_the_verb(make_package):
    result = run_claimtrack("validate", cwd=make_package())
    assert result.returncode == 0, result.stderr
    summary, *notes = result.stdout.splitlines()
    assert notes == [
        "  4 quote(s) not checked: no source has its archived text in the package's archive/ "
        "(archive one with: claimtrack archive SOURCE_ID FILE_OR_URL)",
        "  test-article: 2 quote(s) not checked: its archived text test-article.txt, recorded in sources.csv, "
        "is not in the package's archive/; archive it from your own copy: claimtrack archive test-article FILE_OR_URL",
    ]


def test_validate_help_shows_an_example():
    result = run_claimtrack("validate", "--help", cwd=REPO)
    assert result.returncode == 0
    assert "Usage: claimtrack validate" in result.stdout
    assert "Example:\n      claimtrack validate" in result.stdout


def test_claimtrack_help_shows_an_example():
    result = run_claimtrack("--help", cwd=REPO)
    assert result.returncode == 0
    assert "Usage: claimtrack" in result.stdout
    assert "Example:" in result.stdout


def test_the_installed_console_script_says_the_same_as_the_command_run_in_process(make_package):
    for case in (None, "type-integer"):
        package = make_package(case)
        process = run_console_script("validate", cwd=package)
        in_process = run_claimtrack("validate", cwd=package)
        assert (process.returncode, process.stdout, process.stderr) == (
            in_process.returncode,
            in_process.stdout,
            in_process.stderr,
        )
        assert process.returncode == (0 if case is None else 1)
