"""A throwaway demo workspace: fictional companies, sample RSS feeds on disk, dates kept fresh.

``build_demo`` writes feeds/demo.toml (one target company, two competitors, each with file://
feed sources) and the sample feeds in samples/, generated from the packaged news.json. Stories
carry day offsets, so whatever day the demo is built its news is recent.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from email.utils import format_datetime
from importlib import resources
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

logger = logging.getLogger(__name__)

TARGET_SLUG = "northwind-robotics"


@dataclass(frozen=True)
class DemoWorkspace:
    """Where the demo put things, for the CLI to fetch into and render from."""

    directory: Path
    feeds_dir: Path
    config_path: Path
    samples_dir: Path
    db_path: Path
    html_path: Path
    feed_files: tuple[Path, ...]
    target: str  # the target company's name
    stories: int


def load_news() -> dict[str, Any]:
    """The packaged sample data: companies, feeds and stories (with days_ago offsets)."""
    text = resources.files("tidings.demo").joinpath("news.json").read_text(encoding="utf-8")
    return json.loads(text)


def story_time(today: date, days_ago: int, hour: int) -> datetime:
    return datetime.combine(today - timedelta(days=days_ago), time(hour % 24), tzinfo=UTC)


def _rss(feed: dict[str, Any], stories: list[dict[str, Any]], today: date) -> str:
    items = []
    # Newest first, as real feeds are.
    for story in sorted(stories, key=lambda s: (s["days_ago"], -s["hour"])):
        link = feed["link"].rstrip("/") + "/" + story["slug"]
        published = format_datetime(story_time(today, story["days_ago"], story["hour"]), usegmt=True)
        items.append(
            "    <item>\n"
            f"      <title>{escape(story['title'])}</title>\n"
            f"      <link>{escape(link)}</link>\n"
            f'      <guid isPermaLink="true">{escape(link)}</guid>\n'
            f"      <pubDate>{published}</pubDate>\n"
            f"      <description>{escape(story['summary'])}</description>\n"
            "    </item>\n"
        )
    built = format_datetime(datetime.combine(today, time(6), tzinfo=UTC), usegmt=True)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0">\n'
        "  <channel>\n"
        f"    <title>{escape(feed['title'])}</title>\n"
        f"    <link>{escape(feed['link'])}</link>\n"
        f"    <description>Sample feed for the tidings demo (fictional).</description>\n"
        f"    <lastBuildDate>{built}</lastBuildDate>\n" + "".join(items) + "  </channel>\n</rss>\n"
    )


def _toml_str(value: str) -> str:
    # JSON string escapes are valid TOML basic-string escapes.
    return json.dumps(value, ensure_ascii=False)


def _toml_list(values: list[str]) -> str:
    return "[" + ", ".join(_toml_str(v) for v in values) + "]"


def _config(news: dict[str, Any], feed_urls: dict[str, str]) -> str:
    lines = [
        "# tidings demo: fictional companies and sample feeds on disk (file:// URLs).",
        "# Made by `tidings demo`; safe to delete. Edit freely to try the configuration format.",
        "",
    ]
    for company in news["companies"]:
        lines += ["[[company]]", f"name = {_toml_str(company['name'])}"]
        lines.append(f"role = {_toml_str(company['role'])}")
        for key in ("aliases", "domains", "competitors", "context"):
            if company.get(key):
                lines.append(f"{key} = {_toml_list(company[key])}")
        lines.append("")
        for feed in news["feeds"]:
            if feed["company"] == company["name"]:
                lines += [
                    "[[company.sources]]",
                    f"url = {_toml_str(feed_urls[feed['id']])}",
                    f"name = {_toml_str(feed['name'])}",
                    "",
                ]
    return "\n".join(lines)


def build_demo(directory: Path, today: date) -> DemoWorkspace:
    """Write a demo workspace into ``directory`` (created if needed) and say where things are.

    Re-running overwrites the demo's own files (feeds/demo.toml, samples/*.xml) and nothing else.
    """
    news = load_news()
    directory = directory.resolve()
    feeds_dir = directory / "feeds"
    samples_dir = directory / "samples"
    data_dir = directory / "data"
    for folder in (feeds_dir, samples_dir, data_dir):
        folder.mkdir(parents=True, exist_ok=True)

    feed_urls: dict[str, str] = {}
    feed_files: list[Path] = []
    for feed in news["feeds"]:
        stories = [s for s in news["stories"] if s["feed"] == feed["id"]]
        path = samples_dir / f"{feed['id']}.xml"
        path.write_text(_rss(feed, stories, today), encoding="utf-8")
        feed_urls[feed["id"]] = path.as_uri()
        feed_files.append(path)

    config_path = feeds_dir / "demo.toml"
    config_path.write_text(_config(news, feed_urls), encoding="utf-8")
    target = next(c["name"] for c in news["companies"] if c["role"] == "target")
    logger.debug("demo workspace written to %s", directory)
    return DemoWorkspace(
        directory=directory,
        feeds_dir=feeds_dir,
        config_path=config_path,
        samples_dir=samples_dir,
        db_path=data_dir / "tidings.duckdb",
        html_path=directory / f"{TARGET_SLUG}-brief.html",
        feed_files=tuple(feed_files),
        target=target,
        stories=len(news["stories"]),
    )


__all__ = ["DemoWorkspace", "build_demo", "load_news", "story_time"]
