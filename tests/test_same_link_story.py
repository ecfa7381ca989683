"""Two articles that link to the same page are one story, however far apart their dates. Found
by the review: a feed that gives an item no date (or a broken one) stores it as first seen
today, and the same DC Rainmaker post, dated 26 Nov in its own feed, became a second story, a
second talking point and a second digest line."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

from tests.feedgen import rss
from tests.httpserver import Route, serve
from tests.test_intel_e2e import run
from tidings.analysis.clusters import StoryItem, cluster_stories

T = datetime(2026, 11, 1, tzinfo=UTC)


def test_the_same_link_is_one_story_across_any_gap() -> None:
    items = [
        StoryItem("a", "Northwind launches Harbor", "", T, "https://n.example/harbor"),
        StoryItem("b", "Harbor is here", "", T + timedelta(days=30), "https://n.example/harbor"),
        # a link blog's two entries on one page (their anchors) stay two stories
        StoryItem("c", "A post", "", T, "https://blog.example/2026/11/01.html#a1"),
        StoryItem("d", "Another post", "", T, "https://blog.example/2026/11/01.html#a2"),
        # entries without a link of their own share nothing
        StoryItem("e", "Weekly notes", "", T, ""),
        StoryItem("f", "Office hours", "", T, ""),
    ]
    stories = cluster_stories(items)
    assert stories["a"] == stories["b"] == "a"
    assert len({stories["c"], stories["d"], stories["e"], stories["f"]}) == 4


def _item(title: str, link: str, guid: str, when: datetime | None) -> dict[str, str]:
    item = {"title": title, "link": link, "guid": guid, "description": f"{title}. Northwind said so."}
    if when is not None:
        item["pubDate"] = format_datetime(when)
    return item


def test_an_undated_copy_joins_the_story_of_the_dated_one(tmp_path: Path) -> None:
    now = datetime.now(UTC)
    link = "https://news.example/northwind-harbor?utm_source=rss"
    dated = rss([_item("Northwind launches Harbor, a routing API", link, "own-1", now - timedelta(days=20))])
    undated = rss([_item("Northwind launches Harbor, a routing API", "https://news.example/northwind-harbor",
                         "wire-1", None)])
    with serve({"/own.xml": Route(dated), "/wire.xml": Route(rss([]))}) as server:
        (tmp_path / "feeds").mkdir()
        (tmp_path / "feeds" / "c.toml").write_text(
            f'[[company]]\nname = "Northwind"\n[[company.sources]]\nurl = "{server.url("/own.xml")}"\n'
            f'[[company.sources]]\nurl = "{server.url("/wire.xml")}"\nname = "Wire"\n'
        )
        first = run(tmp_path, "fetch")
        server.routes["/wire.xml"] = Route(undated)
        second = run(tmp_path, "fetch", "--force")
    assert second.exit_code == 0, second.output
    assert "0 new articles" not in second.stderr
    devs = json.loads(run(tmp_path, "developments", "Northwind", "--since", "60d", "--json").stdout)
    assert len(devs) == 1, devs
    assert devs[0]["coverage"] == 2
    points = json.loads(run(tmp_path, "points", "Northwind", "--json").stdout)["points"]
    assert [p["title"] for p in points] == ["Northwind launches Harbor, a routing API"]
    assert first.exit_code == 0, first.output
