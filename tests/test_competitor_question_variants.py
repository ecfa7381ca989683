"""Two competitor moves of one kind in a list of points ask the company's question in other
words: both of Apple's launches, listed among Microsoft's points, read "How is Microsoft
approaching its own product roadmap?" word for word (found by review 22)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

from tests.feedgen import rss
from tests.test_intel_e2e import fetched_workspace, run
from tidings.intel.points import rank_points
from tidings.intel.records import Development

NOW = datetime.now(UTC)


def _launch(company: str, name: str, i: int, title: str) -> Development:
    return Development(company=company, company_name=name, kind="launch", sensitive=False, title=title,
                       url=f"https://{company}.example/{i}", source="Wire",
                       published=NOW - timedelta(days=i), evidence=title)


def _line(text: str) -> str:
    return text.rsplit("\u201c", 1)[-1]


def test_two_rival_launches_ask_in_other_words() -> None:
    rivals = [_launch("globex", "Globex", 1, "Globex launches Harbor"),
              _launch("globex", "Globex", 2, "Globex launches Quay")]
    points = rank_points([_launch("northwind", "Northwind", 3, "Northwind launches Pier")], rivals,
                         "Northwind", NOW)
    lines = [_line(p.text) for p in points if p.about_competitor]
    assert len(lines) == 2 and len(set(lines)) == 2, lines
    assert all("Northwind" in x and "Globex" not in x for x in lines)


def _item(host: str, days: int, title: str) -> dict[str, str]:
    url = f"https://{host}/{days}"
    return {"title": title, "link": url, "guid": url, "description": f"{title} today.",
            "pubDate": format_datetime(NOW - timedelta(days=days))}


def northwind_and_globex(url: Callable[[str], str]) -> str:
    """Northwind (target, /n.xml) with Globex (/g.xml) as its competitor."""
    return f"""
[[company]]
name = "Globex"
role = "competitor"
[[company.sources]]
url = "{url('/g.xml')}"
[[company]]
name = "Northwind"
competitors = ["Globex"]
[[company.sources]]
url = "{url('/n.xml')}"
"""


def test_points_end_to_end_say_each_question_once(tmp_path: Path) -> None:
    root = fetched_workspace(tmp_path, {
        "/n.xml": rss([_item("northwind.example", 3, "Northwind launches Pier")]),
        "/g.xml": rss([_item("globex.example", 1, "Globex launches Harbor"),
                       _item("globex.example", 2, "Globex launches Quay")]),
    }, northwind_and_globex)
    points = json.loads(run(root, "points", "Northwind", "--json").stdout)["points"]
    lines = [_line(p["text"]) for p in points]
    assert len(lines) == 3 and len(set(lines)) == 3, lines
