"""Opening the DuckDB file: one writer at a time, readers that wait briefly, migrations on open.

DuckDB lets a single process hold a file for writing, and while it does, no other process can
open it at all (not even read-only). So every connection here is short-lived, and opening
retries with backoff for a bounded time before failing with a message that says why.
"""

from __future__ import annotations

import logging
import os
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from tidings.errors import StoreBusyError, StoreError
from tidings.store.migrations import MIGRATIONS

log = logging.getLogger(__name__)

DEFAULT_WAIT = 15.0  # seconds a command waits for another process's write to finish
WAIT_ENV = "TIDINGS_LOCK_WAIT"


def default_wait() -> float:
    try:
        return float(os.environ.get(WAIT_ENV, DEFAULT_WAIT))
    except ValueError:
        return DEFAULT_WAIT


def _is_lock_error(exc: Exception) -> bool:
    text = str(exc).lower()
    return "lock" in text or "conflicting" in text or "resource temporarily unavailable" in text


MEMORY_ENV = "TIDINGS_MEMORY_LIMIT"
# DuckDB caches up to 80% of RAM by default; the nightly fetch (the writer) on a laptop or a
# small server should not, and its larger work (sorting the search index) spills to a
# temporary file instead. Read-only queries keep DuckDB's default: a read-only store cannot
# spill, and a search over a million articles needs more than a small cap.
DEFAULT_MEMORY_LIMIT = "256MB"


def _connect_once(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path), read_only=read_only)
    con.execute("SET TimeZone = 'UTC'")
    if read_only and not os.environ.get(MEMORY_ENV):
        return con
    try:
        con.execute("SET memory_limit = ?", [os.environ.get(MEMORY_ENV) or DEFAULT_MEMORY_LIMIT])
    except duckdb.Error:
        con.close()
        raise StoreError(
            f"{MEMORY_ENV} must be a size like 512MB or 2GB, not {os.environ.get(MEMORY_ENV)!r}"
        ) from None
    return con


def pending_migrations(con: duckdb.DuckDBPyConnection) -> list[str]:
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
    ).fetchone()
    applied: set[str] = set()
    if exists and exists[0]:
        applied = {row[0] for row in con.execute("SELECT name FROM schema_migrations").fetchall()}
    return [name for name, _ in MIGRATIONS if name not in applied]


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply pending migrations, each in its own transaction, recording it by name."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMPTZ)"
    )
    pending = set(pending_migrations(con))
    done: list[str] = []
    for name, apply in MIGRATIONS:
        if name not in pending:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            apply(con)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?)", [name, datetime.now(UTC)])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        done.append(name)
        log.info("applied migration %s", name)
    return done


def open_store(
    path: Path, *, read_only: bool = False, wait: float | None = None
) -> duckdb.DuckDBPyConnection:
    """Open the database, retrying while another process holds it, and bring the schema up to date.

    A read-only open of a file that does not exist yet, or whose schema is behind, briefly opens
    it for writing to create or migrate it, so readers never see a half-made store.
    """
    path = Path(path)
    wait = default_wait() if wait is None else wait
    if read_only and not path.exists():
        read_only = False
    deadline = time.monotonic() + wait
    delay = 0.05
    while True:
        try:
            if not read_only:
                path.parent.mkdir(parents=True, exist_ok=True)
            con = _connect_once(path, read_only)
            break
        except duckdb.IOException as exc:
            if not _is_lock_error(exc):
                raise StoreError(f"cannot open database {path}: {_first_line(exc)}") from None
            if time.monotonic() >= deadline:
                raise StoreBusyError(
                    f"database {path} is busy (another tidings process, probably a fetch, is "
                    f"writing to it); waited {wait:.0f}s, try again in a minute"
                ) from None
            time.sleep(delay * (1 + random.random()))
            delay = min(delay * 2, 1.0)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open database {path}: {_first_line(exc)}") from None
        except OSError as exc:
            raise StoreError(f"cannot open database {path}: {exc.strerror}") from None
    try:
        if read_only:
            if pending_migrations(con):
                con.close()
                return open_store(path, read_only=False, wait=max(deadline - time.monotonic(), 1))
        else:
            migrate(con)
    except duckdb.Error as exc:
        con.close()
        raise StoreError(f"database {path} is not a usable tidings store: {_first_line(exc)}") from None
    return con


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


@contextmanager
def connect(
    path: Path, *, read_only: bool = False, wait: float | None = None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short-lived connection that is always closed, releasing the file for other processes."""
    con = open_store(path, read_only=read_only, wait=wait)
    try:
        yield con
    finally:
        con.close()


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """All or nothing: a failure rolls back, so nothing is ever half-written."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
