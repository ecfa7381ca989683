"""A small threaded HTTP server on 127.0.0.1 for tests, with a mutable route table.

Usage::

    from tests.httpserver import Route, redirect, serve

    with serve({"/feed.xml": Route(b"<rss/>", etag='"v1"')}) as server:
        client.get(server.url("/feed.xml"))
        assert server.requests[-1].headers["user-agent"].startswith("tidings/")

Routes can be changed between two fetches (``server.routes["/feed.xml"] = Route(...)``).
Special behaviours come from helpers: :func:`redirect`, :func:`trickle`, :func:`endless`,
:func:`gzip_bomb`, :func:`retry_after`, or any ``Route(stream=...)`` generator.
"""

from __future__ import annotations

import email.utils
import gzip as gzip_module
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

__all__ = [
    "RecordedRequest",
    "Route",
    "TestServer",
    "endless",
    "gzip_bomb",
    "redirect",
    "retry_after",
    "serve",
    "trickle",
]


@dataclass
class Route:
    """What the server answers on one path.

    ``stream`` (a callable returning an iterable of byte chunks) replaces ``body`` for bodies
    produced while sending; they go out without Content-Length unless ``headers`` sets one,
    with ``chunk_delay`` seconds between chunks. ``delay`` waits before the status line.
    """

    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0
    gzip: bool = False
    stream: Callable[[], Iterable[bytes]] | None = None
    chunk_delay: float = 0.0
    chunked: bool = False  # send ``stream`` with Transfer-Encoding: chunked


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the server saw it; header names are lower-case."""

    method: str
    path: str  # path and query, as sent
    headers: dict[str, str]


def redirect(location: str, status: int = 301) -> Route:
    """A redirect to ``location`` (a path on the same server or an absolute URL)."""
    return Route(status=status, headers={"Location": location})


def trickle(body: bytes, interval: float = 1.0, chunked: bool = False) -> Route:
    """Send ``body`` one byte every ``interval`` seconds (honest Content-Length, or chunked)."""
    return Route(
        stream=lambda: (body[i : i + 1] for i in range(len(body))),
        chunk_delay=interval,
        headers={} if chunked else {"Content-Length": str(len(body))},
        chunked=chunked,
    )


def endless(chunk: bytes = b"x" * 65536, declare_length: int | None = None) -> Route:
    """A body that never ends (until the client hangs up); optionally a lying Content-Length."""

    def chunks() -> Iterator[bytes]:
        while True:
            yield chunk

    headers = {} if declare_length is None else {"Content-Length": str(declare_length)}
    return Route(stream=chunks, headers=headers)


def gzip_bomb(size: int = 10 * 2**20, encoding: str = "gzip") -> Route:
    """``size`` zero bytes, gzip-compressed (10 MB -> about 10 KB on the wire)."""
    packed = gzip_module.compress(b"\0" * size, compresslevel=9)
    return Route(body=packed, headers={"Content-Encoding": encoding, "Content-Type": "text/xml"})


def retry_after(value: str, status: int = 429) -> Route:
    """A 429 (or 503) carrying a Retry-After of delta seconds or an HTTP date."""
    return Route(body=b"slow down", status=status, headers={"Retry-After": value})


class TestServer:
    """A running server: ``url(path)``, the mutable ``routes`` and every recorded request."""

    __test__ = False  # not a pytest test class despite the name

    def __init__(self, routes: dict[str, Route]) -> None:
        self.routes: dict[str, Route] = routes
        self.requests: list[RecordedRequest] = []
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.owner = self
        self.port: int = self._httpd.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def url(self, path: str) -> str:
        """The absolute URL of ``path`` on this server."""
        return self.base_url + (path if path.startswith("/") else "/" + path)

    def requests_for(self, path: str) -> list[RecordedRequest]:
        """The recorded requests whose path (without query) is ``path``."""
        return [r for r in self.requests if urlsplit(r.path).path == path]

    def record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: TestServer

    def handle_error(self, request: object, client_address: object) -> None:
        # Clients in these tests hang up mid-body on purpose; a traceback would only be noise.
        pass


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(send_body=False)

    def do_GET(self) -> None:  # noqa: N802
        self._respond(send_body=True)

    def _respond(self, send_body: bool) -> None:
        owner = self.server.owner
        headers = {k.lower(): v for k, v in self.headers.items()}
        owner.record(RecordedRequest(self.command, self.path, headers))
        route = owner.routes.get(urlsplit(self.path).path)
        if route is None:
            route = Route(body=b"not found", status=404)
        if route.delay and owner.stopping.wait(route.delay):
            return
        try:
            if self._not_modified(route, headers):
                self.send_response(304)
                self._validators(route)
                self.send_header("Connection", "close")
                self.end_headers()
                return
            self._send(route, send_body)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            pass
        finally:
            self.close_connection = True

    def _not_modified(self, route: Route, headers: dict[str, str]) -> bool:
        if route.etag and "if-none-match" in headers:
            tags = [t.strip() for t in headers["if-none-match"].split(",")]
            return route.etag in tags or "*" in tags
        if route.last_modified and "if-modified-since" in headers:
            try:
                since = email.utils.parsedate_to_datetime(headers["if-modified-since"])
                modified = email.utils.parsedate_to_datetime(route.last_modified)
            except (TypeError, ValueError):
                return False
            return modified <= since
        return False

    def _validators(self, route: Route) -> None:
        if route.etag:
            self.send_header("ETag", route.etag)
        if route.last_modified:
            self.send_header("Last-Modified", route.last_modified)

    def _send(self, route: Route, send_body: bool) -> None:
        body = gzip_module.compress(route.body) if route.gzip else route.body
        self.send_response(route.status)
        self._validators(route)
        names = {k.lower() for k in route.headers}
        for name, value in route.headers.items():
            self.send_header(name, value)
        if route.gzip and "content-encoding" not in names:
            self.send_header("Content-Encoding", "gzip")
        if route.stream is None and "content-length" not in names:
            self.send_header("Content-Length", str(len(body)))
        chunked = route.stream is not None and route.chunked
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        # Streams without a length are delimited by closing the connection.
        self.send_header("Connection", "close")
        self.end_headers()
        if not send_body:
            return
        if route.stream is None:
            self.wfile.write(body)
            return
        stopping = self.server.owner.stopping
        for chunk in route.stream():
            if stopping.is_set():
                return
            if chunked and chunk:
                chunk = b"%x\r\n%s\r\n" % (len(chunk), chunk)
            self.wfile.write(chunk)
            self.wfile.flush()
            if route.chunk_delay and stopping.wait(route.chunk_delay):
                return
        if chunked:
            self.wfile.write(b"0\r\n\r\n")


@contextmanager
def serve(routes: dict[str, Route]) -> Iterator[TestServer]:
    """Run a server for the duration of the block; ``routes`` stays mutable through it."""
    server = TestServer(routes)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def wait_for(predicate: Callable[[], bool], timeout: float = 2.0) -> bool:
    """Poll ``predicate`` until true or ``timeout``; for asserting on server-side effects."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.01)
    return predicate()
