"""Feed documents (RSS, RDF, Atom, JSON Feed) to ParsedFeed records.

Two paths. Feeds that parse strictly as XML, in an encoding we are sure of, and whose root is
RSS 0.9x/2.0, RSS 1.0 (RDF) or Atom 1.0 take the fast path: lxml with a hardened parser, walking
the elements directly. Everything else (not well-formed, a DOCTYPE, UTF-16, an HTTP charset that
contradicts the prolog, Atom 0.3, unknown roots) goes to feedparser, which is ~10x slower but
recovers what it can from broken documents. Strictness decides the path because lenient fast
parsers silently lose text on malformed input. JSON Feed (which feedparser does not read) is
parsed with the json module.

Both paths end in the same normalisation (_build_entry), so titles, links and dates agree
whichever path a feed took; tests/test_feed_corpus.py checks that over the corpus.
"""

from __future__ import annotations

import codecs
import io
import json
import logging
import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree

from tidings.errors import FetchError
from tidings.models import FeedEntry, ParsedFeed
from tidings.syndication.feed_dates import to_utc
from tidings.text import html_to_text, normalize_space, truncate

__all__ = ["looks_like_feed", "parse_feed"]

logger = logging.getLogger(__name__)

NS_ATOM = "http://www.w3.org/2005/Atom"
NS_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
NS_RSS10 = "http://purl.org/rss/1.0/"
NS_RSS090 = "http://my.netscape.com/rdf/simple/0.9/"
NS_CONTENT = "http://purl.org/rss/1.0/modules/content/"
NS_DC = "http://purl.org/dc/elements/1.1/"
NS_DCTERMS = "http://purl.org/dc/terms/"
NS_MEDIA = "http://search.yahoo.com/mrss/"
NS_ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
NS_XHTML = "http://www.w3.org/1999/xhtml"
# FeedBurner serves a publisher's items under its own proxy links (feedproxy.google.com/~r/...)
# and keeps the publisher's in feedburner:origLink: that one names the story and its site.
NS_FEEDBURNER = "http://rssnamespace.org/feedburner/ext/1.0"
T_ORIG_LINK = f"{{{NS_FEEDBURNER}}}origLink"

# When an entry has no summary, this much of its content stands in for one.
SUMMARY_FALLBACK_CHARS = 500

_SAFE_SCHEMES = frozenset({"http", "https", "ftp", "ftps", "gopher", "news", "nntp", "feed"})
# Multi-byte-unit encodings go to feedparser, whose charset rules (HTTP header vs prolog vs BOM)
# are the reference; libxml2 decodes the rest as declared (the corpus test checks they agree).
_SLOW_ENCODING_PREFIXES = ("utf-16", "utf-32", "utf-7")
_XML_DECL_RE = re.compile(rb"^<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']")
_CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?([^\s;\"']+)", re.IGNORECASE)
# An entity whose value refers to another entity: the shape of "billion laughs" attacks. Real
# feeds declare at most a few flat character entities, which are left to the parsers.
_NESTED_ENTITY_RE = re.compile(r"<!ENTITY\s+%?\s*[\w.-]+\s+(?:\"[^\"]*&[\w.-]+;|'[^']*&[\w.-]+;)")

# The first element of a document, after prolog, comments, PIs and a DOCTYPE.
_FIRST_ELEMENT_RE = re.compile(
    r"^\s*(?:(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)\s*)*<([A-Za-z_][\w:.-]*)",
    re.DOTALL | re.IGNORECASE,
)
# Some broken generators wrap a whole feed in an HTML page; feedparser still reads those.
_EMBEDDED_FEED_RE = re.compile(rb"<(?:feed|rss|rdf:RDF|channel)[\s>]", re.IGNORECASE)
_FEED_ROOTS = frozenset({"rss", "feed", "rdf:rdf", "rdf", "channel"})
# Close tags or entity references are what make feedparser treat an RSS title as HTML.
_LOOKS_HTML_RE = re.compile(r"</\w+>|&#?\w+;")
# An entity reference still in the text once HTML entities were decoded: one the broken
# document never defined ("&bogus;").
_UNRESOLVED_ENTITY_RE = re.compile(r"&[A-Za-z][A-Za-z0-9]*;")


class _Unsure(Exception):
    """The fast path declines this document; feedparser takes it."""


# --------------------------------------------------------------------------- public API


def looks_like_feed(body: bytes, content_type: str | None) -> bool:
    """Cheap sniff: does this response look like a feed (RSS/RDF/Atom/JSON Feed)?"""
    ctype = (content_type or "").split(";")[0].strip().lower()
    if ctype in ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
                 "application/feed+json"):
        return True
    if not body:
        return False
    head = _head_text(body)
    stripped = head.lstrip()
    if stripped.startswith("{"):
        return "jsonfeed.org/version" in head
    root = _first_element(head)
    if root is None:
        return False
    return root.lower() in _FEED_ROOTS or root.lower().endswith(":rss")


def parse_feed(body: bytes, url: str, headers: Mapping[str, str] | None = None) -> ParsedFeed:
    """Parse a fetched feed document into a ParsedFeed.

    ``url`` is the final URL (after redirects): relative links resolve against it (and xml:base).
    ``headers`` are the HTTP response headers; their charset matters for decoding.
    Raises FetchError when the document is not a feed (HTML page, empty body, garbage) or nothing
    usable could be recovered from it.
    """
    if not body or not body.strip(b" \t\r\n\x00\xef\xbb\xbf\xfe\xff"):
        raise FetchError(f"empty response body from {url}")
    hdrs = {str(k).lower(): str(v) for k, v in (headers or {}).items()}
    head = _head_text(body)
    if head.lstrip().startswith(("{", "[")):
        return _parse_json_feed(body, url)
    if _NESTED_ENTITY_RE.search(head):
        raise FetchError(
            f"refused {url}: its DOCTYPE declares nested XML entities (an entity-expansion bomb)"
        )
    root = _first_element(head)
    if root is not None and root.lower() == "html" and not _EMBEDDED_FEED_RE.search(body):
        raise FetchError(f"not a feed: {url} returned an HTML page")
    try:
        return _parse_fast(body, url, hdrs)
    except _Unsure as exc:
        logger.debug("fast path declined %s: %s", url, exc)
    return _parse_with_feedparser(body, url, hdrs)


# --------------------------------------------------------------------------- shared helpers


def _head_text(body: bytes, size: int = 2048) -> str:
    """The start of the document as text, good enough to find the first element."""
    chunk = body[:size]
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                     (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                     (codecs.BOM_UTF16_BE, "utf-16-be")):
        if chunk.startswith(bom):
            return chunk[len(bom):].decode(enc, "ignore")
    if chunk[:4] == b"\x00\x00\x00<":
        return chunk.decode("utf-32-be", "ignore")
    if chunk[:4] == b"<\x00\x00\x00":
        return chunk.decode("utf-32-le", "ignore")
    if chunk[:2] == b"\x00<":
        return chunk.decode("utf-16-be", "ignore")
    if chunk[:2] == b"<\x00":
        return chunk.decode("utf-16-le", "ignore")
    # Latin-1 never fails and keeps ASCII markup intact, which is all the sniff needs.
    return chunk.decode("latin-1")


def _first_element(head: str) -> str | None:
    m = _FIRST_ELEMENT_RE.match(head)
    return m.group(1) if m else None


def _clean_link(base: str | None, href: str | None) -> str | None:
    """Resolve a link against its base; drop it unless it is a web (or similar) URL."""
    if not href:
        return None
    href = href.strip()
    if not href:
        return None
    if href.startswith(("https://", "http://")) and not any(c in href for c in "[] ") and "/." not in href:
        return href  # already absolute: the common case, and urljoin would return it unchanged
    try:
        absolute = urljoin(base or "", href)
        scheme = urlsplit(absolute).scheme.lower()
    except ValueError:
        return None
    if scheme not in _SAFE_SCHEMES:
        return None
    return absolute


def _plain(value: str | None) -> str:
    return normalize_space(value) if value else ""


def _maybe_html(value: str | None) -> str:
    """RSS leaves the type of a title open: decode it as HTML only when it looks like HTML."""
    if not value:
        return ""
    if "<" in value or "&" in value:
        if _LOOKS_HTML_RE.search(value):
            return html_to_text(value)
    return value


def _build_entry(
    *,
    title: str,
    link: str | None,
    guid: str | None,
    summary: str,
    content: str,
    published: object,
    updated: object,
    author: str | None,
    source_name: str | None = None,
    source_url: str | None = None,
) -> FeedEntry:
    """The one normalisation both paths share: title on one line, dates in UTC, fallbacks."""
    pub = to_utc(published)
    upd = to_utc(updated)
    summary = summary.strip()
    content = content.strip()
    if not summary and content:
        summary = truncate(normalize_space(content), SUMMARY_FALLBACK_CHARS)
    return FeedEntry(
        title=normalize_space(title),
        link=link,
        guid=(guid.strip() or None) if guid else None,
        summary=summary,
        content=content,
        # Many feeds carry only one date, and not always in the same element: published is the
        # best-known publication date, updated only what the feed says was an update.
        published=pub or upd,
        updated=upd,
        author=normalize_space(author) or None if author else None,
        source_name=normalize_space(source_name) or None if source_name else None,
        source_url=source_url or None,
    )


def _usable(entry: FeedEntry) -> bool:
    return bool(entry.title or entry.link or entry.summary)


# --------------------------------------------------------------------------- fast path

_local = threading.local()


def _xml_parser() -> etree.XMLParser:
    # lxml parsers are not safe to share between threads, and fetching runs concurrently.
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = etree.XMLParser(
            resolve_entities=False,  # an entity bomb must never expand
            no_network=True,
            huge_tree=False,
            load_dtd=False,
            recover=False,
            remove_comments=True,
            remove_pis=True,
            strip_cdata=True,
        )
        _local.parser = parser
    return parser


def _norm_encoding(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError as exc:
        raise _Unsure(f"unknown encoding {name!r}") from exc


def _fast_bytes(body: bytes, hdrs: Mapping[str, str]) -> bytes:
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in body[:4]:
        raise _Unsure("UTF-16/32 document")
    if body.startswith(codecs.BOM_UTF8):
        body = body[3:]
    # Whitespace before the XML declaration is a common server-side slip that only strict
    # parsers mind; dropping it changes no text.
    body = body.lstrip(b" \t\r\n")
    m = _XML_DECL_RE.match(body)
    declared = _norm_encoding(m.group(1).decode("ascii")) if m else "utf-8"
    if declared.startswith(_SLOW_ENCODING_PREFIXES):
        raise _Unsure(f"encoding {declared}")
    ctype = hdrs.get("content-type", "")
    cm = _CHARSET_RE.search(ctype)
    if cm and _norm_encoding(cm.group(1)) != declared:
        raise _Unsure("HTTP charset differs from the XML prolog")
    if not cm and ctype.lower().startswith("text/") and declared != "utf-8" and not body.isascii():
        # RFC 3023 defaults text/* to US-ASCII, and feedparser follows it.
        raise _Unsure("text/* content type without charset")
    return body


def _parse_fast(body: bytes, url: str, hdrs: Mapping[str, str]) -> ParsedFeed:
    data = _fast_bytes(body, hdrs)
    try:
        root = etree.fromstring(data, _xml_parser(), base_url=url or None)
    except etree.XMLSyntaxError as exc:
        raise _Unsure(f"not well-formed: {exc}") from exc
    except ValueError as exc:  # e.g. an encoding declaration lxml will not take
        raise _Unsure(str(exc)) from exc
    if root is None:
        raise _Unsure("no root element")
    if root.getroottree().docinfo.doctype:
        # Entity declarations and external DTDs are feedparser's business (it strips the
        # unsafe ones); we never expand them.
        raise _Unsure("document has a DOCTYPE")
    tag = root.tag
    if not isinstance(tag, str):
        raise _Unsure("odd root node")
    if tag == "rss":
        return _fast_rss(root, url)
    if tag == f"{{{NS_RDF}}}RDF":
        return _fast_rdf(root, url)
    if tag == f"{{{NS_ATOM}}}feed":
        return _fast_atom(root, url)
    raise _Unsure(f"root element {tag}")


def _inner_markup(el: Any) -> str:
    """An element's content as markup (text plus serialised children)."""
    text = el.text or ""
    if len(el) == 0:
        return text
    parts = [text]
    for child in el:
        if not isinstance(child.tag, str):
            raise _Unsure("entity or odd node inside text")
        parts.append(etree.tostring(child, encoding="unicode", with_tail=True))
    return "".join(parts)


def _rss_text(el: Any, html: bool) -> str:
    if len(el):
        # Unescaped markup inside an RSS element: read as HTML.
        return html_to_text(_inner_markup(el))
    text = el.text or ""
    return html_to_text(text) if html else _maybe_html(text)


_RSS_ALT_SUMMARY = frozenset({
    f"{{{NS_DC}}}description", f"{{{NS_ITUNES}}}summary", f"{{{NS_MEDIA}}}description",
    # Old podcast feeds spell the iTunes namespace with capitals.
    "{http://www.itunes.com/DTDs/Podcast-1.0.dtd}summary",
})
_RSS_ALT_CONTENT = frozenset({"body", "fullitem", f"{{{NS_XHTML}}}body"})


def _fast_rss_item(item: Any, url: str, ns: str) -> FeedEntry:
    title = summary = content = ""
    link: str | None = None
    guid: str | None = None
    guid_is_link = False
    published: str | None = None
    updated: str | None = None
    author: str | None = None
    source_name: str | None = None
    source_url: str | None = None
    # Fallbacks, used only when the core element is absent.
    dc_title = media_title = alt_summary = alt_content = ""
    orig_link: str | None = None
    t_title, t_link, t_desc = f"{ns}title", f"{ns}link", f"{ns}description"
    for child in item:
        tag = child.tag
        if not isinstance(tag, str):
            if isinstance(child, etree._Entity):
                raise _Unsure("unresolved entity")
            continue
        if tag == t_title:
            title = _rss_text(child, html=False)
        elif tag == t_link:
            if link is None:
                # Some generators write Atom-style <link href="..."/> inside RSS items.
                link = _clean_link(child.base or url, child.text or child.get("href"))
        elif tag == t_desc:
            summary = _rss_text(child, html=True)
        elif tag == "guid":
            guid = (child.text or "").strip() or None
            guid_is_link = (child.get("isPermaLink") or "true").strip().lower() == "true"
        elif tag == "pubDate":
            published = child.text
        elif tag == f"{{{NS_CONTENT}}}encoded":
            content = _rss_text(child, html=True)
        elif tag == f"{{{NS_DC}}}date" or tag == f"{{{NS_DCTERMS}}}modified":
            updated = updated or child.text
        elif tag == f"{{{NS_DCTERMS}}}issued" or tag == f"{{{NS_ATOM}}}published":
            published = published or child.text
        elif tag == f"{{{NS_ATOM}}}updated" or tag == "updated":
            updated = updated or child.text
        elif tag == "author" or tag == f"{{{NS_DC}}}creator":
            author = author or _plain(child.text)
        elif tag == f"{{{NS_DC}}}title":
            dc_title = _rss_text(child, html=False)
        elif tag == f"{{{NS_MEDIA}}}title":
            media_title = media_title or _rss_text(child, html=False)
        elif tag in _RSS_ALT_SUMMARY:
            alt_summary = alt_summary or _rss_text(child, html=True)
        elif tag in _RSS_ALT_CONTENT:
            alt_content = alt_content or _rss_text(child, html=True)
        elif tag == "source":
            source_name = _plain(child.text)
            source_url = _clean_link(child.base or url, child.get("url"))
        elif tag == f"{{{NS_ATOM}}}link":
            rel = child.get("rel") or "alternate"
            if link is None and rel == "alternate":
                link = _clean_link(child.base or url, child.get("href"))
        elif tag == T_ORIG_LINK:
            orig_link = orig_link or _clean_link(child.base or url, child.text)
    if orig_link:
        link = orig_link
    if link is None and guid and guid_is_link:
        link = _clean_link(item.base or url, guid)
    if ns and guid is None:
        guid = item.get(f"{{{NS_RDF}}}about")
    return _build_entry(
        title=title or dc_title or media_title,
        link=link,
        guid=guid,
        summary=summary or alt_summary,
        content=content or alt_content,
        published=published,
        updated=updated,
        author=author,
        source_name=source_name,
        source_url=source_url,
    )


def _channel_meta(channel: Any, url: str, ns: str) -> tuple[str | None, str | None]:
    title: str | None = None
    link: str | None = None
    for child in channel:
        if child.tag == f"{ns}title" and title is None:
            title = normalize_space(_rss_text(child, html=False)) or None
        elif child.tag == f"{ns}link" and link is None:
            link = _clean_link(child.base or url, child.text)
    return title, link


def _fast_rss(root: Any, url: str) -> ParsedFeed:
    channel = root.find("channel")
    if channel is None:
        raise _Unsure("rss without channel")
    items = channel.findall("item")
    if not items:
        # RSS 0.91 variants put items beside the channel rather than inside it.
        items = root.findall("item")
    title, link = _channel_meta(channel, url, "")
    entries = [_fast_rss_item(item, url, "") for item in items]
    return ParsedFeed(
        title=title, link=link, entries=[e for e in entries if _usable(e)],
        format="rss", parser="fast",
    )


def _fast_rdf(root: Any, url: str) -> ParsedFeed:
    for ns in (NS_RSS10, NS_RSS090):
        channel = root.find(f"{{{ns}}}channel")
        items = root.findall(f"{{{ns}}}item")
        if channel is not None or items:
            break
    else:
        raise _Unsure("RDF without an RSS channel")
    prefix = f"{{{ns}}}"
    title, link = _channel_meta(channel, url, prefix) if channel is not None else (None, None)
    if not items and channel is not None:
        items = channel.findall(f"{prefix}item")
    entries = [_fast_rss_item(item, url, prefix) for item in items]
    return ParsedFeed(
        title=title, link=link, entries=[e for e in entries if _usable(e)],
        format="rdf", parser="fast",
    )


def _atom_text(el: Any) -> str:
    kind = (el.get("type") or "text").strip().lower()
    if kind in ("xhtml", "application/xhtml+xml"):
        return html_to_text(_inner_markup(el))
    if len(el):
        raise _Unsure("markup inside a non-xhtml Atom text construct")
    text = el.text or ""
    if kind in ("html", "text/html"):
        return html_to_text(text)
    if kind in ("text", "text/plain"):
        return text
    if kind.startswith("text/") or kind.endswith("+xml") or kind.endswith("/xml"):
        return text
    # Other media types arrive base64-encoded; feedparser knows how to decode those.
    raise _Unsure(f"Atom text construct of type {kind}")


_HTML_TYPES = frozenset({"", "text/html", "application/xhtml+xml"})


def _atom_link(el: Any, url: str) -> str | None:
    """The alternate HTML link among an entry's (or feed's) atom:link children."""
    t_link = f"{{{NS_ATOM}}}link"
    fallback: str | None = None
    for child in el.iterchildren(t_link):
        rel = (child.get("rel") or "alternate").strip()
        if rel != "alternate" and rel != "http://www.iana.org/assignments/relation/alternate":
            continue
        href = _clean_link(child.base or url, child.get("href"))
        if href is None:
            continue
        if (child.get("type") or "").strip().lower() in _HTML_TYPES:
            return href
        fallback = fallback or href
    return fallback


def _fast_atom_entry(entry: Any, url: str) -> FeedEntry:
    a = f"{{{NS_ATOM}}}"
    title = summary = content = ""
    guid = published = updated = author = None
    source_name = source_url = orig_link = None
    for child in entry:
        tag = child.tag
        if not isinstance(tag, str):
            if isinstance(child, etree._Entity):
                raise _Unsure("unresolved entity")
            continue
        if tag == a + "title":
            title = _atom_text(child)
        elif tag == a + "summary":
            summary = _atom_text(child)
        elif tag == a + "content":
            if child.get("src") is None:
                content = _atom_text(child)
        elif tag == a + "id":
            guid = (child.text or "").strip() or None
        elif tag == a + "published":
            published = child.text
        elif tag == a + "updated":
            updated = child.text
        elif tag == a + "author" and author is None:
            name = child.find(a + "name")
            author = _plain(name.text) if name is not None else None
        elif tag == a + "source":
            st = child.find(a + "title")
            source_name = _plain(_atom_text(st)) if st is not None else None
            source_url = _atom_link(child, url)
        elif tag == f"{{{NS_DC}}}date" and updated is None:
            updated = child.text
        elif tag == T_ORIG_LINK and orig_link is None:
            orig_link = _clean_link(child.base or url, child.text)
    link = orig_link or _atom_link(entry, url)
    if link is None and guid and guid.startswith(("http://", "https://")):
        # Like feedparser: an entry whose only address is a web URL id is found there.
        link = _clean_link(url, guid)
    return _build_entry(
        title=title,
        link=link,
        guid=guid,
        summary=summary,
        content=content,
        published=published,
        updated=updated,
        author=author,
        source_name=source_name,
        source_url=source_url,
    )


def _fast_atom(root: Any, url: str) -> ParsedFeed:
    a = f"{{{NS_ATOM}}}"
    title_el = root.find(a + "title")
    title = normalize_space(_atom_text(title_el)) or None if title_el is not None else None
    entries = [_fast_atom_entry(e, url) for e in root.iterchildren(a + "entry")]
    return ParsedFeed(
        title=title, link=_atom_link(root, url), entries=[e for e in entries if _usable(e)],
        format="atom", parser="fast",
    )


# --------------------------------------------------------------------------- feedparser path


def _fp_text(detail: Any, value: Any) -> str:
    if not value:
        return ""
    kind = (detail or {}).get("type", "text/html") if isinstance(detail, dict) else "text/html"
    if kind == "text/plain":
        return str(value)
    return html_to_text(str(value))


def _fp_entry(e: Any, url: str) -> FeedEntry:
    get: Callable[[str], Any] = lambda key: dict.get(e, key)  # noqa: E731 (no deprecated fallbacks)
    content = ""
    for c in get("content") or []:
        ctext = _fp_text(c, c.get("value"))
        if ctext:
            content = ctext
            break
    summary = _fp_text(get("summary_detail"), get("summary"))
    if summary and summary == content and get("summary_detail") is None:
        summary = ""
    source = get("source") or {}
    link = get("feedburner_origlink") or get("link")
    return _build_entry(
        title=_fp_text(get("title_detail"), get("title")),
        link=_clean_link(url, link) if link else None,
        guid=get("id"),
        summary=summary,
        content=content,
        published=get("published_parsed") or get("created_parsed"),
        updated=get("updated_parsed"),
        author=get("author"),
        source_name=source.get("title") if isinstance(source, dict) else None,
        source_url=_clean_link(url, source.get("href")) if isinstance(source, dict) else None,
    )


def _recovered(entry: FeedEntry) -> FeedEntry | None:
    """An entry of a malformed feed as far as it can be trusted, or None. The parser's recovery
    turns stray pieces of a broken document into entries: one that links nowhere of its own
    (no link, no URL-like GUID) would be stored under the feed's own address, as review 19's
    garbage feed gave an article titled "&bogus;"; there is nothing to cite, so it is dropped."""
    guid = entry.guid or ""
    if not entry.link and not guid.startswith(("http://", "https://")):
        return None
    title = normalize_space(_UNRESOLVED_ENTITY_RE.sub(" ", entry.title))
    return entry if title == entry.title else replace(entry, title=title)


def _one_line(exc: object) -> str:
    text = normalize_space(f"{type(exc).__name__}: {exc}") if exc else "unknown error"
    return truncate(text, 200)


def _fp_format(version: str) -> str:
    if version in ("rss090", "rss10"):
        return "rdf"
    if version.startswith("rss"):
        return "rss"
    if version.startswith("atom"):
        return "atom"
    return "unknown"


def _parse_with_feedparser(body: bytes, url: str, hdrs: Mapping[str, str]) -> ParsedFeed:
    import feedparser

    response_headers = dict(hdrs)
    # feedparser resolves relative links against Content-Location (then the href it fetched,
    # which it has none of here): the final URL after redirects is the right base.
    if url:
        response_headers["content-location"] = url
    response_headers.setdefault("content-type", "application/xml")
    # Sanitising and rewriting embedded HTML is wasted work: html_to_text reduces it to text.
    d = feedparser.parse(
        io.BytesIO(body),
        response_headers=response_headers,
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    version = d.get("version") or ""
    bozo = bool(d.get("bozo"))
    reason = _one_line(d.get("bozo_exception")) if bozo else None
    entries = [_fp_entry(e, url) for e in d.get("entries", [])]
    if bozo:
        entries = [r for r in map(_recovered, entries) if r is not None]
    entries = [e for e in entries if _usable(e)]
    if not entries:
        if not version:
            raise FetchError(f"not a feed: {url} ({reason or 'no RSS, Atom or RDF root'})")
        if bozo:
            raise FetchError(f"malformed feed with no readable entries: {url} ({reason})")
    feed = d.get("feed") or {}
    title = _fp_text(feed.get("title_detail"), feed.get("title")) or None
    link = feed.get("link")
    return ParsedFeed(
        title=normalize_space(title) if title else None,
        link=_clean_link(url, link) if link else None,
        entries=entries,
        format=_fp_format(version),
        bozo=bozo,
        bozo_reason=reason,
        parser="feedparser",
    )


# --------------------------------------------------------------------------- JSON Feed


def _json_author(obj: Mapping[str, Any]) -> str | None:
    authors = obj.get("authors")
    if isinstance(authors, list) and authors and isinstance(authors[0], dict):
        name = authors[0].get("name")
        return str(name) if name else None
    author = obj.get("author")
    if isinstance(author, dict) and author.get("name"):
        return str(author["name"])
    return None


def _json_str(obj: Mapping[str, Any], key: str) -> str:
    value = obj.get(key)
    return value if isinstance(value, str) else ""


def _parse_json_feed(body: bytes, url: str) -> ParsedFeed:
    try:
        # strict=False: raw control characters inside strings are common in real JSON Feeds.
        doc = json.loads(body, strict=False)
    except (ValueError, UnicodeDecodeError) as exc:
        raise FetchError(f"not a feed: {url} is not valid JSON ({_one_line(exc)})") from exc
    if not isinstance(doc, dict) or "jsonfeed.org/version" not in str(doc.get("version", "")):
        raise FetchError(f"not a feed: {url} is JSON but not a JSON Feed")
    items = doc.get("items")
    if not isinstance(items, list):
        raise FetchError(f"JSON Feed without items: {url}")
    feed_link = _clean_link(url, _json_str(doc, "home_page_url"))
    base = _clean_link(url, _json_str(doc, "feed_url")) or url
    entries: list[FeedEntry] = []
    for item in items:
        if not isinstance(item, dict):
            continue
        html_content = _json_str(item, "content_html")
        content = html_to_text(html_content) if html_content else _json_str(item, "content_text")
        link = _clean_link(base, _json_str(item, "url")) or _clean_link(
            base, _json_str(item, "external_url")
        )
        guid = item.get("id")
        entry = _build_entry(
            title=_maybe_html(_json_str(item, "title")),
            link=link,
            guid=str(guid) if guid is not None else None,
            summary=_maybe_html(_json_str(item, "summary")),
            content=content,
            published=_json_str(item, "date_published") or None,
            updated=_json_str(item, "date_modified") or None,
            author=_json_author(item) or _json_author(doc),
        )
        if _usable(entry):
            entries.append(entry)
    title = _json_str(doc, "title")
    return ParsedFeed(
        title=normalize_space(title) or None,
        link=feed_link,
        entries=entries,
        format="json",
        parser="fast",
    )
