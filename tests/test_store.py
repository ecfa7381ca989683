"""The store: migrations, bulk upserts, and sharing the file with other processes."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from tidings.cli import main
from tidings.errors import StoreBusyError, StoreError
from tidings.models import Article
from tidings.store.articles import list_articles, upsert_articles
from tidings.store.connection import connect, open_store
from tidings.store.migrations import MIGRATIONS

HOLD_WRITE = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
"""

HOLD_FETCH_LOCK = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
fcntl.flock(fd, fcntl.LOCK_EX)
os.write(fd, b"4242")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
"""


def article(n: int, *, title: str | None = None, estimate: bool = False) -> Article:
    now = datetime(2026, 11, 1, tzinfo=UTC)
    return Article(
        id=f"id{n}",
        url=f"https://example.test/{n}",
        canonical_url=f"https://example.test/{n}",
        title=title or f"Title {n}",
        summary="s",
        body="b",
        published_at=now - timedelta(days=n),
        published_is_estimate=estimate,
        fetched_at=now,
        source_url="https://example.test/feed",
        company="acme",
        content_hash=title or f"h{n}",
    )


class hold:  # noqa: N801 - used like a function in a with statement
    """A child process that holds a lock until the with block ends."""

    def __init__(self, script: str, *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", script, *args], stdout=subprocess.PIPE, text=True
        )
        assert self.proc.stdout is not None
        assert self.proc.stdout.readline().strip() == "locked"

    def __enter__(self) -> subprocess.Popen[str]:
        return self.proc

    def __exit__(self, *exc: object) -> None:
        self.proc.kill()
        self.proc.wait()
        assert self.proc.stdout is not None
        self.proc.stdout.close()


def test_migrations_are_recorded_once(tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    with connect(db) as con:
        names = [r[0] for r in con.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()]
    assert names == [name for name, _ in MIGRATIONS]
    with connect(db) as con:  # opening again applies nothing twice
        assert con.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(MIGRATIONS)


def test_upsert_inserts_new_updates_changed_and_keeps_real_dates(tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    with connect(db) as con:
        first = upsert_articles(con, [article(1), article(2)])
        assert (first.new, first.updated) == (2, 0)
        again = upsert_articles(con, [article(1), article(2)])
        assert (again.new, again.updated) == (0, 0)
        changed = article(1, title="Changed", estimate=True)
        result = upsert_articles(con, [changed, article(3)])
        assert (result.new, result.updated) == (1, 1)
        rows = list_articles(con, limit=None)
    assert [r.title for r in rows] == ["Changed", "Title 2", "Title 3"]
    # the stored real date survived an update that only had an estimate
    assert rows[0].published == datetime(2026, 10, 31, tzinfo=UTC)
    assert rows[0].published_is_estimate is False


def test_reader_waits_for_a_short_write(tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    with connect(db) as con:
        upsert_articles(con, [article(1)])
    with hold(HOLD_WRITE, str(db), "1.0"):
        started = time.monotonic()
        with connect(db, read_only=True, wait=10) as con:
            assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
        assert time.monotonic() - started >= 0.3


def test_reader_gives_up_with_a_clear_message(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "t.duckdb"
    with connect(db):
        pass
    with hold(HOLD_WRITE, str(db), "5"):
        with pytest.raises(StoreBusyError, match="busy"):
            open_store(db, read_only=True, wait=0.5)
        monkeypatch.setenv("TIDINGS_LOCK_WAIT", "0.5")
        feeds = tmp_path / "feeds"
        feeds.mkdir()
        result = CliRunner().invoke(main, ["--feeds", str(feeds), "--db", str(db), "articles"])
        assert result.exit_code == 1
        assert "busy" in result.stderr and "Traceback" not in result.stderr


def test_second_fetch_exits_while_one_runs(tmp_path: Path) -> None:
    db = tmp_path / "data" / "t.duckdb"
    db.parent.mkdir()
    feeds = tmp_path / "feeds"
    feeds.mkdir()
    (feeds / "c.toml").write_text(
        '[[company]]\nname = "Acme"\n[[company.sources]]\nurl = "http://127.0.0.1:9/feed"\n'
    )
    with hold(HOLD_FETCH_LOCK, str(db) + ".fetch.lock", "5"):
        result = CliRunner().invoke(main, ["--feeds", str(feeds), "--db", str(db), "fetch"])
    assert result.exit_code == 1
    assert "another tidings fetch is already running (pid 4242)" in result.stderr
    assert not db.exists()  # it did nothing at all


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    db.write_bytes(b"this is not duckdb" * 100)
    with pytest.raises(StoreError):
        open_store(db)
    assert db.read_bytes().startswith(b"this is not duckdb")


def test_duckdb_is_closed_after_connect(tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    with connect(db):
        pass
    # a second process-level open in another configuration works, so nothing is left open
    con = duckdb.connect(str(db), read_only=True)
    con.close()


def test_search_index_compaction_keeps_results_and_sorts(tmp_path: Path) -> None:
    from tidings.analysis.ingest import Analyzer, analyse_articles
    from tidings.intel.search import search
    from tidings.models import Company
    from tidings.store.maintenance import compact_search_index

    db = tmp_path / "t.duckdb"
    arts = [article(n, title=f"Acme opens office number {n} in Lisbon") for n in range(30)]
    with connect(db) as con:
        upsert_articles(con, arts)
        analyse_articles(con, Analyzer([Company(slug="acme", name="Acme")]), [a.id for a in arts])
        before = [h.id for h in search(con, "lisbon office")]
        assert compact_search_index(con) is False  # small index: nothing to do
        assert compact_search_index(con, force=True) is True
        after = [h.id for h in search(con, "lisbon office")]
        tokens = [r[0] for r in con.execute("SELECT token FROM tokens").fetchall()]
    assert before and before == after
    assert tokens == sorted(tokens)


def test_story_coverage_is_kept_in_the_stories_table(tmp_path: Path) -> None:
    from dataclasses import replace

    from tidings.analysis.ingest import assign_stories

    db = tmp_path / "t.duckdb"
    one = article(1, title="Acme raises $40 million in Series C funding")
    two = replace(article(2, title="Acme raises $40 million in Series C funding round"),
                  published_at=one.published_at, source_url="https://other.test/feed")
    with connect(db) as con:
        upsert_articles(con, [one, two])
        assign_stories(con, one.published_at, one.published_at)
        rows = con.execute("SELECT story_id, coverage, articles FROM stories").fetchall()
    assert rows == [(min(one.id, two.id), 2, 2)]


def test_reanalyse_clusters_in_a_second_process_like_in_one(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    import tidings.analysis.ingest as ingest
    from tidings.models import Company

    arts = [article(n, title=f"Acme opens office number {n % 7} in Lisbon") for n in range(40)]
    arts = [replace(a, published_at=arts[0].published_at) for a in arts]
    companies = [Company(slug="acme", name="Acme")]
    results = []
    for parallel_min in (10**9, 1):  # first in this process, then in a spawned one
        monkeypatch.setattr(ingest, "PARALLEL_MIN", parallel_min)
        db = tmp_path / f"t{parallel_min}.duckdb"
        with connect(db) as con:
            upsert_articles(con, arts)
            ingest.reanalyse_all(con, companies)
            results.append(con.execute("SELECT id, story_id FROM articles ORDER BY id").fetchall())
    assert results[0] == results[1]
    assert len({story for _, story in results[0]}) == 7


def test_bulk_load_of_a_huge_article_fits_the_memory_cap(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    monkeypatch.setenv("TIDINGS_MEMORY_LIMIT", "64MB")
    big = replace(article(1), body="word " * 1_500_000)  # 7.5 MB of text in one article
    with connect(tmp_path / "t.duckdb") as con:
        counts = upsert_articles(con, [big, article(2)])
        length = con.execute("SELECT length(body) FROM articles WHERE id = 'id1'").fetchone()[0]
    assert counts.new == 2 and length == len(big.body)
