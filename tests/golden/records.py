"""Fixed records for the golden tests: a fixed clock and a stable order, so output is exact."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from tidings.intel.records import (
    Brief,
    CareItem,
    CompetitorSummary,
    Development,
    Digest,
    DigestCompany,
    FollowUp,
    Interview,
    InterviewContext,
    SourceSummary,
    TalkingPoint,
)

NOW = datetime(2024, 11, 14, 9, 30, tzinfo=UTC)
TODAY = NOW.date()


def ago(days: int, hour: int = 10) -> datetime:
    return (NOW - timedelta(days=days)).replace(hour=hour, minute=0)


LAUNCH = Development(
    company="northwind-robotics",
    company_name="Northwind Robotics",
    kind="launch",
    sensitive=False,
    title="Northwind Robotics launches Harbor, a fleet-routing API for warehouse robots",
    url="https://northwind-robotics.example/news/harbor-launch",
    source="Northwind Newsroom",
    published=ago(2),
    evidence="Northwind Robotics today launched Harbor, a fleet-routing API for warehouse robots.",
    coverage=2,
)
FUNDING = Development(
    company="northwind-robotics",
    company_name="Northwind Robotics",
    kind="funding",
    sensitive=False,
    title="Northwind Robotics raises $40 million Series C",
    url="https://robowire.example/2024/11/northwind-series-c",
    source="RoboWire Daily",
    published=ago(9),
    evidence="Northwind Robotics raised $40 million in a Series C round led by Larchfield Ventures.",
    coverage=3,
    amount="$40 million",
    round="Series C",
)
LAYOFFS = Development(
    company="northwind-robotics",
    company_name="Northwind Robotics",
    kind="layoffs",
    sensitive=True,
    title="Northwind Robotics cuts 6% of staff in support reorganisation",
    url="https://robowire.example/2024/10/northwind-cuts",
    source="RoboWire Daily",
    published=ago(20),
    evidence="Northwind Robotics laid off about 40 employees in its support division.",
)
COMPETITOR_MOVE = Development(
    company="kestrova-automation",
    company_name="Kestrova Automation",
    kind="partnership",
    sensitive=False,
    title="Kestrova Automation partners with Brightlane Logistics",
    url="https://kestrova.example/press/brightlane",
    source="Kestrova Press",
    published=ago(5),
    evidence="Kestrova Automation signed a multi-year partnership with Brightlane Logistics.",
    counterparty="Brightlane Logistics",
)


# An earlier partnership of Northwind itself: the timeline shows more than one kind.
COMPETITOR_MOVE_OWN = Development(
    company="northwind-robotics",
    company_name="Northwind Robotics",
    kind="partnership",
    sensitive=False,
    title="Northwind Robotics partners with Larchfield Freight on depot routing",
    url="https://northwind-robotics.example/news/larchfield",
    source="Northwind Newsroom",
    published=ago(24),
    evidence="Northwind Robotics and Larchfield Freight agreed to route depot traffic together.",
    counterparty="Larchfield Freight",
    tone="good",
)


def point(dev: Development, text: str, why: str, score: float, **extra: object) -> TalkingPoint:
    return TalkingPoint(
        text=text,
        why=why,
        kind=dev.kind,
        company=dev.company,
        company_name=dev.company_name,
        title=dev.title,
        url=dev.url,
        source=dev.source,
        published=dev.published,
        score=score,
        evidence=dev.evidence,
        coverage=dev.coverage,
        **extra,  # type: ignore[arg-type]
    )


POINTS = (
    point(
        LAUNCH,
        "On 12 Nov, Northwind Robotics launched Harbor, a fleet-routing API for warehouse robots "
        "(Northwind Newsroom). \u201cI'd love to hear how Harbor came together, what customers asked "
        "for first and where a Platform Engineer fits in.\u201d",
        "A launch shows you follow their product work, and it invites them to talk about it.",
        0.91,
        thing="Harbor",
    ),
    point(
        FUNDING,
        "On 5 Nov, Northwind Robotics raised $40 million Series C (RoboWire Daily). \u201cCongratulations "
        "on the new funding ($40 million Series C); I'm curious how it will shape the team's "
        "priorities this year.\u201d",
        "A new round shapes hiring and priorities; noticing it shows you follow the business.",
        0.78,
        thing="$40 million Series C",
    ),
    point(
        COMPETITOR_MOVE,
        "On 9 Nov, Kestrova Automation partnered with Brightlane Logistics (Kestrova Press). "
        "\u201cA question to keep ready: How is Northwind Robotics approaching its own partnerships?\u201d",
        "Shows market awareness; ask about their position, never criticise anyone.",
        0.55,
        about_competitor=True,
        thing="Brightlane Logistics",
    ),
)

POST_POINT = TalkingPoint(
    text=(
        "How we cut route-planning latency with a streaming pipeline (11 Nov, Northwind "
        "Engineering). \u201cI enjoyed reading your post on fleet routing and the streaming pipeline; "
        "I'd love to hear more about that work, and how a Platform Engineer would contribute.\u201d"
    ),
    why=(
        "Matches your interview: fleet routing, streaming pipeline, platform engineers. It is the "
        "company's own work, in the area of your interview."
    ),
    kind="post",
    company="northwind-robotics",
    company_name="Northwind Robotics",
    title="How we cut route-planning latency with a streaming pipeline",
    url="https://northwind-robotics.example/engineering/streaming-routes",
    source="Northwind Engineering",
    published=ago(3),
    score=1.4,
    evidence="We moved fleet routing to a streaming pipeline; we are hiring platform engineers.",
    matches=("fleet routing", "streaming pipeline", "platform engineers"),
    matched_in="text",
    thing="fleet routing and the streaming pipeline",
)

BACKGROUND = (
    TalkingPoint(
        text="Northwind opened its Rotterdam office last summer.",
        why="Context for questions about Europe.",
        kind="expansion",
        company="northwind-robotics",
        company_name="Northwind Robotics",
        title="Northwind Robotics opens Rotterdam office",
        url="https://northwind-robotics.example/news/rotterdam",
        source="Northwind Newsroom",
        published=ago(75),
        score=0.2,
        background=True,
    ),
)

CARE = (
    CareItem(
        company=LAYOFFS.company,
        company_name=LAYOFFS.company_name,
        kind=LAYOFFS.kind,
        title=LAYOFFS.title,
        url=LAYOFFS.url,
        source=LAYOFFS.source,
        published=LAYOFFS.published,
        note="Know it; do not raise it. If they bring it up, listen and ask about the team's focus.",
    ),
)

SOURCES = (
    SourceSummary(
        url="https://northwind-robotics.example/news/feed.xml",
        name="Northwind Newsroom",
        kind="feed",
        health="ok",
        last_success=ago(0, 6),
        articles=14,
    ),
    SourceSummary(
        url="https://robowire.example/feed/",
        name="RoboWire Daily",
        kind="feed",
        health="failing",
        last_success=ago(4, 6),
        articles=9,
        last_error="HTTP 503 Service Unavailable",
    ),
)


def brief() -> Brief:
    return Brief(
        company="northwind-robotics",
        company_name="Northwind Robotics",
        role="target",
        generated_at=NOW,
        since=NOW - timedelta(days=30),
        window_days=30,
        articles=23,
        last_fetched=ago(0, 6),
        warnings=(),
        talking_points=(POST_POINT, *POINTS),
        developments=(LAUNCH, FUNDING, LAYOFFS, COMPETITOR_MOVE_OWN),
        competitors=(
            CompetitorSummary(
                slug="kestrova-automation",
                name="Kestrova Automation",
                mentions=7,
                share_of_voice=0.2333,
                top_stories=(COMPETITOR_MOVE,),
            ),
            CompetitorSummary(
                slug="vantrell-systems", name="Vantrell Systems", mentions=0, share_of_voice=0.0
            ),
        ),
        handle_with_care=CARE,
        background=BACKGROUND,
        sources=SOURCES,
        interview=InterviewContext(
            role="Platform Engineer", notes="fleet routing, the Harbor beta", interview_id=1, date=TODAY
        ),
    )


def empty_brief() -> Brief:
    """Nothing ever fetched: every section must say "no data", never "no news"."""
    return Brief(
        company="quillon-labs",
        company_name="Quillon Labs",
        role="target",
        generated_at=NOW,
        since=NOW - timedelta(days=30),
        window_days=30,
        articles=0,
        last_fetched=None,
        warnings=(),
        talking_points=(),
        developments=(),
        competitors=(),
        handle_with_care=(),
        background=(),
        sources=(),
    )


INTERVIEW = Interview(
    id=1,
    company="northwind-robotics",
    company_name="Northwind Robotics",
    date=TODAY - timedelta(days=1),
    with_name="Dana Whitfield",
    role="Platform Engineer",
    notes="fleet routing, the Harbor beta",
    timeline_days=7,
)


def digest() -> Digest:
    late = Interview(
        id=2,
        company="kestrova-automation",
        company_name="Kestrova Automation",
        date=date(2024, 11, 1),
        role="Data Engineer",
    )
    return Digest(
        generated_at=NOW,
        since=NOW - timedelta(days=1),
        follow_ups=(
            FollowUp(INTERVIEW, "thank-you", TODAY, False, "You interviewed yesterday."),
            FollowUp(late, "check-in", date(2024, 11, 8), True, "The 7 days they gave ran out."),
        ),
        companies=(
            DigestCompany(
                company="northwind-robotics",
                company_name="Northwind Robotics",
                role="target",
                new_articles=4,
                developments=(LAUNCH,),
                handle_with_care=CARE,
            ),
            DigestCompany(
                company="vantrell-systems",
                company_name="Vantrell Systems",
                role="competitor",
                new_articles=0,
            ),
        ),
        warnings=("RoboWire Daily is failing (HTTP 503 since 10 Nov 2024).",),
    )
