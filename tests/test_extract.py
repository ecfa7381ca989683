"""extract_page and decode_html on small hand-written pages."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tidings.errors import ExtractionError
from tidings.extract import decode_html, extract_page

PAGES = Path(__file__).parent / "fixtures" / "pages"
NOW = datetime(2025, 1, 1, tzinfo=UTC)


def page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def test_jsonld_article_title_date_canonical_and_clean_text() -> None:
    url = "https://northwind.example/news/2024/11/12/northwind-launches-harbor?utm_source=x"
    result = extract_page(page("jsonld_article.html"), url, {"Content-Type": "text/html"}, now=NOW)
    assert result.title == "Northwind launches Harbor, its fleet-routing API"
    # 09:30 at UTC-5 is 14:30 UTC; the JSON-LD publication date wins over dateModified.
    assert result.published == datetime(2024, 11, 12, 14, 30, tzinfo=UTC)
    assert result.canonical_url == "https://northwind.example/news/2024/11/12/northwind-launches-harbor"
    assert result.site_name == "Northwind Newsroom"
    assert result.lang == "en"
    assert result.description and result.description.startswith("Harbor opens")
    assert "two hundred logistics firms" in result.text
    assert "free developer tier" in result.text
    for boilerplate in ("cookies", "Copyright", "Products", "Other story"):
        assert boilerplate not in result.text


def test_og_only_page() -> None:
    result = extract_page(page("og_only.html"), "https://contoso.example/blog/x", now=NOW)
    assert result.title == "Contoso raises $40M Series C to expand in Europe"
    # 23:30 at UTC+2 is 21:30 UTC the same day.
    assert result.published == datetime(2023, 3, 5, 21, 30, tzinfo=UTC)
    assert result.canonical_url == "https://contoso.example/blog/contoso-series-c"
    assert "Berlin and Madrid" in result.text


def test_dateline_only_page_and_title_without_site_suffix() -> None:
    result = extract_page(page("dateline_only.html"), "https://fabrikam.example/release", now=NOW)
    assert result.title == "Fabrikam names new chief executive"
    assert result.published is not None
    assert result.published.date().isoformat() == "2022-03-14"
    assert result.published.tzinfo is not None


def test_date_from_url_only() -> None:
    url = "https://tailspin.example/2021/06/15/tailspin-opens-second-factory"
    result = extract_page(page("url_date_only.html"), url, now=NOW)
    assert result.published is not None
    assert result.published.date().isoformat() == "2021-06-15"
    assert result.title == "Tailspin opens a second factory"


def test_future_date_rejected() -> None:
    result = extract_page(page("future_date.html"), "https://litware.example/results", now=NOW)
    assert result.published is None or result.published <= NOW
    assert result.title == "Litware announces quarterly results"


def test_iso_8859_1_page_with_meta_charset() -> None:
    body = page("latin1.html")
    assert "Café Müller" in decode_html(body, {})
    result = extract_page(body, "https://cafe.example/news/filiale", now=NOW)
    assert result.title == "Café Müller eröffnet neue Filiale"
    assert "dreißig neue Arbeitsplätze" in result.text


def test_header_charset_beats_meta_and_bom_beats_header() -> None:
    text = "<html><head><meta charset='utf-8'></head><body>Grüße €</body></html>"
    assert "Grüße €" in decode_html(text.encode("cp1252"), {"content-type": "text/html; "
                                                              "charset=windows-1252"})
    assert "Grüße" in decode_html(b"\xef\xbb\xbf" + text.encode("utf-8"),
                                  {"Content-Type": "text/html; charset=iso-8859-1"})
    assert "Grüße" in decode_html("\ufeff".encode("utf-16-le") + text.encode("utf-16-le"), None)


def test_undeclared_encoding_is_detected_or_replaced() -> None:
    body = ("<html><body><p>" + "Übergrößenträger äöü " * 20 + "</p></body></html>").encode(
        "cp1252"
    )
    text = decode_html(body, {})
    assert "<p>" in text and "\x00" not in text
    assert decode_html(b"\xff\xfe\xfa broken \xc3", {"Content-Type": "text/html; charset=bogus"})


def test_js_shell_raises() -> None:
    with pytest.raises(ExtractionError, match="JavaScript"):
        extract_page(page("js_shell.html"), "https://app.example/", now=NOW)


@pytest.mark.parametrize(
    ("body", "headers", "kind"),
    [
        (b"%PDF-1.7\n...", {"Content-Type": "application/pdf"}, "application/pdf"),
        (b"%PDF-1.7\n...", {}, "application/pdf"),
        (b"%PDF-1.7\n...", {"Content-Type": "application/octet-stream"}, "application/pdf"),
        (b"\x89PNG\r\n\x1a\n", None, "image/png"),
        (b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', {},
         "application/rss+xml"),
    ],
)
def test_not_html_raises(body: bytes, headers: dict[str, str] | None, kind: str) -> None:
    with pytest.raises(ExtractionError, match=re.escape(f"not an HTML page ({kind})")):
        extract_page(body, "https://example.com/file", headers)


def test_broken_html_still_yields_text() -> None:
    body = (b"<html><head><title>Broken page</title><body><div><p>Unclosed paragraph about "
            b"Northwind's new warehouse robots, which sort parcels twice as fast as before"
            b"<p>Another unclosed paragraph <b>with bold <i>nesting</b> errors</i> and more "
            b"words so that the page has enough text to count as an article body.</div></span>")
    result = extract_page(body, "https://example.com/broken", now=NOW)
    assert "warehouse robots" in result.text
    assert result.title == "Broken page"


def test_huge_page_is_capped() -> None:
    paragraph = b"<p>" + b"Northwind ships more parcels with fewer vans every year. " * 20 + b"</p>"
    body = b"<html><body><article>" + paragraph * 4000 + b"</article></body></html>"
    assert len(body) > 4_000_000
    result = extract_page(body, "https://example.com/huge", now=NOW)
    assert len(result.text) < 3_100_000


def test_empty_body_raises() -> None:
    with pytest.raises(ExtractionError):
        extract_page(b"   ", "https://example.com/empty", {"Content-Type": "text/html"})


def test_utc_timestamp_is_told_on_the_day_the_page_shows() -> None:
    # 02:15 UTC on the 13th is the evening of the 12th in New York, the date printed on the page.
    body = (
        b"<html><head><title>Acme ships Beacon</title><meta name='date' content='2024-11-12'>"
        b'<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Acme ships Beacon",'
        b' "datePublished": "2024-11-13T02:15:00Z"}</script></head><body><article>'
        b"<h1>Acme ships Beacon</h1><p class='byline'>By Ann Lee | November 12, 2024</p>"
        + b"<p>Acme shipped Beacon, its new sensor, to the first customers in Ohio this week.</p>" * 8
        + b"</article></body></html>"
    )
    result = extract_page(body, "https://acme.example/news/beacon", now=NOW)
    assert result.published is not None
    assert result.published.date().isoformat() == "2024-11-12"
    assert result.published == datetime(2024, 11, 13, 2, 15, tzinfo=UTC)  # the same instant


def test_on_local_day_picks_the_offset_nearest_utc() -> None:
    from tidings.extract.page import on_local_day

    instant = datetime(2024, 11, 13, 2, 15, tzinfo=UTC)
    assert on_local_day(instant, datetime(2024, 11, 12, tzinfo=UTC)).utcoffset().total_seconds() == -3 * 3600
    assert on_local_day(instant, datetime(2024, 11, 13, tzinfo=UTC)) == instant
    assert on_local_day(instant, datetime(2024, 11, 20, tzinfo=UTC)) is instant  # no offset reaches it


def test_jsonld_wrapped_in_cdata_is_read() -> None:
    # Some CMSs wrap the JSON-LD block in a CDATA section, with or without "//" before it.
    body = "<p>Northwind opened a new depot near the harbour, with room for two hundred trucks.</p>"
    for opening, closing in (("<![CDATA[", "]]>"), ("//<![CDATA[", "//]]>")):
        html = (f'<html><head><script type="application/ld+json">{opening}'
                '{"@type": "NewsArticle", "headline": "Northwind opens a depot", '
                f'"datePublished": "2020-07-10T14:15:42+00:00"}}{closing}</script>'
                f"<meta property='article:modified_time' content='2025-01-07T09:08:22+00:00'>"
                f"</head><body><h1>Northwind opens a depot</h1>{body * 3}</body></html>")
        result = extract_page(html.encode(), "https://northwind.example/depot", now=NOW)
        assert result.published == datetime(2020, 7, 10, 14, 15, 42, tzinfo=UTC)
        assert result.published_from == "jsonld"
