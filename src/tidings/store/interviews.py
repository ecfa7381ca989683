"""Interviews the user had, and when the last fetch ran (what the digest counts from)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

import duckdb

from tidings.errors import NotFoundError
from tidings.intel.records import Interview, SentFollowUp, TalkingPoint

_COLUMNS = "id, company, date, with_name, role, notes, timeline_days, created_at, timeline_given"
_EDITABLE = ("date", "with_name", "role", "notes", "timeline_days", "timeline_given")


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
    timeline_given: bool = True,
) -> Interview:
    row = con.execute(
        f"""
        INSERT INTO interviews (company, date, with_name, role, notes, timeline_days, created_at,
                                timeline_given)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING {_COLUMNS}
        """,
        [company, on, with_name, role, notes, timeline_days, datetime.now(UTC), timeline_given],
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
        timeline_given=row[8],
    )


def get_interview(con: duckdb.DuckDBPyConnection, interview_id: int, names: dict[str, str]) -> Interview:
    """One interview by its number; NotFoundError when there is none."""
    row = con.execute(f"SELECT {_COLUMNS} FROM interviews WHERE id = ?", [interview_id]).fetchone()
    if row is None:
        raise NotFoundError(f"no interview #{interview_id} (see `tidings interview list`)")
    return _interview(row, names)


def edit_interview(
    con: duckdb.DuckDBPyConnection, interview_id: int, names: dict[str, str], **changes: object
) -> Interview:
    """Change some of date, with_name, role, notes, timeline_days; NotFoundError when unknown."""
    unknown = set(changes) - set(_EDITABLE)
    if unknown:
        raise ValueError(f"cannot edit {sorted(unknown)}")
    get_interview(con, interview_id, names)
    if changes:
        columns = list(changes)
        assignments = ", ".join(f"{c} = ?" for c in columns)
        values = [*(changes[c] for c in columns), interview_id]
        con.execute(f"UPDATE interviews SET {assignments} WHERE id = ?", values)
    return get_interview(con, interview_id, names)


def remove_interview(con: duckdb.DuckDBPyConnection, interview_id: int) -> bool:
    """Delete one interview (and the follow-ups recorded for it); False when there is none."""
    row = con.execute("DELETE FROM interviews WHERE id = ? RETURNING id", [interview_id]).fetchone()
    if row is not None:
        con.execute("DELETE FROM follow_ups_sent WHERE interview_id = ?", [interview_id])
        con.execute("DELETE FROM follow_up_references WHERE interview_id = ?", [interview_id])
    return row is not None


def record_sent(
    con: duckdb.DuckDBPyConnection, interview_id: int, *, kind: str, channel: str, on: date
) -> SentFollowUp:
    row = con.execute(
        """
        INSERT INTO follow_ups_sent (interview_id, kind, channel, sent_on, created_at)
        VALUES (?, ?, ?, ?, ?) RETURNING id, interview_id, kind, channel, sent_on
        """,
        [interview_id, kind, channel, on, datetime.now(UTC)],
    ).fetchone()
    return SentFollowUp(*row)


def record_references(
    con: duckdb.DuckDBPyConnection, sent: SentFollowUp, points: Sequence[TalkingPoint]
) -> None:
    """What the sent follow-up's draft quoted: one row per point (story, link, headline)."""
    rows = [[sent.id, sent.interview_id, p.story or None, p.url, p.title] for p in points]
    if rows:
        con.executemany(
            "INSERT INTO follow_up_references (follow_up_id, interview_id, story, url, title) "
            "VALUES (?, ?, ?, ?, ?)",
            rows,
        )


def referenced(con: duckdb.DuckDBPyConnection, interview_id: int) -> frozenset[str]:
    """The stories and links the interview's sent follow-ups quoted (see `already_quoted`)."""
    rows = con.execute(
        "SELECT story, url FROM follow_up_references WHERE interview_id = ?", [interview_id]
    ).fetchall()
    return frozenset(key for row in rows for key in row if key)


def sent_follow_ups(
    con: duckdb.DuckDBPyConnection, interview_ids: list[int] | None = None
) -> dict[int, list[SentFollowUp]]:
    """The follow-ups sent for each interview, oldest first."""
    sql = "SELECT id, interview_id, kind, channel, sent_on FROM follow_ups_sent"
    params: list[object] = []
    if interview_ids is not None:
        sql += " WHERE interview_id IN (SELECT unnest(?))"
        params.append(interview_ids)
    sql += " ORDER BY sent_on, id"
    out: dict[int, list[SentFollowUp]] = {}
    for row in con.execute(sql, params).fetchall():
        out.setdefault(row[1], []).append(SentFollowUp(*row))
    return out


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
