"""Bad and hostile input as journalists' files bring it: a message that names the
file, line, column and value, never a traceback, and not one file changed.

The cases are the fixture folders of tests/fixtures/broken/ (and valid/);
test_validation.py lists the exact problems of each. Here: the words of the
messages a journalist acts on, that no command changes a file of a broken package
or prints a row of it, and the cases a fixture folder cannot hold: a symlink out
of the package, a descriptor of megabytes, a web address that must not be fetched.
"""

from __future__ import annotations

import csv
import io
import json
import re
import threading
import xml.etree.ElementTree as ElementTree
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from click.testing import CliRunner

import claimtrack
from claimtrack.cli import main
from claimtrack.model import paths
from claimtrack.validation.run import validate
from conftest import BROKEN, TEST_ARCHIVE, TRACKER, VALID, build_package, snapshot
from published import copy_package, edit_rows

BROKEN_CASES = sorted(path.name for path in BROKEN.iterdir() if path.is_dir())
# Broken only against the archived texts, which list does not read.
ARCHIVE_ONLY = {"archive-file", "archive-fingerprint-mismatch", "quote-in-source"}


def invoke(*args) -> object:
    """Run a command in this process; an exception other than the exit is re-raised."""
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    return result


@pytest.mark.parametrize("case", BROKEN_CASES)
def test_every_command_refuses_a_broken_package_without_a_traceback_or_a_changed_file(tmp_path, case):
    package = build_package(tmp_path / case, case)
    before = snapshot(package)
    for command in (["validate", "--archive", TEST_ARCHIVE], ["build", "--archive", TEST_ARCHIVE]):
        result = invoke(*command, "-p", package)
        assert result.exit_code == 1, (command, result.output)
        assert result.stdout == "", command  # no row of a broken package is printed
        assert re.search(r"\[[a-z0-9-]+\]$", result.stderr.splitlines()[0]), result.stderr  # a problem, not a crash
    assert snapshot(package) == before
    assert not (package / "charts").exists()


# A schema or descriptor of the wrong shape: every command that reads it refuses it.
# A title that is a number only the standard's profile refuses; cite reads no title.
PROFILE_ONLY = {"schema-profile"}
SHAPE_CASES = [c for c in BROKEN_CASES if c.startswith("schema-") or c == "descriptor-resource-renamed"]


@pytest.mark.parametrize("case", SHAPE_CASES)
def test_publish_and_cite_refuse_a_schema_of_the_wrong_shape_naming_its_file(tmp_path, case):
    package = build_package(tmp_path / case, case)
    before = snapshot(package)
    commands = [["publish", "--out", tmp_path / "dist"]]
    if case not in PROFILE_ONLY:
        commands.append(["cite", "mt-2013-05-16-09"])
    for command in commands:
        result = invoke(*command, "-p", package)
        assert result.exit_code == 1, (command, result.output)
        assert re.search(r"(datapackage|schemas/[a-z]+)\.json", result.stderr), (command, result.stderr)
    assert snapshot(package) == before
    assert not (tmp_path / "dist").exists()


@pytest.mark.parametrize("case", sorted(set(BROKEN_CASES) - ARCHIVE_ONLY))
def test_list_of_a_broken_package_prints_no_row_at_fault_and_names_the_problem(tmp_path, case):
    package = build_package(tmp_path / case, case)
    before = snapshot(package)
    result = invoke("list", "--format", "csv", "-p", package)  # an export a spreadsheet opens
    report = validate(package)
    claims = report.raw.get("claims")
    faulty_lines = {p.line for p in report.problems if p.file == "data/claims.csv"}
    if result.exit_code == 1:  # the package cannot be read at all
        assert result.stdout == ""
        assert re.search(r"\[[a-z0-9-]+\]$", result.stderr.splitlines()[0]), result.stderr
    else:
        assert result.exit_code == 0, result.output
        assert result.stderr.startswith("Warning: the package has "), result.stderr
        assert re.search(r"^  \S+\.(csv|json).*\[[a-z0-9-]+\]$", result.stderr.splitlines()[1]), result.stderr
        # A row by its id and quote: a row at fault may share its id with one that is not.
        quote = claims.header.index("quote")
        printed = {(row[0], row[quote]) for row in csv.reader(io.StringIO(result.stdout))}
        at_fault = {
            (claim_id, text)
            for claim_id, text, line in zip(claims.frame.to_series(0), claims.frame.to_series(quote), claims.lines)
            if int(line) in faulty_lines
        }
        assert not printed & at_fault
    assert snapshot(package) == before


MESSAGES = {
    "encoding-latin-1": [
        "data/claimants.csv, line 5: the file is not UTF-8: byte 0xe8 at offset 457 cannot be read; "
        "save the file as UTF-8 [encoding]"
    ],
    "encoding-utf-16": ["data/measures.csv, line 1: the file is saved as UTF-16; save it as UTF-8 [encoding]"],
    "binary-file": [
        "data/measures.csv, line 3: the file contains a NUL byte (at byte offset 8): it is not a text CSV file; "
        "was a binary file, such as a spreadsheet or an image, saved under this name? [nul-byte]"
    ],
    "merge-conflict": [
        f'data/measures.csv, line {line}, value "{marker}": a git merge conflict is left in the file: '
        "keep one version of these lines and delete the markers [merge-conflict]"
        for line, marker in ((3, "<<<<<<< HEAD"), (5, "======="), (7, ">>>>>>> other-branch"))
    ],
    "empty-file": ["data/measures.csv, line 1: the file is empty: it needs at least a header line [empty-file]"],
    # The quote opens on line 3 and is never closed: reported there, not at the end of the file.
    "csv-syntax": [
        "data/measures.csv, line 3: the row starting here cannot be read as CSV: a quote opened in it is never "
        "closed, so it runs to the end of the file; close the quote [csv-syntax]"
    ],
    "csv-syntax-stray-quote": [
        "data/claims.csv, line 3: the row starting here cannot be read as CSV: a quote inside a cell stands "
        "beside other text; put the whole cell in double quotes and double each quote inside it, "
        'as in "he said ""yes""" [csv-syntax]'
    ],
    "row-length-short": [
        "data/claims.csv, line 3: this row has 25 cells, fewer than the 26 columns of the header; "
        "nothing was padded or cut [row-length]"
    ],
    "row-length-long": [
        "data/claims.csv, line 3: this row has 27 cells, more than the 26 columns of the header; "
        "nothing was padded or cut; a comma inside a cell, as in 94,000, splits it unless the cell is in "
        "double quotes [row-length]"
    ],
    "blank-row": ["data/claimants.csv, line 4: blank row: delete it [blank-row]"],
    "delimiter-semicolon": [
        'data/measures.csv, line 1, value "measure_id;label;topic;kind;unit;scope;origin;description;sentence;keywords": '
        "the header has one column: the file seems separated by ';'; CSV files here are separated by commas [header]"
    ],
    "title-line": [
        'data/measures.csv, line 1, value "Measures of the story, as of May 2013": line 1 is not the header: '
        "the header is on line 2; delete the line above it [header]"
    ],
    "header-duplicated": [
        "data/measures.csv, line 1, column origin, value \"origin\": 'origin' appears twice in the header, "
        "as columns 7 and 8 [header]",
        "data/measures.csv, line 1, column description: the header lacks the column 'description' [header]",
    ],
    "header-invisible": [
        'data/measures.csv, line 1, column label\\u200b, value "label\\u200b": header column 2 has invisible '
        "characters (U+200B); retype it as 'label' [header]"
    ],
    "header-misspelt": [
        "data/measures.csv, line 1, column scpoe, value \"scpoe\": the header has a column 'scpoe' that the schema "
        "does not define (did you mean 'scope'?) [header]",
        "data/measures.csv, line 1, column scope: the header lacks the column 'scope'; "
        "is 'scpoe' a misspelling of it? [header]",
    ],
    "settled-by-cycle": [
        f'data/claims.csv, line {line}, column settled_by, value "{to}": settled_by goes round in a circle: '
        f"following it from this claim ({start}) leads back to it [settled-by]"
        for line, start, to in ((4, "test-widgets-01", "test-widgets-02"), (5, "test-widgets-02", "test-widgets-01"))
    ],
    "settled-by-self": [
        'data/claims.csv, line 4, column settled_by, value "test-widgets-01": a claim cannot settle itself [settled-by]'
    ],
    "descriptor-file-url": [
        "datapackage.json, value \"file:///etc/passwd\": resource 'claims': the path must be a relative path "
        "inside the package folder, not a URL or a path outside it [path]"
    ],
    "descriptor-profile-url": [
        'datapackage.json, value "https://example.org/profiles/data-package.json": the package: profile must be '
        "one of data-package, data-resource, tabular-data-package, tabular-data-resource, not a URL or a file: "
        "claimtrack fetches nothing [path]"
    ],
    "schema-invalid-json": ["schemas/measures.json, line 4: is not valid JSON: Expecting value at character 15 [json]"],
    "formula": [
        "data/claimants.csv, line 3, column note, value \"=1+1\": begins with '=': a spreadsheet would read the "
        "cell as a formula; reword it so that it begins otherwise [formula]"
    ],
    "control-character": [
        'data/claimants.csv, line 3, column name, value "Inter\\u000bfax": holds U+000B VERTICAL TAB at character 6: '
        "a control character is invisible, breaks the chart renderer and can drive a terminal (name is one line: no "
        "tab or line break); delete it [control-character]"
    ],
    # the override itself is shown as an escape, so the message reads as written
    "bidi-control": [
        'data/claimants.csv, line 5, column name, value "a test \\u202ereksaeps": holds U+202E RIGHT-TO-LEFT '
        "OVERRIDE at character 8: an invisible character that reorders the text around it, so that the cell reads "
        "otherwise than it is written; delete it [bidi-control]"
    ],
    "formula-zero-width-space": [
        "data/claimants.csv, line 3, column note, value \"\\u200b=1+1\": begins with '\\u200b=' (a spreadsheet "
        "looks through what stands before the sign): a spreadsheet would read the cell as a formula; reword it so "
        "that it begins otherwise [formula]"
    ],
    "url-userinfo": [
        'data/sources.csv, line 2, column url, value "https://evil.example\\\\@www.themoscowtimes.com/2013/05/16/'
        'syria-peace-conference-…": the address holds a backslash, which a browser reads as / (so the link may '
        "lead elsewhere than it reads): write the address with / only [link]"
    ],
    "list-item-empty": [
        'data/claimants.csv, line 4, column aliases, value "SOHR|": an alias is empty: put one | between each two '
        "aliases, and none before the first or after the last [list-item]"
    ],
    "list-item-twice": [
        "data/claimants.csv, line 4, column aliases, value \"SOHR| sohr\": 'sohr' is listed twice: list each of the "
        "aliases once [list-item]"
    ],
    "list-item-own-name": [
        "data/claimants.csv, line 3, column aliases, value \"interfax\": 'interfax' is the claimant's own name: an "
        "alias is another name it goes by [list-item]"
    ],
    "list-item-keywords": [
        'data/measures.csv, line 4, column keywords, value "produced||manufactured": a keyword is empty: put one | '
        "between each two keywords, and none before the first or after the last [list-item]"
    ],
    "ambiguous-alias": [
        "data/claimants.csv, line 4, column aliases, value \"SOHR\": 'SOHR' is also an alias of test-speaker: an "
        "alias names one claimant, or extract cannot tell whom it means [ambiguous-alias]",
        "data/claimants.csv, line 5, column aliases, value \"the speaker|SOHR\": 'SOHR' is also an alias of sohr: an "
        "alias names one claimant, or extract cannot tell whom it means [ambiguous-alias]",
    ],
    "ambiguous-alias-name": [
        "data/claimants.csv, line 5, column aliases, value \"Interfax\": 'Interfax' is also the name of interfax: an "
        "alias names one claimant, or extract cannot tell whom it means [ambiguous-alias]"
    ],
}


@pytest.mark.parametrize("case, expected", MESSAGES.items(), ids=list(MESSAGES))
def test_the_message_says_where_and_what_to_do(make_package, case, expected):
    assert [str(p) for p in validate(make_package(case), archive=TEST_ARCHIVE).problems] == expected


VALUE_MESSAGES = [
    (6, "1,234", "; write 1234"),
    (9, "\u221215", "; write -15"),  # a Unicode minus
    (10, "15\u00a0000", "; write 15000"),  # a non-breaking space
    (11, "NaN", "; leave the cell empty when there is no value"),
    (16, "NA", "; leave the cell empty when there is no value"),
    (7, "12%", ""),
    (8, "1.2m", ""),
    (12, "inf", ""),
]


@pytest.mark.parametrize("line, value, hint", VALUE_MESSAGES)
def test_a_number_as_people_write_it_gets_the_digits_to_write_where_they_can_be_told(make_package, line, value, hint):
    problems = {p.line: p for p in validate(make_package("values-numbers")).problems}
    assert problems[line].message == (
        f"{value!r} is not a whole number written in digits only, e.g. 94000 "
        f"(no commas, spaces, units or decimals){hint}"
    )


def test_an_ambiguous_date_gets_both_readings_and_an_unambiguous_one_its_only_reading(make_package):
    messages = {(p.line, p.column): p.message for p in validate(make_package("values-dates")).problems}
    assert messages == {
        (2, "date_from"): "'03/04/2013' is not a real date written YYYY-MM-DD, e.g. 2013-05-16; "
        "03/04/2013 could be day/month or month/day: write 2013-04-03 or 2013-03-04",
        (2, "date_to"): "'2013-02-30' is not a real date written YYYY-MM-DD, e.g. 2013-05-16",
        (3, "said_on"): "'16/05/2013' is not a date written YYYY-MM-DD, YYYY-MM or YYYY; write 2013-05-16",
        (
            4,
            "as_of",
        ): "'NA' is not a date written YYYY-MM-DD, YYYY-MM or YYYY; leave the cell empty when there is no value",
    }


def test_an_unquoted_comma_in_a_row_is_reported_once_not_again_as_a_missing_key(make_package):
    # test-widgets-01 is settled by -02; -02's row now has a cell too many and is left
    # out, yet its id is there: only the row is reported, not the key pointing at it.
    package = make_package()
    claims = package / "data" / "claims.csv"
    claims.write_text(claims.read_text(encoding="utf-8").replace("exact,,15,", "exact,,1,500,"), encoding="utf-8")
    assert [(p.line, p.rule) for p in validate(package).problems] == [(5, "row-length")]


def test_a_header_only_file_is_a_valid_table_with_no_rows_and_charts_still_build(tmp_path):
    package = build_package(tmp_path / "header-only", "header-only", VALID)
    report = validate(package, archive=TEST_ARCHIVE)
    assert report.problems == []
    assert len(report.tables["claims"]) == 0
    result = invoke("build", "-p", package)
    assert result.exit_code == 0, result.output
    # The test descriptor declares no views: each topic with measures gets a chart.
    assert sorted(p.name for p in (package / "charts").glob("death-toll.*")) == [
        f"death-toll.{fmt}" for fmt in sorted(paths.CHART_FORMATS)
    ]


def test_text_is_kept_as_written_leading_zeros_and_words_for_nothing_included(make_package):
    tables = claimtrack.load(make_package("text-as-written", VALID), archive=TEST_ARCHIVE)
    row = tables.claimants.set_index("claimant_id").loc["007"]
    assert (row["role"], row["affiliation"], row["description"]) == ("NA", "None", "null")
    assert tables.claims.set_index("claim_id").loc["test-widgets-02", "claimant_id"] == "007"


def test_a_resource_that_is_a_symlink_out_of_the_package_is_refused_unread(make_package, tmp_path):
    package = make_package()
    outside = tmp_path / "outside.csv"
    claims = package / "data" / "claims.csv"
    outside.write_bytes(claims.read_bytes())
    claims.unlink()
    claims.symlink_to(outside)
    report = validate(package)
    assert [(p.file, p.rule) for p in report.problems] == [("datapackage.json", "path")]
    assert "claims" not in report.tables


@pytest.mark.parametrize("name", ["datapackage.json", "schemas/claims.json"])
def test_a_descriptor_of_megabytes_is_refused_before_it_is_parsed(make_package, name):
    package = make_package()
    path = package / name
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["padding"] = "x" * 6_000_000
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    (problem,) = validate(package).problems
    assert (problem.file, problem.rule) == (name, "json")
    assert "more than the 5,000,000 a descriptor or schema may be" in problem.message


class Listener(BaseHTTPRequestHandler):
    asked: list[str] = []

    def do_GET(self):  # noqa: N802 - the name http.server calls
        Listener.asked.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    """A web server on this machine that records every request it gets."""
    Listener.asked = []
    httpd = HTTPServer(("127.0.0.1", 0), Listener)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_web_addresses_in_the_descriptor_are_refused_and_never_fetched(make_package, server):
    package = make_package()
    path = package / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["profile"] = f"{server}/profile.json"
    descriptor["$schema"] = f"{server}/package-schema.json"
    resources = {r["name"]: r for r in descriptor["resources"]}
    resources["claims"]["path"] = f"{server}/claims.csv"
    resources["sources"]["schema"] = f"{server}/sources.json"
    resources["measures"]["dialect"] = f"{server}/dialect.json"
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    report = validate(package)
    assert {p.value for p in report.problems} >= {f"{server}/claims.csv", f"{server}/sources.json"}
    assert {p.rule for p in report.problems} == {"path"}
    for command in ("validate", "build", "list"):
        assert invoke(command, "-p", package).exit_code == 1
    assert Listener.asked == []


HOSTILE = "</script><script>window.hacked = 1</script><img src=x onerror=alert(1)>"


def test_script_and_markup_in_the_data_show_as_text_in_every_chart(tmp_path):
    package = copy_package(tmp_path / "package")
    edit_rows(package / "data" / "claimants.csv", "sohr", "claimant_id", name=lambda name: f"{name} {HOSTILE}")
    assert invoke("build", "-p", package).exit_code == 0
    embeds = sorted((package / "charts").glob(f"*.{paths.CHART_EMBED}"))
    pages = sorted(set((package / "charts").glob("*.html")) - set(embeds))
    assert pages and len(embeds) == len(pages)
    for embed in embeds:
        code = embed.read_text(encoding="utf-8")
        assert "<script>window.hacked" not in code and "<img src=x" not in code
        assert code.count("<script") == 1  # the listener that sizes the frame: nothing more
    shown = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script>window.hacked" not in html and "<img src=x" not in html
        assert html.count("<script") == 2  # the inlined Vega bundle and the embedding: nothing more
        spec = json.loads(html.split("var wide = ", 1)[1].split(", narrow = ", 1)[0])
        shown += HOSTILE in json.dumps(spec, ensure_ascii=False)
        svg = ElementTree.parse(page.with_suffix(".svg")).getroot()
        assert not [e for e in svg.iter() if e.tag.rsplit("}", 1)[-1] in ("script", "foreignObject")]
    assert shown  # the name is in the data of the death-toll chart, as text


CLAIM = [
    "--measure-id", "test-widgets", "--claimant-id", "test-speaker", "--source-id", "test-article",
    "--figure-text", "15", "--qualifier", "exact", "--value", "15", "--said-on", "2013-05-16",
    "--said-on-basis", "stated", "--status", "reported",
]  # fmt: skip


def test_an_add_of_a_formula_is_refused_and_nothing_is_written(make_package):
    package = make_package()
    before = snapshot(package)
    result = invoke("add", "-p", package, *CLAIM, "--quote", '=HYPERLINK("https://example.org", "15")')
    assert result.exit_code == 1
    assert result.stderr.startswith("--quote, value ") and "[formula]" in result.stderr
    assert snapshot(package) == before


def test_a_negative_number_in_a_text_cell_is_a_number_not_a_formula(make_package):
    package = make_package()
    result = invoke("add", "-p", package, *CLAIM, "--quote", "15, not -12.", "--note", "-12")
    assert result.exit_code == 0, result.stderr
    assert claimtrack.load(package).claims["note"].iloc[-1] == "-12"


TEXT_FILES = {
    # the first bytes of a PNG image
    "image.json": (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "is not a text file: it holds a NUL byte at offset 8; save it as UTF-8 text",
    ),
    # "café" in Latin-1 on the second line
    "latin-1.txt": (
        b"Syria\ncaf\xe9 said 94,000",
        "is not UTF-8: byte 0xe9 at offset 9 (line 2) cannot be read; save it as UTF-8 text",
    ),
}


@pytest.mark.parametrize("name", TEXT_FILES)
@pytest.mark.parametrize("command", ["add", "extract"])
def test_a_file_handed_to_add_or_extract_that_is_not_utf8_text_is_refused_with_where(make_package, name, command):
    package = make_package()
    data, message = TEXT_FILES[name]
    path = package.parent / name
    path.write_bytes(data)
    before = snapshot(package)
    args = ["--file", path] if command == "add" else [path, "--published", "2013-05-16", "--accept", "all"]
    result = invoke(command, "-p", package, *args)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {path} {message}\n"
    assert snapshot(package) == before


# A byte of Latin-1 (é) in an argument, as Python holds it in sys.argv when it is not UTF-8.
LATIN_1_E = "caf\udce9"


@pytest.mark.parametrize(
    "args, named",
    [
        (["status", "test-widgets-01", "confirmed", "--note", LATIN_1_E], "the value of --note"),
        (["add", *CLAIM, "--quote", "15", f"--note={LATIN_1_E}"], "the value of --note"),
        (["show", LATIN_1_E], "the argument caf\\udce9"),
        (["list", "--measure", LATIN_1_E], "the value of --measure"),
    ],
    ids=["status-note", "add-note", "show", "list-measure"],
)
def test_an_argument_that_is_not_utf_8_is_refused_naming_it_and_nothing_is_written(make_package, args, named):
    package = make_package()
    before = snapshot(package)
    result = invoke(*args[:1], "-p", package, *args[1:])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {named} holds the byte 0xE9, which is not UTF-8 (text typed or pasted in another encoding, "
        "such as Latin-1): set the terminal to UTF-8 and type it again\n"
    )
    assert snapshot(package) == before


def test_an_add_file_with_a_lone_surrogate_is_refused_naming_the_key_and_nothing_is_written(make_package):
    package = make_package()
    before = snapshot(package)
    given = TRACKER / "add" / "lone-surrogate.json"
    result = invoke("add", "-p", package, "--file", given)
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {given}, key note: holds \\ud800, half of a pair that is no character on its own "
        "(a \\u escape whose other half is missing); write the text itself\n"
    )
    assert snapshot(package) == before
