"""End to end: phrasings of real articles the rules used to miss, through a real fetch from
127.0.0.1 into a real DuckDB file: "Northwind's new Harbor" told in the lead is Northwind's
launch, a store that "opened today" is expansion, results released are earnings (not a launch);
each becomes a talking point, and a headline about shares that "opened higher" gives nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_article_depth_e2e import entry, feed, northwind_workspace
from tests.test_intel_e2e import run

ITEMS = [
    (
        "nw-harbor", "Crews try the Harbor loader",
        "Reviewers spent a week with Northwind's new Harbor loader in a busy depot. Crews liked "
        "how quietly it moves.", 1,
    ),
    (
        "nw-store", "Parcel lockers come to Leeds",
        "The first Northwind Store in Leeds opened today. Shoppers queued early to see the lockers.", 2,
    ),
    (
        "nw-results", "Northwind releases Q2 operational results",
        "Parcels delivered rose 12% on the year, the report shows.", 3,
    ),
    (
        "nw-shares", "Northwind shares opened higher on Monday",
        "Trading was calm across the market.", 4,
    ),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    entries = "".join(entry(slug, title, body, f"<p>{body}</p>", days) for slug, title, body, days in ITEMS)
    return northwind_workspace(tmp_path_factory.mktemp("phrasings"), feed(entries))


def test_each_phrasing_is_its_development(store: Path) -> None:
    developments = json.loads(run(store, "developments", "Northwind", "--json").stdout)
    by_url = {}
    for d in developments:
        by_url.setdefault(d["url"].rsplit("/", 1)[-1], set()).add(d["kind"])
    assert by_url == {"nw-harbor": {"launch"}, "nw-store": {"expansion"}, "nw-results": {"earnings"}}
    harbor = next(d for d in developments if d["kind"] == "launch")
    assert "new Harbor loader" in harbor["evidence"]


def test_they_become_talking_points(store: Path) -> None:
    points = json.loads(run(store, "points", "Northwind", "--json").stdout)["points"]
    urls = {p["url"].rsplit("/", 1)[-1] for p in points}
    assert {"nw-harbor", "nw-store", "nw-results"} <= urls
    assert "nw-shares" not in urls
