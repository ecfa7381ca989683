"""Follow-up timing: which kind of email, and when the next one is due."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tidings.intel.followup import follow_up_kind, next_follow_up, sent_kind
from tidings.intel.records import Interview, SentFollowUp

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
    kind, reason = follow_up_kind(TODAY - timedelta(days=days_ago), TODAY, timeline, timeline_given=True)
    assert kind == "check-in"
    assert f"within {timeline} days" in reason


def test_a_default_week_is_not_said_to_be_their_timeline() -> None:
    kind, reason = follow_up_kind(TODAY - timedelta(days=12), TODAY, 7, timeline_given=False)
    assert kind == "check-in" and "It has been 12 days since the interview" in reason
    assert "they said" not in reason
    # A stored row from before it was recorded: only the default 7 is unknown.
    assert "they said" not in follow_up_kind(TODAY - timedelta(days=12), TODAY, 7)[1]
    assert "within 10 days" in follow_up_kind(TODAY - timedelta(days=12), TODAY, 10)[1]


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


def sent(kind: str, days_ago: int, channel: str = "email", number: int = 1) -> SentFollowUp:
    return SentFollowUp(number, 1, kind, channel, TODAY - timedelta(days=days_ago))


def test_no_thank_you_due_once_sent() -> None:
    f = next_follow_up(interview(0), TODAY, [sent("thank-you", 0)])
    assert f.kind == "check-in" and f.due == TODAY + timedelta(days=7) and not f.overdue
    assert "Thank-you sent on 14 Nov 2024 (email)" in f.reason
    assert "late is better than never" not in f.reason
    assert f.last_sent is not None and f.last_sent.kind == "thank-you"


def test_check_in_due_when_the_timeline_runs_out_after_a_thank_you() -> None:
    f = next_follow_up(interview(9), TODAY, [sent("thank-you", 8)])
    assert f.kind == "check-in" and f.overdue and f.due == TODAY - timedelta(days=2)


def test_second_check_in_then_stop() -> None:
    one = [sent("thank-you", 20), sent("check-in", 10, "linkedin", 2)]
    f = next_follow_up(interview(21), TODAY, one)
    assert f.kind == "check-in" and f.due == TODAY - timedelta(days=3) and f.overdue
    assert "one last" in f.reason
    waiting = next_follow_up(interview(21), TODAY, [sent("thank-you", 20), sent("check-in", 2, number=2)])
    assert waiting.kind == "check-in" and not waiting.overdue and "then stop" in waiting.reason
    two = [*one, sent("check-in", 1, "call", 3)]
    stop = next_follow_up(interview(21), TODAY, two)
    assert stop.kind == "stop" and not stop.overdue and "stop following up" in stop.reason
    assert stop.last_sent is not None and stop.last_sent.channel == "call"


def test_upcoming_interview_says_prepare() -> None:
    f = next_follow_up(interview(-3), TODAY)
    assert f.upcoming and f.prepare == 'tidings brief "Northwind Robotics"'
    assert "prepare" in f.reason
    assert not next_follow_up(interview(0), TODAY).upcoming


def test_sent_kind() -> None:
    iv = interview(3)
    assert sent_kind(iv, TODAY, []) == "thank-you"
    assert sent_kind(iv, TODAY, [sent("thank-you", 1)]) == "check-in"
    assert sent_kind(interview(9), TODAY, []) == "check-in"  # the timeline already ran out
