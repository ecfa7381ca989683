"""Full-text search over stored articles, on the integer token index built at ingest."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import duckdb

from tidings.analysis.ingest import token_key, tokenize
from tidings.analysis.wordforms import SCHEME, stems
from tidings.intel.queries import SOURCE_NAME, _source_label
from tidings.store.settings import SEARCH_TOKENS_KEY, get_setting
from tidings.timewindow import is_all_time

SNIPPET_CHARS = 220


@dataclass(frozen=True)
class SearchHit:
    id: str
    title: str
    url: str
    source: str
    published: datetime
    company: str
    score: float
    snippet: str


def _snippet(text: str, words: list[str]) -> str:
    lowered = text.lower()
    positions = [lowered.find(w) for w in words if lowered.find(w) >= 0]
    # One line: a body's paragraph breaks would break the listing's indentation.
    if not positions:
        return " ".join(text[:SNIPPET_CHARS].split())
    start = max(min(positions) - 60, 0)
    start = text.rfind(" ", 0, start) + 1 if start else 0
    piece = " ".join(text[start : start + SNIPPET_CHARS].split())
    return ("…" if start else "") + piece + ("…" if start + SNIPPET_CHARS < len(text) else "")


def index_is_stemmed(con: duckdb.DuckDBPyConnection) -> bool:
    """False on a store whose search tokens were written (all or some) before stemming: until
    `tidings reanalyze` rebuilds them, a search also tries each plain word."""
    return get_setting(con, SEARCH_TOKENS_KEY) == SCHEME


def search(
    con: duckdb.DuckDBPyConnection,
    query: str,
    *,
    company: str | None = None,
    since: datetime | None = None,
    limit: int = 20,
) -> list[SearchHit]:
    """Articles containing every word of the query in some form ("engineer" finds "engineers"),
    ranked by a tf-idf score with title words counting double and recent articles first among
    equals, one per story (its dated, earliest copy). "Quoted phrases" must appear as such."""
    words = list(dict.fromkeys(tokenize(query)))
    if not words:
        return []
    # One term per stem; each term matches its stem, and on an index older than stemming also
    # the plain words it came from (such an index holds words as written).
    plain = not index_is_stemmed(con)
    terms: dict[str, set[int]] = {}
    for word, stem in zip(words, stems(words), strict=True):
        terms.setdefault(stem, {token_key(stem)})
        if plain:
            terms[stem].add(token_key(word))
    keys = sorted({k for term_keys in terms.values() for k in term_keys})
    total = con.execute("SELECT count(*) FROM articles").fetchone()[0] or 1
    # The keys are crc32 integers, so inlining them is safe, and a constant IN list is pushed
    # into the scan of `tokens` (a semi join on unnest(?) fed all ~90M rows of a 1M-article
    # store into a hash probe). Document frequencies come from the same single scan: a
    # separate df query read the whole token column a second time.
    key_list = ", ".join(str(int(k)) for k in keys)
    # Only rows of articles that can still match are grouped: those holding the rarest term
    # and, with a window, published in it. Grouping every row of two common terms (a million
    # articles' worth) was most of a search's time.
    candidates: list[str] = []
    window: list[object] = []
    if since is not None and not is_all_time(since):
        candidates.append("t.article_id IN (SELECT id FROM articles WHERE published_at >= ?)")
        window.append(since)
    if len(keys) == len(terms):
        # One key per term: an article matches when it has every key.
        term_of = ""
        matched_terms = "count(*)"
        if len(keys) > 1:
            candidates.append(
                "t.article_id IN (SELECT article_id FROM matched "
                "WHERE token = (SELECT token FROM w ORDER BY df, token LIMIT 1))"
            )
    else:
        # Several keys per term: count the terms an article matches, not its keys.
        pairs = ", ".join(
            f"({i}, {int(k)})" for i, term_keys in enumerate(terms.values()) for k in sorted(term_keys)
        )
        term_of = f"JOIN (VALUES {pairs}) q(term, token) ON q.token = t.token"
        matched_terms = "count(DISTINCT q.term)"
    filters = []
    params: list[object] = [total, *window, len(terms)]
    if since is not None:
        filters.append("a.published_at >= ?")
        params.append(since)
    if company is not None:
        # "About the company" means it is mentioned (or it published the article on its own
        # site), not merely that the article came through a source filed under it.
        filters.append("EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id AND m.company = ?)")
        params.append(company)
    phrases = [p for p in re.findall(r'"([^"]+)"', query) if p.strip()]
    for phrase in phrases:
        # Checked in SQL, before the LIMIT: a phrase can sit in an article that ranks below
        # many that only have its words apart.
        filters.append(
            "contains(lower(a.title || ' ' || coalesce(nullif(a.body, ''), a.summary, '')), ?)"
        )
        params.append(phrase.lower())
    where = ("AND " + " AND ".join(filters)) if filters else ""
    params.append(limit)
    ranked = con.execute(
        f"""
        WITH matched AS MATERIALIZED (
            SELECT token, article_id, tf, in_title FROM tokens WHERE token IN ({key_list})
        ),
        w AS (
            SELECT token, count(*) AS df, ln(1 + ?::DOUBLE / count(*)) AS idf
            FROM matched GROUP BY token
        ),
        hits AS (
            SELECT t.article_id,
                   sum((1 + ln(t.tf)) * w.idf * CASE WHEN t.in_title THEN 2 ELSE 1 END) AS score
            FROM matched t JOIN w ON w.token = t.token {term_of}
            WHERE {" AND ".join(candidates) or "true"}
            GROUP BY t.article_id
            HAVING {matched_terms} = ?
        )
        SELECT h.article_id, h.score
        FROM hits h JOIN articles a ON a.id = h.article_id
        WHERE true {where}
        -- One result per story: a wire's copy of a post (the same text under another link,
        -- often undated) is the same thing to read, listed once, as its dated original.
        QUALIFY row_number() OVER (
            PARTITION BY coalesce(a.story_id, a.id)
            ORDER BY h.score DESC, coalesce(a.published_is_estimate, false), a.published_at, a.id
        ) = 1
        ORDER BY h.score DESC, a.published_at DESC, a.id
        LIMIT ?
        """,
        params,
    ).fetchall()
    if not ranked:
        return []
    # Titles and text only for the articles shown: read in the ranking above, the text of every
    # matching article was most of a search's time on a large store. By primary key (an index
    # lookup), in the ranking's order.
    marks = ", ".join("?" * len(ranked))
    shown = {
        row[0]: row
        for row in con.execute(
            f"""
            SELECT a.id, a.title, a.url, {SOURCE_NAME}, a.published_at, a.company,
                   coalesce(nullif(a.body, ''), a.summary, '')
            FROM articles a LEFT JOIN sources s ON s.url = a.source_url
            WHERE a.id IN ({marks})
            """,
            [article_id for article_id, _ in ranked],
        ).fetchall()
    }
    results = []
    for article_id, score in ranked:
        r = shown[article_id]
        text = r[6]
        haystack = f"{r[1]} {text}".lower()
        if any(p.lower() not in haystack for p in phrases):
            continue
        results.append(
            SearchHit(r[0], r[1], r[2], _source_label(r[3], r[2]), r[4], r[5], round(score, 3),
                      _snippet(text, words + list(terms)))
        )
        if len(results) >= limit:
            break
    return results
