"""Entries that differ only by URL fragment stay distinct (issue 13, point 4): real captured
feeds served on 127.0.0.1, fetched by the real CLI into a real DuckDB file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.feedgen import rss
from tests.httpserver import Route, serve
from tests.test_fetch_e2e import Workspace, write_config
from tidings.urls import identity_fragment

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "feeds"
NETNEWSWIRE = CORPUS / "netnewswire-rsparser-resources"


def _corpus(path: Path) -> bytes:
    if not path.is_file():
        pytest.skip(f"shared corpus not here: {path}")
    return path.read_bytes()


def _items(body: bytes) -> list[bytes]:
    return re.findall(rb"<item>.*?</item>", body, re.S)


@pytest.mark.parametrize(
    ("fragment_url", "expected"),
    [
        ("http://scripting.com/2017/06/26.html#a080605", "a080605"),
        ("https://example.test/changelog#v2.1.0", "v2.1.0"),
        ("https://example.test/post#comment-1234", "comment-1234"),
        ("http://scriptingnews.userland.com/backissues/2002/09/29#When:12:59:01PM", "When:12:59:01PM"),
        ("https://example.test/app#!/story/42", "!/story/42"),
        ("https://www.macworld.com/article/3235804/ios.html#tk.rss_all", None),
        ("https://example.test/post#xtor=RSS-1", None),
        ("https://example.test/post#utm_source=feed", None),
        ("https://example.test/post#more-123", None),
        ("https://example.test/post#comments", None),
        ("https://example.test/post#:~:text=launch", None),
        ("https://example.test/post#", None),
        ("https://example.test/post", None),
    ],
)
def test_which_fragments_name_an_item(fragment_url: str, expected: str | None) -> None:
    assert identity_fragment(fragment_url) == expected


def test_a_link_blog_keeps_every_entry_and_a_refetch_adds_none(tmp_path: Path) -> None:
    # Scripting News: 50 posts on 7 day pages, each `day.html#anchor` with its own GUID; two
    # GUIDs are reused by the publisher for different posts (different text, one has a title).
    scripting = _corpus(NETNEWSWIRE / "scriptingNews.rss")
    spec = _corpus(CORPUS / "feed-rs-fixtures" / "rss2" / "rss_2.0_spec_1.xml")
    entries = _items(scripting)
    assert len(entries) == 50
    pages = {m.split(b"#")[0] for m in re.findall(rb"<link>(http://scripting\.com/[^<]+)</link>", scripting)}
    assert len(pages) == 7
    ws = Workspace(tmp_path)
    routes = {"/scripting.rss": Route(scripting), "/spec.xml": Route(spec)}
    with serve(routes) as server:
        write_config(ws.feeds, {"Scripting": [server.url("/scripting.rss")],
                                "Spec": [server.url("/spec.xml")]})
        first = ws.run("fetch")
        assert first.exit_code == 0, first.stderr
        counts = dict(ws.query("SELECT company, count(*) FROM articles GROUP BY 1"))
        assert counts == {"scripting": 50, "spec": 2}
        # The same feed again, a byte different so it is parsed again (not skipped as unchanged).
        server.routes["/scripting.rss"] = Route(scripting + b"\n")
        server.routes["/spec.xml"] = Route(spec + b"\n")
        second = ws.run("fetch")
    assert second.exit_code == 0
    assert "0 new articles" in second.stderr
    assert ws.query("SELECT count(*) FROM articles") == [(52,)]
    # The stored URL keeps the anchor that tells the posts apart; the canonical one drops it.
    urls = ws.query("SELECT url, canonical_url FROM articles WHERE company = 'scripting'")
    assert all("#" in url and "#" not in canonical for url, canonical in urls)


def test_tracking_fragments_still_merge_one_link(tmp_path: Path) -> None:
    # Macworld's feed tags every link with `#tk.rss_all`: 30 entries, 30 articles, and a plain
    # link to one of them from another feed is the same article.
    macworld = _corpus(NETNEWSWIRE / "macworld.rss")
    links = re.findall(rb"<link>(https://www\.[a-z]+\.com/article/[^<]+)</link>", macworld)
    assert len(links) == 30 and all(link.endswith(b"#tk.rss_all") for link in links)
    plain = links[0].decode().split("#")[0]
    tracked = [{"title": "Shared by a reader", "link": plain + "?utm_source=twitter#xtor=RSS-3"}]
    bare = [{"title": "Shared again", "link": plain}]
    ws = Workspace(tmp_path)
    routes = {
        "/macworld.rss": Route(macworld), "/shared.xml": Route(rss(tracked)), "/bare.xml": Route(rss(bare)),
    }
    with serve(routes) as server:
        write_config(ws.feeds, {"Macworld": [server.url("/macworld.rss")],
                                "Shared": [server.url("/shared.xml"), server.url("/bare.xml")]})
        result = ws.run("fetch")
    assert result.exit_code == 0, result.stderr
    assert ws.query("SELECT count(*) FROM articles") == [(30,)]
    assert ws.query("SELECT count(*) FROM articles WHERE canonical_url = ?", [plain]) == [(1,)]


def test_changelog_entries_with_anchors_and_guids_stay_apart(tmp_path: Path) -> None:
    releases = [
        {"title": f"Version 2.{n}", "link": f"https://example.test/changelog#v2-{n}",
         "guid": f"https://example.test/changelog#v2-{n}"}
        for n in range(5)
    ]
    comments = [  # a comment feed: the post's page, each comment its own anchor and opaque GUID
        {"title": f"Comment by reader {n}", "link": "https://example.test/post#comment-1",
         "guid": f"comment-{n}"}
        for n in range(3)
    ]
    ws = Workspace(tmp_path)
    with serve({"/changes.xml": Route(rss(releases)), "/comments.xml": Route(rss(comments))}) as server:
        write_config(ws.feeds, {"Changes": [server.url("/changes.xml")],
                                "Comments": [server.url("/comments.xml")]})
        assert ws.run("fetch").exit_code == 0
    assert dict(ws.query("SELECT company, count(*) FROM articles GROUP BY 1")) == {
        "changes": 5, "comments": 3,
    }


def test_a_reused_guid_keeps_the_first_post_and_adds_the_new_one_once(tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta
    from email.utils import format_datetime

    now = datetime.now(UTC)
    guid = "https://example.test/2017/06/24.html#a100632"
    first = {"title": "Health insurance", "guid": guid, "link": guid,
             "pubDate": format_datetime(now - timedelta(hours=3))}
    second = {"title": "Republican-inspired art", "guid": guid, "link": guid,
              "pubDate": format_datetime(now - timedelta(hours=1))}
    ws = Workspace(tmp_path)
    with serve({"/f.xml": Route(rss([first]))}) as server:
        write_config(ws.feeds, {"Blog": [server.url("/f.xml")]})
        assert ws.run("fetch").exit_code == 0
        before = ws.query("SELECT id, title FROM articles")
        server.routes["/f.xml"] = Route(rss([second, first]))  # newest first, as feeds list
        assert ws.run("fetch").exit_code == 0
        server.routes["/f.xml"] = Route(rss([second, first]) + b"\n")
        again = ws.run("fetch")
    assert "0 new articles" in again.stderr
    after = ws.query("SELECT id, title FROM articles ORDER BY published_at")
    assert [t for _, t in after] == ["Health insurance", "Republican-inspired art"]
    assert after[0] == before[0]  # the post stored first keeps its row
