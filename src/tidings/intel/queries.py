"""Reading developments, mentions and care items out of the precomputed tables."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import duckdb

from tidings.analysis.ingest import own_site_hosts
from tidings.intel.records import Development, Post
from tidings.models import Company
from tidings.urls import host_of, is_relay_link

# The name shown for where a story came from: the original publisher (aggregator feeds give
# it), else the source's configured name, else the feed's own title, else the web host.
SOURCE_NAME = "coalesce(a.publisher, s.name, s.title)"
# How much of a development's article is read for the interview's words: a release's highlights
# or a launch's first paragraphs, not a long article's every passing word.
DEVELOPMENT_LEAD_CHARS = 1500


def _source_label(name: str | None, url: str) -> str:
    if name:
        return name
    host = host_of(url)
    return host.removeprefix("www.") if host else "saved file"


def developments(
    con: duckdb.DuckDBPyConnection,
    company: Company,
    *,
    since: datetime,
    until: datetime | None = None,
    kinds: Sequence[str] | None = None,
    sensitive: bool | None = None,
    fetched_since: datetime | None = None,
    limit: int | None = None,
) -> list[Development]:
    """The company's events, one per (story, kind), newest first, with coverage counted."""
    return developments_of(
        con, [company], since=since, until=until, kinds=kinds, sensitive=sensitive,
        fetched_since=fetched_since, per_company=limit,
    )


def developments_of(
    con: duckdb.DuckDBPyConnection,
    companies: Sequence[Company],
    *,
    since: datetime,
    until: datetime | None = None,
    kinds: Sequence[str] | None = None,
    sensitive: bool | None = None,
    fetched_since: datetime | None = None,
    per_company: int | None = None,
) -> list[Development]:
    """Events of several companies in one query (a brief asks for every competitor at once),
    one per (company, story, kind), at most `per_company` newest each, newest first."""
    if not companies:
        return []
    by_slug = {c.slug: c for c in companies}
    # A story belongs to the window when it began there: a copy published inside the window
    # of a story that broke before it is background, not news.
    where = [
        "e.company IN (SELECT unnest(?))",
        "e.published_at >= ?",
        "coalesce(st.first_published, e.published_at) >= ?",
    ]
    params: list[object] = [list(by_slug), since, since]
    if until is not None:
        where.append("e.published_at < ?")
        params.append(until)
    if kinds:
        where.append("e.kind IN (SELECT unnest(?))")
        params.append(list(kinds))
    if sensitive is not None:
        where.append("e.sensitive = ?")
        params.append(sensitive)
    if fetched_since is not None:
        # New since then: the story was first fetched then, not merely copied by one more outlet.
        where.append(
            "a.fetched_at >= ? AND NOT EXISTS (SELECT 1 FROM articles x WHERE "
            "coalesce(x.story_id, x.id) = coalesce(a.story_id, a.id) AND x.fetched_at < ?)"
        )
        params += [fetched_since, fetched_since]
    params.append(per_company if per_company is not None else 2**31 - 1)
    sql = f"""
        WITH ev AS (
            SELECT e.company, e.kind, e.sensitive, e.evidence, e.amount, e.round, e.counterparty,
                   e.confidence, coalesce(e.in_title, false) AS in_title, e.published_at,
                   coalesce(e.tone, 'neutral') AS tone,
                   a.id AS article_id, a.title, a.url, a.published_is_estimate,
                   coalesce(a.story_id, a.id) AS story, {SOURCE_NAME} AS source_name,
                   a.source_url
            FROM events e
            JOIN articles a ON a.id = e.article_id
            LEFT JOIN sources s ON s.url = a.source_url
            LEFT JOIN stories st ON st.story_id = a.story_id
            WHERE {" AND ".join(where)}
        ),
        best AS (
            SELECT *, row_number() OVER (
                PARTITION BY company, story, kind
                ORDER BY in_title DESC, confidence DESC, published_at ASC, article_id
            ) AS rank
            FROM ev
        ),
        picked AS (
            SELECT *, row_number() OVER (
                PARTITION BY company ORDER BY published_at DESC, article_id, kind
            ) AS position
            FROM best WHERE rank = 1
        )
        SELECT b.company, b.kind, b.sensitive, b.title, b.url, b.source_name, b.source_url,
               b.published_at, b.evidence, coalesce(st.coverage, 1), b.amount, b.round,
               b.counterparty, b.story, b.article_id, b.published_is_estimate, b.in_title,
               CASE WHEN b.sensitive THEN 'bad' ELSE b.tone END,
               left(coalesce(nullif(la.body, ''), la.summary, ''), {DEVELOPMENT_LEAD_CHARS})
        FROM picked b LEFT JOIN stories st ON st.story_id = b.story
        LEFT JOIN articles la ON la.id = b.article_id
        WHERE b.position <= ?
        ORDER BY b.published_at DESC, b.article_id, b.kind
    """
    rows = con.execute(sql, params).fetchall()
    return [
        Development(
            company=r[0],
            company_name=by_slug[r[0]].name,
            kind=r[1],
            sensitive=r[2],
            title=r[3],
            url=r[4],
            source=_source_label(r[5], r[6] if r[4].startswith("file:") else r[4]),
            published=r[7],
            evidence=r[8] or "",
            coverage=r[9],
            amount=r[10],
            round=r[11],
            counterparty=r[12],
            story_id=r[13],
            article_id=r[14],
            published_is_estimate=r[15],
            in_title=r[16],
            tone=r[17],
            lead=r[18] or "",
        )
        for r in rows
    ]


POST_TEXT_CHARS = 4000


def own_posts(
    con: duckdb.DuckDBPyConnection, company: Company, *, since: datetime, limit: int = 300
) -> list[Post]:
    """Articles from the company's own sites (its `domains`, or a feed or newsroom host carrying
    its name; never a news search, an aggregator's copy or a trade outlet filed under it) that
    carry no event of the company and no bad news of anyone: the engineering posts, product notes
    and customer stories that only an interview's words make worth mentioning."""
    hosts = [d.lower().lstrip(".") for d in company.domains] + own_site_hosts(company)
    if not hosts:
        return []
    rows = con.execute(
        f"""
        SELECT a.id, a.title, a.url, {SOURCE_NAME}, a.source_url, a.published_at,
               left(coalesce(nullif(a.body, ''), a.summary, ''), {POST_TEXT_CHARS}),
               a.published_is_estimate, a.story_id
        FROM articles a JOIN sources s ON s.url = a.source_url
        WHERE a.company = ? AND s.kind <> 'search' AND a.publisher IS NULL
          AND a.published_at >= ?
          AND NOT EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id
                          AND (e.company = ? OR e.sensitive OR coalesce(e.tone, 'neutral') = 'bad'))
        ORDER BY a.published_at DESC, a.id
        LIMIT ?
        """,
        [company.slug, since, company.slug, limit],
    ).fetchall()
    return [
        Post(
            article_id=r[0],
            company=company.slug,
            company_name=company.name,
            title=r[1],
            url=r[2],
            source=_source_label(r[3], r[4] if r[2].startswith("file:") else r[2]),
            published=r[5],
            text=r[6] or "",
            published_is_estimate=r[7],
            story_id=r[8],
        )
        for r in rows
        if _on_hosts(r[2], hosts)
    ]


def _on_hosts(url: str, hosts: Sequence[str]) -> bool:
    if is_relay_link(url):
        return False
    host = host_of(url).removeprefix("www.")
    return any(host == h or host.endswith("." + h) for h in hosts)


def mention_count(
    con: duckdb.DuckDBPyConnection, slug: str, since: datetime, until: datetime | None = None
) -> int:
    """Stories mentioning the company that began in the window, a syndicated story counted once.

    A story is counted by its earliest known date, as developments are: a wire's undated copy of
    a post dated weeks earlier is first seen (and so dated) in the window, but once it joined its
    dated twin's story it is that old story, not news of the window."""
    sql = (
        "SELECT count(DISTINCT coalesce(a.story_id, a.id)) FROM mentions m "
        "JOIN articles a ON a.id = m.article_id LEFT JOIN stories st ON st.story_id = a.story_id "
        "WHERE m.company = ? AND m.published_at >= ? AND coalesce(st.first_published, m.published_at) >= ?"
    )
    params: list[object] = [slug, since, since]
    if until is not None:
        sql += " AND m.published_at < ?"
        params.append(until)
    return con.execute(sql, params).fetchone()[0]


def mentioning_articles(
    con: duckdb.DuckDBPyConnection, slug: str, since: datetime, limit: int = 50
) -> list[dict[str, object]]:
    """Articles that mention the company, newest first, one per story that began in the window
    (counted as `mention_count` counts them)."""
    rows = con.execute(
        f"""
        WITH hits AS (
            SELECT a.id, a.title, a.url, a.published_at, a.published_is_estimate, m.in_title,
                   m.count, m.snippet, {SOURCE_NAME} AS source_name, a.source_url,
                   coalesce(a.story_id, a.id) AS story,
                   row_number() OVER (PARTITION BY coalesce(a.story_id, a.id)
                                      ORDER BY m.in_title DESC, a.published_at, a.id) AS rank
            FROM mentions m JOIN articles a ON a.id = m.article_id
            LEFT JOIN sources s ON s.url = a.source_url
            WHERE m.company = ? AND m.published_at >= ?
        )
        SELECT h.id, h.title, h.url, h.published_at, h.published_is_estimate, h.in_title,
               h.count, h.snippet, h.source_name, h.source_url, coalesce(st.coverage, 1)
        FROM hits h LEFT JOIN stories st ON st.story_id = h.story
        WHERE h.rank = 1 AND coalesce(st.first_published, h.published_at) >= ?
        ORDER BY h.published_at DESC, h.id LIMIT ?
        """,
        [slug, since, since, limit],
    ).fetchall()
    return [
        {
            "id": r[0],
            "title": r[1],
            "url": r[2],
            "published": r[3],
            "published_is_estimate": r[4],
            "in_title": r[5],
            "count": r[6],
            "snippet": r[7],
            "source": _source_label(r[8], r[2]),
            "coverage": r[10],
        }
        for r in rows
    ]


def last_fetched(con: duckdb.DuckDBPyConnection, source_urls: Sequence[str]) -> datetime | None:
    if not source_urls:
        return None
    row = con.execute(
        "SELECT max(last_success_at) FROM sources WHERE url IN (SELECT unnest(?))",
        [list(source_urls)],
    ).fetchone()
    return row[0] if row else None
