"""A malformed feed's recovered entries become articles only when they link somewhere of their
own: review 19's garbage feed (an undefined entity, then NUL bytes) was stored as an article
titled "&bogus;" linking to the feed itself. A recovered title loses the entity references the
broken document left unresolved. A feed that recovers nothing fails, in one line."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.httpserver import Route, serve
from tests.test_intel_e2e import run
from tidings.errors import FetchError
from tidings.syndication.feed_parser import parse_feed

GARBAGE = b"<?xml version='1.0'?><rss><channel><item><title>&bogus;</title></item>\x00\x01"
MIXED = (
    b"<?xml version='1.0'?><rss><channel>"
    b"<item><title>Northwind opens a Lisbon office &bogus;</title><link>https://n.example/lisbon</link></item>"
    b"<item><title>&nbsp2;</title><description>stray</description></item>"
    b"<item><title>Northwind ships Harbor</title><guid>https://n.example/harbor</guid></item>\x00"
)


def test_a_malformed_feed_keeps_only_entries_with_a_link_of_their_own() -> None:
    parsed = parse_feed(MIXED, "https://n.example/feed.xml", {})
    assert parsed.bozo
    assert [e.title for e in parsed.entries] == ["Northwind opens a Lisbon office", "Northwind ships Harbor"]
    with pytest.raises(FetchError, match="malformed feed with no readable entries"):
        parse_feed(GARBAGE, "https://n.example/garbage.xml", {})


def test_a_well_formed_feed_keeps_its_linkless_entries() -> None:
    feed = (b"<?xml version='1.0'?><rss version='2.0'><channel><title>Notes</title>"
            b"<item><title>Office hours moved to Friday</title><description>See you.</description></item>"
            b"</channel></rss>")
    assert [e.title for e in parse_feed(feed, "https://n.example/notes.xml", {}).entries] == [
        "Office hours moved to Friday"
    ]


def test_the_garbage_feed_fails_and_stores_nothing(tmp_path: Path) -> None:
    with serve({"/garbage.xml": Route(GARBAGE), "/mixed.xml": Route(MIXED)}) as server:
        (tmp_path / "feeds").mkdir()
        (tmp_path / "feeds" / "c.toml").write_text(
            f'[[company]]\nname = "Northwind"\n'
            f'[[company.sources]]\nurl = "{server.url("/garbage.xml")}"\n'
            f'[[company.sources]]\nurl = "{server.url("/mixed.xml")}"\n'
        )
        fetched = run(tmp_path, "fetch")
    assert fetched.exit_code == 1, fetched.output
    assert "malformed feed with no readable entries" in fetched.stderr, fetched.stderr
    assert "malformed feed, recovered 2 entries:" in fetched.stderr, fetched.stderr
    with duckdb.connect(str(tmp_path / "t.duckdb"), read_only=True) as con:
        rows = con.execute("SELECT title, url FROM articles ORDER BY title").fetchall()
    assert rows == [("Northwind opens a Lisbon office", "https://n.example/lisbon"),
                    ("Northwind ships Harbor", "https://n.example/harbor")]
    listed = run(tmp_path, "source", "list")
    assert "FAIL" in listed.output and "garbage.xml" in listed.output, listed.output
