"""A page over the size cap keeps the article that comes after megabytes of inline script:
the cap empties scripts and styles (JSON-LD kept) before it cuts."""

from __future__ import annotations

import json
import time
from pathlib import Path

from click.testing import CliRunner

from tests.httpserver import Route, serve
from tidings.cli import main
from tidings.extract.decode import MAX_PAGE_BYTES, within_cap
from tidings.extract.page import extract_page

HTML = {"Content-Type": "text/html; charset=utf-8"}
LEAD = "Fabrikam opened a new office in Leeds today, adding forty engineering roles to its team. "
JSON_LD = (
    b'<script type="application/ld+json">{"@type": "NewsArticle", '
    b'"headline": "Fabrikam opens a Leeds office", "datePublished": "2026-11-20T08:00:00Z"}</script>'
)


def bundled_page(script_bytes: int) -> bytes:
    """An app-shell page: a huge inline bundle in the head, the article after it."""
    bundle = b"<script>window.__STATE__ = " + b"[1,2,3,4]," * (script_bytes // 10) + b"0;</script>"
    style = b"<style>" + b".a{color:red}" * 1000 + b"</style>"
    return (
        b"<!doctype html><html><head><title>Fabrikam opens a Leeds office</title>" + JSON_LD
        + bundle + style + b"</head><body><article><h1>Fabrikam opens a Leeds office</h1><p>"
        + (LEAD * 6).encode() + b"</p></article></body></html>"
    )


def test_a_page_within_the_cap_is_left_as_it_is() -> None:
    body = bundled_page(100_000)
    assert within_cap(body) is body


def test_the_article_after_a_huge_bundle_is_read_with_its_json_ld_date() -> None:
    body = bundled_page(4_000_000)
    assert len(body) > MAX_PAGE_BYTES
    capped = within_cap(body)
    assert len(capped) < 10_000
    assert JSON_LD in capped and LEAD.encode() in capped
    page = extract_page(body, "https://fabrikam.test/news/leeds")
    assert page.title == "Fabrikam opens a Leeds office"
    assert LEAD.strip() in page.text
    assert page.published is not None and page.published.isoformat().startswith("2026-11-20")


def test_a_page_of_text_over_the_cap_is_still_cut_at_the_cap() -> None:
    body = b"<html><body><p>" + b"word " * 1_000_000 + b"</p></body></html>"
    assert len(within_cap(body)) == MAX_PAGE_BYTES


def test_unclosed_scripts_end_the_scan_in_linear_time() -> None:
    # 400,000 opening tags and no closing one: a lazy regex would search to the end from each.
    body = b"<script>" * 400_000 + b"x" * 1_000_000
    started = time.process_time()
    capped = within_cap(body)
    assert len(capped) == MAX_PAGE_BYTES
    assert time.process_time() - started < 5  # a bound against a quadratic scan, not a timing


def test_extract_and_fetch_read_the_article_after_a_huge_bundle(tmp_path: Path) -> None:
    listing = (
        b"<html><head><title>News</title></head><body><main><h1>Newsroom</h1><article><h2>"
        b"<a href='/news/2026/11/fabrikam-opens-leeds-office'>Fabrikam opens a Leeds office for "
        b"forty engineers</a></h2></article></main></body></html>"
    )
    routes = {
        "/robots.txt": Route(b"User-agent: *\nAllow: /\n", headers={"Content-Type": "text/plain"}),
        "/news": Route(listing, headers=HTML),
        "/news/2026/11/fabrikam-opens-leeds-office": Route(bundled_page(4_000_000), headers=HTML),
    }

    def run(*args: str):  # type: ignore[no-untyped-def]
        return CliRunner().invoke(
            main, ["--feeds", str(tmp_path / "feeds"), "--db", str(tmp_path / "t.duckdb"), *args],
            catch_exceptions=False,
        )

    with serve(routes) as server:
        extracted = run("extract", server.url("/news/2026/11/fabrikam-opens-leeds-office"), "--json")
        assert run("company", "add", "Fabrikam").exit_code == 0
        assert run("source", "add", "Fabrikam", server.url("/news"), "--kind", "page").exit_code == 0
        fetched = run("fetch")
        stored = json.loads(run("articles", "--company", "Fabrikam", "--since", "all", "--json").stdout)
    assert extracted.exit_code == 0, extracted.stderr
    data = json.loads(extracted.stdout)
    assert LEAD.strip() in data["text"] and data["published"].startswith("2026-11-20")
    assert fetched.exit_code == 0, fetched.stderr
    assert [a["title"] for a in stored] == ["Fabrikam opens a Leeds office"]
