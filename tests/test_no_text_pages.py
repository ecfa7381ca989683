"""A page with metadata but no readable text (issue 14): the extractor still reads its title
and date (NoTextError carries them), while fetching never stores it as an article. End to end
through the real CLI against a newsroom on 127.0.0.1 and a real DuckDB file."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from tests.httpserver import Route, serve
from tidings.cli import main
from tidings.errors import ExtractionError
from tidings.extract import extract_page
from tidings.extract.page import NoTextError

HTML = {"Content-Type": "text/html; charset=utf-8"}
NOW = datetime(2026, 11, 26, 12, tzinfo=UTC)

# Only metadata: an og:title, a publication stamp and an empty body (a stub a CMS left behind).
STUB = (
    b"<!doctype html><html><head><title>Contoso joins the Harbor alliance | Contoso</title>"
    b'<meta property="og:title" content="Contoso joins the Harbor alliance">'
    b'<meta property="article:published_time" content="2026-11-18T08:00:00+01:00">'
    b"</head><body><main></main></body></html>"
)
ARTICLE = (
    "<!doctype html><html><head><title>Contoso opens a depot | Contoso</title></head><body>"
    "<main><article><h1>Contoso opens a depot in Rotterdam</h1>"
    "<time datetime='2026-11-20T09:00:00Z'>20 November 2026</time>"
    + "<p>Contoso opened a depot in the port of Rotterdam, with room for two hundred trucks "
    "and a team of forty people.</p>" * 5
    + "</article></main></body></html>"
).encode()
LISTING = (
    b"<!doctype html><html><head><title>News | Contoso</title></head><body><main><h1>News</h1>"
    b"<article><h2><a href='/news/2026/11/contoso-joins-the-harbor-alliance'>Contoso joins the "
    b"Harbor alliance of fleet operators</a></h2></article>"
    b"<article><h2><a href='/news/2026/11/contoso-opens-a-depot-in-rotterdam'>Contoso opens a "
    b"depot in Rotterdam for its European fleets</a></h2></article></main></body></html>"
)


def test_a_page_without_text_is_refused_with_its_metadata_read() -> None:
    with pytest.raises(NoTextError) as caught:
        extract_page(STUB, "https://contoso.example/news/2026/11/joins", now=NOW)
    assert isinstance(caught.value, ExtractionError)  # every caller that refused it still does
    assert str(caught.value) == "no readable text"
    page = caught.value.page
    assert page.text == ""
    assert page.title == "Contoso joins the Harbor alliance"
    assert page.published is not None and page.published.isoformat() == "2026-11-18T08:00:00+01:00"
    assert page.published_from == "meta"


def test_an_app_shell_is_refused_as_needing_javascript_and_keeps_its_title() -> None:
    shell = (b"<html><head><title>Contoso app</title><script src='/app.js'></script></head>"
             b"<body><div id='root'></div></body></html>")
    with pytest.raises(NoTextError, match="may need JavaScript") as caught:
        extract_page(shell, "https://contoso.example/app", now=NOW)
    assert caught.value.page.title == "Contoso app"
    assert caught.value.page.published is None


def run(root: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(
        main, ["--feeds", str(root / "feeds"), "--db", str(root / "t.duckdb"), *args],
        catch_exceptions=False,
    )


def test_fetch_stores_no_page_without_text(tmp_path: Path) -> None:
    routes = {
        "/robots.txt": Route(b"User-agent: *\nAllow: /\n", headers={"Content-Type": "text/plain"}),
        "/news": Route(LISTING, headers=HTML),
        "/news/2026/11/contoso-joins-the-harbor-alliance": Route(STUB, headers=HTML),
        "/news/2026/11/contoso-opens-a-depot-in-rotterdam": Route(ARTICLE, headers=HTML),
    }
    with serve(routes) as server:
        assert run(tmp_path, "company", "add", "Contoso").exit_code == 0
        added = run(tmp_path, "source", "add", "Contoso", server.url("/news"), "--kind", "page")
        assert added.exit_code == 0, added.stderr
        fetched = run(tmp_path, "fetch")
        extracted = run(tmp_path, "extract", server.url("/news/2026/11/contoso-joins-the-harbor-alliance"))
        stub_hits = len(server.requests_for("/news/2026/11/contoso-joins-the-harbor-alliance"))
    assert stub_hits >= 1  # it was fetched and read, then refused
    assert "no readable text" in fetched.stderr
    con = duckdb.connect(str(tmp_path / "t.duckdb"), read_only=True)
    rows = con.execute("SELECT title, body FROM articles").fetchall()
    con.close()
    assert [title for title, _ in rows] == ["Contoso opens a depot in Rotterdam"]
    assert all(body.strip() for _, body in rows)
    # the extract command still refuses it in one line, without a traceback
    assert extracted.exit_code != 0
    assert "no readable text" in extracted.stderr and "Traceback" not in extracted.stderr
