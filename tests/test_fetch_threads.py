"""run_fetch downloads in worker threads and parses on its own thread: a parser crash fails only
its source, the backlog of downloaded feeds stays bounded, and Ctrl-C leaves no worker behind.
Real HTTP server on 127.0.0.1, real DuckDB file."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import duckdb
import pytest

import tidings.sources.feed_fetcher as feed_module
from tests.feedgen import items, rss
from tests.httpserver import Route, serve
from tidings.models import Company, SourceConfig
from tidings.sources import fetch_run as fetch_module
from tidings.sources.fetch_run import run_fetch
from tidings.sources.outcome import FAILED, UPDATED

FEEDS = 24


def _companies(urls: list[str]) -> list[Company]:
    return [
        Company(slug=f"co{i}", name=f"Company {i}", sources=(SourceConfig(url=url, company=f"co{i}"),))
        for i, url in enumerate(urls)
    ]


def _routes() -> dict[str, Route]:
    return {
        f"/{i}.xml": Route(rss(items(3, prefix=f"feed{i}", host=f"https://f{i}.test")))
        for i in range(FEEDS)
    }


def _stored(db: Path) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        con.close()


def test_feeds_are_parsed_on_the_calling_thread_with_a_bounded_backlog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parse_threads: set[str] = set()
    waiting: list[int] = []
    original = feed_module.parse_feed

    def recording_parse(*args, **kwargs):  # type: ignore[no-untyped-def]
        parse_threads.add(threading.current_thread().name)
        return original(*args, **kwargs)

    monkeypatch.setattr(feed_module, "parse_feed", recording_parse)
    monkeypatch.setattr(fetch_module, "BACKLOG_PER_WORKER", 1)
    original_safe_fetch = fetch_module._safe_fetch

    def slow_consumer_check(client, source, state, now, backlog):  # type: ignore[no-untyped-def]
        waiting.append(backlog._value)  # room left when this worker starts
        return original_safe_fetch(client, source, state, now, backlog)

    monkeypatch.setattr(fetch_module, "_safe_fetch", slow_consumer_check)
    with serve(_routes()) as server:
        report = run_fetch(
            tmp_path / "t.duckdb",
            _companies([server.url(f"/{i}.xml") for i in range(FEEDS)]),
            workers=3,
        )
    assert report.count(UPDATED) == FEEDS
    assert _stored(tmp_path / "t.duckdb") == FEEDS * 3
    assert parse_threads == {threading.current_thread().name}
    # Never more downloaded-but-unparsed feeds than the backlog allows (3 workers x 1).
    assert min(waiting) >= 0 and max(waiting) <= 3


def test_a_parser_crash_fails_only_its_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = feed_module.parse_feed

    def crashing_parse(body, url, headers):  # type: ignore[no-untyped-def]
        if url.endswith("/5.xml"):
            raise RuntimeError("parser bug")
        return original(body, url, headers)

    monkeypatch.setattr(feed_module, "parse_feed", crashing_parse)
    with serve(_routes()) as server:
        report = run_fetch(
            tmp_path / "t.duckdb",
            _companies([server.url(f"/{i}.xml") for i in range(FEEDS)]),
            workers=4,
        )
    failed = report.failures
    assert [o.source.url.rsplit("/", 1)[1] for o in failed] == ["5.xml"]
    assert failed[0].status == FAILED and "internal error: RuntimeError: parser bug" in failed[0].error
    assert _stored(tmp_path / "t.duckdb") == (FEEDS - 1) * 3


def test_interrupt_while_workers_wait_for_backlog_room_leaves_no_thread_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = feed_module.parse_feed
    calls = 0

    def interrupted_parse(*args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        if calls == 2:
            time.sleep(0.5)  # let the workers fill the backlog and block on it
            raise KeyboardInterrupt
        return original(*args, **kwargs)

    monkeypatch.setattr(feed_module, "parse_feed", interrupted_parse)
    monkeypatch.setattr(fetch_module, "BACKLOG_PER_WORKER", 1)
    before = {t.ident for t in threading.enumerate()}
    with serve(_routes()) as server:
        with pytest.raises(KeyboardInterrupt):
            run_fetch(
                tmp_path / "t.duckdb",
                _companies([server.url(f"/{i}.xml") for i in range(FEEDS)]),
                workers=2,
            )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            workers = [
                t for t in threading.enumerate()
                if t.ident not in before and t.name.startswith("ThreadPoolExecutor")
            ]
            if not workers:
                break
            time.sleep(0.05)
    assert workers == []
