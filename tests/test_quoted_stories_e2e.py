"""A check-in does not retell the thank-you's story, end to end: a feed on 127.0.0.1, the real
CLI, a real DuckDB file: fetch, draft, `interview sent`, draft again."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from tests.feedgen import rss
from tests.test_intel_e2e import fetched_workspace, run
from tests.test_interview_e2e import item

STORIES = [
    item(2, "Northwind launches Harbor, a fleet-routing API",
         "Northwind today launched Harbor, an API that plans routes for delivery fleets.",
         "https://news.example/harbor"),
    item(4, "Northwind raises $40 million in Series C funding",
         "Northwind has raised $40 million in a Series C round to grow its routing platform.",
         "https://news.example/series-c"),
    item(6, "Northwind partners with Fabrikam on electric delivery vans",
         "Northwind and Fabrikam announced a partnership to plan routes for electric vans.",
         "https://news.example/fabrikam"),
]


def _workspace(root: Path, stories: list[dict[str, str]]) -> Path:
    return fetched_workspace(root, {"/news.xml": rss(stories)}, lambda url: f"""
[[company]]
name = "Northwind"
[[company.sources]]
url = "{url('/news.xml')}"
""")


def _draft(root: Path, *extra: str) -> dict:  # type: ignore[type-arg]
    result = run(root, "draft", "Northwind", "--format", "json", *extra)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _urls(data: dict) -> list[str]:  # type: ignore[type-arg]
    return [p["url"] for p in data["points"]]


def _sent(root: Path, *extra: str) -> None:
    result = run(root, "interview", "sent", "1", *extra)
    assert result.exit_code == 0, result.stderr


def test_the_check_in_tells_a_story_the_thank_you_did_not(tmp_path: Path) -> None:
    root = _workspace(tmp_path, STORIES)
    assert run(root, "interview", "add", "Northwind", "--date", "yesterday", "--with", "Dana Lee",
               "--role", "Data Engineer").exit_code == 0
    thanks = _draft(root)
    assert thanks["kind"] == "thank-you" and thanks["points"]
    _sent(root, "--channel", "email")
    check_in = _draft(root)
    assert check_in["kind"] == "check-in"
    assert check_in["points"] and not set(_urls(check_in)) & set(_urls(thanks)), (thanks, check_in)
    assert check_in["repeats"] is False
    text = run(root, "draft", "Northwind").stdout
    assert all(p["title"] not in text for p in thanks["points"])
    # The thank-you told two stories and the check-in the third: the last check-in has only
    # told ones left, uses one again and says so.
    assert len(set(_urls(thanks)) | set(_urls(check_in))) == len(STORIES)
    _sent(root, "--channel", "linkedin")
    second = _draft(root)
    assert second["repeats"] is True and "already in an earlier follow-up" in second["reason"]
    assert len(second["points"]) == 1 and second["points"][0]["title"] in second["reason"]


def test_with_only_the_quoted_story_left_the_check_in_says_it_repeats(tmp_path: Path) -> None:
    root = _workspace(tmp_path, STORIES[:1])
    assert run(root, "interview", "add", "Northwind", "--date", "yesterday").exit_code == 0
    thanks = _draft(root)
    assert _urls(thanks) == ["https://news.example/harbor"]
    _sent(root)
    check_in = _draft(root)
    assert _urls(check_in) == _urls(thanks) and check_in["repeats"] is True
    text = run(root, "draft", "Northwind").stdout
    assert "already in an earlier follow-up" in text and "Harbor" in text


def test_a_store_from_before_keeps_its_follow_ups(tmp_path: Path) -> None:
    root = _workspace(tmp_path, STORIES)
    assert run(root, "interview", "add", "Northwind", "--date", "yesterday").exit_code == 0
    _sent(root)
    # Undo the migration, as a store written by the previous release is.
    with duckdb.connect(str(root / "t.duckdb")) as con:
        con.execute("DROP TABLE follow_up_references")
        con.execute("DELETE FROM schema_migrations WHERE name = '010_follow_up_references'")
    listed = json.loads(run(root, "interview", "list", "--json").stdout)
    assert listed[0]["last_sent"]["kind"] == "thank-you"
    # Nothing recorded for the old thank-you: the check-in is drafted as before, no repeat claimed.
    check_in = _draft(root)
    assert check_in["kind"] == "check-in" and check_in["points"] and check_in["repeats"] is False
    _sent(root)
    with duckdb.connect(str(root / "t.duckdb")) as con:
        quoted = con.execute("SELECT url FROM follow_up_references").fetchall()
    assert [row[0] for row in quoted] == _urls(check_in)


def test_sent_for_a_company_no_longer_tracked_is_still_recorded(tmp_path: Path) -> None:
    root = _workspace(tmp_path, STORIES)
    assert run(root, "interview", "add", "Northwind", "--date", "yesterday").exit_code == 0
    (root / "feeds" / "companies.toml").write_text('[[company]]\nname = "Contoso"\n')
    _sent(root)
    listed = json.loads(run(root, "interview", "list", "--json").stdout)
    assert listed[0]["last_sent"]["kind"] == "thank-you"
    with duckdb.connect(str(root / "t.duckdb")) as con:
        assert con.execute("SELECT count(*) FROM follow_up_references").fetchone()[0] == 0
