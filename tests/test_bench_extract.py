"""The extract benchmark: its dev set is well formed, and the script scores it end to end."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from conftest import REPO

DEV_SET = REPO / "tests" / "fixtures" / "extract" / "dev-set.json"
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


def test_the_dev_set_has_sixty_texts_or_more_of_every_kind_each_figure_in_its_own_words():
    items = json.loads(DEV_SET.read_text(encoding="utf-8"))
    assert len(items) >= 60
    assert {item["kind"] for item in items} == KINDS
    for item in items:
        text = re.sub(r"\s+", " ", item["text"])
        for figure in item["figures"]:
            assert figure["text"] in text, (item["text"], figure["text"])  # the figure as the text has it
            if figure.get("claimant"):
                assert figure["claimant"].lower() in text.lower(), (item["text"], figure["claimant"])


def test_the_benchmark_prints_every_rate_for_every_kind_and_overall():
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "bench_extract.py"), "--misses"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    rows = {line.split("|")[1].strip(): line for line in done.stdout.splitlines() if line.startswith("| ")}
    assert set(rows) - {"kind"} == KINDS | {"all"}
    header = [cell.strip() for cell in rows["kind"].split("|")[2:-1]]
    assert header == ["recall", "precision", "qualifier", "claimant", "date said", "offsets"]
    figures = sum(len(item["figures"]) for item in json.loads(DEV_SET.read_text(encoding="utf-8")))
    recall = rows["all"].split("|")[2]
    assert re.fullmatch(rf" \d+% \(\d+/{figures}\) ", recall), recall  # every expected figure was scored
