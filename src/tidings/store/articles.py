"""Writing and reading articles. Writes go in bulk: DuckDB inserts row by row at a few hundred
rows a second but loads a JSON batch at tens of thousands."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

import duckdb

from tidings.models import Article
from tidings.sources.normalize import content_hash
from tidings.store.bulk import load_columns
from tidings.urls import canonicalize_url, host_of, is_relay_link, unwrap_redirect

TEASER_CHARS = 1200  # a body shorter than this is a feed's teaser, not the article

_COLUMNS = {
    "id": "VARCHAR",
    "url": "VARCHAR",
    "canonical_url": "VARCHAR",
    "guid": "VARCHAR",
    "title": "VARCHAR",
    "summary": "VARCHAR",
    "body": "VARCHAR",
    "published_at": "TIMESTAMPTZ",
    "published_is_estimate": "BOOLEAN",
    "fetched_at": "TIMESTAMPTZ",
    "source_url": "VARCHAR",
    "company": "VARCHAR",
    "content_hash": "VARCHAR",
    "author": "VARCHAR",
    "publisher": "VARCHAR",
    "publisher_url": "VARCHAR",
}


@dataclass(frozen=True)
class UpsertCounts:
    new: int
    updated: int
    new_ids: tuple[str, ...] = ()
    updated_ids: tuple[str, ...] = ()


def _columns(articles: Sequence[Article]) -> dict[str, list[object]]:
    return {
        "id": [a.id for a in articles],
        "url": [a.url for a in articles],
        "canonical_url": [a.canonical_url for a in articles],
        "guid": [a.guid for a in articles],
        "title": [a.title for a in articles],
        "summary": [a.summary for a in articles],
        "body": [a.body for a in articles],
        "published_at": [a.published_at for a in articles],
        "published_is_estimate": [a.published_is_estimate for a in articles],
        "fetched_at": [a.fetched_at for a in articles],
        "source_url": [a.source_url for a in articles],
        "company": [a.company for a in articles],
        "content_hash": [a.content_hash for a in articles],
        "author": [a.author for a in articles],
        "publisher": [a.publisher for a in articles],
        "publisher_url": [a.extra.get("publisher_url") for a in articles],
    }


def _load_batch(
    con: duckdb.DuckDBPyConnection, articles: Sequence[Article], own_sources: Collection[str]
) -> None:
    """Load the batch into the temp table `batch`, one copy of a repeated id: within one source
    its last copy, across sources the copy of a company's own source, else the first source's."""
    unique: dict[str, Article] = {}
    for article in articles:
        kept = unique.get(article.id)
        if (
            kept is None
            or kept.source_url == article.source_url
            or (article.source_url in own_sources and kept.source_url not in own_sources)
        ):
            unique[article.id] = article
    load_columns(con, "batch", _COLUMNS, _columns(list(unique.values())))


def _settle_other_sources_copies(
    con: duckdb.DuckDBPyConnection, own_sources: frozenset[str], configured: frozenset[str] | None
) -> list[str]:
    """An article is filed under one source. The batch's copies of articles another source
    stored: a company's own source takes the row over from a source that is not its own (the
    own-post reading depends on it), and so does the same company's source when the one that
    stored it is no longer configured (a feed whose address was edited); those ids are
    returned. Another company's feed carrying the same entry (the same URL-like GUID or link)
    neither re-files it nor rewrites its text, so its copy is dropped; the same company's other
    sources still update the text, as a page read in full updates its feed teaser."""
    rows = con.execute(
        "SELECT b.id, b.source_url, a.source_url, b.company = a.company FROM batch b "
        "JOIN articles a ON a.id = b.id WHERE b.source_url <> a.source_url"
    ).fetchall()
    taken = {
        i for i, new, old, same in rows
        if (new in own_sources and old not in own_sources)
        or (same and configured is not None and old not in configured)
    }
    dropped = [i for i, new, old, same in rows if not same and i not in taken]
    if dropped:
        con.execute("DELETE FROM batch WHERE id IN (SELECT unnest(?))", [dropped])
    return sorted(taken)


def _adopt_moved(con: duckdb.DuckDBPyConnection, configured: frozenset[str]) -> list[str]:
    """An opaque GUID ("1234") is known only within its feed, so a feed whose address was edited
    in feeds/ would store every entry again. A new entry of a company with the GUID and title of
    one its source no longer configured stored takes that row's id, and is filed under the new
    address. Two candidates either way is no identity. Returns the adopted ids."""
    # The sources table keeps every source ever configured (a few rows): only when one has left
    # feeds/ is the store searched, and only that source's articles.
    gone = [url for (url,) in con.execute("SELECT url FROM sources").fetchall() if url not in configured]
    if not gone:
        return []
    rows = con.execute(
        """
        SELECT b.id, a.id FROM batch b
        JOIN articles a ON a.company = b.company AND a.guid = b.guid AND a.title = b.title
        WHERE coalesce(b.guid, '') <> '' AND a.source_url IN (SELECT unnest(?::VARCHAR[]))
          AND b.id NOT IN (SELECT id FROM articles)
        """,
        [gone],
    ).fetchall()
    olds: dict[str, list[str]] = {}
    news: dict[str, int] = {}
    for new_id, old_id in rows:
        olds.setdefault(new_id, []).append(old_id)
        news[old_id] = news.get(old_id, 0) + 1
    in_batch = {r[0] for r in con.execute("SELECT id FROM batch").fetchall()} if olds else set()
    pairs = [(old[0], new_id) for new_id, old in olds.items()
             if len(old) == 1 and news[old[0]] == 1 and old[0] not in in_batch]
    if pairs:
        con.executemany("UPDATE batch SET id = ? WHERE id = ?", pairs)
    return [old for old, _ in pairs]


def upsert_articles(
    con: duckdb.DuckDBPyConnection,
    articles: Sequence[Article],
    *,
    relinked_sources: Collection[str] = (),
    own_sources: Collection[str] = (),
    configured_sources: Collection[str] | None = None,
) -> UpsertCounts:
    """Insert new articles; update in place those whose content changed. Run in a transaction.

    An entry that was dated by estimate keeps its first estimate, and a real date already
    stored is never replaced by an estimate. `relinked_sources` (see `relay_link_sources`)
    are the sources whose GUID-less entries may be stored under an older link. An entry in
    the feeds of two companies is filed under the first that stored it, unless the other is
    a company's own source (`own_sources`): then the own source's copy takes the row over.
    With `configured_sources` (every source in feeds/), a source no longer configured yields
    its articles to the same company's source carrying them (see `_adopt_moved`).
    """
    if not articles:
        return UpsertCounts(0, 0)
    own_sources = frozenset(own_sources)
    configured = frozenset(configured_sources) if configured_sources is not None else None
    _load_batch(con, articles, own_sources)
    taken = _settle_other_sources_copies(con, own_sources, configured)
    if configured is not None:
        taken = sorted({*taken, *_adopt_moved(con, configured)})
    # The rows a source takes over are flagged once, for the update below to read per row.
    con.execute("ALTER TABLE batch ADD COLUMN taken BOOLEAN DEFAULT false")
    if taken:
        con.execute("UPDATE batch SET taken = true WHERE id IN (SELECT unnest(?::VARCHAR[]))", [taken])
    new_sql = "SELECT b.id, b.source_url, b.guid FROM batch b ANTI JOIN articles a ON a.id = b.id"
    new = con.execute(new_sql).fetchall()
    relinked = [source for _, source, guid in new if not guid and source in relinked_sources]
    if relinked and _adopt_relinked(con, sorted(set(relinked))):
        new = con.execute(new_sql).fetchall()
    new_ids = [r[0] for r in new]
    changed_ids = [
        r[0]
        for r in con.execute(
            "SELECT b.id FROM batch b JOIN articles a ON a.id = b.id "
            "WHERE a.content_hash <> b.content_hash OR b.taken"
        ).fetchall()
    ]
    cols = ", ".join(_COLUMNS)
    con.execute(
        f"INSERT INTO articles ({cols}) SELECT {cols} FROM batch b "
        "WHERE b.id NOT IN (SELECT id FROM articles)"
    )
    if changed_ids:
        con.execute(
            """
            UPDATE articles AS a SET
                url = b.url, canonical_url = b.canonical_url, title = b.title,
                -- A company's own source taking the row over files it, and its text replaces all.
                source_url = CASE WHEN b.taken THEN b.source_url ELSE a.source_url END,
                company = CASE WHEN b.taken THEN b.company ELSE a.company END,
                summary = b.summary, content_hash = b.content_hash,
                -- A feed's teaser never replaces the fuller text already read from the page.
                body = CASE WHEN length(coalesce(b.body, '')) < ? AND NOT b.taken
                             AND length(coalesce(a.body, '')) > length(coalesce(b.body, ''))
                            THEN a.body ELSE b.body END,
                author = coalesce(b.author, a.author),
                publisher = CASE WHEN b.taken THEN b.publisher ELSE coalesce(b.publisher, a.publisher) END,
                publisher_url = CASE WHEN b.taken THEN b.publisher_url
                                     ELSE coalesce(b.publisher_url, a.publisher_url) END,
                published_at = CASE WHEN b.published_is_estimate THEN a.published_at
                                    ELSE b.published_at END,
                published_is_estimate = a.published_is_estimate AND b.published_is_estimate,
                updated_at = b.fetched_at
            FROM batch b
            WHERE a.id = b.id AND (a.content_hash <> b.content_hash OR b.taken)
            """,
            [TEASER_CHARS],
        )
    con.execute("DROP TABLE IF EXISTS batch")
    return UpsertCounts(len(new_ids), len(changed_ids), tuple(new_ids), tuple(changed_ids))


def relay_link_sources(con: duckdb.DuckDBPyConnection) -> frozenset[str]:
    """The sources holding GUID-less articles stored under a feed proxy's link or a click
    redirect, as tidings stored FeedBurner and Google Alert items before it read their
    publisher's link. Such an entry's identity came from that link (one scan per fetch run)."""
    rows = con.execute(
        "SELECT DISTINCT source_url, url FROM articles WHERE coalesce(guid, '') = '' "
        "AND (url LIKE '%feedproxy.google.com/%' OR url LIKE '%feedburner.com/%' OR url LIKE '%/url?%' "
        "OR url LIKE '%/link?%')"
    ).fetchall()
    return frozenset(source for source, url in rows if is_relay_link(url))


def _adopt_relinked(con: duckdb.DuckDBPyConnection, sources: list[str]) -> int:
    """A GUID-less entry is known by its link. One stored under the link an older version read
    (a FeedBurner proxy link, a Google Alert's redirect) keeps its row: the batch's copy takes
    the stored id, so it updates that row instead of adding a second. Only the same source's
    entry of the same title counts. Returns how many were adopted."""
    rows = con.execute(
        """
        SELECT b.id, b.url, a.id, a.url
        FROM batch b JOIN articles a ON a.source_url = b.source_url AND a.title = b.title
        WHERE b.source_url IN (SELECT unnest(?)) AND coalesce(b.guid, '') = ''
          AND coalesce(a.guid, '') = '' AND a.id <> b.id AND b.id NOT IN (SELECT id FROM articles)
        """,
        [sources],
    ).fetchall()
    candidates: dict[str, list[str]] = {}
    claimed: dict[str, int] = {}
    for new_id, new_url, old_id, old_url in rows:
        if is_relay_link(old_url) and not is_relay_link(new_url):
            candidates.setdefault(new_id, []).append(old_id)
            claimed[old_id] = claimed.get(old_id, 0) + 1
    in_batch = {r[0] for r in con.execute("SELECT id FROM batch").fetchall()} if candidates else set()
    # Two candidates either way is no identity: leave both rows as they are.
    pairs = [
        (old[0], new_id) for new_id, old in candidates.items()
        if len(old) == 1 and claimed[old[0]] == 1 and old[0] not in in_batch
    ]
    if pairs:
        con.executemany("UPDATE batch SET id = ? WHERE id = ?", pairs)
    return len(pairs)


def unwrap_stored_redirects(con: duckdb.DuckDBPyConnection) -> int:
    """Store each article whose link is a click redirect (a Google Alert's google.com/url?url=,
    stored so before tidings unwrapped them) under the story it forwards to, with that site as
    its publisher when none was named, as a fetch now stores it. Its id stays. Returns how many."""
    # A GUID-less one is left to the next fetch of its feed: its identity came from the
    # redirect, and only the fetch that reads the entry again can tell it is the same one.
    rows = con.execute(
        "SELECT id, url, publisher, title, summary, body FROM articles "
        "WHERE url LIKE '%/url?%' AND coalesce(guid, '') <> ''"
    ).fetchall()
    changes = []
    for article_id, url, publisher, title, summary, body in rows:
        target = unwrap_redirect(url)
        if target == url:
            continue
        publisher = publisher or host_of(target).removeprefix("www.") or None
        # The hash a fetch computes for the entry now: the next fetch sees nothing changed.
        digest = content_hash(title or "", summary or "", body or "", target)
        changes.append((target, canonicalize_url(target), publisher, digest, article_id))
    if changes:
        con.executemany(
            "UPDATE articles SET url = ?, canonical_url = ?, publisher = ?, content_hash = ? WHERE id = ?",
            changes,
        )
    return len(changes)


def known_urls(con: duckdb.DuckDBPyConnection, canonical_urls: Sequence[str]) -> set[str]:
    """Which of these canonical URLs are already stored (as canonical URL or as fetched URL)."""
    if not canonical_urls:
        return set()
    rows = con.execute(
        "SELECT canonical_url, url FROM articles WHERE canonical_url IN (SELECT unnest(?)) "
        "OR url IN (SELECT unnest(?))",
        [list(canonical_urls), list(canonical_urls)],
    ).fetchall()
    return {value for row in rows for value in row}


@dataclass(frozen=True)
class StoredArticle:
    id: str
    url: str
    title: str
    summary: str
    published: datetime
    published_is_estimate: bool
    source_url: str
    source_name: str | None
    company: str  # whose source it came from
    publisher: str | None
    mentioned: tuple[str, ...] = ()  # every company the article mentions, title mentions first


def list_articles(
    con: duckdb.DuckDBPyConnection,
    *,
    companies: Sequence[str] | None = None,
    since: datetime | None = None,
    limit: int | None = 50,
) -> list[StoredArticle]:
    """Stored articles, newest first, optionally for a time window and for some companies: from
    their sources, or mentioning them."""
    where = ["true"]
    params: list[object] = []
    if companies is not None:
        where.append(
            "(a.company IN (SELECT unnest(?)) OR EXISTS (SELECT 1 FROM mentions m "
            "WHERE m.article_id = a.id AND m.company IN (SELECT unnest(?))))"
        )
        params += [list(companies), list(companies)]
    if since is not None:
        where.append("a.published_at >= ?")
        params.append(since)
    sql = (
        "WITH picked AS (SELECT a.id, a.url, a.title, a.summary, a.published_at, "
        "a.published_is_estimate, a.source_url, s.name, a.company, a.publisher FROM articles a "
        "LEFT JOIN sources s ON s.url = a.source_url "
        f"WHERE {' AND '.join(where)} ORDER BY a.published_at DESC, a.id"
    )
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    # The mentions of only the articles listed, gathered after the LIMIT.
    sql += (
        ") SELECT p.*, coalesce((SELECT list(m.company ORDER BY m.in_title DESC, m.count DESC, "
        "m.company) FROM mentions m WHERE m.article_id = p.id), []) FROM picked p "
        "ORDER BY p.published_at DESC, p.id"
    )
    return [
        StoredArticle(*row[:10], mentioned=tuple(row[10])) for row in con.execute(sql, params).fetchall()
    ]
