"""claimtrack.model.characters and claimtrack.model.links: what a cell may hold, how text is shown safely."""

from __future__ import annotations

import json

import pytest

from claimtrack.model import characters, links


@pytest.mark.parametrize(
    "text, shown",
    [
        ("a \x1b]0;title\x07 b", "a \\u001b]0;title\\u0007 b"),
        ("over\rwritten", "over\\u000dwritten"),
        ("csi \x9b2J and \x7f", "csi \\u009b2J and \\u007f"),
        ("a \u202ereversed", "a \\u202ereversed"),
    ],
)
def test_visible_shows_each_control_character_as_its_escape(text, shown):
    assert characters.visible(text) == shown


def test_visible_keeps_line_feeds_tabs_and_letters_of_every_script():
    text = "Сирия\tسوريا\n叙利亚 – “quoted”"
    assert characters.visible(text) == text


def test_visible_json_is_still_json_with_the_same_values():
    value = {"name": "a \x1b]0;t\x07 \x9b \u202e b", "note": "two\nlines"}
    text = characters.visible(json.dumps(value, ensure_ascii=False))
    assert json.loads(text) == value
    assert not any(c in text for c in "\x1b\x07\x9b\u202e")


def test_revealed_shows_invisible_format_characters_too():
    assert characters.revealed("\u200b=1+1\ufeff") == "\\u200b=1+1\\ufeff"


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example\\@www.themoscowtimes.com/2013/05/16/",
        "https://evil.example@www.themoscowtimes.com/",
        "https://www.themoscowt\u0456mes.com/",
        "https://www.xn--themoscowtmes-dil.com/",
        "https://www.themoscowtimes.com/a b",
        "https://www.themoscowtimes.com/\x1b",
        "ftp://www.themoscowtimes.com/",
        "https://-themoscowtimes.com/",
    ],
)
def test_a_deceptive_or_malformed_address_is_a_problem(url):
    assert links.problem(url)


@pytest.mark.parametrize(
    "url, host",
    [
        ("https://www.themoscowtimes.com/2013/05/16/x", "themoscowtimes.com"),
        ("http://Example.org:8080/a?b=c@d#e", "example.org"),
    ],
)
def test_a_plain_address_passes_and_its_host_is_what_a_reader_is_sent_to(url, host):
    assert links.problem(url) is None
    assert links.host(url) == host
