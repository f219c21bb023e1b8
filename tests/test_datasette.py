"""The published database as a Datasette user meets it: `datasette DB --metadata
metadata.json` serves every claim through its JSON API, with the schemas' words."""

from __future__ import annotations

import csv
import html
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from published import published

DATASETTE = Path(sys.executable).parent / "datasette"
DATABASE = "claimtrack-syria"
START_LIMIT = 60  # seconds Datasette may take to answer before the test gives up


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read().decode("utf-8"))


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    return published(tmp_path_factory, "datasette")


@pytest.fixture(scope="module")
def server(dist):
    port = free_port()
    process = subprocess.Popen(
        [str(DATASETTE), str(dist / f"{DATABASE}.db"), "--metadata", str(dist / "metadata.json"),
         "-p", str(port), "-h", "127.0.0.1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_LIMIT
    try:
        while True:
            if process.poll() is not None:
                pytest.fail("datasette stopped before answering:\n" + process.stdout.read().decode(errors="replace"))
            try:
                get_json(f"{base}/-/versions.json")
                break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline:
                    pytest.fail(f"datasette did not answer on {base} within {START_LIMIT} seconds")
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def claims_csv(dist) -> list[dict]:
    with (dist / "site" / "data" / "claims.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def all_rows(url: str) -> list[dict]:
    rows = []
    while url:
        page = get_json(url)
        rows += page["rows"]
        url = page.get("next_url")
    return rows


def test_datasette_serves_every_claim_page_by_page(server, dist):
    rows = all_rows(f"{server}/{DATABASE}/claims.json?_shape=objects&_size=20")
    expected = claims_csv(dist)
    assert len(expected) > 20  # so that the pages were followed
    assert [row["claim_id"] for row in rows] == sorted(row["claim_id"] for row in expected)
    by_id = {row["claim_id"]: row for row in rows}
    assert by_id["mt-2013-05-16-09"]["low"] == 94000
    assert by_id["mt-2013-05-16-09"]["quote"] == next(
        r["quote"] for r in expected if r["claim_id"] == "mt-2013-05-16-09"
    )


def test_datasette_serves_every_claim_at_once_with_size_max(server, dist):
    page = get_json(f"{server}/{DATABASE}/claims.json?_shape=objects&_size=max")
    assert len(page["rows"]) == len(claims_csv(dist))
    assert page.get("next") is None


def test_datasette_searches_the_quotes(server, dist):
    page = get_json(f"{server}/{DATABASE}/claims.json?_shape=objects&_size=max&_search=Interfax")
    expected = {row["claim_id"] for row in claims_csv(dist) if "interfax" in row["quote"].lower()}
    assert expected and {row["claim_id"] for row in page["rows"]} >= expected


def test_datasette_serves_the_view_of_claims_with_their_sources_and_claimants(server, dist):
    rows = all_rows(f"{server}/{DATABASE}/claims_full.json?_shape=objects&_size=max")
    assert len(rows) == len(claims_csv(dist))
    assert {"claimant_name", "source_url", "measure_label", "via_name"} <= set(rows[0])


def test_datasette_shows_the_title_licence_and_column_descriptions(server):
    metadata = get_json(f"{server}/-/metadata.json")
    assert metadata["license"] == "Creative Commons Attribution 4.0 International"
    columns = metadata["databases"][DATABASE]["tables"]["claims"]["columns"]
    assert columns["quote"] and columns["status"]
    with urllib.request.urlopen(f"{server}/{DATABASE}/claims", timeout=30) as response:
        page = response.read().decode("utf-8")
    assert "Creative Commons Attribution 4.0 International" in page
    assert html.escape(columns["quote"]) in page
