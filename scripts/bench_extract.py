"""Measure `claimtrack extract` on the dev set: recall, precision and agreement rates.

    .venv/bin/python scripts/bench_extract.py [--set tests/fixtures/extract/dev-set.json] [--misses]

The dev set is sentences written for it, in the shapes real reporting takes (a speaker
named in another sentence, an attribution verb, an appositive, a speaker after the
verb, two speakers, the date of a statement, figures easy to miss, noise, hard-wrapped
text), each with the figures a careful journalist would record from it. A draft matches
an expected figure when its figure text is the same (spaces folded). Printed:

- recall: the expected figures some draft matches;
- precision: the drafts that match an expected figure;
- qualifier, claimant and date said: of the matched figures where the set gives one,
  how many the draft has right (a claimant compared without regard to case; a date said
  "not stated" is right only when the draft says so, never the publication date);
- offsets: the drafts whose quote is exactly ``text[start:end]``;

overall and by kind of sentence. ``--misses`` lists every figure missed or got wrong.
A benchmark prints figures; the tests check the kinds one by one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from claimtrack.extracting.drafts import extract  # noqa: E402

NOT_STATED = "not stated"
NUMBERS = ("value", "low", "high", "date_from", "date_to")


def folded(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def said(draft) -> str | None:
    return draft.said_on if draft.said_on else (NOT_STATED if draft.said_on_basis == NOT_STATED else None)


def score(items: list[dict]) -> tuple[dict, list[str]]:
    """Counts by kind (and "all"): each a dict of numerator/denominator pairs; and the misses."""
    counts: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    misses: list[str] = []
    for number, item in enumerate(items, start=1):
        drafts = extract(item["text"], dt.date.fromisoformat(item["published"]))
        unmatched = list(drafts)
        for kind in (item["kind"], "all"):
            counts[kind]["precision"][1] += len(drafts)
            counts[kind]["offsets"][1] += len(drafts)
            counts[kind]["offsets"][0] += sum(item["text"][d.start : d.end] == d.quote for d in drafts)
        for figure in item["figures"]:
            draft = next((d for d in unmatched if folded(d.text) == figure["text"]), None)
            checks = {"recall": draft is not None}
            if draft is not None:
                unmatched.remove(draft)
                if "qualifier" in figure:
                    right = draft.qualifier == figure["qualifier"] and all(
                        getattr(draft, key) == figure[key] for key in NUMBERS if key in figure
                    )
                    checks["qualifier"] = right
                if figure.get("claimant"):
                    checks["claimant"] = (draft.claimant or "").strip().lower() == figure["claimant"].lower()
                if figure.get("said_on"):
                    checks["date said"] = said(draft) == figure["said_on"]
            for check, right in checks.items():
                for kind in (item["kind"], "all"):
                    counts[kind][check][0] += right
                    counts[kind][check][1] += 1
                    if check == "recall" and right:
                        counts[kind]["precision"][0] += 1
                if not right:
                    got = {
                        "recall": "no draft",
                        "qualifier": draft and f"{draft.qualifier} {[getattr(draft, k) for k in NUMBERS]}",
                        "claimant": draft and repr(draft.claimant),
                        "date said": draft and repr(said(draft)),
                    }[check]
                    misses.append(f"{number:>3} {item['kind']}: {figure['text']!r} {check}: got {got}")
        for draft in unmatched:
            misses.append(f"{number:>3} {item['kind']}: draft {draft.text!r} matches no figure")
    return counts, misses


def rate(pair: list[int]) -> str:
    right, total = pair
    return f"{100 * right / total:.0f}% ({right}/{total})" if total else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=ROOT / "tests" / "fixtures" / "extract" / "dev-set.json")
    parser.add_argument("--misses", action="store_true", help="list every figure missed or got wrong")
    args = parser.parse_args()
    items = json.loads(args.set.read_text(encoding="utf-8"))
    counts, misses = score(items)
    columns = ["recall", "precision", "qualifier", "claimant", "date said", "offsets"]
    figures = sum(len(item["figures"]) for item in items)
    print(f"claimtrack extract on {args.set.name}: {len(items)} texts, {figures} figures")
    print()
    print("| kind | " + " | ".join(columns) + " |")
    print("|---|" + "---:|" * len(columns))
    kinds = list(dict.fromkeys(item["kind"] for item in items)) + ["all"]
    for kind in kinds:
        print(f"| {kind} | " + " | ".join(rate(counts[kind][c]) for c in columns) + " |")
    if args.misses:
        print()
        print("\n".join(misses))


if __name__ == "__main__":
    main()
