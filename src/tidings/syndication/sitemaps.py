"""XML sitemaps (and Google News sitemaps): the article URLs a site lists, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from tidings.syndication.feed_dates import parse_date


@dataclass(frozen=True)
class SitemapEntry:
    url: str
    modified: datetime | None
    title: str | None = None  # news:title in news sitemaps
    is_index: bool = False  # the entry is itself a sitemap


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True
    )


def is_sitemap(body: bytes) -> bool:
    head = body[:1024].lstrip().lower()
    return b"<urlset" in head or b"<sitemapindex" in head


def parse_sitemap(body: bytes) -> list[SitemapEntry]:
    """Entries of a urlset or sitemapindex, newest first where dates are given."""
    try:
        root = etree.fromstring(body, _parser())
    except etree.XMLSyntaxError:
        return []
    if root is None:
        return []
    is_index = etree.QName(root).localname == "sitemapindex"
    entries: list[SitemapEntry] = []
    for node in root:
        if not isinstance(node.tag, str):
            continue
        loc = None
        modified = None
        title = None
        for child in node.iter():
            if not isinstance(child.tag, str):
                continue
            name = etree.QName(child).localname
            text = (child.text or "").strip()
            if name == "loc" and loc is None:
                loc = text
            elif name in ("publication_date", "lastmod") and text:
                modified = modified or parse_date(text)
            elif name == "title" and text:
                title = text
        if loc and loc.startswith(("http://", "https://")):
            entries.append(SitemapEntry(loc, modified, title, is_index))
    dated = sorted((e for e in entries if e.modified), key=lambda e: e.modified, reverse=True)
    undated = [e for e in entries if not e.modified]
    return dated + undated
