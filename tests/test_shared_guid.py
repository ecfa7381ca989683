"""The same entry (the same URL-like GUID or link) in the feeds of two companies is one article,
filed under one source: the company's own source when one of them is its own (so its own-post
reading holds), else the source that stored it first. Found by review 19: the article was filed
under whichever feed's copy was written last, and a company's own post became another company's
wire copy."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import duckdb

from tests.feedgen import rss
from tests.httpserver import Route, serve
from tests.test_intel_e2e import run
from tidings.models import Article
from tidings.store.articles import upsert_articles
from tidings.store.connection import connect

NOW = datetime.now(UTC)
GUID = "https://blog.example/2026/harbor"


def _item(title: str, body: str) -> dict[str, str]:
    return {"title": title, "link": GUID, "guid": GUID, "description": body,
            "pubDate": format_datetime(NOW - timedelta(days=2))}


# The company's own post does not name it: only the own-post reading makes it Northwind's.
OWN = rss([_item("Introducing Harbor, a fleet-routing API",
                 "We launched Harbor today for warehouse robots.")])
# Another feed republishes it, with its own words around it.
WIRE = rss([_item("Introducing Harbor, a fleet-routing API",
                  "We launched Harbor today for warehouse robots. Via the Globex reading list.")])


def _workspace(tmp_path: Path, own_url: str, wire_url: str) -> None:
    (tmp_path / "feeds").mkdir()
    (tmp_path / "feeds" / "c.toml").write_text(
        f'[[company]]\nname = "Globex"\nrole = "competitor"\n'
        f'[[company.sources]]\nurl = "{wire_url}"\nname = "Globex picks"\n\n'
        f'[[company]]\nname = "Northwind"\ncompetitors = ["Globex"]\n'
        f'[[company.sources]]\nurl = "{own_url}"\nname = "Northwind blog"\nown = true\n'
    )


def _rows(tmp_path: Path) -> list[tuple[str, str, str]]:
    with duckdb.connect(str(tmp_path / "t.duckdb"), read_only=True) as con:
        return con.execute("SELECT company, source_url, summary FROM articles").fetchall()


def _northwind_titles(tmp_path: Path) -> list[str]:
    """The headlines of Northwind's developments (a post may give more than one kind)."""
    result = run(tmp_path, "developments", "Northwind", "--since", "30d", "--json")
    assert result.exit_code == 0, result.output
    return sorted({d["title"] for d in json.loads(result.stdout)})


def test_the_own_source_keeps_the_article_in_one_run_either_order(tmp_path: Path) -> None:
    # Both feeds in one run: whichever finishes last, the own blog's copy is the one filed.
    for wire_delay, own_delay, name in ((0.0, 0.4, "a"), (0.4, 0.0, "b")):
        ws = tmp_path / name
        ws.mkdir()
        routes = {"/own.xml": Route(OWN, delay=own_delay), "/wire.xml": Route(WIRE, delay=wire_delay)}
        with serve(routes) as server:
            _workspace(ws, server.url("/own.xml"), server.url("/wire.xml"))
            result = run(ws, "fetch")
        assert result.exit_code == 0, result.output
        rows = _rows(ws)
        assert len(rows) == 1, rows
        assert rows[0][0] == "northwind" and rows[0][1].endswith("/own.xml"), rows
        assert _northwind_titles(ws) == ["Introducing Harbor, a fleet-routing API"]


def test_the_own_source_takes_over_a_wire_copy_stored_first_and_keeps_it(tmp_path: Path) -> None:
    with serve({"/own.xml": Route(rss([])), "/wire.xml": Route(WIRE)}) as server:
        _workspace(tmp_path, server.url("/own.xml"), server.url("/wire.xml"))
        assert run(tmp_path, "fetch").exit_code == 0
        assert [r[0] for r in _rows(tmp_path)] == ["globex"]
        server.routes["/own.xml"] = Route(OWN)
        second = run(tmp_path, "fetch", "--force")
        assert second.exit_code == 0, second.output
        rows = _rows(tmp_path)
        assert len(rows) == 1 and rows[0][0] == "northwind", rows
        assert "Globex reading list" not in rows[0][2]  # the own copy's text, not the wire's
        assert _northwind_titles(tmp_path) == ["Introducing Harbor, a fleet-routing API"]
        # The wire copy, read again, never takes it back nor rewrites its text night after night.
        third = run(tmp_path, "fetch", "--refetch")
    assert third.exit_code == 0, third.output
    assert _rows(tmp_path) == rows
    with duckdb.connect(str(tmp_path / "t.duckdb"), read_only=True) as con:
        updated = con.execute("SELECT updated_articles FROM fetch_runs ORDER BY id").fetchall()
    assert [u for (u,) in updated] == [0, 1, 0]


def _article(source_url: str, company: str, title: str) -> Article:
    return Article(
        id="a1", url=GUID, canonical_url=GUID, title=title, summary="", body=title,
        published_at=NOW, published_is_estimate=False, fetched_at=NOW, source_url=source_url,
        company=company, guid=GUID, content_hash=title,
    )


def test_the_first_source_keeps_an_article_no_own_source_claims(tmp_path: Path) -> None:
    with connect(tmp_path / "t.duckdb") as con:
        first = upsert_articles(con, [_article("https://a.example/feed", "acme", "Harbor")])
        later = upsert_articles(con, [_article("https://b.example/feed", "globex", "Harbor, via B")])
        row = con.execute("SELECT company, source_url, title FROM articles").fetchall()
    assert (first.new, later.new, later.updated) == (1, 0, 0)
    assert row == [("acme", "https://a.example/feed", "Harbor")]
