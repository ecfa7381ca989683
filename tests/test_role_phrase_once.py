"""The role is said once in a list of points, where it fits best: in the first point matching the
interview, else in the first of the company's own; not at the end of every question."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

from tests.feedgen import rss
from tests.test_intel_e2e import fetched_workspace, run
from tidings.intel.points import rank_points
from tidings.intel.records import Development, InterviewContext

NOW = datetime.now(UTC)
ROLE = "Platform Engineer"
PHRASE = f"a {ROLE}"


def launch(i: int, title: str, lead: str = "") -> Development:
    return Development(
        company="northwind", company_name="Northwind", kind="launch", sensitive=False, title=title,
        url=f"https://northwind.example/{i}", source="Northwind newsroom",
        published=NOW - timedelta(days=i), evidence=title, lead=lead,
    )


def test_the_role_is_in_the_matching_point_only() -> None:
    devs = [launch(1, "Northwind Harbor 4 released"), launch(2, "Northwind Quay 2 released"),
            launch(3, "Northwind Pier 9 released", "Pier 9 brings fleet telematics and route optimisation.")]
    points = rank_points(devs, [], "Northwind", NOW,
                         context=InterviewContext(role=ROLE, notes="fleet telematics, route optimisation"))
    with_role = [p.url for p in points if PHRASE in p.text]
    assert with_role == ["https://northwind.example/3"]
    # Without the role, lines still differ from each other.
    assert len({p.text.rsplit("\u201c", 1)[-1] for p in points}) == 3


def test_without_a_match_the_first_point_says_it() -> None:
    devs = [launch(1, "Northwind Harbor 4 released"), launch(2, "Northwind Quay 2 released")]
    points = rank_points(devs, [], "Northwind", NOW, context=InterviewContext(role=ROLE))
    assert [PHRASE in p.text for p in points] == [True, False]


def _item(days: int, title: str, text: str) -> dict[str, str]:
    url = f"https://news.example/{days}"
    return {"title": title, "link": url, "guid": url, "description": text,
            "pubDate": format_datetime(NOW - timedelta(days=days))}


NEWS = [_item(d, f"Northwind Harbor {d}.0 released", f"Harbor {d}.0 is out with faster dashboards.")
        for d in range(1, 6)]


def test_points_say_the_role_once_end_to_end(tmp_path: Path) -> None:
    root = fetched_workspace(tmp_path, {"/n.xml": rss(NEWS)}, lambda url: f"""
[[company]]
name = "Northwind"
domains = ["news.example"]
[[company.sources]]
url = "{url('/n.xml')}"
""")
    assert run(root, "interview", "add", "Northwind", "--date", "yesterday", "--role", ROLE).exit_code == 0
    result = run(root, "points", "Northwind", "--json")
    assert result.exit_code == 0, result.stderr
    points = json.loads(result.stdout)["points"]
    assert len(points) == 5
    assert sum(PHRASE in p["text"] for p in points) == 1
    assert PHRASE in points[0]["text"]
