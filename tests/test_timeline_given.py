"""Whether the interviewer gave a timeline is recorded: the default week is never "the 7 days
they gave". End to end through the real CLI and a real DuckDB file, and a store made before the
column existed keeps its rows."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb

from tests.feedgen import rss
from tests.test_intel_e2e import fetched_workspace, run

TEN_DAYS_AGO = (datetime.now(UTC).date() - timedelta(days=10)).isoformat()


def _workspace(root: Path) -> Path:
    return fetched_workspace(root, {"/n.xml": rss([])}, lambda url: f"""
[[company]]
name = "Northwind"
[[company.sources]]
url = "{url('/n.xml')}"
""")


def _listed(root: Path) -> dict[int, dict]:  # type: ignore[type-arg]
    result = run(root, "interview", "list", "--json")
    assert result.exit_code == 0, result.stderr
    return {row["id"]: row for row in json.loads(result.stdout)}


def test_no_timeline_is_a_week_and_a_given_one_is_theirs(tmp_path: Path) -> None:
    root = _workspace(tmp_path)
    assert run(root, "interview", "add", "Northwind", "--date", TEN_DAYS_AGO).exit_code == 0
    assert run(root, "interview", "add", "Northwind", "--date", TEN_DAYS_AGO,
               "--timeline", "7").exit_code == 0
    rows = _listed(root)
    default, given = rows[1], rows[2]
    assert default["timeline_days"] == given["timeline_days"] == 7
    assert default["timeline_given"] is False and given["timeline_given"] is True
    assert default["reason"].startswith("A week has passed since the interview")
    assert "they gave" not in default["reason"]
    assert given["reason"].startswith("The 7 days they gave ran out")
    # Editing the timeline later records that they gave one.
    assert run(root, "interview", "edit", "1", "--timeline", "7").exit_code == 0
    assert _listed(root)[1]["reason"].startswith("The 7 days they gave ran out")


def test_a_store_from_before_keeps_its_interviews(tmp_path: Path) -> None:
    root = _workspace(tmp_path)
    for extra in (("--notes", "Flink"), ("--timeline", "10")):
        assert run(root, "interview", "add", "Northwind", "--date", TEN_DAYS_AGO, *extra).exit_code == 0
    # Undo the migration, as a store written by the previous release is.
    with duckdb.connect(str(root / "t.duckdb")) as con:
        con.execute("ALTER TABLE interviews DROP COLUMN timeline_given")
        con.execute("DELETE FROM schema_migrations WHERE name = '009_interview_timeline_given'")
    rows = _listed(root)
    assert [rows[i]["notes"] for i in (1, 2)] == ["Flink", None]
    # Not known for the default 7, so not said to be theirs; any other was given.
    assert rows[1]["timeline_given"] is False and "they gave" not in rows[1]["reason"]
    assert rows[2]["timeline_given"] is True and "The 10 days they gave" in rows[2]["reason"]
