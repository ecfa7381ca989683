"""All of tidings' network I/O: one shared session, hard limits, conditional GET, politeness.

Parsers never fetch anything themselves; they receive the bytes of a :class:`Response`.
"""

from __future__ import annotations

import email.utils
import http
import http.client
import logging
import mimetypes
import os
import re
import socket
import ssl
import threading
import time
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from urllib.parse import urljoin, urlsplit
from urllib.request import getproxies, proxy_bypass_environment, url2pathname

import requests
import urllib3
from requests.adapters import HTTPAdapter
from requests.cookies import extract_cookies_to_jar
from requests.utils import get_netrc_auth

import tidings
from tidings.errors import HttpError, RobotsDisallowed
from tidings.network.robots import RobotsCache

log = logging.getLogger(__name__)

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PERMANENT_REDIRECTS = frozenset({301, 308})
# Only encodings we can decompress incrementally with a cap on the output; advertising br or
# zstd would need optional packages and their own bomb protection.
ACCEPT_ENCODING = "gzip, deflate"
# A robots.txt Crawl-delay is honoured up to this many seconds: a hostile or careless value
# (3600) must not stall a nightly run of hundreds of sources.
MAX_CRAWL_DELAY = 30.0
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Response:
    """A completed fetch: the final URL, status, decoded body and the validators to store."""

    url: str
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    permanent_url: str | None = None
    elapsed: float = 0.0

    @property
    def not_modified(self) -> bool:
        """True when the server answered 304: the stored copy is still current."""
        return self.status == 304


class _TooLarge(Exception):
    pass


class _Decoder:
    """Incremental gzip/deflate decoding whose output never exceeds a byte budget.

    zlib's ``max_length`` bounds each step, so a compression bomb is detected after at most
    ``limit`` bytes of output instead of after inflating everything a chunk expands to.
    """

    def __init__(self, encoding: str, limit: int) -> None:
        self.encoding = encoding
        self.limit = limit
        self.produced = 0
        self._raw_deflate = False
        self._obj = self._new()
        self._started = False

    def _new(self) -> zlib._Decompress:
        if self.encoding == "gzip":
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        # "deflate" is meant to be zlib-wrapped, but some servers send raw deflate.
        return zlib.decompressobj(-zlib.MAX_WBITS if self._raw_deflate else zlib.MAX_WBITS)

    def feed(self, data: bytes) -> bytes:
        out: list[bytes] = []
        while data:
            budget = self.limit - self.produced + 1
            try:
                chunk = self._obj.decompress(data, budget)
            except zlib.error:
                if self.encoding == "deflate" and not self._started and not self._raw_deflate:
                    self._raw_deflate = True
                    self._obj = self._new()
                    continue
                raise
            self._started = True
            self.produced += len(chunk)
            if self.produced > self.limit:
                raise _TooLarge
            out.append(chunk)
            if self._obj.unconsumed_tail:
                data = self._obj.unconsumed_tail
            elif self._obj.eof and self._obj.unused_data and self.encoding == "gzip":
                # Concatenated gzip members are valid and some servers produce them.
                data = self._obj.unused_data
                self._obj = self._new()
            else:
                data = b""
        return b"".join(out)

    def flush(self) -> bytes:
        tail = self._obj.flush()
        self.produced += len(tail)
        if self.produced > self.limit:
            raise _TooLarge
        return tail


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)


def _host_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}"


def _host_name(url: str) -> str:
    return urlsplit(url).hostname or url


def _status_message(status: int, reason: str | None) -> str:
    if not reason:
        try:
            reason = http.HTTPStatus(status).phrase
        except ValueError:
            reason = ""
    return f"HTTP {status} {reason}".rstrip()


def _root_cause(exc: BaseException) -> BaseException:
    """The innermost meaningful exception beneath requests' and urllib3's wrappers."""
    seen: set[int] = set()
    current: BaseException = exc
    while id(current) not in seen:
        seen.add(id(current))
        reason = getattr(current, "reason", None)
        if isinstance(reason, BaseException):
            current = reason
            continue
        if current.args and isinstance(current.args[0], BaseException):
            current = current.args[0]
            continue
        if current.__cause__ is not None:
            current = current.__cause__
            continue
        break
    return current


def _describe(exc: BaseException, url: str, connect_timeout: float, read_timeout: float) -> str:
    """Turn a requests/urllib3/socket exception into one line a user can act on."""
    host = _host_name(url)
    root = _root_cause(exc)
    if isinstance(
        exc, requests.exceptions.InvalidURL | requests.exceptions.MissingSchema
    ) or isinstance(root, urllib3.exceptions.LocationParseError):
        return f"invalid URL: {url}"
    name_error = getattr(urllib3.exceptions, "NameResolutionError", None)
    if (name_error and isinstance(root, name_error)) or isinstance(root, socket.gaierror):
        return f"cannot resolve host {host} (DNS lookup failed)"
    if isinstance(exc, requests.exceptions.SSLError) or isinstance(root, ssl.SSLError):
        if isinstance(root, ssl.SSLCertVerificationError) and root.verify_message:
            detail = f"certificate verify failed: {root.verify_message}"
        else:
            text = root.args[-1] if root.args and isinstance(root.args[-1], str) else str(root)
            # "[SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006)" -> the words
            detail = re.sub(r"^\[SSL: \w+\]\s*|\s*\(_ssl\.c:\d+\)$", "", text).strip()
        return f"TLS error with {host}: {detail or 'handshake failed'}"
    # urllib3's NewConnectionError subclasses ConnectTimeoutError, so it must not count here.
    connect_timed_out = isinstance(root, urllib3.exceptions.ConnectTimeoutError) and not isinstance(
        root, urllib3.exceptions.NewConnectionError
    )
    if isinstance(exc, requests.exceptions.ConnectTimeout) or connect_timed_out:
        return f"cannot connect to {host}: timed out after {connect_timeout:g}s"
    if isinstance(exc, requests.exceptions.ReadTimeout) or isinstance(
        root, urllib3.exceptions.ReadTimeoutError | socket.timeout
    ):
        return f"{host} stopped responding (no data for {read_timeout:g}s)"
    if isinstance(root, ConnectionRefusedError):
        return f"cannot connect to {host}: connection refused"
    if isinstance(root, ConnectionResetError):
        return f"connection to {host} was reset"
    if isinstance(
        exc, requests.exceptions.ChunkedEncodingError | urllib3.exceptions.ProtocolError
    ) or isinstance(root, urllib3.exceptions.ProtocolError | http.client.IncompleteRead):
        return f"connection to {host} broke off while reading the response"
    if isinstance(root, OSError) and root.errno is not None:
        return f"cannot connect to {host}: {os.strerror(root.errno).lower()}"
    if isinstance(exc, requests.exceptions.ConnectionError):
        return f"cannot connect to {host}"
    text = str(root).splitlines()[0] if str(root) else type(root).__name__
    return f"request to {host} failed: {text[:200]}"


def _transient(exc: BaseException) -> bool:
    """Whether a network failure is the passing kind (a dropped or reset connection)."""
    root = _root_cause(exc)
    return isinstance(
        root, ConnectionResetError | ConnectionAbortedError | BrokenPipeError
    ) or isinstance(
        exc, requests.exceptions.ChunkedEncodingError | urllib3.exceptions.ProtocolError
    ) or isinstance(root, http.client.RemoteDisconnected | http.client.IncompleteRead)


class _HostGate:
    """Per-host concurrency slots plus a minimum spacing between request starts."""

    def __init__(self, slots: int, interval: float) -> None:
        self.semaphore = threading.BoundedSemaphore(slots)
        self.interval = interval
        self.lock = threading.Lock()
        self.next_start = 0.0

    def wait_turn(self) -> float:
        with self.lock:
            now = time.monotonic()
            start = max(now, self.next_start)
            self.next_start = start + self.interval
        delay = start - now
        if delay > 0:
            time.sleep(delay)
        return delay


class HttpClient:
    """A thread-safe HTTP client with the limits a nightly unattended fetch needs."""

    def __init__(
        self,
        *,
        max_workers: int = 8,
        per_host: int = 2,
        connect_timeout: float = 10,
        read_timeout: float = 20,
        total_timeout: float = 60,
        max_bytes: int = 10 * 2**20,
        max_redirects: int = 5,
        min_host_interval: float = 0.0,
        user_agent: str = tidings.USER_AGENT,
        respect_robots: bool = False,
        retries: int = 1,
        backoff: float = 1.0,
    ) -> None:
        self.max_workers = max_workers
        self.per_host = max(1, per_host)
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.total_timeout = total_timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.min_host_interval = min_host_interval
        self.user_agent = user_agent
        self.respect_robots = respect_robots
        self.retries = max(0, retries)
        self.backoff = backoff
        self.session = requests.Session()
        # Retries are the caller's decision (it knows Retry-After and the source's history);
        # a silent adapter retry would also blow the total time budget.
        adapter = HTTPAdapter(
            pool_connections=max(10, max_workers), pool_maxsize=max_workers, max_retries=0
        )
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers.update(
            {"User-Agent": user_agent, "Accept-Encoding": ACCEPT_ENCODING, "Accept": "*/*"}
        )
        # What requests' Session.request looks up in the environment on every call (proxies,
        # no_proxy, a CA bundle, ~/.netrc) is read once here: those lookups cost about a
        # third of a millisecond of CPU per request, a large share of a 1,000-feed run.
        proxies = getproxies()
        self._no_proxy = proxies.pop("no", None)
        self._proxies = proxies
        self._verify: str | bool = (
            os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or True
        )
        self._netrc = any(
            Path(candidate).expanduser().exists()
            for candidate in (os.environ.get("NETRC") or "", "~/.netrc", "~/_netrc")
            if candidate
        )
        self._gates: dict[str, _HostGate] = {}
        self._gates_lock = threading.Lock()
        self._robots: RobotsCache | None = None
        if respect_robots:
            self._robots = RobotsCache(self)

    # -- lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        """Release pooled connections."""
        self.session.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- politeness --------------------------------------------------------------------------

    def _gate(self, url: str) -> _HostGate:
        key = _host_key(url)
        with self._gates_lock:
            gate = self._gates.get(key)
            if gate is None:
                gate = self._gates[key] = _HostGate(self.per_host, self.min_host_interval)
            return gate

    def set_host_interval(self, url: str, seconds: float) -> None:
        """Space requests to the host of ``url`` at least ``seconds`` apart (e.g. Crawl-delay)."""
        seconds = min(max(0.0, seconds), MAX_CRAWL_DELAY)
        gate = self._gate(url)
        with gate.lock:
            gate.interval = max(self.min_host_interval, seconds)

    # -- fetching ----------------------------------------------------------------------------

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str | None = None,
    ) -> Response:
        """Fetch ``url`` (http, https or file), following redirects; raise HttpError on failure.

        ``etag``/``last_modified`` are the validators stored from the previous fetch; when the
        server says nothing changed the result has status 304 and an empty body.
        """
        return self._get(url, etag=etag, last_modified=last_modified, accept=accept, robots=True)

    def get_unchecked(self, url: str, *, accept: str | None = None) -> Response:
        """Like :meth:`get` but without the robots.txt check (used to fetch robots.txt)."""
        return self._get(url, etag=None, last_modified=None, accept=accept, robots=False)

    def _get(
        self,
        url: str,
        *,
        etag: str | None,
        last_modified: str | None,
        accept: str | None,
        robots: bool,
    ) -> Response:
        started = time.monotonic()
        scheme = urlsplit(url).scheme.lower()
        if scheme == "file":
            return self._get_file(url, last_modified=last_modified, started=started)
        if scheme not in ("http", "https"):
            raise HttpError(f"unsupported URL scheme {scheme or '(none)'!r}: {url}", url=url)

        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if accept:
            headers["Accept"] = accept

        visited: list[str] = [url]
        permanent = True
        current = url
        budget = self.total_timeout
        while True:
            if robots and self._robots is not None and not self._robots.allowed(current):
                raise RobotsDisallowed(current)
            status, location, result, budget = self._request_with_retries(
                current, headers, budget
            )
            if location is None:
                assert result is not None
                hops = len(visited) - 1
                new_etag = result.headers.get("etag")
                new_modified = result.headers.get("last-modified")
                if result.status == 304:
                    # Many servers omit validators on a 304; the ones we sent are still valid
                    # and a caller storing None would lose conditional GET for the next run.
                    new_etag = new_etag or etag
                    new_modified = new_modified or last_modified
                return Response(
                    url=current,
                    status=result.status,
                    body=result.body,
                    headers=result.headers,
                    etag=new_etag,
                    last_modified=new_modified,
                    permanent_url=current if hops and permanent else None,
                    elapsed=time.monotonic() - started,
                )
            permanent = permanent and status in PERMANENT_REDIRECTS
            target = urljoin(current, location.strip())
            target_scheme = urlsplit(target).scheme.lower()
            if target_scheme not in ("http", "https"):
                raise HttpError(
                    f"refused redirect from {current} to a {target_scheme or 'relative'} URL",
                    url=url,
                    status=status,
                )
            # One revisit is allowed: some sites set a cookie and redirect a URL to itself.
            if visited.count(target) >= 2:
                raise HttpError(f"redirect loop at {target}", url=url, status=status)
            if len(visited) > self.max_redirects:
                raise HttpError(
                    f"too many redirects (more than {self.max_redirects}) from {url}",
                    url=url,
                    status=status,
                )
            log.debug("redirect %s %s -> %s", status, current, target)
            visited.append(target)
            current = target

    def _request_with_retries(
        self, url: str, headers: dict[str, str], budget: float
    ) -> tuple[int, str | None, _Result | None, float]:
        """One hop, retried with exponential backoff on transient failures within the budget."""
        gate = self._gate(url)
        attempt = 0
        while True:
            with gate.semaphore:
                gate.wait_turn()
                hop_started = time.monotonic()
                try:
                    status, location, result = self._request(url, headers, budget)
                    return status, location, result, budget - (time.monotonic() - hop_started)
                except HttpError as exc:
                    budget -= time.monotonic() - hop_started
                    wait = self.backoff * 2**attempt
                    if not exc.transient or attempt >= self.retries or wait >= budget:
                        raise
                    reason = str(exc)
            # Sleep outside the host slot so other requests to the host can proceed.
            log.debug("retrying %s in %.1fs after: %s", url, wait, reason)
            time.sleep(wait)
            budget -= wait
            attempt += 1

    def _request(
        self, url: str, headers: dict[str, str], budget: float
    ) -> tuple[int, str | None, _Result | None]:
        """One request without redirects: (status, redirect location, result)."""
        if budget <= 0:
            raise HttpError(
                f"gave up on {_host_name(url)} after {self.total_timeout:g}s in total", url=url
            )
        deadline = time.monotonic() + budget
        timeout = (min(self.connect_timeout, budget), min(self.read_timeout, budget))
        try:
            resp = self._send(url, headers, timeout)
        except (
            requests.RequestException,
            OSError,
            urllib3.exceptions.HTTPError,
            http.client.HTTPException,
        ) as exc:
            raise HttpError(
                _describe(exc, url, timeout[0], timeout[1]), url=url, transient=_transient(exc)
            ) from exc
        except (ValueError, UnicodeError) as exc:  # hosts IDNA cannot encode, bad ports
            raise HttpError(f"invalid URL: {url}", url=url) from exc
        with resp:
            status = resp.status_code
            lower = {k.lower(): v for k, v in resp.headers.items()}
            if status in REDIRECT_STATUSES and lower.get("location"):
                return status, lower["location"], None
            if status == 304:
                return status, None, _Result(304, b"", lower)
            if status >= 300 or status < 200:
                self._raise_status(url, status, resp.reason, lower)
            body = self._read_body(resp, url, lower, deadline, timeout[1])
            # The body was read to its end, so the connection is clean and can go back to the
            # pool; otherwise leaving the block closes it.
            resp.raw.release_conn()
            if "content-encoding" in lower and lower["content-encoding"].strip().lower() not in (
                "",
                "identity",
            ):
                # The body handed on is decoded; stale framing headers would mislead a parser.
                lower.pop("content-encoding", None)
                lower.pop("content-length", None)
            return status, None, _Result(status, body, lower)

    def _send(
        self, url: str, headers: dict[str, str], timeout: tuple[float, float]
    ) -> requests.Response:
        """One GET through the session's adapter, without Session.request's per-call
        environment lookups; cookies still persist across the session, as with a Session."""
        prepared = requests.PreparedRequest()
        prepared.prepare(
            method="GET",
            url=url,
            headers={**self.session.headers, **headers},
            cookies=self.session.cookies,
            auth=get_netrc_auth(url) if self._netrc else None,
        )
        proxies = self._proxies
        if proxies and self._no_proxy:
            host = urlsplit(url).netloc.rpartition("@")[2]
            if proxy_bypass_environment(host, {"no": self._no_proxy}):
                proxies = {}
        try:
            resp = self.session.get_adapter(url).send(
                prepared, stream=True, timeout=timeout, verify=self._verify, proxies=proxies
            )
        except ValueError as exc:  # requests.InvalidURL is a ValueError too
            if not proxies:
                raise
            # prepare() has accepted the URL, so what failed to parse is the proxy: a malformed
            # http_proxy/https_proxy would otherwise read as a bad feed URL.
            raise HttpError(f"invalid proxy setting {proxies} for {url}", url=url) from exc
        if "set-cookie" in resp.headers:
            extract_cookies_to_jar(self.session.cookies, prepared, resp.raw)
        return resp

    def _raise_status(
        self, url: str, status: int, reason: str | None, headers: dict[str, str]
    ) -> None:
        retry_after = None
        if status in (429, 503):
            retry_after = parse_retry_after(headers.get("retry-after"))
        message = _status_message(status, reason)
        if status in REDIRECT_STATUSES:
            message += " without a Location header"
        if retry_after is not None:
            message += f" (retry after {retry_after:.0f}s)"
        raise HttpError(
            message,
            url=url,
            status=status,
            retry_after=retry_after,
            gone=status == 410,
            # A 503 with Retry-After asks for a longer pause than a retry within this request.
            transient=status in (502, 504) or (status == 503 and retry_after is None),
        )

    def _read_body(
        self,
        resp: requests.Response,
        url: str,
        headers: dict[str, str],
        deadline: float,
        read_timeout: float,
    ) -> bytes:
        host = _host_name(url)
        too_large = HttpError(
            f"response too large (more than {self.max_bytes} bytes) from {host}", url=url
        )
        declared = headers.get("content-length", "").strip()
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise HttpError(
                f"response too large ({declared} bytes, limit {self.max_bytes}) from {host}",
                url=url,
            )
        encoding = headers.get("content-encoding", "").strip().lower()
        decoder: _Decoder | None = None
        if encoding in ("gzip", "x-gzip"):
            decoder = _Decoder("gzip", self.max_bytes)
        elif encoding == "deflate":
            decoder = _Decoder("deflate", self.max_bytes)
        elif encoding not in ("", "identity", "none"):
            raise HttpError(f"unsupported Content-Encoding {encoding!r} from {host}", url=url)

        raw = resp.raw
        read1 = getattr(raw, "read1", None)
        sock = _socket_of(raw)
        parts: list[bytes] = []
        size = 0
        try:
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise HttpError(
                        f"gave up on {host} after {self.total_timeout:g}s in total "
                        "(response too slow)",
                        url=url,
                    )
                if sock is not None:
                    # Tighten the socket timeout so a silent server cannot outlast the budget.
                    try:
                        sock.settimeout(min(read_timeout, remaining))
                    except OSError:
                        sock = None
                if read1 is not None:
                    data = read1(_CHUNK, decode_content=False)
                else:  # urllib3 1.x
                    data = raw.read(_CHUNK, decode_content=False)
                if not data:
                    break
                if decoder is not None:
                    data = decoder.feed(data)
                size += len(data)
                if size > self.max_bytes:
                    raise too_large
                parts.append(data)
            if decoder is not None:
                tail = decoder.flush()
                size += len(tail)
                if size > self.max_bytes:
                    raise too_large
                parts.append(tail)
        except _TooLarge:
            raise too_large from None
        except zlib.error as exc:
            raise HttpError(f"corrupt {encoding} response from {host}: {exc}", url=url) from exc
        except (
            OSError,
            urllib3.exceptions.HTTPError,
            http.client.HTTPException,
            requests.RequestException,
        ) as exc:
            if time.monotonic() >= deadline:
                raise HttpError(
                    f"gave up on {host} after {self.total_timeout:g}s in total "
                    "(response too slow)",
                    url=url,
                ) from exc
            raise HttpError(
                _describe(exc, url, self.connect_timeout, read_timeout),
                url=url,
                transient=_transient(exc),
            ) from exc
        return b"".join(parts)

    def _get_file(self, url: str, *, last_modified: str | None, started: float) -> Response:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise HttpError(f"file URLs must name a local file: {url}", url=url)
        path = Path(url2pathname(parts.path))
        try:
            stat = path.stat()
            if not path.is_file():
                raise HttpError(f"not a file: {path}", url=url)
            mtime = email.utils.formatdate(stat.st_mtime, usegmt=True)
            if last_modified and last_modified == mtime:
                body = b""
                status = 304
            else:
                if stat.st_size > self.max_bytes:
                    raise HttpError(
                        f"file too large ({stat.st_size} bytes, limit {self.max_bytes}): {path}",
                        url=url,
                    )
                with path.open("rb") as fh:
                    # The size can change between stat and read; the cap holds regardless.
                    body = fh.read(self.max_bytes + 1)
                if len(body) > self.max_bytes:
                    raise HttpError(f"response too large (file grew past limit): {path}", url=url)
                status = 200
        except FileNotFoundError as exc:
            raise HttpError(f"no such file: {path}", url=url, status=404) from exc
        except OSError as exc:
            reason = os.strerror(exc.errno) if exc.errno else str(exc)
            raise HttpError(f"cannot read {path}: {reason.lower()}", url=url) from exc
        headers = {"last-modified": mtime}
        if status == 200:
            headers["content-length"] = str(len(body))
            ctype, _ = mimetypes.guess_type(path.name)
            if ctype:
                headers["content-type"] = ctype
        return Response(
            url=url,
            status=status,
            body=body,
            headers=headers,
            etag=None,
            last_modified=mtime,
            permanent_url=None,
            elapsed=time.monotonic() - started,
        )


@dataclass(frozen=True)
class _Result:
    status: int
    body: bytes
    headers: dict[str, str]


def _socket_of(raw: object) -> socket.socket | None:
    conn = getattr(raw, "connection", None) or getattr(raw, "_connection", None)
    sock = getattr(conn, "sock", None)
    return sock if isinstance(sock, socket.socket) else None


def http_date(when: datetime) -> str:
    """Format a datetime as an HTTP date (for If-Modified-Since built from a stored time)."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return email.utils.format_datetime(when.astimezone(UTC), usegmt=True)


__all__ = [
    "HttpClient",
    "HttpError",
    "Response",
    "RobotsDisallowed",
    "http_date",
    "parse_retry_after",
]
