"""End to end: the real CLI fetching from a real HTTP server on 127.0.0.1 into a real DuckDB file."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from tests.feedgen import items, rss
from tests.httpserver import Route, endless, gzip_bomb, redirect, retry_after, serve
from tidings.cli import main
from tidings.sources.fetch_run import in_shard

ENTITY_BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lolololololololololol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol9;</title><link>https://bomb.test/1</link></item></channel></rss>"""


def write_config(feeds: Path, sources: dict[str, list[str]]) -> None:
    """One company per key, each with the given source URLs."""
    feeds.mkdir(parents=True, exist_ok=True)
    parts = []
    for name, urls in sources.items():
        parts.append(f'[[company]]\nname = "{name}"\n')
        for url in urls:
            parts.append(f'[[company.sources]]\nurl = "{url}"\n')
    (feeds / "companies.toml").write_text("\n".join(parts), encoding="utf-8")


class Workspace:
    def __init__(self, root: Path) -> None:
        self.feeds = root / "feeds"
        self.db = root / "data" / "tidings.duckdb"
        self.runner = CliRunner()

    def run(self, *args: str):  # type: ignore[no-untyped-def]
        return self.runner.invoke(
            main, ["--feeds", str(self.feeds), "--db", str(self.db), *args], catch_exceptions=False
        )

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        con = duckdb.connect(str(self.db), read_only=True)
        try:
            return con.execute(sql, params or []).fetchall()
        finally:
            con.close()


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return Workspace(tmp_path)


def test_fetch_twice_stores_once_and_second_run_revalidates(ws: Workspace) -> None:
    routes = {
        "/a.xml": Route(rss(items(5, "alpha")), etag='"a1"'),
        "/b.xml": Route(rss(items(3, "beta")), last_modified="Tue, 03 Nov 2026 10:00:00 GMT"),
    }
    with serve(routes) as server:
        write_config(ws.feeds, {"Alpha": [server.url("/a.xml")], "Beta": [server.url("/b.xml")]})
        first = ws.run("fetch")
        assert first.exit_code == 0, first.stderr
        assert "2 sources: 2 updated, 0 unchanged, 0 failed; 8 new articles" in first.stderr
        assert first.stdout == ""
        second = ws.run("fetch")
        assert second.exit_code == 0
        assert "0 updated, 2 unchanged, 0 failed; 0 new articles" in second.stderr
        a_requests = server.requests_for("/a.xml")
        b_requests = server.requests_for("/b.xml")
    assert a_requests[0].headers.get("if-none-match") is None
    assert a_requests[1].headers["if-none-match"] == '"a1"'
    assert b_requests[1].headers["if-modified-since"] == "Tue, 03 Nov 2026 10:00:00 GMT"
    assert a_requests[0].headers["user-agent"].startswith("tidings/")
    assert ws.query("SELECT count(*) FROM articles") == [(8,)]
    assert ws.query("SELECT count(*) FROM fetch_runs WHERE finished_at IS NOT NULL") == [(2,)]
    # tracking parameters are gone from the canonical URL
    urls = [r[0] for r in ws.query("SELECT canonical_url FROM articles")]
    assert all("utm_" not in u for u in urls)


def test_changed_entry_is_updated_in_place(ws: Workspace) -> None:
    feed = items(2, "gamma")
    routes = {"/g.xml": Route(rss(feed))}
    with serve(routes) as server:
        write_config(ws.feeds, {"Gamma": [server.url("/g.xml")]})
        assert ws.run("fetch").exit_code == 0
        feed[0] = {**feed[0], "title": "Gamma number 0, corrected"}
        server.routes["/g.xml"] = Route(rss(feed))
        result = ws.run("fetch")
    assert result.exit_code == 0
    assert "1 updated" in result.stderr and "0 new articles" in result.stderr
    titles = sorted(r[0] for r in ws.query("SELECT title FROM articles"))
    assert titles == ["Gamma number 0, corrected", "Gamma number 1"]
    assert ws.query("SELECT count(*) FROM articles WHERE updated_at IS NOT NULL") == [(1,)]
    runs = ws.query("SELECT new_articles, updated_articles FROM fetch_runs ORDER BY id")
    assert runs == [(2, 0), (0, 1)]


def test_each_bad_source_fails_alone(ws: Workspace) -> None:
    good = rss(items(4, "good"))
    big = b"<rss>" + b"x" * (11 * 2**20) + b"</rss>"
    routes = {
        "/good.xml": Route(good),
        "/error.xml": Route(b"oops", status=500),
        "/slow.xml": Route(good, delay=5),
        "/loop1": redirect("/loop2", 302),
        "/loop2": redirect("/loop1", 302),
        "/page.html": Route(
            b"<!doctype html><html><head><title>Hi</title></head><body><p>Hello</p></body></html>",
            headers={"Content-Type": "text/html"},
        ),
        "/huge.xml": Route(big),
        "/endless.xml": endless(),
        "/bomb.xml": gzip_bomb(64 * 2**20),
        "/entities.xml": Route(ENTITY_BOMB),
    }
    with serve(routes) as server:
        names = [p for p in routes if p not in ("/loop2",)]
        write_config(ws.feeds, {f"Co{i}": [server.url(p)] for i, p in enumerate(names)})
        result = ws.run("fetch", "--timeout", "1.5", "--workers", "10")
    assert result.exit_code == 1
    failures = [line for line in result.stderr.splitlines() if line.startswith("failed:")]
    assert len(failures) == len(names) - 1, result.stderr
    assert "Traceback" not in result.stderr
    assert ws.query("SELECT count(*) FROM articles") == [(4,)]
    errors = dict(ws.query("SELECT fetch_url, last_error FROM sources WHERE last_error IS NOT NULL"))
    errors = {k or "": v for k, v in errors.items()}
    by_path = {
        url.rsplit("/", 1)[-1]: error
        for url, error in ws.query("SELECT url, last_error FROM sources WHERE last_error IS NOT NULL")
    }
    assert "500" in by_path["error.xml"]
    assert "redirect" in by_path["loop1"].lower()
    assert "too large" in by_path["huge.xml"].lower() or "size" in by_path["huge.xml"].lower()
    assert "too large" in by_path["bomb.xml"].lower() or "size" in by_path["bomb.xml"].lower()
    assert "stopped responding" in by_path["slow.xml"]
    assert "entity" in by_path["entities.xml"]
    assert set(by_path) == {p.lstrip("/") for p in names if p != "/good.xml"}
    failures_count = ws.query("SELECT min(consecutive_failures) FROM sources WHERE last_error IS NOT NULL")
    assert failures_count == [(1,)]


def test_permanent_redirect_gone_and_retry_after(ws: Workspace) -> None:
    routes = {
        "/old.xml": redirect("/new.xml", 301),
        "/new.xml": Route(rss(items(2, "moved"))),
        "/gone.xml": Route(b"", status=410),
        "/busy.xml": retry_after("7200", 429),
    }
    with serve(routes) as server:
        write_config(
            ws.feeds,
            {"Moved": [server.url("/old.xml")], "Gone": [server.url("/gone.xml")],
             "Busy": [server.url("/busy.xml")]},
        )
        first = ws.run("fetch")
        assert first.exit_code == 1
        second = ws.run("fetch")
        new_hits = len(server.requests_for("/new.xml"))
        old_hits = len(server.requests_for("/old.xml"))
        busy_hits = len(server.requests_for("/busy.xml"))
        gone_hits = len(server.requests_for("/gone.xml"))
    rows = {r[0].rsplit("/", 1)[-1]: r[1:] for r in ws.query(
        "SELECT url, fetch_url, gone, next_fetch_after > now() + INTERVAL 100 MINUTE FROM sources"
    )}
    assert rows["old.xml"][0].endswith("/new.xml")
    assert rows["gone.xml"][1] is True
    assert rows["busy.xml"][2] is True
    # the second run went straight to the new URL, skipped the deferred and the gone source
    assert old_hits == 1 and new_hits == 2
    assert busy_hits == 1 and gone_hits == 1
    # the deferred source is still failing: named with its error and next try, exit 1
    assert second.exit_code == 1
    busy_line = next(line for line in second.stderr.splitlines() if "busy.xml" in line)
    assert busy_line.startswith("failing: ") and "429" in busy_line and "next try" in busy_line
    assert "gone (HTTP 410)" in second.stderr
    listing = ws.run("source", "list")
    assert "GONE" in listing.stdout and "moved to" in listing.stdout


def test_articles_json_and_file_url(ws: Workspace, tmp_path: Path) -> None:
    saved = tmp_path / "saved.xml"
    saved.write_bytes(rss(items(3, "saved")))
    write_config(ws.feeds, {"Saved": [saved.as_uri()]})
    assert ws.run("fetch", "--quiet").exit_code == 0
    result = ws.run("articles", "--json", "--since", "7d")
    data = json.loads(result.stdout)
    assert len(data) == 3
    for key in ("id", "url", "title", "published", "published_is_estimate", "source_url",
                "company", "summary"):
        assert key in data[0]
    assert data[0]["published"].endswith("Z")
    assert data[0]["company"] == "saved"
    assert data[0]["summary"] == "Paragraph about saved 0 & more."
    # newest first
    assert [d["title"] for d in data] == ["Saved number 0", "Saved number 1", "Saved number 2"]


def test_quiet_prints_only_failures(ws: Workspace) -> None:
    routes = {"/ok.xml": Route(rss(items(1))), "/bad.xml": Route(b"", status=404)}
    with serve(routes) as server:
        write_config(ws.feeds, {"Ok": [server.url("/ok.xml")], "Bad": [server.url("/bad.xml")]})
        result = ws.run("fetch", "--quiet")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("failed:") and "404" in lines[0]


def test_entry_without_date_is_estimated_and_gzip_feeds_work(ws: Workspace) -> None:
    undated = [{"title": "No date here", "link": "https://example.test/nodate"}]
    routes = {"/u.xml": Route(rss(undated), gzip=True)}
    with serve(routes) as server:
        write_config(ws.feeds, {"Undated": [server.url("/u.xml")]})
        assert ws.run("fetch").exit_code == 0
    rows = ws.query("SELECT published_is_estimate, published_at <= now() FROM articles")
    assert rows == [(True, True)]


def test_gzip_body_is_decompressed(tmp_path: Path) -> None:
    assert gzip.decompress(gzip.compress(b"x")) == b"x"


def test_shards_split_the_sources_between_hosts(ws: Workspace) -> None:
    # 16 sources: the port is random, so an even split is not given; an empty shard has odds 2**-15.
    routes = {f"/s{i}.xml": Route(rss(items(1, f"shard{i}"))) for i in range(16)}
    with serve(routes) as server:
        urls = [server.url(p) for p in routes]
        write_config(ws.feeds, {f"Co{i}": [url] for i, url in enumerate(urls)})
        first = ws.run("fetch", "--shard", "1/2")
        second = ws.run("fetch", "--shard", "2/2")
        bad = ws.run("fetch", "--shard", "3/2")
        hits = {p: len(server.requests_for(p)) for p in routes}
    assert first.exit_code == 0 and second.exit_code == 0
    assert set(hits.values()) == {1}  # every source fetched once, by exactly one shard
    n1 = int(first.stderr.strip().splitlines()[-1].split()[0])
    n2 = int(second.stderr.strip().splitlines()[-1].split()[0])
    assert n1 == sum(in_shard(url, (1, 2)) for url in urls)
    assert n1 + n2 == 16 and n1 > 0 and n2 > 0
    assert bad.exit_code == 2 and "--shard" in bad.stderr
