"""Turn one fetched article page into an ExtractedPage, or say why it cannot be read."""

from __future__ import annotations

import logging
import re
import threading
import warnings
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta, timezone, tzinfo
from typing import Any
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html

from tidings.errors import ExtractionError
from tidings.extract.body import extract_body_rules, extract_body_trafilatura
from tidings.extract.date_picker import DateTrace, pick_date
from tidings.extract.dateline import headline_date
from tidings.extract.decode import decode_html, header, within_cap
from tidings.extract.htmldate_languages import dates_in, page_languages
from tidings.extract.locale import publisher_zone, slash_day_first
from tidings.extract.metadata import (
    date_readings,
    extract_canonical,
    extract_description,
    extract_lang,
    extract_locale,
    extract_site_name,
    extract_title,
    jsonld_objects,
    meta_map,
)
from tidings.extract.page_dates import in_bounds, opening_date, parse_text_date
from tidings.models import ExtractedPage

logger = logging.getLogger(__name__)
# htmldate hands odd zone names ("GST") to dateutil, which warns on stderr: noise in a cron
# mail for a date tidings already handles. A filter, not catch_warnings: pages are read on
# worker threads.
warnings.filterwarnings("ignore", message=r"tzname .* identified but not understood",
                        module=r"dateutil\.")

_HTML_TYPES = {"text/html", "application/xhtml+xml", "application/xml", "text/xml", "text/plain"}
_UNKNOWN_TYPES = {"", "application/octet-stream", "binary/octet-stream", "application/unknown"}
_MAGIC = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF8", "image/gif"),
    (b"PK\x03\x04", "application/zip"),
    (b"\x1f\x8b", "application/gzip"),
    (b"RIFF", "image/webp"),
    (b"\xd0\xcf\x11\xe0", "application/msword"),
)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_FEED_ROOT = re.compile(rb"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b",
                        re.I | re.S)
_JS_NOTICE = re.compile(r"enable javascript|javascript (?:is )?(?:required|disabled|must be)|"
                        r"requires javascript|turn on javascript|browser (?:is )?not supported",
                        re.I)
# lxml.html's parser picks each element's class in a Python callback, paid every time an
# element is reached from Python (our readings walk every element of a page, trafilatura
# several times). This one gives the same HtmlElement classes, chosen in C; forms, inputs and
# labels lose their special classes, which nothing here uses. One parser per thread: lxml's
# own default parser is thread-local too, and pages are parsed on fetch worker threads.
_PARSERS = threading.local()


def _html_parser() -> lxml_html.HTMLParser:
    parser = getattr(_PARSERS, "parser", None)
    if parser is None:
        parser = _PARSERS.parser = lxml_html.HTMLParser()
        parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
            element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment,
            pi=lxml_html.HtmlProcessingInstruction, entity=lxml_html.HtmlEntity))
    return parser


MIN_WORDS = 12
# Chinese and Japanese write no spaces between words; two characters count as one word.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")


class NoTextError(ExtractionError):
    """A page with no readable text (too short, or an app shell needing JavaScript): not an
    article. `page` still holds what its metadata says (title, date, canonical URL; text "")
    for a caller that wants a page's date or title alone; the fetch pipeline stores nothing."""

    def __init__(self, message: str, page: ExtractedPage) -> None:
        super().__init__(message)
        self.page = page


def _word_count(text: str) -> int:
    return len(text.split()) + len(_CJK.findall(text)) // 2


def sniff_type(body: bytes, headers: Mapping[str, str] | None = None) -> str:
    """The media type of a response: the Content-Type header, else a look at the bytes."""
    declared = (header(headers, "content-type") or "").split(";")[0].strip().lower()
    if declared and declared not in _UNKNOWN_TYPES and declared not in ("text/plain",
                                                                         "application/xml",
                                                                         "text/xml"):
        return declared
    head = body[:1024]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    feed = _FEED_ROOT.match(head)
    if feed:
        return "application/atom+xml" if feed.group(1).lower() == b"feed" else "application/rss+xml"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] in (b"{", b"["):
        return "application/json"
    if b"<" not in head and declared in ("text/plain", ""):
        return "text/plain"
    return "text/html"


def parse_html(body: bytes, headers: Mapping[str, str] | None = None) -> lxml_html.HtmlElement:
    """Decode and parse (at most MAX_PAGE_BYTES of) a page into an lxml tree; lenient."""
    text = decode_html(within_cap(body), headers)
    # lxml refuses str input that carries an encoding declaration; it has done its job already.
    text = _XML_DECL.sub("", text, count=1).replace("\x00", "")
    if not text.strip():
        raise ExtractionError("empty page")
    try:
        return lxml_html.document_fromstring(text, parser=_html_parser())
    except (etree.ParserError, ValueError) as exc:
        raise ExtractionError(f"unreadable HTML ({exc})") from exc


def find_published(
    tree: lxml_html.HtmlElement,
    metas: dict[str, list[str]],
    objects: list[dict[str, Any]],
    url: str,
    now: datetime | None,
    *,
    locale: str | None = None,
    trace: DateTrace | None = None,
) -> tuple[datetime | None, str]:
    """The first publication date and where it came from, by the rules.

    Our readings come first, best first (date_readings: a "Published:" label, JSON-LD, meta,
    `<time>`, the URL, a date-classed element, then the weak ones). The date printed under
    the headline confirms a structured day, tells a UTC stamp a day off on the day the page
    shows, and replaces a meta tag named only "date" that disagrees with it; such a tag also
    yields to a `<time>` and a date-classed element that agree on another day. htmldate's day
    (asked for the original publication date; a search over the whole page) decides when we
    read nothing, tells a UTC stamp a day off on the page's local day, and beats only our weak
    readings; the headline's dateline beats it. A relative dateline ("3 hours ago") counts
    only when nothing absolute is found at all. Every step that changes a page of the corpus
    helped on both of its fixed halves (bench/extraction.py); the rest change no corpus page
    and state how pages the corpus lacks write dates (press releases, relative datelines).
    `locale` ("en-GB", "de") says how the page orders 03/05/2021 and in which zone its
    publisher most likely writes. `trace`, when given, receives every reading considered (all
    of ours, the dateline, htmldate's day where it was asked) for the date picker.
    """
    host = urlsplit(url).hostname or ""
    day_first = slash_day_first(locale, host)
    readings = list(date_readings(tree, metas, objects, url, now, day_first=day_first))
    own, source = readings[0][::-1] if readings else (None, "")
    shown = headline_date(tree, host, now, day_first=day_first)
    if trace is not None:
        trace.readings += readings + ([("dateline", shown)] if shown is not None else [])
    zone = publisher_zone(locale)
    if source == "meta-generic" and shown is not None and own is not None \
            and own.date() != shown.date():
        # "date" may be the modification date; the page shows another day under its headline
        # (written from half A of the corpus: +4 there, +3 on half B).
        own, source = next(((v, s) for s, v in readings if s != "meta-generic"), (None, ""))
    if source == "meta-generic" and own is not None:
        # A meta named only "date" against a <time> and a date-classed element that agree on
        # another day: the two the reader sees outweigh it.
        seen = dict(reversed(readings))
        shown_time, shown_text = seen.get("time"), seen.get("text")
        if shown_time is not None and shown_text is not None and shown_time.date() == shown_text.date() \
                and shown_time.date() != own.date():
            own, source = shown_time, "time"
    source = "meta" if source == "meta-generic" else source
    found = _choose(tree, url, now, own, source, shown, zone, trace)
    if found[0] is None:
        relative = headline_date(tree, host, now, day_first=day_first, relative=True)
        if relative is not None:
            return relative, "dateline"
    return found


# Readings that are not a publication date: the page's modified date, the first of a month
# named in the URL. htmldate's original date beats them; they only keep an old page from
# looking new when nothing else dates it. (htmldate beating our other readings as well
# gained on one half only, and went.)
_WEAK = frozenset({"modified", "url-month"})
_STRUCTURED = frozenset({"jsonld", "meta", "time"})


def _choose(
    tree: lxml_html.HtmlElement,
    url: str,
    now: datetime | None,
    own: datetime | None,
    source: str,
    shown: datetime | None,
    zone: tzinfo | None,
    trace: DateTrace | None = None,
) -> tuple[datetime | None, str]:
    if own is not None and source in _STRUCTURED and shown is not None \
            and own.date() == shown.date():
        return own, source  # the page shows the same day under its headline
    if own is not None and source in _STRUCTURED and shown is not None \
            and abs((own.date() - shown.date()).days) == 1:
        told = told_on_shown_day(own, shown, zone)
        if told is not None:
            return told, ("dateline" if told is shown else source)
    if own is not None and source not in _WEAK and shown is None and not (
        source in _STRUCTURED and _utc_instant(own)
        and (zone is None or own.astimezone(zone).date() != own.date())
    ):
        # Whatever htmldate says, our reading stands (below, it could only re-tell a UTC stamp
        # on a neighbouring local day): skip its search, the slowest step of extraction.
        return own, source
    day = _htmldate_day(tree, url, now)
    if trace is not None and day is not None:
        trace.readings.append(("htmldate", day))
    if day is None or (own is not None and own.date() == day.date()):
        return (shown, "dateline") if own is None and shown is not None else (own, source)
    # htmldate pads a year-only or month-only find (a /2026/10/ URL) to the 1st; a date of
    # ours inside that year or month is the more precise reading. (Neither this nor the
    # press-release dateline in extract_page changes a corpus page; kept for press releases
    # dated only by their URL and their opening line.)
    if own is not None and day.day == 1 and own.year == day.year and (
        day.month == 1 or own.month == day.month
    ):
        return own, source
    if own is not None and source in _STRUCTURED and abs(own - day).days <= 1:
        if _utc_instant(own):
            # A timestamp written in UTC falls on the day before or after the one the page shows
            # for anyone publishing far from Greenwich; htmldate reads the page's own (local)
            # day. Same instant, told on that day (halves: +5 A, +1 B). A bare midnight is a
            # date, not an instant.
            return on_local_day(own, day, zone), source
        return own, source
    if shown is not None:
        # htmldate's day is a search over the whole page (comments, related stories, the
        # footer); the date printed by the headline is the page's own statement (halves:
        # +14 A, +12 B).
        return shown, "dateline"
    if own is not None and source not in _WEAK:
        return own, source
    return day, "htmldate"


def _utc_instant(stamp: datetime) -> bool:
    """A time of day written in UTC (a bare midnight is a date, not an instant)."""
    return stamp.utcoffset() == timedelta(0) and stamp.time() != time(0)


def told_on_shown_day(
    stamp: datetime, shown: datetime, zone: tzinfo | None = None
) -> datetime | None:
    """A machine-readable date in UTC told on the day the page shows under its headline, when
    the two are a day apart; None when the stamp carries the publisher's own offset (then a
    different day shown is a different event, such as an update).

    A UTC timestamp is told at the offset that puts the same instant on the shown day; a bare
    date (midnight UTC, no time) is a local date read as UTC, and the shown date replaces it.
    """
    if stamp.utcoffset() != timedelta(0):
        return None
    if stamp.time() == time(0):
        return shown
    local = on_local_day(stamp, shown, zone)
    return local if local.date() == shown.date() else None


# Whole-hour offsets where people live and publish: Hawaii (-10) to Kiribati (+14).
_INHABITED_OFFSETS = sorted(range(-10, 15), key=abs)


def on_local_day(instant: datetime, day: datetime, zone: tzinfo | None = None) -> datetime:
    """`instant` told in `zone`, or when the publisher's zone is unknown at the whole-hour
    offset nearest UTC, that puts it on `day`'s date; unchanged if none does."""
    if zone is not None:
        local = instant.astimezone(zone)
        return local if local.date() == day.date() else instant
    for hours in _INHABITED_OFFSETS:
        local = instant.astimezone(timezone(timedelta(hours=hours)))
        if local.date() == day.date():
            return local
    return instant


def _htmldate_day(tree: lxml_html.HtmlElement, url: str, now: datetime | None) -> datetime | None:
    import htmldate  # imported lazily: it pulls in dateparser, slow to import

    now = now or datetime.now(UTC)
    try:
        found = htmldate.find_date(
            tree,
            url=url,
            original_date=True,
            extensive_search=True,
            outputformat="%Y-%m-%d",
            max_date=now.strftime("%Y-%m-%d"),
        )
    except Exception:  # noqa: BLE001 - a third-party heuristic must not sink extraction
        logger.debug("htmldate failed on %s", url, exc_info=True)
        return None
    if not found:
        return None
    try:
        value = datetime.strptime(found, "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        return None
    return in_bounds(value, now)


def extract_page(
    body: bytes,
    url: str,
    headers: Mapping[str, str] | None = None,
    *,
    now: datetime | None = None,
    body_method: str = "trafilatura",
    trace: DateTrace | None = None,
) -> ExtractedPage:
    """Read the headline, first publication date, main text and canonical URL of an article.

    The rules' date is checked by the learned picker (date_picker.pick_date); `trace`, when
    given, receives what it was chosen from. Raises ExtractionError when the response is not
    an HTML page, and NoTextError (an ExtractionError carrying the page's metadata) when it
    holds no readable text (for instance an app shell that renders only with JavaScript).
    """
    kind = sniff_type(body, headers)
    if kind not in _HTML_TYPES:
        raise ExtractionError(f"not an HTML page ({kind})")
    tree = parse_html(body, headers)
    metas = meta_map(tree)
    objects = jsonld_objects(tree)
    host = urlsplit(url).hostname or ""
    site_name = extract_site_name(metas, objects)
    title = extract_title(tree, metas, objects, site_name, host)
    locale = extract_locale(tree, metas)
    trace = trace if trace is not None else DateTrace()
    # htmldate (asked inside find_published) hands dateparser only the page's language and
    # English: every language costs ~4 s of CPU once per process, ~25 ms per string none reads.
    with dates_in(page_languages(locale)):
        published, date_source = find_published(tree, metas, objects, url, now, locale=locale,
                                                trace=trace)
    canonical = extract_canonical(tree, metas, url)
    description = extract_description(metas)
    lang = extract_lang(tree, metas)
    has_scripts = tree.find(".//script") is not None

    if body_method == "rules":
        text = extract_body_rules(tree)
    else:
        # trafilatura works on its own copy of the tree (as htmldate does), so the rules can read
        # the same tree after it, without parsing the page again.
        text = extract_body_trafilatura(tree, url)
        if _word_count(text) < MIN_WORDS:
            text = extract_body_rules(tree) or text
    text = text.strip()

    if date_source in ("", "modified", "url-month") and text:
        # A press-release dateline ("BERLIN, May 3, 2021 /PRNewswire/ --") opens the text.
        dateline = in_bounds(parse_text_date(text[:250], day_first=slash_day_first(locale, host)), now)
        if dateline:
            published, date_source = dateline, "body"
    opening = in_bounds(opening_date(text, day_first=slash_day_first(locale, host)), now) \
        if text else None
    if opening is not None:
        # a candidate for the date picker too, where the rules took another reading
        trace.readings.append(("opening", opening))
    if date_source == "htmldate" and opening is not None:
        # htmldate's day is a search over the whole page; a date opening one of the article's
        # first lines is the article's own dateline.
        published, date_source = opening, "body"
    trace.rule = (published, date_source)
    published, date_source = pick_date(trace.readings, published, date_source)

    if published is not None and published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    page = ExtractedPage(
        url=url,
        canonical_url=canonical,
        title=title,
        published=published,
        text=text,
        site_name=site_name,
        description=description,
        lang=lang,
        published_from=date_source if published is not None else None,
    )
    if _word_count(text) < MIN_WORDS or (len(text) < 400 and _JS_NOTICE.search(text)):
        reason = "no readable text: the page may need JavaScript" if has_scripts else "no readable text"
        raise NoTextError(reason, replace(page, text=""))
    return page
