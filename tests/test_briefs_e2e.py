"""Briefs, drafts, interviews, the digest and the demo, end to end: the demo's sample feeds
served by a local HTTP server, fetched by the real CLI into a real DuckDB file."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.httpserver import Route, serve
from tidings.cli import main
from tidings.demo import build_demo

SENSITIVE_WORDS = ("lay off", "lays off", "laid off", "layoff", "lawsuit", "breach")


def run(root: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(
        main,
        ["--feeds", str(root / "feeds"), "--db", str(root / "data" / "tidings.duckdb"), *args],
        catch_exceptions=False,
    )


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's feeds, served over HTTP on 127.0.0.1 instead of file:// URLs."""
    root = tmp_path_factory.mktemp("briefs")
    demo = build_demo(root, datetime.now(UTC).date())
    routes = {f"/{path.name}": Route(path.read_bytes()) for path in demo.feed_files}
    with serve(routes) as server:
        config = demo.config_path.read_text()
        for path in demo.feed_files:
            config = config.replace(path.as_uri(), server.url(f"/{path.name}"))
        demo.config_path.write_text(config)
        result = run(root, "fetch")
    assert result.exit_code == 0, result.stderr
    assert "0 failed" in result.stderr
    return root


def test_markdown_brief_has_every_section(workspace: Path) -> None:
    result = run(workspace, "brief", "Northwind Robotics")
    assert result.exit_code == 0
    text = result.stdout
    for heading in ("Talking points", "Recent developments", "Competitors", "Handle with care",
                    "Background", "Sources"):
        assert heading.lower() in text.lower(), heading
    care = text.lower().split("handle with care", 1)[1]
    assert "lays off" in care or "layoff" in care


def test_json_brief_follows_the_schema_keys(workspace: Path) -> None:
    data = json.loads(run(workspace, "brief", "Northwind Robotics", "--format", "json").stdout)
    for key in ("schema_version", "company", "generated_at", "window", "talking_points",
                "developments", "competitors", "handle_with_care", "background", "sources"):
        assert key in data, key
    assert data["talking_points"] and data["generated_at"].endswith("Z")
    kinds = {p["kind"] for p in data["talking_points"]}
    assert not kinds & {"layoffs", "legal", "security"}
    coverage = [d["coverage"] for d in data["developments"]]
    assert max(coverage) >= 2  # the syndicated launch is one story with two sources
    assert {c["name"] for c in data["competitors"]} == {"Kestrova Automation", "Vantrell Systems"}


def test_html_brief_to_a_file(workspace: Path) -> None:
    out = workspace / "out" / "brief.html"
    result = run(workspace, "brief", "Northwind Robotics", "--format", "html", "-o", str(out))
    assert result.exit_code == 0 and str(out) in result.stderr
    html = out.read_text()
    assert html.startswith("<!doctype html") or html.lower().startswith("<!doctype html")
    assert "<script" not in html.lower()
    assert re.search(r'href="https?://', html)
    assert "@media print" in html


def test_interview_and_draft(workspace: Path) -> None:
    today = datetime.now(UTC).date()
    added = run(workspace, "interview", "add", "Northwind Robotics", "--date", today.isoformat(),
                "--with", "Dana Lee", "--role", "Data Engineer")
    assert added.exit_code == 0, added.stderr
    assert "thank-you due" in added.stderr
    listed = json.loads(run(workspace, "interview", "list", "--json").stdout)
    assert listed[0]["with"] == "Dana Lee" and listed[0]["next_follow_up"] == "thank-you"
    assert listed[0]["overdue"] is False
    draft = run(workspace, "draft", "Northwind Robotics", "--format", "json")
    data = json.loads(draft.stdout)
    assert data["kind"] == "thank-you"
    body = data["body"]
    assert "Dana Lee" in body and "Data Engineer" in data["subject"] + body
    assert "[[" in body  # the placeholder for something personal
    assert len(body.split()) <= 160
    assert not any(word in body.lower() for word in SENSITIVE_WORDS)
    assert "http" not in body  # sources are kept for the user, not pasted into the email
    assert data["points"] and all(p["url"].startswith("http") for p in data["points"])


def test_check_in_after_the_timeline(workspace: Path) -> None:
    long_ago = (datetime.now(UTC).date() - timedelta(days=12)).isoformat()
    result = run(workspace, "draft", "Kestrova Automation", "--interviewed", long_ago, "--to", "Sam")
    assert result.exit_code == 0
    assert "check-in" in result.stdout.lower()
    bad = run(workspace, "draft", "Kestrova Automation", "--interviewed", "last tuesday")
    assert bad.exit_code == 2 and "--interviewed" in bad.stderr


def test_digest_after_fetch(workspace: Path) -> None:
    result = run(workspace, "digest", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["follow_ups"], "the interview recorded above is due for a thank-you"
    names = [c["company_name"] for c in data["companies"]]
    assert names[0] == "Northwind Robotics"  # targets first
    markdown = run(workspace, "digest", "--since", "30d").stdout
    assert "Northwind Robotics" in markdown


def test_demo_command_offline(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["demo", str(tmp_path / "demo")], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert "Talking points for Northwind Robotics" in result.stdout
    html = tmp_path / "demo" / "northwind-robotics-brief.html"
    assert html.exists() and str(html) in result.stderr
    assert "27 new articles" in result.stderr


def test_interview_remove(workspace: Path) -> None:
    added = run(workspace, "interview", "add", "Vantrell Systems", "--date", "yesterday")
    number = int(added.stderr.split("#", 1)[1].split()[0])
    listed = run(workspace, "interview", "list")
    assert f"#{number} " in listed.stdout
    assert run(workspace, "interview", "remove", str(number)).exit_code == 0
    ids = [row["id"] for row in json.loads(run(workspace, "interview", "list", "--json").stdout)]
    assert number not in ids
    again = run(workspace, "interview", "remove", str(number))
    assert again.exit_code == 1 and f"no interview #{number}" in again.stderr
