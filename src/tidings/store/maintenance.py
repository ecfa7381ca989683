"""Keeping the search index fast as it grows.

DuckDB skips whole row groups whose min/max cannot match a filter, so a token table stored in
token order answers a lookup by reading a few row groups instead of scanning every row. New
rows arrive in article order, so the table is rewritten in token order once the unsorted tail
grows past a share of it: rare, and proportional to the index size.
"""

from __future__ import annotations

import logging

import duckdb

from tidings.store.settings import get_setting, set_setting

log = logging.getLogger(__name__)

SORTED_ROWS_KEY = "tokens_sorted_rows"
MIN_ROWS = 500_000  # below this a full scan is already fast
UNSORTED_SHARE = 0.25


def compact_search_index(con: duckdb.DuckDBPyConnection, *, force: bool = False) -> bool:
    """Rewrite the token table in token order when enough of it is unsorted; True if it did."""
    total = con.execute("SELECT count(*) FROM tokens").fetchone()[0]
    sorted_rows = int(get_setting(con, SORTED_ROWS_KEY) or 0)
    unsorted = max(total - sorted_rows, 0)
    if not force and (total < MIN_ROWS or unsorted <= UNSORTED_SHARE * total):
        return False
    log.info("sorting the search index (%d rows, %d unsorted)", total, unsorted)
    con.execute("CREATE TABLE tokens_sorted AS SELECT * FROM tokens ORDER BY token, article_id")
    con.execute("DROP TABLE tokens")
    con.execute("ALTER TABLE tokens_sorted RENAME TO tokens")
    set_setting(con, SORTED_ROWS_KEY, str(total))
    return True
