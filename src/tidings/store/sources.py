"""Companies and sources in the store: the configuration mirrored, plus each source's fetch state."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb

from tidings.models import Company, SourceConfig


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


_STATE_COLUMNS = (
    "url, company, kind, name, fetch_url, title, etag, last_modified, body_hash, last_status, "
    "last_error, consecutive_failures, next_fetch_after, last_fetched_at, last_success_at, "
    "items_seen, items_new, bozo, gone"
)


def sync_config(
    con: duckdb.DuckDBPyConnection, companies: Sequence[Company]
) -> None:
    """Mirror the configured companies and sources; keep the fetch state of sources that stay.

    Sources removed from the configuration keep their row (and their articles) so history is
    never lost, but they are no longer fetched.
    """
    now = datetime.now(UTC)
    for company in companies:
        con.execute(
            """
            INSERT INTO companies VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (slug) DO UPDATE SET name = excluded.name, role = excluded.role,
                aliases = excluded.aliases, domains = excluded.domains, tickers = excluded.tickers,
                competitors = excluded.competitors, context = excluded.context,
                exclude = excluded.exclude, updated_at = excluded.updated_at
            """,
            [
                company.slug, company.name, company.role, list(company.aliases),
                list(company.domains), list(company.tickers), list(company.competitors),
                list(company.context), list(company.exclude), now,
            ],
        )
        for source in company.sources:
            con.execute(
                """
                INSERT INTO sources (url, company, kind, name) VALUES (?, ?, ?, ?)
                ON CONFLICT (url) DO UPDATE SET company = excluded.company,
                    kind = excluded.kind, name = excluded.name
                """,
                [source.url, source.company, source.kind, source.name],
            )


def load_states(con: duckdb.DuckDBPyConnection) -> dict[str, SourceState]:
    rows = con.execute(f"SELECT {_STATE_COLUMNS} FROM sources").fetchall()
    return {row[0]: SourceState(*row) for row in rows}


def state_for(states: dict[str, SourceState], source: SourceConfig) -> SourceState:
    return states.get(source.url) or SourceState(
        url=source.url, company=source.company, kind=source.kind, name=source.name
    )


def save_state(con: duckdb.DuckDBPyConnection, state: SourceState) -> None:
    con.execute(
        f"""
        INSERT OR REPLACE INTO sources ({_STATE_COLUMNS})
        VALUES ({", ".join("?" for _ in _STATE_COLUMNS.split(","))})
        """,
        [
            state.url, state.company, state.kind, state.name, state.fetch_url, state.title,
            state.etag, state.last_modified, state.body_hash, state.last_status, state.last_error,
            state.consecutive_failures, state.next_fetch_after, state.last_fetched_at,
            state.last_success_at, state.items_seen, state.items_new, state.bozo, state.gone,
        ],
    )


def article_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return dict(con.execute("SELECT source_url, count(*) FROM articles GROUP BY 1").fetchall())
