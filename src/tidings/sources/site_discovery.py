"""Finding where a site publishes news: advertised feeds, well-known paths, sitemaps.

`discover` lists every candidate with its kind, title and item count; `resolve_source_kind`
decides what `tidings source add --kind auto` stores.
"""

from __future__ import annotations

import logging
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html import unescape
from urllib.parse import urljoin, urlsplit

from tidings.errors import FetchError, TidingsError
from tidings.extract import find_article_links, find_feed_links
from tidings.network.http_client import HttpClient, Response
from tidings.network.robots import RobotsCache
from tidings.syndication.feed_parser import looks_like_feed, parse_feed
from tidings.syndication.sitemaps import is_sitemap, parse_sitemap

log = logging.getLogger(__name__)

FEED_PATHS = ("/feed", "/rss", "/rss.xml", "/atom.xml", "/index.xml", "/feed.xml", "/feed.json")
NEWSROOM_PATHS = ("/news", "/press", "/newsroom", "/press-releases", "/blog")


class DiscoveryError(TidingsError):
    """The URL could not be examined at all."""


class SourceRefused(DiscoveryError):
    """`source add` would add a URL that gives no news: unreachable, an error, or no feed and
    no article links. `--force` adds it anyway."""


@dataclass(frozen=True)
class Candidate:
    url: str
    kind: str  # feed | page | sitemap
    format: str | None  # rss, atom, json for feeds; "news" or "sitemap" for sitemaps
    title: str | None
    items: int
    found_by: str  # "the page itself", "<link rel=alternate>", "well-known path", "robots.txt"


@dataclass(frozen=True)
class SourceChoice:
    kind: str
    url: str
    title: str | None
    reason: str
    links: int | None = None  # page sources: article links on the page now



def _items(n: int) -> str:
    return f"{n} item" if n == 1 else f"{n} items"

def _get(client: HttpClient, url: str) -> Response | None:
    return _get_or_why(client, url)[0]


def _get_or_why(client: HttpClient, url: str) -> tuple[Response | None, str | None]:
    """The response, or None and why the request failed."""
    try:
        return client.get(url), None
    except FetchError as exc:
        log.debug("discovery: %s: %s", url, exc)
        return None, str(exc)


def _as_feed(response: Response, found_by: str) -> Candidate | None:
    content_type = response.headers.get("content-type")
    if not looks_like_feed(response.body, content_type):
        return None
    try:
        parsed = parse_feed(response.body, response.url, response.headers)
    except FetchError:
        return None
    return Candidate(response.url, "feed", parsed.format, parsed.title, len(parsed.entries), found_by)


def _as_sitemap(response: Response, found_by: str) -> Candidate | None:
    if not is_sitemap(response.body):
        return None
    entries = parse_sitemap(response.body)
    news = b"sitemap-news" in response.body[:2048] or b"news:news" in response.body
    return Candidate(
        response.url, "sitemap", "news" if news else "sitemap", None, len(entries), found_by
    )


def _page_title(body: bytes) -> str | None:
    match = re.search(rb"<title[^>]*>(.*?)</title>", body[:65536], re.I | re.S)
    if not match:
        return None
    return unescape(match.group(1).decode("utf-8", "replace")).strip() or None


def discover(url: str, client: HttpClient | None = None, *, probe_paths: bool = True) -> list[Candidate]:
    """Every feed, newsroom page and sitemap we can find for the site of `url`, best first."""
    return discover_with_misses(url, client, probe_paths=probe_paths)[0]


def discover_with_misses(
    url: str, client: HttpClient | None = None, *, probe_paths: bool = True
) -> tuple[list[Candidate], list[tuple[str, str]]]:
    """:func:`discover`, and the feeds the page advertises that gave no feed, each with what
    they gave ("HTTP 404", "an HTML page"): "no feed" would hide that the site has one, broken."""
    owned = client is None
    client = client or HttpClient(max_workers=8, total_timeout=20)
    misses: list[tuple[str, str]] = []
    try:
        return _discover(url, client, probe_paths, misses), misses
    finally:
        if owned:
            client.close()


def _discover(
    url: str, client: HttpClient, probe_paths: bool, misses: list[tuple[str, str]]
) -> list[Candidate]:
    try:
        first = client.get(url)
    except FetchError as exc:
        raise DiscoveryError(f"cannot examine {url}: {exc}") from None
    candidates: list[Candidate] = []
    seen: set[str] = set()

    def add(candidate: Candidate | None) -> None:
        if candidate is not None and candidate.url not in seen:
            seen.add(candidate.url)
            candidates.append(candidate)

    itself = _as_feed(first, "the URL itself") or _as_sitemap(first, "the URL itself")
    if itself is not None:
        add(itself)
        return candidates
    advertised = find_feed_links(first.body, first.url)
    links = find_article_links(first.body, first.url)
    if links:
        add(Candidate(first.url, "page", None, _page_title(first.body), len(links), "the URL itself"))
    parts = urlsplit(first.url)
    origin = f"{parts.scheme}://{parts.netloc}"
    probes = [(feed_url, "<link rel=alternate>") for feed_url, _, _ in advertised]
    if probe_paths and parts.scheme in ("http", "https"):
        probes += [(urljoin(origin, path), "well-known path") for path in FEED_PATHS + NEWSROOM_PATHS]
        robots = RobotsCache(client).rules_for(first.url)
        sitemap_urls = list(robots.sitemaps) if robots else []
        # News sitemaps first: they list recent articles with dates.
        sitemap_urls.sort(key=lambda u: 0 if "news" in u.lower() else 1)
        probes += [(u, "robots.txt") for u in sitemap_urls[:5]]
    with ThreadPoolExecutor(max_workers=4) as pool:
        responses = list(pool.map(lambda p: (_get_or_why(client, p[0]), p[1]), probes))
    for (probe_url, _), ((response, why), found_by) in zip(probes, responses, strict=True):
        if response is None or response.status != 200:
            if found_by == "<link rel=alternate>":
                misses.append((probe_url, why or f"HTTP {response.status}"))
            continue
        feed = _as_feed(response, found_by)
        if feed is not None:
            add(feed)
            continue
        if found_by == "<link rel=alternate>":
            misses.append((probe_url, "no readable feed"))
        sitemap = _as_sitemap(response, found_by)
        if sitemap is not None:
            add(sitemap)
            continue
        if found_by == "well-known path" and response.url.rstrip("/") != first.url.rstrip("/"):
            page_links = find_article_links(response.body, response.url)
            if len(page_links) >= 3:
                add(Candidate(response.url, "page", None, _page_title(response.body),
                              len(page_links), found_by))
    order = {"feed": 0, "sitemap": 1, "page": 2}
    candidates.sort(key=lambda c: (order[c.kind], c.found_by == "well-known path", -c.items))
    return candidates


def _first_response(client: HttpClient, url: str) -> Response:
    try:
        return client.get(url)
    except FetchError as exc:
        # 404, 5xx, no such host, refused connection, robots.txt: one line saying which.
        raise SourceRefused(f"cannot add {url}: {exc}") from None


def check_source(
    url: str,
    kind: str,
    *,
    link_selector: str | None = None,
    link_pattern: str | None = None,
    client: HttpClient | None = None,
) -> SourceChoice:
    """What `source add` adds: with kind "auto" the kind is decided (see resolve_source_kind);
    a feed or search source must be a feed, a page source a sitemap or a page with article
    links. Raises SourceRefused with the reason otherwise."""
    owned = client is None
    client = client or HttpClient(max_workers=4, total_timeout=20)
    try:
        if kind == "auto":
            choice = resolve_source_kind(url, client)
            if choice.kind == "page" and choice.links == 0:
                raise SourceRefused(
                    f"cannot add {url}: neither a feed nor a page with article links "
                    "(`tidings discover URL` lists what the site offers)"
                )
            return choice
        response = _first_response(client, url)
        if kind in ("feed", "search"):
            feed = _as_feed(response, "the URL itself")
            if feed is None:
                raise SourceRefused(
                    f"cannot add {url} as a {kind}: it is not a feed "
                    f"({response.headers.get('content-type') or 'no content type'}); "
                    "--kind auto finds the feed a page links to"
                )
            return SourceChoice(kind, url, feed.title, f"{url} is a feed ({_items(feed.items)})")
        if is_sitemap(response.body):
            return SourceChoice("page", url, None, f"{url} is a sitemap: its article links will be read")
        try:
            links = find_article_links(
                response.body, response.url, selector=link_selector, pattern=link_pattern
            )
        except ValueError as exc:  # an invalid CSS selector
            raise SourceRefused(f"cannot add {url}: {exc}") from None
        if not links:
            raise SourceRefused(
                f"cannot add {url} as a page: no article links on it "
                "(set --link-selector or --link-pattern, or see `tidings discover URL`)"
            )
        reason = f"{url} is a page ({len(links)} article links on it now)"
        return SourceChoice("page", url, _page_title(response.body), reason, links=len(links))
    finally:
        if owned:
            client.close()


def resolve_source_kind(url: str, client: HttpClient | None = None) -> SourceChoice:
    """A feed URL stays a feed; a page advertising a feed becomes that feed; else a page."""
    owned = client is None
    client = client or HttpClient(max_workers=4, total_timeout=20)
    try:
        response = _first_response(client, url)
        feed = _as_feed(response, "the URL itself")
        if feed is not None:
            return SourceChoice("feed", url, feed.title, f"{url} is a feed ({_items(feed.items)})")
        if is_sitemap(response.body):
            return SourceChoice(
                "page", url, None, f"{url} is a sitemap: its article links will be read", links=None
            )
        for feed_url, _, title in find_feed_links(response.body, response.url):
            feed_response = _get(client, feed_url)
            if feed_response is None:
                continue
            advertised = _as_feed(feed_response, "<link rel=alternate>")
            if advertised is not None:
                return SourceChoice(
                    "feed",
                    feed_url,
                    advertised.title or title,
                    f"the page advertises a feed: using {feed_url} ({_items(advertised.items)})",
                )
        links = find_article_links(response.body, response.url)
        return SourceChoice(
            "page",
            url,
            _page_title(response.body),
            f"no feed found: {url} becomes a page source ({len(links)} article links on it now)",
            links=len(links),
        )
    finally:
        if owned:
            client.close()
