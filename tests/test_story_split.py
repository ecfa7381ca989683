"""Two clusters of one run that both held articles of one stored story do not merge again
through the stored id: review 20 saw QEMU's 10.0.0 and 10.1.0 release posts wrongly made one
story once, and every later run (reanalyze too) kept them one, hiding 10.1.0 from the digest."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tidings.analysis.ingest import save_stories
from tidings.models import Article
from tidings.store.articles import upsert_articles
from tidings.store.connection import connect

T = datetime(2026, 11, 27, tzinfo=UTC)


def _article(article_id: str, title: str) -> Article:
    return Article(
        id=article_id, url=f"https://q.example/{article_id}", canonical_url=f"https://q.example/{article_id}",
        title=title, summary="", body="", published_at=T, published_is_estimate=False, fetched_at=T,
        source_url="https://q.example/feed", company="qemu", content_hash=article_id,
    )


def test_a_wrong_merge_is_undone_by_the_next_clustering(tmp_path: Path) -> None:
    with connect(tmp_path / "t.duckdb") as con:
        upsert_articles(con, [_article("a", "QEMU version 10.0.0 released"),
                              _article("b", "QEMU version 10.1.0 released"),
                              _article("c", "QEMU 10.1.0 is out")])
        save_stories(con, {"a": "a", "b": "a", "c": "a"})  # the old, wrong merge
        save_stories(con, {"a": "a", "b": "b", "c": "b"})  # read apart now
        rows = dict(con.execute("SELECT id, story_id FROM articles").fetchall())
        coverage = dict(con.execute("SELECT story_id, articles FROM stories").fetchall())
    assert rows == {"a": "a", "b": "b", "c": "b"}
    assert coverage == {"a": 1, "b": 2}


def test_a_story_that_grows_keeps_its_id(tmp_path: Path) -> None:
    with connect(tmp_path / "t.duckdb") as con:
        upsert_articles(con, [_article("a", "Harbor launched"), _article("b", "Harbor is here")])
        save_stories(con, {"a": "a"})
        # this run sees only b and a later copy, clustered under b: they join a's story
        save_stories(con, {"b": "b", "a": "b"})
        rows = dict(con.execute("SELECT id, story_id FROM articles").fetchall())
    assert rows == {"a": "a", "b": "a"}
