"""Small key/value state kept in the store."""

from __future__ import annotations

import duckdb

# How the search index's tokens were made (analysis/wordforms.SCHEME); absent on a store whose
# tokens were written, all or in part, before search stemmed words.
SEARCH_TOKENS_KEY = "search_tokens"
# The longer names learned for common-word companies at the last analysis (JSON: slug -> forms),
# so `source list`, `brief` and `points` can say what is counted (analysis/namelearn.py).
LEARNED_NAMES_KEY = "learned_names"


def get_setting(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    row = con.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def set_setting(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    con.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", [key, value])
