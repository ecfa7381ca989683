"""Follow-up drafts for every channel: an email, a LinkedIn message, a call script.

What every draft holds to, whatever the channel:

* The thanks line uses the interview notes ("I especially enjoyed our conversation about the
  streaming pipeline and Flink."); a marked placeholder stands in only when there are none.
* One or two talking points, those matching the interview first, each sentence naming the
  specific thing (a product, a partner, a figure, a post) and never sharing a frame with another
  sentence of the same draft.
* Never bad news (sensitive kinds, bad tone), never background presented as news, never a
  competitor in a thank-you unless asked for (`allow_competitor`), and then as a question about
  the company's own plans.
* Sources are listed after the message, for the user; no link is pasted into it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from tidings.intel.followup import CHECK_IN, follow_up_kind
from tidings.intel.points import competitor_question, with_article
from tidings.intel.records import Draft, TalkingPoint
from tidings.render.common import SENSITIVE_KINDS, day, safe_url
from tidings.render.jsonout import dumps, point_to_dict
from tidings.text import indefinite, possessive, retold, truncate

CHANNELS = ("email", "linkedin", "call")
PLACEHOLDER_DETAIL = "[[mention one thing you discussed]]"
PLACEHOLDER_NAME = "[[your name]]"
MAX_WORDS = 150
LINKEDIN_MAX = 300
MAX_TOPICS = 3


def usable_points(points: Sequence[TalkingPoint], *, allow_competitor: bool = False) -> list[TalkingPoint]:
    """Points fit for a message: no bad news, no background, a source link; those matching the
    interview first, then by score; at most one competitor point, and only when allowed."""
    kept = []
    rivals = 0
    for point in sorted(points, key=lambda p: (not p.matches, -p.score)):
        if point.kind.lower() in SENSITIVE_KINDS or point.tone == "bad" or point.background:
            continue
        if safe_url(point.url) is None:
            continue
        if point.about_competitor:
            if not allow_competitor or rivals:
                continue
            rivals += 1
        kept.append(point)
    # The company's own news leads; a competitor question, when allowed, comes last.
    return sorted(kept, key=lambda p: p.about_competitor)


def word_count(text: str) -> int:
    return len(re.findall(r"[\w'’$€£%.-]+", text))


# ---------------------------------------------------------------- the notes, as topics

_LEADING = re.compile(
    r"^(?:we\s+)?(?:talked|spoke|discussed|chatted|covered|went over)(?:\s+with\s+\w+)?\s+(?:about\s+)?"
    r"|^about\s+",
    re.IGNORECASE,
)
# A topic cut short must not end on a word that needs another after it ("from", "the").
_DANGLING = frozenset("a an the of to from for with in on at by and or their our its his her".split())
MAX_TOPIC_WORDS = 12


def notes_topics(notes: str | None) -> list[str]:
    """ "streaming pipeline, Flink, customer-facing analytics" -> the three topics, in order."""
    if not notes or not notes.strip():
        return []
    pieces = re.split(r"[,;\n]+|\.\s+|\s+and\s+|\s*&\s*", notes.strip().rstrip("."))
    topics = []
    for piece in pieces:
        piece = _LEADING.sub("", " ".join(piece.split())).strip(" .:-")
        if not piece:
            continue
        words = piece.split()[:MAX_TOPIC_WORDS]
        while len(words) > 1 and words[-1].lower() in _DANGLING:
            words.pop()
        topics.append(" ".join(words))
    return topics[:MAX_TOPICS]


def join_words(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def topics_phrase(notes: str | None, limit: int = MAX_TOPICS) -> str | None:
    topics = notes_topics(notes)[:limit]
    return join_words([with_article(t) for t in topics]) if topics else None


# ---------------------------------------------------------------- one sentence per point

# Two wordings of each remark: the second point of a draft never repeats the first one's frame.
_REMARKS: dict[str, tuple[str, str]] = {
    "launch": (
        "I'd love to hear how {thing} came together and what customers asked for first.",
        "I'm curious what building {thing} has taught the team.",
    ),
    "funding": (
        "congratulations on the {thing}; I'm curious how it will shape the team's priorities.",
        "it sounds like an exciting time to join as the team grows after the {thing}.",
    ),
    "partnership": (
        "I'd be interested in how working with {thing} changes the team's day-to-day work.",
        "it would be great to hear what the partnership with {thing} means for the roadmap.",
    ),
    "acquisition": (
        "I'd be interested in how the teams will come together with {thing}.",
        "I'm curious what bringing {thing} in means for the product.",
    ),
    "award": (
        "congratulations to the whole team on {thing}.",
        "{thing} must be rewarding recognition for the team.",
    ),
    "expansion": (
        "I'd like to hear how {thing} shapes the team's plans.",
        "it must make for a busy, exciting time for the team.",
    ),
    "leadership": (
        "I'd love to hear how {thing} shapes the team's direction.",
        "I'm curious what {thing} means for the team's priorities.",
    ),
    "milestone": (
        "congratulations on {thing}.",
        "{thing} sounds like a big moment for the team.",
    ),
}
_DEFAULT_THING = {
    "launch": "it",
    "funding": "new funding",
    "partnership": "the new partner",
    "acquisition": "the acquired team",
    "award": "the recognition",
    "expansion": "the expansion",
    "leadership": "the leadership change",
    "milestone": "the milestone",
}
_RESULTS = {
    # Results are praised only when they were good; otherwise the line stays factual. Neither
    # retells the headline: a results headline that reads as neutral may still be bad news.
    "good": (
        "Congratulations on the strong results{figure}; I'd be curious which areas are driving them.",
        "It is good to see the business doing well{figure}, and I'd love to hear what is behind it.",
    ),
    "neutral": (
        "I saw the latest results{figure}; I'd be interested in what the team is focusing on next.",
        "I also followed the latest results{figure}, and I'm curious which priorities the team "
        "is setting from here.",
    ),
}


def _results_sentence(point: TalkingPoint, variant: int) -> str:
    figure = f" ({point.thing})" if point.thing else ""
    return _RESULTS["good" if point.tone == "good" else "neutral"][variant].format(figure=figure)


def _remark(point: TalkingPoint, variant: int, role: str | None, clause: str | None = None) -> str:
    if point.kind == "post":
        fit = f" and where {indefinite(role)} would fit in" if role else ""
        return (
            f"I'd love to hear more about that work{fit}.",
            f"it connects closely to what we discussed{', and to the ' + role + ' role' if role else ''}.",
        )[variant]
    pair = _REMARKS.get(point.kind)
    if pair is None:
        return ("I'd love to hear what it means for the team's work.",
                "I'm curious what it changes for the team.")[variant]
    thing = point.thing or _DEFAULT_THING.get(point.kind, "it")
    if point.kind == "funding" and point.thing and clause and point.thing in clause:
        thing = "round"  # the retold headline already says "$40 million Series C"
    return pair[variant].format(thing=thing)


def point_sentence(point: TalkingPoint, company_name: str, index: int, role: str | None = None) -> str:
    """One sentence in the user's voice; `index` picks the wording, so two never share a frame."""
    variant = min(index, 1)
    if point.about_competitor:
        clause = retold(point.title, point.company_name)
        news = f"{point.company_name} {clause}" if clause else f"{possessive(point.company_name)} news"
        question = competitor_question(point.kind, company_name).rstrip("?")
        question = question.replace("How is ", "how ", 1).replace(" approaching ", " is approaching ", 1)
        return f"I also noticed that {news}, and I would be curious {question}."
    if point.kind == "earnings":
        return _results_sentence(point, variant)
    if point.kind == "post":
        # The post's own title names the specific thing best; the topic when the title is long.
        title = point.title.strip().rstrip(".")
        about = f"\u201c{title}\u201d" if len(title) <= 80 else f"on {point.thing or 'the team'}"
        opener = (f"Your post {about} was a great read", f"I also enjoyed the post {about}")[variant]
        return f"{opener}; {_remark(point, variant, role)}"
    clause = retold(point.title, point.company_name or company_name)
    remark = _remark(point, variant, role, clause)
    name = point.company_name or company_name
    if clause:
        opener = (f"I was glad to read that {name} {clause}", f"It was also good to see that {name} {clause}")
        return f"{opener[variant]}; {remark}"
    # No retellable headline: the headline itself, quoted, is the specific thing.
    title = truncate(point.title.strip().rstrip("."), 90)
    opener = (f"I was glad to read \u201c{title}\u201d", f"I also read \u201c{title}\u201d")
    return f"{opener[variant]}; {remark}"


def short_point(point: TalkingPoint, company_name: str, room: int) -> str:
    """A point in one short sentence of at most `room` characters (for LinkedIn), or ""."""
    name = point.company_name or company_name
    if point.kind == "post":
        first_topic = point.thing.split(" and ")[0]
        options = [
            f"Your post \u201c{point.title.strip().rstrip('.')}\u201d was a great read.",
            f"Your post on {point.thing} was a great read.",
            f"Your post on {first_topic} was a great read.",
        ]
    elif point.kind == "earnings":
        options = []  # too short a form to say anything about results that is not a judgement
    else:
        clause = retold(point.title, name)
        options = []
        if clause:
            options.append(f"I was glad to read that {name} {clause}.")
        if point.thing:
            options.append(f"Congratulations on {point.thing}!" if point.kind in ("funding", "award",
                           "milestone") else f"It was great to read about {point.thing}.")
    for option in options:
        if len(option) <= room:
            return option
    return ""


# ---------------------------------------------------------------- the pieces of a draft


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


_TITLES = frozenset("dr dr. mr mr. mrs mrs. ms ms. prof prof. mx mx.".split())


def _first_name(recipient: str | None) -> str | None:
    """ "Dana Lee" -> "Dana"; "Dr. Ana Ruiz" -> "Dr. Ruiz" (a title goes with the surname)."""
    if not recipient:
        return None
    words = recipient.split()
    if words[0].lower() in _TITLES and len(words) > 1:
        return f"{words[0]} {words[-1]}"
    return words[0]


def _enjoyed(notes: str | None) -> str:
    topics = topics_phrase(notes)
    if topics:
        return f"I especially enjoyed our conversation about {topics}."
    return f"I especially enjoyed {PLACEHOLDER_DETAIL}."


class _Context:
    """What every channel needs to say, worked out once."""

    def __init__(
        self,
        company: str,
        *,
        to: str | None,
        role: str | None,
        notes: str | None,
        interviewed: date | None,
        today: date,
        kind: str,
    ) -> None:
        self.company = company
        self.recipient = " ".join(to.split()) if to and to.strip() else None
        self.role = " ".join(role.split()) if role and role.strip() else None
        self.role_phrase = f"{self.role} role" if self.role else "role"
        self.notes = notes.strip() if notes and notes.strip() else None
        self.interviewed = interviewed
        self.today = today
        self.kind = kind
        self.when = _when(interviewed, today)
        self.ahead = interviewed is not None and interviewed > today


def _email(ctx: _Context, chosen: Sequence[TalkingPoint]) -> tuple[str, dict[str, object]]:
    greeting = f"Dear {ctx.recipient}," if ctx.recipient else "Hello,"
    sentences = [point_sentence(p, ctx.company, i, ctx.role) for i, p in enumerate(chosen)]
    if ctx.kind == CHECK_IN:
        opening = (
            f"I hope you are well. I am following up on our conversation{ctx.when} about the "
            f"{ctx.role_phrase}. I remain very interested in the position and in joining {ctx.company}."
        )
        question = (
            "Is there any update on the status of the process, or on when I might expect to hear "
            "about next steps?"
        )
        parts: dict[str, object] = {
            "greeting": greeting, "opening": opening, "points": sentences, "question": question,
            "sign_off": f"Thank you again for your time.\n\nBest regards,\n{PLACEHOLDER_NAME}",
        }
        first = opening + (" " + sentences[0] if sentences else "")
        body = "\n\n".join([greeting, first, question, str(parts["sign_off"])])
        return body, parts
    thanks = (
        f"Thank you for taking the time to speak with me{ctx.when} about the {ctx.role_phrase}. "
        f"{_enjoyed(ctx.notes)}"
    )
    paragraphs = [greeting, thanks]
    news = ""
    if sentences:
        follow = (
            f"I have been following {possessive(ctx.company)} news, too."
            if ctx.when in (" today", "") or ctx.ahead
            else f"Since we spoke, I have kept following {possessive(ctx.company)} news."
        )
        news = f"{follow} " + " ".join(sentences)
        paragraphs.append(news)
    interest = (
        f"Our conversation made me even more enthusiastic about the {ctx.role_phrase} and about "
        f"joining {ctx.company}."
    )
    question = "Could you share what the next steps and timeline look like?"
    paragraphs.append(f"{interest} {question}")
    sign_off = f"Best regards,\n{PLACEHOLDER_NAME}"
    paragraphs.append(sign_off)
    parts = {
        "greeting": greeting, "thanks": thanks, "points": sentences, "interest": interest,
        "question": question, "sign_off": sign_off,
    }
    return "\n\n".join(paragraphs), parts


def _linkedin(ctx: _Context, chosen: Sequence[TalkingPoint]) -> tuple[str, dict[str, object]]:
    """Thanks, one specific point, interest: at most 300 characters, no link."""
    name = _first_name(ctx.recipient)
    hello = f"Hi {name}," if name else "Hi,"
    role = f"the {ctx.role} role" if ctx.role else "the role"
    if ctx.kind == CHECK_IN:
        thanks_options = [
            f"{hello} I hope you are well. Following up on our conversation{ctx.when} about {role}.",
            f"{hello} following up on our conversation about {role}.",
        ]
        interest = f"I remain very interested in joining {ctx.company}. Is there any update on next steps?"
    else:
        thanks_options = []
        for limit in (MAX_TOPICS, 2, 1):
            topics = topics_phrase(ctx.notes, limit)
            if topics:
                thanks_options.append(
                    f"{hello} thank you for speaking with me{ctx.when} about {role}. "
                    f"I enjoyed our conversation about {topics}."
                )
        if not ctx.notes:
            thanks_options.append(
                f"{hello} thank you for speaking with me{ctx.when} about {role}. "
                f"I enjoyed {PLACEHOLDER_DETAIL}."
            )
        thanks_options.append(f"{hello} thank you for our conversation about {role}.")
        interest = f"I'm very interested in joining {ctx.company}."
    # The fullest thanks that leaves room for one specific point; without any point only when
    # none fits even beside the shortest thanks.
    for with_point in (True, False):
        for thanks in thanks_options:
            room = LINKEDIN_MAX - len(thanks) - len(interest) - 2
            if room < 0:
                continue
            point, used = "", None
            if with_point:
                for candidate in chosen:
                    point = short_point(candidate, ctx.company, room)
                    if point:
                        used = candidate
                        break
                if not point:
                    continue
            body = " ".join(x for x in (thanks, point, interest) if x)
            parts: dict[str, object] = {"thanks": thanks, "point": point or None, "interest": interest}
            return body, parts | {"_used": used}
    body = truncate(f"{thanks_options[-1]} {interest}", LINKEDIN_MAX)
    return body, {"thanks": thanks_options[-1], "point": None, "interest": interest, "_used": None}


def _call(ctx: _Context, chosen: Sequence[TalkingPoint]) -> tuple[str, dict[str, object]]:
    """Opening, two or three key points as bullets, the next-steps question, closing."""
    name = _first_name(ctx.recipient)
    hello = f"Hi {name}, this is {PLACEHOLDER_NAME}." if name else f"Hello, this is {PLACEHOLDER_NAME}."
    if ctx.kind == CHECK_IN:
        opening = (
            f"{hello} I'm following up on our conversation{ctx.when} about the {ctx.role_phrase}; "
            "do you have a couple of minutes?"
        )
    else:
        opening = (
            f"{hello} I'm calling to thank you for speaking with me{ctx.when} about the "
            f"{ctx.role_phrase}; do you have a couple of minutes?"
        )
    topics = topics_phrase(ctx.notes)
    lead = "What you talked about" if ctx.kind == CHECK_IN else "What you enjoyed"
    key_points = [
        f"{lead}: our conversation about {topics}." if topics else f"{lead}: {PLACEHOLDER_DETAIL}."
    ]
    key_points += [point_sentence(p, ctx.company, i, ctx.role) for i, p in enumerate(chosen[:2])]
    if len(key_points) < 3:
        key_points.append(
            f"Your interest: you remain very interested in the role and in joining {ctx.company}."
        )
    question = (
        "Is there any update on the process, and when might I expect to hear about next steps?"
        if ctx.kind == CHECK_IN
        else "Could you share what the next steps and timeline look like?"
    )
    closing = "Thank you again for your time; I look forward to hearing from you."
    lines = [f"Opening: {opening}", "", "Key points:"]
    lines += [f"- {p}" for p in key_points]
    lines += ["", f"Ask: {question}", "", f"Closing: {closing}"]
    parts: dict[str, object] = {
        "opening": opening, "key_points": key_points, "question": question, "closing": closing,
    }
    return "\n".join(lines), parts


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
    timeline_given: bool | None = None,
    notes: str | None = None,
    channel: str = "email",
    allow_competitor: bool = False,
    follow_up: tuple[str, str] | None = None,
    quoted: frozenset[str] = frozenset(),
) -> Draft:
    """A thank-you or check-in for `channel` (placeholders in [[ ]]) and the points it uses.

    The kind follows ``follow_up_kind``, or ``follow_up`` (kind, reason) when given: the
    calendar of an interview whose follow-ups were sent (no second thank-you after one). A
    check-in uses at most one point. An email drops points,
    lowest first, until it is under about 150 words; a LinkedIn message keeps to 300 characters.
    ``quoted`` holds the stories and links earlier follow-ups of the interview quoted: stories
    not among them come first, and one is used again only when no other is left (``repeats``).
    """
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r} (use email, linkedin or call)")
    kind, reason = follow_up or follow_up_kind(interviewed, today, timeline_days, timeline_given)
    ctx = _Context(
        company_name, to=to, role=role, notes=notes, interviewed=interviewed, today=today, kind=kind
    )
    limit = max(0, min(n_points, 1 if kind == CHECK_IN else n_points))
    usable = usable_points(points, allow_competitor=allow_competitor)
    fresh = [p for p in usable if not already_quoted(p, quoted)]
    # The person has read the quoted stories from you; retelling one beats a message without
    # any news only when nothing else is left, and the draft says so.
    repeats = not fresh and bool(usable) and limit > 0
    if not repeats:
        usable = fresh
    own = [p for p in usable if not p.about_competitor]
    rival = [p for p in usable if p.about_competitor]
    # Asked for, the competitor question takes the last place (never the only one).
    chosen = own[: limit - 1] + rival[:1] if rival and limit >= 2 else own[:limit]
    if channel == "linkedin":
        body, parts = _linkedin(ctx, chosen)
        used = parts.pop("_used")
        chosen = [used] if isinstance(used, TalkingPoint) else []
    elif channel == "call":
        chosen = chosen[:2]
        body, parts = _call(ctx, chosen)
    else:
        while True:
            body, parts = _email(ctx, chosen)
            if word_count(body) <= MAX_WORDS or not chosen:
                break
            chosen = chosen[:-1]
    if kind == CHECK_IN:
        subject = (
            f"Following up on the {ctx.role} role" if ctx.role
            else f"Following up on our conversation at {company_name}"
        )
    else:
        subject = (
            f"Thank you: {ctx.role} interview" if ctx.role
            else f"Thank you for the conversation at {company_name}"
        )
    repeats = repeats and bool(chosen)
    if repeats:
        reason += (
            " Every story fit for it was already in an earlier follow-up, so it quotes "
            + "; ".join(f"\u201c{truncate(p.title, 90)}\u201d" for p in chosen) + " again."
        )
    if ctx.ahead:
        reason = (
            f"Drafted ahead: the interview is on {day(interviewed)}. Add what you discussed "
            "(`tidings interview edit ID --notes ...`) and send it within 24 hours after it."
        )
    return Draft(
        kind=kind,
        reason=reason,
        subject=subject,
        body=body,
        points=tuple(chosen),
        to=ctx.recipient,
        role=ctx.role,
        channel=channel,
        parts=parts,
        drafted_ahead=ctx.ahead,
        repeats=repeats,
    )


def already_quoted(point: TalkingPoint, quoted: frozenset[str]) -> bool:
    """Whether an earlier follow-up quoted the point's story (or, its story id since
    reassigned, the same link)."""
    return bool(quoted) and (point.url in quoted or (bool(point.story) and point.story in quoted))


# ---------------------------------------------------------------- rendering


def _source_line(point: TalkingPoint) -> str:
    return f"{point.title} ({point.source}, {day(point.published)})"


_HEADINGS = {"email": None, "linkedin": "LinkedIn message", "call": "Call script"}


def _size_note(draft: Draft) -> str:
    if draft.channel == "linkedin":
        return f"{len(draft.body)} of {LINKEDIN_MAX} characters"
    return f"{word_count(draft.body)} words"


def render_draft(draft: Draft, fmt: str) -> str:
    """The draft as "text", "md" or "json"; sources follow the message, marked as for the user."""
    if fmt == "json":
        data = {
            "channel": draft.channel,
            "kind": draft.kind,
            "reason": draft.reason,
            "drafted_ahead": draft.drafted_ahead,
            "repeats": draft.repeats,
            "to": draft.to,
            "role": draft.role,
            "subject": draft.subject if draft.channel == "email" else None,
            "body": draft.body,
            "parts": draft.parts,
            "words": word_count(draft.body),
            "characters": len(draft.body),
            "points": [point_to_dict(p) for p in draft.points],
        }
        return dumps(data)
    heading = _HEADINGS.get(draft.channel)
    # Above the message, for the user: it must not go out before the interview has happened.
    ahead = "DRAFTED AHEAD: send it only after the interview." if draft.drafted_ahead else None
    if fmt == "text":
        out = [ahead, ""] if ahead else []
        out += [f"Subject: {draft.subject}"] if heading is None else [f"{heading} ({_size_note(draft)}):"]
        out += ["", draft.body, "", "-" * 40]
        out.append(f"Why a {draft.kind}: {draft.reason}")
        if draft.points:
            out += ["", "Sources (for you, not the message):"]
            for point in draft.points:
                out.append(f"- {_source_line(point)}")
                out.append(f"  {point.url}")
        return "\n".join(out) + "\n"
    if fmt == "md":
        from tidings.render.markdown import md_escape, md_link

        # A fence longer than any backtick run in the body, so the body cannot close it early.
        longest = max((len(m) for m in re.findall(r"`+", draft.body)), default=0)
        fence = "`" * max(3, longest + 1)
        top = (
            f"**Subject:** {md_escape(draft.subject)}" if heading is None
            else f"**{heading}** ({_size_note(draft)})"
        )
        out = [f"> **{ahead}**", ""] if ahead else []
        out += [top, "", f"{fence}text", draft.body, fence, ""]
        out.append(f"*Why a {draft.kind}:* {md_escape(draft.reason)}")
        if draft.points:
            out += ["", "### Sources (for you, not the message)", ""]
            for point in draft.points:
                out.append(
                    f"- {md_link(point.title, point.url)} ({md_escape(point.source)}, {day(point.published)})"
                )
        return "\n".join(out) + "\n"
    raise ValueError(f"unknown draft format {fmt!r} (use text, md or json)")


__all__ = [
    "CHANNELS",
    "already_quoted",
    "compose_draft",
    "notes_topics",
    "point_sentence",
    "render_draft",
    "usable_points",
    "word_count",
]
