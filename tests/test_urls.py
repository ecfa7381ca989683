"""URL canonicalisation: differently-decorated links to one story must become one URL."""

from __future__ import annotations

import pytest

from tidings.urls import canonicalize_url, host_of, looks_like_url, stable_id


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # tracking parameters go, in any case, wherever they sit
        ("https://a.example/p?utm_source=x&utm_medium=y", "https://a.example/p"),
        ("https://a.example/p?id=7&fbclid=abc", "https://a.example/p?id=7"),
        ("https://a.example/p?gclid=1&id=7", "https://a.example/p?id=7"),
        ("https://a.example/p?UTM_Campaign=z&id=7", "https://a.example/p?id=7"),
        ("https://a.example/p?utm%5Fcontent=z&id=7", "https://a.example/p?id=7"),
        # scheme and host lower-cased, path case kept
        ("HTTPS://News.Example.COM/Press/Launch-Day", "https://news.example.com/Press/Launch-Day"),
        # fragment dropped
        ("https://a.example/post#comments", "https://a.example/post"),
        # default ports dropped, others kept
        ("http://a.example:80/x", "http://a.example/x"),
        ("https://a.example:443/x", "https://a.example/x"),
        ("https://a.example:8443/x", "https://a.example:8443/x"),
        ("http://a.example:443/x", "http://a.example:443/x"),
        # other parameters kept, in their order, exactly as written
        ("https://a.example/s?z=1&utm_source=x&a=2", "https://a.example/s?z=1&a=2"),
        ("https://a.example/s?b=2&a=1", "https://a.example/s?b=2&a=1"),
        ("https://a.example/s?q=a%20b&r=%2F", "https://a.example/s?q=a%20b&r=%2F"),
        ("https://a.example/s?preview", "https://a.example/s?preview"),
        ("https://a.example/s?id=1&id=2", "https://a.example/s?id=1&id=2"),
        # an empty path is the root; a trailing dot on the host is the same host
        ("https://A.example", "https://a.example/"),
        ("https://a.example./x", "https://a.example/x"),
        # IPv6 literals keep their brackets (and a port stays outside them)
        ("http://[::1]:8080/a?b=1#x", "http://[::1]:8080/a?b=1"),
        ("http://[2001:DB8::1]:80/", "http://[2001:db8::1]/"),
    ],
)
def test_canonicalize_url(url: str, expected: str) -> None:
    assert canonicalize_url(url) == expected


def test_canonicalize_url_is_idempotent() -> None:
    urls = [
        "HTTP://Example.com:80/A?x=1&utm_source=y#f",
        "https://a.example/s?q=a%20b&preview",
        "http://[::1]:9/x",
    ]
    for url in urls:
        once = canonicalize_url(url)
        assert canonicalize_url(once) == once


def test_only_tracking_parameters_leave_no_question_mark() -> None:
    assert "?" not in canonicalize_url("https://a.example/p?utm_source=x&fbclid=y&gclid=z")


def test_parameters_that_merely_contain_tracking_words_are_kept() -> None:
    # "butm_source" and "page_utm" select content as far as we know; only exact names/prefixes go
    url = "https://a.example/p?butm_source=1&page_utm=2"
    assert canonicalize_url(url) == url


def test_non_http_urls_only_lose_their_fragment() -> None:
    assert canonicalize_url("file:///tmp/Feed.XML#top") == "file:///tmp/Feed.XML"
    assert canonicalize_url("urn:uuid:1234") == "urn:uuid:1234"


def test_malformed_urls_do_not_raise() -> None:
    for url in ("http://[::1", "https://a.example:notaport/x", "", "   "):
        assert isinstance(canonicalize_url(url), str)


def test_stable_id_is_stable_short_and_part_sensitive() -> None:
    first = stable_id("url:https://a.example/x")
    assert first == stable_id("url:https://a.example/x")
    assert len(first) == 16 and all(c in "0123456789abcdef" for c in first)
    assert stable_id("a", "b") != stable_id("ab")
    assert stable_id("a", "b") != stable_id("a\x1fb", "")


def test_host_of_and_looks_like_url() -> None:
    assert host_of("https://News.Example.com:8080/x") == "news.example.com"
    assert host_of("http://[::1") == ""
    assert looks_like_url("https://x.example")
    assert not looks_like_url("ftp://x.example")
