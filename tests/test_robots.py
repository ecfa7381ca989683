"""tidings.network.robots: RFC 9309 matching, one fetch per host, and HttpClient(respect_robots=True)."""

from __future__ import annotations

import logging
import socket
import threading
import time

import pytest

from tests.httpserver import Route, redirect, serve
from tidings.errors import FetchError
from tidings.network.http_client import HttpClient
from tidings.network.robots import RobotsCache, RobotsDisallowed, parse_robots


@pytest.fixture(autouse=True)
def _no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)


SITE = "https://news.example"


def test_specific_group_beats_star() -> None:
    text = """
    User-agent: *
    Disallow: /

    User-agent: Tidings/1.0
    Disallow: /private
    """
    rules = parse_robots(text)
    assert rules.allowed(f"{SITE}/press/launch")
    assert not rules.allowed(f"{SITE}/private/x")
    # Another bot gets the star group.
    assert not parse_robots(text, token="otherbot").allowed(f"{SITE}/press")


def test_longest_match_wins_and_allow_wins_ties() -> None:
    rules = parse_robots(
        "User-agent: *\nDisallow: /news\nAllow: /news/press\nDisallow: /a\nAllow: /a\n"
    )
    assert not rules.allowed(f"{SITE}/news/archive")
    assert rules.allowed(f"{SITE}/news/press/2025")
    assert rules.allowed(f"{SITE}/a/b")


def test_wildcards_and_end_anchor() -> None:
    rules = parse_robots("User-agent: *\nDisallow: /*?q=\nDisallow: /*.pdf$\nDisallow: /tmp*\n")
    assert not rules.allowed(f"{SITE}/search?q=acme")
    assert rules.allowed(f"{SITE}/search?page=2")
    assert not rules.allowed(f"{SITE}/files/report.pdf")
    assert rules.allowed(f"{SITE}/files/report.pdf.html")
    assert not rules.allowed(f"{SITE}/tmpfile")


def test_empty_disallow_comments_and_crawl_delay() -> None:
    text = "# hello\nUser-agent: tidings # us\nDisallow:\nCrawl-delay: 2.5\nSitemap: /s.xml\n"
    rules = parse_robots(text)
    assert rules.allowed(f"{SITE}/anything")
    assert rules.crawl_delay == 2.5
    assert rules.sitemaps == ["/s.xml"]


def test_groups_with_several_agents_and_robots_txt_always_allowed() -> None:
    text = "User-agent: a\nUser-agent: tidings\nDisallow: /\n"
    rules = parse_robots(text)
    assert not rules.allowed(f"{SITE}/")
    assert rules.allowed(f"{SITE}/robots.txt")


def test_no_matching_group_allows_everything() -> None:
    rules = parse_robots("User-agent: googlebot\nDisallow: /\n")
    assert rules.allowed(f"{SITE}/x") and rules.crawl_delay is None


def test_percent_encoding_is_compared_decoded() -> None:
    rules = parse_robots("User-agent: *\nDisallow: /caf%C3%A9\n")
    assert not rules.allowed(f"{SITE}/café/menu")


def test_robots_disallowed_is_fetch_error() -> None:
    assert issubclass(RobotsDisallowed, FetchError)


# -- against a real server on 127.0.0.1 ----------------------------------------------------


ROBOTS = b"User-agent: *\nDisallow: /private\nCrawl-delay: 0.25\n"


def test_cache_fetches_robots_once_per_host() -> None:
    with serve({"/robots.txt": Route(ROBOTS)}) as server, HttpClient() as client:
        cache = RobotsCache(client)
        results: list[bool] = []

        def check() -> None:
            results.append(cache.allowed(server.url("/news")))

        threads = [threading.Thread(target=check) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=5)
        assert not cache.allowed(server.url("/private/doc"))
        assert cache.crawl_delay(server.url("/x")) == 0.25
        assert results == [True] * 6
        assert len(server.requests_for("/robots.txt")) == 1
        assert server.requests[0].headers["user-agent"].startswith("tidings/")


def test_missing_robots_allows_all() -> None:
    with serve({}) as server, HttpClient() as client:
        cache = RobotsCache(client)
        assert cache.allowed(server.url("/anything"))
        assert cache.crawl_delay(server.url("/anything")) is None


def test_server_error_allows_but_logs(caplog: pytest.LogCaptureFixture) -> None:
    with serve({"/robots.txt": Route(b"oops", status=500)}) as server, HttpClient() as client:
        with caplog.at_level(logging.WARNING, logger="tidings.network.robots"):
            assert RobotsCache(client).allowed(server.url("/page"))
    assert any("robots.txt" in r.getMessage() for r in caplog.records)


def test_unreachable_host_allows_but_logs(caplog: pytest.LogCaptureFixture) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with HttpClient(connect_timeout=1) as client, caplog.at_level(logging.WARNING):
        assert RobotsCache(client).allowed(f"http://127.0.0.1:{port}/page")
    assert any("unavailable" in r.getMessage() for r in caplog.records)


def test_file_urls_are_always_allowed() -> None:
    with HttpClient() as client:
        assert RobotsCache(client).allowed("file:///tmp/feed.xml")


def test_client_refuses_disallowed_url_without_fetching_it() -> None:
    routes = {"/robots.txt": Route(b"User-agent: tidings\nDisallow: /private\n"),
              "/private/x": Route(b"secret"), "/public": Route(b"hello"),
              "/sneaky": redirect("/private/x", 302)}
    with serve(routes) as server, HttpClient(respect_robots=True) as client:
        assert client.get(server.url("/public")).body == b"hello"
        with pytest.raises(RobotsDisallowed, match="robots.txt disallows"):
            client.get(server.url("/private/x"))
        # A redirect into a disallowed path is refused too.
        with pytest.raises(RobotsDisallowed):
            client.get(server.url("/sneaky"))
        paths = [r.path for r in server.requests]
    assert "/private/x" not in paths
    assert paths.count("/robots.txt") == 1


def test_client_without_robots_does_not_ask() -> None:
    routes = {"/robots.txt": Route(b"User-agent: *\nDisallow: /\n"), "/p": Route(b"ok")}
    with serve(routes) as server, HttpClient() as client:
        assert client.get(server.url("/p")).body == b"ok"
        assert server.requests_for("/robots.txt") == []


def test_crawl_delay_spaces_requests_to_that_host() -> None:
    routes = {"/robots.txt": Route(ROBOTS), "/a": Route(b"a")}
    with serve(routes) as server, HttpClient(respect_robots=True) as client:
        # Spacing is between request starts, so time from before the first request: timing from
        # its end lets a slow first request (a loaded machine) eat into the measured gap.
        started = time.monotonic()
        client.get(server.url("/a"))
        client.get(server.url("/a"))
        client.get(server.url("/a"))
        assert time.monotonic() - started >= 0.5
