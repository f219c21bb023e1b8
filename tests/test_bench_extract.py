"""The extract benchmark: its dev set and held-out set are well formed, and the script scores each end to end."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from conftest import REPO

DEV_SET = REPO / "tests" / "fixtures" / "extract" / "dev-set.json"
HELD_OUT = REPO / "tests" / "fixtures" / "extract" / "held-out.json"
KINDS = {
    "speaker-in-another-sentence",
    "attribution-verb",
    "appositive-or-dateline",
    "speaker-after-verb",
    "two-speakers",
    "statement-date",
    "missed-figure",
    "noise",
    "wrapped-text",
}


def assert_every_figure_in_its_own_words(items: list[dict]) -> None:
    assert {item["kind"] for item in items} == KINDS
    for item in items:
        text = re.sub(r"\s+", " ", item["text"])
        for figure in item["figures"]:
            assert figure["text"] in text, (item["text"], figure["text"])  # the figure as the text has it
            if figure.get("claimant"):
                assert figure["claimant"].lower() in text.lower(), (item["text"], figure["claimant"])


def test_the_dev_set_has_sixty_texts_or_more_of_every_kind_each_figure_in_its_own_words():
    items = json.loads(DEV_SET.read_text(encoding="utf-8"))
    assert len(items) >= 60
    assert_every_figure_in_its_own_words(items)


def test_the_held_out_set_has_texts_of_every_kind_none_of_them_the_dev_sets():
    held_out = json.loads(HELD_OUT.read_text(encoding="utf-8"))
    assert len(held_out) >= 45
    assert_every_figure_in_its_own_words(held_out)
    dev = {re.sub(r"\s+", " ", item["text"]) for item in json.loads(DEV_SET.read_text(encoding="utf-8"))}
    assert not dev & {re.sub(r"\s+", " ", item["text"]) for item in held_out}


@pytest.mark.parametrize("chosen", [DEV_SET, HELD_OUT], ids=["dev-set", "held-out"])
def test_the_benchmark_prints_every_rate_for_every_kind_and_overall(chosen):
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "bench_extract.py"), "--set", str(chosen), "--misses"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert re.search(
        r"^Set aside, ranked below the drafts offered as claims with a reason: \d+ draft", done.stdout, re.M
    )
    rows = {line.split("|")[1].strip(): line for line in done.stdout.splitlines() if line.startswith("| ")}
    assert set(rows) - {"kind"} == KINDS | {"all"}
    header = [cell.strip() for cell in rows["kind"].split("|")[2:-1]]
    assert header == ["recall", "precision", "qualifier", "claimant", "date said", "offsets"]
    figures = sum(len(item["figures"]) for item in json.loads(chosen.read_text(encoding="utf-8")))
    recall = rows["all"].split("|")[2]
    assert re.fullmatch(rf" \d+% \(\d+/{figures}\) ", recall), recall  # every expected figure was scored
