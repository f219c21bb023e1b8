"""`claimtrack status`: a claim moved through its lifecycle, on a copy of the real package.

The real syria-deaths claims: mt-2013-05-16-09 (at least 94,000) and -10 (as high as
120,000), both said on May 14, 2013, and -06 (up to 120,000), May 16. -01 is a date
claim that is 'not realised'; -14 is a count of another measure.
"""

from __future__ import annotations

import pytest

from conftest import run_claimtrack, snapshot

CLAIMS = "data/claims.csv"


def changed_lines(before: bytes, after: bytes) -> list[tuple[bytes, bytes]]:
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    assert len(old) == len(new), "lines were added or removed"
    return [(a, b) for a, b in zip(old, new) if a != b]


def test_a_legal_move_rewrites_only_that_claims_status_settled_by_and_note(real_package):
    before = (real_package / CLAIMS).read_bytes()
    result = run_claimtrack(
        "status", "mt-2013-05-16-09", "--set", "superseded", "--by", "mt-2013-05-16-06",
        "--note", "The paper's own figure, two days later.", cwd=real_package,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout == "mt-2013-05-16-09: reported -> superseded, settled by mt-2013-05-16-06.\n"
    [(old, new)] = changed_lines(before, (real_package / CLAIMS).read_bytes())
    assert old.startswith(b"mt-2013-05-16-09,")
    # The note holds a comma, so it is quoted, as the csv module writes it.
    assert new == old.replace(
        b",reported,,,", b',superseded,mt-2013-05-16-06,"The paper\'s own figure, two days later.",', 1
    )
    assert run_claimtrack("validate", cwd=real_package).returncode == 0


def test_a_move_that_needs_no_settling_claim_changes_only_the_status(real_package):
    before = (real_package / CLAIMS).read_bytes()
    result = run_claimtrack("status", "mt-2013-05-16-12", "--set", "tentative", cwd=real_package)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "mt-2013-05-16-12: reported -> tentative.\n"
    [(old, new)] = changed_lines(before, (real_package / CLAIMS).read_bytes())
    assert new == old.replace(b",reported,,,", b",tentative,,,")


def test_a_status_change_keeps_crlf_line_endings(real_package):
    path = real_package / CLAIMS
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    before = path.read_bytes()
    result = run_claimtrack("status", "mt-2013-05-16-12", "--set", "tentative", cwd=real_package)
    assert result.returncode == 0, result.stderr
    [(old, new)] = changed_lines(before, path.read_bytes())
    assert new.endswith(b"\r\n") and new == old.replace(b",reported,,,", b",tentative,,,")


REFUSED = {
    "already-that-status": (
        ["mt-2013-05-16-10", "--set", "reported"],
        ["Error: mt-2013-05-16-10 cannot become 'reported': the claim is already 'reported'"],
    ),
    "from-a-final-status": (
        ["mt-2013-05-16-01", "--set", "confirmed"],
        [
            "Error: mt-2013-05-16-01 cannot become 'confirmed': the claim is 'superseded', which is final: a "
            "settled claim is not reopened; record what is new as a new claim (a move made by mistake is undone "
            "with `claimtrack status ID --undo`)"
        ],
    ),
    "superseded-without-by": (
        ["mt-2013-05-16-10", "--set", "superseded"],
        ["Error: mt-2013-05-16-10 cannot become 'superseded' without --by, the claim that superseded it"],
    ),
    "by-an-unknown-claim": (
        ["mt-2013-05-16-10", "--set", "superseded", "--by", "mt-2013-05-16-99"],
        [
            "Error: --by names 'mt-2013-05-16-99', which is not a claim in data/claims.csv; "
            "did you mean mt-2013-05-16-09, mt-2013-05-16-16, mt-2013-05-16-15?"
        ],
    ),
    "by-a-claim-of-another-measure": (
        ["mt-2013-05-16-10", "--set", "superseded", "--by", "mt-2013-05-16-14"],
        [
            'data/claims.csv, line 11, column settled_by, value "mt-2013-05-16-14": mt-2013-05-16-14 is a claim '
            "about russian-fighters-in-syria, not syria-deaths: a claim is settled by a claim of the same measure "
            "[settled-by]",
            "Error: the change was refused: the package would not be valid; nothing was written",
        ],
    ),
    "by-an-earlier-claim": (
        ["mt-2013-05-16-06", "--set", "superseded", "--by", "mt-2013-05-16-10"],
        [
            'data/claims.csv, line 7, column settled_by, value "mt-2013-05-16-10": mt-2013-05-16-10 was made on '
            "2013-05-14, before this claim (2013-05-16): a claim is superseded or retracted by a later one [settled-by]",
            "Error: the change was refused: the package would not be valid; nothing was written",
        ],
    ),
    "realised-on-a-count": (
        ["mt-2013-05-16-10", "--set", "realised"],
        [
            "data/claims.csv, line 11, column status, value \"realised\": only a date can be 'realised'; "
            "syria-deaths is a count measure (use confirmed, superseded or retracted) [status-kind]",
            "Error: the change was refused: the package would not be valid; nothing was written",
        ],
    ),
    "not-a-status": (
        ["mt-2013-05-16-10", "--set", "withdrawn"],
        [
            "Error: mt-2013-05-16-10 cannot become 'withdrawn': 'withdrawn' is not a status; the statuses are "
            "reported, tentative, confirmed, realised, not realised, superseded, retracted"
        ],
    ),
    "unknown-claim": (
        ["mt-2013-05-16-99", "--set", "confirmed"],
        [
            "Error: there is no claim 'mt-2013-05-16-99' in data/claims.csv; "
            "did you mean mt-2013-05-16-09, mt-2013-05-16-16, mt-2013-05-16-15?"
        ],
    ),
}


@pytest.mark.parametrize("case", REFUSED)
def test_an_illegal_move_is_refused_with_the_reason_and_changes_no_file(real_package, case):
    args, expected = REFUSED[case]
    before = snapshot(real_package)
    result = run_claimtrack("status", *args, cwd=real_package)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == expected
    assert snapshot(real_package) == before


def test_status_without_set_or_undo_is_a_usage_error(real_package):
    result = run_claimtrack("status", "mt-2013-05-16-10", cwd=real_package)
    assert result.returncode == 2
    assert "give the new status with --set STATUS, or undo the last move with --undo" in result.stderr


@pytest.mark.parametrize(
    "args",
    [["status", "some-claim", "--set", "retracted"], ["add", "--file", "-"], ["source", "add", "--file", "-"]],
    ids=["status", "add", "source-add"],
)
def test_a_change_to_a_folder_that_is_no_package_says_there_is_none_and_what_to_do(tmp_path, args):
    result = run_claimtrack(*args, cwd=tmp_path, input='{"note": "made up"}')
    assert result.returncode == 1
    assert result.stderr == (
        f"Error: no package here ({tmp_path.resolve()}): cd into one, pass -p DIR, or start one with claimtrack init\n"
    )
    assert list(tmp_path.iterdir()) == []
