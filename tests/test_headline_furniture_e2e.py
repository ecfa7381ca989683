"""End to end: a wire feed served on 127.0.0.1 and fetched through the CLI into a real DuckDB
file, whose items name a tracked company by its cashtag: alone ("$SQ cuts 1,000 jobs") or as the
furniture before its name ("$SQ - Block to axe ..."). Both are stored as the company's
developments and surfaced (handled with care, never as points); a prose "Block the road" is not
the company."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.feedgen import rss
from tests.test_intel_e2e import fetched_workspace, item, run

WIRE = [
    item(1, "$SQ cuts 1,000 jobs in a restructuring",
         "The payments company said most of the cuts fall on its hardware team.", "sq-cuts",
         host="https://wire.example"),
    item(2, "$SQ - Block to axe about 1,500 employees",
         "Shares were little changed in early trading.", "sq-axe", host="https://wire.example"),
    item(3, "$SQ - Block launches a card reader for market stalls",
         "The reader takes tap-to-pay cards and runs for a week on one charge.", "sq-reader",
         host="https://wire.example"),
    item(4, "Block the road: the parade closes Main Street on Sunday",
         "Drivers should block out extra time and park near the station.", "parade",
         host="https://wire.example"),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("furniture")
    return fetched_workspace(
        root,
        {"/wire.xml": rss(WIRE, title="Market Wire")},
        lambda url: f"""
[[company]]
name = "Fernway"
[[company.sources]]
url = "{url('/wire.xml')}"
name = "Market Wire"

[[company]]
name = "Block"
tickers = ["SQ"]
""",
    )


def test_cashtag_items_are_the_companys_developments(store: Path) -> None:
    result = run(store, "developments", "Block", "--json")
    assert result.exit_code == 0, result.output
    found = {(d["url"].rsplit("/", 1)[-1], d["kind"]) for d in json.loads(result.stdout)}
    assert ("sq-cuts", "layoffs") in found
    assert ("sq-axe", "layoffs") in found
    assert ("sq-reader", "launch") in found
    assert not any(slug == "parade" for slug, _ in found)
    mentions = json.loads(run(store, "mentions", "Block", "--json").stdout)
    slugs = {m["url"].rsplit("/", 1)[-1] for m in mentions}
    assert {"sq-cuts", "sq-axe", "sq-reader"} <= slugs and "parade" not in slugs


def test_cashtag_layoffs_are_handled_with_care_never_points(store: Path) -> None:
    result = json.loads(run(store, "points", "Block", "--json").stdout)
    slugs = [p["url"].rsplit("/", 1)[-1] for p in result["points"]]
    assert slugs == ["sq-reader"]
    careful = {(c["url"].rsplit("/", 1)[-1], c["kind"]) for c in result["handle_with_care"]}
    assert careful == {("sq-cuts", "layoffs"), ("sq-axe", "layoffs")}
