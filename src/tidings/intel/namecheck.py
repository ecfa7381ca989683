"""Say when a company's common-word name goes unconfirmed in most of its own articles.

A name such as "Linear" or "Block" counts only when the text shows the company (see
analysis/namecues.py). When most of the articles that the company's own sources bring in use the
name without anything that confirms it, the user should hear it where they look (`source list`,
`brief`, `points`), with the fix, rather than find a share of voice of 0% later.
"""

from __future__ import annotations

import duckdb

from tidings.models import Company

__all__ = ["MIN_UNCONFIRMED", "name_warning", "unconfirmed_counts"]

MIN_UNCONFIRMED = 3  # fewer articles than this say too little to warn about


def unconfirmed_counts(con: duckdb.DuckDBPyConnection, slug: str) -> tuple[int, int]:
    """(articles from the company's sources whose name use was not confirmed, articles from its
    sources that mention it)."""
    try:
        unconfirmed = con.execute(
            "SELECT count(DISTINCT u.article_id) FROM unconfirmed_names u "
            "JOIN articles a ON a.id = u.article_id WHERE u.company = ? AND a.company = ?",
            [slug, slug],
        ).fetchone()[0]
    except duckdb.CatalogException:
        return 0, 0  # a store not yet migrated (read-only opens do not migrate)
    confirmed = con.execute(
        "SELECT count(DISTINCT m.article_id) FROM mentions m "
        "JOIN articles a ON a.id = m.article_id WHERE m.company = ? AND a.company = ?",
        [slug, slug],
    ).fetchone()[0]
    return int(unconfirmed), int(confirmed)


def name_warning(con: duckdb.DuckDBPyConnection, company: Company) -> str | None:
    """One line with the fix when the name is unconfirmed in most of the company's articles."""
    unconfirmed, confirmed = unconfirmed_counts(con, company.slug)
    if unconfirmed < MIN_UNCONFIRMED or unconfirmed <= confirmed:
        return None
    return (
        f"{company.name}: the name could not be confirmed as the company in {unconfirmed} of "
        f"{unconfirmed + confirmed} of its sources' articles that use it; add context words: "
        f'tidings company edit "{company.name}" --context WORD'
    )
