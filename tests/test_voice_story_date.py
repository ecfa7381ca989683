"""Share of voice counts a story in the window it began in. Found by review 20: a wire's undated
copy of a post dated weeks earlier is stored as first seen in the window; `mentions
--competitors --since 14d` counted it as news of the window (7 QEMU articles, 4 of them copies of
older posts). Where the copy joined its dated twin's story, the story is counted by its earliest
known date, as developments already are, and `mentions` and the brief count alike.

Real CLI, real HTTP server on 127.0.0.1, real DuckDB file.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

from tests.feedgen import rss
from tests.httpserver import Route, serve
from tests.test_intel_e2e import run

LEAD = ("We'd like to announce the availability of the Northwind Harbor 9.2 release. This release "
        "contains 1700 commits from 200 authors, and a new fleet routing planner.")


def _item(title: str, link: str, description: str, when: datetime | None) -> dict[str, str]:
    item = {"title": title, "link": link, "guid": link, "description": description}
    if when is not None:
        item["pubDate"] = format_datetime(when)
    return item


def _workspace(tmp_path: Path) -> Path:
    now = datetime.now(UTC)
    own = rss([
        _item("Northwind Harbor 9.2 released", "https://northwind.example/harbor-9-2", LEAD,
              now - timedelta(days=30)),
        _item("Northwind opens a Lisbon office", "https://northwind.example/lisbon",
              "Northwind opened an office in Lisbon with 40 engineers.", now - timedelta(days=2)),
    ])
    # the wire's copy of the old post carries no date: it is stored as first seen, today
    wire = rss([_item("Northwind Harbor 9.2 released", "https://wire.example/harbor", LEAD, None)])
    rival = rss([_item("Globex opens a Porto office", "https://globex.example/porto",
                       "Globex opened an office in Porto with 30 engineers.", now - timedelta(days=3))])
    routes = {"/own.xml": Route(own), "/wire.xml": Route(rss([])), "/rival.xml": Route(rival)}
    with serve(routes) as server:
        (tmp_path / "feeds").mkdir()
        (tmp_path / "feeds" / "c.toml").write_text(
            '[[company]]\nname = "Globex"\nrole = "competitor"\n'
            f'[[company.sources]]\nurl = "{server.url("/rival.xml")}"\n'
            '[[company]]\nname = "Northwind"\ncompetitors = ["Globex"]\n'
            f'[[company.sources]]\nurl = "{server.url("/own.xml")}"\n'
            f'[[company.sources]]\nurl = "{server.url("/wire.xml")}"\nname = "Wire"\n'
        )
        assert run(tmp_path, "fetch").exit_code == 0
        server.routes["/wire.xml"] = Route(wire)
        second = run(tmp_path, "fetch", "--force")
    assert second.exit_code == 0, second.output
    assert "1 new article" in second.stderr, second.stderr
    return tmp_path


def test_a_copy_of_an_older_post_is_no_voice_of_the_window(tmp_path: Path) -> None:
    root = _workspace(tmp_path)
    rows = json.loads(run(root, "mentions", "Northwind", "--competitors", "--since", "14d", "--json").stdout)
    voice = {r["name"]: (r["mentions"], r["share_of_voice"]) for r in rows}
    assert voice == {"Northwind": (1, 0.5), "Globex": (1, 0.5)}, rows
    [northwind] = [r for r in rows if r["name"] == "Northwind"]
    assert [s["title"] for s in northwind["top_stories"]] == ["Northwind opens a Lisbon office"]
    # the story still counts in a window that holds its first date
    rows = json.loads(run(root, "mentions", "Northwind", "--competitors", "--since", "60d", "--json").stdout)
    assert {r["name"]: r["mentions"] for r in rows} == {"Northwind": 2, "Globex": 1}, rows
    listing = json.loads(run(root, "mentions", "Northwind", "--since", "14d", "--json").stdout)
    assert [r["title"] for r in listing] == ["Northwind opens a Lisbon office"], listing


def test_mentions_and_the_brief_count_alike(tmp_path: Path) -> None:
    root = _workspace(tmp_path)
    for since in ("14d", "60d"):
        rows = json.loads(run(root, "mentions", "Northwind", "--competitors", "--since", since,
                              "--json").stdout)
        counts = {r["name"]: r["mentions"] for r in rows}
        brief = json.loads(run(root, "brief", "Northwind", "--since", since, "--format", "json").stdout)
        assert brief["articles"] == counts["Northwind"], (since, brief["articles"], counts)
        for comp in brief["competitors"]:
            assert comp["mentions"] == counts[comp["name"]]
            [row] = [r for r in rows if r["name"] == comp["name"]]
            assert round(comp["share_of_voice"], 3) == row["share_of_voice"]
    text = run(root, "mentions", "Northwind", "--competitors", "--since", "14d")
    assert "Northwind" in text.stdout and "50.0%" in text.stdout
    assert "began" in text.stderr, text.stderr  # says what is counted
