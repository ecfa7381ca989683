"""`--since all` wherever a window is accepted (issue 13, point 8): real CLI, local server, DuckDB."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.feedgen import rss
from tests.httpserver import Route
from tests.test_intel_e2e import item, run
from tests.workspaces import fetched_workspace
from tidings.sources.normalize import EARLIEST
from tidings.timewindow import ALL_TIME, WindowError, parse_since

OLD = [
    item(400, "Northwind launches Harbor, its fleet-routing API",
         "Northwind today launched Harbor, an API that plans routes for delivery fleets.", "harbor"),
    item(2, "Northwind opens an office in Lisbon",
         "Northwind opened a new office in Lisbon to serve customers in southern Europe.", "lisbon"),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("since-all")
    config = '[[company]]\nname = "Globex"\n\n[[company]]\nname = "Northwind"\ncompetitors = ["Globex"]\n'
    config += 'domains = ["news.example"]\n'
    config += '[[company.sources]]\nurl = "@/nw.xml"\n'
    return fetched_workspace(root, config, {"/nw.xml": Route(rss(OLD))})


def test_all_reaches_before_anything_the_store_keeps() -> None:
    assert parse_since("all") == parse_since(" ALL ") == ALL_TIME
    assert ALL_TIME < EARLIEST
    with pytest.raises(WindowError, match="or all"):
        parse_since("everything")


def test_articles_search_developments_mentions(store: Path) -> None:
    recent = json.loads(run(store, "articles", "--json").stdout)
    everything = json.loads(run(store, "articles", "--json", "--since", "all").stdout)
    assert [a["title"] for a in recent] == ["Northwind opens an office in Lisbon"]
    assert len(everything) == 2

    assert json.loads(run(store, "search", "harbor", "--json").stdout) == []
    hits = json.loads(run(store, "search", "harbor", "--json", "--since", "all").stdout)
    assert [h["title"] for h in hits] == ["Northwind launches Harbor, its fleet-routing API"]

    devs = json.loads(run(store, "developments", "Northwind", "--json", "--since", "all").stdout)
    assert "launch" in {d["kind"] for d in devs}
    assert "launch" not in {
        d["kind"] for d in json.loads(run(store, "developments", "Northwind", "--json").stdout)
    }

    mentions = run(store, "mentions", "Northwind", "--json", "--since", "all")
    assert mentions.exit_code == 0
    assert len(json.loads(mentions.stdout)) == 2


def test_points_brief_and_digest(store: Path) -> None:
    points = run(store, "points", "Northwind", "--json", "--since", "all")
    assert points.exit_code == 0
    titles = [p["title"] for p in json.loads(points.stdout)["points"]]
    assert any("Harbor" in t for t in titles)

    brief = json.loads(run(store, "brief", "Northwind", "--format", "json", "--since", "all").stdout)
    assert brief["window"]["since"].startswith(str(ALL_TIME.year))
    md = run(store, "brief", "Northwind", "--since", "all").stdout
    assert "All stored news" in md and "Last " not in md.split("\n\n")[1]

    digest = run(store, "digest", "--format", "json", "--since", "all")
    assert digest.exit_code == 0
    data = json.loads(digest.stdout)
    assert data["since"].startswith(str(ALL_TIME.year))
    assert sum(c["new_articles"] for c in data["companies"]) == 2


def test_all_does_not_overflow_a_window_reaching_further_back() -> None:
    # Briefs look a year further back than their window for background.
    assert ALL_TIME - timedelta(days=366) > datetime(1, 1, 2, tzinfo=UTC)


@pytest.mark.parametrize("fmt", ["md", "html", "text"])
def test_an_all_time_brief_never_says_how_many_days_back_all_is(store: Path, fmt: str) -> None:
    # Found by the review: the header said "All stored news" while the share-of-voice table and
    # the background heading said "last 13484 days" / "older than 13484 days".
    brief = run(store, "brief", "Northwind", "--format", fmt, "--since", "all")
    assert brief.exit_code == 0, brief.output
    days = (datetime.now(UTC) - ALL_TIME).days
    assert f"{days} days" not in brief.stdout and f"{days + 1} days" not in brief.stdout
    assert "older than" not in brief.stdout
    if fmt != "text":
        assert "Share of voice, all stored news" in brief.stdout
    # a bounded window still says its days
    bounded = run(store, "brief", "Northwind", "--format", fmt, "--since", "30d").stdout
    assert "older than 30 days" in bounded


@pytest.mark.parametrize("command", [["brief", "Northwind"], ["points", "Northwind"], ["digest"],
                                     ["developments", "Northwind"]])
def test_a_window_starting_in_the_future_is_refused_in_one_line(store: Path, command: list[str]) -> None:
    # found by the review: `brief --since 2030-01-01` said "Last 0 days (1 Jan 2030 to 1 Dec 2026)"
    refused = run(store, *command, "--since", "2999-01-01")
    assert refused.exit_code == 2, refused.output
    [line] = refused.stderr.strip().splitlines()
    assert "is in the future" in line, line
