"""Feed entries and extracted pages become Article records: identity, plain text, UTC dates."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from tidings.models import Article, ExtractedPage, FeedEntry
from tidings.urls import canonicalize_url, looks_like_url, stable_id

EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)
FUTURE_SLACK = timedelta(days=1)  # feeds in far-ahead time zones stamp "tomorrow" legitimately
SUMMARY_CHARS = 600


def article_key(guid: str | None, link: str | None, source_url: str, fallback: str) -> str:
    """The identity of an entry: GUID, else canonical URL, else a hash of its content.

    URL-like GUIDs are canonicalised so the same story reached as GUID in one feed and as a
    plain link in another is one row; opaque GUIDs ("1234") are only unique within their feed.
    """
    guid = (guid or "").strip()
    if guid:
        if looks_like_url(guid):
            return "url:" + canonicalize_url(guid)
        return f"guid:{source_url}|{guid}"
    if link and looks_like_url(link):
        return "url:" + canonicalize_url(link)
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
    link = (entry.link or "").strip()
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
        publisher=entry.source_name,
        extra={"publisher_url": entry.source_url} if entry.source_url else {},
    )


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
