"""When a source is next due: growing backoff with jitter after failures, Retry-After honoured."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

BASE_BACKOFF = timedelta(minutes=30)
MAX_BACKOFF = timedelta(hours=23)  # below a day, so a nightly cron still retries every night
MAX_RETRY_AFTER = timedelta(days=2)


def backoff_delay(consecutive_failures: int, rng: random.Random | None = None) -> timedelta:
    """30 min, 1 h, 2 h, ... capped at 23 h, plus up to 20% jitter so retries do not stampede."""
    rng = rng or random
    steps = max(consecutive_failures - 1, 0)
    delay = min(BASE_BACKOFF * (2 ** min(steps, 16)), MAX_BACKOFF)
    jitter = delay * (rng.random() * 0.2)
    return min(delay + jitter, MAX_BACKOFF)


def retry_after_delay(seconds: float) -> timedelta:
    return min(timedelta(seconds=max(seconds, 0)), MAX_RETRY_AFTER)


def is_due(next_fetch_after: datetime | None, now: datetime) -> bool:
    return next_fetch_after is None or next_fetch_after <= now


def format_next_try(when: datetime, now: datetime) -> str:
    """'02:10 UTC' when it is less than a day after `now`, else '2026-12-03 02:10 UTC'."""
    when = when.astimezone(UTC)
    if when - now < timedelta(hours=20):
        return f"{when:%H:%M} UTC"
    return f"{when:%Y-%m-%d %H:%M} UTC"
