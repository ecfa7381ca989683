"""Read an article page's metadata: headline, publication date, canonical URL, site name."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html

from tidings.extract.page_dates import (
    date_from_url,
    find_text_date,
    in_bounds,
    month_from_url,
    parse_date,
    parse_text_date,
)
from tidings.extract.visible import visible_text

logger = logging.getLogger(__name__)

_WS = re.compile(r"\s+")
_TITLE_SEPARATORS = re.compile(r"\s+(?:[|\-–—:·•»«/]|::)\s+")

# Meta names/properties that carry the first publication date, best first.
_DATE_META = (
    "article:published_time", "og:article:published_time", "og:published_time",
    "datepublished", "parsely-pub-date", "sailthru.date", "publish-date", "publish_date",
    "publishdate", "pubdate", "published_time", "date_published", "article.published",
    "article_date_original", "dc.date.issued", "dcterms.issued", "dc.date.created",
    "dcterms.created", "dc.date", "dcterms.date", "citation_publication_date",
    "citation_date", "cxenseparse:recs:publishtime", "original-publish-date", "date",
    "created", "timestamp",
)
_DATE_META_RANK = {name: rank for rank, name in enumerate(_DATE_META)}
# "Published: 3 March 2021", "Datum: 18.10.2021", "Erschienen am: 01.11.2023": a date the page
# labels as its publication date for readers, in the languages of the corpus and beyond. The
# colon is required: "posted" or "released" in running prose is not a label. A letter
# right before the label disqualifies it ("Update date:"). Both patterns open with a look-ahead
# for the letters a label can start with: the same matches, but the search over a whole page's
# text skips to those letters instead of trying every label at every position (twice as fast).
_DATE_LABEL = re.compile(
    r"(?=[pwrdevg])(?<![^\W\d_])"
    r"(?:published(?:\s+on)?|posted(?:\s+on)?|written|released|date|datum"
    r"|erschienen(?:\s+am)?|ver(?:ö|oe)ffentlicht(?:\s+am)?|publi[ée](?:\s+le)?"
    r"|publicado(?:\s+el)?|pubblicato(?:\s+il)?|gepubliceerd(?:\s+op)?|publicerad)\s*:\s*",
    re.IGNORECASE,
)
# Without a colon only the unmistakable publication labels count, and only with the date
# right after them ("Published March 9, 2026", "Posted on 3 May 2021", "Publié le 02/11/2023"):
# "published by", "published in 2019" or "posted" in a sentence are not labels.
_DATE_LABEL_BARE = re.compile(
    r"(?=[pevg])(?<![^\W\d_])"
    r"(?:published(?:\s+on)?|posted\s+on|erschienen\s+am|ver(?:ö|oe)ffentlicht\s+am"
    r"|publi[ée]\s+le|publicado\s+el|pubblicato\s+il|gepubliceerd\s+op)\s*,?\s*"
    r"(?=\d|[^\W\d_]+\.?,?\s+\d)",
    re.IGNORECASE,
)
# A date-classed element ("post-date", "byline") that is not an update or a comment's.
_DATE_CLASS = re.compile(r"date|time|posted|published|byline|meta|dateline")
_NOT_DATE_CLASS = re.compile(r"update|modif|comment|related")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?")

_MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "dc.date.modified",
                  "dcterms.modified", "lastmod", "last-modified")
_ARTICLE_TYPES = re.compile(r"Article|BlogPosting|Posting|Report|NewsArticle|WebPage|"
                            r"PressRelease|Review|Story|LiveBlog|Recipe|Event|CreativeWork", re.I)


def labelled_date(text: str, now: datetime | None, *, day_first: bool = False) -> datetime | None:
    """The first date that follows a publication label in the page's text."""
    labels = sorted([*((m, True) for m in _DATE_LABEL.finditer(text)),
                     *((m, False) for m in _DATE_LABEL_BARE.finditer(text))],
                    key=lambda item: item[0].start())
    for match, with_colon in labels:
        snippet = text[match.end() : match.end() + 40]
        iso = _ISO_DAY.match(snippet)
        if iso:
            value = parse_date(iso.group(0))
        else:
            found = find_text_date(snippet, day_first=day_first)
            # Without a colon the date must follow at once: "published in 2019. On 12 March"
            # is prose.
            value = found[1] if found and (with_colon or found[0] == 0) else None
        value = in_bounds(value, now)
        if value is not None:
            return value
    return None


def clean_text(text: str | None) -> str:
    """Collapse whitespace; None becomes the empty string."""
    return _WS.sub(" ", text or "").strip()


def _norm(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


def meta_map(tree: lxml_html.HtmlElement) -> dict[str, list[str]]:
    """Every <meta> value by lower-cased name/property/itemprop, in document order."""
    found: dict[str, list[str]] = {}
    for meta in tree.iter("meta"):
        content = meta.get("content")
        if content is None:
            content = meta.get("datetime") or meta.get("value")
        if not content or not content.strip():
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = meta.get(attr)
            if key:
                found.setdefault(key.strip().lower(), []).append(content.strip())
    return found


_CDATA_WRAP = re.compile(r"^(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>$")


def _walk_jsonld(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, list):
        for item in node:
            yield from _walk_jsonld(item)
    elif isinstance(node, dict):
        yield node
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
            if key in node:
                yield from _walk_jsonld(node[key])


def jsonld_objects(tree: lxml_html.HtmlElement) -> list[dict[str, Any]]:
    """The JSON-LD objects of a page (flattened @graph), skipping blocks that do not parse."""
    objects: list[dict[str, Any]] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        # Some CMSs wrap the block in a CDATA section (for XHTML validators); JSON it is not.
        raw = _CDATA_WRAP.sub("", (script.text or "").strip())
        if not raw:
            continue
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            # Trailing commas and stray HTML comments are common; one repair attempt.
            repaired = re.sub(r",\s*([}\]])", r"\1", raw.replace("<!--", "").replace("-->", ""))
            try:
                data = json.loads(repaired, strict=False)
            except ValueError:
                continue
        objects.extend(_walk_jsonld(data))
    return objects


def _types(obj: dict[str, Any]) -> str:
    kind = obj.get("@type", "")
    return " ".join(kind) if isinstance(kind, list) else str(kind)


def _article_objects(objects: list[dict[str, Any]]) -> list[dict[str, Any]]:
    articles = [o for o in objects if re.search(r"Article|Posting|PressRelease|Report|Story|"
                                                r"LiveBlog", _types(o))]
    return articles or [o for o in objects if _ARTICLE_TYPES.search(_types(o))]


def _first(values: list[str] | None) -> str | None:
    return values[0] if values else None


def _is_logo(h1: lxml_html.HtmlElement, host: str) -> bool:
    """An h1 that is the site's logo: a link to the home page, or an image with a short label."""
    for a in [*h1.iter("a"), *h1.iterancestors("a")]:
        href = (a.get("href") or "").strip()
        if not href or href.startswith("#"):
            continue
        parts = urlsplit(href)
        if parts.path in ("", "/", "./", "/index.html", "/index.php") and not parts.query and (
            not parts.netloc or parts.netloc.lower().removeprefix("www.") == host
        ) and not parts.fragment:
            return True
    has_image = next(h1.iter("img", "svg", "picture"), None) is not None
    return has_image and len(clean_text(h1.text_content()).split()) <= 4


def headline_elements(tree: lxml_html.HtmlElement, host: str = "") -> list[lxml_html.HtmlElement]:
    """The page's h1 elements that can be its headline, best first: those inside article/main.

    Logos (an h1 linking home) and photo captions set as h1 (over 40 words) are left out.
    """
    inside: list[lxml_html.HtmlElement] = []
    outside: list[lxml_html.HtmlElement] = []
    host = host.lower().removeprefix("www.")
    for h1 in tree.iter("h1"):
        text = clean_text(h1.text_content())
        if not text or len(text) <= 3 or len(text.split()) > 40:
            continue
        ancestors = {a.tag for a in h1.iterancestors()}
        in_chrome = bool(ancestors & {"nav", "footer", "aside"})
        in_content = bool(ancestors & {"article", "main"})
        if in_chrome or _is_logo(h1, host):
            continue
        (inside if in_content else outside).append(h1)
    return inside + outside


def _h1_texts(tree: lxml_html.HtmlElement, host: str = "") -> list[str]:
    return [clean_text(h1.text_content()) for h1 in headline_elements(tree, host)]


def _similar(a: str, b: str) -> bool:
    na, nb = _norm(a), _norm(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    shorter, longer = sorted((na, nb), key=len)
    return len(shorter) >= 0.6 * len(longer) and shorter in longer


def strip_site_name(title: str, site_name: str | None, host: str, *,
                    keep_unknown: bool = False) -> str:
    """Remove a " | Site" / "Site - " part from a <title>, keeping the headline part.

    With keep_unknown, only a part recognisably naming the site goes (for visible headlines,
    where "Headline - Subtitle" is common and the longest-part guess would cut the subtitle).
    """
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    # "Factorio.com" as og:site_name still names the site "Factorio" in titles.
    site_keys = {_norm(site_name or ""), _norm(host.removeprefix("www.").split(".")[0]),
                 _norm(re.sub(r"\.(?:com|net|org|co|io|de|uk|fr)$", "", site_name or "", flags=re.I))}
    site_keys.discard("")

    def is_site(part: str) -> bool:
        n = _norm(part)
        compact = n.replace(" ", "")
        return bool(n) and any(
            n == k or compact == k.replace(" ", "") or (len(n) < 40 and k and k in n)
            for k in site_keys
        )

    # Drop site-name parts at either end, then keep what is left when it is substantive.
    count = len(parts)
    while len(parts) > 1 and is_site(parts[-1]):
        parts.pop()
    while len(parts) > 1 and is_site(parts[0]):
        parts.pop(0)
    if len(parts) == 1:
        return parts[0]
    if keep_unknown or (len(parts) < count and len(parts) == 2):
        # Once the site's own part is gone, "Headline - Subtitle" is what remains.
        return title[title.find(parts[0]):title.rfind(parts[-1]) + len(parts[-1])]
    if len(parts) >= 3:
        # "Site » Blog Archive » Headline", "Brand - Headline - Section": the headline is the
        # longest part.
        return max(parts, key=len)
    # No recognisable site name: a short final part ("Home", "News") is the usual suffix.
    last_words = len(parts[-1].split())
    if last_words <= 4 and len(" ".join(parts[:-1]).split()) >= 3:
        sep_at = title.rfind(parts[-1])
        return title[:sep_at].rstrip(" |-–—:·•»/").strip() or title
    return title


def extract_title(
    tree: lxml_html.HtmlElement,
    metas: dict[str, list[str]],
    objects: list[dict[str, Any]],
    site_name: str | None,
    host: str,
) -> str | None:
    """The visible headline: an h1 that agrees with the metadata, else the best metadata title."""
    candidates: list[str] = []
    for obj in _article_objects(objects):
        for key in ("headline", "name"):
            value = obj.get(key)
            if isinstance(value, str) and clean_text(value):
                candidates.append(clean_text(value))
                break
    for key in ("og:title", "twitter:title", "title", "dc.title", "headline"):
        value = _first(metas.get(key))
        if value:
            candidates.append(clean_text(value))
    title_el = tree.find(".//title")
    doc_title = clean_text(title_el.text_content()) if title_el is not None else ""
    stripped = strip_site_name(doc_title, site_name, host) if doc_title else ""
    h1s = [strip_site_name(h, site_name, host, keep_unknown=True) for h in _h1_texts(tree, host)]
    h1s = [h for h in h1s if not _is_site(h, site_name, host)]
    titles = [c for c in [*candidates, stripped, doc_title] if c]
    for h1 in h1s[:5]:
        if any(_similar(h1, c) or _is_title_part(h1, c) for c in titles):
            return h1
    # Readers see the h1, and news sites often write a different SEO title; but an h1 that
    # shares no word with any title of the page is a section or blog name, not the headline.
    for h1 in h1s[:3]:
        if len(h1.split()) >= 3 and (not titles or any(_share_word(h1, c) for c in titles)):
            return h1
    for cand in candidates:
        if cand and not _is_site(cand, site_name, host):
            return strip_site_name(cand, site_name, host)
    return stripped or (h1s[0] if h1s else None) or None


_STOPWORDS = frozenset(
    "the a an and or of to in on for with by at from is are was be how what why who this that "
    "your you our we it its as der die das und ein eine le la les des de du et el los las y il".split()
)


def _share_word(a: str, b: str) -> bool:
    words = {w for w in _norm(a).split() if w not in _STOPWORDS and (len(w) > 2 or w.isdigit())}
    return bool(words & set(_norm(b).split()))


def _is_title_part(h1: str, title: str) -> bool:
    """The h1 is one whole part of a separated title ("New Zealand" in "New Zealand - Wiki")."""
    parts = _TITLE_SEPARATORS.split(title)
    return len(parts) > 1 and any(_norm(h1) == _norm(p) for p in parts)


def _is_site(text: str, site_name: str | None, host: str) -> bool:
    n = _norm(text).replace(" ", "")
    keys = {_norm(site_name or "").replace(" ", ""), _norm(host.removeprefix("www.")).replace(
        " ", ""), _norm(host.removeprefix("www.").split(".")[0])}
    keys.discard("")
    return n in keys


def _jsonld_dates(objects: list[dict[str, Any]], key: str) -> list[str]:
    values = []
    for obj in _article_objects(objects):
        value = obj.get(key)
        if isinstance(value, list) and value:
            value = value[0]
        if isinstance(value, str):
            values.append(value)
    return values


# Meta names that say only "a date": a CMS may fill them with the modification date. A
# reading from one of them yields to the dateline under the headline when the two disagree.
GENERIC_DATE_META = frozenset({"date", "dc.date", "dcterms.date"})


def date_readings(
    tree: lxml_html.HtmlElement,
    metas: dict[str, list[str]],
    objects: list[dict[str, Any]],
    url: str,
    now: datetime | None,
    *,
    day_first: bool = False,
) -> Iterator[tuple[str, datetime]]:
    """Every kind of date reading the page offers, best first: the first value of each source
    (label, jsonld, meta, meta-generic, time, url, text, modified, url-month). Lazy: a caller
    that wants only the best one reads no further."""
    # A date the page labels "Published:" for its readers is its plainest statement;
    # machine-readable stamps are the ones a CMS rewrites on update (measured on both halves
    # of the corpus: +2 on the half the rule was not written from, +5 on the other).
    value = labelled_date(visible_text(tree), now, day_first=day_first)
    if value:
        yield "label", value
    for raw in _jsonld_dates(objects, "datePublished") + _jsonld_dates(objects, "dateCreated"):
        value = in_bounds(parse_date(raw), now)
        if value:
            yield "jsonld", value
            break
    ranked = sorted((k for k in metas if k in _DATE_META_RANK), key=_DATE_META_RANK.__getitem__)
    seen: set[str] = set()
    for key in ranked:
        source = "meta-generic" if key in GENERIC_DATE_META else "meta"
        if source in seen:
            continue
        for raw in metas[key]:
            value = in_bounds(parse_date(raw), now)
            if value:
                seen.add(source)
                yield source, value
                break
    for el in tree.iter("time", "abbr", "span", "div", "p"):
        if el.tag in ("span", "div", "p") and el.get("itemprop") != "datePublished":
            continue
        if el.tag == "abbr" and "published" not in (el.get("class") or ""):
            continue
        raw = el.get("datetime") or el.get("content") or el.get("title")
        value = in_bounds(parse_date(raw), now) if raw else None
        if value is None and el.tag == "time":
            shown = clean_text(el.text_content())
            value = in_bounds(parse_text_date(shown, day_first=day_first), now)
        if value:
            yield "time", value
            break
    value = in_bounds(date_from_url(url), now)
    if value:
        yield "url", value
    for el in tree.iter():
        names = el.get("class"), el.get("id")
        if not any(names):
            continue  # most elements: no name to read (the cheap test first, on every page)
        cls = " ".join(n or "" for n in names).lower()
        if _DATE_CLASS.search(cls) and not _NOT_DATE_CLASS.search(cls):
            text = clean_text(el.text_content())[:200]
            value = in_bounds(parse_text_date(text, day_first=day_first), now) if text else None
            if value:
                yield "text", value
                break
    found_modified = False
    for key in _MODIFIED_META:
        for raw in metas.get(key, []):
            value = in_bounds(parse_date(raw), now)
            if value:
                yield "modified", value
                found_modified = True
                break
        if found_modified:
            break
    value = in_bounds(month_from_url(url), now)
    if value:
        yield "url-month", value


def extract_canonical(tree: lxml_html.HtmlElement, metas: dict[str, list[str]],
                      url: str) -> str | None:
    """The canonical URL (absolute) from <link rel=canonical>, then og:url."""
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        href = (link.get("href") or "").strip()
        if "canonical" in rel and href:
            return _absolute(url, href)
    og = _first(metas.get("og:url"))
    return _absolute(url, og) if og else None


def _absolute(base: str, href: str) -> str | None:
    absolute = urljoin(base, href.strip())
    return absolute if urlsplit(absolute).scheme in ("http", "https") else None


def extract_site_name(metas: dict[str, list[str]], objects: list[dict[str, Any]]) -> str | None:
    """og:site_name or the JSON-LD publisher name."""
    value = _first(metas.get("og:site_name")) or _first(metas.get("application-name"))
    if value:
        return clean_text(value)
    for obj in objects:
        publisher = obj.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            return clean_text(publisher["name"])
    return None


def extract_description(metas: dict[str, list[str]]) -> str | None:
    """The page's own summary (og:description, then description)."""
    for key in ("og:description", "description", "twitter:description"):
        value = _first(metas.get(key))
        if value:
            return clean_text(value)
    return None


def extract_locale(tree: lxml_html.HtmlElement, metas: dict[str, list[str]]) -> str | None:
    """The page's locale as it writes it ("en-GB", "de_DE", "fr"): <html lang> (or the XHTML
    `xml:lang`), then meta."""
    # lxml's HTML parser keeps an XHTML page's `xml:lang` under that literal name; an XML
    # parse would file it under the XML namespace.
    value = tree.get("lang") or tree.get("xml:lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    value = value or _first(metas.get("content-language")) or _first(metas.get("og:locale"))
    return value.strip() if value and value.strip() else None


def extract_lang(tree: lxml_html.HtmlElement, metas: dict[str, list[str]]) -> str | None:
    """The page language (primary subtag) from <html lang>, then meta."""
    value = extract_locale(tree, metas)
    if not value:
        return None
    return re.split(r"[-_]", value)[0].lower() or None
