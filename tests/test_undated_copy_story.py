"""An undated copy of another article's very text (the same headline and lead) belongs to that
article's story, however far apart the day it was first seen is. Found by review 20: a second
feed carried QEMU's real release posts under other links with a future, a 1970, a missing and a
garbled date; each was stored as first seen that day, days after the original, and "QEMU version
9.2.0 released" was talking points 1 and 4 of one list."""

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
LEAD = ("We'd like to announce the availability of the Harbor 9.2 release. This release contains "
        "1700 commits from 200 authors.")


def test_an_estimated_copy_of_the_same_text_joins_its_story() -> None:
    items = [
        StoryItem("a", "Harbor 9.2 released", LEAD, T, "https://n.example/a"),
        StoryItem("b", "Harbor 9.2 released", LEAD, T + timedelta(days=9), "https://w.example/b",
                  estimated=True),
        # the same text with two real dates far apart: a recurring post, not a copy
        StoryItem("c", "Harbor 9.2 released", LEAD, T + timedelta(days=30), "https://w.example/c"),
        # an estimated post of a recurring headline with another text stays apart
        StoryItem("d", "Harbor 9.2 released", LEAD.replace("1700", "1900").replace("200", "210"),
                  T + timedelta(days=20), "https://w.example/d", estimated=True),
        # too short a lead to tell two posts of one headline apart
        StoryItem("e", "Weekly notes", "Notes.", T, "https://n.example/e"),
        StoryItem("f", "Weekly notes", "Notes.", T + timedelta(days=9), "https://w.example/f",
                  estimated=True),
    ]
    stories = cluster_stories(items)
    assert stories["a"] == stories["b"] == "a"
    assert stories["c"] == "c"
    assert stories["d"] == "d"
    assert stories["e"] != stories["f"]


def test_an_undated_copy_bridges_nothing_to_the_next_release() -> None:
    # Release notes share a template: the 10.0.0 post, three days after a copy of the 9.1.0 post
    # was first seen, reads like it; it is its own story, the copy stays with 9.1.0.
    def lead(version: str, authors: int) -> str:
        return (f"We'd like to announce the availability of the QEMU {version} release. This "
                f"release contains 2800+ commits from {authors} authors.")
    items = [
        StoryItem("old", "QEMU version 9.1.0 released", lead("9.1.0", 263), T, "https://q.example/9-1"),
        StoryItem("copy", "QEMU version 9.1.0 released", lead("9.1.0", 263), T + timedelta(days=12),
                  "https://w.example/9-1", estimated=True),
        StoryItem("new", "QEMU version 10.0.0 released", lead("10.0.0", 211), T + timedelta(days=15),
                  "https://q.example/10-0"),
    ]
    stories = cluster_stories(items)
    assert stories == {"old": "old", "copy": "old", "new": "new"}


def _item(link: str, guid: str, when: datetime | None) -> dict[str, str]:
    item = {"title": "Northwind Harbor 9.2 released", "link": link, "guid": guid,
            "description": LEAD.replace("the Harbor", "the Northwind Harbor")}
    if when is not None:
        item["pubDate"] = format_datetime(when)
    return item


def test_a_copy_with_a_future_date_is_not_a_second_point(tmp_path: Path) -> None:
    now = datetime.now(UTC)
    own = rss([_item("https://northwind.example/harbor-9-2", "own-1", now - timedelta(days=9))])
    wire = rss([_item("https://wire.example/harbor", "wire-1", datetime(2036, 1, 1, tzinfo=UTC))])
    with serve({"/own.xml": Route(own), "/wire.xml": Route(rss([]))}) as server:
        (tmp_path / "feeds").mkdir()
        (tmp_path / "feeds" / "c.toml").write_text(
            f'[[company]]\nname = "Northwind"\n[[company.sources]]\nurl = "{server.url("/own.xml")}"\n'
            f'[[company.sources]]\nurl = "{server.url("/wire.xml")}"\nname = "Wire"\n'
        )
        assert run(tmp_path, "fetch").exit_code == 0
        server.routes["/wire.xml"] = Route(wire)
        second = run(tmp_path, "fetch", "--force")
    assert second.exit_code == 0, second.output
    assert "1 new article" in second.stderr, second.stderr
    points = json.loads(run(tmp_path, "points", "Northwind", "--json").stdout)["points"]
    assert [p["title"] for p in points] == ["Northwind Harbor 9.2 released"], points
    assert points[0]["coverage"] == 2
