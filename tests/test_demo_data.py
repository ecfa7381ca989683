"""The demo workspace: a valid config, sample feeds that parse, fresh dates, the promised stories."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from tidings.demo import DemoWorkspace, build_demo, load_news
from tidings.syndication.feed_parser import parse_feed
from tidings.workspace.config import load_config

TODAY = date(2025, 3, 10)


@pytest.fixture
def demo(tmp_path: Path) -> DemoWorkspace:
    return build_demo(tmp_path / "demo", TODAY)


def test_news_json_has_the_promised_stories() -> None:
    news = load_news()
    stories = news["stories"]
    assert 25 <= len(stories) <= 35
    titles = " ".join(s["title"] for s in stories)
    assert re.search(r"\$\d+ million Series [A-H]", titles)  # funding with amount and round
    for word in ("launches", "partners", "appoints", "wins", "opens", "lays off", "acquires"):
        assert word in titles, word
    assert any(s["days_ago"] > 60 for s in stories)  # background
    assert max(s["days_ago"] for s in stories if s["days_ago"] <= 60) <= 31
    # One story syndicated across two feeds, so clustering shows coverage.
    by_title = Counter(s["title"] for s in stories)
    syndicated = [t for t, n in by_title.items() if n > 1]
    assert syndicated
    for title in syndicated:
        assert len({s["feed"] for s in stories if s["title"] == title}) > 1


def test_company_names_are_fictional_and_distinctive() -> None:
    names = [c["name"] for c in load_news()["companies"]]
    assert len(names) == 3
    common = {"apple", "square", "block", "target", "amazon", "shell", "visa", "oracle"}
    for name in names:
        assert not any(word.lower() in common for word in name.split())
    for feed in load_news()["feeds"]:
        assert feed["link"].split("/")[2].endswith(".example")  # reserved, never a real site


def test_config_loads_with_target_and_two_competitors(demo: DemoWorkspace) -> None:
    config = load_config(demo.feeds_dir)
    companies = {c.slug: c for c in config.companies}
    target = companies["northwind-robotics"]
    assert target.role == "target"
    assert len(target.competitors) == 2
    for slug in target.competitors:
        assert companies[slug].role == "competitor"
        assert companies[slug].sources
    for company in config.companies:
        for source in company.sources:
            assert source.url.startswith("file://")
            assert Path(source.url.removeprefix("file://")).is_file()


def test_feeds_parse_with_expected_counts_and_fresh_dates(demo: DemoWorkspace) -> None:
    news = load_news()
    expected = Counter(s["feed"] for s in news["stories"])
    total = 0
    newest: list[datetime] = []
    for path in demo.feed_files:
        parsed = parse_feed(path.read_bytes(), path.as_uri())
        assert not parsed.bozo, parsed.bozo_reason
        assert parsed.format == "rss"
        assert len(parsed.entries) == expected[path.stem]
        total += len(parsed.entries)
        for entry in parsed.entries:
            assert entry.title and entry.link and entry.link.startswith("https://")
            assert entry.published is not None and entry.published.tzinfo is not None
            assert entry.published.date() <= TODAY
            assert entry.published.date() >= TODAY - timedelta(days=90)
        newest.append(max(e.published for e in parsed.entries if e.published))
    assert total == demo.stories == len(news["stories"])
    # Fresh: the newest story of the target's newsroom is within a few days of "today".
    assert max(newest) >= datetime.combine(TODAY - timedelta(days=3), datetime.min.time(), UTC)


def test_dates_follow_today(tmp_path: Path) -> None:
    later = date(2026, 1, 5)
    first = build_demo(tmp_path / "a", TODAY)
    second = build_demo(tmp_path / "b", later)
    a = parse_feed(first.feed_files[0].read_bytes(), first.feed_files[0].as_uri())
    b = parse_feed(second.feed_files[0].read_bytes(), second.feed_files[0].as_uri())
    shift = {(y.published - x.published) for x, y in zip(a.entries, b.entries, strict=True)}
    assert shift == {later - TODAY}


def test_paths_and_rerun(demo: DemoWorkspace) -> None:
    assert demo.config_path == demo.feeds_dir / "demo.toml"
    assert demo.db_path.parent.is_dir() and demo.db_path.name.endswith(".duckdb")
    assert demo.html_path.suffix == ".html"
    assert demo.target == "Northwind Robotics"
    before = demo.config_path.read_text(encoding="utf-8")
    again = build_demo(demo.directory, TODAY)
    assert again.config_path.read_text(encoding="utf-8") == before
    assert sorted(p.name for p in demo.feeds_dir.iterdir()) == ["demo.toml"]


def test_titles_with_markup_are_escaped_in_the_feed(tmp_path: Path) -> None:
    # The feed writer escapes: a story title with & and < must round-trip as text.
    demo = build_demo(tmp_path, TODAY)
    for path in demo.feed_files:
        text = path.read_text(encoding="utf-8")
        assert "<title>" in text and " & " not in text
