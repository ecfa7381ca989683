"""End to end: a company's own podcast feed, served on 127.0.0.1 and fetched
through the CLI into a real DuckDB file. An episode titled only with a guest's name and job title
is no development of the company; its appointment post is leadership."""

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


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("name-title")
    return fetched_workspace(
        root,
        {"/podcast.xml": rss(PODCAST, title="The Fernway Show")},
        lambda url: f"""
[[company]]
name = "Fernway"
[[company.sources]]
url = "{url('/podcast.xml')}"
name = "The Fernway Show"
own = true
""",
    )


def test_name_and_title_episodes_are_no_development_nor_point(store: Path) -> None:
    result = run(store, "developments", "Fernway", "--json")
    assert result.exit_code == 0, result.output
    kinds = {d["url"].rsplit("/", 1)[-1]: d["kind"] for d in json.loads(result.stdout)}
    assert "ep-brandt" not in kinds and "ep-raman" not in kinds
    assert kinds["coo"] == "leadership"
    points = json.loads(run(store, "points", "Fernway", "--json").stdout)["points"]
    slugs = [p["url"].rsplit("/", 1)[-1] for p in points]
    assert "coo" in slugs and "ep-brandt" not in slugs and "ep-raman" not in slugs

