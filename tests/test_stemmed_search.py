"""Search matches word forms (issue 13, point 9): real CLI, local feed server, real DuckDB file."""

from __future__ import annotations

import json
import zlib
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from tests.feedgen import rss
from tests.httpserver import Route, serve
from tests.test_intel_e2e import item, run
from tests.workspaces import fetched_workspace
from tidings.analysis.ingest import INDEX_CHARS, tokenize
from tidings.analysis.wordforms import SCHEME, stems
from tidings.store.settings import SEARCH_TOKENS_KEY

NEWS = [
    item(2, "Northwind hires forty engineers for its Lisbon office",
         "Northwind is hiring engineers and data scientists to build its routing platform.", "hires"),
    item(3, "Northwind launched Harbor, a fleet-routing API",
         "Northwind launched Harbor on Tuesday. The launch follows two years of work.", "harbor"),
    item(4, "Contoso opens a warehouse in Porto",
         "Contoso opened a new warehouse in Porto for its delivery vans.", "porto"),
]


@pytest.fixture
def store(tmp_path: Path) -> Path:
    config = (
        '[[company]]\nname = "Northwind"\n[[company.sources]]\nurl = "@/nw.xml"\n\n'
        '[[company]]\nname = "Contoso"\n'
    )
    return fetched_workspace(tmp_path, config, {"/nw.xml": Route(rss(NEWS))})


def titles(root: Path, query: str) -> list[str]:
    result = run(root, "search", query, "--json")
    assert result.exit_code == 0, result.stderr
    return sorted(hit["title"] for hit in json.loads(result.stdout))


HIRES, HARBOR, PORTO = (n["title"] for n in NEWS)


def test_word_forms_match(store: Path) -> None:
    assert titles(store, "engineer") == [HIRES]
    assert titles(store, "engineers") == [HIRES]
    assert titles(store, "engineering hire") == [HIRES]  # every word, in any form
    assert titles(store, "launching") == [HARBOR]
    assert titles(store, "launches harbor") == [HARBOR]
    assert titles(store, "warehouses") == [PORTO]
    assert titles(store, "engineer warehouse") == []  # still every word


def test_quoted_phrases_are_unchanged(store: Path) -> None:
    assert titles(store, '"launched harbor"') == [HARBOR]
    assert titles(store, '"launching harbor"') == []  # the phrase as written, not its stems
    assert titles(store, '"forty engineers"') == [HIRES]
    assert titles(store, '"forty engineer"') == [HIRES]  # a phrase is a substring of the text
    assert titles(store, '"forty engineering"') == []


def test_snippet_shows_the_matching_form(store: Path) -> None:
    hits = json.loads(run(store, "search", "hiring", "--json").stdout)
    assert "hiring" in hits[0]["snippet"].lower()


def test_stems_are_the_snowball_english_ones() -> None:
    assert stems(["engineers", "engineer", "launching", "launched", "launch"]) == [
        "engin", "engin", "launch", "launch", "launch",
    ]
    with pytest.raises(ValueError, match="klingon"):
        stems(["x"], "klingon")


def _make_it_an_old_store(db: Path) -> None:
    """What a store written before stemming holds: plain-word tokens, no scheme recorded, and
    migration 006 not yet applied."""
    con = duckdb.connect(str(db))
    try:
        rows = con.execute(
            "SELECT id, title, coalesce(nullif(body, ''), summary, '') FROM articles"
        ).fetchall()
        con.execute("DELETE FROM tokens")
        for article_id, title, text in rows:
            counts = Counter(tokenize(title))
            counts.update(tokenize(text[:INDEX_CHARS]))
            in_title = set(tokenize(title))
            for word, tf in counts.items():
                con.execute(
                    "INSERT INTO tokens VALUES (?, ?, ?, ?)",
                    [zlib.crc32(word.encode()), article_id, tf, word in in_title],
                )
        con.execute("DELETE FROM settings WHERE key = ?", [SEARCH_TOKENS_KEY])
        con.execute("DELETE FROM schema_migrations WHERE name = '006_search_token_scheme'")
    finally:
        con.close()


def scheme_of(db: Path) -> str | None:
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("SELECT value FROM settings WHERE key = ?", [SEARCH_TOKENS_KEY]).fetchone()
        return row[0] if row else None
    finally:
        con.close()


def test_a_new_store_is_marked_stemmed(store: Path) -> None:
    assert scheme_of(store / "t.duckdb") == SCHEME
    assert "reanalyze" not in run(store, "search", "engineer").stderr


def test_an_old_store_still_finds_words_as_written_until_reanalyze(store: Path) -> None:
    db = store / "t.duckdb"
    _make_it_an_old_store(db)
    old = run(store, "search", "engineers", "--json")  # the store is migrated on this open
    assert old.exit_code == 0
    assert [h["title"] for h in json.loads(old.stdout)] == [HIRES]  # never silently empty
    assert "tidings reanalyze" in old.stderr
    assert scheme_of(db) is None  # migration 006 saw plain tokens: not marked

    # Articles fetched after the upgrade are indexed by stem: a search finds them in any form,
    # and the old ones by the word they use.
    later = [item(1, "Contoso is launching a van-routing service",
                  "Contoso is launching a service that routes delivery vans.", "vans")]
    with serve({"/c.xml": Route(rss(later))}) as server:
        (store / "feeds" / "contoso.toml").write_text(
            f'[[company]]\nname = "Fabrikam"\n\n[[company.sources]]\nurl = "{server.url("/c.xml")}"\n',
            encoding="utf-8",
        )
        assert run(store, "fetch", "--company", "Fabrikam").exit_code == 0
    assert titles(store, "launched") == sorted([HARBOR, later[0]["title"]])
    # "routes" in the new article; the old one has only "routing", a word it was indexed by as is
    assert titles(store, "route") == [later[0]["title"]]

    assert run(store, "reanalyze").exit_code == 0
    assert scheme_of(db) == SCHEME
    assert titles(store, "engineer") == [HIRES]
    assert titles(store, "route") == sorted([HIRES, later[0]["title"]])  # "routing" now too
    assert "reanalyze" not in run(store, "search", "engineer").stderr
