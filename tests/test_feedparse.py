"""Tests for the feed parser and feed dates (tidings.syndication) with small hand-written fixtures."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tidings.errors import FetchError
from tidings.syndication.feed_dates import parse_date, to_utc
from tidings.syndication.feed_parser import looks_like_feed, parse_feed

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "feeds"
FEED_URL = "https://acme.example.com/feeds/main.xml"


def _read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


# --------------------------------------------------------------------------- RSS / Atom / RDF


def test_rss_fast_path_text_links_dates_and_source() -> None:
    feed = parse_feed(_read("relative_links.rss"), FEED_URL, {"Content-Type": "application/rss+xml"})
    assert feed.parser == "fast" and feed.format == "rss" and not feed.bozo
    assert feed.title == "Acme & Co newsroom"
    assert feed.link == "https://acme.example.com/news/"
    first, permalink, aggregated = feed.entries
    assert first.title == "Acme launches Harbor & more"
    assert first.link == "https://acme.example.com/feeds/2024/harbor.html"
    assert first.guid == "acme-1"
    assert "alert" not in first.summary and first.summary == "Acme&Co launched Harbor."
    assert first.content.split("\n") == ["Full text of the launch.", "Second paragraph."]
    assert first.published == datetime(2024, 11, 12, 8, 30, tzinfo=UTC)
    # guid isPermaLink (the default) stands in for a missing <link>; dc:date for pubDate.
    assert permalink.link == "https://acme.example.com/news/2"
    assert permalink.published == datetime(2024, 11, 10, 8, 0, tzinfo=UTC)
    assert aggregated.source_name == "Reuters"
    assert aggregated.source_url == "https://www.reuters.example/"


def test_atom_xml_base_alternate_link_and_text_types() -> None:
    feed = parse_feed(_read("xml_base.atom"), FEED_URL)
    assert feed.parser == "fast" and feed.format == "atom"
    assert feed.title == "Acme blog"
    assert feed.link == "https://blog.acme.example.com/"
    entry, only_updated = feed.entries
    assert entry.title == "Harbor is live"
    # The alternate link wins over the enclosure, resolved through two levels of xml:base.
    assert entry.link == "https://blog.acme.example.com/posts/2024/harbor"
    assert entry.summary == "Plain <text> summary"  # type="text" is never parsed as HTML
    assert entry.content == "Hello & welcome"
    assert entry.published == datetime(2024, 11, 12, 14, 0, tzinfo=UTC)
    assert entry.updated == datetime(2024, 11, 13, 9, 0, tzinfo=UTC)
    assert entry.author == "Jane Roe"
    # No alternate link: an http(s) id is the address; the only date serves as published.
    assert only_updated.link == "https://blog.acme.example.com/posts/only-updated"
    assert only_updated.published == only_updated.updated is not None


def test_rdf_feed() -> None:
    feed = parse_feed(_read("rdf.xml"), FEED_URL)
    assert (feed.parser, feed.format) == ("fast", "rdf")
    (entry,) = feed.entries
    assert entry.link == "https://heise.example/a1"
    assert entry.summary == "Short & sweet"
    assert entry.published == datetime(2024, 10, 1, 10, 0, tzinfo=UTC)


def test_fast_and_feedparser_paths_agree_on_fixtures() -> None:
    from tidings.syndication.feed_parser import _parse_with_feedparser

    for name in ("relative_links.rss", "xml_base.atom", "rdf.xml"):
        fast = parse_feed(_read(name), FEED_URL)
        slow = _parse_with_feedparser(_read(name), FEED_URL, {})
        assert fast.parser == "fast" and slow.parser == "feedparser"
        assert [(e.title, e.link, e.published) for e in fast.entries] == [
            (e.title, e.link, e.published) for e in slow.entries
        ], name


def test_bozo_feed_is_recovered_through_feedparser() -> None:
    feed = parse_feed(_read("bozo_recoverable.rss"), FEED_URL)
    assert feed.parser == "feedparser"
    assert feed.bozo and feed.bozo_reason and "\n" not in feed.bozo_reason
    assert [e.link for e in feed.entries] == [
        "https://broken.example.com/1",
        "https://broken.example.com/2",
    ]
    assert feed.entries[0].title == "First story — ok"


def test_entity_bomb_is_refused_without_expanding() -> None:
    body = _read("entity_bomb.xml")
    with pytest.raises(FetchError, match="entity-expansion bomb"):
        parse_feed(body, FEED_URL)


def test_flat_entity_declarations_are_still_parsed() -> None:
    body = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY copy "(c)">]><rss version="2.0"><channel>'
        b"<title>x</title><item><title>Plain &copy; title</title><link>https://e.example/1</link>"
        b"</item></channel></rss>"
    )
    feed = parse_feed(body, FEED_URL)
    assert feed.entries[0].link == "https://e.example/1"


def test_http_charset_overrides_prolog() -> None:
    body = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>x</title>'
        "<item><title>Caf\xe9</title><link>https://e.example/1</link></item></channel></rss>"
    ).encode("latin-1")
    feed = parse_feed(body, FEED_URL, {"Content-Type": "application/xml; charset=ISO-8859-1"})
    assert feed.entries[0].title == "Café"


def test_latin1_declared_in_prolog_takes_fast_path() -> None:
    body = (
        '<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><title>x</title>'
        "<item><title>Caf\xe9</title><link>https://e.example/1</link></item></channel></rss>"
    ).encode("latin-1")
    feed = parse_feed(body, FEED_URL)
    assert feed.parser == "fast" and feed.entries[0].title == "Café"


def test_utf16_with_bom() -> None:
    text = (
        '<?xml version="1.0" encoding="utf-16"?><feed xmlns="http://www.w3.org/2005/Atom">'
        '<title>t</title><entry><title>Zürich</title><link href="https://e.example/z"/>'
        "<id>z</id><updated>2024-01-01T00:00:00Z</updated></entry></feed>"
    )
    feed = parse_feed(text.encode("utf-16"), FEED_URL)
    assert feed.entries[0].title == "Zürich"
    assert feed.entries[0].link == "https://e.example/z"


def test_leading_whitespace_before_declaration_still_fast() -> None:
    body = b'\n  <?xml version="1.0"?><rss version="2.0"><channel><item><title>a</title>' + (
        b"<link>https://e.example/a</link></item></channel></rss>"
    )
    feed = parse_feed(body, FEED_URL)
    assert feed.parser == "fast" and feed.entries[0].link == "https://e.example/a"


def test_unsafe_link_schemes_are_dropped() -> None:
    body = (
        b'<rss version="2.0"><channel><item><title>x</title>'
        b"<link>javascript:alert(1)</link></item></channel></rss>"
    )
    assert parse_feed(body, FEED_URL).entries[0].link is None


# --------------------------------------------------------------------------- JSON Feed


def test_json_feed() -> None:
    feed = parse_feed(_read("feed.json"), "https://acme.example.com/feed.json")
    assert feed.format == "json" and feed.title == "Acme JSON"
    first, second = feed.entries
    assert first.title == "JSON item & friends"
    assert first.link == "https://acme.example.com/news/json-1"
    assert first.content == "Body text"
    assert first.published == datetime(2024, 11, 12, 9, 0, tzinfo=UTC)
    assert first.author == "Acme PR"
    assert second.link == "https://elsewhere.example/2"
    assert second.summary == "No title here"
    assert second.published == datetime(2024, 11, 11, 10, 0, tzinfo=UTC)


def test_json_that_is_not_a_feed() -> None:
    with pytest.raises(FetchError, match="not a JSON Feed"):
        parse_feed(b'{"hello": "world"}', FEED_URL)


# --------------------------------------------------------------------------- not feeds


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "empty"),
        (b"  \n\t ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00garbage", "not a feed"),
        (b"just some text", "not a feed"),
        (b"<opml version='2.0'><body/></opml>", "not a feed"),
    ],
)
def test_not_a_feed_raises_fetch_error(body: bytes, message: str) -> None:
    with pytest.raises(FetchError, match=message):
        parse_feed(body, FEED_URL)


def test_html_page_raises_fetch_error() -> None:
    with pytest.raises(FetchError, match="HTML page"):
        parse_feed(_read("page.html"), FEED_URL, {"Content-Type": "text/html"})


def test_broken_feed_with_nothing_usable_raises() -> None:
    with pytest.raises(FetchError):
        parse_feed(b'<?xml version="1.0"?><rss version="2.0"><channel><title>x', FEED_URL)


def test_valid_feed_without_items_is_empty_not_an_error() -> None:
    feed = parse_feed(b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>', FEED_URL)
    assert feed.entries == [] and feed.title == "Quiet"


def test_looks_like_feed() -> None:
    assert looks_like_feed(_read("relative_links.rss"), "text/xml")
    assert looks_like_feed(_read("xml_base.atom"), None)
    assert looks_like_feed(_read("rdf.xml"), None)
    assert looks_like_feed(_read("feed.json"), "application/json")
    assert looks_like_feed(b"", "application/rss+xml")
    assert not looks_like_feed(_read("page.html"), "text/html")
    assert not looks_like_feed(b'{"a": 1}', "application/json")
    assert not looks_like_feed(b"", None)


# --------------------------------------------------------------------------- dates

NOW = datetime(2024, 11, 15, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thu, 01 Jan 2004 19:48:21 GMT", datetime(2004, 1, 1, 19, 48, 21, tzinfo=UTC)),
        ("Tue, 12 Nov 2024 09:30:00 +0100", datetime(2024, 11, 12, 8, 30, tzinfo=UTC)),
        ("Mon, 11 Nov 2024 10:00:00 PST", datetime(2024, 11, 11, 18, 0, tzinfo=UTC)),
        ("2024-11-12T09:00:00-05:00", datetime(2024, 11, 12, 14, 0, tzinfo=UTC)),
        ("2024-11-12T09:00:00.123Z", datetime(2024, 11, 12, 9, 0, tzinfo=UTC)),
        ("2024-11-12 09:00:00", datetime(2024, 11, 12, 9, 0, tzinfo=UTC)),
        ("2024-11-12", datetime(2024, 11, 12, tzinfo=UTC)),
        ("20241112T090000Z", datetime(2024, 11, 12, 9, 0, tzinfo=UTC)),
        ("Sun Jan  4 16:29:06 PST 2004", datetime(2004, 1, 5, 0, 29, 6, tzinfo=UTC)),
    ],
)
def test_parse_date_formats(text: str, expected: datetime) -> None:
    assert parse_date(text, now=NOW) == expected


@pytest.mark.parametrize(
    "text",
    ["", "not a date", "1994-12-31T23:59:59Z", "2024-11-18T00:00:00Z", "2024-13-45", "0000-00-00"],
)
def test_parse_date_rejects_invalid_and_implausible(text: str) -> None:
    assert parse_date(text, now=NOW) is None


def test_parse_date_future_window_follows_now() -> None:
    assert parse_date("2024-11-17T11:00:00Z", now=NOW) is not None  # within two days
    assert parse_date("2024-11-17T13:00:00Z", now=NOW) is None
    assert parse_date("2024-11-17T13:00:00Z", now=datetime(2024, 11, 16)) is not None


def test_to_utc_accepts_struct_time_datetimes_and_strings() -> None:
    naive = datetime(2024, 5, 6, 7, 8, 9)
    assert to_utc(naive, now=NOW) == naive.replace(tzinfo=UTC)
    aware = datetime.fromisoformat("2024-05-06T09:08:09+02:00")
    assert to_utc(aware, now=NOW) == datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)
    assert to_utc(naive.utctimetuple(), now=NOW) == naive.replace(tzinfo=UTC)
    assert to_utc("2024-05-06T07:08:09Z", now=NOW) == naive.replace(tzinfo=UTC)
    assert to_utc(None) is None
    assert to_utc(12345) is None
    assert to_utc(datetime(1980, 1, 1), now=NOW) is None
