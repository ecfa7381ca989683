"""Small RSS/Atom documents for tests, built from plain values."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from xml.sax.saxutils import escape


def rss(
    items: list[dict[str, str]],
    title: str = "Test feed",
    link: str = "https://example.test/",
) -> bytes:
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rss version="2.0"><channel>',
        f"<title>{escape(title)}</title><link>{escape(link)}</link>",
        "<description>test</description>",
    ]
    for item in items:
        parts.append("<item>")
        for key in ("title", "link", "guid", "description", "pubDate"):
            if key in item:
                parts.append(f"<{key}>{escape(item[key])}</{key}>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "\n".join(parts).encode("utf-8")


def items(
    count: int,
    prefix: str = "story",
    host: str = "https://example.test",
    start: datetime | None = None,
) -> list[dict[str, str]]:
    start = start or datetime.now(UTC) - timedelta(hours=1)
    return [
        {
            "title": f"{prefix.title()} number {i}",
            "link": f"{host}/{prefix}/{i}?utm_source=rss",
            "guid": f"{host}/{prefix}/{i}",
            "description": f"<p>Paragraph about {prefix} {i} &amp; more.</p>",
            "pubDate": format_datetime(start - timedelta(hours=i)),
        }
        for i in range(count)
    ]
