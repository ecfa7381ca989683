"""Old stories are ranked like new ones: by recency, kind, prominence, coverage and the interview.
Found by the review: every score was rounded to four places, so past about 200 days each was
0.0 and `points --since all` (and the background) listed an AWS blog's 2008 award and
partnership before its newest launch, ordered by their URLs."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

from tests.feedgen import rss
from tests.test_intel_e2e import fetched_workspace, run
from tests.test_relevance import NOW, dev
from tidings.intel.points import rank_points

OLD = datetime(2009, 1, 9, tzinfo=UTC)


def test_old_developments_rank_newest_and_weightiest_first() -> None:
    devs = [
        dev("award", "Northwind is an award finalist", url="https://a.example/1",
            published=OLD - timedelta(days=11)),
        dev("launch", "Northwind launches Quay", url="https://z.example/2", published=OLD),
        dev("launch", "Northwind launches Harbor", url="https://b.example/3",
            published=OLD - timedelta(days=7)),
    ]
    points = rank_points(devs, [], "Northwind", NOW, limit=3)
    assert [p.title for p in points] == [
        "Northwind launches Quay", "Northwind launches Harbor", "Northwind is an award finalist"
    ]
    assert all(p.score > 0 for p in points)
    # coverage still counts when both are old
    wide = dev("launch", "Northwind launches Pier", url="https://y.example/4", published=OLD, coverage=3)
    assert rank_points([*devs, wide], [], "Northwind", NOW, limit=1)[0].title == "Northwind launches Pier"


def _item(when: datetime, title: str, slug: str) -> dict[str, str]:
    return {"title": title, "link": f"https://news.example/{slug}", "guid": f"https://news.example/{slug}",
            "description": title + ".", "pubDate": format_datetime(when)}


def test_points_since_all_list_the_newest_launch_first(tmp_path: Path) -> None:
    feed = rss([
        _item(OLD - timedelta(days=11), "Northwind Named a Finalist for the Crunchies Award", "a-award"),
        _item(OLD, "Northwind launches Quay, a dock scheduler", "z-quay"),
        _item(OLD - timedelta(days=7), "Northwind launches Harbor, a routing API", "b-harbor"),
    ])
    root = fetched_workspace(tmp_path, {"/nw.xml": feed}, lambda url: f"""
[[company]]
name = "Northwind"
[[company.sources]]
url = "{url('/nw.xml')}"
""")
    points = json.loads(run(root, "points", "Northwind", "--since", "all", "--json").stdout)["points"]
    titles = [p["title"] for p in points]
    assert titles[:2] == [
        "Northwind launches Quay, a dock scheduler", "Northwind launches Harbor, a routing API"
    ], titles
