"""`claimtrack source add`, `claimant add` and `measure add`: the rows claims point to, from flags, a JSON file or prompts, checked before a byte is written.

Every row here is made up. The base package has two sources (lines 2 and 3), four
claimants (lines 2 to 5) and three measures (lines 2 to 4), and declares the story's
four topics. A problem on an added row names the option (or the file and key) that
gave the value, not a line the row does not have yet.
"""

from __future__ import annotations

import difflib
import json

import pytest

from claimtrack.model.package import read_package
from claimtrack.validation.keys import adding_verb
from conftest import REPO, run_claimtrack, snapshot

SOURCES, CLAIMANTS, MEASURES, CLAIMS = "data/sources.csv", "data/claimants.csv", "data/measures.csv", "data/claims.csv"
DESCRIPTOR = "datapackage.json"

SOURCE = {
    "publisher": "The Daily Ledger",
    "title": "Made-up flood toll rises",
    "url": "https://example.org/claimtrack/daily-ledger-flood",
    "published_on": "2024-05-02",
    "kind": "news report",
    "language": "en",
    "note": "Made up: exists only in claimtrack's tests.",
}
SOURCE_LINE = (
    "the-daily-ledger-2024-05-02,The Daily Ledger,,Made-up flood toll rises,"
    "https://example.org/claimtrack/daily-ledger-flood,2024-05-02,news report,en,,,,"
    "Made up: exists only in claimtrack's tests.\n"
)
MEASURE = {
    "label": "Deaths in the made-up spring floods",
    "topic": "flood toll",
    "kind": "count",
    "unit": "people",
    "scope": "deaths in the made-up river valley floods of May, all causes",
    "sentence": "{figure} people had died in the floods",
}
MEASURE_LINE = (
    "deaths-in-the-made-up-spring-floods,Deaths in the made-up spring floods,flood toll,count,people,"
    '"deaths in the made-up river valley floods of May, all causes",,,{figure} people had died in the floods,\n'
)
REFUSED = "Error: the change was refused: the package would not be valid; nothing was written"


def flags(row: dict) -> list[str]:
    """A row's columns as the options a verb takes: --published-on 2024-05-02."""
    return [part for name, value in row.items() for part in (f"--{name.replace('_', '-')}", value)]


SOURCE_FLAGS, MEASURE_FLAGS = flags(SOURCE), flags(MEASURE)


def added(package, path: str, before: bytes) -> bytes:
    """What a command appended to ``path``: the old bytes must be a prefix of the new."""
    after = (package / path).read_bytes()
    assert after.startswith(before), f"{path} was changed, not appended to"
    return after[len(before) :]


# --- source add ----------------------------------------------------------------------------------


def test_source_add_from_flags_appends_one_line_and_says_what_comes_next(make_package):
    package = make_package()
    before = (package / SOURCES).read_bytes()
    result = run_claimtrack("source", "add", *SOURCE_FLAGS, cwd=package)
    assert result.returncode == 0, result.stderr
    assert added(package, SOURCES, before) == SOURCE_LINE.encode()
    assert result.stdout.splitlines() == [
        f"Added the-daily-ledger-2024-05-02 to {SOURCES}.",
        "Next:",
        "  claimtrack archive the-daily-ledger-2024-05-02 FILE_OR_URL   archive its text, to check quotes against",
        "  claimtrack add --source-id the-daily-ledger-2024-05-02 ...   record a claim read in it",
    ]
    assert run_claimtrack("validate", cwd=package).returncode == 0


def test_source_add_from_a_json_file_holding_one_object(make_package, tmp_path):
    package = make_package()
    before = (package / SOURCES).read_bytes()
    row = tmp_path / "source.json"
    row.write_text(json.dumps(SOURCE), encoding="utf-8")
    result = run_claimtrack("source", "add", "--file", row, cwd=package)
    assert result.returncode == 0, result.stderr
    assert added(package, SOURCES, before) == SOURCE_LINE.encode()


def test_source_add_from_an_array_gives_each_its_own_id(make_package, tmp_path):
    package = make_package()
    before = (package / SOURCES).read_bytes()
    rows = tmp_path / "sources.json"
    second = dict(SOURCE, url="https://example.org/claimtrack/daily-ledger-flood-update", title="Update")
    rows.write_text(json.dumps([SOURCE, second]), encoding="utf-8")
    result = run_claimtrack("source", "add", "--file", rows, cwd=package)
    assert result.returncode == 0, result.stderr
    ids = ["the-daily-ledger-2024-05-02", "the-daily-ledger-2024-05-02-2"]
    assert result.stdout.splitlines()[0] == f"Added {', '.join(ids)} to {SOURCES}."
    assert [line.split(b",")[0].decode() for line in added(package, SOURCES, before).splitlines()] == ids
    # Two ids were made: the next step names the column, not one of them.
    assert "  claimtrack add --source-id SOURCE_ID ..." in result.stdout


def test_source_add_from_standard_input(make_package):
    package = make_package()
    before = (package / SOURCES).read_bytes()
    result = run_claimtrack("source", "add", "--file", "-", cwd=package, input=json.dumps([SOURCE]))
    assert result.returncode == 0, result.stderr
    assert added(package, SOURCES, before) == SOURCE_LINE.encode()


def test_a_made_id_never_takes_one_already_in_the_file(make_package):
    package = make_package()
    assert run_claimtrack("source", "add", *SOURCE_FLAGS, cwd=package).returncode == 0
    other = dict(SOURCE, url="https://example.org/claimtrack/daily-ledger-other")
    result = run_claimtrack("source", "add", *flags(other), cwd=package)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"Added the-daily-ledger-2024-05-02-2 to {SOURCES}."


def test_a_given_id_is_kept(make_package):
    package = make_package()
    result = run_claimtrack("source", "add", "--source-id", "ledger-flood", *SOURCE_FLAGS, cwd=package)
    assert result.returncode == 0, result.stderr
    assert (
        (package / SOURCES)
        .read_text()
        .endswith("\nledger-flood,The Daily Ledger,,Made-up flood toll rises," + SOURCE_LINE.split(",", 4)[4])
    )


# Answers in the order `source add --prompt` asks: the columns of sources.csv.
SOURCE_ANSWERS = [
    ("source_id", ""),  # empty: made from the publisher and the date
    ("publisher", "The Daily Ledger"),
    ("publisher_article", ""),
    ("title", "Made-up flood toll rises"),
    ("url", "https://example.org/claimtrack/daily-ledger-flood"),
    ("published_on", "2024-05-02"),
    ("kind", "news report"),
    ("language", "en"),
    ("archive_file", ""),
    ("archive_sha256", ""),
    ("accessed_on", ""),
    ("note", "Made up: exists only in claimtrack's tests."),
]


def test_source_add_by_prompts_asks_each_column(make_package):
    package = make_package()
    before = (package / SOURCES).read_bytes()
    answers = "".join(answer + "\n" for _, answer in SOURCE_ANSWERS)
    result = run_claimtrack("source", "add", "--prompt", cwd=package, input=answers)
    assert result.returncode == 0, result.stderr
    assert "source_id (optional: made from publisher and published_on when empty)" in result.stderr
    assert "kind (one of: news report, wire report, press release," in result.stderr
    assert added(package, SOURCES, before) == SOURCE_LINE.encode()


def test_a_required_column_left_empty_at_the_prompt_is_asked_again(make_package):
    package = make_package()
    answers = [answer for _, answer in SOURCE_ANSWERS]
    answers.insert(1, "")  # the publisher left empty: asked again, then answered
    result = run_claimtrack("source", "add", "--prompt", cwd=package, input="".join(a + "\n" for a in answers))
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("publisher is required") == 1


# --- refusals ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad, problem",
    [
        (
            {"published_on": "2024-05-32"},
            "--published-on, value \"2024-05-32\": '2024-05-32' is not a date written YYYY-MM-DD, YYYY-MM or YYYY",
        ),
        ({"kind": "newspaper"}, '--kind, value "newspaper": '),
        ({"url": "example.org/flood"}, '--url, value "example.org/flood": '),
        ({"source_id": "test-article"}, '--source-id, value "test-article": '),
    ],
    ids=["date", "kind", "url", "id-taken"],
)
def test_a_bad_value_is_refused_naming_the_option_and_value_and_no_file_changes(make_package, bad, problem):
    package = make_package()
    before = snapshot(package)
    result = run_claimtrack("source", "add", *flags(SOURCE | bad), cwd=package)
    assert result.returncode == 1
    assert result.stdout == ""
    first, *rest = result.stderr.splitlines()
    assert first.startswith(problem), first
    assert rest == [REFUSED]
    assert snapshot(package) == before
    assert list(package.rglob("*.tmp")) == []


def test_the_same_source_twice_is_refused_naming_the_row_already_there(make_package):
    package = make_package()
    assert run_claimtrack("source", "add", *SOURCE_FLAGS, cwd=package).returncode == 0
    before = snapshot(package)
    result = run_claimtrack("source", "add", *SOURCE_FLAGS, cwd=package)
    assert result.returncode == 1
    assert result.stderr == (
        "Error: the source is already recorded as 'the-daily-ledger-2024-05-02' in data/sources.csv, line 4: "
        "every column but the id is the same; use 'the-daily-ledger-2024-05-02', or give the new source what "
        "tells it apart\n"
    )
    assert snapshot(package) == before


@pytest.mark.parametrize(
    "args, input, message",
    [
        (
            ["source", "add"],
            None,
            "Error: no source given: use column options (see --help), --file ROW.json, or --prompt\n",
        ),
        (
            ["claimant", "add", "--file", "-", "--name", "Dana Example"],
            "{}",
            "Error: give the claimant either with --file or with column options, not both\n",
        ),
        (
            ["measure", "add", "--file", "-"],
            '{"label": ',
            "Error: standard input is not valid JSON: Expecting value at line 1, column 11\n",
        ),
        (["source", "add", "--file", "-"], "[]", "Error: there is no source to add\n"),
        (
            ["source", "add", "--file", "-"],
            '{"colour": "blue"}',
            "Error: the source: colour is not a column of data/sources.csv; its columns are ",
        ),
        (
            ["measure", "add", "--topic-title", "Floods", *MEASURE_FLAGS],
            None,
            "Error: --topic-title titles a new topic: give --new-topic with it\n",
        ),
    ],
    ids=["nothing-given", "file-and-flags", "not-json", "empty-array", "unknown-column", "title-without-new-topic"],
)
def test_a_verb_without_a_usable_row_exits_1_with_one_clear_line(make_package, args, input, message):
    package = make_package()
    before = snapshot(package)
    result = run_claimtrack(*args, cwd=package, input=input)
    assert result.returncode == 1
    assert result.stderr.startswith(message)
    assert len(result.stderr.splitlines()) == 1
    assert snapshot(package) == before


# --- claimant add --------------------------------------------------------------------------------


def test_claimant_add_makes_its_id_from_the_name_or_the_short_form_in_brackets(make_package):
    package = make_package()
    before = (package / CLAIMANTS).read_bytes()
    result = run_claimtrack(
        "claimant", "add", "--name", "Made-up Flood Office (MFO)", "--kind", "government body", cwd=package
    )
    assert result.returncode == 0, result.stderr
    result = run_claimtrack("claimant", "add", "--name", "Dana Example", "--kind", "person", cwd=package)
    assert result.returncode == 0, result.stderr
    assert added(package, CLAIMANTS, before) == (
        b"mfo,Made-up Flood Office (MFO),,,government body,,,,,\ndana-example,Dana Example,,,person,,,,,\n"
    )
    assert result.stdout.splitlines() == [
        f"Added dana-example to {CLAIMANTS}.",
        "Next:",
        "  claimtrack add --claimant-id dana-example ...   record a claim they made",
        "  claimtrack add --via-id dana-example ...        or one they passed on",
    ]


def test_claimant_add_by_prompts(make_package):
    package = make_package()
    before = (package / CLAIMANTS).read_bytes()
    answers = [
        "",
        "Dana Example",
        "",  # article: by kind
        "",
        "person",
        "spokeswoman",
        "",
        "",
        "",
        "Made up: exists only in claimtrack's tests.",
    ]
    result = run_claimtrack("claimant", "add", "--prompt", cwd=package, input="".join(a + "\n" for a in answers))
    assert result.returncode == 0, result.stderr
    assert "Record a claimant. Press Enter to leave an optional column empty." in result.stderr
    assert added(package, CLAIMANTS, before) == (
        b"dana-example,Dana Example,,,person,spokeswoman,,,,Made up: exists only in claimtrack's tests.\n"
    )


def test_claimant_add_refuses_a_kind_outside_its_vocabulary(make_package):
    package = make_package()
    before = snapshot(package)
    result = run_claimtrack("claimant", "add", "--name", "Dana Example", "--kind", "spokeswoman", cwd=package)
    assert result.returncode == 1
    assert result.stderr.startswith('--kind, value "spokeswoman": ')
    assert snapshot(package) == before


# --- measure add and topics ----------------------------------------------------------------------


def test_measure_add_with_a_declared_topic_leaves_the_descriptor_alone(make_package):
    package = make_package()
    descriptor, before = (package / DESCRIPTOR).read_bytes(), (package / MEASURES).read_bytes()
    result = run_claimtrack("measure", "add", *flags(dict(MEASURE, topic="context")), cwd=package)
    assert result.returncode == 0, result.stderr
    assert added(package, MEASURES, before) == MEASURE_LINE.replace(",flood toll,", ",context,").encode()
    assert (package / DESCRIPTOR).read_bytes() == descriptor
    assert result.stdout.splitlines()[-1] == (
        "  claimtrack add --measure-id deaths-in-the-made-up-spring-floods ...   record a figure of it"
    )


def test_an_undeclared_topic_is_refused_with_the_declared_ones_and_the_flag_to_declare_it(make_package):
    package = make_package()
    before = snapshot(package)
    result = run_claimtrack("measure", "add", *MEASURE_FLAGS, cwd=package)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "--topic, value \"flood toll\": 'flood toll' is not one of the package's "
        "topics (death toll, foreign fighters, conference date, context): declare it under topics in "
        "datapackage.json, or add the measure with claimtrack measure add --new-topic [topic-declared]",
        REFUSED,
    ]
    assert snapshot(package) == before


def test_new_topic_declares_the_topic_and_adds_the_measure_in_one_change(real_package):
    package = real_package
    descriptor, before = (package / DESCRIPTOR).read_text(encoding="utf-8"), (package / MEASURES).read_bytes()
    result = run_claimtrack(
        "measure", "add", *MEASURE_FLAGS, "--new-topic", "--topic-title", "The made-up flood's toll", cwd=package
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [
        f"Declared the topic 'flood toll' in {DESCRIPTOR}.",
        f"Added deaths-in-the-made-up-spring-floods to {MEASURES}.",
    ]
    assert added(package, MEASURES, before) == MEASURE_LINE.encode()
    # The descriptor as it was laid out, the topic added at the end of its list.
    expected = json.loads(descriptor)
    expected["topics"].append({"name": "flood toll", "title": "The made-up flood's toll"})
    after = (package / DESCRIPTOR).read_text(encoding="utf-8")
    assert after == json.dumps(expected, indent=2, ensure_ascii=False) + "\n"
    changed = [
        line for line in difflib.ndiff(descriptor.splitlines(), after.splitlines()) if line.startswith(("+ ", "- "))
    ]
    assert changed == [
        "+     },",
        "+     {",
        '+       "name": "flood toll",',
        '+       "title": "The made-up flood\'s toll"',
    ]
    assert run_claimtrack("validate", cwd=package).returncode == 0


def test_a_refused_measure_with_new_topic_writes_neither_file(make_package):
    package = make_package()
    before = snapshot(package)
    result = run_claimtrack("measure", "add", *flags(dict(MEASURE, kind="tally")), "--new-topic", cwd=package)
    assert result.returncode == 1
    first, *rest = result.stderr.splitlines()
    assert first.startswith('--kind, value "tally": ')
    assert rest == [REFUSED]
    assert snapshot(package) == before


def test_new_topic_with_a_topic_already_declared_declares_nothing_twice(make_package):
    package = make_package()
    descriptor = (package / DESCRIPTOR).read_bytes()
    given = flags(dict(MEASURE, topic="context"))
    result = run_claimtrack("measure", "add", *given, "--new-topic", "--topic-title", "Other things", cwd=package)
    assert result.returncode == 0, result.stderr
    assert (package / DESCRIPTOR).read_bytes() == descriptor
    assert "The topic is declared already: its title in datapackage.json is left as it is." in result.stderr
    assert not result.stdout.startswith("Declared")


def test_new_topic_from_a_file_declares_each_new_topic_once(make_package, tmp_path):
    package = make_package()
    second = dict(MEASURE, label="Homes lost in the made-up spring floods", unit="homes")
    second["sentence"] = "{figure} homes had been lost in the floods"
    rows = tmp_path / "measures.json"
    rows.write_text(json.dumps([MEASURE, second]), encoding="utf-8")
    result = run_claimtrack("measure", "add", "--file", rows, "--new-topic", cwd=package)
    assert result.returncode == 0, result.stderr
    topics = read_package(package).topics
    assert [t.name for t in topics].count("flood toll") == 1
    assert topics[-1].title == ""
    assert result.stdout.splitlines()[1] == (
        f"Added deaths-in-the-made-up-spring-floods, homes-lost-in-the-made-up-spring-floods to {MEASURES}."
    )


def test_measure_add_by_prompts_lists_the_topics_and_asks_a_new_topics_title(make_package):
    package = make_package()
    # The columns of measures.csv in order, the id left to be made, then the new topic's title.
    answers = ["", *(MEASURE.get(name, "") for name in read_package(package).resource("measures").field_names[1:])]
    answers.append("The made-up flood's toll")
    result = run_claimtrack(
        "measure", "add", "--prompt", "--new-topic", cwd=package, input="".join(a + "\n" for a in answers)
    )
    assert result.returncode == 0, result.stderr
    assert "topic (one of: death toll, foreign fighters, conference date, context; or a new one)" in result.stderr
    assert "title of the new topic 'flood toll' (optional)" in result.stderr
    assert read_package(package).topic("flood toll").title == "The made-up flood's toll"
    assert (package / MEASURES).read_text().endswith(MEASURE_LINE)


# --- add names the verb that makes what a claim points to -----------------------------------------

CLAIM_FLAGS = [
    "--measure-id", "test-widgets",
    "--claimant-id", "test-speaker",
    "--source-id", "the-daily-ledger-2024-05-02",
    "--figure-text", "about 14 widgets",
    "--qualifier", "about",
    "--value", "14",
    "--said-on", "2013-05-16",
    "--said-on-basis", "stated",
    "--quote", "Made up: about 14 widgets.",
]  # fmt: skip


def test_add_with_a_source_not_yet_recorded_names_the_verb_that_records_it(make_package):
    package = make_package()
    before = snapshot(package)
    result = run_claimtrack("add", *CLAIM_FLAGS, cwd=package)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        '--source-id, value "the-daily-ledger-2024-05-02": '
        "'the-daily-ledger-2024-05-02' is not a source_id in data/sources.csv: add the source first with "
        "`claimtrack source add` [foreign-key]",
        REFUSED,
    ]
    assert snapshot(package) == before
    # Recorded first, the same claim goes in.
    assert run_claimtrack("source", "add", *SOURCE_FLAGS, cwd=package).returncode == 0
    assert run_claimtrack("add", *CLAIM_FLAGS, cwd=package).returncode == 0


def test_an_appearance_in_a_source_not_yet_recorded_names_the_verb_too(make_package):
    package = make_package()
    appearance = {
        "claim_id": "test-widgets-02",
        "appearances": [{"source_id": "the-daily-ledger-2024-05-02", "quote": "Made up: exactly 15 widgets."}],
    }
    result = run_claimtrack("add", "--file", "-", cwd=package, input=json.dumps(appearance))
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        'standard input, key appearances[1].source_id, value "the-daily-ledger-2024-05-02": '
        "'the-daily-ledger-2024-05-02' is not a source_id in data/sources.csv: add the source first with "
        "`claimtrack source add` [foreign-key]"
    )


def _foreign_keys():
    package = read_package(REPO)
    return [
        (r.name, key.fields[0], package.resource(key.resource)) for r in package.resources for key in r.foreign_keys
    ]


@pytest.mark.parametrize("table, column, target", _foreign_keys(), ids=lambda v: getattr(v, "name", v))
def test_every_verb_a_missing_key_names_is_a_command(table, column, target):
    verb = adding_verb(target).split()[1:]
    result = run_claimtrack(*verb, "--help", cwd=REPO)
    assert result.returncode == 0, f"{table}.{column} names `{adding_verb(target)}`, which is no command"
    assert "Record a new" in result.stdout


@pytest.mark.parametrize("noun", ["source", "claimant", "measure"])
def test_each_verb_has_one_option_per_column_of_its_table(noun):
    result = run_claimtrack(noun, "add", "--help", cwd=REPO)
    for spec in read_package(REPO).resource(noun + "s").fields:
        flag = f"--{spec['name'].replace('_', '-')} TEXT"
        assert flag in result.stdout
        first_words = " ".join(spec["description"].split()[:3])
        assert first_words in " ".join(result.stdout.split())


def test_a_required_column_with_a_vocabulary_is_asked_again_with_its_words(make_package):
    package = make_package()
    answers = [answer for _, answer in SOURCE_ANSWERS]
    kind = [column for column, _ in SOURCE_ANSWERS].index("kind")
    answers.insert(kind, "")  # the kind left empty: asked again with the words it takes
    result = run_claimtrack("source", "add", "--prompt", cwd=package, input="".join(a + "\n" for a in answers))
    assert result.returncode == 0, result.stderr
    assert "kind is required (one of: news report, wire report, press release," in result.stderr
