"""When to follow up after an interview, and a draft email that uses talking points well.

Timing rules (the usual advice, made explicit so they can be tested):

* A thank-you is due within 24 hours: on the day of the interview or the day after.
* From the second day until the timeline the interviewer gave (default 7 days), the thank-you
  is late but still worth sending; nothing else is due yet.
* On the day the timeline runs out (interview date + timeline_days) a short check-in about the
  status is due, and it is overdue from the day after.
* With no interview date, a thank-you is the safe choice.

Drafts never mention sensitive news (layoffs, legal, security), even when a caller passes such a
point, nor background stories presented as news; competitor news is framed as curiosity about the
company's own position, never as criticism.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from tidings.intel.records import Draft, FollowUp, Interview, TalkingPoint
from tidings.render.common import SENSITIVE_KINDS, day, safe_url
from tidings.render.jsonout import dumps, point_to_dict
from tidings.text import possessive, retold

THANK_YOU = "thank-you"
CHECK_IN = "check-in"
PLACEHOLDER_DETAIL = "[[mention one thing you discussed]]"
PLACEHOLDER_NAME = "[[your name]]"
MAX_WORDS = 150


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def follow_up_kind(interviewed: date | None, today: date, timeline_days: int = 7) -> tuple[str, str]:
    """Which follow-up to write today ("thank-you" or "check-in") and why, in one sentence."""
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
            f"It has been {_days(elapsed)} since the interview and they said they would get back "
            f"within {_days(timeline_days)}: a short, polite check-in on the status is appropriate.",
        )
    return (
        THANK_YOU,
        f"You interviewed {_days(elapsed)} ago: later than the ideal 24 hours, but a thank-you "
        f"is still worth sending. A check-in is due only after {_days(timeline_days)}.",
    )


def _plus_days(day_: date, days: int) -> date:
    # A mistyped interview stored as 9999-12-31 must not make every later listing crash.
    try:
        return day_ + timedelta(days=days)
    except OverflowError:
        return date.max


def next_follow_up(interview: Interview, today: date) -> FollowUp:
    """The next follow-up on the calendar: thank-you the day after, then the check-in.

    The check-in falls on interview date + timeline_days, but never before the thank-you window
    has closed (a timeline of 0 or 1 day would otherwise ask for both at once).
    """
    thank_you_due = _plus_days(interview.date, 1)
    if today <= thank_you_due:
        _, reason = follow_up_kind(interview.date, today, interview.timeline_days)
        return FollowUp(interview=interview, kind=THANK_YOU, due=thank_you_due, overdue=False, reason=reason)
    check_in_due = max(
        _plus_days(interview.date, interview.timeline_days), _plus_days(thank_you_due, 1)
    )
    if today < check_in_due:
        reason = (
            f"Check in on {day(check_in_due)} if you have not heard back "
            f"(they said {_days(interview.timeline_days)}). If the thank-you has not gone out, "
            "send it now: late is better than never."
        )
        return FollowUp(interview=interview, kind=CHECK_IN, due=check_in_due, overdue=False, reason=reason)
    late = (today - check_in_due).days
    reason = (
        f"The {_days(interview.timeline_days)} they gave ran out on {day(check_in_due)}"
        + (f" ({_days(late)} ago)" if late else "")
        + ": a short check-in on the status is due."
    )
    return FollowUp(interview=interview, kind=CHECK_IN, due=check_in_due, overdue=late > 0, reason=reason)


# ---------------------------------------------------------------------------- drafts


def usable_points(points: Sequence[TalkingPoint]) -> list[TalkingPoint]:
    """Points fit for an email: never sensitive kinds, never background, only with a source link."""
    kept = []
    for point in points:
        if point.kind.lower() in SENSITIVE_KINDS or point.background:
            continue
        if safe_url(point.url) is None:
            continue
        kept.append(point)
    return sorted(kept, key=lambda p: -p.score)




_KIND_PHRASES = {
    "launch": "the launch",
    "funding": "the new funding",
    "partnership": "the new partnership",
    "acquisition": "the acquisition",
    "award": "the recent recognition",
    "milestone": "the recent milestone",
    "expansion": "the expansion",
    "leadership": "the leadership news",
    "earnings": "the latest results",
}
# What a person would add after mentioning each kind of news: a question or a warm remark.
_FOLLOW_ON = {
    "launch": "I'd love to hear how the team decided what to build first.",
    "funding": "congratulations! I'm curious how it will shape the team's priorities.",
    "partnership": "I'd be interested in how it changes the team's day-to-day work.",
    "acquisition": "I'd be interested in how the teams will come together.",
    "award": "congratulations to the whole team.",
    "milestone": "congratulations, that is quite a mark to pass.",
    "expansion": "it sounds like an exciting time to join.",
    "leadership": "I'd love to hear how it shapes the team's direction.",
    "earnings": "I'd be curious which areas are driving the results.",
}
def _point_sentence(point: TalkingPoint, company_name: str, index: int = 0) -> str:
    """One sentence for the email, in the user's voice; the link stays in the sources list."""
    if point.about_competitor:
        # Always our own wording: a competitor's news becomes a question about the company's
        # position, never a comparison that criticises anyone.
        clause = retold(point.title, point.company_name)
        news = f"{point.company_name} {clause}" if clause else f"{possessive(point.company_name)} recent news"
        return (
            f"I also noticed that {news}, and I would be curious to hear how {company_name} "
            "sees its own position as the market moves."
        )
    follow = _FOLLOW_ON.get(point.kind, "I'd love to hear more about it.")
    clause = retold(point.title, point.company_name or company_name)
    opener = "I was glad to read that" if index == 0 else "I also saw that"
    if clause:
        return f"{opener} {point.company_name or company_name} {clause}; {follow}"
    topic = _KIND_PHRASES.get(point.kind, "the recent news")
    lead = "I enjoyed reading about" if index == 0 else "I also read about"
    return f"{lead} {topic}; {follow}"


def word_count(text: str) -> int:
    return len(re.findall(r"[\w'’$€£%.-]+", text))


def _when(interviewed: date | None, today: date) -> str:
    if interviewed is None:
        return ""
    elapsed = (today - interviewed).days
    if elapsed == 0:
        return " today"
    if elapsed == 1:
        return " yesterday"
    if 1 < elapsed < 7:
        return f" on {interviewed.strftime('%A')}"
    return f" on {day(interviewed)}"


def _thank_you_body(
    greeting: str, company: str, role_phrase: str, when: str, point_text: Sequence[str]
) -> str:
    paragraphs = [
        greeting,
        f"Thank you for taking the time to speak with me{when} about the {role_phrase}. "
        f"I especially enjoyed {PLACEHOLDER_DETAIL}.",
    ]
    if point_text:
        follow = (
            f"I have been following {possessive(company)} news, too."
            if when in (" today", "")
            else f"Since we spoke, I have kept following {possessive(company)} news."
        )
        paragraphs.append(f"{follow} " + " ".join(point_text))
    paragraphs.append(
        f"Our conversation made me even more enthusiastic about the {role_phrase} and about "
        f"joining {company}. Could you share what the next steps and timeline look like?"
    )
    paragraphs.append(f"Best regards,\n{PLACEHOLDER_NAME}")
    return "\n\n".join(paragraphs)


def _check_in_body(
    greeting: str, company: str, role_phrase: str, when: str, point_text: Sequence[str]
) -> str:
    interest = f"I remain very interested in the position and in joining {company}."
    if point_text:
        interest += " " + point_text[0]
    paragraphs = [
        greeting,
        f"I hope you are well. I am following up on our conversation{when} about the "
        f"{role_phrase}. {interest}",
        "Is there any update on the status of the process, or on when I might expect to hear "
        "about next steps?",
        f"Thank you again for your time.\n\nBest regards,\n{PLACEHOLDER_NAME}",
    ]
    return "\n\n".join(paragraphs)


def compose_draft(
    company_name: str,
    points: Sequence[TalkingPoint],
    *,
    to: str | None,
    role: str | None,
    interviewed: date | None,
    today: date,
    n_points: int = 2,
    timeline_days: int = 7,
) -> Draft:
    """A thank-you or check-in email (plain text, placeholders in [[ ]]) and the points it uses.

    The kind follows ``follow_up_kind``. A check-in uses at most one point. Points are dropped,
    lowest score first, until the body is under about 150 words.
    """
    kind, reason = follow_up_kind(interviewed, today, timeline_days)
    role_name = " ".join(role.split()) if role and role.strip() else None
    role_phrase = f"{role_name} role" if role_name else "role"
    recipient = " ".join(to.split()) if to and to.strip() else None
    greeting = f"Dear {recipient}," if recipient else "Hello,"
    when = _when(interviewed, today)
    limit = max(0, min(n_points, 1 if kind == CHECK_IN else n_points))
    chosen = usable_points(points)[:limit]
    compose = _check_in_body if kind == CHECK_IN else _thank_you_body
    while True:
        sentences = [_point_sentence(p, company_name, i) for i, p in enumerate(chosen)]
        body = compose(greeting, company_name, role_phrase, when, sentences)
        if word_count(body) <= MAX_WORDS or not chosen:
            break
        chosen = chosen[:-1]
    if kind == CHECK_IN:
        subject = (
            f"Following up on the {role_name} role"
            if role_name
            else (f"Following up on our conversation at {company_name}")
        )
    else:
        subject = (
            f"Thank you: {role_name} interview"
            if role_name
            else (f"Thank you for the conversation at {company_name}")
        )
    return Draft(
        kind=kind,
        reason=reason,
        subject=subject,
        body=body,
        points=tuple(chosen),
        to=recipient,
        role=role_name,
    )


def _source_line(point: TalkingPoint) -> str:
    return f"{point.title} ({point.source}, {day(point.published)})"


def render_draft(draft: Draft, fmt: str) -> str:
    """The draft as "text", "md" or "json"; sources follow the email, marked as for the user."""
    if fmt == "json":
        data = {
            "kind": draft.kind,
            "reason": draft.reason,
            "to": draft.to,
            "role": draft.role,
            "subject": draft.subject,
            "body": draft.body,
            "words": word_count(draft.body),
            "points": [point_to_dict(p) for p in draft.points],
        }
        return dumps(data)
    if fmt == "text":
        out = [f"Subject: {draft.subject}", "", draft.body, "", "-" * 40]
        out.append(f"Why a {draft.kind}: {draft.reason}")
        if draft.points:
            out += ["", "Sources (for you, not the email):"]
            for point in draft.points:
                out.append(f"- {_source_line(point)}")
                out.append(f"  {point.url}")
        return "\n".join(out) + "\n"
    if fmt == "md":
        from tidings.render.markdown import md_escape, md_link

        # A fence longer than any backtick run in the body, so the body cannot close it early.
        longest = max((len(m) for m in re.findall(r"`+", draft.body)), default=0)
        fence = "`" * max(3, longest + 1)
        out = [f"**Subject:** {md_escape(draft.subject)}", "", f"{fence}text", draft.body, fence, ""]
        out.append(f"*Why a {draft.kind}:* {md_escape(draft.reason)}")
        if draft.points:
            out += ["", "### Sources (for you, not the email)", ""]
            for point in draft.points:
                out.append(
                    f"- {md_link(point.title, point.url)} ({md_escape(point.source)}, {day(point.published)})"
                )
        return "\n".join(out) + "\n"
    raise ValueError(f"unknown draft format {fmt!r} (use text, md or json)")


__all__ = [
    "CHECK_IN",
    "THANK_YOU",
    "compose_draft",
    "follow_up_kind",
    "next_follow_up",
    "render_draft",
    "usable_points",
]
