"""claimtrack.validation.validate: every rule, proven on a small package with one deliberate fault.

Each case in tests/fixtures/broken/<case>/ is a copy of a base file
(tests/fixtures/base/data/) with one change; the expected problems are listed in
full, as (file, line, column, value, rule), so a missing or an extra problem fails.

The base claims.csv, by line:
  2  mt-2013-05-16-02  June 10-12, 'between', a date measure, status 'not realised'
  3  mt-2013-05-16-09  'at least 94,000', a count measure, said 2013-05-14
  4  test-widgets-01   'range' 10 to 20, as of 2013-05, 'confirmed', settled by test-widgets-02
  5  test-widgets-02   'exact' 15, said 2013-05-16
Lines 2-3 are real rows from data/; lines 4-5 quote the made-up test article in
tests/fixtures/archive/, the only source with an archived text there. The base
package has no archive/ folder of its own: its quotes are checked when that folder
is given (archive=TEST_ARCHIVE, as --archive), or copied into it (conftest.archived).
"""

from __future__ import annotations

import csv
from collections import Counter

import pytest

from claimtrack.model.problems import CODES, Problem
from claimtrack.validation.run import validate
from conftest import BROKEN, TEST_ARCHIVE, VALID, archived

SOURCES, CLAIMANTS, MEASURES, CLAIMS = "data/sources.csv", "data/claimants.csv", "data/measures.csv", "data/claims.csv"
CORRECTIONS = "data/corrections.csv"
DESCRIPTOR = "datapackage.json"


def located(problems: list[Problem]) -> Counter:
    """The problems as (file, line, column, value, rule), counted, in any order."""
    return Counter((p.file, p.line, p.column, p.value, p.rule) for p in problems)


def problems_of(package, archive=TEST_ARCHIVE) -> Counter:
    return located(validate(package, archive=archive).problems)


def cases(table: dict) -> list:
    return [pytest.param(case, expected, id=case) for case, expected in table.items()]


TABLE_SCHEMA_CASES = {
    "type-integer": [(CLAIMS, 3, "low", "94,000", "type")],
    "type-date": [(CLAIMS, 2, "date_from", "2013/06/10", "type")],
    "type-uri": [(SOURCES, 3, "url", "https:///claimtrack/test-article", "type")],
    # only http and https addresses: never a script a page would run when clicked
    "url-javascript": [(SOURCES, 3, "url", "javascript:alert(document.cookie)", "type")],
    "required": [(CLAIMS, 3, "claimant_id", "", "required")],
    "enum": [(CLAIMANTS, 5, "kind", "individual", "enum")],
    "pattern": [(SOURCES, 3, "language", "English", "pattern")],
    "minimum": [(CLAIMS, 5, "value", "-15", "minimum")],
    "max-length": [
        (
            CLAIMS,
            3,
            "claim_id",
            "mt-2013-05-16-09-the-observatory-count-of-at-least-94000-killed-in-syria",
            "max-length",
        )
    ],
    "primary-key": [(CLAIMS, 3, "claim_id", "mt-2013-05-16-02", "primary-key")],
    "foreign-key": [(CLAIMS, 3, "measure_id", "syria-death", "foreign-key")],
    # settled_by points into claims.csv itself
    "foreign-key-settled-by": [(CLAIMS, 4, "settled_by", "test-widgets-03", "foreign-key")],
    # The real schemas use unique, maximum and minLength on no field outside a
    # primary key: these three cases add the constraint to their own copy of a
    # schema, and the base data, unchanged, breaks it.
    "unique": [(SOURCES, 3, "kind", "news report", "unique")],
    "maximum": [(CLAIMS, 5, "value", "15", "maximum")],
    "min-length": [(CLAIMANTS, 3, "name", "Interfax", "min-length")],
    "date": [(CLAIMS, 3, "said_on", "2013-02-30", "date")],
    "formula": [(CLAIMANTS, 3, "note", "=1+1", "formula")],
    # what a spreadsheet still reads as a formula: a sign after a line feed, a space, an
    # invisible character or a quote mark, and a fullwidth sign
    "formula-line-feed": [(CLAIMANTS, 3, "note", "\n=1+1", "formula")],
    "formula-space": [(CLAIMANTS, 3, "note", " =1+1", "formula")],
    "formula-zero-width-space": [(CLAIMANTS, 3, "note", "\u200b=1+1", "formula")],
    "formula-byte-order-mark": [(CLAIMANTS, 3, "note", "\ufeff=1+1", "formula")],
    "formula-fullwidth": [(CLAIMANTS, 3, "note", "\uff1d1+1", "formula")],
    "formula-quote": [(CLAIMANTS, 3, "note", '"=1+1', "formula")],
    # a vertical tab in a name (which crashed the chart renderer), a terminal's escape
    # sequence in a note, a line break in a one-line column, a right-to-left override
    "control-character": [(CLAIMANTS, 3, "name", "Inter\x0bfax", "control-character")],
    "control-character-escape": [
        (CLAIMANTS, 3, "note", "Seen in \x1b]0;a new window title\x07 a wire report.", "control-character")
    ],
    "control-character-line-break": [(CLAIMANTS, 3, "name", "Inter\nfax", "control-character")],
    "bidi-control": [(CLAIMANTS, 5, "name", "a test \u202ereksaeps", "bidi-control")],
    # a link that reads as The Moscow Times and leads elsewhere, or imitates its host
    "url-userinfo": [
        (
            SOURCES,
            2,
            "url",
            "https://evil.example\\@www.themoscowtimes.com/2013/05/16/"
            "syria-peace-conference-tentatively-scheduled-for-mid-june-a24070",
            "link",
        )
    ],
    "url-homograph": [
        (
            SOURCES,
            2,
            "url",
            "https://www.themoscowt\u0456mes.com/2013/05/16/syria-peace-conference-tentatively-scheduled-for-mid-june-a24070",
            "link",
        )
    ],
    "url-punycode": [
        (
            SOURCES,
            2,
            "url",
            "https://www.xn--themoscowtmes-dil.com/2013/05/16/syria-peace-conference-tentatively-scheduled-for-mid-june-a24070",
            "link",
        )
    ],
}


@pytest.mark.parametrize("case, expected", cases(TABLE_SCHEMA_CASES))
def test_a_cell_breaking_its_schema_is_reported_once_on_that_cell(make_package, case, expected):
    assert problems_of(make_package(case)) == Counter(expected)


FILE_CASES = {
    "merge-conflict": [
        (MEASURES, 3, None, "<<<<<<< HEAD", "merge-conflict"),
        (MEASURES, 5, None, "=======", "merge-conflict"),
        (MEASURES, 7, None, ">>>>>>> other-branch", "merge-conflict"),
    ],
    "blank-row": [(CLAIMANTS, 4, None, None, "blank-row")],
    "row-length-short": [(CLAIMS, 3, None, None, "row-length")],
    "row-length-long": [(CLAIMS, 3, None, None, "row-length")],
    "csv-syntax": [(MEASURES, 3, None, None, "csv-syntax")],
    "encoding-latin-1": [(CLAIMANTS, 5, None, None, "encoding")],
    "encoding-utf-16": [(MEASURES, 1, None, None, "encoding")],
    "empty-file": [(MEASURES, 1, None, None, "empty-file")],
    "nul-byte": [(CLAIMANTS, 3, None, None, "nul-byte")],
    # the first bytes of a PNG image, saved as measures.csv
    "binary-file": [(MEASURES, 3, None, None, "nul-byte")],
    # a type error on line 5, in a file whose lines end in CR alone, or in CR, LF and CRLF
    "line-endings-cr-only": [(CLAIMS, 5, "value", "fifteen", "type")],
    "line-endings-mixed": [(CLAIMS, 5, "value", "fifteen", "type")],
    "delimiter-semicolon": [
        (MEASURES, 1, None, "measure_id;label;topic;kind;unit;scope;origin;description;sentence;keywords", "header")
    ],
    # as spreadsheets save them, with cells in quotes: the hint alone, not the quotes
    # the comma reader would find out of place nor the rows it would split at a comma
    "delimiter-semicolon-quoted": [
        (
            MEASURES,
            1,
            None,
            '"measure_id";"label";"topic";"kind";"unit";"scope";"origin";"description";"sente',
            "header",
        )
    ],
    "delimiter-tab-quoted": [
        (
            MEASURES,
            1,
            None,
            '"measure_id"\t"label"\t"topic"\t"kind"\t"unit"\t"scope"\t"origin"\t"description"\t"sente',
            "header",
        )
    ],
    "delimiter-pipe-quoted": [
        (MEASURES, 1, None, "measure_id|label|topic|kind|unit|scope|origin|description|sentence|keywords", "header")
    ],
    # a quote in a cell that is not in quotes: ab"c, abc" and a"b"c
    "stray-quote-inside-cell": [(CLAIMANTS, 4, "description", 'a British"based monitoring group', "csv-syntax")],
    "stray-quote-ending-cell": [(CLAIMANTS, 5, "note", "Made up: exists only in claimtrack's tests.\"", "csv-syntax")],
    "stray-quotes-around-word": [
        (CLAIMANTS, 2, "note", 'The source does not "name" the official or say whom they speak for.', "csv-syntax")
    ],
    # a note of 140,112 characters (past the csv module's default of 131,072) on line 3,
    # with commas, quotes and line breaks: read whole, and the fault after it still found
    "cell-long": [(CLAIMANTS, 1256, "kind", "persn", "enum")],
    # a header of 100,010 columns (100,000 commas after the ten names): past the 500 a table
    # may have, refused before any row is read
    "header-too-wide": [(MEASURES, 1, None, None, "header")],
    # the rows below the title are read, and their lines are counted from the top of the file
    "title-line": [(MEASURES, 1, None, "Measures of the story, as of May 2013", "header")],
    "undeclared-file": [("data/notes.csv", None, None, None, "undeclared-file")],
    # datapackage.json names data/measure.csv: missing, and data/measures.csv undeclared
    "descriptor-path-typo": [
        ("data/measure.csv", None, None, None, "missing-file"),
        (MEASURES, None, None, None, "undeclared-file"),
    ],
}


@pytest.mark.parametrize("case, expected", cases(FILE_CASES))
def test_a_file_that_cannot_be_read_as_a_table_is_reported_on_the_line_at_fault(make_package, case, expected):
    assert problems_of(make_package(case)) == Counter(expected)


def test_a_cell_past_the_csv_modules_default_limit_is_read_whole_whatever_was_imported_before(make_package):
    problems_of(make_package())  # what validating imports is imported now, and raises no limit later
    before = csv.field_size_limit(131_072)  # the csv module's own limit, as a fresh process has it
    try:
        assert problems_of(make_package("cell-long")) == Counter(FILE_CASES["cell-long"])
    finally:
        csv.field_size_limit(before)


HEADER_CASES = {
    "header-missing": [(MEASURES, 1, "origin", None, "header")],
    "header-misspelt": [(MEASURES, 1, "scpoe", "scpoe", "header"), (MEASURES, 1, "scope", None, "header")],
    "header-extra": [(MEASURES, 1, "notes", "notes", "header")],
    "header-duplicated": [(MEASURES, 1, "origin", "origin", "header"), (MEASURES, 1, "description", None, "header")],
    "header-blank": [(MEASURES, 1, None, "", "header"), (MEASURES, 1, "description", None, "header")],
    "header-reordered": [(MEASURES, 1, None, None, "header")],
    "header-invisible": [(MEASURES, 1, "label\u200b", "label\u200b", "header")],
}


@pytest.mark.parametrize("case, expected", cases(HEADER_CASES))
def test_a_header_that_differs_from_the_schema_is_reported_on_line_1(make_package, case, expected):
    assert problems_of(make_package(case)) == Counter(expected)


CROSS_FIELD_CASES = {
    "duplicate-claim": [(CLAIMS, 6, "claim_id", "mt-2013-05-16-99", "duplicate-claim")],
    # the test article's page recorded as a second source
    "duplicate-source": [
        ("data/sources.csv", 4, "url", "https://example.org/claimtrack/test-article", "duplicate-source")
    ],
    "status-kind": [(CLAIMS, 3, "status", "not realised", "status-kind")],
    "appearance-source": [("data/appearances.csv", 2, "source_id", "mt-2013-05-16", "appearance-source")],
    # an appearance in a source published before the claim was made; its via lacks via_relation
    "appearance-before-said": [
        ("data/appearances.csv", 2, "source_id", "early-report", "said-before-published"),
        ("data/appearances.csv", 2, "via_relation", "", "via-relation"),
    ],
    "via-relation-missing": [(CLAIMS, 2, "via_relation", "", "via-relation")],
    "via-relation-without-via": [(CLAIMS, 3, "via_relation", "reported by", "via-relation")],
    "bounds-order-low-above-value": [(CLAIMS, 4, "low", "10", "bounds-order")],
    "bounds-order-value-above-high": [(CLAIMS, 4, "high", "20", "bounds-order")],
    "bounds-order-low-above-high": [(CLAIMS, 4, "high", "20", "bounds-order")],
    "dates-order": [(CLAIMS, 2, "date_to", "2013-06-09", "dates-order")],
    "measure-kind-dates-on-count": [(CLAIMS, 3, "date_from", "2013-05-14", "measure-kind")],
    "measure-kind-numbers-on-date": [(CLAIMS, 2, "value", "10", "measure-kind")],
    "qualifier-kind": [(CLAIMS, 2, "qualifier", "range", "qualifier-kind")],
    "qualifier-bounds-missing": [(CLAIMS, 3, "low", "", "qualifier-bounds")],
    "qualifier-bounds-forbidden": [(CLAIMS, 3, "high", "120000", "qualifier-bounds")],
    "qualifier-bounds-on-two-days": [(CLAIMS, 2, "date_to", "2013-06-12", "qualifier-bounds")],
    "said-on-basis-date-missing": [(CLAIMS, 3, "said_on", "", "said-on-basis")],
    "said-on-basis-not-stated": [(CLAIMS, 3, "said_on_basis", "not stated", "said-on-basis")],
    "as-of-basis-missing": [(CLAIMS, 4, "as_of_basis", "", "as-of-basis")],
    "as-of-basis-without-date": [(CLAIMS, 4, "as_of_basis", "stated", "as-of-basis")],
    "said-before-published": [(CLAIMS, 3, "said_on", "2013-05-17", "said-before-published")],
    "as-of-before-said": [(CLAIMS, 4, "as_of", "2013-06", "as-of-before-said")],
    "settled-by-superseded-without": [(CLAIMS, 3, "settled_by", "", "settled-by")],
    "settled-by-status-reported": [(CLAIMS, 4, "settled_by", "test-widgets-02", "settled-by")],
    "settled-by-self": [(CLAIMS, 4, "settled_by", "test-widgets-01", "settled-by")],
    # test-widgets-01 is settled by -02, and -02 by -01
    "settled-by-cycle": [
        (CLAIMS, 4, "settled_by", "test-widgets-02", "settled-by"),
        (CLAIMS, 5, "settled_by", "test-widgets-01", "settled-by"),
    ],
    "settled-by-other-measure": [(CLAIMS, 4, "settled_by", "mt-2013-05-16-09", "settled-by")],
    # test-widgets-02 now said on 2013-05-13, the day before the claim it settles
    "settled-by-earlier-claim": [(CLAIMS, 4, "settled_by", "test-widgets-02", "settled-by")],
    "figure-in-quote": [(CLAIMS, 3, "figure_text", "at least 94000", "figure-in-quote")],
    # a hedge the quote does not hold: the desk's word, not the source's
    "hedge-in-quote": [(CLAIMS, 3, "hedge", "certainly", "hedge-in-quote")],
    # Lists in a cell: "SOHR|" ends in an empty alias, "SOHR| sohr" lists one twice (case and
    # spaces aside), Interfax's alias "interfax" is its own name, and a keyword is empty.
    "list-item-empty": [(CLAIMANTS, 4, "aliases", "SOHR|", "list-item")],
    "list-item-twice": [(CLAIMANTS, 4, "aliases", "SOHR| sohr", "list-item")],
    "list-item-own-name": [(CLAIMANTS, 3, "aliases", "interfax", "list-item")],
    "list-item-keywords": [(MEASURES, 4, "keywords", "produced||manufactured", "list-item")],
    # Both the Observatory and the test speaker go by SOHR: reported on both rows.
    "ambiguous-alias": [
        (CLAIMANTS, 4, "aliases", "SOHR", "ambiguous-alias"),
        (CLAIMANTS, 5, "aliases", "the speaker|SOHR", "ambiguous-alias"),
    ],
    # The test speaker's alias is another claimant's name.
    "ambiguous-alias-name": [(CLAIMANTS, 5, "aliases", "Interfax", "ambiguous-alias")],
    # The log names a claim that is not there, a column claims lacks, and a claim's id.
    "correction-row": [
        (CORRECTIONS, 2, "row_id", "test-widgets-99", "correction-row"),
        (CORRECTIONS, 3, "column", "colour", "correction-row"),
        (CORRECTIONS, 4, "column", "claim_id", "correction-row"),
    ],
    # An entry that changes nothing; one whose figure is not the data's, with no later
    # entry of the cell; a second entry of a note that does not start from the first's.
    "correction-value": [
        (CORRECTIONS, 2, "became", "Made up: a test claim.", "correction-value"),
        (CORRECTIONS, 3, "became", "exactly 16 widgets", "correction-value"),
        (CORRECTIONS, 5, "was", "Made up: the claim.", "correction-value"),
    ],
    # A correction with no reason; a status move needs none.
    "correction-reason": [(CORRECTIONS, 2, "reason", "", "correction-reason")],
}


@pytest.mark.parametrize("case, expected", cases(CROSS_FIELD_CASES))
def test_a_rule_across_fields_is_reported_in_the_column_it_blames(make_package, case, expected):
    assert problems_of(make_package(case)) == Counter(expected)


ARCHIVE_CASES = {
    "quote-in-source": [
        (CLAIMS, 5, "quote", "On Thursday the test speaker counted exactly 15 widgets made in June.", "quote-in-source")
    ],
    "archive-file": [(SOURCES, 3, "archive_file", "test-article-2013.txt", "archive-file")],
    "archive-fingerprint-mismatch": [
        (
            SOURCES,
            3,
            "archive_sha256",
            "8cc963f9eb55c84a33c980b74d96ebad1a4815a8fe7c30ce35d555d5fea27ee9",
            "archive-fingerprint",
        )
    ],
    "archive-fingerprint-missing": [(SOURCES, 3, "archive_sha256", "", "archive-fingerprint")],
}


@pytest.mark.parametrize("case, expected", cases(ARCHIVE_CASES))
def test_a_source_or_quote_that_does_not_match_the_archive_is_reported(make_package, case, expected):
    assert problems_of(make_package(case)) == Counter(expected)


DESCRIPTOR_CASES = {
    # The comma is missing at the end of line 6; JSON reports where it expected it: line 7.
    "descriptor-invalid-json": [(DESCRIPTOR, 7, None, None, "json")],
    "descriptor-duplicate-name": [(DESCRIPTOR, None, None, None, "descriptor")],
    "descriptor-resource-path": [(DESCRIPTOR, None, None, "../data/claims.csv", "path")],
    "descriptor-schema-url": [(DESCRIPTOR, None, None, "https://example.org/schemas/claims.json", "path")],
    "descriptor-resource-url": [(DESCRIPTOR, None, None, "https://example.org/data/claims.csv", "path")],
    "descriptor-absolute-path": [(DESCRIPTOR, None, None, "/etc/passwd", "path")],
    # a Windows path that climbs out of the package, and would be a zip entry of that name
    "descriptor-resource-backslash": [(DESCRIPTOR, None, None, "data\\..\\..\\evil.csv", "path")],
    "descriptor-file-url": [(DESCRIPTOR, None, None, "file:///etc/passwd", "path")],
    "descriptor-profile-url": [(DESCRIPTOR, None, None, "https://example.org/profiles/data-package.json", "path")],
    # 5,000 nested lists in a custom property: refused before anything walks them
    "descriptor-deeply-nested": [(DESCRIPTOR, None, None, None, "json")],
    # a single-quoted name on line 4
    "schema-invalid-json": [("schemas/measures.json", 4, None, None, "json")],
    "schema-unknown-type": [("schemas/measures.json", None, None, None, "schema")],
    # a part of a schema of another type than Table Schema gives it, or naming what is not there
    "schema-primary-key-unknown-field": [("schemas/appearances.json", None, None, None, "schema")],
    "schema-primary-key-number": [("schemas/appearances.json", None, None, None, "schema")],
    "schema-constraints-text": [("schemas/appearances.json", None, None, None, "schema")],
    "schema-enum-number": [("schemas/appearances.json", None, None, None, "schema")],
    "schema-foreign-keys-text": [("schemas/appearances.json", None, None, None, "schema")],
    "schema-missing-values-number": [("schemas/appearances.json", None, None, None, "schema")],
    "schema-max-length-text": [("schemas/appearances.json", None, None, None, "schema")],
    "schema-minimum-text": [("schemas/claims.json", None, None, None, "schema")],
    "schema-pattern-invalid": [("schemas/appearances.json", None, None, None, "schema")],
    "schema-foreign-key-missing-resource": [("schemas/appearances.json", None, None, None, "schema")],
    # a field's title that is a number: claimtrack reads no title, the standard's profile refuses it
    "schema-profile": [("schemas/appearances.json", None, None, None, "schema")],
    # claims renamed claimz: a table the tool reads by its name is not there
    "descriptor-resource-renamed": [(DESCRIPTOR, None, None, "claimz", "descriptor")],
    # a chart named with capitals and a space, of no known kind
    "views-shape": [(DESCRIPTOR, None, None, "Tolls Chart", "views"), (DESCRIPTOR, None, None, "pie", "views")],
    "topics-declared-twice": [(DESCRIPTOR, None, None, "death toll", "topics")],
    # 101 resources, and 501 fields in one schema: past the bounds on what a package declares
    "descriptor-too-many-resources": [(DESCRIPTOR, None, None, None, "descriptor")],
    "schema-too-many-fields": [("schemas/claimants.json", None, None, None, "schema")],
}


@pytest.mark.parametrize("case, expected", cases(DESCRIPTOR_CASES))
def test_a_broken_descriptor_or_schema_is_reported_and_no_data_is_read(make_package, case, expected):
    report = validate(make_package(case), archive=TEST_ARCHIVE)
    assert located(report.problems) == Counter(expected)
    assert report.tables == {}


# Schemas as an older claimtrack wrote them: a field the rules read is not there, or a
# field the claims point to is of another type (sources' published_on a full date).
SCHEMA_DRIFT_CASES = {
    "older-schema-lacking-field": [("schemas/claims.json", None, None, "hedge", "schema")],
    "older-schema-field-type": [("schemas/claims.json", None, None, None, "schema")],
}


@pytest.mark.parametrize("case, expected", cases(SCHEMA_DRIFT_CASES))
def test_a_schema_an_older_claimtrack_wrote_is_reported_on_the_schema_and_the_other_rules_still_run(
    make_package, case, expected
):
    report = validate(make_package(case), archive=TEST_ARCHIVE)
    assert located(report.problems) == Counter(expected)
    assert set(report.tables) >= {"claims", "sources"}  # the data was read and checked


SCHEMA_MESSAGES = {
    "schema-primary-key-unknown-field": "primaryKey names 'nope', which is not a field of this schema",
    "schema-primary-key-number": "primaryKey must be a field name or a list of field names",
    "schema-constraints-text": "field 'quote': constraints must be a JSON object",
    "schema-enum-number": "field 'via_relation': enum must be a non-empty list",
    "schema-foreign-keys-text": "foreignKeys must be a list of foreign keys",
    "schema-missing-values-number": "missingValues must be a list of texts",
    "schema-max-length-text": "field 'claim_id': maxLength must be a whole number of characters, such as 64, not '64'",
    "schema-minimum-text": "field 'low': minimum must be a whole number, not 'zero'",
    "schema-pattern-invalid": "field 'claim_id': pattern '([' is not a regular expression",
    "schema-foreign-key-missing-resource": "refers to the resource 'people', which the package does not have",
    "schema-profile": "does not follow the standard's profile: 5 is not of type 'string' at property 'title'",
    "descriptor-resource-renamed": "the package has no resource named claims",
    "descriptor-too-many-resources": "declares 101 resources; a package may declare at most 100",
    "schema-too-many-fields": "the schema has 501 fields; a table may have at most 500",
    "header-too-wide": "the header has 100,010 columns; a table may have at most 500: the file was not read further",
    "older-schema-lacking-field": "the schema has no field 'hedge', which claimtrack reads to check hedge-in-quote: "
    "add the field as `claimtrack init` writes this schema",
    "older-schema-field-type": "claimtrack could not check the rows of data/claims.csv (said-on-basis): a field the check "
    "reads, in this schema or that of a table it points to, is not of the type claimtrack's own schemas give it",
}


@pytest.mark.parametrize("case, words", SCHEMA_MESSAGES.items(), ids=list(SCHEMA_MESSAGES))
def test_a_schema_part_of_the_wrong_type_says_which_part_and_what_it_must_be(make_package, case, words):
    (problem,) = validate(make_package(case), archive=TEST_ARCHIVE).problems
    assert words in problem.message


# Values as spreadsheets and people write them, in rows whose made-up quotes are
# not in the test article: checked without the archive.
VALUE_CASES = {
    # claims 6-19 differ from line 5 in their value (and its words in figure_text and quote)
    "values-numbers": [
        (CLAIMS, 6, "value", "1,234", "type"),
        (CLAIMS, 7, "value", "12%", "type"),
        (CLAIMS, 8, "value", "1.2m", "type"),
        (CLAIMS, 9, "value", "\u221215", "type"),  # a Unicode minus
        (CLAIMS, 10, "value", "15\u00a0000", "type"),  # a non-breaking space
        (CLAIMS, 11, "value", "NaN", "type"),
        (CLAIMS, 12, "value", "inf", "type"),
        (CLAIMS, 13, "value", "Infinity", "type"),
        (CLAIMS, 14, "value", "1.5", "type"),
        (CLAIMS, 15, "value", "fifteen", "type"),
        (CLAIMS, 16, "value", "NA", "type"),
        (CLAIMS, 17, "value", "None", "type"),
        (CLAIMS, 18, "value", "null", "type"),
        # -12 is a number below the minimum; its figure_text "-12" is not taken for a formula
        (CLAIMS, 19, "value", "-12", "minimum"),
    ],
    "values-dates": [
        (CLAIMS, 2, "date_from", "03/04/2013", "type"),
        (CLAIMS, 2, "date_to", "2013-02-30", "type"),
        (CLAIMS, 3, "said_on", "16/05/2013", "pattern"),
        (CLAIMS, 4, "as_of", "NA", "pattern"),
    ],
}


@pytest.mark.parametrize("case, expected", cases(VALUE_CASES))
def test_a_value_written_as_people_write_it_is_reported_on_its_cell(make_package, case, expected):
    assert problems_of(make_package(case), archive=None) == Counter(expected)


# What a chart draws is checked against the measures: the data is read.
VIEW_CASES = {
    # a measure the package does not have; a date measure in a chart of counts
    "views-measures": [
        (DESCRIPTOR, None, None, "no-such-measure", "views"),
        (DESCRIPTOR, None, None, "geneva-2-date", "views"),
    ],
    # "death tolls" for "death toll": a topic the descriptor does not declare
    "topic-declared": [("data/measures.csv", 2, "topic", "death tolls", "topic-declared")],
}


@pytest.mark.parametrize("case, expected", cases(VIEW_CASES))
def test_a_chart_or_topic_the_data_does_not_bear_out_is_reported(make_package, case, expected):
    assert problems_of(make_package(case)) == Counter(expected)


def test_a_view_problem_names_the_view_and_what_to_do(make_package):
    messages = [p.message for p in validate(make_package("views-measures"), archive=TEST_ARCHIVE).problems]
    assert any("views[0] (tolls)" in m and "no measure 'no-such-measure'" in m for m in messages)
    assert any("geneva-2-date is a date measure" in m and "a timeline chart draws it" in m for m in messages)
    (topic,) = [p.message for p in validate(make_package("topic-declared"), archive=TEST_ARCHIVE).problems]
    assert "'death tolls' is not one of the package's topics (death toll, " in topic
    assert "claimtrack measure add --new-topic" in topic


ALL_CASES = (
    TABLE_SCHEMA_CASES
    | FILE_CASES
    | HEADER_CASES
    | CROSS_FIELD_CASES
    | ARCHIVE_CASES
    | DESCRIPTOR_CASES
    | VALUE_CASES
    | VIEW_CASES
    | SCHEMA_DRIFT_CASES
)
OTHER_FIXTURES = {
    "several-files",
    "multiline-cell-then-type-error",
    "multiline-cell-then-short-row",
    "csv-syntax-unclosed-last-column",
    "csv-syntax-stray-quote",
    "year-out-of-range-date",
    "year-out-of-range-said-on",
}


# Codes no fixture can produce: "io" needs a file the test user cannot read.
UNREACHABLE = {"io"}


def test_every_rule_a_problem_can_carry_has_a_broken_case():
    covered = {rule for expected in ALL_CASES.values() for (_, _, _, _, rule) in expected}
    assert covered == CODES - UNREACHABLE


def test_every_broken_fixture_folder_is_used_by_a_test():
    folders = {path.name for path in BROKEN.iterdir() if path.is_dir()}
    assert folders == set(ALL_CASES) | OTHER_FIXTURES


def test_the_base_fixture_is_valid_and_its_quotes_are_checked_against_the_archive(make_package):
    report = validate(make_package(), archive=TEST_ARCHIVE)
    assert report.problems == []
    assert {name: len(frame) for name, frame in report.tables.items()} == {
        "sources": 2,
        "claimants": 4,
        "measures": 3,
        "claims": 4,
        "appearances": 0,
        "corrections": 0,
    }
    assert report.notes == [
        f"2 quotes checked against 1 archived text(s) in {TEST_ARCHIVE}; "
        "2 not checked: their sources have no archived text there "
        "(archive one with: claimtrack archive SOURCE_ID FILE_OR_URL)"
    ]


def test_aliases_and_keywords_as_people_type_them_are_valid(make_package):
    # valid/lists: an acronym alias, aliases and keywords with spaces around the bar.
    report = validate(make_package("lists", VALID), archive=TEST_ARCHIVE)
    assert report.problems == []
    claimants = report.tables["claimants"].set_index("claimant_id")
    assert claimants.loc["test-speaker", "aliases"] == "the test speaker | TS"


def test_a_problem_reads_as_file_line_column_value_message_and_rule(make_package):
    (problem,) = validate(make_package("type-integer"), archive=TEST_ARCHIVE).problems
    assert str(problem) == (
        'data/claims.csv, line 3, column low, value "94,000": '
        "'94,000' is not a whole number written in digits only, e.g. 94000 "
        "(no commas, spaces, units or decimals); write 94000 [type]"
    )


def test_problems_are_sorted_by_file_in_package_order_then_by_line(make_package):
    # Found in another order: the blank row on reading, before any cell; the
    # dates of line 2 by a cross-field rule, after the cells of line 4.
    problems = validate(make_package("several-files"), archive=TEST_ARCHIVE).problems
    assert [(p.file, p.line, p.column) for p in problems] == [
        (SOURCES, 3, "language"),
        (MEASURES, 3, None),
        (CLAIMS, 2, "date_to"),
        (CLAIMS, 4, "low"),
    ]


def test_a_cell_after_a_multiline_quoted_cell_is_reported_on_its_physical_line(make_package):
    # The note of the row starting on line 2 runs over lines 2-3, so the next row starts on line 4.
    assert problems_of(make_package("multiline-cell-then-type-error")) == Counter(
        [(CLAIMS, 4, "low", "94,000", "type")]
    )


def test_lines_stay_right_after_a_multiline_cell_when_a_short_row_forces_the_exact_reader(make_package):
    assert problems_of(make_package("multiline-cell-then-short-row")) == Counter(
        [(CLAIMS, 4, None, None, "row-length"), (CLAIMS, 6, "value", "fifteen", "type")]
    )


def test_a_utf8_file_with_a_byte_order_mark_is_accepted(make_package):
    package = make_package("utf8-bom", VALID)
    assert (package / CLAIMS).read_bytes().startswith(b"\xef\xbb\xbf")
    report = validate(package, archive=TEST_ARCHIVE)
    assert report.problems == []
    assert list(report.tables["claims"].columns)[0] == "claim_id"


def test_without_archived_texts_the_notes_count_the_quotes_not_checked_and_name_the_verb(make_package):
    report = validate(make_package("quote-in-source"), archive=None)
    assert report.problems == []
    assert report.notes == [
        "4 quote(s) not checked: no source has its archived text in the package's archive/ "
        "(archive one with: claimtrack archive SOURCE_ID FILE_OR_URL)",
        "test-article: 2 quote(s) not checked: its archived text test-article.txt, recorded in sources.csv, "
        "is not in the package's archive/; archive it from your own copy: claimtrack archive test-article FILE_OR_URL",
    ]


def test_quotes_are_checked_against_the_packages_own_archive_folder_with_no_folder_given(make_package):
    report = validate(archived(make_package("quote-in-source")))
    assert located(report.problems) == Counter(ARCHIVE_CASES["quote-in-source"])
    assert report.notes == [
        "2 quotes checked against 1 archived text(s) in the package's archive/; 2 not checked: their sources "
        "have no archived text there (archive one with: claimtrack archive SOURCE_ID FILE_OR_URL)"
    ]
    assert report.archive.checked == {"test-article": 2}


def test_a_text_missing_from_the_packages_own_archive_is_a_note_and_from_a_given_folder_a_problem(make_package):
    package = archived(make_package("archive-file"))
    # The row names test-article-2013.txt; the folder holds test-article.txt.
    assert problems_of(package, archive=None) == Counter()
    assert any("its archived text test-article-2013.txt, recorded" in note for note in validate(package).notes)
    assert problems_of(package, archive=package / "archive") == Counter(ARCHIVE_CASES["archive-file"])


def test_a_changed_text_in_the_packages_own_archive_is_a_problem(make_package):
    package = archived(make_package("archive-fingerprint-mismatch"))
    assert problems_of(package, archive=None) == Counter(ARCHIVE_CASES["archive-fingerprint-mismatch"])


def test_the_notes_name_a_few_sources_whose_texts_are_missing_and_count_the_rest(make_package):
    package = make_package()
    sources = package / SOURCES
    rows = [
        f"gone-{i},The Test Gazette,,,https://example.org/gone/{i},2013-05-16,news report,en,gone-{i}.txt,{'0' * 64},,"
        for i in range(7)
    ]
    sources.write_text(sources.read_text(encoding="utf-8") + "\n".join(rows) + "\n", encoding="utf-8")
    notes = validate(package).notes
    assert [note.split(":")[0] for note in notes[1:-1]] == ["test-article", "gone-0", "gone-1", "gone-2", "gone-3"]
    assert notes[-1] == "...and 3 more source(s) whose recorded archived text is not in the package's archive/"


def test_a_named_archive_file_needs_its_fingerprint_even_without_an_archive(make_package):
    assert problems_of(make_package("archive-fingerprint-missing"), archive=None) == Counter(
        [(SOURCES, 3, "archive_sha256", "", "archive-fingerprint")]
    )


def test_a_missing_package_folder_is_reported_not_raised(tmp_path):
    report = validate(tmp_path / "nowhere")
    assert [(p.file, p.rule) for p in report.problems] == [(DESCRIPTOR, "missing-file")]


def test_a_quote_left_open_in_the_last_column_is_reported_not_swallowing_the_rows_after_it(make_package):
    assert problems_of(make_package("csv-syntax-unclosed-last-column")) == Counter(
        [(CLAIMS, 3, None, None, "csv-syntax")]
    )


def test_text_after_a_closing_quote_is_reported_as_csv_syntax(make_package):
    assert problems_of(make_package("csv-syntax-stray-quote")) == Counter([(CLAIMS, 3, None, None, "csv-syntax")])


@pytest.mark.parametrize(
    "case, line, column",
    [("year-out-of-range-date", 2, "date_from"), ("year-out-of-range-said-on", 3, "said_on")],
)
def test_a_typo_in_a_year_is_reported_not_raised(make_package, case, line, column):
    # 3013 for 2013: the claim is dated after its source or its span runs backwards;
    # whatever rule catches it, validation must report the row, not crash.
    report = validate(make_package(case), archive=TEST_ARCHIVE)
    assert any(p.file == CLAIMS and p.line == line for p in report.problems)


def test_a_descriptor_given_in_place_of_the_file_is_the_one_checked(make_package):
    # How a change to datapackage.json is checked before it is written: the file stays as it was.
    import json

    package = make_package()
    before = (package / DESCRIPTOR).read_bytes()
    descriptor = json.loads(before)
    descriptor["topics"] = [t for t in descriptor["topics"] if t["name"] != "context"]
    report = validate(package, overrides={DESCRIPTOR: json.dumps(descriptor).encode()})
    # test-widgets, on line 4 of the base measures.csv, is of the topic no longer declared.
    assert located(report.problems) == Counter([(MEASURES, 4, "topic", "context", "topic-declared")])
    assert (package / DESCRIPTOR).read_bytes() == before
    broken = validate(package, overrides={DESCRIPTOR: b'{"name": '})
    assert [(p.file, p.line, p.rule) for p in broken.problems] == [(DESCRIPTOR, 1, "json")]


def _published_on(package, day: str) -> None:
    path = package / SOURCES
    text = path.read_text(encoding="utf-8")
    assert ",https://example.org/claimtrack/test-article,2013-05-16," in text
    path.write_text(
        text.replace(
            ",https://example.org/claimtrack/test-article,2013-05-16,",
            f",https://example.org/claimtrack/test-article,{day},",
        ),
        encoding="utf-8",
    )


def test_a_page_dated_to_the_month_only_is_valid_and_its_claims_may_fall_in_that_month(make_package):
    package = make_package()
    _published_on(package, "2013-05")
    assert problems_of(package) == Counter()


def test_a_claim_made_after_a_month_only_page_s_month_is_still_refused(make_package):
    package = make_package()
    _published_on(package, "2013-04")
    found = problems_of(package)
    assert found and all(code in ("said-before-published", "said-on-basis") for *_, code in found)


def test_schema_for_gives_the_pandera_polars_schemas_validate_checks_a_table_with(make_package):
    import pandera.polars as pa

    from claimtrack.validation import schema_for

    checks = schema_for(make_package("type-integer"), "claims")
    assert isinstance(checks.cells, pa.DataFrameSchema) and isinstance(checks.rows, pa.DataFrameSchema)
    assert "type" in [check.name for check in checks.cells.columns["low"].checks]
    assert checks.cells.columns["claim_id"].nullable is False  # required
    assert "bounds-order" in [check.name for check in checks.rows.columns["low"].checks]
    with pytest.raises(pa.errors.SchemaErrors) as failed:
        checks.cells.validate(checks.cells_frame, lazy=True)
    assert [(error.schema.name, error.check.name) for error in failed.value.schema_errors] == [("low", "type")]
    # The cell that is no number is missing in the typed rows: the qualifier finds it empty,
    # which validate does not report a second time on the same cell.
    with pytest.raises(pa.errors.SchemaErrors) as failed:
        checks.rows.validate(checks.rows_frame, lazy=True)
    assert [error.check.name for error in failed.value.schema_errors] == ["qualifier-bounds"]
    assert checks.rows_frame["measure_kind"].null_count() == 0  # each claim beside its measure's kind


def test_schema_for_a_table_the_package_does_not_have_names_it(make_package):
    from claimtrack.validation import schema_for

    with pytest.raises(KeyError, match="no resource named 'claim'"):
        schema_for(make_package(), "claim")


def test_a_claim_repeats_only_an_earlier_row_with_all_five_columns_alike(make_package):
    package = make_package()
    with (package / CLAIMS).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    first = rows[0]
    added = [
        dict(first, claim_id="again-1"),
        dict(first, claim_id="other-quote", quote=first["quote"] + " Made up for this test."),
        dict(first, claim_id="other-figure", figure_text=first["figure_text"] + " or so"),
        dict(first, claim_id="again-2"),
    ]
    with (package / CLAIMS).open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=list(first)).writerows(added)
    found = validate(package, archive=TEST_ARCHIVE).problems
    repeats = [(p.line, p.value, p.message) for p in found if p.rule == "duplicate-claim"]
    recorded = (
        f"this claim is already recorded as {first['claim_id']}: same measure, claimant, source, figure and quote"
    )
    end = len(rows) + 1  # the last line of the file as it was
    assert repeats == [(end + 1, "again-1", recorded), (end + 4, "again-2", recorded)]
