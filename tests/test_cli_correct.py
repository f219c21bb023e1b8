"""`claimtrack correct` and `claimtrack status --undo`: a recorded row put right in public,
its old values kept in data/corrections.csv, the row and the log written together.

The base fixture's made-up claims: test-widgets-01 (between 10 and 20 widgets, as of
May, confirmed by -02) and test-widgets-02 (exactly 15 widgets, as of May, reported).
"""

from __future__ import annotations

import csv

import pytest

from claimtrack.io import storage
from claimtrack.validation import validate
from conftest import run_claimtrack, snapshot

CLAIMS = "data/claims.csv"
LOG = "data/corrections.csv"
HEADER = "correction_id,table,row_id,column,was,became,reason,corrected_on,kind\n"


def log_rows(package) -> list[dict[str, str]]:
    with (package / LOG).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def claim(package, claim_id: str) -> dict[str, str]:
    with (package / CLAIMS).open(encoding="utf-8", newline="") as handle:
        return next(row for row in csv.DictReader(handle) if row["claim_id"] == claim_id)


def test_a_correction_changes_the_row_and_logs_each_cell_with_its_reason_and_day(make_package):
    package = make_package()
    result = run_claimtrack(
        "correct", "test-widgets-02", "--set", "as_of=", "--set", "as-of-basis=", "--set", "as_of_text=",
        "--reason", "Made up: the count is of the year, not of May.", "--on", "2024-02-03", cwd=package,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Corrected test-widgets-02 in data/claims.csv (correction-01, 2024-02-03):",
        "  as_of        '2013-05' -> ''",
        "  as_of_basis  'stated' -> ''",
        "  as_of_text   'in May' -> ''",
        "Reason: Made up: the count is of the year, not of May.",
        "Logged in data/corrections.csv.",
    ]
    row = claim(package, "test-widgets-02")
    assert (row["as_of"], row["as_of_basis"], row["as_of_text"]) == ("", "", "")
    reason = "Made up: the count is of the year, not of May."
    assert log_rows(package) == [
        {"correction_id": "correction-01", "table": "claims", "row_id": "test-widgets-02", "column": column,
         "was": was, "became": "", "reason": reason, "corrected_on": "2024-02-03", "kind": "correction"}
        for column, was in (("as_of", "2013-05"), ("as_of_basis", "stated"), ("as_of_text", "in May"))
    ]  # fmt: skip
    assert validate(package).problems == []


def test_correct_leaves_files_untouched_when_the_corrected_row_is_invalid(make_package):
    package = make_package()
    before = snapshot(package)
    # as_of emptied alone leaves its basis saying it is stated.
    result = run_claimtrack("correct", "test-widgets-02", "--set", "as_of=", "--reason", "Made up.", cwd=package)
    assert result.returncode == 1
    assert 'data/claims.csv, line 5, column as_of_basis, value "stated"' in result.stderr
    assert "nothing was written" in result.stderr
    assert snapshot(package) == before


@pytest.mark.parametrize(
    "args, message",
    [
        (["test-widgets-02", "--set", "colour=red"], "--set colour=red: colour is not a column of data/claims.csv"),
        (
            ["test-widgets-02", "--set", "claim_id=test-widgets-03"],
            "--set claim_id=test-widgets-03: claim_id is the id",
        ),
        (["test-widgets-02", "--set", "value=15"], "--set value=15: test-widgets-02's value is '15' already"),
        (["test-widgets-99", "--set", "value=16"], "there is no claim 'test-widgets-99' in data/claims.csv"),
        (["test-widgets-02"], "nothing to correct: give the new value of a column with --set COLUMN=VALUE"),
        (["test-widgets-02", "--set", "value=16", "--table", "appearances"], "'appearances' is not a table"),
        (["test-widgets-02", "--set", "value=abc"], 'line 5, column value, value "abc"'),
    ],
    ids=["unknown-column", "primary-key", "unchanged", "unknown-row", "no-set", "table", "type"],
)
def test_a_correction_that_cannot_be_made_is_refused_with_its_reason_and_nothing_written(make_package, args, message):
    package = make_package()
    before = snapshot(package)
    result = run_claimtrack("correct", *args, "--reason", "Made up.", cwd=package)
    assert result.returncode == 1
    assert message in result.stderr
    assert snapshot(package) == before


def test_a_correction_without_a_reason_is_refused(make_package):
    package = make_package()
    before = snapshot(package)
    result = run_claimtrack("correct", "test-widgets-02", "--set", "value=16", cwd=package)
    assert (result.returncode, result.stderr) == (1, "Error: a correction says why it is made: give --reason\n")
    assert snapshot(package) == before


def test_a_set_without_an_equals_sign_is_a_usage_error(make_package):
    result = run_claimtrack("correct", "test-widgets-02", "--set", "value", "--reason", "Made up.", cwd=make_package())
    assert result.returncode == 2
    assert "'value': give COLUMN=VALUE" in result.stderr


def test_a_dry_run_says_what_would_change_and_writes_nothing(make_package):
    package = make_package()
    before = snapshot(package)
    result = run_claimtrack(
        "correct", "test-widgets-02", "--set", "note=Made up: corrected.", "--reason", "Made up.", "--dry-run",
        cwd=package,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1:] == [
        "  note  'Made up: a test claim.' -> 'Made up: corrected.'",
        "Reason: Made up.",
        "Nothing was written (--dry-run).",
    ]
    assert result.stdout.startswith("Would correct test-widgets-02 in data/claims.csv (correction-01, ")
    assert snapshot(package) == before


def test_a_source_is_corrected_as_a_claim_is(make_package):
    package = make_package()
    result = run_claimtrack(
        "correct", "test-article", "--table", "sources", "--set", "title=Widget Count Narrowed",
        "--reason", "Made up: the headline was mistyped.", "--on", "2024-02-03", cwd=package,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    [entry] = log_rows(package)
    assert (entry["table"], entry["row_id"], entry["column"]) == ("sources", "test-article", "title")
    assert (entry["was"], entry["became"]) == ("Widget Count Narrows", "Widget Count Narrowed")
    assert validate(package).problems == []


def test_the_row_and_its_log_entries_are_one_write_with_the_log_first(make_package, monkeypatch):
    package = make_package()
    written = []
    original = storage.write_files
    monkeypatch.setattr(
        storage, "write_files", lambda root, changes: written.append(list(changes)) or original(root, changes)
    )
    result = run_claimtrack("correct", "test-widgets-02", "--set", "note=Made up.", "--reason", "Made up.", cwd=package)
    assert result.returncode == 0, result.stderr
    assert written == [[LOG, CLAIMS]]


def test_a_failure_between_the_two_files_is_finished_by_the_next_command(make_package, monkeypatch):
    package = make_package()
    moves = []
    replace = storage.os.replace

    def crash_on_the_claims(source, target):
        moves.append(target)
        if str(target).endswith("claims.csv"):
            raise OSError(5, "Input/output error")
        replace(source, target)

    monkeypatch.setattr(storage.os, "replace", crash_on_the_claims)
    result = run_claimtrack("correct", "test-widgets-02", "--set", "note=Made up.", "--reason", "Made up.", cwd=package)
    monkeypatch.undo()
    assert result.returncode == 1
    assert "the next claimtrack command finishes the change" in result.stderr
    assert claim(package, "test-widgets-02")["note"] == "Made up: a test claim."
    assert validate(package).ok  # finished first: the log and the row changed together
    assert claim(package, "test-widgets-02")["note"] == "Made up."


def test_a_package_without_a_corrections_log_cannot_be_corrected_but_its_statuses_still_move(make_package):
    import json

    package = make_package()
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "corrections"]
    (package / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    (package / LOG).unlink()
    result = run_claimtrack("correct", "test-widgets-02", "--set", "note=Made up.", "--reason", "Made up.", cwd=package)
    assert result.returncode == 1
    assert "the package keeps no corrections log, so it cannot correct a row" in result.stderr
    assert run_claimtrack("status", "test-widgets-02", "--set", "retracted", cwd=package).returncode == 0
    assert claim(package, "test-widgets-02")["status"] == "retracted"


# --- A status move, and undoing it ---------------------------------------------------------------


def test_a_status_move_is_logged_so_that_it_can_be_undone(make_package):
    package = make_package()
    result = run_claimtrack(
        "status", "test-widgets-02", "--set", "retracted", "--note", "Made up: withdrawn.", cwd=package
    )
    assert result.returncode == 0, result.stderr
    assert [(r["column"], r["was"], r["became"], r["reason"], r["kind"]) for r in log_rows(package)] == [
        ("status", "reported", "retracted", "Made up: withdrawn.", "status"),
        ("status_note", "", "Made up: withdrawn.", "Made up: withdrawn.", "status"),
    ]
    assert validate(package).problems == []


def test_undo_puts_back_exactly_what_the_last_move_changed_and_logs_it_as_a_correction(make_package):
    package = make_package()
    before = (package / CLAIMS).read_bytes()
    moved = run_claimtrack(
        "status", "test-widgets-02", "--set", "superseded", "--by", "mt-2013-05-16-09", "--note", "Made up.",
        cwd=package,
    )  # fmt: skip
    assert moved.returncode == 1  # another measure's claim cannot settle it: nothing was written
    assert (package / LOG).read_text(encoding="utf-8") == HEADER
    assert (
        run_claimtrack(
            "status", "test-widgets-01", "--set", "retracted", "--note", "Made up: wrong.", cwd=package
        ).returncode
        == 0
    )
    result = run_claimtrack(
        "status", "test-widgets-01", "--undo", "--reason", "Made up: set by mistake.", "--on", "2024-02-03", cwd=package
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Corrected test-widgets-01 in data/claims.csv (correction-02, 2024-02-03):",
        "  status       'retracted' -> 'confirmed'",
        "  status_note  'Made up: wrong.' -> 'The count on Thursday fell within the range.'",
        "Reason: Made up: set by mistake.",
        "Logged in data/corrections.csv.",
    ]
    assert (package / CLAIMS).read_bytes() == before
    undone = [r for r in log_rows(package) if r["correction_id"] == "correction-02"]
    assert {(r["kind"], r["reason"]) for r in undone} == {("correction", "Made up: set by mistake.")}
    assert validate(package).problems == []


def test_undo_is_refused_when_no_move_is_logged_or_the_status_changed_since(make_package):
    package = make_package()
    before = snapshot(package)
    result = run_claimtrack("status", "test-widgets-02", "--undo", "--reason", "Made up.", cwd=package)
    assert result.returncode == 1
    assert "test-widgets-02 has no status move in data/corrections.csv to undo" in result.stderr
    assert snapshot(package) == before
    run_claimtrack("status", "test-widgets-02", "--set", "tentative", cwd=package)
    assert run_claimtrack("status", "test-widgets-02", "--undo", "--reason", "Made up.", cwd=package).returncode == 0
    again = run_claimtrack("status", "test-widgets-02", "--undo", "--reason", "Made up.", cwd=package)
    assert again.returncode == 1
    assert "it has been changed since by correction-02" in again.stderr


def test_undo_needs_a_reason_and_takes_no_new_status(make_package):
    package = make_package()
    no_reason = run_claimtrack("status", "test-widgets-02", "--undo", cwd=package)
    assert no_reason.stderr == "Error: an undone status move says why: give --reason\n"
    both = run_claimtrack("status", "test-widgets-02", "--undo", "--set", "tentative", "--reason", "x", cwd=package)
    assert "give it without --set, --by or --note" in both.stderr


def test_validate_counts_a_correction_of_two_cells_as_one_correction(make_package):
    import datetime as dt

    from claimtrack.tracking import correcting

    folder = make_package()
    correcting.correct(folder, "test-widgets-02", {"as_of": "", "as_of_basis": "", "as_of_text": ""},
                       "Made up: the count is of the year.", on=dt.date(2024, 2, 4))  # fmt: skip
    result = run_claimtrack("validate", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].endswith(", 1 correction).")
    assert len((folder / "data" / "corrections.csv").read_text(encoding="utf-8").splitlines()) == 1 + 3
