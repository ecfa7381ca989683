"""Every failure line of a fetch has one shape, "failed: URL: reason" (or "failed: NAME (URL):
reason"), with the URL said once: a redirect loop and a page that is not a feed read like an
HTTP error."""

from __future__ import annotations

import re
from pathlib import Path

from tests.httpserver import Route, serve
from tests.test_fetch_e2e import Workspace, write_config
from tidings.sources.failure_text import reason_without_url as _without_url

URL = "http://127.0.0.1:1/feed.xml"


def test_the_reason_loses_the_url_it_repeats() -> None:
    assert _without_url(f"redirect loop at {URL}", URL) == "redirect loop back to this address"
    assert _without_url(f"not a feed: {URL} returned an HTML page", URL) == \
        "not a feed: it returned an HTML page"
    assert _without_url(f"not a feed: {URL} (no RSS, Atom or RDF root)", URL) == \
        "not a feed (no RSS, Atom or RDF root)"
    assert _without_url(f"invalid URL: {URL}", URL) == "invalid URL"
    other = "http://127.0.0.1:1/other"
    assert _without_url(f"redirect loop at {other}", URL) == f"redirect loop at {other}"


def test_fetch_failure_lines_have_one_shape(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    page = b"<!doctype html><html><head><title>Hi</title></head><body><p>no feed</p></body></html>"
    routes = {
        "/page.xml": Route(page, headers={"Content-Type": "text/html"}),
        "/down.xml": Route(b"down", status=500),
        "/junk.json": Route(b"{not json", headers={"Content-Type": "application/json"}),
    }
    with serve(routes) as server:
        loop = server.url("/loop.xml")
        server.routes["/loop.xml"] = Route(b"", status=302, headers={"Location": loop})
        urls = [server.url(p) for p in ("/page.xml", "/down.xml", "/junk.json", "/loop.xml")]
        write_config(ws.feeds, {"Fine": urls})
        result = ws.run("fetch", "--quiet")
    lines = [x for x in result.stderr.splitlines() if x.startswith("failed: ")]
    assert len(lines) == 4, result.stderr
    for url in urls:
        [line] = [x for x in lines if url in x]
        assert line.count(url) == 1, line
        assert re.match(rf"failed: (?:.+ \()?{re.escape(url)}\)?: \S", line), line
