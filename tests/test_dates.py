"""tidings.syndication.feed_dates: the fast RFC 822 reader agrees with email.utils on every shape."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta, timezone
from email.utils import format_datetime, parsedate_to_datetime

from tidings.syndication.feed_dates import _parse_rfc822, parse_date


def _reference(text: str) -> datetime:
    value = parsedate_to_datetime(text)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def test_fast_rfc822_matches_email_utils_on_generated_dates() -> None:
    rng = random.Random(7)
    start = datetime(1996, 1, 1, tzinfo=UTC)
    for _ in range(2000):
        moment = start + timedelta(seconds=rng.randrange(0, 30 * 365 * 86400))
        minutes = rng.choice([0, 60, -300, 330, 525, -570, 765, 840, -720])
        local = moment.astimezone(timezone(timedelta(minutes=minutes)))
        text = format_datetime(local)
        variant = rng.randrange(4)
        if variant == 1:
            text = text.split(", ", 1)[1]  # no weekday
        elif variant == 2 and minutes == 0:
            text = text.replace("+0000", "GMT")
        elif variant == 3:
            text = text.rsplit(":", 1)[0] + text[-6:]  # no seconds
            moment = moment.replace(second=0)
        assert _parse_rfc822(text) == _reference(text) == moment, text


def test_shapes_the_fast_path_leaves_to_email_utils_still_parse() -> None:
    assert _parse_rfc822("Tue, 24 Nov 2026 09:30:00 EST") == datetime(2026, 11, 24, 14, 30, tzinfo=UTC)
    assert _parse_rfc822("Tue, 24 Nov 26 09:30:00 +0000") == datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
    assert _parse_rfc822("Tue, 31 Feb 2026 09:30:00 +0000") is None
    now = datetime(2026, 11, 26, tzinfo=UTC)
    assert parse_date("Wed, 25 Nov 2026 23:30:00 -0800", now=now) == datetime(
        2026, 11, 26, 7, 30, tzinfo=UTC
    )
