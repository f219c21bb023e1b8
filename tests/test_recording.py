"""claimtrack.recording: add claims and the sources, claimants and measures they point to, and move claims through their lifecycle, in Python.

The command line's side of the same (exit codes, messages, concurrent commands) is
in test_cli_add.py and test_cli_status.py. Rows to add are in tests/fixtures/tracker/add/.
The base claims.csv has four claims, on lines 2 to 5 (see test_validation.py).
"""

from __future__ import annotations

import json
import os

import pytest

from claimtrack.io import storage
from claimtrack.tracking import correcting, recording
from claimtrack.validation.run import validate
from conftest import TRACKER, snapshot

ADD = TRACKER / "add"
CLAIMS = "data/claims.csv"


def row(name: str):
    return json.loads((ADD / f"{name}.json").read_text(encoding="utf-8"))


def located(error: recording.RecordingError) -> list[tuple]:
    return [(p.file, p.line, p.column, p.value, p.rule) for p in error.problems]


def test_add_appends_the_claim_with_an_id_made_from_its_source(make_package):
    package = make_package()
    before = (package / CLAIMS).read_bytes()
    change = recording.add_claims(package, [row("new-claim")])
    assert change.claim_ids == ["test-article-01"]
    assert change.added == {CLAIMS: 1}
    after = (package / CLAIMS).read_bytes()
    assert after.startswith(before)
    assert after[len(before) :].startswith(
        b"test-article-01,test-widgets,test-speaker,asserts,,,test-article,about 14 widgets,"
    )
    assert validate(package).ok


def test_the_generated_id_takes_the_number_after_the_highest_of_its_source(make_package):
    # The base holds mt-2013-05-16-02 and -09: the next is -10, not -03.
    package = make_package()
    claim = dict(row("new-claim"), source_id="mt-2013-05-16", measure_id="syria-deaths", claimant_id="sohr")
    claim.update(figure_text="more than 90,000", qualifier="more than", value=None, low=90000, as_of=None)
    claim.update(as_of_basis=None, as_of_text=None, quote="Made up: more than 90,000.")
    assert recording.add_claims(package, [claim]).claim_ids == ["mt-2013-05-16-10"]


def test_several_claims_at_once_get_consecutive_ids(make_package):
    package = make_package()
    change = recording.add_claims(package, row("two-claims"))
    assert change.claim_ids == ["test-article-01", "test-article-02"]
    assert change.added == {CLAIMS: 2}


def test_a_given_claim_id_is_kept(make_package):
    package = make_package()
    assert recording.add_claims(package, [dict(row("new-claim"), claim_id="test-widgets-03")]).claim_ids == [
        "test-widgets-03"
    ]


def test_a_new_source_and_claimant_are_added_before_the_claim_that_points_at_them(make_package):
    package = make_package()
    change = recording.add_claims(package, [row("new-source-and-claimant")])
    assert change.claim_ids == ["test-bulletin-01"]
    assert list(change.added.items()) == [("data/sources.csv", 1), ("data/claimants.csv", 1), (CLAIMS, 1)]
    assert (
        (package / "data/sources.csv")
        .read_text()
        .endswith(
            "test-bulletin,The Test Bulletin,,Widgets Inspected,https://example.org/claimtrack/test-bulletin,"
            "2013-05-21,news report,en,,,,Made up: exists only in claimtrack's tests.\n"
        )
    )
    assert (
        (package / "data/claimants.csv")
        .read_text()
        .endswith("test-inspector,a test inspector,,,person,,,,,Made up: exists only in claimtrack's tests.\n")
    )
    assert ",test-inspector,asserts,,,test-bulletin,at least 11 widgets," in (package / CLAIMS).read_text()
    assert validate(package).ok


def test_a_nested_row_identical_to_an_existing_one_adds_nothing_to_its_table(make_package):
    package = make_package()
    claim = dict(row("new-claim"), claimant={"claimant_id": "test-speaker", "name": "a test speaker", "kind": "person"})
    change = recording.add_claims(package, [claim])
    assert change.added == {CLAIMS: 1}


def test_a_null_source_id_beside_a_new_nested_source_is_taken_from_it(make_package):
    package = make_package()
    claim = dict(row("new-source-and-claimant"), source_id=None, claimant_id=None)
    assert recording.add_claims(package, [claim]).claim_ids == ["test-bulletin-01"]


def test_a_claim_whose_source_id_and_nested_source_disagree_is_refused(make_package):
    package = make_package()
    before = snapshot(package)
    # Said on May 15, before either source was published: valid with either source.
    claim = dict(row("new-source-and-claimant"), source_id="test-article", said_on="2013-05-15")
    with pytest.raises(recording.RecordingError, match="test-bulletin"):
        recording.add_claims(package, [claim])
    assert snapshot(package) == before


REFUSED = {
    "invalid-qualifier": [(CLAIMS, 6, "qualifier", "roughly", "enum")],
    "bounds-order": [(CLAIMS, 6, "high", "10", "bounds-order")],
    "unknown-measure": [(CLAIMS, 6, "measure_id", "test-widget", "foreign-key")],
    "duplicate-claim": [(CLAIMS, 6, "claim_id", "test-article-01", "duplicate-claim")],
}


@pytest.mark.parametrize("case", REFUSED)
def test_an_invalid_claim_is_refused_with_its_problems_and_nothing_is_written(make_package, case):
    package = make_package()
    before = snapshot(package)
    with pytest.raises(recording.RecordingError, match="nothing was written") as refused:
        recording.add_claims(package, [row(case)])
    assert located(refused.value) == REFUSED[case]
    assert snapshot(package) == before


def test_the_same_claim_twice_in_one_add_is_refused(make_package):
    package = make_package()
    before = snapshot(package)
    claim = row("new-claim")
    with pytest.raises(recording.RecordingError) as refused:
        recording.add_claims(package, [claim, dict(claim)])
    assert located(refused.value) == [(CLAIMS, 7, "claim_id", "test-article-02", "duplicate-claim")]
    assert snapshot(package) == before


def test_a_nested_source_that_exists_with_other_values_is_refused_naming_file_and_column(make_package):
    package = make_package()
    before = snapshot(package)
    with pytest.raises(recording.RecordingError) as refused:
        recording.add_claims(package, [row("source-conflict")])
    message = str(refused.value)
    assert "source_id 'test-article' already exists in data/sources.csv" in message
    assert "other values in publisher" in message
    assert snapshot(package) == before


@pytest.mark.parametrize(
    "claim, message",
    [
        ({"measure_id": "test-widgets", "colour": "blue"}, "colour is not a column of data/claims.csv"),
        ({"measure_id": True}, "measure_id: true/false is not a value any column takes"),
        ({"value": 14.5}, "value: 14.5 is not a whole number"),
        ({"value": [14]}, "value: a list is not a value any column takes"),
        ({"source": "test-article"}, "source must be an object with the columns of sources"),
        ({"claimant": {"name": "nobody"}}, "claimant: a new row needs its claimant_id"),
    ],
)
def test_a_claim_that_is_not_a_row_of_cells_is_refused_before_validation(make_package, claim, message):
    package = make_package()
    before = snapshot(package)
    with pytest.raises(recording.RecordingError, match=message) as refused:
        recording.add_claims(package, [claim])
    assert refused.value.problems == []
    assert snapshot(package) == before


def test_no_claim_at_all_is_refused(make_package):
    with pytest.raises(recording.RecordingError, match="there is no claim to add"):
        recording.add_claims(make_package(), [])


def test_a_whole_number_given_as_a_float_is_written_as_digits(make_package):
    package = make_package()
    recording.add_claims(package, [dict(row("new-claim"), value=14.0)])
    assert ",about 14 widgets,,about,,14,," in (package / CLAIMS).read_text()


def test_an_add_interrupted_while_replacing_the_file_leaves_it_as_it_was(make_package, monkeypatch):
    package = make_package()
    before = snapshot(package)

    def crash(source, destination):
        raise OSError(28, "No space left on device", str(destination))

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(storage.WriteError, match="No space left on device; nothing was written"):
        recording.add_claims(package, [row("new-claim")])
    assert snapshot(package) == before
    assert list(package.rglob("*.tmp")) == []


def test_an_add_interrupted_between_two_files_is_finished_as_one_change(make_package, monkeypatch):
    # Sources are moved into place before claims: a failure between them leaves a source
    # nothing points to yet, never a claim pointing at nothing; and the next command
    # finishes the change.
    package = make_package()
    real_replace = os.replace

    def crash_on_claims(source, destination):
        if str(destination).endswith("claims.csv"):
            raise OSError(5, "Input/output error", str(destination))
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", crash_on_claims)
    claims_before = (package / CLAIMS).read_bytes()
    with pytest.raises(storage.WriteError, match="only data/sources.csv, data/claimants.csv was moved into place"):
        recording.add_claims(package, [row("new-source-and-claimant")])
    monkeypatch.undo()
    assert (package / CLAIMS).read_bytes() == claims_before
    report = validate(package)  # the next command finishes the change first
    assert report.ok
    after = (package / CLAIMS).read_bytes()
    assert after.startswith(claims_before) and after.count(b"\n") == claims_before.count(b"\n") + 1
    assert list(package.rglob("*.tmp")) == []


# --- add_rows and add_measures: sources, claimants, measures ------------------------------------

MEASURE = {
    "label": "Deaths in the made-up spring floods",
    "topic": "flood toll",
    "kind": "count",
    "unit": "people",
    "scope": "deaths in the made-up river valley floods of May",
    "sentence": "{figure} people had died in the floods",
}


@pytest.mark.parametrize(
    "text, words",
    [
        ("The Daily Ledger", "the-daily-ledger"),
        ("Made-up Flood Office (MFO)", "mfo"),
        ("The Daily Ledger (dailyledger.example)", "dailyledger-example"),
        ("The Daily Ledger (London)", "the-daily-ledger-london"),  # a place, not a short form
        ("Zoë Müller & Søren Łukasz", "zoe-muller-soren-lukasz"),
        ("Дневник", ""),
    ],
)
def test_slug_gives_an_ids_words(text, words):
    assert recording.slug(text) == words


def test_made_ids_fit_the_keys_length_and_never_take_one_already_taken(make_package):
    from claimtrack.model.package import read_package

    package = read_package(make_package())
    sources, claimants = package.resource("sources"), package.resource("claimants")
    row = {"publisher": "The Daily Ledger", "published_on": "2024-05-02"}
    assert recording.made_id(sources, row, set()) == "the-daily-ledger-2024-05-02"
    assert recording.made_id(sources, row, {"the-daily-ledger-2024-05-02"}) == "the-daily-ledger-2024-05-02-2"
    assert recording.made_id(sources, {"publisher": "The Daily Ledger"}, set()) == "the-daily-ledger"
    long = {"publisher": "The Very Long Name of a Made-up Regional Newspaper of Record and Its Weekend Edition"}
    made = recording.made_id(sources, dict(long, published_on="2024-05-02"), set())
    assert made == "the-very-long-name-of-a-made-up-regional-newspaper-of-2024-05-02" and len(made) <= 64
    assert recording.made_id(claimants, {"name": "Дневник"}, {"claimant"}) == "claimant-2"


def test_add_rows_appends_the_rows_and_reports_their_ids(make_package):
    package = make_package()
    change = recording.add_rows(package, "claimants", [{"name": "Dana Example", "kind": "person"}])
    assert change.ids == ["dana-example"] and change.added == {"data/claimants.csv": 1}
    assert validate(package).ok


def test_a_row_that_is_not_an_object_is_refused(make_package):
    with pytest.raises(recording.RecordingError, match="claimant 2 must be an object"):
        recording.add_rows(make_package(), "claimants", [{"name": "Dana Example", "kind": "person"}, "Dana"])


def test_a_new_topic_goes_into_a_descriptor_that_has_no_topics_list_before_its_resources(make_package):
    import json

    package = make_package()
    path = package / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor.pop("topics")
    path.write_text(json.dumps(descriptor, indent=2) + "\n", encoding="utf-8")
    for name in ("measures", "claims"):  # no measure, so that no topic is needed yet
        table = package / "data" / f"{name}.csv"
        table.write_text(table.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    assert validate(package).ok
    change = recording.add_measures(package, [MEASURE], new_topic=True, topic_title="Made-up floods")
    assert change.declared == ["flood toll"]
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    keys = list(descriptor)
    assert keys.index("topics") == keys.index("resources") - 1
    assert descriptor["topics"] == [{"name": "flood toll", "title": "Made-up floods"}]


def test_a_topic_title_for_several_new_topics_is_refused(make_package):
    package = make_package()
    before = snapshot(package)
    rows = [MEASURE, dict(MEASURE, label="Homes lost in the made-up floods", topic="flood damage")]
    with pytest.raises(recording.RecordingError, match="a topic title is for one new topic, and these measures name 2"):
        recording.add_measures(package, rows, new_topic=True, topic_title="Floods")
    assert snapshot(package) == before


def test_a_new_topic_interrupted_before_the_measure_is_written_is_finished_as_one_change(make_package, monkeypatch):
    # The descriptor is moved into place first: a failure before the measures leaves a
    # topic with no measure yet, never a measure whose topic is not declared; and the
    # next command finishes the change.
    package = make_package()
    measures = (package / "data/measures.csv").read_bytes()
    real_replace = os.replace

    def crash_on_measures(source, destination):
        if str(destination).endswith("measures.csv"):
            raise OSError(5, "Input/output error", str(destination))
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", crash_on_measures)
    with pytest.raises(storage.WriteError, match="only datapackage.json was moved into place"):
        recording.add_measures(package, [MEASURE], new_topic=True)
    monkeypatch.undo()
    assert (package / "data/measures.csv").read_bytes() == measures
    assert validate(package).ok
    assert "Deaths in the made-up spring floods" in (package / "data/measures.csv").read_text()


# --- set_status ---------------------------------------------------------------------------


def test_set_status_reports_what_the_claim_was_before(make_package):
    package = make_package()
    change = correcting.set_status(package, "test-widgets-02", "retracted", note="Made up: withdrawn.")
    assert change.claim_ids == ["test-widgets-02"]
    assert change.before == {"status": "reported", "settled_by": "", "status_note": ""}
    assert ",retracted,,Made up: withdrawn.," in (package / CLAIMS).read_text()


def test_set_status_keeps_the_settling_claim_when_no_new_one_is_named(make_package):
    # test-widgets-01 is confirmed by test-widgets-02; superseded needs a settling claim, and it has one.
    package = make_package()
    correcting.set_status(package, "test-widgets-01", "superseded")
    assert ",superseded,test-widgets-02,The count on Thursday fell within the range.," in (package / CLAIMS).read_text()


def test_set_status_rewrites_a_claim_whose_quote_spans_several_lines(make_package):
    package = make_package()
    path = package / CLAIMS
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "On Thursday the test speaker counted exactly 15 widgets made in May.",
        '"On Thursday the test speaker counted\nexactly 15 widgets made in May."',
    )
    path.write_text(text, encoding="utf-8", newline="")
    before = path.read_bytes()
    correcting.set_status(package, "test-widgets-02", "tentative")
    after = path.read_bytes()
    assert after == before.replace(b',reported,,,"On Thursday', b',tentative,,,"On Thursday')
    assert validate(package).ok
