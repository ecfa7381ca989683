"""Interviews the user had, and when the last fetch ran (what the digest counts from)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import duckdb

from tidings.intel.records import Interview

_COLUMNS = "id, company, date, with_name, role, notes, timeline_days, created_at"


def add_interview(
    con: duckdb.DuckDBPyConnection,
    *,
    company: str,
    company_name: str,
    on: date,
    with_name: str | None,
    role: str | None,
    notes: str | None,
    timeline_days: int,
) -> Interview:
    row = con.execute(
        f"""
        INSERT INTO interviews (company, date, with_name, role, notes, timeline_days, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING {_COLUMNS}
        """,
        [company, on, with_name, role, notes, timeline_days, datetime.now(UTC)],
    ).fetchone()
    return _interview(row, {company: company_name})


def _interview(row: tuple, names: dict[str, str]) -> Interview:  # type: ignore[type-arg]
    return Interview(
        id=row[0],
        company=row[1],
        company_name=names.get(row[1], row[1]),
        date=row[2],
        with_name=row[3],
        role=row[4],
        notes=row[5],
        timeline_days=row[6],
        created_at=row[7],
    )


def remove_interview(con: duckdb.DuckDBPyConnection, interview_id: int) -> bool:
    """Delete one interview; False when there is none with that id."""
    row = con.execute("DELETE FROM interviews WHERE id = ? RETURNING id", [interview_id]).fetchone()
    return row is not None


def list_interviews(
    con: duckdb.DuckDBPyConnection, names: dict[str, str], company: str | None = None
) -> list[Interview]:
    """Interviews, most recent first."""
    sql = f"SELECT {_COLUMNS} FROM interviews"
    params: list[object] = []
    if company is not None:
        sql += " WHERE company = ?"
        params.append(company)
    sql += " ORDER BY date DESC, id DESC"
    return [_interview(row, names) for row in con.execute(sql, params).fetchall()]


def last_fetch_started(con: duckdb.DuckDBPyConnection) -> datetime | None:
    """When the newest completed fetch started: `fetch && digest` shows what that fetch brought."""
    row = con.execute(
        "SELECT started_at FROM fetch_runs WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return row[0] if row else None
