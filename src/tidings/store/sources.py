"""Companies and sources in the store: the configuration mirrored, plus each source's fetch state."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta

import duckdb

from tidings.models import Company, SourceConfig
from tidings.store.bulk import load_temp_table


@dataclass(frozen=True)
class SourceState:
    """What the last fetches of one source left behind."""

    url: str
    company: str
    kind: str
    name: str | None = None
    fetch_url: str | None = None
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    last_status: int | None = None
    last_error: str | None = None
    consecutive_failures: int = 0
    next_fetch_after: datetime | None = None
    last_fetched_at: datetime | None = None
    last_success_at: datetime | None = None
    items_seen: int | None = None
    items_new: int | None = None
    bozo: bool = False
    gone: bool = False
    last_note: str | None = None


_STATE_COLUMNS = (
    "url, company, kind, name, fetch_url, title, etag, last_modified, body_hash, last_status, "
    "last_error, consecutive_failures, next_fetch_after, last_fetched_at, last_success_at, "
    "items_seen, items_new, bozo, gone, last_note"
)


_COMPANY_COLUMNS = {
    "slug": "VARCHAR", "name": "VARCHAR", "role": "VARCHAR", "aliases": "VARCHAR[]",
    "domains": "VARCHAR[]", "tickers": "VARCHAR[]", "competitors": "VARCHAR[]",
    "context": "VARCHAR[]", "exclude": "VARCHAR[]", "updated_at": "TIMESTAMPTZ",
}
_SOURCE_COLUMNS = {"url": "VARCHAR", "company": "VARCHAR", "kind": "VARCHAR", "name": "VARCHAR"}


def sync_config(
    con: duckdb.DuckDBPyConnection, companies: Sequence[Company]
) -> None:
    """Mirror the configured companies and sources; keep the fetch state of sources that stay.

    Sources removed from the configuration keep their row (and their articles) so history is
    never lost, but they are no longer fetched.
    """
    now = datetime.now(UTC)
    load_temp_table(
        con,
        "config_companies",
        _COMPANY_COLUMNS,
        (
            {"slug": c.slug, "name": c.name, "role": c.role, "aliases": list(c.aliases),
             "domains": list(c.domains), "tickers": list(c.tickers),
             "competitors": list(c.competitors), "context": list(c.context),
             "exclude": list(c.exclude), "updated_at": now}
            for c in companies
        ),
    )
    con.execute(
        """
        INSERT INTO companies SELECT * FROM config_companies
        ON CONFLICT (slug) DO UPDATE SET name = excluded.name, role = excluded.role,
            aliases = excluded.aliases, domains = excluded.domains, tickers = excluded.tickers,
            competitors = excluded.competitors, context = excluded.context,
            exclude = excluded.exclude, updated_at = excluded.updated_at
        """
    )
    load_temp_table(
        con,
        "config_sources",
        _SOURCE_COLUMNS,
        (
            {"url": s.url, "company": s.company, "kind": s.kind, "name": s.name}
            for c in companies
            for s in c.sources
        ),
    )
    con.execute(
        """
        INSERT INTO sources (url, company, kind, name) SELECT url, company, kind, name
        FROM config_sources
        ON CONFLICT (url) DO UPDATE SET company = excluded.company,
            kind = excluded.kind, name = excluded.name
        """
    )
    con.execute("DROP TABLE config_companies")
    con.execute("DROP TABLE config_sources")


def load_states(con: duckdb.DuckDBPyConnection) -> dict[str, SourceState]:
    rows = con.execute(f"SELECT {_STATE_COLUMNS} FROM sources").fetchall()
    return {row[0]: SourceState(*row) for row in rows}


def state_for(states: dict[str, SourceState], source: SourceConfig) -> SourceState:
    return states.get(source.url) or SourceState(
        url=source.url, company=source.company, kind=source.kind, name=source.name
    )


_STATE_TYPES = {
    "url": "VARCHAR", "company": "VARCHAR", "kind": "VARCHAR", "name": "VARCHAR",
    "fetch_url": "VARCHAR", "title": "VARCHAR", "etag": "VARCHAR", "last_modified": "VARCHAR",
    "body_hash": "VARCHAR", "last_status": "INTEGER", "last_error": "VARCHAR",
    "consecutive_failures": "INTEGER", "next_fetch_after": "TIMESTAMPTZ",
    "last_fetched_at": "TIMESTAMPTZ", "last_success_at": "TIMESTAMPTZ", "items_seen": "INTEGER",
    "items_new": "INTEGER", "bozo": "BOOLEAN", "gone": "BOOLEAN", "last_note": "VARCHAR",
}


def save_states(con: duckdb.DuckDBPyConnection, states: Sequence[SourceState]) -> None:
    """Write the fetch state of many sources in one statement."""
    if not states:
        return
    load_temp_table(con, "state_batch", _STATE_TYPES, (asdict(s) for s in states))
    con.execute(f"INSERT OR REPLACE INTO sources ({_STATE_COLUMNS}) SELECT {_STATE_COLUMNS} FROM state_batch")
    con.execute("DROP TABLE state_batch")


def article_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return dict(con.execute("SELECT source_url, count(*) FROM articles GROUP BY 1").fetchall())


STALE_AFTER = timedelta(days=3)


def source_health(state: SourceState | None, now: datetime) -> str:
    """new (never fetched), gone (HTTP 410), failing, stale (no success in 3 days) or ok."""
    if state is None or state.last_fetched_at is None:
        return "new"
    if state.gone:
        return "gone"
    if state.consecutive_failures:
        return "failing"
    if state.last_success_at is None or now - state.last_success_at > STALE_AFTER:
        return "stale"
    return "ok"
