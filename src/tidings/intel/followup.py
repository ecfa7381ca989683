"""When to follow up after an interview, accounting for what was already sent.

Timing rules (the usual advice, made explicit so they can be tested):

* Before the interview, prepare (`tidings brief COMPANY`); the thank-you is due within 24 hours
  after it.
* A thank-you is due within 24 hours: on the day of the interview or the day after.
* From the second day until the timeline the interviewer gave (default 7 days), the thank-you
  is late but still worth sending; nothing else is due yet. Once one was sent, none is due.
* On the day the timeline runs out (interview date + timeline_days) a short check-in about the
  status is due, and it is overdue from the day after.
* After a check-in, one more is due a timeline later (at least a week); after two check-ins
  without news, stop following up.
* With no interview date, a thank-you is the safe choice.

The drafts themselves are written by `tidings.intel.drafts`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from tidings.intel.records import FollowUp, Interview, SentFollowUp, timeline_stated
from tidings.render.common import day

THANK_YOU = "thank-you"
CHECK_IN = "check-in"
STOP = "stop"
MAX_CHECK_INS = 2
MIN_CHECK_IN_GAP = 7


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def follow_up_kind(
    interviewed: date | None, today: date, timeline_days: int = 7, timeline_given: bool | None = None
) -> tuple[str, str]:
    """Which follow-up to write today ("thank-you" or "check-in") and why, in one sentence.

    ``timeline_given`` says whether the interviewer gave the timeline (None: any other than the
    7-day default was given); a default week is never said to be one they gave."""
    stated = timeline_stated(timeline_days, timeline_given)
    if interviewed is None:
        return (
            THANK_YOU,
            "The interview date is unknown: a thank-you note is always appropriate, "
            "so send it as soon as you can.",
        )
    elapsed = (today - interviewed).days
    if elapsed < 0:
        return (
            THANK_YOU,
            f"The interview is on {day(interviewed)}: have the thank-you ready to send "
            "within 24 hours after it.",
        )
    if elapsed <= 1:
        when = "today" if elapsed == 0 else "yesterday"
        return THANK_YOU, f"You interviewed {when}: send the thank-you within 24 hours."
    if elapsed >= timeline_days:
        return (
            CHECK_IN,
            f"It has been {_days(elapsed)} since the interview"
            + (f" and they said they would get back within {_days(timeline_days)}" if stated else "")
            + ": a short, polite check-in on the status is appropriate.",
        )
    return (
        THANK_YOU,
        f"You interviewed {_days(elapsed)} ago: later than the ideal 24 hours, but a thank-you "
        f"is still worth sending. A check-in is due only after "
        f"{_days(timeline_days) if stated else 'a week'}.",
    )


def _plus_days(day_: date, days: int) -> date:
    # A mistyped interview stored as 9999-12-31 must not make every later listing crash.
    try:
        return day_ + timedelta(days=days)
    except OverflowError:
        return date.max


def sent_kind(interview: Interview, on: date, sent: Sequence[SentFollowUp]) -> str:
    """What a follow-up sent on `on` was: the first one before the timeline ran out is the
    thank-you, everything after it a check-in."""
    if sent:
        return CHECK_IN
    if on < _plus_days(interview.date, interview.timeline_days):
        return THANK_YOU
    return CHECK_IN


def _sent_note(last: SentFollowUp) -> str:
    return f"{last.kind.capitalize()} sent on {day(last.sent_on)} ({last.channel})"


def next_follow_up(
    interview: Interview, today: date, sent: Sequence[SentFollowUp] = ()
) -> FollowUp:
    """The next follow-up on the calendar: thank-you the day after, then the check-in.

    The check-in falls on interview date + timeline_days, but never before the thank-you window
    has closed (a timeline of 0 or 1 day would otherwise ask for both at once). What was sent
    (oldest first) moves the calendar on: no thank-you after one went out, a second check-in a
    timeline after the first, and after two, the advice to stop.
    """
    sent = sorted(sent, key=lambda s: (s.sent_on, s.id))
    last = sent[-1] if sent else None
    upcoming = interview.date > today
    checks = [s for s in sent if s.kind == CHECK_IN]
    if len(checks) >= MAX_CHECK_INS:
        reason = (
            f"{len(checks)} check-ins sent "
            f"(the last on {day(checks[-1].sent_on)}) without news: stop following up. Keep the "
            "door open and put your energy into other applications."
        )
        return FollowUp(interview, STOP, checks[-1].sent_on, False, reason, last, upcoming)
    thank_you_due = _plus_days(interview.date, 1)
    if not sent and today <= thank_you_due:
        _, reason = follow_up_kind(interview.date, today, interview.timeline_days, interview.timeline_given)
        if upcoming:
            reason = (
                f"Upcoming on {day(interview.date)}: prepare with `tidings brief "
                f"\"{interview.company_name}\"`; the thank-you is due within 24 hours after it."
            )
        return FollowUp(interview, THANK_YOU, thank_you_due, False, reason, None, upcoming)
    if checks:
        gap = max(interview.timeline_days, MIN_CHECK_IN_GAP)
        check_in_due = _plus_days(checks[-1].sent_on, gap)
        waiting = (
            f"{_sent_note(checks[-1])}. If there is still no news, one last check-in on "
            f"{day(check_in_due)}, then stop following up."
        )
    else:
        check_in_due = max(
            _plus_days(interview.date, interview.timeline_days), _plus_days(thank_you_due, 1)
        )
        if last is not None:
            check_in_due = max(check_in_due, _plus_days(last.sent_on, 1))
            waiting = f"{_sent_note(last)}. Check in on {day(check_in_due)} if you have not heard back."
        else:
            waiting = (
                f"Check in on {day(check_in_due)} if you have not heard back"
                + (f" (they said {_days(interview.timeline_days)})" if interview.timeline_stated
                   else " (a week after the interview; they gave no timeline)")
                + ". If the thank-you has not gone out, send it now: late is better than never."
            )
    if today < check_in_due:
        return FollowUp(interview, CHECK_IN, check_in_due, False, waiting, last, upcoming)
    late = (today - check_in_due).days
    if checks:
        reason = (
            f"{_sent_note(checks[-1])} and no news since: one last short check-in is due"
            + (f" (since {day(check_in_due)}, {_days(late)} ago)" if late else "")
            + "."
        )
    else:
        reason = (
            (f"The {_days(interview.timeline_days)} they gave ran out on {day(check_in_due)}"
             + (f" ({_days(late)} ago)" if late else "")
             if interview.timeline_stated
             # No timeline given: the check-in is a week on, which is no promise of theirs.
             else f"A week has passed since the interview (due {day(check_in_due)}"
             + (f", {_days(late)} ago)" if late else ")"))
            + ": a short check-in on the status is due."
        )
    return FollowUp(interview, CHECK_IN, check_in_due, late > 0, reason, last, upcoming)


__all__ = [
    "CHECK_IN",
    "STOP",
    "THANK_YOU",
    "follow_up_kind",
    "next_follow_up",
    "sent_kind",
]
