"""The morning digest: what is new across every tracked company, due follow-ups first."""

from __future__ import annotations

from datetime import datetime, timedelta

import duckdb

from tidings.intel.briefing import workspace_warnings
from tidings.intel.followup import next_follow_up
from tidings.intel.points import care_items
from tidings.intel.queries import developments
from tidings.intel.records import Digest, DigestCompany, FollowUp
from tidings.store.interviews import list_interviews, sent_follow_ups
from tidings.workspace.config import Config

# A story first fetched today but published long ago is catching up, not news.
NEWS_AGE = timedelta(days=14)


def due_follow_ups(con: duckdb.DuckDBPyConnection, config: Config, now: datetime) -> list[FollowUp]:
    """The next follow-up of the latest interview with each company (accounting for what was
    sent), overdue ones first; an upcoming interview says to prepare."""
    names = {c.slug: c.name for c in config.companies}
    sent = sent_follow_ups(con)
    seen: set[str] = set()
    follow_ups = []
    for interview in list_interviews(con, names):
        if interview.company in seen:
            continue
        seen.add(interview.company)
        follow_ups.append(next_follow_up(interview, now.date(), sent.get(interview.id, [])))
    follow_ups.sort(key=lambda f: (not f.overdue, f.due))
    return follow_ups


def build_digest(
    con: duckdb.DuckDBPyConnection, config: Config, *, since: datetime, now: datetime
) -> Digest:
    """What was fetched since `since`, per company (targets first), with due follow-ups."""
    counts = dict(
        con.execute(
            "SELECT m.company, count(DISTINCT coalesce(a.story_id, a.id)) FROM mentions m "
            "JOIN articles a ON a.id = m.article_id "
            "WHERE a.fetched_at >= ? AND a.published_at >= ? "
            # a story one more outlet copied today is not new if it was fetched before
            "AND NOT EXISTS (SELECT 1 FROM articles x WHERE coalesce(x.story_id, x.id) = "
            "coalesce(a.story_id, a.id) AND x.fetched_at < ?) GROUP BY 1",
            [since, since - NEWS_AGE, since],
        ).fetchall()
    )
    companies = []
    for company in sorted(config.companies, key=lambda c: (c.role != "target", c.name.lower())):
        devs = developments(con, company, since=since - NEWS_AGE, fetched_since=since)
        companies.append(
            DigestCompany(
                company=company.slug,
                company_name=company.name,
                role=company.role,
                new_articles=counts.get(company.slug, 0),
                developments=tuple(d for d in devs if not d.handle_with_care),
                handle_with_care=tuple(care_items(devs)),
            )
        )
    return Digest(
        generated_at=now,
        since=since,
        follow_ups=tuple(due_follow_ups(con, config, now)),
        companies=tuple(companies),
        # Failing, stale and gone sources first thing: "nothing new" must not hide "no data".
        warnings=tuple(workspace_warnings(con, config.companies, now)),
    )
