"""Review 2 findings: each test demonstrated a bug in the intel layer (now fixed) and keeps it fixed."""

from __future__ import annotations

import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb

from tidings.analysis.wordforms import stems
from tidings.intel.briefing import talking_points
from tidings.intel.digest import build_digest
from tidings.intel.points import rank_points
from tidings.intel.records import Development
from tidings.intel.search import search
from tidings.models import Company
from tidings.store.connection import connect
from tidings.workspace.config import Config

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
NORTHWIND = Company(slug="northwind", name="Northwind", competitors=("contoso",))
CONTOSO = Company(slug="contoso", name="Contoso", role="competitor")


def _article(
    con: duckdb.DuckDBPyConnection,
    aid: str,
    title: str,
    published: datetime,
    *,
    body: str = "",
    story: str | None = None,
    source: str = "https://news.example/feed.xml",
    fetched: datetime = NOW,
) -> None:
    con.execute(
        "INSERT INTO articles (id, url, canonical_url, title, summary, body, published_at, "
        "published_is_estimate, fetched_at, source_url, company, content_hash, story_id) "
        "VALUES (?, ?, ?, ?, '', ?, ?, false, ?, ?, 'northwind', ?, ?)",
        [aid, f"https://news.example/{aid}", f"https://news.example/{aid}", title, body,
         published, fetched, source, aid, story],
    )


def _event(
    con: duckdb.DuckDBPyConnection, aid: str, company: str, kind: str, published: datetime
) -> None:
    con.execute(
        "INSERT INTO events (article_id, company, kind, sensitive, evidence, confidence, "
        "in_title, published_at) VALUES (?, ?, ?, false, 'evidence', 0.9, true, ?)",
        [aid, company, kind, published],
    )


def _dev(**kw: object) -> Development:
    base: dict[str, object] = dict(
        company="northwind", company_name="Northwind", kind="funding", sensitive=False,
        title="Northwind raises $40 million", url="https://news.example/a", source="Wire",
        published=NOW - timedelta(days=2), evidence="", coverage=2, story_id="s1",
    )
    base.update(kw)
    return Development(**base)  # type: ignore[arg-type]


def test_story_spanning_window_start_is_not_also_background(tmp_path: Path) -> None:
    since = NOW - timedelta(days=30)
    with connect(tmp_path / "t.duckdb") as con:
        # One funding story: the original 35 days ago, a syndicated copy 25 days ago.
        _article(con, "orig", "Northwind raises $40 million in Series C", since - timedelta(days=5),
                 story="s1")
        _article(con, "copy", "Northwind raises $40M Series C", since + timedelta(days=5),
                 story="s1", source="https://wire.example/feed.xml")
        con.execute("INSERT INTO stories VALUES ('s1', 2, 2, ?)", [since - timedelta(days=5)])
        _event(con, "orig", "northwind", "funding", since - timedelta(days=5))
        _event(con, "copy", "northwind", "funding", since + timedelta(days=5))
        config = Config(companies=[NORTHWIND, CONTOSO])
        result = talking_points(con, config, NORTHWIND, since=since, now=NOW)
    told = [p.title for p in (*result.points, *result.background)]
    # One story is told once: as background (it broke before the window), never also as news
    # under the later copy's date. Today it is a talking point and background at once.
    assert len(told) == 1, told


def test_two_articles_of_one_story_make_one_point() -> None:
    # Clustering put a wire report and the newsroom post into one story; the newsroom post
    # also reads as a launch. Two points about the same news would waste two of five slots.
    wire = _dev(kind="funding", url="https://wire.example/nw-c", title="Northwind raises $40M")
    own = _dev(kind="launch", url="https://news.example/nw-c",
               title="Northwind raises $40 million and launches Harbor")
    points = rank_points([wire, own], [], "Northwind", NOW)
    assert len(points) == 1, [p.title for p in points]


def test_partnership_with_a_competitor_is_not_also_a_competitor_point() -> None:
    title = "Northwind partners with Contoso on electric vans"
    own = _dev(kind="partnership", title=title, url="https://news.example/p", counterparty="Contoso")
    rival = _dev(company="contoso", company_name="Contoso", kind="partnership", title=title,
                 url="https://news.example/p", counterparty="Northwind")
    points = rank_points([own], [rival], "Northwind", NOW)
    texts = [p.text for p in points]
    # The rival point reads "With Contoso's new partnership with Northwind, I'm curious how
    # Northwind thinks about its own edge there": the company's own news as a competitor move.
    assert len(points) == 1, texts


def _index(con: duckdb.DuckDBPyConnection, aid: str, words: list[str]) -> None:
    counts: dict[str, int] = {}
    for w in stems(words):  # the index holds stems, as ingest writes it
        counts[w] = counts.get(w, 0) + 1
    for w, tf in counts.items():
        con.execute(
            "INSERT INTO tokens VALUES (?, ?, ?, false)", [zlib.crc32(w.encode()), aid, tf]
        )


def test_phrase_search_finds_a_lower_ranked_exact_phrase(tmp_path: Path) -> None:
    with connect(tmp_path / "t.duckdb") as con:
        # Six articles use both words often but never as the phrase; one has the phrase once.
        for n in range(6):
            body = "series of talks; round b of the league " * 3
            _article(con, f"loose{n}", f"Talks {n}", NOW - timedelta(days=1), body=body)
            _index(con, f"loose{n}", ["series"] * 3 + ["b"] * 3 + ["talks"])
        _article(con, "exact", "Funding news", NOW - timedelta(days=2),
                 body="Northwind closed its series b round.")
        _index(con, "exact", ["series", "b", "northwind", "closed", "round", "funding", "news"])
        # With room for 10 candidates the phrase is found, so the index and filter work...
        assert "exact" in [h.id for h in search(con, '"series b"', limit=2)]
        # ...but asking for the single best hit checks only the 5 loosest matches: none.
        hits = search(con, '"series b"', limit=1)
    assert [h.id for h in hits] == ["exact"]


def test_digest_does_not_report_a_known_story_as_new(tmp_path: Path) -> None:
    with connect(tmp_path / "t.duckdb") as con:
        # The funding story was fetched (and shown) ten days ago; today a second outlet
        # carries it, and clustering joins the copy to the same story.
        ten_days = NOW - timedelta(days=10)
        _article(con, "orig", "Northwind raises $40 million in Series C", ten_days,
                 story="s1", fetched=ten_days)
        _article(con, "copy", "Northwind raises $40M Series C", NOW - timedelta(days=9),
                 story="s1", source="https://wire.example/feed.xml")
        con.execute("INSERT INTO stories VALUES ('s1', 2, 2, ?)", [ten_days])
        _event(con, "orig", "northwind", "funding", ten_days)
        _event(con, "copy", "northwind", "funding", NOW - timedelta(days=9))
        for aid, when in (("orig", ten_days), ("copy", NOW - timedelta(days=9))):
            con.execute("INSERT INTO mentions VALUES (?, 'northwind', true, 1, '', ?)", [aid, when])
        digest = build_digest(
            con, Config(companies=[NORTHWIND]), since=NOW - timedelta(hours=1), now=NOW
        )
    northwind = digest.companies[0]
    assert northwind.developments == () and northwind.new_articles == 0, (
        [d.title for d in northwind.developments], northwind.new_articles)
