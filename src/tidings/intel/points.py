"""Talking points: the few developments worth mentioning in a follow-up, phrased to be said.

score = recency (half-life 14 days) x kind weight x prominence (named in the headline or in
passing) x coverage (distinct sources) x confidence. Sensitive kinds never become points; they
are "handle with care". Competitor moves become questions about the company's position.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime

from tidings.intel.records import CareItem, Development, TalkingPoint
from tidings.text import possessive, retold

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


def score_development(dev: Development, now: datetime, competitor: bool = False) -> float:
    age_days = max((now - dev.published).total_seconds() / 86400, 0.0)
    recency = 0.5 ** (age_days / HALF_LIFE_DAYS)
    weight = KIND_WEIGHT.get(dev.kind, 0.5)
    prominence = 1.0 if dev.in_title else 0.6
    coverage = 1.0 + 0.25 * math.log2(max(dev.coverage, 1))
    estimate = 0.85 if dev.published_is_estimate else 1.0
    factor = COMPETITOR_FACTOR if competitor else 1.0
    return round(recency * weight * prominence * coverage * estimate * factor, 4)


def _day(when: datetime) -> str:
    return f"{when.day} {when:%b}"


def _headline_sentence(title: str) -> str:
    title = title.strip().rstrip(".")
    return title[:1].upper() + title[1:]


def _own_line(dev: Development) -> str:
    """What the user could say about the company's own development."""
    other = dev.counterparty
    if dev.kind == "launch":
        return "I'd love to hear how the team decided what to build first and what customers asked for."
    if dev.kind == "funding":
        detail = " ".join(x for x in (dev.amount, dev.round) if x)
        detail = f" ({detail})" if detail else ""
        return (f"Congratulations on the new funding{detail}; I'm curious how it will shape the "
                "team's priorities this year.")
    if dev.kind == "acquisition":
        target = f" of {other}" if other else ""
        return (f"The acquisition{target} caught my eye; I'd be interested in how the teams "
                "will work together.")
    if dev.kind == "partnership":
        partner = f" with {other}" if other else ""
        return f"I read about the partnership{partner}; how do you expect it to change the team's work?"
    if dev.kind == "award":
        return "Congratulations on the recognition; it must be rewarding for the team."
    if dev.kind == "milestone":
        return "Congratulations on the milestone; I'd love to hear what the team learnt getting there."
    if dev.kind == "expansion":
        return "The expansion sounds exciting; I'd like to hear how it shapes the team's plans."
    if dev.kind == "leadership":
        return "I'd love to hear how the leadership change is shaping the team's direction."
    if dev.kind == "earnings":
        figure = f" ({dev.amount})" if dev.amount else ""
        return f"I saw the latest results{figure}; which areas are driving the growth?"
    return "I'd love to hear more about it."


def _competitor_line(dev: Development, company_name: str) -> str:
    moves = {
        "launch": "new launch",
        "funding": "new funding round",
        "acquisition": "acquisition",
        "partnership": "new partnership",
        "expansion": "expansion",
        "award": "recent recognition",
        "milestone": "recent milestone",
        "leadership": "leadership change",
        "earnings": "latest results",
    }
    move = moves.get(dev.kind, "recent news")
    if dev.counterparty and dev.kind in ("acquisition", "partnership"):
        move += f" {'of' if dev.kind == 'acquisition' else 'with'} {dev.counterparty}"
    return (f"With {possessive(dev.company_name)} {move}, I'm curious how {company_name} thinks about its "
            "own edge there.")


def make_point(
    dev: Development, company_name: str, now: datetime, *, competitor: bool, background: bool
) -> TalkingPoint:
    # An undated (or impossibly dated) item carries its first-seen time; saying "26 Nov" as if
    # the source had said so would present an old story as news.
    when = f"first seen {_day(dev.published)}" if dev.published_is_estimate else _day(dev.published)
    # "On 12 Nov, Northwind launched Harbor, its routing API (Northwind newsroom)": the headline
    # retold as a fact, when its shape allows; else the headline itself.
    clause = retold(dev.title, dev.company_name)
    if clause and not dev.published_is_estimate:
        headline = f"On {when}, {dev.company_name} {clause} ({dev.source})."
    else:
        headline = f"{_headline_sentence(dev.title)} ({when}, {dev.source})."
    line = _competitor_line(dev, company_name) if competitor else _own_line(dev)
    why = COMPETITOR_WHY if competitor else WHY.get(dev.kind, "It is specific and recent.")
    if background:
        why = "Background, older than the window: context for the conversation, not news. " + why
    return TalkingPoint(
        text=f"{headline} \u201c{line}\u201d",
        why=why,
        kind=dev.kind,
        company=dev.company,
        company_name=dev.company_name,
        title=dev.title,
        url=dev.url,
        source=dev.source,
        published=dev.published,
        score=score_development(dev, now, competitor),
        evidence=dev.evidence,
        coverage=dev.coverage,
        about_competitor=competitor,
        background=background,
        published_is_estimate=dev.published_is_estimate,
    )


def rank_points(
    own: Sequence[Development],
    rivals: Sequence[Development],
    company_name: str,
    now: datetime,
    *,
    limit: int = 5,
    background: bool = False,
) -> list[TalkingPoint]:
    """The best points: sensitive kinds excluded, one per story, few competitor points.

    One story makes one point, whichever company or kind it was read as: a wire report and the
    newsroom post of one round are one thing to say, and "Northwind partners with Contoso" is
    Northwind's news, not also a Contoso move to ask Northwind about.
    """
    candidates = [
        (make_point(d, company_name, now, competitor=False, background=background), d)
        for d in own
        if not d.handle_with_care
    ] + [
        (make_point(d, company_name, now, competitor=True, background=background), d)
        for d in rivals
        if not d.handle_with_care
    ]
    # Own points first among equals, so a shared story stays the company's own.
    candidates.sort(key=lambda c: (-c[0].score, c[0].about_competitor, c[0].url))
    chosen: list[TalkingPoint] = []
    stories: set[str] = set()
    rival_count = 0
    for point, dev in candidates:
        story = dev.story_id or dev.article_id or dev.url
        if story in stories or (point.about_competitor and rival_count >= MAX_COMPETITOR_POINTS):
            continue
        stories.add(story)
        rival_count += point.about_competitor
        chosen.append(point)
        if len(chosen) >= limit:
            break
    return chosen


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
                note=CARE_NOTES.get(dev.kind, DEFAULT_CARE_NOTE),
            )
        )
    return items
