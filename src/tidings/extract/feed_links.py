"""Find the feeds a web page advertises: <link rel="alternate"> and obvious links to feeds."""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

from tidings.errors import ExtractionError
from tidings.extract.links import clean_url

logger = logging.getLogger(__name__)

_FEED_TYPES = {
    "application/rss+xml": "rss",
    "application/rdf+xml": "rss",
    "application/atom+xml": "atom",
    "application/feed+json": "json",
    "application/json": "json",
    "application/x.atom+xml": "atom",
    "application/x-atom+xml": "atom",
    "application/x-rss+xml": "rss",
    "text/xml": "rss",
    "application/xml": "rss",
    "text/rss+xml": "rss",
}
_FEED_URL = re.compile(
    r"(?:/(?:feed|feeds|rss|atom)(?:/(?:rss2?|atom|json)?)?/?$|\.(?:rss|atom|rdf)$|"
    r"[/.-](?:rss|atom|feed)\.(?:xml|json)$|/feed\.json$|[?&](?:feed|format)=(?:rss2?|atom|json)"
    r"(?:&|$))",
    re.I,
)
_FEED_TEXT = re.compile(r"^\W*(?:rss|atom|json feed|feed|rss feed|subscribe via rss)\W*$", re.I)
_COMMENTS = re.compile(r"comment", re.I)


def _kind_from_url(url: str) -> str:
    lowered = url.lower()
    if "atom" in lowered:
        return "atom"
    if lowered.endswith(".json") or "format=json" in lowered or "/json" in lowered:
        return "json"
    return "rss"


def find_feed_links(body: bytes, url: str) -> list[tuple[str, str, str | None]]:
    """(absolute URL, kind rss|atom|json, title) of the feeds a page links to, best first.

    Declared feeds (<link rel="alternate" type=...>) come first in page order, then <a> links
    whose URL or text is plainly a feed; comment feeds go last.
    """
    from tidings.extract.page import parse_html

    try:
        tree = parse_html(body)
    except ExtractionError:
        return []
    base_el = tree.find(".//base[@href]")
    base = clean_url(base_el.get("href") or "", url) if base_el is not None else None
    base = base or url
    found: dict[str, tuple[str, str, str | None]] = {}
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind_type = (link.get("type") or "").split(";")[0].strip().lower()
        if not ({"alternate", "feed"} & set(rel)) or "stylesheet" in rel:
            continue
        if kind_type and kind_type not in _FEED_TYPES:
            continue
        href = clean_url(link.get("href") or "", base)
        if not href:
            continue
        if not kind_type and "feed" not in rel:
            continue
        kind = _FEED_TYPES.get(kind_type) or _kind_from_url(href)
        if kind_type in ("application/json", "text/xml", "application/xml") and not _FEED_URL.search(
            href
        ) and "feed" not in href.lower():
            # Plain JSON/XML alternates are often oEmbed or API documents, not feeds.
            continue
        title = (link.get("title") or "").strip() or None
        found.setdefault(href, (href, kind, title))
    for anchor in tree.iter("a"):
        href = clean_url(anchor.get("href") or "", base)
        if not href or href in found:
            continue
        text = re.sub(r"\s+", " ", anchor.text_content()).strip()
        path = urlsplit(href).path + ("?" + urlsplit(href).query if urlsplit(href).query else "")
        if _FEED_URL.search(path) or (text and _FEED_TEXT.match(text) and re.search(
            r"rss|atom|feed|xml", href, re.I
        )):
            found[href] = (href, _kind_from_url(href), text or None)
    feeds = list(found.values())
    return sorted(feeds, key=lambda f: bool(_COMMENTS.search(f"{f[0]} {f[2] or ''}")))
