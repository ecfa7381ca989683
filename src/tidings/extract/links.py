"""Find the article links on a listing page (newsroom, press releases, blog index)."""

from __future__ import annotations

import logging
import re
from urllib.parse import parse_qsl, urljoin, urlsplit, urlunsplit

from lxml import html as lxml_html

from tidings.errors import ExtractionError

logger = logging.getLogger(__name__)

# Matched against each class/id token whole, so "site-footer" counts but WordPress's
# per-post "tag-lawsuits" class does not.
_CHROME_MARKERS = re.compile(
    r"(?:[a-z0-9]+[-_]{1,2})?(?:nav|navbar|navigation|menu|menubar|megamenu|footer|masthead|"
    r"breadcrumbs?|sidebar|social|share|sharing|pagination|pager|cookie|consent|tags|"
    r"tag-?cloud|skip|topbar|toolbar|subnav|language|lang-switch)(?:[-_]{1,2}[a-z0-9]+)?",
    re.I,
)
_NOT_ARTICLE_PATH = re.compile(
    r"/(?:tags?|category|categories|topics?|authors?|people|contributors?|page|search|login|"
    r"log-in|signin|sign-in|signup|sign-up|register|account|my-account|subscribe|subscriptions?|"
    r"feed|rss|atom|wp-login\.php|wp-admin|cart|checkout|privacy(?:-policy)?|terms(?:-of-use|"
    r"-of-service)?|cookies?(?:-policy)?|legal|imprint|impressum|contact(?:-us)?|about(?:-us)?|"
    r"careers?|jobs|sitemap|archives?|newsletters?|events?|media-kit|"
    r"press-kit|faq|help|support)(?:/|$)"
    # A video or podcast index is not an article, but one episode under it is.
    r"|/(?:videos?|podcasts?)/?$",
    re.I,
)
_PAGINATION_PATH = re.compile(r"/(?:page|p)/\d+/?$|/\d+/?$", re.I)
_PAGINATION_QUERY = {"page", "paged", "p", "pg", "start", "offset", "s", "q", "query", "sort",
                     "filter", "lang", "replytocom", "share", "utm_source"}
_ASSET = re.compile(
    r"\.(?:jpe?g|png|gif|webp|svg|ico|bmp|tiff?|css|js|json|xml|rss|atom|zip|gz|tar|rar|7z|"
    r"mp[34]|m4a|wav|avi|mov|webm|pdf|docx?|xlsx?|pptx?|csv|exe|dmg|apk|woff2?|ttf|eot)$",
    re.I,
)
_DATE_IN_PATH = re.compile(r"/(?:19|20)\d\d[/-][01]?\d(?:[/-][0-3]?\d)?(?:/|-|$)|"
                           r"/(?:19|20)\d\d[01]\d[0-3]\d")
_NEWS_SEGMENT = re.compile(r"^(?:news|newsroom|press|press-releases?|pressreleases?|media|"
                           r"blog|blogs|stories|story|articles?|posts?|insights|updates|"
                           r"announcements?|releases?|nachrichten|aktuelles|presse|"
                           r"actualites|noticias|notizie)$", re.I)
_SLUG_WORD = re.compile(r"[a-z\u00c0-\uffff]{2,}", re.I)
_SECOND_LEVEL = {"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or", "go"}


def site_of(host: str) -> str:
    """The registrable part of a host, roughly: example.co.uk, example.com."""
    labels = host.lower().removeprefix("www.").split(".")
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def clean_url(href: str, base: str) -> str | None:
    """An absolute http(s) URL without fragment, or None for mailto:, javascript: and the like."""
    href = href.strip()
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:", "data:", "sms:")):
        return None
    try:
        absolute = urljoin(base, href)
        parts = urlsplit(absolute)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def _in_chrome(anchor: lxml_html.HtmlElement) -> bool:
    ancestors = list(anchor.iterancestors())
    in_content = any(a.tag in ("article", "main") for a in ancestors)
    for ancestor in ancestors:
        if ancestor.tag in ("article", "main"):
            return False
        if ancestor.tag in ("nav", "aside") or (ancestor.tag in ("header", "footer")
                                                and not in_content):
            return True
        if ancestor.get("role") in ("navigation", "banner", "contentinfo", "menu", "menubar"):
            return True
        tokens = f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}".split()
        if any(_CHROME_MARKERS.fullmatch(token) for token in tokens):
            return True
    return False


def _excluded(url: str, listing: str, anchor: lxml_html.HtmlElement) -> bool:
    parts = urlsplit(url)
    listing_parts = urlsplit(listing)
    path = parts.path
    if _ASSET.search(path) or _NOT_ARTICLE_PATH.search(path):
        return True
    if path.rstrip("/") == listing_parts.path.rstrip("/") or path in ("", "/"):
        return True
    query_keys = {k.lower() for k, _ in parse_qsl(parts.query, keep_blank_values=True)}
    if query_keys & _PAGINATION_QUERY:
        return True
    if _PAGINATION_PATH.search(path) and path.startswith(listing_parts.path.rstrip("/")):
        # /news/2 or /news/page/3 under the listing itself: the next page, not an article.
        tail = path[len(listing_parts.path.rstrip("/")):]
        if re.fullmatch(r"/(?:page/|p/)?\d{1,3}/?", tail):
            return True
    rel = (anchor.get("rel") or "").lower().split()
    return bool(set(rel) & {"tag", "author", "next", "prev", "category"})


def _article_score(url: str, listing: str, anchor: lxml_html.HtmlElement, text: str) -> int:
    path = urlsplit(url).path
    listing_path = urlsplit(listing).path.rstrip("/")
    segments = [s for s in path.split("/") if s]
    last = re.sub(r"\.(?:s?html?|php|aspx?)$", "", segments[-1]) if segments else ""
    score = 0
    if _DATE_IN_PATH.search(path):
        score += 2
    words = _SLUG_WORD.findall(last)
    if len(words) >= 3 and re.search(r"[-_+]", last):
        score += 2
    elif re.search(r"\d{5,}", last) or re.fullmatch(r"[0-9a-f-]{16,}", last):
        score += 1
    ancestors = {a.tag for a in anchor.iterancestors()}
    if ancestors & {"article"} or anchor.find(".//h2") is not None or anchor.find(
        ".//h3"
    ) is not None:
        score += 1
    if ancestors & {"h1", "h2", "h3", "h4"}:
        score += 1
    if listing_path and path.startswith(listing_path + "/") and len(segments) > len(
        [s for s in listing_path.split("/") if s]
    ):
        score += 1
    news_at = [i for i, s in enumerate(segments) if _NEWS_SEGMENT.match(s)]
    if news_at and news_at[0] < len(segments) - 1:
        score += 1
    if len(text.split()) >= 4:
        score += 1
    elif len(text.split()) <= 1:
        score -= 1
    return score


def _parse(body: bytes) -> lxml_html.HtmlElement | None:
    from tidings.extract.page import parse_html  # late: page imports heavier modules

    try:
        return parse_html(body)
    except ExtractionError:
        return None


def _base_url(tree: lxml_html.HtmlElement, url: str) -> str:
    base = tree.find(".//base[@href]")
    return urljoin(url, base.get("href")) if base is not None else url


def article_anchors(
    body: bytes, url: str, *, selector: str | None = None, pattern: str | None = None
) -> list[tuple[str, str]]:
    """(absolute URL, anchor text) of the article links of a listing page, in page order."""
    tree = _parse(body)
    if tree is None:
        return []
    base = _base_url(tree, url)
    regex = re.compile(pattern) if pattern else None
    site = site_of(urlsplit(url).hostname or "")
    seen: dict[str, str] = {}
    ranks: dict[str, tuple[int, int, int]] = {}
    anchors = _selected_anchors(tree, selector) if selector else list(tree.iter("a"))
    for anchor in anchors:
        link = clean_url(anchor.get("href") or "", base)
        if link is None:
            continue
        text = re.sub(r"\s+", " ", anchor.text_content()).strip() or (anchor.get("title") or "")
        if link in seen:
            # Cards link an image, the headline and the teaser to one URL: keep the headline.
            if _headline_rank(anchor, text) > ranks.get(link, (0, 0, 0)):
                seen[link] = text
                ranks[link] = _headline_rank(anchor, text)
            continue
        parts = urlsplit(link)
        if _ASSET.search(parts.path):
            continue
        if selector:
            # The user pointed at the links; only the pattern and plain sanity still apply.
            if regex and not regex.search(link):
                continue
        elif regex:
            if not regex.search(link) or _in_chrome(anchor):
                continue
        else:
            if site_of(parts.hostname or "") != site or _in_chrome(anchor):
                continue
            if _excluded(link, url, anchor) or _article_score(link, url, anchor, text) < 2:
                continue
        if link.rstrip("/") == url.split("#")[0].rstrip("/"):
            continue
        seen[link] = text
        ranks[link] = _headline_rank(anchor, text)
    return list(seen.items())


def _headline_rank(anchor: lxml_html.HtmlElement, text: str) -> tuple[int, int, int]:
    """How headline-like an anchor's text is: in or around a heading, headline-sized, longer."""
    heading = any(a.tag in ("h1", "h2", "h3", "h4") for a in anchor.iterancestors()) or next(
        anchor.iter("h1", "h2", "h3", "h4"), None) is not None
    words = len(text.split())
    return int(heading), int(3 <= words <= 25), min(len(text), 200)


def _selected_anchors(tree: lxml_html.HtmlElement, selector: str) -> list[lxml_html.HtmlElement]:
    """Anchors chosen by a CSS selector: matched <a>, links inside matches, or the enclosing <a>.

    soupsieve (bs4's CSS engine) does the matching; we map the matches back onto our lxml tree
    by their position in document order.
    """
    import warnings

    from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning

    markup = lxml_html.tostring(tree, encoding="unicode")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(markup, "lxml")
    try:
        matches = soup.select(selector)
    except Exception as exc:  # soupsieve raises its own SelectorSyntaxError
        raise ValueError(f"invalid CSS selector {selector!r}: {exc}") from exc
    soup_anchors = soup.find_all("a")
    index = {id(a): i for i, a in enumerate(soup_anchors)}
    chosen: list[int] = []
    for match in matches:
        if match.name == "a":
            found = [match]
        else:
            found = match.find_all("a") or [p for p in match.parents if p.name == "a"][:1]
        chosen.extend(index[id(a)] for a in found if id(a) in index)
    lxml_anchors = list(tree.iter("a"))
    if len(lxml_anchors) != len(soup_anchors):
        logger.debug("anchor count differs between parsers; matching by href")
        hrefs = [soup_anchors[i].get("href") for i in chosen]
        by_href = {a.get("href"): a for a in lxml_anchors}
        return [by_href[h] for h in hrefs if h in by_href]
    return [lxml_anchors[i] for i in sorted(set(chosen))]


def find_article_links(
    body: bytes, url: str, *, selector: str | None = None, pattern: str | None = None
) -> list[str]:
    """Absolute, de-duplicated (fragment removed) article links of a listing page, in page order.

    Without configuration, keeps same-site links in the page's content whose URL or markup
    looks like an article; `selector` (CSS) picks the links instead, `pattern` (a regex the URL
    must match) narrows either way. An invalid selector raises ValueError.
    """
    return [link for link, _ in article_anchors(body, url, selector=selector, pattern=pattern)]
