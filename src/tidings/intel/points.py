"""Talking points: the few developments worth mentioning in a follow-up, phrased to be said.

score = recency (half-life 14 days) x kind weight x prominence (named in the headline or in
passing) x coverage (distinct sources) x relevance to the interview (its role and notes).
Sensitive kinds and bad news never become points; they are "handle with care". Competitor
moves become a question about the company's own plans. A post from the company's own sources
that matches the interview is a point of kind "post" even without an event kind.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime

from tidings.intel.records import CareItem, Development, InterviewContext, Post, TalkingPoint
from tidings.intel.relevance import (
    NO_MATCH,
    Match,
    in_text,
    interview_terms,
    match_text,
    relevance_factor,
    relevant,
    role_terms,
    stem,
    why_matched,
    words,
)
from tidings.text import indefinite, possessive, retold

HALF_LIFE_DAYS = 14.0
KIND_WEIGHT = {
    "launch": 1.0,
    "funding": 1.0,
    "acquisition": 0.95,
    "partnership": 0.9,
    "award": 0.8,
    "milestone": 0.8,
    "expansion": 0.8,
    "leadership": 0.7,
    "earnings": 0.6,
    # A post matters only through the interview it matches (its relevance factor is >= 2.2).
    "post": 0.45,
}
COMPETITOR_FACTOR = 0.75
MAX_COMPETITOR_POINTS = 2

WHY = {
    "launch": "A launch shows you follow their product work, and it invites them to talk about it.",
    "funding": "A new round shapes hiring and priorities; noticing it shows you follow the business.",
    "acquisition": "An acquisition changes teams and roadmaps; asking about it shows strategic interest.",
    "partnership": "A partnership says where the company is heading; it is a natural question.",
    "award": "Recognition is an easy, warm detail to mention; it shows you keep up with them.",
    "milestone": "A mark passed (customers, users, revenue) is good news they are proud of; it is easy "
    "to mention.",
    "expansion": "Growth into new markets or offices often creates the very roles being hired for.",
    "leadership": "New leaders set direction; asking about it shows you think beyond the role.",
    "earnings": "Results show what is working; referring to them shows business awareness.",
    "post": "It is the company's own work, in the area of your interview.",
}
COMPETITOR_WHY = "Shows market awareness; ask about their position, never criticise anyone."

CARE_NOTES = {
    "layoffs": "Know it, do not raise it. If they bring it up, listen, and ask how the team is "
    "adapting.",
    "legal": "Leave it out of a thank-you note. If it comes up, stay neutral and do not speculate.",
    "security": "Do not lead with it. If security is part of the role, ask how the team approaches "
    "it, without citing the incident.",
    "outage": "Do not bring it up. If reliability is part of the role, ask how the team handles "
    "incidents, without citing this one.",
    "recall": "Leave it out of your notes. If it comes up, listen and ask what the team learnt, "
    "without judging the product.",
}
DEFAULT_CARE_NOTE = "Sensitive: be aware of it, but do not open with it."
BAD_NEWS_NOTE = "Bad news for the company: know it, do not praise it or open with it."




def score_development(
    dev: Development, now: datetime, competitor: bool = False, match: Match = NO_MATCH
) -> float:
    age_days = max((now - dev.published).total_seconds() / 86400, 0.0)
    recency = 0.5 ** (age_days / HALF_LIFE_DAYS)
    weight = KIND_WEIGHT.get(dev.kind, 0.5)
    prominence = 1.0 if dev.in_title else 0.6
    coverage = 1.0 + 0.25 * math.log2(max(dev.coverage, 1))
    estimate = 0.85 if dev.published_is_estimate else 1.0
    factor = COMPETITOR_FACTOR if competitor else 1.0
    relevance = relevance_factor(match)
    # Not rounded: past ~200 days every score rounded to 4 places was 0.0, and old stories (a
    # `--since all` list, the background) were ranked by their URLs alone. JSON rounds it.
    return recency * weight * prominence * coverage * estimate * factor * relevance


def _day(when: datetime, now: datetime) -> str:
    """'24 Nov', with the year when it is not this year's: 'On 2 Nov, Google launched ...' read
    in 2026 would present a 2011 story as this autumn's news."""
    return f"{when.day} {when:%b}" if when.year == now.year else f"{when.day} {when:%b %Y}"


def _headline_sentence(title: str) -> str:
    title = title.strip().rstrip(".")
    first = title.split(" ", 1)[0]
    if any(c.isupper() for c in first[1:]):
        # A name written with an inner capital keeps its case: "iPhone 8 Plus vs. iPhone X",
        # "eBay", "iOS 11.2" (not "IPhone", "EBay", "IOS").
        return title
    return title[:1].upper() + title[1:]


# Where the object of a retold headline ends: "launched Harbor, a routing API" -> "Harbor".
_OBJECT_END = re.compile(r"[,:;(–—]| - | (?:to|for|with|in|at|as|after|amid|that|which|on|from|by)\b")
_LEAD_VERB = re.compile(r"^\S+\s+")


def headline_object(title: str, company_name: str) -> str | None:
    """The object of "Acme launches Harbor, an API": "Harbor" (at most eight words), or None."""
    clause = retold(title, company_name)
    if not clause:
        return None
    rest = _LEAD_VERB.sub("", clause, count=1)
    cut = _OBJECT_END.search(rest)
    obj = (rest[: cut.start()] if cut else rest).strip(" .")
    if not obj or len(obj.split()) > 8:
        return None
    return obj


def specific_thing(dev: Development) -> str:
    """The thing a line can name: a product, a partner, a round, a figure; "" when unknown."""
    if dev.kind in ("partnership", "acquisition") and dev.counterparty:
        return dev.counterparty
    if dev.kind == "funding":
        return " ".join(x for x in (dev.amount, dev.round) if x)
    if dev.kind == "earnings" and dev.amount:
        return dev.amount
    return headline_object(dev.title, dev.company_name) or ""


def _own_line(dev: Development, thing: str, role: str | None, variant: int = 0) -> str:
    """What the user could say about the company's own development, naming the thing.

    ``variant`` picks another wording of the same question: a brief or a points list with two
    launches that name no product would otherwise ask the same sentence twice.
    """
    lines = _own_lines(dev, thing, role)
    return lines[variant % len(lines)]


def _own_lines(dev: Development, thing: str, role: str | None) -> tuple[str, ...]:
    fits = f", and where {indefinite(role)} fits in" if role else ""
    if dev.kind == "launch":
        what = thing or "the launch"
        first = (f"I'd love to hear how {what} came together, what customers asked for first "
                 f"and where {indefinite(role)} fits in." if role
                 else f"I'd love to hear how {what} came together and what customers asked for first.")
        return (first,
                f"I'm curious what the early response to {what} has been{fits}.",
                f"I'd be glad to hear what the team learned while building {thing or 'it'}{fits}.")
    if dev.kind == "funding":
        detail = f" ({thing})" if thing else ""
        return (f"Congratulations on the new funding{detail}; I'm curious how it will shape the "
                "team's priorities this year.",
                f"Congratulations on the funding{detail}; which plans does it speed up first?")
    if dev.kind == "acquisition":
        target = f" of {thing}" if thing else ""
        return (f"The acquisition{target} caught my eye; I'd be interested in how the teams "
                "will work together.",
                f"I saw the news of the acquisition{target}; what does it add to the team's work?")
    if dev.kind == "partnership":
        partner = f" with {thing}" if thing else ""
        return (f"I read about the partnership{partner}; how do you expect it to change the team's work?",
                f"The partnership{partner} sounds promising; what will it mean for the team day to day?")
    if dev.kind == "award":
        what = thing or "the recognition"
        return (f"Congratulations on {what}; it must be rewarding for the team.",
                f"Congratulations on {what}; well deserved by the sound of it.")
    if dev.kind == "expansion":
        what = f"the news about {thing}" if thing else "the expansion"
        return (f"I saw {what}; I'd like to hear how it shapes the team's plans.",
                f"I read {what if thing else 'about the expansion'}; what does it mean for the team's "
                "next year?")
    if dev.kind == "leadership":
        who = f" ({thing})" if thing else ""
        return (f"I'd love to hear how the leadership change{who} is shaping the team's direction.",)
    if dev.kind == "earnings":
        figure = f" ({thing})" if thing else ""
        if dev.tone == "good":
            return (f"Congratulations on the strong results{figure}; which areas are driving them?",)
        # Neutral results: stay factual, never assume growth.
        return (f"I saw the latest results{figure}; what is the team focusing on next?",)
    if dev.kind == "milestone":
        what = thing or "the milestone"
        return (f"Congratulations on {what}; it sounds like a big moment for the team.",
                f"Congratulations on {what}; what made the difference in getting there?")
    what = thing or "it"
    return (f"I'd love to hear more about {what}.",)


# What the company's own side of a competitor's move is: a question about its plans, nothing else.
_OWN_PLANS = {
    "launch": "product roadmap",
    "funding": "growth plans",
    "partnership": "partnerships",
    "acquisition": "plans to grow, by building or by buying",
    "expansion": "expansion plans",
    "award": "priorities",
    "leadership": "direction",
    "earnings": "priorities",
    "milestone": "priorities",
}


def competitor_question(kind: str, company_name: str, variant: int = 0) -> str:
    """A question about the company's own plans that a competitor's move raises; ``variant`` 1
    asks it in other words, for a second move of the same kind in one list."""
    plans = _OWN_PLANS.get(kind, "priorities")
    if variant % 2:
        return f"What is next for {possessive(company_name)} own {plans}?"
    return f"How is {company_name} approaching its own {plans}?"


def _competitor_line(dev: Development, company_name: str, variant: int = 0) -> str:
    return f"A question to keep ready: {competitor_question(dev.kind, company_name, variant)}"


def _why(kind: str, competitor: bool, match: Match, background: bool) -> str:
    why = COMPETITOR_WHY if competitor else WHY.get(kind, "It is specific and recent.")
    if match:
        why = f"{why_matched(match)} {why}"
    if background:
        why = "Background, older than the window: context for the conversation, not news. " + why
    return why


def make_point(
    dev: Development,
    company_name: str,
    now: datetime,
    *,
    competitor: bool,
    background: bool,
    terms: frozenset[str] = frozenset(),
    role: str | None = None,
    variant: int = 0,
    role_stems: frozenset[str] = frozenset(),
) -> TalkingPoint:
    # An undated (or impossibly dated) item carries its first-seen time; saying "26 Nov" as if
    # the source had said so would present an old story as news.
    when = f"first seen {_day(dev.published, now)}" if dev.published_is_estimate else _day(dev.published, now)
    # "On 12 Nov, Northwind launched Harbor, its routing API (Northwind newsroom)": the headline
    # retold as a fact, when its shape allows; else the headline itself.
    clause = retold(dev.title, dev.company_name)
    if clause and not dev.published_is_estimate:
        headline = f"On {when}, {dev.company_name} {clause} ({dev.source})."
    else:
        headline = f"{_headline_sentence(dev.title)} ({when}, {dev.source})."
    match = NO_MATCH
    if terms and not competitor:
        match = relevant(match_text(f"{dev.title}. {dev.evidence}", terms))
        if not match and dev.lead:
            # A release's highlights name the interview's topics while its headline is only
            # "QEMU version 10.1.0 released": read the article's beginning too, and say so.
            match = in_text(relevant(match_text(f"{dev.title}. {dev.evidence}\n{dev.lead}", terms)),
                            role_stems)
    thing = specific_thing(dev)
    line = _competitor_line(dev, company_name) if competitor else _own_line(dev, thing, role, variant)
    return TalkingPoint(
        text=f"{headline} \u201c{line}\u201d",
        why=_why(dev.kind, competitor, match, background),
        kind=dev.kind,
        company=dev.company,
        company_name=dev.company_name,
        title=dev.title,
        url=dev.url,
        source=dev.source,
        published=dev.published,
        score=score_development(dev, now, competitor, match),
        evidence=dev.evidence,
        coverage=dev.coverage,
        about_competitor=competitor,
        background=background,
        published_is_estimate=dev.published_is_estimate,
        matches=match.phrases,
        thing=thing,
        tone=dev.tone,
        matched_in=("text" if match.where == "text" else "headline") if match else "",
        story=dev.story_id or dev.article_id or "",
    )


def with_article(topic: str) -> str:
    """ "streaming pipeline" reads as "the streaming pipeline"; "Flink" and plurals stay bare."""
    first = topic.split()[0]
    if first[:1].isupper() or first.lower() in ("the", "a", "an", "your", "our", "their", "how", "what"):
        return topic
    # "the streaming pipeline", but "fleet routing" and "data contracts" read better bare.
    if len(topic.split()) >= 2 and not topic.endswith(("s", "ing")):
        return f"the {topic}"
    return topic


def _topic(match: Match, role_stems: frozenset[str]) -> str:
    """The words of the notes a post shares ("the streaming pipeline and Flink"), not the role's."""
    topics = [p for p in match.phrases if not {stem(w) for w in words(p)} <= role_stems]
    topics = topics or list(match.phrases)
    return " and ".join(with_article(t) for t in topics[:2])


def make_post_point(
    post: Post, now: datetime, match: Match, *, role: str | None, role_stems: frozenset[str],
    matched_in: str = "text",
) -> TalkingPoint:
    """A point from the company's own post that matches the interview (no event kind needed)."""
    when = (
        f"first seen {_day(post.published, now)}" if post.published_is_estimate else _day(post.published, now)
    )
    title = _headline_sentence(post.title)
    headline = f"{title} ({when}, {post.source})."
    topic = _topic(match, role_stems)
    fits = f", and how {indefinite(role)} would contribute" if role else ""
    # The title names the post best; the shared words when it is too long to quote.
    about = f"\u2018{title}\u2019" if len(title) <= 80 else f"on {topic}"
    line = f"I enjoyed reading your post {about}; I'd love to hear more about that work{fits}."
    age_days = max((now - post.published).total_seconds() / 86400, 0.0)
    score = (0.5 ** (age_days / HALF_LIFE_DAYS)) * KIND_WEIGHT["post"] * relevance_factor(match)
    if post.published_is_estimate:
        score *= 0.85
    return TalkingPoint(
        text=f"{headline} \u201c{line}\u201d",
        why=f"{why_matched(match)} {WHY['post']}",
        kind="post",
        company=post.company,
        company_name=post.company_name,
        title=post.title,
        url=post.url,
        source=post.source,
        published=post.published,
        score=score,
        evidence=post.lead,
        coverage=1,
        published_is_estimate=post.published_is_estimate,
        matches=match.phrases,
        thing=topic,
        matched_in=matched_in,
        story=post.story_id or post.article_id,
    )


# Words that make a post without an event kind bad news all the same (an outage write-up, an
# apology): the event rules attribute such news to a named company, which a company's own
# post ("we", "our service") often is not. A post carrying one never becomes a point.
_BAD_POST = re.compile(
    r"\b(?:outages?|incidents?|breach(?:es)?|lay ?offs?|laid off|lawsuits?|recalls?|post-?mortem|"
    r"apolog\w*|downtime|vulnerabilit\w+|disruptions?|shut(?:ting)? down|discontinu\w+|"
    r"slow(?:ed|s|ing)|declin\w+|delay(?:ed|s)?)\b",
    re.IGNORECASE,
)


def post_candidates(
    posts: Sequence[Post], context: InterviewContext | None, now: datetime
) -> list[tuple[TalkingPoint, Post]]:
    """Own posts sharing at least two words with the interview, never one that reads as bad news."""
    terms = interview_terms(context, exclude=posts[0].company_name if posts else "")
    if not terms:
        return []
    role = _role_name(context)
    role_stems = role_terms(context)
    out = []
    for post in posts:
        text = f"{post.title}. {post.text}"
        if _BAD_POST.search(post.title) or _BAD_POST.search(post.text[:1500]):
            continue
        match = relevant(match_text(text, terms))
        if not match:
            continue
        where = "headline" if relevant(match_text(post.title, terms)) else "text"
        out.append((make_post_point(post, now, match, role=role, role_stems=role_stems, matched_in=where),
                    post))
    return out


def _role_name(context: InterviewContext | None) -> str | None:
    if context is None or not context.role or not context.role.strip():
        return None
    return " ".join(context.role.split())


def rank_points(
    own: Sequence[Development],
    rivals: Sequence[Development],
    company_name: str,
    now: datetime,
    *,
    limit: int = 5,
    background: bool = False,
    context: InterviewContext | None = None,
    posts: Sequence[Post] = (),
) -> list[TalkingPoint]:
    """The best points: bad news excluded, one per story, few competitor points.

    One story makes one point, whichever company or kind it was read as: a wire report and the
    newsroom post of one round are one thing to say, and "Northwind partners with Contoso" is
    Northwind's news, not also a Contoso move to ask Northwind about. With an interview, stories
    sharing its words rank higher, and the company's own posts that match it can be points.
    """
    terms = interview_terms(context, exclude=company_name)
    role = _role_name(context)
    role_stems = role_terms(context)
    # A story that carries bad news of a company is no talking point for it in any of its
    # readings: "Monster partners with SDJ" stood as a point while the same article was listed
    # under handle with care for Monster.
    bad = {(d.company, d.story_id or d.article_id or d.url) for d in (*own, *rivals) if d.handle_with_care}
    def own_point(d: Development, variant: int = 0, with_role: bool = True) -> TalkingPoint:
        return make_point(d, company_name, now, competitor=False, background=background, terms=terms,
                          role=role if with_role else None, variant=variant, role_stems=role_stems)

    # Each candidate: its point, its story, and how to make it again (a development with another
    # wording, a post without the role), None for a competitor's point.
    candidates: list[tuple[TalkingPoint, str, Development | Post | None]] = [
        (own_point(d), d.story_id or d.article_id or d.url, d)
        for d in own
        if not d.handle_with_care and (d.company, d.story_id or d.article_id or d.url) not in bad
    ] + [
        (make_point(d, company_name, now, competitor=True, background=background),
         d.story_id or d.article_id or d.url, None)
        for d in rivals
        if not d.handle_with_care and (d.company, d.story_id or d.article_id or d.url) not in bad
    ]
    if not background:
        candidates += [
            (p, post.story_id or post.article_id, post) for p, post in post_candidates(posts, context, now)
        ]
    # Own points first among equals, so a shared story stays the company's own.
    candidates.sort(key=lambda c: (-c[0].score, c[0].about_competitor, -c[0].published.timestamp(), c[0].url))
    picked: list[tuple[TalkingPoint, Development | Post | None]] = []
    stories: set[str] = set()
    rival_count = 0
    for point, story, source in candidates:
        if story in stories or (point.about_competitor and rival_count >= MAX_COMPETITOR_POINTS):
            continue
        stories.add(story)
        rival_count += point.about_competitor
        picked.append((point, source))
        if len(picked) >= limit:
            break
    # The role is said once, where it fits best: in the first point matching the interview,
    # else in the first of the company's own. Said in every line ("... and where a
    # Virtualization Engineer fits in" five times), it read as a template.
    own_at = [i for i, (p, source) in enumerate(picked) if source is not None]
    role_at = next((i for i in own_at if picked[i][0].matches), own_at[0] if own_at else None)
    chosen: list[TalkingPoint] = []
    lines: set[str] = set()
    for i, (point, source) in enumerate(picked):
        with_role = i == role_at
        if isinstance(source, Development):
            # The wording is chosen on the line without the role, so the one line that says
            # it does not pass for a new wording of another.
            plain, variant = _reworded(own_point(source, 0, False), source, lines,
                                       lambda d, v: own_point(d, v, False))
            lines.add(_quoted_line(plain))
            point = own_point(source, variant, True) if with_role else plain
        elif isinstance(source, Post) and not with_role:
            point = _without_role(point, source, now, context)
        elif source is None and _quoted_line(point) in lines:
            # Two competitor moves of one kind asked the same question word for word.
            said = _quoted_line(point)
            other = competitor_question(point.kind, company_name, 1)
            point = replace(point, text=point.text[: -len(said)] + f"A question to keep ready: {other}\u201d")
        if not isinstance(source, Development):
            lines.add(_quoted_line(point))
        chosen.append(point)
    return chosen


def _without_role(
    point: TalkingPoint, post: Post, now: datetime, context: InterviewContext | None
) -> TalkingPoint:
    """A post's point as made for the interview, its line without the role phrase."""
    terms = interview_terms(context, exclude=post.company_name)
    match = relevant(match_text(f"{post.title}. {post.text}", terms))
    return make_post_point(post, now, match, role=None, role_stems=role_terms(context),
                           matched_in=point.matched_in)


def _quoted_line(point: TalkingPoint) -> str:
    return point.text.rsplit("\u201c", 1)[-1]


def _reworded(
    point: TalkingPoint, dev: Development, said: set[str], remake: Callable[[Development, int], TalkingPoint]
) -> tuple[TalkingPoint, int]:
    """The point with a wording no earlier point of the list used, when the kind has one, and
    which wording it is (0, the usual one, for ``point`` itself)."""
    first = _quoted_line(point)
    candidate, variant = point, 0
    while _quoted_line(candidate) in said:
        variant += 1
        candidate = remake(dev, variant)
        if _quoted_line(candidate) == first:
            return point, 0  # every wording of the kind is taken: keep the usual one
    return candidate, variant


def care_items(devs: Sequence[Development]) -> list[CareItem]:
    seen: set[str] = set()
    items = []
    for dev in devs:
        if not dev.handle_with_care or (dev.story_id or dev.url) in seen:
            continue
        seen.add(dev.story_id or dev.url)
        items.append(
            CareItem(
                company=dev.company,
                company_name=dev.company_name,
                kind=dev.kind,
                title=dev.title,
                url=dev.url,
                source=dev.source,
                published=dev.published,
                note=CARE_NOTES.get(dev.kind, DEFAULT_CARE_NOTE if dev.sensitive else BAD_NEWS_NOTE),
            )
        )
    return items
