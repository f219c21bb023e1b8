"""Properties over generated input (hypothesis): text survives add -> load exactly,
no bytes given as a CSV file make validation crash, and no bad cell makes a reading
command crash.

Each example is checked on the small base package (tests/fixtures/base); the bytes
of a CSV file are handed to validation in place of the file's, so nothing is written.
"""

from __future__ import annotations

import csv
import re
import shutil
import tempfile
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

import claimtrack
from claimtrack.cli import main
from claimtrack.model.problems import CODES, Problem
from claimtrack.tracking import recording
from claimtrack.validation.run import validate
from conftest import BASE_DATA, build_package, snapshot

# Any character a text can hold: quotes, commas, every line break, any script, emoji.
TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list('",;\n\r\t "\u2028\u2029\x85\x0b\x0c\u00a0\u200b\u202e\ufeff')),
        st.characters(exclude_categories=["Cs"]),  # lone surrogates cannot be written as UTF-8
    ),
    min_size=1,
)
FIGURE = "about 14 widgets"
# A spreadsheet would run a cell beginning so; a signed number it reads as a number.
FORMULA_START = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# What cannot stand first in a cell at all.
BREAKS_FIRST = ("\t", "\r", "\n")


def claim(note: str, quote: str) -> dict:
    return {
        "measure_id": "test-widgets",
        "claimant_id": "test-speaker",
        "source_id": "test-article",
        "figure_text": FIGURE,
        "qualifier": "about",
        "value": 14,
        "said_on": "2013-05-16",
        "said_on_basis": "stated",
        "quote": quote,
        "note": note,
    }


@pytest.fixture(scope="module")
def scratch():
    with tempfile.TemporaryDirectory(prefix="claimtrack-properties-") as folder:
        yield Path(folder)


def refused_rules(text: str) -> set[str]:
    """The rules a note or quote of ``text`` breaks, by what the schema says of text cells."""
    rules = set()
    signed = text.lstrip("".join(c for c in set(text) if _looked_through(c))).startswith(FORMULA_START)
    if (text.startswith(BREAKS_FIRST) or signed) and not _signed_number(text):
        rules.add("formula")
    if "\x00" in text:
        rules.add("nul-byte")
    # the note and the quote are prose: tab and line breaks are theirs; no other control
    if any(unicodedata.category(c) == "Cc" and c not in "\t\n\r" for c in text):
        rules.add("control-character")
    if any(0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in text):
        rules.add("bidi-control")
    return rules


def _looked_through(c: str) -> bool:
    """A character a spreadsheet looks through before a formula's sign: a space, an
    invisible format character, a quote mark."""
    return c.isspace() or c in "\"'" or unicodedata.category(c) in ("Zs", "Zl", "Zp", "Cf")


def _signed_number(text: str) -> bool:
    return re.fullmatch(r"[+-][0-9]+([.,][0-9]+)*", text) is not None


@settings(max_examples=60, deadline=None)
@given(note=TEXT, words=TEXT)
@example(note='he said "no", then\r\nleft', words="\u062f\u0645\u0634\u0642 \U0001f5de\ufe0f")
@example(note="=1+1", words="x")
@example(note="-12", words="x")
@example(note="a\x00b", words="x")
@example(note="   ", words="\n")
@example(note="0", words="\r")  # a lone CR, once written unquoted into an LF file
def test_any_text_survives_add_then_load_unchanged(scratch, note, words):
    package = scratch / "package"
    shutil.rmtree(package, ignore_errors=True)
    build_package(package)
    quote = f"{words} {FIGURE}"
    expected_refusal = refused_rules(note) | refused_rules(quote)
    before = snapshot(package)
    try:
        change = recording.add_claims(package, [claim(note, quote)])
    except recording.RecordingError as error:
        assert expected_refusal, error.problems
        assert {p.rule for p in error.problems} <= expected_refusal | {"formula"}
        assert snapshot(package) == before
        return
    assert not expected_refusal
    claims = claimtrack.load(package).claims.set_index("claim_id")
    added = claims.loc[change.claim_ids[0]]
    assert (added["note"], added["quote"]) == (note, quote)


CSV_NAMES = ["data/claims.csv", "data/measures.csv", "data/claimants.csv", "data/sources.csv"]
# Bytes that steer into the reader's paths: quotes, separators, line ends, markers, NUL, BOMs.
CSV_BYTES = st.lists(
    st.sampled_from(
        [b'"', b",", b";", b"\t", b"\n", b"\r", b"\r\n", b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"\xe9", b"\xc3\xa9"]
        + [b"<<<<<<< HEAD", b"=======", b"=1+1", b"-12", b"2013-02-30", b"03/04/2013", b"NA", b"test-widgets-01"]
        + [b"claim_id", b"measure_id", b"a", b" ", b"9" * 30]
    ),
    max_size=60,
).map(b"".join)


def mutated(name: str):
    """The base file with a run of bytes replaced by others, somewhere in it."""
    original = (BASE_DATA / Path(name).name).read_bytes()
    return st.tuples(
        st.integers(0, len(original)), st.integers(0, 40), st.one_of(st.binary(max_size=20), CSV_BYTES)
    ).map(lambda cut: original[: cut[0]] + cut[2] + original[cut[0] + cut[1] :])


@st.composite
def csv_file(draw):
    name = draw(st.sampled_from(CSV_NAMES))
    data = draw(st.one_of(st.binary(max_size=400), CSV_BYTES, mutated(name)))
    return name, data


@pytest.fixture(scope="module")
def base_package(scratch):
    return build_package(scratch / "base")


@settings(max_examples=200, deadline=None)
@given(file=csv_file())
@example(file=("data/claims.csv", b"\xef\xbb\xbf\xef\xbb\xbfclaim_id\n"))
@example(file=("data/measures.csv", b'measure_id\n"'))
@example(file=("data/claims.csv", b"\r\r\r"))
def test_any_bytes_as_a_csv_file_validate_or_give_problems_never_a_crash(base_package, file):
    name, data = file
    before = snapshot(base_package)
    report = validate(base_package, overrides={name: data})
    for problem in report.problems:
        assert isinstance(problem, Problem)
        assert problem.rule in CODES
        assert problem.message and problem.file
        assert problem.line is None or problem.line >= 1
    assert snapshot(base_package) == before


# --- One bad cell, every read verb -----------------------------------------------------------------

# What a journalist's cell may hold by mistake: nothing, the wrong type, a date written
# otherwise, a number too large for any column, a formula, words of any script.
JUNK = st.one_of(
    st.sampled_from(
        ["", " ", "NA", "-", "?", "94 000", "1,200", "12%", "1e400", "9" * 400, "-0", "0x1F", "true"]
        + ["16/05/2013", "2013-02-30", "2013-13", "0000-00-00", "May 16, 2013", "2013-05-16T10:00"]
        + ["=1+1", "@cmd", "\u062f\u0645\u0634\u0642", "\U0001f5de\ufe0f", "\u202eevil", "a|", "|", "x" * 2000]
    ),
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.dates().map(str),
    st.text(alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=30),
)
CLAIM, MEASURE = "mt-2013-05-16-09", "syria-deaths"  # of the base data
READS = [
    ["list"],
    ["list", "--format", "json"],
    ["show", CLAIM],
    ["compare", MEASURE],
    ["history", MEASURE],
    ["cite", CLAIM],
    ["validate"],
]
# A problem as every command prints it: the file and the line, then what is wrong.
LOCATED = re.compile(r"^(?:  )?data/[a-z]+\.csv, line [0-9]+\b.*\[[a-z0-9-]+\]$")


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


# The base data's files that have rows, as rows of cells.
BASE_ROWS = {path.name: _rows(path) for path in sorted(BASE_DATA.glob("*.csv")) if len(_rows(path)) > 1}


@st.composite
def one_bad_cell(draw):
    """A file of the base data, a row of it, a column, and the junk to put there."""
    name = draw(st.sampled_from(sorted(BASE_ROWS)))
    rows = BASE_ROWS[name]
    row = draw(st.integers(1, len(rows) - 1))
    column = draw(st.integers(0, len(rows[0]) - 1))
    return name, row, column, draw(JUNK)


def _with_bad_cell(package: Path, cell) -> Path:
    """The base package in ``package`` with the one cell ``cell`` names set to its junk."""
    name, row_number, column, junk = cell
    shutil.rmtree(package, ignore_errors=True)
    build_package(package)
    rows = [list(row) for row in BASE_ROWS[name]]
    rows[row_number][column] = junk
    with (package / "data" / name).open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return package


def _ran_without_a_crash(command: list[str], package: Path):
    """The command's result and the lines it said on standard error, once it is proved to
    have ended without a traceback, with status 0 or 1, each problem it names located."""
    result = CliRunner().invoke(main, [*command, "-p", str(package)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert result.exit_code in (0, 1), result.output
    said = result.stderr.rstrip("\n").split("\n")  # a cell may hold other line breaks
    problems = [line for line in said if line.rstrip().endswith("]")]
    assert all(LOCATED.match(line) for line in problems), result.stderr
    return result, said


@settings(max_examples=60, deadline=None)
@given(cell=one_bad_cell(), command=st.sampled_from(READS))
@example(cell=("claims.csv", 2, 15, "16/05/2013"), command=["cite", CLAIM])  # said_on of the claim cited
@example(cell=("claims.csv", 2, 10, "94 000"), command=["cite", CLAIM])  # its low
@example(cell=("claims.csv", 2, 9, "range"), command=["cite", CLAIM])  # a range with no high
@example(cell=("claimants.csv", 3, 4, ""), command=["show", CLAIM])  # a kind left empty
@example(cell=("sources.csv", 1, 0, "renamed"), command=["history", MEASURE])  # an id claims point to
@example(cell=("measures.csv", 1, 3, "9" * 400), command=["compare", MEASURE])
def test_one_bad_cell_never_makes_a_read_command_crash_and_its_problem_is_located(scratch, cell, command):
    """Each example runs one command, drawn with the cell: the commands share the reading."""
    package = _with_bad_cell(scratch / "one-bad-cell", cell)
    before = snapshot(package)
    result, said = _ran_without_a_crash(command, package)
    if result.exit_code == 1:  # refused, saying why
        assert said[-1].startswith("Error: ") or said[-1].endswith("the package is not valid."), result.stderr
    assert snapshot(package) == before


WRITES = [
    ["status", CLAIM, "--set", "confirmed"],
    ["correct", CLAIM, "--set", "note=Made up: a corrected note.", "--reason", "Made up: a test.", "--dry-run"],
    ["correct", CLAIM, "--set", "note=Made up: a corrected note.", "--reason", "Made up: a test."],
]


@settings(max_examples=30, deadline=None)
@given(cell=one_bad_cell(), command=st.sampled_from(WRITES))
@example(cell=("claims.csv", 2, 15, "16/05/2013"), command=WRITES[0])
@example(cell=("claims.csv", 2, 9, "range"), command=WRITES[2])
def test_one_bad_cell_never_makes_a_write_command_crash_and_a_refusal_writes_nothing(scratch, cell, command):
    """The commands that change a row, on a package with one cell of junk: refused with
    located problems and not a byte written, or (where the junk is a value the column
    takes) done; never a traceback."""
    package = _with_bad_cell(scratch / "one-bad-cell-written", cell)
    before = snapshot(package)
    result, _ = _ran_without_a_crash(command, package)
    if result.exit_code == 1 or "--dry-run" in command:
        assert snapshot(package) == before
