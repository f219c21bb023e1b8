"""`claimtrack archive`: a source's text stored in archive/ with its row's file, fingerprint and day, or nothing.

Every text here is made up in this file. The base package's test-bulletin source
(added by the fixture, from tests/fixtures/tracker/add/new-source-and-claimant.json)
has one claim, quoting BULLETIN_QUOTE, and no archived text yet. Web addresses are
served by a server on 127.0.0.1 in a thread of this process: nothing leaves the machine.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import http.server
import json
import threading
from pathlib import Path

import pytest

from claimtrack.tracking import recording
from conftest import TEST_ARCHIVE, TRACKER, run_claimtrack, snapshot

SOURCES = "data/sources.csv"
CLAIMS = "data/claims.csv"
BULLETIN = "test-bulletin"
BULLETIN_QUOTE = "A test inspector said on May 20 that at least 11 widgets had passed inspection."
BULLETIN_TEXT = (
    "TEST TEXT FOR CLAIMTRACK'S TESTS: NOT A REAL ARTICLE.\n"
    "\n"
    "Widgets Inspected (The Test Bulletin, May 21, 2013)\n"
    "\n"
    f"{BULLETIN_QUOTE}\n"
    "\n"
    "The inspector's office gave no figure for the widgets that failed.\n"
)
# A saved page: navigation, the article, a footer. Only the article's sentences are its text.
ARTICLE_SENTENCES = [
    BULLETIN_QUOTE,
    "The inspector's office gave no figure for the widgets that failed, and said it would count again in June.",
    "A spokesman for the widget makers of the valley welcomed the count but called the inspection slow and costly.",
]
BOILERPLATE = ["Subscribe to the Test Bulletin", "Weather in the valley", "All rights reserved", "Privacy policy"]
PAGE = f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Widgets Inspected | The Test Bulletin</title></head>
<body>
<header><nav><ul>
  <li><a href="/">Home</a></li><li><a href="/valley">The valley</a></li>
  <li><a href="/weather">Weather in the valley</a></li><li><a href="/subscribe">Subscribe to the Test Bulletin</a></li>
</ul></nav></header>
<main><article>
  <h1>Widgets Inspected</h1>
  <p class="byline">By a test reporter, May 21, 2013</p>
  <p>{ARTICLE_SENTENCES[0]}</p>
  <p>{ARTICLE_SENTENCES[1]}</p>
  <p>{ARTICLE_SENTENCES[2]}</p>
</article></main>
<footer>
  <p>Copyright 2013 The Test Bulletin. All rights reserved.</p>
  <p><a href="/privacy">Privacy policy</a> | <a href="/contact">Contact us</a></p>
</footer>
</body>
</html>
"""
# A page whose text only a browser running its script would show.
SCRIPT_ONLY = """<!DOCTYPE html>
<html><head><title>Widgets Inspected</title><script src="/app.js"></script></head>
<body><div id="app"></div></body></html>
"""


@pytest.fixture
def package(make_package) -> Path:
    """The base package with the test-bulletin source and its one claim, no text archived."""
    folder = make_package()
    item = json.loads((TRACKER / "add" / "new-source-and-claimant.json").read_text(encoding="utf-8"))
    recording.add_claims(folder, [item])
    return folder


@pytest.fixture
def bulletin(tmp_path) -> Path:
    path = tmp_path / "bulletin.txt"
    path.write_bytes(BULLETIN_TEXT.encode("utf-8"))
    return path


def source_row(package: Path, source_id: str) -> dict[str, str]:
    with (package / SOURCES).open(encoding="utf-8", newline="") as handle:
        return next(row for row in csv.DictReader(handle) if row["source_id"] == source_id)


def archive(package: Path, *args) -> object:
    return run_claimtrack("archive", *args, cwd=package)


# --- From a text file ---------------------------------------------------------------------------


def test_a_text_file_is_copied_as_is_with_its_file_fingerprint_and_day_on_the_row(package, bulletin):
    result = archive(package, BULLETIN, bulletin, "--accessed-on", "2013-05-22")
    assert result.returncode == 0, result.stderr
    written = package / "archive" / "test-bulletin.txt"
    assert written.read_bytes() == bulletin.read_bytes()
    digest = hashlib.sha256(written.read_bytes()).hexdigest()
    row = source_row(package, BULLETIN)
    assert (row["archive_file"], row["archive_sha256"], row["accessed_on"]) == (
        "test-bulletin.txt",
        digest,
        "2013-05-22",
    )
    assert result.stdout.splitlines() == [
        f"Archived the text of test-bulletin in archive/test-bulletin.txt (copied as is): "
        f"{len(BULLETIN_TEXT):,} characters, SHA-256 {digest}.",
        "Recorded in data/sources.csv: archive_file, archive_sha256, accessed_on 2013-05-22.",
        "1 quote(s) of test-bulletin now checked against it: all 1 found word for word.",
    ]
    assert result.stderr == ""


def test_only_the_sources_row_changes_in_data(package, bulletin):
    before = {path.name: path.read_bytes() for path in (package / "data").iterdir()}
    assert archive(package, BULLETIN, bulletin).returncode == 0
    after = {path.name: path.read_bytes() for path in (package / "data").iterdir()}
    assert [name for name in before if before[name] != after[name]] == ["sources.csv"]
    old, new = before["sources.csv"].splitlines(), after["sources.csv"].splitlines()
    assert [i for i, (a, b) in enumerate(zip(old, new)) if a != b] == [len(old) - 1]  # the bulletin's line alone


def test_accessed_on_is_today_unless_stated(package, bulletin):
    assert archive(package, BULLETIN, bulletin).returncode == 0
    assert source_row(package, BULLETIN)["accessed_on"] == dt.date.today().isoformat()


def test_a_text_without_a_final_line_break_is_archived_with_one(package, tmp_path):
    path = tmp_path / "bulletin.txt"
    path.write_bytes(BULLETIN_TEXT.rstrip("\n").encode("utf-8"))
    assert archive(package, BULLETIN, path).returncode == 0
    written = (package / "archive" / "test-bulletin.txt").read_bytes()
    assert written == BULLETIN_TEXT.encode("utf-8")
    assert source_row(package, BULLETIN)["archive_sha256"] == hashlib.sha256(written).hexdigest()


def test_the_very_text_a_row_records_is_put_back_byte_for_byte_and_no_row_changes(make_package):
    package = make_package()  # test-article records the fixture text's SHA-256; archive/ is not there
    data_before = snapshot(package / "data")
    result = archive(package, "test-article", TEST_ARCHIVE / "test-article.txt")
    assert result.returncode == 0, result.stderr
    assert (package / "archive" / "test-article.txt").read_bytes() == (TEST_ARCHIVE / "test-article.txt").read_bytes()
    assert snapshot(package / "data") == data_before
    assert result.stdout.splitlines()[0].startswith(
        "Restored archive/test-article.txt, the very text data/sources.csv records for test-article (copied as is)"
    )
    assert "data/sources.csv is unchanged." in result.stdout
    assert "2 quote(s) of test-article now checked against it: all 2 found word for word." in result.stdout


# --- From a saved web page ----------------------------------------------------------------------


def test_from_a_saved_page_the_articles_sentences_are_kept_and_the_navigation_and_footer_dropped(package, tmp_path):
    page = tmp_path / "widgets-inspected.html"
    page.write_text(PAGE, encoding="utf-8")
    result = archive(package, BULLETIN, page)
    assert result.returncode == 0, result.stderr
    assert "(the page's main text, extracted by trafilatura)" in result.stdout
    text = (package / "archive" / "test-bulletin.txt").read_text(encoding="utf-8")
    for sentence in ARTICLE_SENTENCES:
        assert sentence in text
    for words in BOILERPLATE:
        assert words not in text
    assert "<" not in text and text.endswith("\n") and not text.endswith("\n\n")


def test_a_page_saved_under_another_name_is_known_by_its_first_bytes(package, tmp_path):
    page = tmp_path / "saved-page.txt"
    page.write_text(PAGE, encoding="utf-8")
    assert archive(package, BULLETIN, page).returncode == 0
    text = (package / "archive" / "test-bulletin.txt").read_text(encoding="utf-8")
    assert ARTICLE_SENTENCES[1] in text and "Privacy policy" not in text


# --- From a web address -------------------------------------------------------------------------


class _Pages(http.server.BaseHTTPRequestHandler):
    """The made-up pages, by path; /slow answers only when the test is done with it."""

    released = threading.Event()
    routes = {
        "/widgets-inspected": ("text/html; charset=utf-8", PAGE.encode("utf-8")),
        "/bulletin.txt": ("text/plain; charset=utf-8", BULLETIN_TEXT.encode("utf-8")),
        "/bulletin-latin-1.txt": (
            "text/plain; charset=iso-8859-1",
            BULLETIN_TEXT.replace("'", "\u00b4").encode("latin-1"),
        ),
        "/picture.png": ("image/png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
    }

    def do_GET(self):
        if self.path == "/slow":
            self.released.wait(10)
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/widgets-inspected")
            self.end_headers()
            return
        if self.path not in self.routes:
            self.send_error(404, "Not Found")
            return
        content_type, body = self.routes[self.path]
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    """The address of a server on 127.0.0.1, on a port of the system's choosing."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    httpd.daemon_threads = True
    _Pages.released.clear()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    _Pages.released.set()
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


def test_from_a_web_address_the_pages_main_text_is_archived(package, server):
    result = archive(package, BULLETIN, f"{server}/widgets-inspected", "--accessed-on", "2013-05-21")
    assert result.returncode == 0, result.stderr
    text = (package / "archive" / "test-bulletin.txt").read_text(encoding="utf-8")
    assert all(sentence in text for sentence in ARTICLE_SENTENCES)
    assert not any(words in text for words in BOILERPLATE)
    assert source_row(package, BULLETIN)["accessed_on"] == "2013-05-21"


def test_an_address_that_redirects_is_followed(package, server):
    assert archive(package, BULLETIN, f"{server}/moved").returncode == 0
    assert ARTICLE_SENTENCES[2] in (package / "archive" / "test-bulletin.txt").read_text(encoding="utf-8")


def test_plain_text_from_an_address_is_archived_as_utf8(package, server):
    assert archive(package, BULLETIN, f"{server}/bulletin.txt").returncode == 0
    assert (package / "archive" / "test-bulletin.txt").read_bytes() == BULLETIN_TEXT.encode("utf-8")
    assert archive(package, BULLETIN, f"{server}/bulletin-latin-1.txt", "--replace").returncode == 0
    text = (package / "archive" / "test-bulletin.txt").read_bytes().decode("utf-8")
    assert text == BULLETIN_TEXT.replace("'", "\u00b4")


# --- Refusals: each names what is wrong, and nothing is written ---------------------------------


def refused(package: Path, *args, expect: str) -> str:
    before = snapshot(package)
    result = archive(package, *args)
    assert result.returncode == 1, result.stdout
    assert expect in result.stderr, result.stderr
    assert result.stdout == ""
    assert snapshot(package) == before
    assert not (package / "archive").exists()
    return result.stderr


def test_an_unknown_source_is_refused_naming_the_verb_that_records_one(package, bulletin):
    stderr = refused(
        package, "no-such-source", bulletin, expect="there is no source 'no-such-source' in data/sources.csv"
    )
    assert "claimtrack source add" in stderr


def test_a_package_that_cannot_be_read_is_refused_with_its_problem(make_package, bulletin):
    package = make_package("descriptor-invalid-json")
    stderr = refused(package, BULLETIN, bulletin, expect="the package cannot be read; fix it first")
    assert "datapackage.json, line 7" in stderr


def test_a_file_that_is_not_there_is_refused(package, tmp_path):
    refused(package, BULLETIN, tmp_path / "nowhere.txt", expect=f"{tmp_path / 'nowhere.txt'}: there is no such file")


def test_a_folder_is_refused(package, tmp_path):
    refused(package, BULLETIN, tmp_path, expect="is a folder, not a file")


@pytest.mark.parametrize(
    "data, expect",
    [
        (
            BULLETIN_TEXT.replace("'", "\u00b4").encode("latin-1"),
            f"is not UTF-8: byte 0xb4 at offset {BULLETIN_TEXT.index(chr(39))} (line 1) cannot be read",
        ),
        (BULLETIN_TEXT.encode("utf-16"), "is saved as UTF-16"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is not a text file: it holds a NUL byte at offset 8"),
        (b"", "is empty: there is no text to archive"),
        (b" \n\t\n", "is empty: there is no text to archive"),
    ],
    ids=["latin-1", "utf-16", "png", "empty", "blank"],
)
def test_a_file_that_is_not_utf8_text_or_holds_none_is_refused(package, tmp_path, data, expect):
    path = tmp_path / "bulletin.txt"
    path.write_bytes(data)
    refused(package, BULLETIN, path, expect=expect)


def test_a_page_with_no_article_text_is_refused(package, tmp_path):
    page = tmp_path / "index.html"
    page.write_text(SCRIPT_ONLY, encoding="utf-8")
    refused(package, BULLETIN, page, expect="no article text could be found in")


def test_a_text_that_lacks_the_sources_quotes_is_refused_with_each_quote(package, tmp_path):
    path = tmp_path / "other.txt"
    path.write_text("TEST TEXT: the inspector counted the widgets again, with no figure.\n", encoding="utf-8")
    stderr = refused(package, BULLETIN, path, expect="[quote-in-source]")
    assert f'column quote, value "{BULLETIN_QUOTE}"' in stderr
    assert "the text was not archived: 1 quote(s) of test-bulletin are not in it word for word" in stderr


def test_a_source_that_has_its_text_already_is_refused_without_replace(package, bulletin, tmp_path):
    assert archive(package, BULLETIN, bulletin).returncode == 0
    before = snapshot(package)
    other = tmp_path / "other.txt"
    other.write_text(BULLETIN_TEXT + "A line added later.\n", encoding="utf-8")
    result = archive(package, BULLETIN, other)
    assert result.returncode == 1
    assert "test-bulletin already has an archived text, archive/test-bulletin.txt; give --replace" in result.stderr
    assert snapshot(package) == before


def test_a_text_other_than_the_one_a_row_records_is_refused_without_replace(make_package, bulletin):
    package = make_package()
    stderr = refused(package, "test-article", bulletin, expect="data/sources.csv records SHA-256 8cc963f9")
    assert "give --replace to archive this one instead" in stderr


@pytest.mark.parametrize(
    "day, expect",
    [
        ((dt.date.today() + dt.timedelta(days=1)).isoformat(), "is a day to come"),
        ("2013-05-20", "is before test-bulletin was published, on 2013-05-21"),
    ],
    ids=["future", "before-publication"],
)
def test_a_day_the_text_cannot_have_been_taken_is_refused(package, bulletin, day, expect):
    refused(package, BULLETIN, bulletin, "--accessed-on", day, expect=expect)


def test_a_day_that_is_no_date_is_a_usage_error(package, bulletin):
    result = archive(package, BULLETIN, bulletin, "--accessed-on", "2013-02-30")
    assert result.returncode == 2 and "'--accessed-on'" in result.stderr


def test_an_address_that_is_not_http_is_refused(package):
    refused(package, BULLETIN, "ftp://example.org/bulletin.txt", expect="only http and https addresses are fetched")


def test_an_address_that_answers_404_is_refused_with_the_status(package, server):
    refused(package, BULLETIN, f"{server}/gone", expect=f"{server}/gone answered HTTP 404 Not Found")


def test_an_address_that_does_not_answer_in_time_is_refused(package, server):
    refused(package, BULLETIN, f"{server}/slow", "--timeout", "0.2", expect="did not answer within 0.2 seconds")


def test_an_address_that_is_neither_a_page_nor_text_is_refused(package, server):
    refused(package, BULLETIN, f"{server}/picture.png", expect="is image/png, not a web page or plain text")


def test_an_address_where_nothing_listens_is_refused(package, server):
    import socket

    with socket.socket() as probe:  # a port that was free a moment ago
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    refused(package, BULLETIN, f"http://127.0.0.1:{port}/x", expect="could not be fetched")


# --- Replacing, and what validation then checks -------------------------------------------------


def test_replace_archives_the_new_text_in_place_with_its_fingerprint_and_day(package, bulletin, tmp_path):
    assert archive(package, BULLETIN, bulletin, "--accessed-on", "2013-05-22").returncode == 0
    longer = tmp_path / "longer.txt"
    longer.write_text(BULLETIN_TEXT + "A correction was appended on May 23.\n", encoding="utf-8")
    result = archive(package, BULLETIN, longer, "--replace", "--accessed-on", "2013-05-23")
    assert result.returncode == 0, result.stderr
    written = package / "archive" / "test-bulletin.txt"
    assert written.read_bytes() == longer.read_bytes()
    row = source_row(package, BULLETIN)
    assert (row["archive_sha256"], row["accessed_on"]) == (
        hashlib.sha256(longer.read_bytes()).hexdigest(),
        "2013-05-23",
    )
    assert sorted(path.name for path in (package / "archive").iterdir()) == ["test-bulletin.txt"]


def test_once_archived_the_sources_quotes_are_checked_and_a_wrong_one_is_a_problem(package, bulletin):
    assert run_claimtrack("validate", cwd=package).returncode == 0
    assert archive(package, BULLETIN, bulletin).returncode == 0
    validated = run_claimtrack("validate", cwd=package)
    assert validated.returncode == 0, validated.stderr
    assert "1 quotes checked against 1 archived text(s) in the package's archive/" in validated.stdout
    claims = package / CLAIMS
    claims.write_text(claims.read_text(encoding="utf-8").replace("at least 11 widgets had", "at least 11 widgets have"))
    wrong = run_claimtrack("validate", cwd=package)
    assert wrong.returncode == 1
    assert "the quote is not word for word in the archived text of test-bulletin" in wrong.stderr
    assert "[quote-in-source]" in wrong.stderr


def test_once_archived_a_claim_added_with_a_quote_not_in_the_text_is_refused(package, bulletin):
    assert archive(package, BULLETIN, bulletin).returncode == 0
    before = snapshot(package)
    result = run_claimtrack(
        "add", "--measure-id", "test-widgets", "--claimant-id", "test-inspector", "--source-id", BULLETIN,
        "--figure-text", "at least 12 widgets", "--qualifier", "at least", "--low", "12",
        "--said-on", "2013-05-20", "--said-on-basis", "stated",
        "--quote", "A test inspector said on May 20 that at least 12 widgets had passed inspection.",
        cwd=package,
    )  # fmt: skip
    assert result.returncode == 1
    assert "the quote is not word for word in the archived text of test-bulletin" in result.stderr
    assert snapshot(package) == before


def test_archive_help_shows_an_example(package):
    result = run_claimtrack("archive", "--help", cwd=package)
    assert result.returncode == 0
    assert "Example:\n      claimtrack archive " in result.stdout
