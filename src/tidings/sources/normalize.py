"""Feed entries and extracted pages become Article records: identity, plain text, UTC dates."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from tidings.models import Article, ExtractedPage, FeedEntry
from tidings.urls import (
    canonicalize_url,
    host_of,
    identity_fragment,
    looks_like_url,
    stable_id,
    unwrap_redirect,
)

EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)
FUTURE_SLACK = timedelta(days=1)  # feeds in far-ahead time zones stamp "tomorrow" legitimately
SUMMARY_CHARS = 600


def _url_key(url: str) -> str:
    """The canonical URL, plus the fragment when it names one item of the page (an entry of a
    link blog or a changelog), so such entries stay apart while tracking variants merge."""
    key = "url:" + canonicalize_url(url)
    fragment = identity_fragment(url)
    return f"{key}#{fragment}" if fragment else key


def article_key(guid: str | None, link: str | None, source_url: str, fallback: str) -> str:
    """The identity of an entry: GUID, else canonical URL, else a hash of its content.

    URL-like GUIDs are canonicalised so the same story reached as GUID in one feed and as a
    plain link in another is one row; opaque GUIDs ("1234") are only unique within their feed.
    """
    guid = (guid or "").strip()
    if guid:
        if looks_like_url(guid):
            return _url_key(guid)
        return f"guid:{source_url}|{guid}"
    if link and looks_like_url(link):
        return _url_key(link)
    return f"hash:{source_url}|{fallback}"


def content_hash(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:20]


def sane_date(value: datetime | None, now: datetime) -> datetime | None:
    """A date we believe: not before 1995, not in the future (beyond a day of time-zone slack)."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    value = value.astimezone(UTC)
    if value < EARLIEST or value > now + FUTURE_SLACK:
        return None
    return min(value, now)


def _summary(summary: str, content: str) -> str:
    text = summary.strip() or content.strip()
    if len(text) <= SUMMARY_CHARS:
        return text
    cut = text.rfind(" ", 0, SUMMARY_CHARS)
    return text[: cut if cut > SUMMARY_CHARS // 2 else SUMMARY_CHARS].rstrip(" ,.;:") + "…"


def _without_publisher(title: str, publisher: str | None) -> str:
    """News-search feeds end every title with its publisher ("Acme raises $40M - TechCrunch");
    the publisher is kept in its own field, so the headline reads as the outlet wrote it."""
    if publisher:
        for dash in (" - ", " – ", " — ", " | "):
            suffix = dash + publisher.strip()
            if title.endswith(suffix) and len(title) > len(suffix) + 10:
                return title[: -len(suffix)].rstrip()
    return title


def article_from_entry(
    entry: FeedEntry, *, source_url: str, company: str, fetched_at: datetime
) -> Article | None:
    """Turn one feed entry into an Article, or None when it has neither title nor link."""
    title = _without_publisher(entry.title.strip(), entry.source_name)
    # A Google Alert's item links to google.com/url?url=<the story>: the story's own address is
    # what a point cites, and it is the same story reached from another feed.
    raw_link = (entry.link or "").strip()
    link = unwrap_redirect(raw_link)
    # Such a feed names no outlet: the story's site is where the user read it, not "Google Alert".
    publisher = entry.source_name
    if publisher is None and link != raw_link:
        publisher = host_of(link).removeprefix("www.") or None
    if not title and not link:
        return None
    if not title:
        title = _summary(entry.summary, entry.content)[:120] or link
    published = sane_date(entry.published, fetched_at) or sane_date(entry.updated, fetched_at)
    key = article_key(entry.guid, link, source_url, title + "\x1f" + entry.summary)
    url = link or (entry.guid if entry.guid and looks_like_url(entry.guid) else source_url)
    body = entry.content.strip()
    summary = _summary(entry.summary, body)
    return Article(
        id=stable_id(key),
        url=url,
        canonical_url=canonicalize_url(url),
        title=title,
        summary=summary,
        body=body,
        published_at=published or fetched_at,
        published_is_estimate=published is None,
        fetched_at=fetched_at,
        source_url=source_url,
        company=company,
        guid=entry.guid,
        content_hash=content_hash(title, summary, body, link),
        author=entry.author,
        publisher=publisher,
        extra={"publisher_url": entry.source_url} if entry.source_url else {},
    )


def articles_from_entries(
    entries: Sequence[FeedEntry], *, source_url: str, company: str, fetched_at: datetime
) -> list[Article]:
    """The articles of one feed document. Entries that share an identity (a GUID a publisher
    reused) yet carry different titles are different posts: the oldest keeps the identity, so
    what was stored before keeps its row, and each other one gets an identity of its own title.
    Entries that repeat the same post (same identity, same title) stay one article."""
    articles = [
        a
        for a in (
            article_from_entry(e, source_url=source_url, company=company, fetched_at=fetched_at)
            for e in entries
        )
        if a is not None
    ]
    groups: dict[str, list[int]] = {}
    for index, article in enumerate(articles):
        groups.setdefault(article.id, []).append(index)
    for indexes in groups.values():
        if len(indexes) < 2 or len({articles[i].title for i in indexes}) < 2:
            continue
        # Feeds list newest first: among equal dates, the later in the document is the older.
        indexes.sort(key=lambda i: (articles[i].published_at, -i))
        kept = articles[indexes[0]].title
        for i in indexes[1:]:
            if articles[i].title != kept:
                articles[i] = replace(articles[i], id=stable_id(articles[i].id, "title", articles[i].title))
    return articles


def article_from_page(
    page: ExtractedPage, *, source_url: str, company: str, fetched_at: datetime
) -> Article:
    """Turn an extracted article page into an Article keyed by its canonical URL."""
    url = page.canonical_url or page.url
    published = sane_date(page.published, fetched_at)
    title = (page.title or "").strip() or url
    summary = _summary(page.description or "", page.text)
    return Article(
        id=stable_id("url:" + canonicalize_url(url)),
        url=page.url,
        canonical_url=canonicalize_url(url),
        title=title,
        summary=summary,
        body=page.text,
        published_at=published or fetched_at,
        published_is_estimate=published is None,
        fetched_at=fetched_at,
        source_url=source_url,
        company=company,
        content_hash=content_hash(title, summary, page.text, url),
        publisher=page.site_name,
    )
