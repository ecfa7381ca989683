"""Assembling what a user asks for: talking points and whole briefs for one company."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import duckdb

from tidings.intel.namecheck import name_warning
from tidings.intel.points import care_items, rank_points
from tidings.intel.queries import (
    developments,
    developments_of,
    last_fetched,
    mention_count,
    mentioning_articles,
    own_posts,
)
from tidings.intel.records import (
    Brief,
    CareItem,
    CompetitorSummary,
    Development,
    InterviewContext,
    SourceSummary,
    TalkingPoint,
)
from tidings.models import Company
from tidings.sources.failure_text import failure_line
from tidings.store.sources import SourceState, article_counts, load_states, source_health
from tidings.timewindow import ALL_TIME, is_all_time
from tidings.workspace.config import Config

BACKGROUND_SPAN = timedelta(days=365)
BACKGROUND_CANDIDATES = 100


@dataclass(frozen=True)
class PointsResult:
    company: Company
    since: datetime
    points: list[TalkingPoint]
    background: list[TalkingPoint]
    handle_with_care: list[CareItem]
    developments: list[Development]  # every development of the company in the window

    @property
    def nothing_recent(self) -> bool:
        return not self.points


def rivals_of(config: Config, company: Company) -> list[Company]:
    """Its configured competitors, and the companies that name it as theirs."""
    slugs = list(company.competitors)
    slugs += [c.slug for c in config.companies if company.slug in c.competitors and c.slug not in slugs]
    by_slug = config.by_slug
    return [by_slug[s] for s in slugs if s in by_slug]


def talking_points(
    con: duckdb.DuckDBPyConnection,
    config: Config,
    company: Company,
    *,
    since: datetime,
    now: datetime,
    limit: int = 5,
    context: InterviewContext | None = None,
) -> PointsResult:
    """The best points for the company; with an interview's role and notes, ranked for it."""
    own = developments(con, company, since=since)
    rival_devs = developments_of(
        con, rivals_of(config, company), since=since, sensitive=False, per_company=20
    )
    # Posts without an event are worth reading only when an interview gives them a meaning.
    posts = own_posts(con, company, since=since) if context is not None and not context.empty else []
    points = rank_points(own, rival_devs, company.name, now, limit=limit, context=context, posts=posts)
    background: list[TalkingPoint] = []
    if len(points) < limit and not is_all_time(since):
        background = _background(con, company, since, now, context)
    return PointsResult(company, since, points, background, care_items(own), own)


def _background(
    con: duckdb.DuckDBPyConnection,
    company: Company,
    since: datetime,
    now: datetime,
    context: InterviewContext | None,
) -> list[TalkingPoint]:
    """Up to three points older than the window: the heading says "older than N days", so when
    the year before the window holds too few (a quiet company, a window of 400 days over a
    store of older news), everything stored before it is read."""
    background: list[TalkingPoint] = []
    for start in (since - BACKGROUND_SPAN, ALL_TIME):
        # The newest older developments are the best background; scoring a year of a busy
        # company's news to pick three would cost more than it tells.
        older = developments(
            con, company, since=start, until=since, sensitive=False, limit=BACKGROUND_CANDIDATES
        )
        background = rank_points(older, [], company.name, now, limit=3, background=True, context=context)
        if len(background) == 3 or len(older) == BACKGROUND_CANDIDATES:
            break  # reading further back would give the same newest candidates
    return background


def source_summaries(
    con: duckdb.DuckDBPyConnection,
    company: Company,
    now: datetime,
    *,
    states: dict[str, SourceState] | None = None,
    counts: dict[str, int] | None = None,
) -> list[SourceSummary]:
    states = load_states(con) if states is None else states
    counts = article_counts(con) if counts is None else counts
    summaries = []
    for source in company.sources:
        state = states.get(source.url)
        health = source_health(state, now)
        summaries.append(
            SourceSummary(
                url=source.url,
                name=source.name or (state.title if state and state.title else source.url),
                kind=source.kind,
                health=health,
                last_success=state.last_success_at if state else None,
                articles=counts.get(source.url, 0),
                last_error=state.last_error if state else None,
            )
        )
    return summaries


def source_warnings(summaries: list[SourceSummary], company: Company, *, named: bool = True) -> list[str]:
    """`named=False` where the caller puts the company's name before each line ("Epson: ...")."""
    warnings = []
    if not summaries:
        who = f"{company.name} has no sources" if named else "No sources configured"
        warnings.append(f"{who}: no news here means no data, not no news.")
    never = [s for s in summaries if s.health == "new"]
    if summaries and len(never) == len(summaries):
        warnings.append("No source has been fetched yet: run `tidings fetch` first.")
    for s in summaries:
        if s.health == "failing":
            # The one shape of a failure everywhere: "failed: NAME (URL): reason".
            warnings.append(failure_line(s.name, s.url, s.last_error))
        elif s.health == "gone":
            warnings.append(f"Source gone (HTTP 410): {s.name}")
        elif s.health == "stale":
            warnings.append(f"Source stale (no success in 3 days): {s.name}")
    return warnings


def unhealthy_source_warnings(
    con: duckdb.DuckDBPyConnection, company: Company, now: datetime
) -> list[str]:
    """One line per failing, gone or stale source of the company, for `points` and `draft`: a
    night's failure must not pass for "nothing recent" where the follow-up is written."""
    summaries = [s for s in source_summaries(con, company, now) if s.health in ("failing", "gone", "stale")]
    return source_warnings(summaries, company) if summaries else []


def _name_warnings(con: duckdb.DuckDBPyConnection, company: Company) -> list[str]:
    warning = name_warning(con, company)
    return [warning] if warning else []


def workspace_warnings(
    con: duckdb.DuckDBPyConnection, companies: list[Company], now: datetime
) -> list[str]:
    """The source warnings of several companies, each named: for the digest, and for the
    competitors a brief reports on (their silence must not read as "no news" either)."""
    states, counts = load_states(con), article_counts(con)
    warnings = []
    for company in companies:
        summaries = source_summaries(con, company, now, states=states, counts=counts)
        warnings += [f"{company.name}: {w}" for w in source_warnings(summaries, company, named=False)]
    return warnings


def build_brief(
    con: duckdb.DuckDBPyConnection,
    config: Config,
    company: Company,
    *,
    since: datetime,
    now: datetime,
    limit: int = 5,
    context: InterviewContext | None = None,
) -> Brief:
    result = talking_points(con, config, company, since=since, now=now, limit=limit, context=context)
    devs = [d for d in result.developments if not d.handle_with_care]
    own_mentions = mention_count(con, company.slug, since)
    rivals = rivals_of(config, company)
    counts = {r.slug: mention_count(con, r.slug, since) for r in rivals}
    total = own_mentions + sum(counts.values())
    competitors = []
    rival_devs = developments_of(con, rivals, since=since, sensitive=False, per_company=3)
    for rival in rivals:
        top = tuple(d for d in rival_devs if d.company == rival.slug)
        if not top:
            top = tuple(
                Development(
                    company=rival.slug, company_name=rival.name, kind="mention", sensitive=False,
                    title=str(a["title"]), url=str(a["url"]), source=str(a["source"]),
                    published=a["published"], evidence=str(a["snippet"] or ""),  # type: ignore[arg-type]
                    coverage=int(a["coverage"]),  # type: ignore[arg-type]
                )
                for a in mentioning_articles(con, rival.slug, since, limit=3)
            )
        competitors.append(
            CompetitorSummary(
                slug=rival.slug,
                name=rival.name,
                mentions=counts[rival.slug],
                # Unrounded: the brief shows it as a percentage next to the figure's own
                # (1 of 22 read "4%" here, rounded twice, and "5%" in the figure).
                share_of_voice=counts[rival.slug] / total if total else 0.0,
                top_stories=top,
            )
        )
    summaries = source_summaries(con, company, now)
    return Brief(
        company=company.slug,
        company_name=company.name,
        role=company.role,
        generated_at=now,
        since=since,
        window_days=max(round((now - since).total_seconds() / 86400), 0),
        articles=own_mentions,
        last_fetched=last_fetched(con, [s.url for s in company.sources]),
        warnings=tuple(
            source_warnings(summaries, company)
            + _name_warnings(con, company)
            + workspace_warnings(con, rivals, now)
        ),
        talking_points=tuple(result.points),
        developments=tuple(devs),
        competitors=tuple(competitors),
        handle_with_care=tuple(result.handle_with_care),
        background=tuple(result.background),
        sources=tuple(summaries),
        interview=context if context is not None and not context.empty else None,
    )
