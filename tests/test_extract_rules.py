"""One test per extraction rule added by measurement on the corpus (titles, dates, links)."""

from __future__ import annotations

from datetime import UTC, datetime

from tidings.extract import extract_page
from tidings.extract.dates import date_from_url, month_from_url

NOW = datetime(2025, 1, 1, tzinfo=UTC)
FILLER = "<p>" + "Northwind ships more parcels with fewer vans, the company said on Monday. " * 6 + "</p>"


def html(head: str, body: str) -> bytes:
    return f"<html><head>{head}</head><body>{body}</body></html>".encode()


def test_url_date_needs_a_real_separator_after_compact_digits() -> None:
    # A 14-digit stamp is not a yyyymmdd date followed by a separator.
    assert date_from_url("https://example.com/id/20131110121040/story") is None
    assert date_from_url("https://example.com/news/20210503-launch") == datetime(
        2021, 5, 3, tzinfo=UTC
    )


def test_web_archive_capture_stamp_is_not_the_publication_date() -> None:
    archived = "https://web.archive.org/web/20160526181643/http://blog.example/orga-life/"
    assert date_from_url(archived) is None
    dated = "https://web.archive.org/web/20160526181643/http://blog.example/2012/08/02/post/"
    assert date_from_url(dated) == datetime(2012, 8, 2, tzinfo=UTC)
    assert month_from_url("https://web.archive.org/web/2016/05/x") is None


def test_published_meta_beats_a_later_visible_updated_date() -> None:
    head = ('<meta property="article:published_time" content="2019-04-09T08:00:15-06:00">'
            '<meta property="article:modified_time" content="2021-12-10T20:06:09-07:00">'
            "<title>Northwind opens a depot</title>")
    body = ("<article><h1>Northwind opens a depot</h1>"
            "<p class='updated'>Updated December 10, 2021</p>" + FILLER + "</article>")
    page = extract_page(html(head, body), "https://news.example/northwind-depot", now=NOW)
    assert page.published is not None
    assert page.published.date().isoformat() == "2019-04-09"
