"""A brief's background is what is older than its window. With a window of 400 days over a store
of older news, it said "No older stories about Google to give background": it looked back only
a year before the window. Found by the review."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.feedgen import rss
from tests.test_intel_e2e import fetched_workspace, item, run

FEED = rss([
    item(10, "Northwind launches Quay, a dock scheduler",
         "Northwind today launched Quay, a scheduler for loading docks.", "nw-quay"),
    item(900, "Northwind partners with Fabrikam on electric vans",
         "Northwind and Fabrikam announced a partnership to route electric vans.", "nw-fabrikam"),
    item(2500, "Northwind launches Harbor, its fleet-routing API",
         "Northwind today launched Harbor, an API that plans routes for delivery fleets.", "nw-harbor"),
])


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fetched_workspace(tmp_path_factory.mktemp("background"), {"/nw.xml": FEED}, lambda url: f"""
[[company]]
name = "Northwind"
[[company.sources]]
url = "{url('/nw.xml')}"
""")


def test_a_long_window_s_background_reads_all_older_news(store: Path) -> None:
    brief = json.loads(run(store, "brief", "Northwind", "--since", "400d", "--format", "json").stdout)
    titles = [p["title"] for p in brief["background"]]
    # 900 days back is more than a year before a 400-day window; 2500 days is further still
    assert any("Fabrikam" in t for t in titles), titles
    assert any("Harbor" in t for t in titles), titles
    assert all(p["background"] for p in brief["background"])
    md = run(store, "brief", "Northwind", "--since", "400d").stdout
    assert "Background (older than 400 days)" in md
    assert "No development" not in md and "No older stories" not in md, md


def test_the_newest_older_story_comes_first_and_the_window_s_own_stay_out(store: Path) -> None:
    brief = json.loads(run(store, "brief", "Northwind", "--since", "30d", "--format", "json").stdout)
    titles = [p["title"] for p in brief["background"]]
    assert titles and "Fabrikam" in titles[0], titles
    assert not any("Quay" in t for t in titles), titles


@pytest.mark.parametrize("fmt", ["md", "text", "html"])
def test_an_empty_background_says_what_it_covered(store: Path, fmt: str) -> None:
    empty = run(store, "brief", "Northwind", "--since", "3000d", "--format", fmt)
    assert empty.exit_code == 0, empty.output
    assert "No development of Northwind older than 3000 days makes good background." in empty.stdout
    everything = run(store, "brief", "Northwind", "--since", "all", "--format", fmt).stdout
    assert "nothing is older to give background" in everything
