"""Review findings: each test demonstrated a bug (now fixed) and keeps it fixed."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from tests.feedgen import rss
from tests.httpserver import Route, serve
from tests.test_pages_e2e import HTML, page, run
from tidings.analysis.ingest import assign_stories
from tidings.models import Article, Company, SourceConfig
from tidings.sources.fetch_run import run_fetch
from tidings.store.articles import upsert_articles
from tidings.store.connection import connect, transaction


def _long_article(n: int) -> bytes:
    """An article page whose text is well over the teaser length (1,200 characters)."""
    paragraphs = "".join(
        f"<p>Paragraph {k} of story {n}: Contoso said its routing service for delivery fleets "
        f"grew in region {k}, where a team of twenty engineers in Berlin works with customers "
        f"who asked for faster planning of daily routes across many cities.</p>"
        for k in range(12)
    )
    return page(
        f"Contoso story {n}",
        f"<main><article><h1>Contoso story number {n} about fleets</h1>"
        f'<time datetime="2026-11-{10 + n:02d}T09:00:00Z">{10 + n} November 2026</time>'
        f"{paragraphs}</article></main>",
    )


def _query(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_full_text_body_survives_a_later_feed_change(tmp_path: Path) -> None:
    def entry(n: int, link: str) -> dict[str, str]:
        return {
            "title": f"Contoso story number {n} about fleets",
            "link": link,
            "guid": link,
            "description": "A short teaser.",
            "pubDate": f"Wed, {10 + n} Nov 2026 09:00:00 GMT",
        }

    with serve({}) as server:
        one = server.url("/a/1")
        server.routes["/a/1"] = Route(_long_article(1), headers=HTML)
        server.routes["/a/2"] = Route(_long_article(2), headers=HTML)
        server.routes["/feed.xml"] = Route(rss([entry(1, one)]), etag='"f1"')
        (tmp_path / "feeds").mkdir()
        (tmp_path / "feeds" / "c.toml").write_text(
            f'[[company]]\nname = "Contoso"\n[[company.sources]]\n'
            f'url = "{server.url("/feed.xml")}"\nfull_text = true\n'
        )
        assert run(tmp_path, "fetch").exit_code == 0
        # The feed gains a second item: an ordinary change for any news feed.
        server.routes["/feed.xml"] = Route(
            rss([entry(2, server.url("/a/2")), entry(1, one)]), etag='"f2"'
        )
        assert run(tmp_path, "fetch").exit_code == 0
        page_hits = len(server.requests_for("/a/1"))
    body = _query(tmp_path / "t.duckdb", f"SELECT body FROM articles WHERE url = '{one}'")[0][0]
    assert page_hits == 1  # complete after the first run, so not fetched again
    assert "team of twenty engineers in Berlin" in body  # the full text read on the first run


def test_lone_surrogate_in_json_feed_does_not_sink_the_run(tmp_path: Path) -> None:
    bad = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Bad",
        "items": [{"id": "1", "url": "https://bad.test/a", "title": "Acme \\ud83d launches",
                   "content_text": "Acme launches a product."}],
    }
    body = json.dumps(bad).replace("\\\\ud83d", "\\ud83d").encode()
    good = rss([{"title": "Contoso opens an office", "link": "https://good.test/1",
                 "pubDate": "Wed, 11 Nov 2026 09:00:00 GMT"}])
    headers = {"Content-Type": "application/feed+json"}
    with serve({"/bad.json": Route(body, headers=headers), "/good.xml": Route(good)}) as server:
        companies = [
            Company(slug="acme", name="Acme", sources=(
                SourceConfig(server.url("/bad.json"), "acme"),)),
            Company(slug="contoso", name="Contoso", sources=(
                SourceConfig(server.url("/good.xml"), "contoso"),)),
        ]
        db = tmp_path / "t.duckdb"
        report = run_fetch(db, companies, workers=2, timeout=10)
    assert report.count("updated") + report.count("failed") == 2
    assert _query(db, "SELECT count(*) FROM articles WHERE company = 'contoso'")[0][0] == 1


def _article_row(n: int, title: str, published: datetime) -> Article:
    return Article(
        id=f"{n:016x}", url=f"https://news{n}.test/story", canonical_url=f"https://news{n}.test/story",
        title=title, summary=title, body=title, published_at=published,
        published_is_estimate=False, fetched_at=published, source_url=f"https://news{n}.test/feed",
        company="acme", content_hash=f"h{n}", publisher=f"News {n}",
    )


def test_story_spanning_the_clustering_window_stays_one_story(tmp_path: Path) -> None:
    day0 = datetime(2026, 3, 1, 9, tzinfo=UTC)
    title = "Acme acquires Globex logistics unit in 300 million deal"
    a = _article_row(1, title, day0)
    b = _article_row(2, title, day0 + timedelta(days=3))
    c = _article_row(3, title, day0 + timedelta(days=7))
    db = tmp_path / "t.duckdb"
    with connect(db) as con, transaction(con):
        upsert_articles(con, [a, b])
        assign_stories(con, a.published_at, b.published_at)  # one fetch run
    with connect(db) as con, transaction(con):
        upsert_articles(con, [c])
        assign_stories(con, c.published_at, c.published_at)  # the next one
    stories = dict(_query(db, "SELECT id, story_id FROM articles"))
    rows = dict(_query(db, "SELECT story_id, articles FROM stories"))
    actual = dict(_query(db, "SELECT story_id, count(*) FROM articles GROUP BY 1"))
    assert len(set(stories.values())) == 1, stories
    assert rows == actual  # each stories row counts the articles that carry its id


def test_articles_written_before_ctrl_c_get_stories(tmp_path: Path) -> None:
    from tidings.analysis.ingest import analysis_hook

    title = "Acme acquires Globex logistics unit in 300 million deal"
    feed = rss([
        {"title": title, "link": "https://one.test/a", "pubDate": "Wed, 11 Mar 2026 09:00:00 GMT"},
        {"title": title + " - report", "link": "https://two.test/b",
         "pubDate": "Wed, 11 Mar 2026 10:00:00 GMT"},
    ])
    db = tmp_path / "t.duckdb"

    def interrupt(_outcome: object) -> None:
        raise KeyboardInterrupt  # the user presses Ctrl-C just after the batch was written

    with serve({"/feed.xml": Route(feed, etag='"v1"')}) as server:
        companies = [Company(slug="acme", name="Acme", sources=(
            SourceConfig(server.url("/feed.xml"), "acme"),))]
        with pytest.raises(KeyboardInterrupt):
            run_fetch(db, companies, workers=1, timeout=10, progress=interrupt,
                      after_write=analysis_hook(companies))
        run_fetch(db, companies, workers=1, timeout=10, after_write=analysis_hook(companies))
    assert _query(db, "SELECT count(*) FROM articles")[0][0] == 2
    assert _query(db, "SELECT count(*) FROM articles WHERE story_id IS NULL")[0][0] == 0
