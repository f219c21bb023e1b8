"""`claimtrack add`: a claim from flags, a JSON file or prompts, checked before a byte is written.

Rows to add are in tests/fixtures/tracker/add/. The base claims.csv has four
claims on lines 2 to 5; a problem on an added claim names where it was given (the
option, or the file and its key), not a line it does not have yet.
"""

from __future__ import annotations

import csv
import ctypes
import io
import json
import os
import subprocess
import sys

import pytest

from claimtrack.model.package import read_package
from conftest import CLAIMTRACK, REPO, TRACKER, VALID, run_claimtrack, run_console_script, snapshot

ADD = TRACKER / "add"
CLAIMS = "data/claims.csv"
QUOTE = "On Thursday the test speaker said about 14 widgets were made in May."
FLAGS = [
    "--measure-id", "test-widgets",
    "--claimant-id", "test-speaker",
    "--source-id", "test-article",
    "--figure-text", "about 14 widgets",
    "--qualifier", "about",
    "--value", "14",
    "--said-on", "2013-05-16",
    "--said-on-basis", "inferred from weekday",
    "--quote", QUOTE,
]  # fmt: skip
FLAGS_LINE = (
    "test-article-01,test-widgets,test-speaker,asserts,,,test-article,about 14 widgets,,about,,14,,,,2013-05-16,"
    f"inferred from weekday,,,,,reported,,,{QUOTE},"
)
SENTENCE = (
    "test-article-01: About 14 widgets were made in May 2013, a test speaker said on May 16, 2013, "
    "according to The Test Gazette (May 16, 2013).\n"
)


def added_bytes(package, before: bytes, path: str = CLAIMS) -> bytes:
    """What an add wrote to ``path``: the old bytes must be a prefix of the new."""
    after = (package / path).read_bytes()
    assert after.startswith(before), f"{path} was changed, not appended to"
    return after[len(before) :]


# --- the ways in -----------------------------------------------------------------------------


def test_add_from_flags_appends_one_line_and_prints_its_id_and_sentence(make_package):
    package = make_package()
    before = (package / CLAIMS).read_bytes()
    result = run_claimtrack("add", *FLAGS, cwd=package)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Added 1 row(s) to {CLAIMS}.\n{SENTENCE}"
    assert added_bytes(package, before) == (FLAGS_LINE + "\n").encode()
    assert run_claimtrack("validate", cwd=package).returncode == 0


def test_add_from_a_json_file(make_package):
    package = make_package()
    before = (package / CLAIMS).read_bytes()
    result = run_claimtrack("add", "--file", ADD / "new-claim.json", cwd=package)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"Added 1 row(s) to {CLAIMS}."
    assert (
        added_bytes(package, before)
        == (
            "test-article-01,test-widgets,test-speaker,asserts,,,test-article,about 14 widgets,,about,,14,,,,2013-05-16,"
            f"inferred from weekday,On Thursday,2013-05,stated,in May,reported,,,{QUOTE},Made up: a claim the tests add.\n"
        ).encode()
    )


def test_add_from_standard_input_takes_an_array_of_claims(make_package):
    package = make_package()
    before = (package / CLAIMS).read_bytes()
    result = run_claimtrack("add", "--file", "-", cwd=package, input=(ADD / "two-claims.json").read_text())
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"Added 2 row(s) to {CLAIMS}."
    assert [line.split(":")[0] for line in lines[1:]] == ["test-article-01", "test-article-02"]
    new = added_bytes(package, before).decode().splitlines()
    assert [line.split(",")[0] for line in new] == ["test-article-01", "test-article-02"]


def test_add_with_a_new_source_and_claimant_appends_a_line_to_each_file(make_package):
    package = make_package()
    before = {path: (package / path).read_bytes() for path in ("data/sources.csv", "data/claimants.csv", CLAIMS)}
    measures = (package / "data/measures.csv").read_bytes()
    result = run_claimtrack("add", "--file", ADD / "new-source-and-claimant.json", cwd=package)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Added 1 row(s) to data/sources.csv.",
        "Added 1 row(s) to data/claimants.csv.",
        f"Added 1 row(s) to {CLAIMS}.",
        "test-bulletin-01: At least 11 widgets were made in May 2013, a test inspector said on May 20, 2013, "
        "according to The Test Bulletin (May 21, 2013).",
    ]
    assert added_bytes(package, before["data/sources.csv"], "data/sources.csv").startswith(b"test-bulletin,")
    assert added_bytes(package, before["data/claimants.csv"], "data/claimants.csv").startswith(b"test-inspector,")
    assert added_bytes(package, before[CLAIMS]).startswith(
        b"test-bulletin-01,test-widgets,test-inspector,asserts,,,test-bulletin,"
    )
    assert (package / "data/measures.csv").read_bytes() == measures


# Answers to the prompts, in the order `add --prompt` asks: the claims table's
# columns, with the new claimant's columns asked for right after its id.
PROMPT_ANSWERS = [
    ("claim_id", ""),  # empty: made from the source id
    ("measure_id", "test-widgets"),
    ("claimant_id", "test-newcomer"),  # new: its columns are asked next
    ("  name", "Nina Newcomer"),
    ("  article", ""),
    ("  aliases", ""),
    ("  kind", "person"),
    ("  role", "widget inspector"),
    ("  affiliation", ""),
    ("  stance", ""),
    ("  description", ""),
    ("  note", "Made up: exists only in claimtrack's tests."),
    ("stance", ""),  # empty: the default, asserts
    ("via_id", ""),
    ("via_relation", ""),
    ("source_id", "test-article"),
    ("figure_text", "about 12 widgets"),
    ("hedge", ""),
    ("qualifier", "about"),
    ("low", ""),
    ("value", "12"),
    ("high", ""),
    ("date_from", ""),
    ("date_to", ""),
    ("said_on", "2013-05-15"),
    ("said_on_basis", "inferred from weekday"),
    ("said_on_text", "on Wednesday"),
    ("as_of", ""),
    ("as_of_basis", ""),
    ("as_of_text", ""),
    ("status", ""),  # empty: the default, reported
    ("settled_by", ""),
    ("status_note", ""),
    ("quote", "Nina Newcomer said on Wednesday that about 12 widgets were made."),
    ("note", ""),
]


def test_add_by_prompts_asks_each_column_and_describes_a_new_claimant(make_package):
    package = make_package()
    claims, claimants = (package / CLAIMS).read_bytes(), (package / "data/claimants.csv").read_bytes()
    answers = "".join(answer + "\n" for _, answer in PROMPT_ANSWERS)
    result = run_claimtrack("add", "--prompt", cwd=package, input=answers)
    assert result.returncode == 0, result.stderr
    assert "'test-newcomer' is new in claimants: describe it." in result.stderr
    assert result.stdout.splitlines()[-1] == (
        "test-article-01: About 12 widgets were made in May 2013, Nina Newcomer, the widget inspector, said on "
        "May 15, 2013, according to The Test Gazette (May 16, 2013)."
    )
    assert added_bytes(package, claimants, "data/claimants.csv") == (
        b"test-newcomer,Nina Newcomer,,,person,widget inspector,,,,Made up: exists only in claimtrack's tests.\n"
    )
    assert added_bytes(package, claims) == (
        b"test-article-01,test-widgets,test-newcomer,asserts,,,test-article,about 12 widgets,,about,,12,,,,2013-05-15,"
        b"inferred from weekday,on Wednesday,,,,reported,,,"
        b"Nina Newcomer said on Wednesday that about 12 widgets were made.,\n"
    )


def test_add_by_prompts_asks_again_for_a_required_column_left_empty(make_package):
    package = make_package()
    answers = [answer for _, answer in PROMPT_ANSWERS]
    answers.insert(1, "")  # measure_id left empty: asked again, then answered
    result = run_claimtrack("add", "--prompt", cwd=package, input="".join(a + "\n" for a in answers))
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("measure_id is required") == 1
    assert "test-article-01,test-widgets,test-newcomer," in (package / CLAIMS).read_text()


def test_add_by_prompts_checks_each_answer_as_it_is_typed_offering_the_words_the_column_takes(make_package):
    package = make_package()
    answers = dict(PROMPT_ANSWERS)
    typed = []
    for column, answer in PROMPT_ANSWERS:
        if column == "qualifier":
            typed.append("at leats")  # refused at once, with the words the column takes
        if column == "said_on":
            typed.append("15/05/2013")  # refused at once: not written YYYY-MM-DD
        typed.append(answer)
    assert answers["qualifier"] == "about"
    result = run_claimtrack("add", "--prompt", cwd=package, input="".join(a + "\n" for a in typed))
    assert result.returncode == 0, result.stderr
    assert "qualifier: 'at leats' is not one of the allowed values: exact, about," in result.stderr
    assert "did you mean 'at least'?; again" in result.stderr
    assert "(and " not in result.stderr  # every word is offered, none left to guess
    assert "said_on: '15/05/2013' is not written as the column wants it" in result.stderr
    assert "test-article-01,test-widgets,test-newcomer," in (package / CLAIMS).read_text()


def test_an_entry_refused_after_the_prompts_is_kept_in_a_file_to_fix_and_hand_back(make_package):
    package = make_package()
    answers = dict(PROMPT_ANSWERS)
    # Each answer is sound on its own; together they are not: the quote lacks the figure.
    answers["quote"] = "Nina Newcomer said on Wednesday that widgets were made."
    before = snapshot(package)
    result = run_claimtrack("add", "--prompt", cwd=package, input="".join(a + "\n" for a in answers.values()))
    assert result.returncode == 1
    # Not a byte of the package changes; the answers go to the tool's own folder, which git ignores.
    assert {k: v for k, v in snapshot(package).items() if not k.startswith(".claimtrack/")} == before
    kept = list((package / ".claimtrack" / "refused").glob("claim-*.json"))
    assert len(kept) == 1
    shown = kept[0].relative_to(package)
    assert f"Your answers are kept in {shown}: fix what is wrong there and run: claimtrack add --file {shown}" in (
        result.stderr
    )
    entry = json.loads(kept[0].read_text(encoding="utf-8"))
    assert entry["figure_text"] == "about 12 widgets" and entry["claimant"]["name"] == "Nina Newcomer"
    # Fixed, it goes in with --file, and nothing typed had to be typed again.
    entry["quote"] = "Nina Newcomer said on Wednesday that about 12 widgets were made."
    kept[0].write_text(json.dumps(entry), encoding="utf-8")
    again = run_claimtrack("add", "--file", str(kept[0]), cwd=package)
    assert again.returncode == 0, again.stderr
    assert "test-article-01: About 12 widgets were made" in again.stdout


# --- bytes: line endings, final newline, byte-order mark ----------------------------------------------


def test_a_crlf_file_stays_crlf(make_package):
    package = make_package()
    path = package / CLAIMS
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    before = path.read_bytes()
    result = run_claimtrack("add", *FLAGS, cwd=package)
    assert result.returncode == 0, result.stderr
    assert added_bytes(package, before) == (FLAGS_LINE + "\r\n").encode()


def test_a_file_with_no_final_newline_gets_one_before_the_new_row(make_package):
    package = make_package()
    path = package / CLAIMS
    path.write_bytes(path.read_bytes().rstrip(b"\n"))
    before = path.read_bytes()
    result = run_claimtrack("add", *FLAGS, cwd=package)
    assert result.returncode == 0, result.stderr
    assert added_bytes(package, before) == ("\n" + FLAGS_LINE + "\n").encode()


def test_a_byte_order_mark_is_kept_and_not_doubled(make_package):
    package = make_package("utf8-bom", VALID)
    before = (package / CLAIMS).read_bytes()
    assert before.startswith(b"\xef\xbb\xbf")
    result = run_claimtrack("add", *FLAGS, cwd=package)
    assert result.returncode == 0, result.stderr
    assert added_bytes(package, before) == (FLAGS_LINE + "\n").encode()
    assert (package / CLAIMS).read_bytes().count(b"\xef\xbb\xbf") == 1


# --- round trip: show --format json | add --file - ----------------------------------------------


def test_a_shown_claim_edited_and_handed_back_is_added(make_package):
    package = make_package()
    shown = run_claimtrack("show", "test-widgets-02", "--format", "json", cwd=package)
    assert shown.returncode == 0, shown.stderr
    claim = json.loads(shown.stdout)
    claim.update(claim_id="test-widgets-03", figure_text="exactly 16 widgets", value=16)
    claim["quote"] = claim["quote"].replace("15", "16")
    before = (package / CLAIMS).read_bytes()
    result = run_claimtrack("add", "--file", "-", cwd=package, input=json.dumps(claim))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"Added 1 row(s) to {CLAIMS}."  # the nested rows exist: no other file
    old_line = next(line for line in before.splitlines(keepends=True) if line.startswith(b"test-widgets-02,"))
    assert added_bytes(package, before) == (
        old_line.replace(b"test-widgets-02", b"test-widgets-03").replace(b"15", b"16")
    )


def test_a_shown_claim_handed_back_under_a_new_id_is_refused_as_a_duplicate(make_package):
    package = make_package()
    claim = json.loads(run_claimtrack("show", "test-widgets-02", "--format", "json", cwd=package).stdout)
    before = snapshot(package)
    result = run_claimtrack("add", "--file", "-", cwd=package, input=json.dumps(dict(claim, claim_id=None)))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        'standard input, key claim_id, value "test-article-01": this claim is already recorded as '
        "test-widgets-02: same measure, claimant, source, figure and quote [duplicate-claim]",
        "Error: the change was refused: the package would not be valid; nothing was written",
    ]
    assert snapshot(package) == before


# --- refusals leave every file as it was ---------------------------------------------------------


REFUSED = {
    "invalid-qualifier": ('key qualifier, value "roughly": ', "[enum]"),
    "bounds-order": (
        'key high, value "10": the upper bound 10 is below the lower bound 20',
        "[bounds-order]",
    ),
    "unknown-measure": (
        "key measure_id, value \"test-widget\": 'test-widget' is not a measure_id "
        "in data/measures.csv: add the measure first with `claimtrack measure add`",
        "[foreign-key]",
    ),
    "duplicate-claim": (
        'key claim_id, value "test-article-01": this claim is already recorded as test-widgets-02',
        "[duplicate-claim]",
    ),
}


@pytest.mark.parametrize("case", REFUSED)
def test_a_refused_claim_exits_1_naming_its_file_key_and_value_and_changes_no_file(make_package, case):
    package = make_package()
    before = snapshot(package)
    result = run_claimtrack("add", "--file", ADD / f"{case}.json", cwd=package)
    assert result.returncode == 1
    assert result.stdout == ""
    problem, *rest = result.stderr.splitlines()
    start, end = REFUSED[case]
    assert problem.startswith(f"{ADD / case}.json, {start}") and problem.endswith(end), problem
    assert rest == ["Error: the change was refused: the package would not be valid; nothing was written"]
    assert snapshot(package) == before
    assert list(package.rglob("*.tmp")) == []


def test_a_nested_source_that_exists_with_other_values_is_refused_and_changes_no_file(make_package):
    package = make_package()
    before = snapshot(package)
    result = run_claimtrack("add", "--file", ADD / "source-conflict.json", cwd=package)
    assert result.returncode == 1
    assert result.stderr == (
        "Error: the claim, source: source_id 'test-article' already exists in data/sources.csv, line 3, "
        "column publisher, with other values in publisher; give only its id, or a new id\n"
    )
    assert snapshot(package) == before


def test_a_nested_source_clash_names_the_line_of_the_existing_row(make_package):
    result = run_claimtrack("add", "--file", ADD / "source-conflict.json", cwd=make_package())
    assert "data/sources.csv, line 3, column publisher" in result.stderr


@pytest.mark.parametrize(
    "args, input, message",
    [
        ([], None, "Error: no claim given: use column options (see --help), --file ROW.json, or --prompt\n"),
        (
            ["--file", "-", "--qualifier", "about"],
            "{}",
            "Error: give the claim either with --file or with column options, not both\n",
        ),
        (
            ["--file", "-"],
            '{"measure_id": ',
            "Error: standard input is not valid JSON: Expecting value at line 1, column 16\n",
        ),
        (
            ["--file", "-"],
            "[1, 2]",
            "Error: the JSON must be an object of column names and values, or an array of such objects\n",
        ),
        (["--file", "-"], "[]", "Error: there is no claim to add\n"),
        (["--file", "no-such-file.json"], None, "Error: cannot read no-such-file.json: No such file or directory\n"),
    ],
    ids=["nothing-given", "file-and-flags", "not-json", "not-objects", "empty-array", "missing-file"],
)
def test_add_without_a_usable_claim_exits_1_with_one_clear_line(make_package, args, input, message):
    package = make_package()
    before = snapshot(package)
    result = run_claimtrack("add", *args, cwd=package, input=input)
    assert result.returncode == 1
    assert result.stderr == message
    assert snapshot(package) == before


def test_add_has_one_option_per_column_of_claims_csv():
    result = run_claimtrack("add", "--help", cwd=REPO)
    for name in read_package(REPO).resource("claims").field_names:
        assert f"--{name.replace('_', '-')} TEXT" in result.stdout


# --- two commands at once ------------------------------------------------------------------------


def _start_add(package, claim: dict) -> subprocess.Popen:
    row = package.parent / f"claim-{len(list(package.parent.glob('claim-*.json')))}.json"
    row.write_text(json.dumps(claim), encoding="utf-8")
    return subprocess.Popen(
        [str(CLAIMTRACK), "add", "--file", str(row)],
        cwd=package,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


WAITING = "Another claimtrack command is changing this package; waiting for it to finish...\n"


def test_two_adds_at_once_both_succeed_and_no_row_is_lost(make_package):
    from filelock import FileLock

    package = make_package()
    before = (package / CLAIMS).read_bytes()
    first, second = json.loads((ADD / "two-claims.json").read_text())
    # Both start while the test holds the lock, so that they are sure to contend
    # for it: each says it is waiting, then both go once it is released.
    with FileLock(str(package / ".claimtrack.lock")):
        runs = [_start_add(package, first), _start_add(package, second)]
        assert [run.stderr.readline() for run in runs] == [WAITING, WAITING]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    new = added_bytes(package, before).decode().splitlines()
    assert sorted(line.split(",")[0] for line in new) == ["test-article-01", "test-article-02"]
    figure = read_package(package).resource("claims").field_names.index("figure_text")
    assert sorted(line.split(",")[figure] for line in new) == ["about 14 widgets", "about 16 widgets"]
    assert run_claimtrack("validate", cwd=package).returncode == 0


def test_the_same_claim_added_twice_at_once_is_written_once(make_package):
    from filelock import FileLock

    package = make_package()
    before = (package / CLAIMS).read_bytes()
    claim = json.loads((ADD / "new-claim.json").read_text())
    with FileLock(str(package / ".claimtrack.lock")):
        runs = [_start_add(package, claim), _start_add(package, dict(claim, note="the same, again"))]
        assert [run.stderr.readline() for run in runs] == [WAITING, WAITING]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert sorted(run.returncode for run in runs) == [0, 1], outputs
    refused = next(err for run, (_, err) in zip(runs, outputs) if run.returncode == 1)
    assert "this claim is already recorded as test-article-01" in refused
    assert len(added_bytes(package, before).splitlines()) == 1


def test_an_add_waits_for_the_lock_says_so_and_then_completes(make_package):
    from filelock import FileLock

    package = make_package()
    before = (package / CLAIMS).read_bytes()
    lock = FileLock(str(package / ".claimtrack.lock"))
    lock.acquire()
    try:
        run = subprocess.Popen(
            [str(CLAIMTRACK), "add", *FLAGS],
            cwd=package,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        # The add says it is waiting, and writes nothing while the lock is held.
        assert run.stderr.readline() == WAITING
        assert run.poll() is None
        assert (package / CLAIMS).read_bytes() == before
    finally:
        lock.release()
    out, err = run.communicate(timeout=120)
    assert run.returncode == 0, err
    assert out == f"Added 1 row(s) to {CLAIMS}.\n{SENTENCE}"
    assert added_bytes(package, before) == (FLAGS_LINE + "\n").encode()


# --- files that cannot be written ---------------------------------------------------------------------

PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 24, 1, 2


def _drop_root_powers() -> None:  # pragma: no cover - runs in the child, between fork and exec
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


@pytest.fixture
def as_plain_user(tmp_path) -> dict:
    """Options for run_claimtrack that make the command respect file permissions.

    Root ignores them, and the tests run as root: the command is then run as root
    without the capabilities that override permissions. A probe proves it works,
    so that these tests cannot pass because nothing was ever read-only."""
    options = {"preexec_fn": _drop_root_powers} if os.geteuid() == 0 else {}
    probe = tmp_path / "probe"
    probe.write_text("")
    probe.chmod(0o444)
    try:
        check = subprocess.run([sys.executable, "-c", f"open({str(probe)!r}, 'a')"], capture_output=True, **options)
    except subprocess.SubprocessError as error:
        pytest.skip(f"cannot run a command without root's powers over permissions: {error}")
    finally:
        probe.chmod(0o644)
    if check.returncode == 0:
        pytest.skip("this user can write read-only files, so a read-only file cannot be tested")
    return options


def test_a_read_only_claims_file_is_a_clear_error_and_nothing_is_written(make_package, as_plain_user):
    package = make_package()
    (package / CLAIMS).chmod(0o444)
    before = snapshot(package)
    result = run_console_script("add", *FLAGS, cwd=package, **as_plain_user)
    assert result.returncode == 1
    assert result.stderr == f"Error: {CLAIMS} is read-only; nothing was written\n"
    assert snapshot(package) == before


def test_a_read_only_data_folder_is_a_clear_error_and_nothing_is_written(make_package, as_plain_user):
    package = make_package()
    before = snapshot(package)
    (package / "data").chmod(0o555)
    try:
        result = run_console_script("add", *FLAGS, cwd=package, **as_plain_user)
    finally:
        (package / "data").chmod(0o755)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("Error: could not write ")
    assert result.stderr.endswith(": Permission denied; nothing was written\n")
    assert snapshot(package) == before


def test_a_read_only_data_folder_error_names_the_file_being_written(make_package, as_plain_user):
    package = make_package()
    (package / "data").chmod(0o555)
    try:
        result = run_console_script("add", *FLAGS, cwd=package, **as_plain_user)
    finally:
        (package / "data").chmod(0o755)
    assert result.stderr == f"Error: could not write {CLAIMS}: Permission denied; nothing was written\n"


def test_a_read_only_package_folder_is_a_clear_error_not_a_traceback(make_package, as_plain_user):
    package = make_package()
    before = snapshot(package)
    package.chmod(0o555)
    try:
        result = run_console_script("add", *FLAGS, cwd=package, **as_plain_user)
    finally:
        package.chmod(0o755)
    assert snapshot(package) == before
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("Error: ")


# --- a claim handed back: `show --format json` into `add --file` ----------------------------


def _shown(package, claim_id: str) -> dict:
    result = run_claimtrack("show", claim_id, "--format", "json", cwd=package)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_claim_handed_back_as_show_prints_it_is_refused_as_recorded_with_the_way_to_a_new_one(make_package):
    package = make_package()
    before = snapshot(package)
    shown = _shown(package, "test-widgets-02")
    result = run_claimtrack("add", "--file", "-", cwd=package, input=json.dumps(shown))
    assert result.returncode == 1
    assert "is test-widgets-02 as it is recorded (data/claims.csv, line 5)" in result.stderr
    assert "leave out claim_id" in result.stderr and "claimtrack correct" in result.stderr
    assert snapshot(package) == before


def test_a_new_claim_under_a_taken_id_is_refused_naming_the_line_of_the_taken_one(make_package):
    package = make_package()
    before = snapshot(package)
    result = run_claimtrack("add", *FLAGS, "--claim-id", "test-widgets-01", cwd=package)
    assert result.returncode == 1
    assert "claim_id 'test-widgets-01' is taken (data/claims.csv, line 4)" in result.stderr
    assert snapshot(package) == before


def test_a_claim_copied_with_only_its_id_taken_out_does_not_take_the_others_appearances(real_package):
    shown = _shown(real_package, "mt-2013-05-16-09")
    assert shown["appearances"], "the claim the test copies has an appearance"
    shown.pop("claim_id")
    shown.update(figure_text="at least 94", low=94, quote="at least 94,000")  # what is new
    before = snapshot(real_package)
    result = run_claimtrack("add", "--file", "-", cwd=real_package, input=json.dumps(shown))
    assert result.returncode == 1
    assert "appearance 1 is an appearance of claim mt-2013-05-16-09" in result.stderr
    assert snapshot(real_package) == before


def test_a_claim_that_repeats_a_recorded_figure_and_date_is_added_with_a_warning_naming_it(make_package):
    package = make_package()
    run_claimtrack("add", *FLAGS, cwd=package)
    # The same speaker, figure and day, in other words: the same statement, it seems.
    again = [*FLAGS[:-1], "On Thursday the test speaker put the count at about 14 widgets."]
    result = run_claimtrack("add", *again, cwd=package)
    assert result.returncode == 0, result.stderr
    assert "Warning: test-article-02 repeats test-article-01: the same measure, claimant, figure" in result.stderr
    assert "record it as an appearance of test-article-01" in result.stderr
    # Another figure on the same day is no repeat.
    other = [*FLAGS[:7], "about 15 widgets", "--qualifier", "about", "--value", "15", *FLAGS[12:-1]]
    other += ["On Thursday the test speaker said about 15 widgets were made."]
    result = run_claimtrack("add", *other, cwd=package)
    assert result.returncode == 0, result.stderr
    assert "Warning" not in result.stderr


def test_claims_from_list_as_csv_go_back_to_add_once_what_is_new_is_changed(make_package):
    package = make_package()
    listed = run_claimtrack("list", "--format", "csv", cwd=package).stdout
    # Handed back whole, every claim is recorded already.
    result = run_claimtrack("add", "--file", "-", cwd=package, input=listed)
    assert result.returncode == 1 and "as it is recorded" in result.stderr
    # Edited as in a spreadsheet: the id cleared, a new figure in a new quote.
    rows = list(csv.DictReader(io.StringIO(listed)))
    row = next(r for r in rows if r["claim_id"] == "test-widgets-01")
    row.update(claim_id="", figure_text="about 14 widgets", qualifier="about", value="14", low="", high="")
    row.update(quote=QUOTE, said_on="2013-05-16", said_on_basis="inferred from weekday", said_on_text="")
    edited = io.StringIO()
    writer = csv.DictWriter(edited, list(row), lineterminator="\n")
    writer.writeheader()
    writer.writerow(row)
    result = run_claimtrack("add", "--file", "-", cwd=package, input=edited.getvalue())
    assert result.returncode == 0, result.stderr
    assert "About 14 widgets were made" in result.stdout


def test_a_csv_file_whose_row_has_a_cell_too_many_is_refused_naming_its_line(make_package, tmp_path):
    package = make_package()
    before = snapshot(package)
    bad = tmp_path / "rows.csv"
    bad.write_text("measure_id,claimant_id\ntest-widgets,test-speaker,extra\n", encoding="utf-8")
    result = run_claimtrack("add", "--file", str(bad), cwd=package)
    assert result.returncode == 1
    assert f"{bad}, line 2: 3 cells for the header's 2 columns" in result.stderr
    assert snapshot(package) == before


def test_a_bad_flag_is_named_as_typed_with_its_value_not_as_a_line_not_yet_written(make_package):
    package = make_package()
    before = snapshot(package)
    flags = [("statd" if flag == "inferred from weekday" else flag) for flag in FLAGS]
    result = run_claimtrack("add", *flags, cwd=package)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith(
        "--said-on-basis, value \"statd\": 'statd' is not one of the allowed values: stated, "
    )
    assert "line 6" not in result.stderr
    assert snapshot(package) == before


def test_a_bad_key_in_an_array_file_is_named_by_its_record_number_and_key(make_package, tmp_path):
    package = make_package()
    good = json.loads((ADD / "invalid-qualifier.json").read_text(encoding="utf-8"))
    rows = tmp_path / "rows.json"
    rows.write_text(json.dumps([dict(good, qualifier="about"), dict(good, said_on="16/05/2013")]), encoding="utf-8")
    result = run_claimtrack("add", "--file", rows, cwd=package)
    assert result.returncode == 1
    assert f'{rows}, record 2, key said_on, value "16/05/2013": ' in result.stderr
    assert "write 2013-05-16" in result.stderr
