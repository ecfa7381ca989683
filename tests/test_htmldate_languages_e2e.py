"""htmldate reads a page's dates in the page's language, end to end: pages served on 127.0.0.1,
the real CLI (`tidings extract --json`, `tidings fetch` into a real DuckDB file)."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
from click.testing import CliRunner

from tests.httpserver import Route, serve
from tidings.cli import main

HTML = {"Content-Type": "text/html; charset=utf-8"}
# Only dateparser reads this (htmldate's own patterns know no Finnish month names), and the
# page carries no structured date, so htmldate's search decides.
FINNISH_DATE = "3. maaliskuuta 2021"


def finnish_page(lang: str | None) -> bytes:
    body = " ".join(["Yhtiö kertoi uudesta tehtaasta ja sen työpaikoista kaupungissa."] * 8)
    attr = f' lang="{lang}"' if lang else ""
    return (f"<!doctype html><html{attr}><head><title>Uusi tehdas</title></head><body><article>"
            f"<h1>Uusi tehdas avataan</h1><div class='byline'><span>{FINNISH_DATE}</span></div>"
            f"<p>{body}</p><p>{body}</p></article></body></html>").encode()


def run(root: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(
        main, ["--feeds", str(root / "feeds"), "--db", str(root / "t.duckdb"), *args],
        catch_exceptions=False,
    )


def test_extract_reads_a_date_in_the_pages_own_language(tmp_path: Path) -> None:
    routes = {f"/uutiset/2021/{name}-tehdas": Route(finnish_page(lang), headers=HTML)
              for name, lang in (("fi", "fi-FI"), ("de", "de"), ("none", None))}
    with serve(routes) as server:
        out = {path.split("/")[-1]: run(tmp_path, "extract", server.url(path), "--json")
               for path in routes}
    data = {}
    for name, result in out.items():
        assert result.exit_code == 0, (name, result.stderr)
        data[name] = json.loads(result.stdout)
    assert data["fi-tehdas"]["published"].startswith("2021-03-03")
    # a page that says it is German, or says nothing (read as English): the Finnish month is
    # not read, and htmldate falls back to the year in the URL
    for name in ("de-tehdas", "none-tehdas"):
        assert not (data[name]["published"] or "").startswith("2021-03-03"), data[name]


def test_fetch_stores_the_date_read_in_the_pages_language(tmp_path: Path) -> None:
    links = "".join(f'<article><h2><a href="/uutiset/2021/03/{slug}">{text}</a></h2></article>'
                    for slug, text in (("uusi-tehdas-avataan-kaupunkiin", "Uusi tehdas avataan kaupunkiin"),))
    listing = (f"<!doctype html><html lang='fi'><head><title>Uutiset</title></head><body><main>"
               f"<h1>Uutiset</h1>{links}</main></body></html>").encode()
    routes = {
        "/robots.txt": Route(b"User-agent: *\nAllow: /\n", headers={"Content-Type": "text/plain"}),
        "/uutiset": Route(listing, headers=HTML),
        "/uutiset/2021/03/uusi-tehdas-avataan-kaupunkiin": Route(finnish_page("fi"), headers=HTML),
    }
    with serve(routes) as server:
        assert run(tmp_path, "company", "add", "Yhtiö").exit_code == 0
        added = run(tmp_path, "source", "add", "Yhtiö", server.url("/uutiset"), "--kind", "page")
        assert added.exit_code == 0, added.stderr
        fetched = run(tmp_path, "fetch")
    assert fetched.exit_code == 0, fetched.stderr
    with duckdb.connect(str(tmp_path / "t.duckdb"), read_only=True) as db:
        rows = db.execute("SELECT title, published_at FROM articles").fetchall()
    assert len(rows) == 1
    assert rows[0][1] is not None and rows[0][1].date().isoformat() == "2021-03-03"
