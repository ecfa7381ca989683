"""Release posts of two versions a few days apart are two developments, through the real CLI:
QEMU's real release notes share a template, and review 20 saw 10.1.0 vanish into 10.0.0's story."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

from tests.feedgen import rss
from tests.httpserver import Route, serve
from tests.test_intel_e2e import run


def _release(version: str, authors: int, when: datetime) -> dict[str, str]:
    return {
        "title": f"Harbor version {version} released",
        "link": f"https://harbor.example/releases/{version}",
        "guid": f"https://harbor.example/releases/{version}",
        "description": (f"We'd like to announce the availability of the Harbor {version} release. "
                        f"This release contains 2800+ commits from {authors} authors."),
        "pubDate": format_datetime(when),
    }


def test_two_releases_days_apart_are_two_developments(tmp_path: Path) -> None:
    now = datetime.now(UTC)
    feed = rss([_release("10.1.0", 226, now - timedelta(days=1)),
                _release("10.0.0", 211, now - timedelta(days=4))])
    with serve({"/releases.xml": Route(feed)}) as server:
        (tmp_path / "feeds").mkdir()
        (tmp_path / "feeds" / "c.toml").write_text(
            f'[[company]]\nname = "Harbor"\n[[company.sources]]\nurl = "{server.url("/releases.xml")}"\n'
        )
        assert run(tmp_path, "fetch").exit_code == 0
    devs = json.loads(run(tmp_path, "developments", "Harbor", "--json").stdout)
    assert sorted(d["title"] for d in devs) == [
        "Harbor version 10.0.0 released", "Harbor version 10.1.0 released"
    ]
    digest = run(tmp_path, "digest")
    assert "Harbor version 10.1.0 released" in digest.stdout and "10.0.0 released" in digest.stdout
