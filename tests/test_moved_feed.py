"""A feed whose address is edited in feeds/ (moved to https, another path) keeps its articles:
each entry is still one row, now filed under the new address. Found by review 20: editing the
URL of QEMU's real feed (opaque GUIDs such as "/2025/08/26/qemu-10-1-0") stored all of it again,
108 articles became 179, and one release read "4 sources"."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import duckdb

from tests.feedgen import rss
from tests.httpserver import Route, serve
from tests.test_intel_e2e import run

NOW = datetime.now(UTC)


def _feed() -> bytes:
    return rss([
        # an opaque GUID: known only within its feed
        {"title": "Northwind launches Harbor", "link": "https://northwind.example/harbor",
         "guid": "post-17", "description": "Northwind launched Harbor, a routing API.",
         "pubDate": format_datetime(NOW - timedelta(days=2))},
        # a URL-like GUID: known everywhere
        {"title": "Northwind opens a Lisbon office", "link": "https://northwind.example/lisbon",
         "guid": "https://northwind.example/lisbon", "description": "Northwind opened an office in Lisbon.",
         "pubDate": format_datetime(NOW - timedelta(days=3))},
    ])


def _config(root: Path, url: str) -> None:
    (root / "feeds" / "c.toml").write_text(
        f'[[company]]\nname = "Northwind"\n[[company.sources]]\nurl = "{url}"\nname = "Northwind news"\n'
    )


def test_an_edited_feed_address_keeps_every_article_once(tmp_path: Path) -> None:
    with serve({"/old/feed.xml": Route(_feed()), "/new/feed.xml": Route(_feed())}) as server:
        (tmp_path / "feeds").mkdir()
        _config(tmp_path, server.url("/old/feed.xml"))
        assert run(tmp_path, "fetch").exit_code == 0
        _config(tmp_path, server.url("/new/feed.xml"))
        moved = run(tmp_path, "fetch")
    assert moved.exit_code == 0, moved.output
    assert "0 new articles" in moved.stderr, moved.stderr
    with duckdb.connect(str(tmp_path / "t.duckdb"), read_only=True) as con:
        rows = con.execute("SELECT source_url FROM articles").fetchall()
    assert sorted(r[0].rsplit("/", 2)[-2] for r in rows) == ["new", "new"]
    devs = json.loads(run(tmp_path, "developments", "Northwind", "--json").stdout)
    assert devs and all(d["coverage"] == 1 for d in devs), devs
