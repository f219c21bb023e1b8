"""`claimtrack extract`: drafts from an article for review, and accepting them.

The made-up article in tests/fixtures/extract/ names the base package's test
speaker, its test-widgets measure and Interfax, and one speaker the package does
not know. Published on Thursday, May 16, 2013, it gives five drafts, two of them set
aside as the day a statement was made:

    d01 "on Monday"      set aside: the day of the statement, no measure in the base package
    d02 "at least 12"    the test speaker, said on Monday, May 13
    d03 "on Wednesday"   set aside: the day of the statement, no measure in the base package
    d04 "as many as 30"  the test speaker, told Interfax on Wednesday, May 15
    d05 "about 40"       Ursula Nobody, whom the package does not know

A second made-up article, a flood, comes with a package of its own built in the test,
to prove that extract learns a story's words from its package: its speakers matched by
aliases, its measures guessed by keywords.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil

import pytest

from claimtrack.extracting import squeeze
from claimtrack.model.package import read_package
from conftest import ARTICLE, FIXTURES, REPO, TEST_ARCHIVE, build_package, run_claimtrack, snapshot

EXTRACT = FIXTURES / "extract"
MADE_UP = EXTRACT / "made-up-widget-article.txt"
CLAIMS = "data/claims.csv"
PUBLISHED = ["--published", "2013-05-16"]
FIELDS = [
    "id", "text", "qualifier", "value", "low", "high", "date_from", "date_to", "said_on", "said_on_text",
    "said_on_basis", "quote", "quote_folded", "start", "end", "claimant", "measure", "told", "hedge", "appearances",
    "set_aside", "flag", "doubt",
]  # fmt: skip
DATES_THE_STATEMENT = "the day the statement was made, not a figure of its own"
HEADER = ["draft", "figure", "as", "written", "qualifier", "figure", "said", "on", "speaker", "measure"]


def rows_json(*args, cwd) -> list[dict]:
    """What extract --format json prints: claims as add takes them, each with its draft."""
    result = run_claimtrack("extract", *args, "--format", "json", cwd=cwd)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def drafts_json(*args, cwd) -> list[dict]:
    """What extract found for each draft."""
    return [row["draft"] for row in rows_json(*args, cwd=cwd)]


def added_rows(package, before: bytes) -> list[dict[str, str]]:
    """The claims an accept appended: the old bytes must be a prefix of the new."""
    after = (package / CLAIMS).read_bytes()
    assert after.startswith(before), f"{CLAIMS} was changed, not appended to"
    header = before.decode("utf-8-sig").splitlines()[0]
    return list(csv.DictReader(io.StringIO(header + "\n" + after[len(before) :].decode("utf-8"))))


# --- Drafting --------------------------------------------------------------------------------


def test_extract_prints_a_table_of_drafts_and_says_nothing_was_written(make_package):
    package = make_package()
    before = snapshot(package)
    result = run_claimtrack("extract", MADE_UP, *PUBLISHED, cwd=package)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == HEADER
    assert set(lines[1]) <= {"-", " "}
    assert [line.split()[0] for line in lines[2:5]] == ["d02", "d04", "d05"]
    assert squeeze(lines[2]) == "d02 at least 12 at least 12 2013-05-13 A test speaker test-widgets"
    assert squeeze(lines[3]) == "d04 as many as 30 as high as 30 2013-05-15 The test speaker test-widgets"
    assert squeeze(lines[4]) == "d05 about 40 about 40 not stated Ursula Nobody test-widgets"
    assert (
        result.stderr == f"5 draft(s) from {MADE_UP}, 2 of them set aside; nothing written (--accept records them).\n"
    )
    assert snapshot(package) == before


def test_extract_lists_the_drafts_set_aside_below_the_others_with_the_reason(make_package):
    result = run_claimtrack("extract", MADE_UP, *PUBLISHED, cwd=make_package())
    lines = result.stdout.splitlines()
    below = lines.index("Set aside as most likely no claim (--accept takes one by its id):")
    assert below == 6 and lines[5] == ""
    assert lines[below + 1].split() == ["draft", "figure", "as", "written", "set", "aside", "as"]
    assert [squeeze(line) for line in lines[below + 3 :]] == [
        f"d01 on Monday {DATES_THE_STATEMENT}",
        f"d03 on Wednesday {DATES_THE_STATEMENT}",
    ]


def test_extract_format_json_gives_claims_as_add_takes_them_with_what_each_draft_found(make_package):
    package = make_package()
    rows = rows_json(MADE_UP, *PUBLISHED, "--source-id", "test-article", cwd=package)
    columns = [spec["name"] for spec in read_package(package).resource("claims").fields]
    for row in rows:
        assert set(row) - {"draft"} <= set(columns)
    assert [row["draft"]["id"] for row in rows] == ["d02", "d04", "d05"]  # the drafts set aside are left out
    assert rows[1]["figure_text"] == "as many as 30" and rows[1]["high"] == 30
    assert rows[1]["claimant_id"] == "test-speaker" and rows[1]["source_id"] == "test-article"


def test_extract_format_json_all_gives_the_drafts_set_aside_after_the_others_with_the_reason(make_package):
    rows = rows_json(MADE_UP, *PUBLISHED, "--all", cwd=make_package())
    assert [row["draft"]["id"] for row in rows] == ["d02", "d04", "d05", "d01", "d03"]
    assert [row["draft"]["set_aside"] for row in rows] == [None, None, None, DATES_THE_STATEMENT, DATES_THE_STATEMENT]


def test_extract_format_json_quotes_the_sentence_folded_as_claims_csv_holds_it(make_package, tmp_path):
    path = tmp_path / "wrapped.txt"
    path.write_text("The test speaker said at least\n12 widgets   were made.\n", encoding="utf-8")
    [row] = rows_json(path, *PUBLISHED, cwd=make_package())
    assert row["quote"] == "The test speaker said at least 12 widgets were made."
    assert row["draft"]["quote"] == "The test speaker said at least\n12 widgets   were made."
    assert row["draft"]["quote_folded"] == row["quote"]
    assert row["figure_text"] == "at least 12" and row["low"] == 12


def test_drafts_from_extract_as_json_are_recorded_by_add_file(make_package, tmp_path):
    package = make_package()
    rows = rows_json(MADE_UP, *PUBLISHED, "--source-id", "test-article", cwd=package)
    chosen = [row for row in rows if row["claimant_id"] and row["measure_id"]][:1]
    assert chosen, "a draft the package can record as it stands"
    drafts = tmp_path / "drafts.json"
    drafts.write_text(json.dumps(chosen), encoding="utf-8")
    before = (package / CLAIMS).read_bytes()
    result = run_claimtrack("add", "--file", str(drafts), cwd=package)
    assert result.returncode == 0, result.stderr
    added = added_rows(package, before)
    assert [row["figure_text"] for row in added] == [chosen[0]["figure_text"]]


def test_extract_format_json_gives_an_array_of_drafts_with_every_field(make_package):
    package = make_package()
    drafts = drafts_json(MADE_UP, *PUBLISHED, "--all", cwd=package)
    assert isinstance(drafts, list)
    assert [list(draft) for draft in drafts] == [FIELDS] * 5
    assert drafts[1] == {
        "id": "d04",
        "text": "as many as 30",
        "qualifier": "as high as",
        "value": None,
        "low": None,
        "high": 30,
        "date_from": None,
        "date_to": None,
        "said_on": "2013-05-15",
        "said_on_text": "told Interfax on Wednesday",
        "said_on_basis": "inferred from weekday",
        "quote": "The test speaker told Interfax on Wednesday that as many as 30 widgets were made in May.",
        "quote_folded": "The test speaker told Interfax on Wednesday that as many as 30 widgets were made in May.",
        "start": drafts[1]["start"],
        "end": drafts[1]["end"],
        "claimant": "The test speaker",
        "measure": "test-widgets",
        "told": "Interfax",
        "hedge": None,
        "appearances": [[drafts[1]["start"], drafts[1]["end"]]],
        "set_aside": None,
        "flag": None,
        "doubt": None,
    }
    assert drafts[3]["id"] == "d01"
    assert drafts[3]["date_from"] == drafts[3]["date_to"] == "2013-05-13"
    assert drafts[3]["measure"] is None


def test_extract_json_offsets_slice_the_file_to_each_quote(make_package, corpus_dir):
    package = make_package()
    for path in (MADE_UP, corpus_dir / ARTICLE):
        text = path.read_text(encoding="utf-8")
        drafts = drafts_json(path, *PUBLISHED, "--all", cwd=package)
        assert drafts
        for draft in drafts:
            assert text[draft["start"] : draft["end"]] == draft["quote"]
            assert squeeze(draft["quote"]) == draft["quote_folded"]


def test_extract_json_of_a_file_with_no_figures_is_an_empty_array(tmp_path):
    path = tmp_path / "calm.txt"
    path.write_text("Nothing happened. Nobody said anything.\n", encoding="utf-8")
    assert drafts_json(path, *PUBLISHED, cwd=tmp_path) == []


@pytest.mark.parametrize("content", [b"", b"\n\n", b"Nothing happened.\n"], ids=["empty", "blank-lines", "no-figures"])
def test_extract_of_a_file_with_no_figures_says_so(tmp_path, content):
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    result = run_claimtrack("extract", path, *PUBLISHED, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "No figures found.\n"
    assert result.stderr.startswith("0 draft(s) from ")


def test_extract_reads_a_file_with_a_byte_order_mark_and_refuses_one_that_is_not_utf8(make_package, tmp_path):
    # A draft's quote must be the article's exact words: a byte that cannot be read
    # is not replaced by a guess (test_bad_input.py checks the message).
    text = MADE_UP.read_text(encoding="utf-8")
    with_bom = tmp_path / "bom.txt"
    with_bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    latin = tmp_path / "latin-1.txt"
    latin.write_bytes((text + "\nCaf\u00e9 owners in S\u00e3o Paulo were not asked.\n").encode("latin-1"))
    package = make_package()
    assert drafts_json(with_bom, *PUBLISHED, cwd=package) == drafts_json(MADE_UP, *PUBLISHED, cwd=package)
    refused = run_claimtrack("extract", latin, *PUBLISHED, cwd=package)
    assert refused.returncode == 1 and "is not UTF-8: byte 0xe9" in refused.stderr


def test_extract_drafts_outside_a_package_with_no_measures(tmp_path):
    drafts = drafts_json(MADE_UP, *PUBLISHED, "--all", cwd=tmp_path)
    assert [d["text"] for d in drafts] == ["at least 12", "as many as 30", "about 40", "on Monday", "on Wednesday"]
    assert {d["measure"] for d in drafts} == {None}


def test_extract_resolves_weekdays_against_the_published_option(make_package):
    drafts = drafts_json(MADE_UP, "--published", "2013-05-20", "--all", cwd=make_package())  # a Monday
    assert [(d["id"], d["said_on"]) for d in drafts[:2]] == [("d02", "2013-05-20"), ("d04", "2013-05-15")]
    assert [(d["id"], d["date_from"]) for d in drafts[3:]] == [("d01", "2013-05-20"), ("d03", "2013-05-15")]


# --- Usage errors ----------------------------------------------------------------------------


def test_a_missing_file_is_a_usage_error(make_package):
    package = make_package()
    result = run_claimtrack("extract", "no-such-article.txt", *PUBLISHED, cwd=package)
    assert result.returncode == 2
    assert "Invalid value for 'FILE'" in result.stderr
    assert "no-such-article.txt" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args, message",
    [([], "Missing option '--published'"), (["--published", "16/05/2013"], "Invalid value for '--published'"),
     (["--published", "2013-02-30"], "Invalid value for '--published'")],
    ids=["missing", "not-iso", "no-such-day"],
)  # fmt: skip
def test_a_missing_or_bad_publication_date_is_a_usage_error(make_package, args, message):
    result = run_claimtrack("extract", MADE_UP, *args, cwd=make_package())
    assert result.returncode == 2
    assert message in result.stderr


def test_a_folder_given_as_the_file_is_a_usage_error(make_package):
    result = run_claimtrack("extract", EXTRACT, *PUBLISHED, cwd=make_package())
    assert result.returncode == 2
    assert "Invalid value for 'FILE'" in result.stderr


def test_an_extreme_publication_date_is_no_traceback(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("The test speaker said yesterday that 5 widgets were made.\n", encoding="utf-8")
    result = run_claimtrack("extract", path, "--published", "0001-01-01", cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 1)


# --- Accepting drafts ------------------------------------------------------------------------


def refused(package, *options, article=MADE_UP):
    """``extract ARTICLE --published ... OPTIONS`` in ``package``, refused: status 1 and not
    a byte of the package changed. The result, for what it says."""
    before = snapshot(package)
    result = run_claimtrack("extract", article, *PUBLISHED, *options, cwd=package)
    assert result.returncode == 1
    assert snapshot(package) == before
    return result


def test_accept_without_a_source_id_exits_1_and_writes_nothing(make_package):
    result = refused(make_package(), "--accept", "d02")
    assert result.stderr == "Error: --accept needs --source-id, the article's row in sources.csv\n"
    assert result.stdout == ""


@pytest.mark.parametrize("accept, unknown", [("d99", "d99"), ("d02,d06,x", "d06, x")])
def test_accept_of_an_unknown_draft_exits_1_naming_it_and_writes_nothing(make_package, accept, unknown):
    result = refused(make_package(), "--source-id", "test-article", "--accept", accept)
    assert result.stderr == f"Error: no draft {unknown}; the drafts are d01 to d05\n"


def test_accept_with_an_unknown_source_exits_1_and_writes_nothing(make_package):
    result = refused(make_package(), "--source-id", "no-such-source", "--accept", "d02")
    assert "there is no source 'no-such-source' in data/sources.csv; add it first" in result.stderr


def test_accept_outside_a_package_exits_1(tmp_path):
    result = run_claimtrack(
        "extract", MADE_UP, *PUBLISHED, "--source-id", "test-article", "--accept", "d02", cwd=tmp_path
    )
    assert result.returncode == 1
    assert "holds no valid datapackage.json to record claims in" in result.stderr


def test_accept_of_drafts_already_in_the_package_is_refused_as_duplicates_and_changes_no_byte(make_package, corpus_dir):
    # The base package holds two claims of the real article: June 10-12 (d05) and at least 94,000 (d14).
    result = refused(
        make_package(), "--source-id", "mt-2013-05-16", "--accept", "d05,d14", article=corpus_dir / ARTICLE
    )
    assert result.stderr.count("[duplicate-claim]") == 2
    assert "this claim is already recorded as mt-2013-05-16-02" in result.stderr
    assert "this claim is already recorded as mt-2013-05-16-09" in result.stderr
    assert "nothing was written" in result.stderr
    assert result.stdout == ""


def test_accept_of_a_new_article_appends_the_claims_which_validate_and_cite(make_package):
    package = make_package()
    before = (package / CLAIMS).read_bytes()
    others = {path: digest for path, digest in snapshot(package).items() if path != CLAIMS}
    result = run_claimtrack(
        "extract", MADE_UP, *PUBLISHED, "--source-id", "test-article", "--accept", "d02, d04", cwd=package
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"Added 2 row(s) to {CLAIMS}.",
        "test-article-01: At least 12 widgets were made in May 2013, a test speaker said on May 13, 2013, "
        "according to The Test Gazette (May 16, 2013).",
        "test-article-02: As many as 30 widgets were made in May 2013, a test speaker told Interfax on May 15, 2013, "
        "according to The Test Gazette (May 16, 2013).",
    ]
    rows = added_rows(package, before)
    chosen = ("claim_id", "measure_id", "claimant_id", "via_id", "via_relation", "source_id", "figure_text",
              "qualifier", "low", "value", "high", "said_on", "said_on_basis", "said_on_text", "status", "quote")  # fmt: skip
    assert [tuple(row[c] for c in chosen) for row in rows] == [
        ("test-article-01", "test-widgets", "test-speaker", "", "", "test-article", "at least 12", "at least",
         "12", "", "", "2013-05-13", "inferred from weekday", "said on Monday", "reported",
         "A test speaker said on Monday that at least 12 widgets were made in May."),
        ("test-article-02", "test-widgets", "test-speaker", "interfax", "told", "test-article", "as many as 30",
         "as high as", "", "", "30", "2013-05-15", "inferred from weekday", "told Interfax on Wednesday", "reported",
         "The test speaker told Interfax on Wednesday that as many as 30 widgets were made in May."),
    ]  # fmt: skip
    assert {path: digest for path, digest in snapshot(package).items() if path != CLAIMS} == others
    validated = run_claimtrack("validate", cwd=package)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    for line in result.stdout.splitlines()[1:]:
        claim_id, sentence = line.split(": ", 1)
        assert run_claimtrack("cite", claim_id, cwd=package).stdout == sentence + "\n"


def test_accepted_quotes_are_found_in_the_archived_article(make_package, tmp_path):
    # The made-up article as a source of its own, with its text in an archive folder,
    # so that the accept and validate check every quote against it.
    package = make_package()
    archive = tmp_path / "archive"
    archive.mkdir()
    shutil.copy2(TEST_ARCHIVE / "test-article.txt", archive)
    shutil.copy2(MADE_UP, archive)
    digest = hashlib.sha256(MADE_UP.read_bytes()).hexdigest()
    with (package / "data" / "sources.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow(
            ["test-extract", "The Test Gazette", "", "Widget Count Rises", "https://example.org/claimtrack/test-extract",
             "2013-05-16", "news report", "en", MADE_UP.name, digest, "", "Made up: tests/fixtures/extract."]
        )  # fmt: skip
    assert run_claimtrack("validate", "--archive", archive, cwd=package).returncode == 0
    before = (package / CLAIMS).read_bytes()
    result = run_claimtrack(
        "extract", MADE_UP, *PUBLISHED, "--archive", archive, "--source-id", "test-extract", "--accept", "d02,d04",
        cwd=package,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert [row["claim_id"] for row in added_rows(package, before)] == ["test-extract-01", "test-extract-02"]
    validated = run_claimtrack("validate", "--archive", archive, cwd=package)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert "4 quotes checked against 2 archived text(s)" in validated.stdout


def test_accept_of_a_draft_whose_speaker_is_no_claimant_is_refused_naming_the_draft(make_package):
    result = refused(make_package(), "--source-id", "test-article", "--accept", "d02,d05")
    assert "d05 'about 40': no claimant in the package (the text names 'Ursula Nobody')" in result.stderr
    assert "d02" not in result.stderr


def test_accept_all_lists_every_draft_offered_that_cannot_be_accepted_and_writes_nothing(make_package):
    result = refused(make_package(), "--source-id", "test-article", "--accept", "all")
    lines = [line.strip() for line in result.stderr.splitlines()[1:]]
    assert lines == ["d05 'about 40': no claimant in the package (the text names 'Ursula Nobody')"]


# A figure in a clause that describes the plant, after the speaker's verb: whose words?
DESCRIBED = "The test speaker said on Monday that the plant, which has made about 40 test widgets, would close.\n"
IN_DOUBT = (
    'the figure stands in a clause that describes (", which ..."), which may be the writer\'s words rather than '
    "The test speaker's: read the sentence and name the claimant"
)


def test_extract_lists_the_drafts_whose_speaker_is_in_doubt_with_the_reason(make_package, tmp_path):
    (tmp_path / "plant.txt").write_text(DESCRIBED, encoding="utf-8")
    result = run_claimtrack("extract", tmp_path / "plant.txt", *PUBLISHED, cwd=make_package())
    assert result.returncode == 0, result.stderr
    lines = [squeeze(line) for line in result.stdout.splitlines()]
    assert lines[2] == "d02 about 40 about 40 2013-05-13 The test speaker (in doubt) test-widgets"
    below = lines.index(
        "Who said these is in doubt (--accept takes none of them; record them with add, naming the claimant):"
    )
    assert lines[below + 1] == "draft figure as written who said it is in doubt"
    assert lines[below + 3] == f"d02 about 40 {IN_DOUBT}"


def test_accept_of_a_draft_whose_speaker_is_in_doubt_is_refused_and_json_leaves_its_claimant_to_the_reviewer(
    make_package, tmp_path
):
    package = make_package()
    (tmp_path / "plant.txt").write_text(DESCRIBED, encoding="utf-8")
    result = refused(package, "--source-id", "test-article", "--accept", "d02", article=tmp_path / "plant.txt")
    assert [line.strip() for line in result.stderr.splitlines()[1:]] == [
        f"d02 'about 40': who said it is in doubt: {IN_DOUBT}"
    ]
    [row] = rows_json(tmp_path / "plant.txt", *PUBLISHED, "--source-id", "test-article", cwd=package)
    assert (row["claimant_id"], row["draft"]["claimant"], row["draft"]["doubt"]) == (None, "The test speaker", IN_DOUBT)


def test_accept_of_a_draft_set_aside_by_its_id_takes_it_through_the_same_checks(make_package):
    result = refused(make_package(), "--source-id", "test-article", "--accept", "d01,d02")
    assert [line.strip() for line in result.stderr.splitlines()[1:]] == ["d01 'on Monday': no measure in the package"]


def test_accept_of_a_draft_twice_in_the_list_records_it_once(make_package):
    package = make_package()
    before = (package / CLAIMS).read_bytes()
    result = run_claimtrack(
        "extract", MADE_UP, *PUBLISHED, "--source-id", "test-article", "--accept", "d02,d02", cwd=package
    )
    assert result.returncode == 0, result.stderr
    assert len(added_rows(package, before)) == 1


def test_accepting_the_same_draft_again_is_refused_as_a_duplicate(make_package):
    package = make_package()
    options = ("--source-id", "test-article", "--accept", "d02")
    assert run_claimtrack("extract", MADE_UP, *PUBLISHED, *options, cwd=package).returncode == 0
    again = refused(package, *options)
    assert "this claim is already recorded as test-article-01" in again.stderr


# --- Another story: the package's words, not the code's --------------------------------------

# A made-up flood, with a package of its own: its claimants go by aliases (an acronym,
# a spelling without accents, the paper's name without its article) and its measures
# are signalled by keywords ("killed", "toll", "under water") that neither their labels
# nor the code know. Published on Friday, May 17, 2024, the article gives seven drafts,
# two of them set aside:
#
#   d01 "At least 14"         the RES (an acronym alias), said on Wednesday, deaths
#   d02 "on Wednesday"        the RES; set aside: dates the statement, no measure
#   d03 "as many as 30"       Lantern Relief, deaths
#   d04 "About 2,000"         the emergency service (words of its name), sheltered
#   d05 "More than 350"       the paper's own statement, homes flooded
#   d06 "by the end of June"  mayor Ilse Varga (alias of Ilse Várga), told VCN, bridge reopening
#   d07 "on Thursday"         set aside: the same sentence's weekday, which dates the statement
FLOOD = EXTRACT / "made-up-flood-article.txt"
FLOOD_PUBLISHED = ["--published", "2024-05-17"]
FLOOD_SOURCE = "marrowvale-ledger-2024-05-17"
MADE_UP_NOTE = "Made up: exists only in claimtrack's tests."
FLOOD_ROWS = {
    "sources": [
        {"source_id": FLOOD_SOURCE, "publisher": "Marrowvale Ledger", "title": "Flood Waters Recede in Marrowvale",
         "url": "https://example.org/claimtrack/marrowvale-flood", "published_on": "2024-05-17",
         "kind": "news report", "language": "en", "note": MADE_UP_NOTE},
    ],
    "claimants": [
        {"claimant_id": "regional-emergency-service", "name": "Regional Emergency Service", "aliases": "RES",
         "kind": "government body", "note": MADE_UP_NOTE},
        {"claimant_id": "lantern-relief", "name": "Lantern Relief", "kind": "organisation",
         "description": "a local charity", "note": MADE_UP_NOTE},
        {"claimant_id": "ilse-varga", "name": "Ilse V\u00e1rga", "aliases": "Ilse Varga", "kind": "person",
         "role": "mayor of Marrowvale", "note": MADE_UP_NOTE},
        {"claimant_id": "valley-courier-network", "name": "Valley Courier Network", "aliases": "VCN",
         "kind": "news organisation", "note": MADE_UP_NOTE},
        {"claimant_id": "marrowvale-ledger", "name": "The Marrowvale Ledger", "aliases": "Marrowvale Ledger",
         "kind": "news organisation", "note": MADE_UP_NOTE},
    ],
    "measures": [
        {"measure_id": "flood-deaths", "label": "Deaths in the Marrowvale flood", "topic": "death toll",
         "kind": "count", "unit": "people", "scope": "all deaths caused by the May 2024 flood in Marrowvale district",
         "sentence": "{figure} people died in the Marrowvale flood", "keywords": "killed|dead|drowned|toll|lives"},
        {"measure_id": "flood-sheltered", "label": "People in emergency shelters after the Marrowvale flood",
         "topic": "context", "kind": "count", "unit": "people",
         "scope": "residents housed in emergency shelters after the May 2024 flood",
         "sentence": "{figure} people were housed in emergency shelters", "keywords": "evacuated|displaced|homeless"},
        {"measure_id": "homes-flooded", "label": "Homes flooded in Marrowvale", "topic": "context", "kind": "count",
         "unit": "homes", "scope": "homes flooded in Marrowvale district in May 2024",
         "sentence": "{figure} homes were flooded in Marrowvale", "keywords": "houses | under water | submerged"},
        {"measure_id": "bridge-reopening", "label": "Date the Marrowvale bridge reopens", "topic": "context",
         "kind": "date", "unit": "date", "scope": "the day the main bridge of Marrowvale opens again after the flood",
         "sentence": "the Marrowvale bridge would reopen {figure}", "keywords": "traffic|reopening"},
    ],
    "claims": [],
    "appearances": [],
}  # fmt: skip


def write_package_rows(folder, rows: dict[str, list[dict]]) -> None:
    """Replace each table of the package in ``folder`` by ``rows``, its columns in the schema's order."""
    package = read_package(folder)
    for name, table in rows.items():
        resource = package.resource(name)
        with (folder / resource.path).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, resource.field_names, restval="", lineterminator="\n")
            writer.writeheader()
            writer.writerows(table)


@pytest.fixture
def flood_package(tmp_path):
    """A package of the made-up flood alone: the real schemas, the rows of FLOOD_ROWS."""
    folder = build_package(tmp_path / "flood")
    write_package_rows(folder, FLOOD_ROWS)
    assert run_claimtrack("validate", cwd=folder).returncode == 0
    return folder


def test_the_flood_article_gets_its_measures_from_the_packages_keywords(flood_package):
    drafts = drafts_json(FLOOD, *FLOOD_PUBLISHED, "--all", cwd=flood_package)
    assert [(d["id"], d["text"], d["claimant"], d["measure"], bool(d["set_aside"])) for d in drafts] == [
        ("d01", "At least 14", "the RES", "flood-deaths", False),
        ("d03", "as many as 30", "Lantern Relief", "flood-deaths", False),
        ("d04", "About 2,000", "the emergency service", "flood-sheltered", False),
        ("d05", "More than 350", None, "homes-flooded", False),
        ("d06", "by the end of June", "mayor Ilse Varga", "bridge-reopening", False),
        ("d02", "on Wednesday", "the RES", None, True),
        ("d07", "on Thursday", "mayor Ilse Varga", "bridge-reopening", True),
    ]
    assert [d["said_on"] for d in drafts] == [
        "2024-05-15", None, None, "2024-05-17", "2024-05-16", "2024-05-15", "2024-05-16"
    ]  # fmt: skip
    assert drafts[4]["told"] == "VCN"


def test_without_their_keywords_the_death_toll_figures_get_no_measure(flood_package):
    # "killed", "toll" and "dead" are the package's words for a death toll; the label
    # shares no more than "people" with the sentences, and the code knows none of them.
    rows = {"measures": [{**m, "keywords": ""} for m in FLOOD_ROWS["measures"]]}
    write_package_rows(flood_package, rows)
    measures = {d["id"]: d["measure"] for d in drafts_json(FLOOD, *FLOOD_PUBLISHED, cwd=flood_package)}
    assert measures["d01"] is None and measures["d03"] is None


def test_accepting_the_flood_drafts_matches_speakers_by_alias_and_records_claims_that_validate(flood_package):
    before = (flood_package / CLAIMS).read_bytes()
    result = run_claimtrack(
        "extract", FLOOD, *FLOOD_PUBLISHED, "--source-id", FLOOD_SOURCE, "--accept", "d01,d03,d04,d05,d06",
        cwd=flood_package,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    chosen = ("figure_text", "measure_id", "claimant_id", "via_id", "via_relation", "said_on", "said_on_basis")
    assert [tuple(row[c] for c in chosen) for row in added_rows(flood_package, before)] == [
        ("At least 14", "flood-deaths", "regional-emergency-service", "", "", "2024-05-15", "inferred from weekday"),
        ("as many as 30", "flood-deaths", "lantern-relief", "", "", "", "not stated"),
        ("About 2,000", "flood-sheltered", "regional-emergency-service", "", "", "", "not stated"),
        # the paper's own statement: its publisher, named in sources.csv without "The", is an alias
        ("More than 350", "homes-flooded", "marrowvale-ledger", "", "", "2024-05-17", "publication date"),
        ("by the end of June", "bridge-reopening", "ilse-varga", "valley-courier-network", "told", "2024-05-16",
         "inferred from weekday"),
    ]  # fmt: skip
    validated = run_claimtrack("validate", cwd=flood_package)
    assert validated.returncode == 0, validated.stdout + validated.stderr


def test_an_acronym_alias_in_lower_case_names_nobody(flood_package):
    article = flood_package / "lower-case.txt"
    article.write_text("At least 14 people were killed, the res said on Wednesday.\n", encoding="utf-8")
    result = run_claimtrack(
        "extract", article, *FLOOD_PUBLISHED, "--source-id", FLOOD_SOURCE, "--accept", "d01", cwd=flood_package
    )
    assert result.returncode == 1
    assert "d01 'At least 14': no claimant in the package (the text names 'the res')" in result.stderr


def test_extract_help_has_an_example():
    result = run_claimtrack("extract", "--help", cwd=REPO)
    assert result.returncode == 0
    assert "Example:" in result.stdout
    assert "--accept" in result.stdout and "--source-id" in result.stdout and "--published" in result.stdout
