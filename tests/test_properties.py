"""Properties over generated input (hypothesis): text survives add -> load exactly,
and no bytes given as a CSV file make validation crash.

Each example is checked on the small base package (tests/fixtures/base); the bytes
of a CSV file are handed to validation in place of the file's, so nothing is written.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import claimtrack
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
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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
    if text.startswith(FORMULA_START) and not _signed_number(text):
        rules.add("formula")
    if "\x00" in text:
        rules.add("nul-byte")
    return rules


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
