"""A development's relevance to an interview reads the article's beginning, not only its headline.

A release post's headline ("Northwind Harbor 3.2 released") names none of the interview's topics
while its highlights do. The match says where it was found, and words of the role alone, or words
far down a long article, do not make a story relevant.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from tests.feedgen import rss
from tests.test_intel_e2e import fetched_workspace, run
from tidings.intel.points import rank_points
from tidings.intel.records import Development, InterviewContext

NOW = datetime.now(UTC)
ROLE = "Platform Engineer"
NOTES = "route optimisation, fleet telematics"
HIGHLIGHTS = (
    "Harbor 3.2 is out. Highlights include: route optimisation that now plans fleets of ten "
    "thousand vans in seconds, and a fleet telematics importer for the common tracker formats."
)


def dev(title: str, lead: str, days: float = 2, url: str = "https://northwind.example/a") -> Development:
    return Development(
        company="northwind", company_name="Northwind", kind="launch", sensitive=False, title=title,
        url=url, source="Northwind newsroom", published=NOW - timedelta(days=days),
        evidence=title, lead=lead,
    )


CONTEXT = InterviewContext(role=ROLE, notes=NOTES)


def test_highlights_in_the_text_match_and_say_where() -> None:
    [point] = rank_points([dev("Northwind Harbor 3.2 released", HIGHLIGHTS)], [], "Northwind", NOW,
                          context=CONTEXT)
    assert {m.lower() for m in point.matches} >= {"route optimisation", "fleet telematics"}
    assert point.matched_in == "text"
    assert point.why.startswith("Matches your interview in the article's text, not its headline: ")


def test_a_headline_match_is_still_said_as_before_and_ranks_above_a_text_match() -> None:
    in_title = dev("Northwind speeds up route optimisation for fleets", "Nothing more.", days=3,
                   url="https://northwind.example/b")
    in_text = dev("Northwind Harbor 3.2 released", HIGHLIGHTS, days=3, url="https://northwind.example/c")
    points = rank_points([in_text, in_title], [], "Northwind", NOW, context=CONTEXT)
    assert [p.url for p in points] == [in_title.url, in_text.url]
    assert points[0].matched_in == "headline"
    assert points[0].why.startswith("Matches your interview: ")


def test_role_words_alone_in_the_text_are_no_match() -> None:
    lead = "Our platform engineers rebuilt the release process; engineering platform work continues."
    [point] = rank_points([dev("Northwind Harbor 3.2 released", lead)], [], "Northwind", NOW,
                          context=CONTEXT)
    assert point.matches == () and point.matched_in == ""


def _item(days: float, title: str, text: str, url: str) -> dict[str, str]:
    return {"title": title, "link": url, "guid": url, "description": text,
            "pubDate": format_datetime(NOW - timedelta(days=days))}


FILLER = "Harbor 3.3 also brings many small fixes to the dashboard and the installer. " * 30
NEWS = [
    _item(2, "Northwind Harbor 3.2 released", HIGHLIGHTS, "https://news.example/harbor-3-2"),
    # The topics only far past the lead that is read: no match.
    _item(1, "Northwind Harbor 3.3 released", FILLER + HIGHLIGHTS, "https://news.example/harbor-3-3"),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("relevance-text")
    fetched_workspace(root, {"/news.xml": rss(NEWS)}, lambda url: f"""
[[company]]
name = "Northwind"
domains = ["news.example"]
[[company.sources]]
url = "{url('/news.xml')}"
name = "Northwind newsroom"
""")
    added = run(root, "interview", "add", "Northwind", "--date", "yesterday", "--role", ROLE,
                "--notes", NOTES)
    assert added.exit_code == 0, added.stderr
    return root


def test_brief_json_matches_the_release_highlights_end_to_end(store: Path) -> None:
    result = run(store, "brief", "Northwind", "--format", "json")
    assert result.exit_code == 0, result.stderr
    points = {p["url"]: p for p in json.loads(result.stdout)["talking_points"]}
    release = points["https://news.example/harbor-3-2"]
    assert release["kind"] == "launch"
    assert {m.lower() for m in release["matches"]} >= {"route optimisation", "fleet telematics"}
    assert release["matched_in"] == "text"
    assert "in the article's text" in release["why"]
    far = points["https://news.example/harbor-3-3"]
    assert far["matches"] == [] and far["matched_in"] is None
