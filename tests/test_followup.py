"""Follow-up timing: which kind of email, and when the next one is due."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tidings.intel.followup import follow_up_kind, next_follow_up
from tidings.intel.records import Interview

TODAY = date(2024, 11, 14)


def interview(days_ago: int, timeline: int = 7) -> Interview:
    return Interview(
        id=1,
        company="northwind-robotics",
        company_name="Northwind Robotics",
        date=TODAY - timedelta(days=days_ago),
        timeline_days=timeline,
    )


@pytest.mark.parametrize("days_ago", [0, 1])
def test_thank_you_within_a_day(days_ago: int) -> None:
    kind, reason = follow_up_kind(TODAY - timedelta(days=days_ago), TODAY)
    assert kind == "thank-you"
    assert "24 hours" in reason


@pytest.mark.parametrize("days_ago", [2, 4, 6])
def test_late_thank_you_between(days_ago: int) -> None:
    kind, reason = follow_up_kind(TODAY - timedelta(days=days_ago), TODAY)
    assert kind == "thank-you"
    assert "still worth sending" in reason and f"{days_ago} days" in reason


@pytest.mark.parametrize(("days_ago", "timeline"), [(7, 7), (12, 7), (3, 3), (15, 14)])
def test_check_in_after_timeline(days_ago: int, timeline: int) -> None:
    kind, reason = follow_up_kind(TODAY - timedelta(days=days_ago), TODAY, timeline)
    assert kind == "check-in"
    assert f"{timeline} days" in reason


def test_timeline_is_respected() -> None:
    assert follow_up_kind(TODAY - timedelta(days=10), TODAY, timeline_days=14)[0] == "thank-you"


def test_unknown_date() -> None:
    kind, reason = follow_up_kind(None, TODAY)
    assert kind == "thank-you" and "unknown" in reason


def test_future_interview() -> None:
    kind, reason = follow_up_kind(TODAY + timedelta(days=2), TODAY)
    assert kind == "thank-you" and "16 Nov 2024" in reason


def test_next_follow_up_thank_you_due_next_day() -> None:
    for days_ago in (0, 1):
        f = next_follow_up(interview(days_ago), TODAY)
        assert f.kind == "thank-you"
        assert f.due == TODAY - timedelta(days=days_ago) + timedelta(days=1)
        assert not f.overdue


def test_next_follow_up_check_in_upcoming_then_due_then_overdue() -> None:
    upcoming = next_follow_up(interview(3), TODAY)
    assert upcoming.kind == "check-in" and not upcoming.overdue
    assert upcoming.due == TODAY + timedelta(days=4)
    assert "late is better than never" in upcoming.reason
    due = next_follow_up(interview(7), TODAY)
    assert due.kind == "check-in" and due.due == TODAY and not due.overdue
    late = next_follow_up(interview(10), TODAY)
    assert late.kind == "check-in" and late.overdue
    assert late.due == TODAY - timedelta(days=3)
    assert "3 days ago" in late.reason


def test_short_timeline_never_asks_for_both_at_once() -> None:
    f = next_follow_up(interview(2, timeline=1), TODAY)
    assert f.kind == "check-in"
    assert f.due == TODAY  # not before the thank-you window has closed
    assert f.due > f.interview.date + timedelta(days=1)


def test_future_interview_follow_up() -> None:
    f = next_follow_up(interview(-3), TODAY)
    assert f.kind == "thank-you" and f.due == TODAY + timedelta(days=4) and not f.overdue
