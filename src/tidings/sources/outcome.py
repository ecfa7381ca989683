"""The result of fetching one source, and how it changes the source's stored state."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime

from tidings.models import Article, SourceConfig
from tidings.network.http_client import Response
from tidings.sources.schedule import backoff_delay, retry_after_delay
from tidings.store.sources import SourceState

UPDATED = "updated"
UNCHANGED = "unchanged"
FAILED = "failed"
SKIPPED = "skipped"


@dataclass
class SourceOutcome:
    source: SourceConfig
    status: str  # updated | unchanged | failed | skipped
    http_status: int | None = None
    error: str | None = None
    note: str | None = None  # why a source was skipped, or what was odd about it
    articles: list[Article] = field(default_factory=list)
    items_seen: int = 0
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    moved_to: str | None = None  # permanent redirect target
    title: str | None = None
    bozo: bool = False
    gone: bool = False
    retry_after: float | None = None
    blocked: bool = False  # robots.txt forbids it: a visible skip, not a failure
    new_articles: int = 0  # filled in by the store
    next_try: datetime | None = None  # failing sources: when a fetch will try it again

    @property
    def failing(self) -> bool:
        """Failed now, or skipped because its last attempt failed and it is waiting out its
        backoff: either way the source gives no news, and a run must say so every time."""
        return self.status == FAILED or (self.status == SKIPPED and self.error is not None)


@dataclass(frozen=True)
class Unfinished:
    """A source whose network work is done; `finish` (parsing, normalising) runs on the thread
    that drives the fetch. Parsing is pure Python: run in dozens of worker threads it fights
    over the GIL and costs a third more CPU than the same work done on one thread."""

    source: SourceConfig
    finish: Callable[[], SourceOutcome]


def unchanged_outcome(
    source: SourceConfig, state: SourceState, response: Response, url: str
) -> tuple[SourceOutcome | None, str, str | None]:
    """(the "unchanged" outcome if nothing new came, body hash, permanent-move target).

    Nothing new: a 304, or a 200 whose body is byte for byte what was stored last time (servers
    that ignore validators are common)."""
    moved_to = response.permanent_url if response.permanent_url not in (None, url) else None
    if response.not_modified:
        return SourceOutcome(source, UNCHANGED, http_status=304, moved_to=moved_to), "", moved_to
    body_hash = hashlib.sha1(response.body).hexdigest()
    if body_hash == state.body_hash:
        unchanged = SourceOutcome(source, UNCHANGED, http_status=response.status, moved_to=moved_to)
        return unchanged, body_hash, moved_to
    return None, body_hash, moved_to


def next_state(state: SourceState, outcome: SourceOutcome, now: datetime) -> SourceState:
    """The source's stored state after this outcome. Validators change only with the body."""
    if outcome.status == SKIPPED:
        if outcome.blocked:
            return replace(state, last_note=outcome.note, last_fetched_at=now)
        return state
    fetch_url = outcome.moved_to or state.fetch_url
    if outcome.status == FAILED:
        failures = state.consecutive_failures + 1
        if outcome.retry_after is not None:
            next_after = now + retry_after_delay(outcome.retry_after)
        else:
            next_after = now + backoff_delay(failures)
        return replace(
            state,
            fetch_url=fetch_url,
            last_status=outcome.http_status,
            last_error=outcome.error,
            consecutive_failures=failures,
            next_fetch_after=None if outcome.gone else next_after,
            last_fetched_at=now,
            gone=outcome.gone or state.gone,
        )
    changed = outcome.status == UPDATED
    return replace(
        state,
        fetch_url=fetch_url,
        title=outcome.title or state.title,
        etag=outcome.etag if changed else state.etag,
        last_modified=outcome.last_modified if changed else state.last_modified,
        body_hash=outcome.body_hash if changed else state.body_hash,
        last_status=outcome.http_status,
        last_error=None,
        consecutive_failures=0,
        next_fetch_after=None,
        last_fetched_at=now,
        last_success_at=now,
        items_seen=outcome.items_seen if changed else state.items_seen,
        items_new=outcome.new_articles,
        bozo=outcome.bozo if changed else state.bozo,
        gone=False,
        last_note=outcome.note if changed or outcome.note else state.last_note,
    )
