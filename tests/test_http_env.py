"""HttpClient honours what a requests Session takes from the environment (proxies, no_proxy)
and keeps a session's cookies, although it reads the environment once rather than per request.
Everything runs against servers on 127.0.0.1."""

from __future__ import annotations

import pytest

from tests.httpserver import Route, serve
from tidings.network.http_client import HttpClient

PROXY_VARIABLES = ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy",
                   "ALL_PROXY", "no_proxy", "NO_PROXY")


@pytest.fixture
def clean_proxy_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_http_proxy_from_environment_carries_the_request(
    clean_proxy_env: pytest.MonkeyPatch,
) -> None:
    with serve({"/feed.xml": Route(b"via proxy")}) as proxy, serve(
        {"/feed.xml": Route(b"direct")}
    ) as origin:
        clean_proxy_env.setenv("http_proxy", proxy.base_url)
        with HttpClient() as client:
            response = client.get(origin.url("/feed.xml"))
    assert response.body == b"via proxy"
    assert origin.requests == []
    # A proxy receives the absolute URL in the request line.
    assert proxy.requests[0].path == origin.url("/feed.xml")


def test_no_proxy_host_is_fetched_directly(clean_proxy_env: pytest.MonkeyPatch) -> None:
    with serve({"/feed.xml": Route(b"via proxy")}) as proxy, serve(
        {"/feed.xml": Route(b"direct")}
    ) as origin:
        clean_proxy_env.setenv("http_proxy", proxy.base_url)
        clean_proxy_env.setenv("no_proxy", "127.0.0.1")
        with HttpClient() as client:
            response = client.get(origin.url("/feed.xml"))
    assert response.body == b"direct"
    assert proxy.requests == []


def test_cookie_set_before_a_redirect_is_sent_on_the_next_hop(
    clean_proxy_env: pytest.MonkeyPatch,
) -> None:
    routes = {
        "/start": Route(status=302, headers={"Location": "/feed.xml", "Set-Cookie": "consent=yes"}),
        "/feed.xml": Route(b"<rss/>"),
    }
    with serve(routes) as server, HttpClient() as client:
        response = client.get(server.url("/start"))
        assert response.body == b"<rss/>"
        assert server.requests_for("/feed.xml")[0].headers.get("cookie") == "consent=yes"
        assert "cookie" not in server.requests_for("/start")[0].headers


def test_malformed_proxy_setting_is_named_as_such(clean_proxy_env: pytest.MonkeyPatch) -> None:
    from tidings.network.http_client import HttpError

    clean_proxy_env.setenv("http_proxy", "::bad::")
    with HttpClient() as client, pytest.raises(HttpError, match="invalid proxy setting"):
        client.get("http://127.0.0.1:9/feed.xml")
