"""tidings.network.http_client: real-server tests on 127.0.0.1 plus `responses` tests for status logic."""

from __future__ import annotations

import email.utils
import gzip
import socket
import threading
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
import responses
import urllib3

import tidings
from tests.httpserver import (
    Route,
    endless,
    gzip_bomb,
    redirect,
    retry_after,
    serve,
    trickle,
)
from tidings.errors import FetchError
from tidings.network.http_client import HttpClient, HttpError, Response, http_date, parse_retry_after


@pytest.fixture(autouse=True)
def _no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    # A proxy from the environment would send "127.0.0.1" requests somewhere else.
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def client() -> Iterator[HttpClient]:
    with HttpClient(connect_timeout=2, read_timeout=2, total_timeout=5) as c:
        yield c


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- basics -------------------------------------------------------------------------------------


def test_get_returns_body_headers_and_validators(client: HttpClient) -> None:
    lm = "Wed, 01 Oct 2025 10:00:00 GMT"
    routes = {"/feed.xml": Route(b"<rss/>", etag='"v1"', last_modified=lm,
                                 headers={"Content-Type": "application/rss+xml"})}
    with serve(routes) as server:
        resp = client.get(server.url("/feed.xml"), accept="application/rss+xml")
        sent = server.requests[-1].headers
    assert resp.status == 200 and resp.body == b"<rss/>"
    assert resp.url == server.url("/feed.xml")
    assert resp.etag == '"v1"' and resp.last_modified == lm
    assert resp.headers["content-type"] == "application/rss+xml"
    assert all(k == k.lower() for k in resp.headers)
    assert not resp.not_modified and resp.permanent_url is None
    assert resp.elapsed > 0
    assert sent["user-agent"] == tidings.USER_AGENT
    assert sent["accept"] == "application/rss+xml"
    assert "gzip" in sent["accept-encoding"]
    assert "if-none-match" not in sent and "if-modified-since" not in sent


def test_http_error_is_a_fetch_error() -> None:
    assert issubclass(HttpError, FetchError)


def test_conditional_get_sends_validators_and_handles_304(client: HttpClient) -> None:
    lm = "Wed, 01 Oct 2025 10:00:00 GMT"
    with serve({"/f": Route(b"one", etag='"v1"', last_modified=lm)}) as server:
        first = client.get(server.url("/f"))
        second = client.get(server.url("/f"), etag=first.etag, last_modified=first.last_modified)
        assert second.status == 304 and second.not_modified and second.body == b""
        sent = server.requests[-1].headers
        assert sent["if-none-match"] == '"v1"' and sent["if-modified-since"] == lm
        # The content changes: the old validators no longer match and the new body arrives.
        server.routes["/f"] = Route(b"two", etag='"v2"')
        third = client.get(server.url("/f"), etag=first.etag)
    assert third.status == 200 and third.body == b"two" and third.etag == '"v2"'


def test_if_modified_since_alone(client: HttpClient) -> None:
    lm = "Wed, 01 Oct 2025 10:00:00 GMT"
    with serve({"/f": Route(b"x", last_modified=lm)}) as server:
        resp = client.get(server.url("/f"), last_modified=lm, etag='"client-side"')
        assert resp.not_modified
        # The 304 carried no ETag, so the one sent stays the one to store.
        assert resp.etag == '"client-side"' and resp.last_modified == lm
        older = "Tue, 30 Sep 2025 10:00:00 GMT"
        assert client.get(server.url("/f"), last_modified=older).body == b"x"


# -- redirects ----------------------------------------------------------------------------------


def test_permanent_redirect_chain_sets_permanent_url(client: HttpClient) -> None:
    routes = {"/old": redirect("/mid", 301), "/mid": redirect("/new", 308), "/new": Route(b"ok")}
    with serve(routes) as server:
        resp = client.get(server.url("/old"))
    assert resp.body == b"ok" and resp.url == server.url("/new")
    assert resp.permanent_url == server.url("/new")


def test_temporary_hop_clears_permanent_url(client: HttpClient) -> None:
    routes = {"/old": redirect("/mid", 301), "/mid": redirect("/new", 302), "/new": Route(b"ok")}
    with serve(routes) as server:
        resp = client.get(server.url("/old"))
    assert resp.url == server.url("/new") and resp.permanent_url is None


def test_redirect_loop_fails_clearly(client: HttpClient) -> None:
    with serve({"/a": redirect("/b", 302), "/b": redirect("/a", 302)}) as server:
        with pytest.raises(HttpError, match="redirect loop at .*/a"):
            client.get(server.url("/a"))
        assert len(server.requests) == 4


def test_self_redirect_once_is_allowed(client: HttpClient) -> None:
    # Cookie-setting sites redirect a page to itself once; that is not a loop.
    routes = {"/p": redirect("/p", 302)}
    with serve(routes) as server:
        with pytest.raises(HttpError, match="redirect loop"):
            client.get(server.url("/p"))
        # Followed once (the cookie case), refused the second time.
        assert len(server.requests) == 2


def test_redirect_without_location_is_an_error(client: HttpClient) -> None:
    with serve({"/r": Route(b"", status=302)}) as server:
        with pytest.raises(HttpError, match="HTTP 302 Found without a Location header"):
            client.get(server.url("/r"))


def test_too_many_redirects() -> None:
    routes = {f"/{i}": redirect(f"/{i + 1}") for i in range(10)}
    with serve(routes) as server, HttpClient(max_redirects=3, total_timeout=5) as c:
        with pytest.raises(HttpError, match=r"too many redirects \(more than 3\)"):
            c.get(server.url("/0"))
        assert len(server.requests) == 4


def test_redirect_to_file_url_is_refused(client: HttpClient, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("private")
    routes = {"/r": redirect(secret.as_uri(), 302), "/f": redirect("ftp://127.0.0.1/x", 301)}
    with serve(routes) as server:
        with pytest.raises(HttpError, match="refused redirect .* file URL") as info:
            client.get(server.url("/r"))
        assert "private" not in str(info.value)
        with pytest.raises(HttpError, match="refused redirect .* ftp URL"):
            client.get(server.url("/f"))


# -- size limits and compression -------------------------------------------------------------


def test_declared_content_length_over_limit_fails_before_reading() -> None:
    with serve({"/big": endless(declare_length=2**30)}) as server:
        with HttpClient(total_timeout=5) as c:
            started = time.monotonic()
            with pytest.raises(HttpError, match="response too large") as info:
                c.get(server.url("/big"))
    assert time.monotonic() - started < 2
    assert str(info.value.args[0]).count("\n") == 0


def test_endless_body_is_cut_at_max_bytes() -> None:
    with serve({"/endless": endless()}) as server:
        with HttpClient(max_bytes=200_000, total_timeout=5) as c:
            with pytest.raises(HttpError, match="response too large"):
                c.get(server.url("/endless"))


def test_body_exactly_at_limit_is_accepted() -> None:
    with serve({"/x": Route(b"a" * 1000)}) as server, HttpClient(max_bytes=1000) as c:
        assert len(c.get(server.url("/x")).body) == 1000


def test_gzip_is_decoded_and_framing_headers_dropped(client: HttpClient) -> None:
    body = b"<rss>" + b"news " * 5000 + b"</rss>"
    with serve({"/g": Route(body, gzip=True)}) as server:
        resp = client.get(server.url("/g"))
    assert resp.body == body
    assert "content-encoding" not in resp.headers and "content-length" not in resp.headers


@pytest.mark.parametrize("raw", [False, True])
def test_deflate_zlib_and_raw_are_decoded(client: HttpClient, raw: bool) -> None:
    body = b"hello deflate " * 100
    if raw:
        packer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
        packed = packer.compress(body) + packer.flush()
    else:
        packed = zlib.compress(body)
    with serve({"/d": Route(packed, headers={"Content-Encoding": "deflate"})}) as server:
        assert client.get(server.url("/d")).body == body


def test_concatenated_gzip_members(client: HttpClient) -> None:
    packed = gzip.compress(b"first ") + gzip.compress(b"second")
    with serve({"/m": Route(packed, headers={"Content-Encoding": "gzip"})}) as server:
        assert client.get(server.url("/m")).body == b"first second"


def test_gzip_bomb_fails_cleanly() -> None:
    bomb = gzip_bomb(10 * 2**20)
    assert len(bomb.body) < 20 * 2**10  # the premise: ~10 KB on the wire
    with serve({"/bomb": bomb}) as server, HttpClient(max_bytes=2**20) as c:
        with pytest.raises(HttpError, match="response too large"):
            c.get(server.url("/bomb"))


def test_gzip_bomb_over_default_limit() -> None:
    with serve({"/bomb": gzip_bomb(10 * 2**20 + 1)}) as server, HttpClient() as c:
        with pytest.raises(HttpError, match="response too large"):
            c.get(server.url("/bomb"))


def test_corrupt_gzip_is_a_readable_error(client: HttpClient) -> None:
    route = Route(b"this is not gzip at all", headers={"Content-Encoding": "gzip"})
    with serve({"/bad": route}) as server:
        with pytest.raises(HttpError, match="corrupt gzip response"):
            client.get(server.url("/bad"))


def test_unsupported_content_encoding(client: HttpClient) -> None:
    with serve({"/br": Route(b"\x0b\x02", headers={"Content-Encoding": "br"})}) as server:
        with pytest.raises(HttpError, match="unsupported Content-Encoding 'br'"):
            client.get(server.url("/br"))


# -- timeouts ---------------------------------------------------------------------------------


@pytest.mark.parametrize("chunked", [False, True])
def test_trickling_server_is_cut_off_at_total_timeout(chunked: bool) -> None:
    # Each byte arrives well within the read timeout, so only the total cap can stop it.
    with serve({"/slow": trickle(b"x" * 200, interval=0.1, chunked=chunked)}) as server:
        with HttpClient(read_timeout=5, total_timeout=1.0) as c:
            started = time.monotonic()
            with pytest.raises(HttpError, match="gave up .* after 1s in total"):
                c.get(server.url("/slow"))
            took = time.monotonic() - started
    assert 0.9 <= took < 2.0


def test_chunked_stream_is_read_whole(client: HttpClient) -> None:
    pieces = [b"<rss>", b"<item/>" * 50, b"</rss>"]
    with serve({"/c": Route(stream=lambda: pieces, chunked=True)}) as server:
        assert client.get(server.url("/c")).body == b"".join(pieces)


def test_silent_server_hits_read_timeout() -> None:
    with serve({"/hang": Route(b"late", delay=3)}) as server:
        with HttpClient(read_timeout=0.3, total_timeout=5) as c:
            started = time.monotonic()
            with pytest.raises(HttpError, match="stopped responding") as info:
                c.get(server.url("/hang"))
            assert time.monotonic() - started < 1.5
    assert "HTTPConnectionPool" not in str(info.value)


def test_total_timeout_caps_waiting_for_headers() -> None:
    with serve({"/hang": Route(b"late", delay=3)}) as server:
        with HttpClient(read_timeout=10, total_timeout=0.4) as c:
            started = time.monotonic()
            with pytest.raises(HttpError):
                c.get(server.url("/hang"))
            assert time.monotonic() - started < 1.5


# -- status codes -----------------------------------------------------------------------------


def test_retry_after_seconds_on_429(client: HttpClient) -> None:
    with serve({"/busy": retry_after("120")}) as server:
        with pytest.raises(HttpError) as info:
            client.get(server.url("/busy"))
    assert info.value.status == 429 and info.value.retry_after == 120
    assert str(info.value).startswith("HTTP 429 Too Many Requests")


def test_retry_after_http_date_on_503(client: HttpClient) -> None:
    later = email.utils.formatdate(time.time() + 600, usegmt=True)
    with serve({"/down": retry_after(later, status=503)}) as server:
        with pytest.raises(HttpError) as info:
            client.get(server.url("/down"))
    assert info.value.status == 503
    assert info.value.retry_after is not None and 590 <= info.value.retry_after <= 600


def test_gone_and_server_error(client: HttpClient) -> None:
    routes = {"/gone": Route(b"", status=410), "/boom": Route(b"trace", status=500)}
    with serve(routes) as server:
        with pytest.raises(HttpError) as gone:
            client.get(server.url("/gone"))
        with pytest.raises(HttpError) as boom:
            client.get(server.url("/boom"))
        with pytest.raises(HttpError) as missing:
            client.get(server.url("/nowhere"))
    assert gone.value.gone and gone.value.status == 410
    assert str(boom.value) == "HTTP 500 Internal Server Error"
    assert not boom.value.gone and boom.value.retry_after is None
    assert missing.value.status == 404 and str(missing.value) == "HTTP 404 Not Found"


def test_connection_refused_is_one_readable_line(client: HttpClient) -> None:
    url = f"http://127.0.0.1:{_free_port()}/feed"
    with pytest.raises(HttpError, match="cannot connect to 127.0.0.1: connection refused") as info:
        client.get(url)
    text = str(info.value)
    assert "\n" not in text and "Pool" not in text and "object at 0x" not in text


def test_truncated_body_is_reported_and_retried() -> None:
    route = Route(stream=lambda: [b"<rss>"], headers={"Content-Length": "100"})
    with serve({"/cut": route}) as server, HttpClient(backoff=0.01) as c:
        with pytest.raises(HttpError, match="broke off while reading") as info:
            c.get(server.url("/cut"))
        assert len(server.requests) == 2
    assert info.value.transient


@pytest.mark.parametrize("url", ["http://" + "a" * 70 + ".test/", "https://:80/", "http://a b/"])
def test_malformed_urls_fail_before_any_connection(client: HttpClient, url: str) -> None:
    with pytest.raises(HttpError, match="^invalid URL: "):
        client.get(url)


def test_unsupported_scheme(client: HttpClient) -> None:
    with pytest.raises(HttpError, match="unsupported URL scheme 'ftp'"):
        client.get("ftp://127.0.0.1/feed.xml")


# -- file URLs --------------------------------------------------------------------------------


def test_file_url_reads_local_file(client: HttpClient, tmp_path: Path) -> None:
    path = tmp_path / "saved feed.xml"
    path.write_bytes(b"<rss/>")
    resp = client.get(path.as_uri())
    assert resp.status == 200 and resp.body == b"<rss/>"
    assert resp.headers["content-type"] in ("application/xml", "text/xml")
    again = client.get(path.as_uri(), last_modified=resp.last_modified)
    assert again.not_modified and again.body == b""


def test_file_url_limits_and_errors(tmp_path: Path) -> None:
    big = tmp_path / "big.xml"
    big.write_bytes(b"x" * 2001)
    with HttpClient(max_bytes=2000) as c:
        with pytest.raises(HttpError, match="too large"):
            c.get(big.as_uri())
        with pytest.raises(HttpError, match="no such file"):
            c.get((tmp_path / "missing.xml").as_uri())


# -- concurrency and pacing -----------------------------------------------------------------


def test_per_host_limit_serialises_requests() -> None:
    in_flight = 0
    peak = 0
    lock = threading.Lock()

    def body() -> Iterator[bytes]:
        nonlocal in_flight, peak
        with lock:
            in_flight += 1
            peak = max(peak, in_flight)
        time.sleep(0.15)
        with lock:
            in_flight -= 1
        yield b"done"

    with serve({"/s": Route(stream=body)}) as server, HttpClient(per_host=1) as c:
        threads = [threading.Thread(target=c.get, args=(server.url("/s"),)) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=5)
    assert len(server.requests) == 3
    assert peak == 1


def test_min_host_interval_spaces_requests() -> None:
    with serve({"/p": Route(b"ok")}) as server, HttpClient(min_host_interval=0.2) as c:
        started = time.monotonic()
        for _ in range(3):
            c.get(server.url("/p"))
        assert time.monotonic() - started >= 0.4


def test_client_shared_across_threads() -> None:
    routes = {f"/{i}": Route(str(i).encode()) for i in range(12)}
    results: dict[int, bytes] = {}

    def fetch(i: int, c: HttpClient, base: str) -> None:
        results[i] = c.get(f"{base}/{i}").body

    with serve(routes) as server, HttpClient(max_workers=4, per_host=4) as c:
        threads = [
            threading.Thread(target=fetch, args=(i, c, server.base_url)) for i in range(12)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=5)
    assert results == {i: str(i).encode() for i in range(12)}


# -- unit tests with `responses` ------------------------------------------------------------

BASE = "http://127.0.0.1:9"  # never contacted: `responses` intercepts every request


@responses.activate
def test_responses_validators_and_304() -> None:
    responses.get(
        f"{BASE}/feed",
        status=304,
        headers={"ETag": '"abc"'},
        match=[responses.matchers.header_matcher({"If-None-Match": '"abc"'})],
    )
    with HttpClient() as c:
        resp = c.get(f"{BASE}/feed", etag='"abc"')
    assert resp == Response(
        url=f"{BASE}/feed",
        status=304,
        body=b"",
        headers=resp.headers,
        etag='"abc"',
        last_modified=None,
        permanent_url=None,
        elapsed=resp.elapsed,
    )


@responses.activate
def test_responses_status_messages() -> None:
    responses.get(f"{BASE}/a", status=503, headers={"Retry-After": "soon"})
    responses.get(f"{BASE}/b", status=418)
    responses.get(f"{BASE}/c", status=299, body=b"odd but fine")
    with HttpClient(retries=0) as c:
        with pytest.raises(HttpError) as unavailable:
            c.get(f"{BASE}/a")
        with pytest.raises(HttpError, match=r"^HTTP 418 I'm a Teapot") as teapot:
            c.get(f"{BASE}/b")
        assert c.get(f"{BASE}/c").body == b"odd but fine"
    assert unavailable.value.status == 503 and unavailable.value.retry_after is None
    assert teapot.value.status == 418


@responses.activate
def test_transient_errors_are_retried_once() -> None:
    flaky = f"{BASE}/flaky"
    responses.get(flaky, status=502)
    responses.get(flaky, status=200, body=b"recovered")
    with HttpClient(backoff=0.01) as c:
        assert c.get(flaky).body == b"recovered"
    assert len(responses.calls) == 2


@responses.activate
def test_retries_give_up_and_permanent_errors_are_not_retried() -> None:
    responses.get(f"{BASE}/bad-gateway", status=502)
    responses.get(f"{BASE}/broken", status=500)
    responses.get(f"{BASE}/later", status=503, headers={"Retry-After": "60"})
    with HttpClient(retries=2, backoff=0.01) as c:
        with pytest.raises(HttpError) as gateway:
            c.get(f"{BASE}/bad-gateway")
        assert len(responses.calls) == 3 and gateway.value.transient
        for path in ("/broken", "/later"):
            before = len(responses.calls)
            with pytest.raises(HttpError) as info:
                c.get(f"{BASE}{path}")
            assert len(responses.calls) == before + 1 and not info.value.transient


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (
            requests.exceptions.ConnectionError(
                urllib3.exceptions.MaxRetryError(
                    None,  # type: ignore[arg-type]
                    "/",
                    urllib3.exceptions.NameResolutionError(
                        "feeds.example", None, socket.gaierror(-2, "Name or service not known")  # type: ignore[arg-type]
                    ),
                )
            ),
            "cannot resolve host 127.0.0.1 (DNS lookup failed)",
        ),
        (
            requests.exceptions.SSLError(
                urllib3.exceptions.MaxRetryError(
                    None,  # type: ignore[arg-type]
                    "/",
                    urllib3.exceptions.SSLError(
                        "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed"
                    ),
                )
            ),
            "TLS error with 127.0.0.1",
        ),
        (requests.exceptions.ConnectTimeout("timed out"), "cannot connect to 127.0.0.1: timed out"),
        (requests.exceptions.ReadTimeout("read timed out"), "127.0.0.1 stopped responding"),
    ],
)
@responses.activate
def test_responses_network_errors_are_readable(exc: Exception, expected: str) -> None:
    responses.get(f"{BASE}/x", body=exc)
    with HttpClient() as c, pytest.raises(HttpError) as info:
        c.get(f"{BASE}/x")
    text = str(info.value)
    assert text.startswith(expected)
    assert "\n" not in text and "MaxRetryError" not in text and "object at" not in text
    assert info.value.status is None


# -- helpers ----------------------------------------------------------------------------------


def test_parse_retry_after() -> None:
    now = time.time()
    assert parse_retry_after("30") == 30
    assert parse_retry_after(None) is None and parse_retry_after("soon") is None
    past = email.utils.formatdate(now - 100, usegmt=True)
    assert parse_retry_after(past, now=now) == 0
    future = email.utils.formatdate(now + 100, usegmt=True)
    assert 98 <= (parse_retry_after(future, now=now) or 0) <= 100


def test_http_date_round_trips() -> None:
    from datetime import UTC, datetime

    when = datetime(2025, 10, 1, 10, 0, tzinfo=UTC)
    assert http_date(when) == "Wed, 01 Oct 2025 10:00:00 GMT"
    assert email.utils.parsedate_to_datetime(http_date(when)) == when
