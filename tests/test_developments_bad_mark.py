"""`developments` marks every development to handle with care, not only the sensitive kinds: a
launch or an earnings report read as bad news for the company went unmarked in the list, while
`points` kept it out (found by review 22: "Apple Reportedly Focusing Less on Monolithic Annual
iOS Updates", a launch of bad tone).

Real CLI, real HTTP server on 127.0.0.1, real DuckDB file.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

from tests.feedgen import rss
from tests.test_intel_e2e import fetched_workspace, run

NOW = datetime.now(UTC)


def _item(days: int, title: str) -> dict[str, str]:
    url = f"https://news.example/{days}"
    return {"title": title, "link": url, "guid": url, "description": f"{title}.",
            "pubDate": format_datetime(NOW - timedelta(days=days))}


def test_bad_news_of_any_kind_is_marked(tmp_path: Path) -> None:
    root = fetched_workspace(tmp_path, {"/n.xml": rss([
        _item(1, "Northwind launches Harbor, a fleet-routing API"),
        _item(2, "Northwind cuts its full-year outlook as quarterly sales fell short"),
    ])}, lambda url: f"""
[[company]]
name = "Northwind"
[[company.sources]]
url = "{url('/n.xml')}"
""")
    devs = json.loads(run(root, "developments", "Northwind", "--json").stdout)
    bad = {d["title"] for d in devs if d["tone"] == "bad"}
    unsafe = {d["title"] for d in devs if d["tone"] == "bad" or d["sensitive"]}
    assert bad and not any(d["sensitive"] for d in devs if d["title"] in bad), devs
    result = run(root, "developments", "Northwind")
    assert result.exit_code == 0
    for line in result.stdout.splitlines():
        title = line[25:].rsplit(" — ", 1)[0]  # "YYYY-MM-DD !kind________ title — source"
        assert (line[11] == "!") == (title in unsafe), (line, unsafe)
    assert "! bad news" in result.stderr
