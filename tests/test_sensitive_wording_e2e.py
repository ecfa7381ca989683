"""End to end: a company's own podcast feed and a news feed, served on 127.0.0.1 and fetched
through the CLI into a real DuckDB file. An episode titled only with a guest's name and job title
is no development of the company; its appointment post is leadership; a hiring slowdown and a
"to axe ... employees" headline are layoffs, handled with care and never a talking point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.feedgen import rss
from tests.test_intel_e2e import fetched_workspace, item, run

PODCAST = [
    item(1, "Tomas Brandt, Community Manager",
         "Tomas tells us how he answers customers from three time zones.", "ep-brandt",
         host="https://fernway.example"),
    item(2, "Priya Raman, Product Designer",
         "Priya talks about the sketches behind the new route planner.", "ep-raman",
         host="https://fernway.example"),
    item(3, "Fernway names Leona Farr chief operating officer",
         "Leona Farr joins from a logistics firm and starts in March.", "coo",
         host="https://fernway.example"),
]
WIRE = [
    item(1, "Fernway plans to slow hiring for the rest of the year",
         "The company told staff that open roles will stay unfilled until January.", "slow-hiring"),
    item(2, "Fernway to axe 450 employees in its logistics unit",
         "The cuts fall mostly on the warehouse teams.", "axe"),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sensitive")
    return fetched_workspace(
        root,
        {"/podcast.xml": rss(PODCAST, title="The Fernway Show"), "/wire.xml": rss(WIRE, title="Wire")},
        lambda url: f"""
[[company]]
name = "Fernway"
[[company.sources]]
url = "{url('/podcast.xml')}"
name = "The Fernway Show"
own = true
[[company.sources]]
url = "{url('/wire.xml')}"
name = "Wire"
""",
    )


def test_name_and_title_episodes_are_no_development(store: Path) -> None:
    result = run(store, "developments", "Fernway", "--json")
    assert result.exit_code == 0, result.output
    kinds = {d["url"].rsplit("/", 1)[-1]: d["kind"] for d in json.loads(result.stdout)}
    assert "ep-brandt" not in kinds and "ep-raman" not in kinds
    assert kinds["coo"] == "leadership"


def test_hiring_slowdown_and_axed_jobs_are_layoffs_never_points(store: Path) -> None:
    developments = json.loads(run(store, "developments", "Fernway", "--json").stdout)
    layoffs = {d["url"].rsplit("/", 1)[-1]: d["sensitive"] for d in developments if d["kind"] == "layoffs"}
    assert layoffs == {"slow-hiring": True, "axe": True}
    result = json.loads(run(store, "points", "Fernway", "--json").stdout)
    assert not {p["url"].rsplit("/", 1)[-1] for p in result["points"]} & {"slow-hiring", "axe"}
    cared = {c["url"].rsplit("/", 1)[-1] for c in result["handle_with_care"] if c["kind"] == "layoffs"}
    assert cared == {"slow-hiring", "axe"}
