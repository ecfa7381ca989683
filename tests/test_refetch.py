"""A store fetched before tidings read FeedBurner's origLink and unwrapped Google Alert redirects
keeps the proxy links: a 304 (or the same bytes) is not parsed again, and `reanalyze` did not
touch URLs. `reanalyze` now unwraps stored click redirects, and `fetch --refetch` reads every
feed again once, updating the stored links in place without storing any article twice."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from tests.feedgen import rss
from tests.httpserver import Route, serve
from tests.test_intel_e2e import run
from tests.test_relay_links import google_and_slack
from tidings.models import Article
from tidings.sources.normalize import content_hash
from tidings.store.articles import relay_link_sources, unwrap_stored_redirects, upsert_articles
from tidings.store.connection import connect

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "feeds"
ATOM = "{http://www.w3.org/2005/Atom}"


def raw_links(techcrunch: bytes, alerts: bytes) -> dict[str, str]:
    """GUID -> the link an older tidings stored: the item's own <link> (feedproxy) and the
    alert's google.com/url redirect."""
    links = {}
    for item in ET.fromstring(techcrunch.strip()).iter("item"):
        links[item.findtext("guid") or ""] = item.findtext("link") or ""
    for entry in ET.fromstring(alerts.strip()).iter(f"{ATOM}entry"):
        link = entry.find(f"{ATOM}link")
        links[entry.findtext(f"{ATOM}id") or ""] = link.get("href", "") if link is not None else ""
    return links


def as_an_older_version_stored_them(db: Path, links: dict[str, str]) -> None:
    con = duckdb.connect(str(db))
    try:
        for guid, title, summary, body in con.execute(
            "SELECT guid, title, summary, body FROM articles"
        ).fetchall():
            link = links[guid]
            # its hash covered the link it read, as a fetch's does
            digest = content_hash(title, summary, body, link)
            con.execute(
                "UPDATE articles SET url = ?, canonical_url = ?, publisher = NULL, content_hash = ? "
                "WHERE guid = ?",
                [link, link, digest, guid],
            )
    finally:
        con.close()


def stored(root: Path) -> list[dict[str, object]]:
    return json.loads(run(root, "articles", "--since", "all", "--limit", "500", "--json").stdout)


def hosts(articles: list[dict[str, object]], source: str) -> set[str]:
    return {str(a["url"]).split("/")[2] for a in articles if a["source"] == source}


@pytest.mark.skipif(not (CORPUS / "feedjira-sample-feeds").is_dir(), reason="shared corpus absent")
def test_reanalyze_and_refetch_repair_links_an_older_version_stored(tmp_path: Path) -> None:
    techcrunch = (CORPUS / "feedjira-sample-feeds" / "TechCrunch.xml").read_bytes()
    alerts = (CORPUS / "feedjira-sample-feeds" / "google_alerts_atom.xml").read_bytes()
    routes = {"/tc.xml": Route(techcrunch, etag='"tc1"'), "/alerts.xml": Route(alerts, etag='"al1"')}
    with serve(routes) as server:
        (tmp_path / "feeds").mkdir()
        (tmp_path / "feeds" / "companies.toml").write_text(google_and_slack(server.url))
        assert run(tmp_path, "fetch").exit_code == 0
        first = stored(tmp_path)
        as_an_older_version_stored_them(tmp_path / "t.duckdb", raw_links(techcrunch, alerts))
        old = stored(tmp_path)
        assert hosts(old, "TechCrunch") == {"feedproxy.google.com"}
        assert hosts(old, "Google Alert - Slack") == {"www.google.com"}

        # A plain fetch gets 304s: nothing is read again, the proxy links stay.
        assert run(tmp_path, "fetch", "--force").exit_code == 0
        assert hosts(stored(tmp_path), "TechCrunch") == {"feedproxy.google.com"}

        # reanalyze unwraps the click redirects (the stories' own sites, named as publisher) ...
        reanalysed = run(tmp_path, "reanalyze")
        assert reanalysed.exit_code == 0, reanalysed.output
        assert "20 article link(s) through a click redirect" in reanalysed.stderr
        after = stored(tmp_path)
        assert not any("google." in h for h in hosts(after, "Google Alert - Slack"))
        alert = next(a for a in after if "investorplace.com" in str(a["url"]))
        assert alert["publisher"] == "investorplace.com"
        # ... and a FeedBurner link needs the feed: --refetch reads it despite the validators.
        requests_before = len(server.requests)
        refetched = run(tmp_path, "fetch", "--refetch")
        assert refetched.exit_code == 0, refetched.output
        sent = server.requests[requests_before:]
        assert sent and not any("if-none-match" in r.headers for r in sent)
        repaired = stored(tmp_path)
        assert hosts(repaired, "TechCrunch") == {"techcrunch.com"}
        assert "0 new articles" in refetched.stderr, refetched.stderr
        # nothing stored twice; the same rows as the first fetch, with the same links
        assert sorted(a["id"] for a in repaired) == sorted(a["id"] for a in first)
        assert {a["id"]: a["url"] for a in repaired} == {a["id"]: a["url"] for a in first}

        # and the validators were stored again: the next plain fetch is a 304
        assert run(tmp_path, "fetch", "--force").exit_code == 0
        assert server.requests[-1].headers.get("if-none-match") in ('"tc1"', '"al1"')
        assert len(stored(tmp_path)) == 40


def test_a_guidless_item_once_stored_under_its_proxy_link_is_not_stored_twice(tmp_path: Path) -> None:
    # An older tidings read a GUID-less FeedBurner item by its <link> (the proxy): its identity
    # came from that link. Read now by its origLink, it keeps that row.
    def feed(orig: bool) -> bytes:
        body = rss([{"title": f"Northwind opens office {i}", "link": f"http://feedproxy.google.com/~r/nw/~3/{i}/",
                     "description": "Northwind opened an office."} for i in range(3)])
        if orig:
            for i in range(3):
                body = body.replace(
                    f"<link>http://feedproxy.google.com/~r/nw/~3/{i}/</link>".encode(),
                    f"<link>http://feedproxy.google.com/~r/nw/~3/{i}/</link><feedburner:origLink>"
                    f"https://northwind.example/news/{i}</feedburner:origLink>".encode(),
                )
            body = body.replace(b"<rss version", b'<rss xmlns:feedburner="http://rssnamespace.org/'
                                b'feedburner/ext/1.0" version')
        return body

    with serve({"/nw.xml": Route(feed(orig=False))}) as server:
        (tmp_path / "feeds").mkdir()
        (tmp_path / "feeds" / "companies.toml").write_text(
            f'[[company]]\nname = "Northwind"\n[[company.sources]]\nurl = "{server.url("/nw.xml")}"\n'
        )
        assert run(tmp_path, "fetch").exit_code == 0
        before = stored(tmp_path)
        assert {str(a["url"]).split("/")[2] for a in before} == {"feedproxy.google.com"}
        server.routes["/nw.xml"] = Route(feed(orig=True))
        assert run(tmp_path, "fetch", "--refetch").exit_code == 0
        after = stored(tmp_path)
    assert sorted(a["id"] for a in after) == sorted(a["id"] for a in before)
    assert sorted(a["url"] for a in after) == [f"https://northwind.example/news/{i}" for i in range(3)]


def _article(article_id: str, url: str, title: str = "Slack stock rises") -> Article:
    now = datetime(2026, 11, 30, tzinfo=UTC)
    return Article(
        id=article_id, url=url, canonical_url=url, title=title, summary="s", body="",
        published_at=now, published_is_estimate=False, fetched_at=now,
        source_url="https://alerts.example/feed", company="slack", guid=None, content_hash=article_id,
    )


def test_a_guidless_alert_under_its_redirect_keeps_its_row_on_the_next_fetch(tmp_path: Path) -> None:
    redirect = "https://www.google.com/url?rct=j&sa=t&url=https://investorplace.com/slack/&ct=ga"
    with connect(tmp_path / "t.duckdb") as con:
        upsert_articles(con, [_article("old-id", redirect),
                              _article("other", "https://x.example/a", "Other")])
        # its identity came from the redirect: reanalyze leaves it to the fetch that reads it
        assert unwrap_stored_redirects(con) == 0
        sources = relay_link_sources(con)
        assert sources == {"https://alerts.example/feed"}
        # the fetch computes the id from the unwrapped link; the row stays one row
        counts = upsert_articles(con, [_article("new-id", "https://investorplace.com/slack/")],
                                 relinked_sources=sources)
        assert (counts.new, counts.updated) == (0, 1)
        row = con.execute("SELECT url FROM articles WHERE id = 'old-id'").fetchone()
        assert row == ("https://investorplace.com/slack/",)
        # a story under another title is not taken for it
        counts = upsert_articles(con, [_article("third", "https://elsewhere.example/b", "Slack falls")],
                                 relinked_sources=sources)
        assert counts.new == 1
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
