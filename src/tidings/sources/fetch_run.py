"""A fetch run: every due source fetched concurrently, results written in short transactions.

Network work happens in worker threads; only the calling thread touches the database, in
batches, each with its own short-lived connection so that a user's query never waits long.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import threading
import time
from collections.abc import Callable, Collection, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from tidings.errors import TidingsError
from tidings.models import Company, SourceConfig
from tidings.sources.feed_fetcher import fetch_feed
from tidings.sources.fetch_context import FetchContext
from tidings.sources.outcome import (
    FAILED,
    SKIPPED,
    UNCHANGED,
    UPDATED,
    SourceOutcome,
    Unfinished,
    next_state,
)
from tidings.sources.schedule import format_next_try, is_due
from tidings.store.articles import TEASER_CHARS, relay_link_sources, upsert_articles
from tidings.store.connection import connect, transaction
from tidings.store.sources import SourceState, load_states, save_states, state_for, sync_config

log = logging.getLogger(__name__)

# A batch is written when it has this many sources, or its articles would take about
# WRITE_TARGET_SECONDS to write (learnt from the previous batch; at most 10,000, which keeps a
# batch's memory small), or FLUSH_EVERY_SECONDS passed.
# Every write holds the database (readers wait) and closing it checkpoints, a cost per batch:
# 10,000 articles per batch write in 1.8 s of CPU what 5,000 per batch write in 2.3.
FLUSH_EVERY_SOURCES = 500
FLUSH_EVERY_SECONDS = 3.0
WRITE_TARGET_SECONDS = 1.5
FIRST_BATCH_ARTICLES = 5_000
BATCH_ARTICLES_RANGE = (1_000, 10_000)
# Downloaded feeds waiting for the driving thread to parse them, per worker: enough to keep it
# busy, few enough that a slow parse cannot pile up hundreds of bodies in memory.
BACKLOG_PER_WORKER = 2

Fetcher = Callable[
    [FetchContext, SourceConfig, SourceState, datetime], SourceOutcome | Unfinished
]
Progress = Callable[[SourceOutcome], None]
AfterWrite = Callable[..., None]


class FetchBusyError(TidingsError):
    """Another fetch holds the workspace's fetch lock."""


@dataclass
class FetchReport:
    started_at: datetime
    finished_at: datetime | None = None
    outcomes: list[SourceOutcome] = field(default_factory=list)
    updated_articles: int = 0

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def new_articles(self) -> int:
        return sum(o.new_articles for o in self.outcomes)

    @property
    def failures(self) -> list[SourceOutcome]:
        """Sources that failed in this run or are waiting out the backoff of their last failure."""
        return [o for o in self.outcomes if o.failing]

    def next_try(self) -> datetime | None:
        """The earliest time a failing source will be tried again (None: at the next run)."""
        times = [o.next_try for o in self.failures if o.next_try is not None]
        return min(times) if times else None

    def summary(self) -> str:
        failing = len(self.failures)
        parts = [
            f"{self.count(UPDATED)} updated",
            f"{self.count(UNCHANGED)} unchanged",
            f"{failing} failing" if failing else "0 failed",
        ]
        when = self.next_try()
        if failing and when is not None:
            parts[-1] += f", next try {format_next_try(when, self.started_at)}"
        blocked = sum(1 for o in self.outcomes if o.status == SKIPPED and o.blocked)
        deferred = sum(1 for o in self.outcomes if o.status == SKIPPED and not o.blocked and not o.failing)
        if deferred:
            parts.append(f"{deferred} deferred")
        if blocked:
            parts.append(f"{blocked} blocked by robots.txt")
        n = len(self.outcomes)
        noun = "source" if n == 1 else "sources"
        articles = self.new_articles
        return f"{n} {noun}: {', '.join(parts)}; {articles} new article{'s' if articles != 1 else ''}"


def fetcher_for(kind: str) -> Fetcher:
    if kind == "page":
        from tidings.sources.page_fetcher import fetch_page

        return fetch_page
    return fetch_feed


class FetchLock:
    """An advisory lock beside the database so two fetch runs never overlap."""

    def __init__(self, db_path: Path) -> None:
        self.path = Path(str(db_path) + ".fetch.lock")
        self._handle: int | None = None

    def __enter__(self) -> FetchLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(handle, 32).decode(errors="replace").strip() or "?"
            os.close(handle)
            raise FetchBusyError(
                f"another tidings fetch is already running (pid {holder}); this one did nothing"
            ) from None
        os.ftruncate(handle, 0)
        os.write(handle, str(os.getpid()).encode())
        self._handle = handle
        return self

    def __exit__(self, *exc: object) -> None:
        if self._handle is not None:
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            os.close(self._handle)
            self._handle = None


def in_shard(url: str, shard: tuple[int, int] | None) -> bool:
    """Stable assignment of sources to shards (k of n), so several hosts can split the work."""
    if shard is None:
        return True
    k, n = shard
    # sha1, not crc32: crc32's low bits hardly move between URLs that differ in one character.
    return int.from_bytes(hashlib.sha1(url.encode()).digest()[:8], "big") % n == k - 1


def select_sources(
    companies: Sequence[Company], only: Sequence[str] | None, shard: tuple[int, int] | None
) -> list[SourceConfig]:
    chosen = [c for c in companies if only is None or c.slug in only]
    return [s for c in chosen for s in c.sources if in_shard(s.url, shard)]


def _skip_reason(
    source: SourceConfig, state: SourceState, now: datetime, force: bool
) -> SourceOutcome | None:
    if state.gone and not force:
        return SourceOutcome(
            source,
            FAILED,
            http_status=410,
            error="gone (HTTP 410): remove it with `tidings source remove` or fetch with --force",
        )
    if not force and not is_due(state.next_fetch_after, now):
        when = state.next_fetch_after.strftime("%Y-%m-%d %H:%M UTC") if state.next_fetch_after else ""
        failed_before = state.consecutive_failures > 0
        return SourceOutcome(
            source,
            SKIPPED,
            http_status=state.last_status if failed_before else None,
            # A source waiting out its backoff still gives no news: it stays a failure (error
            # set) until a fetch succeeds, so no run reports it as fine.
            error=(state.last_error or "failed") if failed_before else None,
            note=f"deferred until {when} after: {state.last_error}",
            next_try=state.next_fetch_after,
        )
    return None


def _internal_error(source: SourceConfig, exc: Exception) -> SourceOutcome:
    log.exception("unexpected error fetching %s", source.url)
    return SourceOutcome(source, FAILED, error=f"internal error: {type(exc).__name__}: {exc}")


def _safe_fetch(
    client: FetchContext,
    source: SourceConfig,
    state: SourceState,
    now: datetime,
    backlog: threading.Semaphore,
) -> SourceOutcome | Unfinished:
    try:
        result = fetcher_for(source.kind)(client, source, state, now)
    except Exception as exc:  # a bug in one fetcher must not sink the run
        return _internal_error(source, exc)
    if isinstance(result, Unfinished):
        # Released by the driving thread once it has finished this source.
        backlog.acquire()
    return result


def _safe_finish(result: SourceOutcome | Unfinished, backlog: threading.Semaphore) -> SourceOutcome:
    if not isinstance(result, Unfinished):
        return result
    try:
        return result.finish()
    except Exception as exc:  # a feed that breaks the parser must not sink the run
        return _internal_error(result.source, exc)
    finally:
        backlog.release()


def write_outcomes(
    db_path: Path,
    outcomes: Sequence[SourceOutcome],
    states: dict[str, SourceState],
    now: datetime,
    after_write: AfterWrite | None = None,
    relinked_sources: Collection[str] = (),
    own_sources: Collection[str] = (),
    source_order: dict[str, int] | None = None,
    configured_sources: Collection[str] | None = None,
) -> int:
    """Store the articles and new source states of a batch in one short transaction; return
    how many stored articles were updated in place. An entry two sources of the batch carry
    goes to the one listed first in feeds/ (`source_order`), not to whichever answered first,
    unless the other is a company's own source (`own_sources`)."""
    order = source_order or {}
    ranked = sorted(outcomes, key=lambda o: order.get(o.source.url, len(order)))
    with connect(db_path, wait=120) as con, transaction(con):
        # One bulk upsert for the whole batch: per-call overhead dominates small upserts.
        counts = upsert_articles(
            con, [a for o in ranked for a in o.articles], relinked_sources=relinked_sources,
            own_sources=own_sources, configured_sources=configured_sources,
        )
        new_ids = set(counts.new_ids)
        changed_states = []
        for outcome in outcomes:
            ids = {a.id for a in outcome.articles}
            outcome.new_articles = len(ids & new_ids)
            new_ids -= ids
            state = state_for(states, outcome.source)
            updated = next_state(state, outcome, now)
            states[outcome.source.url] = updated
            if outcome.status == FAILED:
                outcome.next_try = updated.next_fetch_after
            if updated is not state:
                changed_states.append(updated)
        save_states(con, changed_states)
        changed = list(counts.new_ids) + list(counts.updated_ids)
        if after_write is not None and changed:
            after_write(con, changed)
    return counts.updated


def run_fetch(
    db_path: Path,
    companies: Sequence[Company],
    *,
    only: Sequence[str] | None = None,
    workers: int = 16,
    timeout: float = 60.0,
    force: bool = False,
    refetch: bool = False,
    shard: tuple[int, int] | None = None,
    client: FetchContext | None = None,
    progress: Progress | None = None,
    after_write: AfterWrite | None = None,
    now: datetime | None = None,
    own_sources: Collection[str] = (),
) -> FetchReport:
    """Fetch every due source of the given companies and store what came in.

    `refetch` ignores the stored validators (ETag, Last-Modified, the last body's hash) for this
    run: every document is read again, so an article whose stored link an older version read
    differently (a FeedBurner proxy link) is updated in place; nothing is stored twice, since an
    entry's identity does not depend on the validators. `own_sources` are the sources whose
    items are their company's own posts (`analysis.ingest.own_source_urls`): an entry another
    company's feed carries too is filed under the own source."""
    report = FetchReport(started_at=now or datetime.now(UTC))
    with FetchLock(db_path):
        with connect(db_path, wait=120) as con, transaction(con):
            sync_config(con, companies)
            states = load_states(con)
            known = _known_urls(con, companies)
            relinked = relay_link_sources(con)
            run_id = con.execute("SELECT coalesce(max(id), 0) + 1 FROM fetch_runs").fetchone()[0]
            con.execute(
                "INSERT INTO fetch_runs (id, started_at) VALUES (?, ?)", [run_id, report.started_at]
            )
        sources = select_sources(companies, only, shard)
        source_order = {s.url: i for i, s in enumerate(s for c in companies for s in c.sources)}
        owned_client = client is None
        client = client or FetchContext.create(workers, timeout)
        client.known_urls = known
        pending: list[SourceOutcome] = []
        pending_articles = 0
        article_cap = FIRST_BATCH_ARTICLES
        last_flush = time.monotonic()

        def flush() -> None:
            nonlocal last_flush, pending_articles, article_cap
            if pending:
                started = time.monotonic()
                report.updated_articles += write_outcomes(
                    db_path, pending, states, datetime.now(UTC), after_write, relinked,
                    own_sources, source_order, source_order.keys(),
                )
                took = time.monotonic() - started
                low, high = BATCH_ARTICLES_RANGE
                if pending_articles >= low and took > 0:
                    article_cap = int(min(high, max(low, pending_articles * WRITE_TARGET_SECONDS / took)))
                pending_articles = 0
                for outcome in pending:
                    # Stored now: the report keeps counts, not every article of the run.
                    outcome.articles = []
                    if progress is not None:
                        progress(outcome)
                pending.clear()
            last_flush = time.monotonic()

        try:
            pool = ThreadPoolExecutor(max_workers=max(1, workers))
            backlog = threading.Semaphore(max(1, workers) * BACKLOG_PER_WORKER)
            try:
                futures = []
                for source in sources:
                    state = state_for(states, source)
                    skipped = _skip_reason(source, state, report.started_at, force)
                    if skipped is not None:
                        report.outcomes.append(skipped)
                        pending.append(skipped)
                        continue
                    if refetch:
                        # Only the request forgets them; the stored state keeps them until the
                        # new response replaces them.
                        state = replace(state, etag=None, last_modified=None, body_hash=None)
                    futures.append(
                        pool.submit(_safe_fetch, client, source, state, report.started_at, backlog)
                    )
                completed = as_completed(futures)
                # as_completed lets go of each future it yields; without this list's references
                # too, every downloaded body and parsed article would live until the run ends.
                del futures
                for future in completed:
                    outcome = _safe_finish(future.result(), backlog)
                    del future
                    report.outcomes.append(outcome)
                    pending.append(outcome)
                    pending_articles += len(outcome.articles)
                    if (
                        len(pending) >= FLUSH_EVERY_SOURCES
                        or pending_articles >= article_cap
                        or time.monotonic() - last_flush >= FLUSH_EVERY_SECONDS
                    ):
                        flush()
                flush()
            except BaseException:
                # Ctrl-C or a crash: drop queued sources rather than wait for them; what was
                # written so far is complete (each batch is one transaction).
                pool.shutdown(wait=False, cancel_futures=True)
                # Wake the workers waiting for backlog room, or the interpreter would wait for
                # them at exit.
                backlog.release(max(1, workers))
                raise
            pool.shutdown(wait=True)
        finally:
            if owned_client:
                client.close()
        finish = getattr(after_write, "finish", None)
        if finish is not None:
            with connect(db_path, wait=120) as con, transaction(con):
                finish(con)
        report.finished_at = datetime.now(UTC)
        _record_run(db_path, run_id, report)
    return report


def _known_urls(
    con: duckdb.DuckDBPyConnection, companies: Sequence[Company]
) -> dict[str, set[str]]:
    """Stored URLs for each source that fetches article pages, so a run fetches only new ones.

    For `full_text` feeds an article still holding only its teaser does not count as known:
    its page is tried again (a run's attempts are capped by `max_new`).
    """
    known: dict[str, set[str]] = {}
    for company in companies:
        crawling = [s for s in company.sources if s.kind == "page" or s.full_text]
        if not crawling:
            continue
        rows = con.execute(
            "SELECT url, canonical_url, length(coalesce(body, '')) >= ? FROM articles "
            "WHERE company = ?",
            [TEASER_CHARS, company.slug],
        ).fetchall()
        every = {value for row in rows for value in row[:2] if value}
        complete = {value for row in rows if row[2] for value in row[:2] if value}
        for source in crawling:
            known[source.url] = every if source.kind == "page" else complete
    return known


def _record_run(db_path: Path, run_id: int, report: FetchReport) -> None:
    errors = [{"url": o.source.url, "error": o.error} for o in report.failures]
    with connect(db_path, wait=120) as con:
        con.execute(
            """
            UPDATE fetch_runs SET finished_at = ?, sources = ?, updated = ?, unchanged = ?,
                failed = ?, skipped = ?, new_articles = ?, updated_articles = ?, errors = ?
            WHERE id = ?
            """,
            [
                report.finished_at, len(report.outcomes), report.count(UPDATED),
                report.count(UNCHANGED), report.count(FAILED), report.count(SKIPPED),
                report.new_articles, report.updated_articles, json.dumps(errors), run_id,
            ],
        )
