"""Time windows users type on the command line: `30d`, `12h`, a date."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tidings.timewindow import WindowError, describe_age, parse_since, parse_window

NOW = datetime(2026, 3, 15, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("30d", timedelta(days=30)),
        ("12h", timedelta(hours=12)),
        ("2w", timedelta(days=14)),
        ("6m", timedelta(days=180)),
        ("1y", timedelta(days=365)),
        ("0d", timedelta(0)),
        (" 7D ", timedelta(days=7)),
        ("3 d", timedelta(days=3)),
    ],
)
def test_parse_window_good(value: str, expected: timedelta) -> None:
    assert parse_window(value) == expected


@pytest.mark.parametrize(
    "value", ["", "d", "30", "1.5d", "-3d", "30 days", "30x", "banana", "2026-01-31", "99999999999y"]
)
def test_parse_window_bad(value: str) -> None:
    with pytest.raises(WindowError):
        parse_window(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("30d", NOW - timedelta(days=30)),
        ("12h", NOW - timedelta(hours=12)),
        ("2026-01-31", datetime(2026, 1, 31, tzinfo=UTC)),
        ("2026-01-31T08:30", datetime(2026, 1, 31, 8, 30, tzinfo=UTC)),
        ("2026-01-31T10:00+02:00", datetime(2026, 1, 31, 8, 0, tzinfo=UTC)),
    ],
)
def test_parse_since_good(value: str, expected: datetime) -> None:
    got = parse_since(value, now=NOW)
    assert got == expected
    assert got.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    "value", ["banana", "", "2026-13-01", "2026-02-30", "last week", "30", "20000y", "99999999999y"]
)
def test_parse_since_bad_is_a_window_error_that_names_the_value(value: str) -> None:
    with pytest.raises(WindowError) as info:
        parse_since(value, now=NOW)
    assert repr(value) in str(info.value)
    assert "\n" not in str(info.value)


def test_a_since_in_the_future_is_refused() -> None:
    # found by the review: `brief --since 2030-01-01` said "Last 0 days (1 Jan 2030 to 1 Dec 2026)"
    with pytest.raises(WindowError, match="is in the future"):
        parse_since((NOW + timedelta(days=30)).strftime("%Y-%m-%d"), now=NOW)
    assert parse_since(NOW.strftime("%Y-%m-%d"), now=NOW) <= NOW  # today's date is fine


def test_parse_since_defaults_to_now() -> None:
    before = datetime.now(UTC)
    got = parse_since("1d")
    assert before - timedelta(days=1, seconds=5) <= got <= datetime.now(UTC) - timedelta(days=1)


@pytest.mark.parametrize(
    ("delta", "expected"),
    [
        (timedelta(seconds=10), "just now"),
        (timedelta(minutes=30), "30m ago"),
        (timedelta(hours=5), "5h ago"),
        (timedelta(days=3), "3d ago"),
        (timedelta(seconds=-30), "just now"),
        (timedelta(hours=-5), "in 5h"),
    ],
)
def test_describe_age(delta: timedelta, expected: str) -> None:
    assert describe_age(NOW - delta, now=NOW) == expected


def test_describe_age_never() -> None:
    assert describe_age(None, now=NOW) == "never"
