"""find_feed_links: feed discovery from <link rel=alternate> and obvious <a> links."""

from __future__ import annotations

from pathlib import Path

from tidings.extract import find_feed_links

PAGES = Path(__file__).parent / "fixtures" / "pages"


def test_alternate_links_first_comments_last_no_non_feeds() -> None:
    feeds = find_feed_links((PAGES / "newsroom.html").read_bytes(), "https://northwind.example/news/")
    assert feeds[0] == ("https://northwind.example/news/feed/", "rss", "Northwind news (RSS)")
    assert feeds[1] == ("https://northwind.example/news/atom.xml", "atom", "Northwind news (Atom)")
    assert feeds[-1][0] == "https://northwind.example/comments/feed/"
    urls = [f[0] for f in feeds]
    assert len(urls) == len(set(urls))
    assert not any("wp-json" in u or "/de/news" in u or u.endswith(".css") for u in urls)


def test_anchor_links_to_feeds_and_json_feed() -> None:
    body = (b'<html><head><link rel="alternate" type="application/feed+json" href="/feed.json">'
            b'</head><body><a href="/blog/rss.xml">RSS</a> <a href="/blog/atom">Atom</a>'
            b'<a href="/blog/feeding-the-team">Feeding the team</a></body></html>')
    feeds = find_feed_links(body, "https://contoso.example/blog/")
    assert ("https://contoso.example/feed.json", "json", None) in feeds
    assert ("https://contoso.example/blog/rss.xml", "rss", "RSS") in feeds
    assert ("https://contoso.example/blog/atom", "atom", "Atom") in feeds
    assert not any("feeding" in f[0] for f in feeds)


def test_page_without_feeds() -> None:
    assert find_feed_links(b"<html><body><p>Hello</p></body></html>", "https://x.example/") == []
    assert find_feed_links(b"", "https://x.example/") == []
