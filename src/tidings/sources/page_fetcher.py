"""Fetching a page source: a newsroom listing (or a sitemap) whose new article links are
fetched and extracted one by one, politely and within a time budget."""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, field
from datetime import datetime

from tidings.errors import ExtractionError, FetchError
from tidings.extract import extract_page, find_article_links
from tidings.models import Article, SourceConfig
from tidings.network.http_client import RobotsDisallowed
from tidings.sources.feed_fetcher import failure
from tidings.sources.fetch_context import FetchContext
from tidings.sources.normalize import article_from_page
from tidings.sources.outcome import FAILED, SKIPPED, UPDATED, SourceOutcome, unchanged_outcome
from tidings.store.sources import SourceState
from tidings.syndication.sitemaps import is_sitemap, parse_sitemap
from tidings.urls import canonicalize_url

log = logging.getLogger(__name__)

PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
SOURCE_BUDGET = 300.0  # seconds one page source may spend on its articles in a run


def listing_links(body: bytes, url: str, source: SourceConfig) -> list[str]:
    if is_sitemap(body):
        pattern = re.compile(source.link_pattern) if source.link_pattern else None
        return [
            e.url
            for e in parse_sitemap(body)
            if not e.is_index and (pattern is None or pattern.search(e.url))
        ]
    return find_article_links(body, url, selector=source.link_selector, pattern=source.link_pattern)


@dataclass
class ArticleFetch:
    articles: list[Article] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # errors: retried next run
    blocked: list[str] = field(default_factory=list)  # robots.txt forbids: never retried


def fetch_articles(
    context: FetchContext,
    links: list[str],
    source: SourceConfig,
    now: datetime,
    deadline: float,
) -> ArticleFetch:
    """Fetch and extract each link, noting those that failed and those robots.txt forbids."""
    result = ArticleFetch()
    articles, problems = result.articles, result.problems
    for position, link in enumerate(links):
        if time.monotonic() > deadline:
            problems.append(f"time budget spent; {len(links) - position} left for the next run")
            break
        try:
            response = context.pages.get(link, accept=PAGE_ACCEPT)
            page = extract_page(response.body, response.url, response.headers, now=now)
        except RobotsDisallowed:
            result.blocked.append(link)
            continue
        except (FetchError, ExtractionError) as exc:
            problems.append(f"{link}: {exc}")
            continue
        articles.append(
            article_from_page(page, source_url=source.url, company=source.company, fetched_at=now)
        )
    return result


def fetch_page(
    context: FetchContext, source: SourceConfig, state: SourceState, now: datetime
) -> SourceOutcome:
    started = time.monotonic()
    url = state.fetch_url or source.url
    try:
        response = context.pages.get(
            url, etag=state.etag, last_modified=state.last_modified, accept=PAGE_ACCEPT
        )
    except RobotsDisallowed:
        return SourceOutcome(
            source, SKIPPED, note=f"robots.txt disallows {url}; not fetched", blocked=True
        )
    except FetchError as exc:
        return failure(source, exc)
    unchanged, body_hash, moved_to = unchanged_outcome(source, state, response, url)
    if unchanged is not None:
        return unchanged
    links = listing_links(response.body, response.url, source)
    if not links:
        return SourceOutcome(
            source,
            FAILED,
            http_status=response.status,
            moved_to=moved_to,
            error="no article links found on the page; set link_selector or link_pattern "
            "for this source (see `tidings extract` and `tidings discover`)",
        )
    known = context.known_urls.get(source.url, set())
    unseen = [link for link in links if link not in known and canonicalize_url(link) not in known]
    fresh = unseen[: source.max_new]
    fetched = fetch_articles(context, fresh, source, now, deadline=started + SOURCE_BUDGET)
    articles, problems = fetched.articles, fetched.problems
    notes = []
    if fetched.blocked:
        notes.append(
            f"robots.txt disallows {len(fetched.blocked)} article link(s), e.g. {fetched.blocked[0]}"
        )
    if problems:
        notes.append(
            f"{len(problems)} of {len(fresh)} new article(s) not read: " + "; ".join(problems[:3])
            + (f"; and {len(problems) - 3} more" if len(problems) > 3 else "")
        )
    if len(unseen) > len(fresh):
        notes.append(f"{len(unseen) - len(fresh)} more new link(s) left for the next run (max_new)")
    complete = not problems and len(unseen) == len(fresh)
    note = "; ".join(notes) or None
    if problems and not articles:
        return SourceOutcome(
            source, FAILED, http_status=response.status, moved_to=moved_to,
            error=f"none of {len(fresh)} new article page(s) could be read: {problems[0]}",
        )
    return SourceOutcome(
        source,
        UPDATED,
        http_status=response.status,
        articles=articles,
        items_seen=len(links),
        # Articles that failed, or that the per-run cap left for later, are fetched next run:
        # keep the listing's validators and hash only when everything new was read, so an
        # unchanged listing (or a 304) is not taken for "nothing new".
        etag=response.etag if complete else None,
        last_modified=response.last_modified if complete else None,
        body_hash=body_hash if complete else None,
        moved_to=moved_to,
        note=note,
    )
