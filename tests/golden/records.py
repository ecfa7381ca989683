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
        "I read about the Harbor launch, and I'd love to hear how the team chose which routing "
        "problems to open up to developers first.",
        "A launch in the role's area shows you follow their product work.",
        0.91,
        thing="Harbor",
    ),
    point(
        FUNDING,
        "Congratulations on the Series C; it sounds like an exciting time to join the team.",
        "Funding signals growth plans worth asking about.",
        0.78,
        thing="$40 million Series C",
    ),
    point(
        COMPETITOR_MOVE,
        "Kestrova's deal with Brightlane shows the market is heating up.",
        "Shows market awareness; ask, never criticise.",
        0.55,
        about_competitor=True,
        thing="Brightlane Logistics",
    ),
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
        talking_points=POINTS,
        developments=(LAUNCH, FUNDING, LAYOFFS),
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
