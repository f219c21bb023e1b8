"""CHANGELOG.md is generated from the git history of the data, and kept up to date."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
import subprocess

import pytest

from claimtrack.publishing.changelog import ChangelogError, generate, history, names_version
from conftest import REPO, build_package
from published import edit_rows

IDENTITY = ["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]


def git(folder, *args):
    subprocess.run(["git", *IDENTITY, *args], cwd=folder, check=True, capture_output=True)


def set_version(folder, version):
    path = folder / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["version"] = version
    path.write_text(json.dumps(descriptor, indent=2) + "\n", encoding="utf-8")


def commit(folder, message):
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path):
    """The base fixture package under git: version 0.1.0 committed."""
    folder = build_package(tmp_path / "repo")
    git(folder, "init", "-q")
    set_version(folder, "0.1.0")
    commit(folder, "0.1.0")
    return folder


def claims_path(folder):
    return folder / "data" / "claims.csv"


def add_claim(folder, claim_id, like="test-widgets-02"):
    path = claims_path(folder)
    with path.open(encoding="utf-8", newline="") as handle:
        row = next(r for r in csv.DictReader(handle) if r["claim_id"] == like)
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=list(row), lineterminator="\n").writerow(row | {"claim_id": claim_id})


def test_the_committed_changelog_is_what_the_history_generates():
    shallow = subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=REPO, capture_output=True, text=True)
    if shallow.returncode != 0 or shallow.stdout.strip() == "true":
        pytest.skip("the repository's full git history is not here (not a clone, or a shallow one)")
    expected = generate(REPO)
    assert (REPO / "CHANGELOG.md").read_text(encoding="utf-8") == expected, (
        "CHANGELOG.md drifted from the data's history: run `.venv/bin/python scripts/update_changelog.py`"
    )


def test_the_changelog_names_the_current_version_and_the_first_story():
    text = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    version = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))["version"]
    assert names_version(text, version)
    first = text[text.index("## 0.1.0") :]
    assert "| `mt-2013-05-16-09` |" in first  # 0.1.0 was the Moscow Times article
    assert "lead-" not in first and "| `reuters-2013-01-02-01` |" not in first


def test_a_new_version_lists_claims_added_and_statuses_changed_from_and_to(repo):
    edit_rows(claims_path(repo), "test-widgets-02", "claim_id", status=lambda _: "superseded",
              settled_by=lambda _: "test-widgets-01")  # fmt: skip
    add_claim(repo, "test-widgets-03")
    set_version(repo, "0.2.0")
    commit(repo, "0.2.0")

    text = generate(repo)
    newest = text[text.index("## 0.2.0") : text.index("## 0.1.0")]
    assert "| `test-widgets-03` | `test-widgets` | a test speaker |" in newest
    assert "- `test-widgets-02`: reported -> superseded, settled by `test-widgets-01`" in newest
    assert "Rows added: 1 in claims." in newest
    assert "Statuses changed: 1." in newest
    oldest = text[text.index("## 0.1.0") :]
    assert "The first version. Rows: 4 in claims" in oldest
    assert "test-widgets-03" not in oldest and "Statuses changed" not in oldest


def test_a_version_is_its_data_as_it_stood_when_the_next_version_was_set(repo):
    # A claim added while 0.1.0 is still in force belongs to 0.1.0, not to 0.2.0.
    add_claim(repo, "test-widgets-50")
    commit(repo, "a claim, same version")
    set_version(repo, "0.2.0")
    commit(repo, "0.2.0")
    text = generate(repo)
    assert "test-widgets-50" in text[text.index("## 0.1.0") :]
    assert "test-widgets-50" not in text[text.index("## 0.2.0") : text.index("## 0.1.0")]


def test_the_current_version_reads_the_files_as_they_are_now(repo):
    set_version(repo, "0.2.0")  # not committed
    path = claims_path(repo)
    path.write_text("".join(path.read_text(encoding="utf-8").splitlines(keepends=True)[:-1]), encoding="utf-8")
    text = generate(repo)
    assert "## 0.2.0 (not yet committed)" in text
    assert "### Claims removed\n\n- `test-widgets-02`" in text


def test_a_corrected_claim_is_listed_with_the_columns_that_changed(repo):
    edit_rows(claims_path(repo), "test-widgets-01", "claim_id", note=lambda _: "Corrected.", low=lambda _: "11")
    set_version(repo, "0.1.1")
    commit(repo, "0.1.1")
    assert "### Claims corrected\n\n- `test-widgets-01`: `low`, `note`" in generate(repo)


def test_a_correction_made_through_the_log_is_named_with_its_reason_and_not_listed_again(repo):
    from claimtrack.tracking import correcting

    correcting.correct(repo, "test-widgets-02", {"note": "Made up: corrected."}, "Made up: the note was wrong.",
                       on=dt.date(2024, 2, 3))  # fmt: skip
    edit_rows(claims_path(repo), "test-widgets-01", "claim_id", low=lambda _: "11")
    set_version(repo, "0.1.1")
    commit(repo, "0.1.1")
    newest = generate(repo).split("## 0.1.0")[0]
    assert (
        '### Corrections\n\n- `test-widgets-02` (claims), 2024-02-03: `note` "Made up: a test claim." -> '
        '"Made up: corrected.". Why: Made up: the note was wrong.'
    ) in newest
    assert "### Claims corrected\n\n- `test-widgets-01`: `low`\n" in newest
    assert "`test-widgets-02`: `note`" not in newest


def test_a_new_column_is_named_and_the_claims_it_was_filled_in_for_are_listed(repo):
    path = claims_path(repo)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    columns = list(rows[0]) + ["review"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        # Every row gets the column's default; one claim a value of its own.
        writer.writerows(
            {**row, "review": "checked" if row["claim_id"] == "test-widgets-01" else "open"} for row in rows
        )
    set_version(repo, "0.2.0")
    commit(repo, "0.2.0")
    newest = generate(repo).split("## 0.1.0")[0]
    assert "Columns added to claims: `review`." in newest
    corrected = newest[newest.index("### Claims corrected") :]
    assert "- `test-widgets-01`: `review`" in corrected
    assert corrected.count("- `") == 1  # the default is no correction


def test_a_version_lower_than_the_one_before_is_refused(repo):
    set_version(repo, "0.0.9")
    commit(repo, "backwards")
    with pytest.raises(ChangelogError, match="from 0.1.0 to 0.0.9"):
        history(repo)


def test_a_folder_outside_git_cannot_have_a_generated_changelog(tmp_path):
    folder = build_package(tmp_path / "plain")
    shutil.rmtree(folder / ".git", ignore_errors=True)
    with pytest.raises(ChangelogError, match="not in a git repository"):
        history(folder)
