"""Intelligence end to end: feeds on a local server, the real CLI, a real DuckDB file, then
developments, talking points, mentions, search and reanalyze read back through the CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.feedgen import rss
from tests.httpserver import Route, serve
from tidings.cli import main

NOW = datetime.now(UTC)


def item(days: float, title: str, text: str, slug: str, host: str = "https://news.example") -> dict[str, str]:
    return {
        "title": title,
        "link": f"{host}/{slug}",
        "guid": f"{host}/{slug}",
        "description": text,
        "pubDate": format_datetime(NOW - timedelta(days=days)),
    }


NORTHWIND = [
    item(2, "Northwind launches Harbor, its fleet-routing API",
         "Northwind today launched Harbor, an API that plans routes for delivery fleets.", "nw-harbor"),
    item(5, "Northwind raises $40 million in Series C funding",
         "Northwind has raised $40 million in a Series C round led by Example Capital.", "nw-series-c"),
    item(8, "Northwind to cut 10% of staff in restructuring",
         "Northwind said it will lay off about 10% of its employees as it restructures.", "nw-layoffs"),
    item(12, "Northwind partners with Fabrikam on electric vans",
         "Northwind and Fabrikam announced a partnership to route electric delivery vans.", "nw-fabrikam"),
    item(90, "Northwind opens an office in Lisbon",
         "Northwind opened a new office in Lisbon to serve customers in southern Europe.", "nw-lisbon"),
    item(3, "A routine post about our quarterly meetup",
         "Join us for coffee at the meetup next week. Everyone is welcome.", "nw-meetup"),
]
WIRE = [  # a second outlet carrying the funding story: one story, two sources
    item(5, "Northwind raises $40M Series C led by Example Capital",
         "Logistics software maker Northwind has raised $40 million in a Series C round.",
         "wire-nw-series-c", host="https://wire.example"),
    item(4, "Contoso acquires Tailspin Mapping for $120 million",
         "Contoso said it acquired Tailspin Mapping, a maker of routing maps, for $120 million.",
         "wire-contoso-tailspin", host="https://wire.example"),
    item(6, "City council votes to block the new bridge project",
         "The council voted to block the bridge project after residents complained.",
         "wire-council-block", host="https://wire.example"),
]


def run(root: Path, *args: str):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(
        main, ["--feeds", str(root / "feeds"), "--db", str(root / "t.duckdb"), *args],
        catch_exceptions=False,
    )
    return result


def fetched_workspace(
    root: Path, feeds: dict[str, bytes], config: Callable[[Callable[[str], str]], str]
) -> Path:
    """Serve `feeds` on 127.0.0.1, write feeds/companies.toml from `config(url)`, run one fetch."""
    with serve({path: Route(body) for path, body in feeds.items()}) as server:
        (root / "feeds").mkdir()
        (root / "feeds" / "companies.toml").write_text(config(server.url))
        result = run(root, "fetch")
    assert result.exit_code == 0, result.stderr
    return root


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("intel")
    fetched_workspace(root, {"/northwind.xml": rss(NORTHWIND), "/wire.xml": rss(WIRE)}, lambda url: f"""
[[company]]
name = "Northwind"
domains = ["news.example"]
competitors = ["Contoso"]
[[company.sources]]
url = "{url('/northwind.xml')}"
name = "Northwind newsroom"

[[company]]
name = "Contoso"
role = "competitor"
[[company.sources]]
url = "{url('/wire.xml')}"
name = "Wire"

[[company]]
name = "Block"
role = "competitor"
context = ["Square", "Cash App", "payments"]
""")
    return root


def test_developments_are_classified_and_deduplicated(store: Path) -> None:
    data = json.loads(run(store, "developments", "Northwind", "--json").stdout)
    kinds = {d["kind"]: d for d in data}
    assert {"launch", "funding", "layoffs", "partnership"} <= set(kinds)
    assert "expansion" not in kinds  # 90 days old: outside the default 60-day window
    funding = kinds["funding"]
    assert funding["coverage"] == 2  # two outlets, one story
    assert funding["amount"] in ("$40 million", "$40M") and funding["round"] == "Series C"
    assert kinds["layoffs"]["sensitive"] is True
    for key in ("company", "kind", "sensitive", "title", "url", "published", "evidence", "coverage"):
        assert key in funding
    only = json.loads(run(store, "developments", "Northwind", "--kind", "launch", "--json").stdout)
    assert [d["kind"] for d in only] == ["launch"]


def test_points_never_include_sensitive_news(store: Path) -> None:
    result = json.loads(run(store, "points", "Northwind", "--json").stdout)
    points = result["points"]
    assert points and len(points) <= 5
    assert all(p["kind"] not in ("layoffs", "legal", "security") for p in points)
    assert "layoffs" not in " ".join(p["text"].lower() for p in points)
    assert [c["kind"] for c in result["handle_with_care"]] == ["layoffs"]
    for key in ("text", "why", "kind", "company", "title", "url", "source", "published", "score"):
        assert key in points[0]
    scores = [p["score"] for p in points]
    assert scores == sorted(scores, reverse=True)
    competitor = [p for p in points if p["about_competitor"]]
    assert competitor and competitor[0]["company"] == "contoso"
    assert "?" in competitor[0]["text"] or "curious" in competitor[0]["text"]
    # background: the 90-day-old expansion is offered as context, labelled as such
    assert any(b["kind"] == "expansion" and b["background"] for b in result["background"])


def test_points_text_output_and_nothing_recent(store: Path) -> None:
    text = run(store, "points", "Northwind")
    assert text.exit_code == 0
    assert "Why:" in text.stdout and "Handle with care" in text.stdout
    quiet = run(store, "points", "Block", "--since", "30d")
    assert quiet.exit_code == 0
    assert "Nothing recent" in quiet.stderr


def test_common_word_company_does_not_match_ordinary_prose(store: Path) -> None:
    data = json.loads(run(store, "mentions", "Block", "--json").stdout)
    assert data == []


def test_share_of_voice(store: Path) -> None:
    rows = json.loads(run(store, "mentions", "Northwind", "--competitors", "--json").stdout)
    names = [r["company"] for r in rows]
    assert names == ["northwind", "contoso"]
    assert rows[0]["mentions"] > rows[1]["mentions"] >= 1
    assert abs(sum(r["share_of_voice"] for r in rows) - 1.0) < 0.01


def test_search_ranks_and_filters(store: Path) -> None:
    hits = json.loads(run(store, "search", "series c", "--json").stdout)
    assert hits and "Series C" in hits[0]["title"]
    assert all("series c" in (h["title"] + h["snippet"]).lower() for h in hits)
    phrase = json.loads(run(store, "search", '"electric vans"', "--json").stdout)
    assert [h["title"] for h in phrase] == ["Northwind partners with Fabrikam on electric vans"]
    none = json.loads(run(store, "search", "zeppelin", "--json").stdout)
    assert none == []
    scoped = json.loads(run(store, "search", "million", "--company", "Contoso", "--json").stdout)
    assert [h["title"] for h in scoped] == ["Contoso acquires Tailspin Mapping for $120 million"]


def test_reanalyze_applies_config_edits(store: Path) -> None:
    config = store / "feeds" / "companies.toml"
    original = config.read_text()
    try:
        config.write_text(original.replace('name = "Block"', 'name = "Block"\naliases = ["Bridge"]'))
        result = run(store, "reanalyze")
        assert result.exit_code == 0, result.stderr
        assert "reanalysed" in result.stderr
        # "Bridge" is a common word needing a context word: still no match in council news
        assert json.loads(run(store, "mentions", "Block", "--json").stdout) == []
    finally:
        config.write_text(original)
        run(store, "reanalyze")
