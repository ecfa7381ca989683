"""`source add` checks what it adds (issue 13, point 6): real CLI against a server on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.feedgen import items, rss
from tests.httpserver import Route, serve
from tests.test_pages_e2e import HTML, LISTING, page, run

EMPTY_PAGE = page("About", "<main><p>We make routing software. Nothing else to read here.</p></main>")
ROUTES = {
    "/feed.xml": Route(rss(items(3, "fleet"))),
    "/news": Route(LISTING, headers=HTML),
    "/about": Route(EMPTY_PAGE, headers=HTML),
    "/gone": Route(b"not here", status=404),
    "/broken": Route(b"oops", status=503),
}


def sources_of(root: Path) -> list[str]:
    listed = json.loads(run(root, "company", "list", "--json").stdout)
    return [url for c in listed for url in c["sources"]]


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    assert run(tmp_path, "company", "add", "Contoso").exit_code == 0
    return tmp_path


@pytest.mark.parametrize(
    ("path", "kind", "reason"),
    [
        ("/about", "auto", "neither a feed nor a page with article links"),
        ("/gone", "auto", "404"),
        ("/broken", "auto", "503"),
        ("/about", "feed", "not a feed"),
        ("/news", "feed", "not a feed"),
        ("/gone", "feed", "404"),
        ("/about", "page", "no article links"),
        ("/broken", "page", "503"),
        ("/about", "search", "not a feed"),
    ],
)
def test_refused_with_the_reason_and_added_with_force(
    workspace: Path, path: str, kind: str, reason: str
) -> None:
    with serve(ROUTES) as server:
        url = server.url(path)
        refused = run(workspace, "source", "add", "Contoso", url, "--kind", kind)
        assert refused.exit_code == 1
        [line] = refused.stderr.strip().splitlines()
        assert line.startswith("Error: cannot add ") and reason in line and "--force" in line, line
        assert sources_of(workspace) == []

        forced = run(workspace, "source", "add", "Contoso", url, "--kind", kind, "--force")
    assert forced.exit_code == 0, forced.stderr
    assert sources_of(workspace) == [url]


def test_unreachable_host_is_refused(workspace: Path) -> None:
    url = "http://127.0.0.1:9/feed.xml"  # the discard port: nothing listens, connection refused
    refused = run(workspace, "source", "add", "Contoso", url)
    assert refused.exit_code == 1 and "cannot add" in refused.stderr
    assert sources_of(workspace) == []
    offline = run(workspace, "source", "add", "Contoso", url, "--force")
    assert offline.exit_code == 0 and "adding it anyway" in offline.stderr
    config = (workspace / "feeds" / "contoso.toml").read_text(encoding="utf-8")
    assert url in config and 'kind = "page"' not in config  # an unreachable URL is kept as a feed


def test_what_works_is_added_after_the_check(workspace: Path) -> None:
    with serve(ROUTES) as server:
        feed = run(workspace, "source", "add", "Contoso", server.url("/feed.xml"), "--kind", "feed")
        listing = run(workspace, "source", "add", "Contoso", server.url("/news"), "--kind", "page")
        checked = len(server.requests)
    assert feed.exit_code == 0 and "is a feed (3 items)" in feed.stderr
    assert listing.exit_code == 0 and "article links" in listing.stderr
    assert checked == 2  # --kind feed and --kind page both looked, once each
    assert sources_of(workspace) == [server.url("/feed.xml"), server.url("/news")]


def test_a_one_item_feed_is_one_item(workspace: Path) -> None:
    # found by the review: "http://.../dup.xml is a feed (1 items)"
    with serve({"/one.xml": Route(rss(items(1, "fleet")))}) as server:
        added = run(workspace, "source", "add", "Contoso", server.url("/one.xml"))
    assert added.exit_code == 0, added.stderr
    assert "is a feed (1 item)" in added.stderr, added.stderr
