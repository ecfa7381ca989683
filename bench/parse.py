"""Benchmark: feedparser.parse vs tidings.syndication.feed_parser.parse_feed on the same bytes.

Generates synthetic RSS 2.0 and Atom feeds (50 items, ~700-character HTML summaries) and prints
the median per-feed time of each parser and their ratio. Run:
    .venv/bin/python bench/parse.py [--items 50] [--rounds 15]
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from xml.sax.saxutils import escape

import feedparser

from tidings.syndication.feed_parser import parse_feed

WORDS = (
    "acme launches platform customers revenue quarter partnership expands europe funding series "
    "growth engineering team announces today new product cloud data security analytics market "
    "leader award acquisition startup investors million fleet routing api developers"
).split()


def _summary(rng: random.Random, length: int = 700) -> str:
    parts: list[str] = []
    size = 0
    while size < length:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 16))).capitalize()
        chunk = (
            f'<p>{sentence} <a href="https://news.example.com/{rng.randint(1, 9999)}?a=1&amp;b=2">'
            f"read</a> &mdash; <strong>{rng.choice(WORDS)}</strong>.</p>"
        )
        parts.append(chunk)
        size += len(chunk)
    return "".join(parts)


def make_rss(n: int, seed: int = 1) -> bytes:
    rng = random.Random(seed)
    now = datetime(2025, 3, 1, tzinfo=UTC)
    items = []
    for i in range(n):
        when = format_datetime(now - timedelta(hours=i * 7))
        items.append(
            f"<item><title>{escape(_summary(rng, 40)[3:60])} &amp; more #{i}</title>"
            f"<link>/news/{i}.html</link><guid isPermaLink=\"false\">id-{i}</guid>"
            f"<pubDate>{when}</pubDate><dc:creator>Jane Roe</dc:creator>"
            f"<description>{escape(_summary(rng))}</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        "<title>Acme newsroom</title><link>https://acme.example.com/</link>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def make_atom(n: int, seed: int = 2) -> bytes:
    rng = random.Random(seed)
    now = datetime(2025, 3, 1, tzinfo=UTC)
    entries = []
    for i in range(n):
        when = (now - timedelta(hours=i * 5)).isoformat()
        entries.append(
            f"<entry><title type=\"html\">{escape(_summary(rng, 40)[3:60])} #{i}</title>"
            f'<link rel="alternate" type="text/html" href="posts/{i}"/>'
            f"<id>tag:acme.example.com,2025:{i}</id><updated>{when}</updated>"
            f"<published>{when}</published><author><name>Jane Roe</name></author>"
            f'<summary type="html">{escape(_summary(rng))}</summary></entry>'
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://acme.example.com/blog/">'
        "<title>Acme blog</title><id>tag:acme.example.com,2025:blog</id>"
        "<updated>2025-03-01T00:00:00Z</updated>" + "".join(entries) + "</feed>"
    ).encode()


def _median_ms(fn: Callable[[], object], rounds: int) -> float:
    fn()  # warm caches and lazy imports
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=50)
    ap.add_argument("--rounds", type=int, default=15)
    args = ap.parse_args()
    url = "https://acme.example.com/feed.xml"
    headers = {"Content-Type": "application/xml; charset=utf-8"}
    for name, body in (("rss", make_rss(args.items)), ("atom", make_atom(args.items))):
        result = parse_feed(body, url, headers)
        assert len(result.entries) == args.items and result.parser == "fast"
        fp_ms = _median_ms(
            lambda body=body: feedparser.parse(
                io.BytesIO(body),
                response_headers={"content-location": url, "content-type": headers["Content-Type"]},
            ),
            args.rounds,
        )
        ours_ms = _median_ms(lambda body=body: parse_feed(body, url, headers), args.rounds)
        print(
            f"{name}: {args.items} items, {len(body) / 1024:.0f} KiB | feedparser.parse "
            f"{fp_ms:.1f} ms | parse_feed {ours_ms:.2f} ms | ratio {ours_ms / fp_ms:.3f}"
        )


if __name__ == "__main__":
    main()
