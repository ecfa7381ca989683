"""Plain records passed between pipeline stages. Each stage takes and returns these."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class SourceConfig:
    """One configured source of news for a company (from feeds/*.toml)."""

    url: str
    company: str  # company slug
    kind: str = "feed"  # feed | page | search
    name: str | None = None
    link_selector: str | None = None  # page sources: CSS selector for article links
    link_pattern: str | None = None  # page sources: regex an article URL must match
    full_text: bool = False  # feed sources: complete teaser entries from the article page
    max_new: int = 30  # page sources: cap on new articles per run
    # feed and page sources: every item is the company's own post (True), never is (False), or
    # as its URL says (None: tidings.analysis.ingest.own_source_urls)
    own: bool | None = None


@dataclass(frozen=True)
class Company:
    """A tracked company as configured by the user."""

    slug: str
    name: str
    role: str = "target"  # target | competitor
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    tickers: tuple[str, ...] = ()
    competitors: tuple[str, ...] = ()  # slugs of other tracked companies
    context: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()  # names that need context even if not common words
    news: bool = False
    sources: tuple[SourceConfig, ...] = ()
    file: str | None = None  # the TOML file it came from

    @property
    def names(self) -> tuple[str, ...]:
        """The name followed by every alias, without duplicates."""
        seen: dict[str, None] = {self.name: None}
        for alias in self.aliases:
            seen.setdefault(alias, None)
        return tuple(seen)


@dataclass(frozen=True)
class FeedEntry:
    """One item of a parsed feed, already normalised to plain text and UTC."""

    title: str
    link: str | None
    guid: str | None = None
    summary: str = ""  # plain text
    content: str = ""  # plain text of the full content when the feed carries it
    published: datetime | None = None  # timezone-aware UTC
    updated: datetime | None = None
    author: str | None = None
    source_name: str | None = None  # the original publisher, for aggregator feeds
    source_url: str | None = None


@dataclass(frozen=True)
class ParsedFeed:
    """The result of parsing one feed document."""

    title: str | None
    link: str | None
    entries: list[FeedEntry]
    format: str  # rss, atom, json, rdf, unknown
    bozo: bool = False  # the document was malformed; entries are what could be recovered
    bozo_reason: str | None = None
    parser: str = "feedparser"  # which path parsed it: "fast" or "feedparser"


@dataclass(frozen=True)
class ExtractedPage:
    """What tidings reads off one article web page."""

    url: str
    canonical_url: str | None
    title: str | None
    published: datetime | None  # timezone-aware, in the page's own offset when it states one
    text: str
    site_name: str | None = None
    description: str | None = None
    lang: str | None = None
    # Where the date was read: jsonld, meta, time, label, dateline, htmldate, url, url-month,
    # modified, text (a date-classed element) or body (a dateline opening the text).
    published_from: str | None = None


@dataclass
class Article:
    """An article as stored: one row of the articles table."""

    id: str
    url: str
    canonical_url: str
    title: str
    summary: str
    body: str
    published_at: datetime
    published_is_estimate: bool
    fetched_at: datetime
    source_url: str
    company: str
    guid: str | None = None
    content_hash: str = ""
    author: str | None = None
    publisher: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
