"""A stored failure reads "failed: NAME (URL): reason" wherever it is shown, the URL said once:
`source list`, the digest's warnings, a brief's, and the `warning:` lines of `points` and
`draft`. The store keeps the reason as fetched ("redirect loop at URL"): rows stored by any
version are rewritten at display time, and `last_error` in JSON stays the raw reason.

Real CLI, real HTTP server on 127.0.0.1, real DuckDB file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.feedgen import items, rss
from tests.httpserver import Route, serve
from tests.test_fetch_e2e import Workspace
from tidings.sources.failure_text import failure_line, source_label


def test_failure_line_names_the_source_once() -> None:
    url = "http://127.0.0.1:1/loop.xml"
    assert failure_line("Loop feed", url, f"redirect loop at {url}") == \
        f"failed: Loop feed ({url}): redirect loop back to this address"
    # a source with no name of its own, or named by its URL, is named by the URL alone
    assert failure_line(None, url, "HTTP 500 Internal Server Error") == \
        f"failed: {url}: HTTP 500 Internal Server Error"
    assert source_label(url, url) == url
    assert failure_line("X", url, None) == f"failed: X ({url}): unknown error"


def _write(ws: Workspace, loop: str, down: str, ok: str) -> None:
    ws.feeds.mkdir(parents=True, exist_ok=True)
    (ws.feeds / "companies.toml").write_text(
        '[[company]]\nname = "Brokenco"\n'
        f'[[company.sources]]\nurl = "{loop}"\nname = "Loop feed"\n'
        f'[[company.sources]]\nurl = "{down}"\nname = "Down feed"\n'
        f'[[company.sources]]\nurl = "{ok}"\nname = "Fine feed"\n',
        encoding="utf-8",
    )


def test_every_place_shows_a_stored_failure_in_one_shape(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    with serve({"/down.xml": Route(b"down", status=500), "/ok.xml": Route(rss(items(2, "fine")))}) as server:
        loop = server.url("/loop.xml")
        server.routes["/loop.xml"] = Route(b"", status=302, headers={"Location": loop})
        down, ok = server.url("/down.xml"), server.url("/ok.xml")
        _write(ws, loop, down, ok)
        assert ws.run("fetch", "--quiet").exit_code == 1
    # The store keeps the reason as the fetch gave it, the URL in it.
    [(raw,)] = ws.query("SELECT last_error FROM sources WHERE url = ?", [loop])
    assert loop in raw

    brief_json = json.loads(ws.run("brief", "Brokenco", "--format", "json").stdout)
    shown = {
        "source list": ws.run("source", "list").stdout,
        "digest": ws.run("digest").stdout,
        "brief md": ws.run("brief", "Brokenco").stdout,
        "brief json": "\n".join(brief_json["warnings"]),
        "points": ws.run("points", "Brokenco").stderr,
        "draft": ws.run("draft", "Brokenco").stderr,
    }
    for where, text in shown.items():
        for name, url, reason in (("Loop feed", loop, "redirect loop back to this address"),
                                  ("Down feed", down, "HTTP 500")):
            # a brief's table of sources names every source too: that row is no failure line
            lines = [x for x in text.splitlines() if url in x and not x.startswith("|")]
            assert len(lines) == 1, (where, text)
            assert lines[0].count(url) == 1, (where, lines[0])
            assert re.search(rf"failed: {re.escape(name)} \({re.escape(url)}\): {reason}", lines[0]), \
                (where, lines[0])
        assert not [x for x in text.splitlines() if ok in x and "fail" in x], (where, text)
    # JSON keeps the raw reason under its old key
    rows = json.loads(ws.run("source", "list", "--json").stdout)
    assert [r["last_error"] for r in rows if r["url"] == loop] == [raw]
