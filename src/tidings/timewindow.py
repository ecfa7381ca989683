"""Reading the time windows users type: `30d`, `12h`, `2w`, `6m`, a date `2026-01-31`, or `all`."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from tidings.errors import TidingsError

_UNITS = {"h": 1 / 24, "d": 1, "w": 7, "m": 30, "y": 365}
_DURATION = re.compile(r"\s*(\d+)\s*([hdwmy])\s*")
# `--since all`: before any date the store keeps (normalize.sane_date refuses dates before
# 1995), and late enough that a window reaching a year further back still has a calendar.
ALL_TIME = datetime(1990, 1, 1, tzinfo=UTC)


class WindowError(TidingsError):
    """A --since value that is neither a duration nor a date."""


def parse_window(value: str) -> timedelta:
    """'30d' -> 30 days. Units: h(ours), d(ays), w(eeks), m(onths of 30 days), y(ears)."""
    match = _DURATION.fullmatch(value.lower())
    if not match:
        raise WindowError(f"{value!r} is not a duration like 30d, 12h, 2w or 6m")
    amount = int(match.group(1))
    try:
        return timedelta(days=amount * _UNITS[match.group(2)])
    except OverflowError:
        raise WindowError(f"{value!r} is longer than any calendar allows") from None


def parse_since(value: str, now: datetime | None = None) -> datetime:
    """The start of a window: a duration back from now, an ISO date/time (UTC), or `all`."""
    now = now or datetime.now(UTC)
    if value.strip().lower() == "all":
        return ALL_TIME
    try:
        window = parse_window(value)
    except WindowError:
        if _DURATION.fullmatch(value.lower()):
            raise  # a duration too long to compute, not a date
        window = None
    if window is not None:
        try:
            return now - window
        except OverflowError:
            raise WindowError(f"--since {value!r} reaches back before year 1") from None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise WindowError(
            f"--since {value!r}: use a duration (30d, 12h, 2w, 6m), a date (2026-01-31) or all"
        ) from None
    start = parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    if start > now:
        # An empty window would pass for "nothing recent" ("Last 0 days (1 Jan 2030 to 1 Dec 2026)").
        raise WindowError(f"--since {value!r} is in the future (now is {now:%Y-%m-%d %H:%M} UTC)")
    return start


def is_all_time(since: datetime) -> bool:
    """True for the start `--since all` gives: say "all time", not "the last 13,000 days"."""
    return since <= ALL_TIME


def since_phrase(since: datetime) -> str:
    """'since 2026-01-31', or 'in all stored news' for `--since all`."""
    return "in all stored news" if is_all_time(since) else f"since {since:%Y-%m-%d}"


def describe_age(when: datetime | None, now: datetime | None = None) -> str:
    """'3h ago', '2d ago', 'never'."""
    if when is None:
        return "never"
    now = now or datetime.now(UTC)
    seconds = (now - when).total_seconds()
    if seconds < 0:
        return "just now" if seconds > -120 else "in " + describe_age(now, when).replace(" ago", "")
    if seconds < 90:
        return "just now"
    if seconds < 3600 * 1.5:
        return f"{round(seconds / 60)}m ago"
    if seconds < 86400 * 1.5:
        return f"{round(seconds / 3600)}h ago"
    return f"{round(seconds / 86400)}d ago"
