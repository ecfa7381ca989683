"""A role is said with the article its first sound takes: "where an iOS Engineer fits in", not
"where a iOS Engineer fits in" (found by review 22 in `points` for an interview with Apple)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from tests.feedgen import rss
from tests.test_intel_e2e import fetched_workspace, run
from tidings.text import indefinite

NOW = datetime.now(UTC)


@pytest.mark.parametrize(("role", "said"), [
    ("iOS Engineer", "an iOS Engineer"),
    ("Data Engineer", "a Data Engineer"),
    ("SRE", "an SRE"),
    ("ML Engineer", "an ML Engineer"),
    ("UX Designer", "a UX Designer"),
    ("FP&A Analyst", "an FP&A Analyst"),
    ("Engineering Manager", "an Engineering Manager"),
    ("User Researcher", "a User Researcher"),
    ("Underwriter", "an Underwriter"),
    ("European Sales Lead", "a European Sales Lead"),
    ("Hardware Engineer", "a Hardware Engineer"),
])
def test_the_article_follows_the_first_sound(role: str, said: str) -> None:
    assert indefinite(role) == said


def test_points_and_draft_say_an_ios_engineer(tmp_path: Path) -> None:
    news = [{"title": f"Northwind Harbor {d}.0 released", "link": f"https://news.example/{d}",
             "guid": f"https://news.example/{d}", "description": f"Harbor {d}.0 is out with Face ID.",
             "pubDate": format_datetime(NOW - timedelta(days=d))} for d in range(1, 4)]
    root = fetched_workspace(tmp_path, {"/n.xml": rss(news)}, lambda url: f"""
[[company]]
name = "Northwind"
domains = ["news.example"]
[[company.sources]]
url = "{url('/n.xml')}"
""")
    added = run(root, "interview", "add", "Northwind", "--date", "yesterday", "--role", "iOS Engineer",
                "--notes", "Face ID")
    assert added.exit_code == 0, added.output
    points = json.loads(run(root, "points", "Northwind", "--json").stdout)["points"]
    texts = " ".join(p["text"] for p in points)
    assert "an iOS Engineer" in texts and "a iOS" not in texts, texts
    draft = run(root, "draft", "Northwind")
    assert draft.exit_code == 0, draft.output
    assert "a iOS" not in draft.stdout, draft.stdout
