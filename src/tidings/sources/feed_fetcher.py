"""Fetching a feed source (RSS, Atom, JSON Feed, or a news-search feed)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from functools import partial

from tidings.errors import FetchError
from tidings.models import Article, SourceConfig
from tidings.network.http_client import HttpError, Response
from tidings.sources.fetch_context import FetchContext
from tidings.sources.normalize import articles_from_entries, content_hash
from tidings.sources.outcome import FAILED, UPDATED, SourceOutcome, Unfinished, unchanged_outcome
from tidings.store.articles import TEASER_CHARS
from tidings.store.sources import SourceState
from tidings.syndication.feed_parser import parse_feed

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)


def failure(source: SourceConfig, exc: Exception) -> SourceOutcome:
    """A failed outcome carrying what the HTTP layer knew (status, Retry-After, 410 Gone)."""
    if isinstance(exc, HttpError):
        return SourceOutcome(
            source,
            FAILED,
            http_status=exc.status,
            error=str(exc),
            retry_after=exc.retry_after,
            gone=exc.gone,
        )
    return SourceOutcome(source, FAILED, error=str(exc) or type(exc).__name__)


def fetch_feed(
    context: FetchContext, source: SourceConfig, state: SourceState, now: datetime
) -> SourceOutcome | Unfinished:
    """Download the feed; parsing is left to the fetch's driving thread unless the source
    needs the network again afterwards (full_text reads article pages)."""
    url = state.fetch_url or source.url
    try:
        response = context.feeds.get(
            url, etag=state.etag, last_modified=state.last_modified, accept=FEED_ACCEPT
        )
    except FetchError as exc:
        return failure(source, exc)
    unchanged, body_hash, moved_to = unchanged_outcome(source, state, response, url)
    if unchanged is not None:
        return unchanged
    read = partial(read_feed, context, source, response, body_hash, moved_to, now)
    return read() if source.full_text else Unfinished(source, read)


def read_feed(
    context: FetchContext,
    source: SourceConfig,
    response: Response,
    body_hash: str,
    moved_to: str | None,
    now: datetime,
) -> SourceOutcome:
    """Parse a downloaded feed into articles (completing teasers for full_text sources)."""
    try:
        parsed = parse_feed(response.body, response.url, response.headers)
    except FetchError as exc:
        outcome = failure(source, exc)
        outcome.http_status = response.status
        outcome.moved_to = moved_to
        return outcome
    articles = articles_from_entries(
        parsed.entries, source_url=source.url, company=source.company, fetched_at=now
    )
    entries = "1 entry" if len(articles) == 1 else f"{len(articles)} entries"
    note = f"malformed feed, recovered {entries}: {parsed.bozo_reason}" if parsed.bozo else None
    problems: list[str] = []
    if source.full_text:
        problems = complete_teasers(context, source, articles, now)
        if problems:
            extra = f"{len(problems)} article page(s) not read: {problems[0]}"
            note = f"{note}; {extra}" if note else extra
    return SourceOutcome(
        source,
        UPDATED,
        http_status=response.status,
        articles=articles,
        items_seen=len(parsed.entries),
        # A teaser whose page could not be read is retried next run, so keep no validators then.
        etag=None if problems else response.etag,
        last_modified=None if problems else response.last_modified,
        body_hash=None if problems else body_hash,
        moved_to=moved_to,
        title=parsed.title,
        bozo=parsed.bozo,
        note=note,
    )




def complete_teasers(
    context: FetchContext, source: SourceConfig, articles: list[Article], now: datetime
) -> list[str]:
    """Replace teaser bodies of new articles by the text of their pages; return the problems."""
    from tidings.errors import ExtractionError
    from tidings.extract import extract_page

    known = context.known_urls.get(source.url, set())
    problems: list[str] = []
    budget = source.max_new
    for index, article in enumerate(articles):
        if budget <= 0:
            break
        if article.url in known or article.canonical_url in known:
            continue
        if len(article.body) >= TEASER_CHARS or not article.url.startswith(("http://", "https://")):
            continue
        budget -= 1
        try:
            response = context.pages.get(article.url)
            page = extract_page(response.body, response.url, response.headers, now=now)
        except (FetchError, ExtractionError) as exc:
            problems.append(f"{article.url}: {exc}")
            continue
        if len(page.text) > len(article.body):
            articles[index] = replace(
                article,
                body=page.text,
                content_hash=content_hash(article.title, article.summary, page.text, article.url),
            )
    return problems
