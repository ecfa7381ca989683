"""Feed entries become articles: identity, publisher, dates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tidings.models import FeedEntry
from tidings.sources.normalize import article_from_entry
from tidings.syndication.feed_parser import parse_feed

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)

NEWS_SEARCH = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>"Acme" - Google News</title><link>https://news.example/</link>
<item><title>Acme raises $40 million in Series C funding - TechCrunch</title>
<link>https://news.example/rss/articles/CBMiabc?oc=5</link>
<guid isPermaLink="false">CBMiabc</guid><pubDate>Wed, 18 Nov 2026 14:00:00 GMT</pubDate>
<source url="https://techcrunch.com">TechCrunch</source></item>
</channel></rss>"""


def test_news_search_items_keep_their_publisher_and_a_clean_headline() -> None:
    entry = parse_feed(NEWS_SEARCH, "https://news.example/rss/search?q=acme").entries[0]
    article = article_from_entry(entry, source_url="https://news.example/rss/search?q=acme",
                                 company="acme", fetched_at=NOW)
    assert article is not None
    assert article.title == "Acme raises $40 million in Series C funding"
    assert article.publisher == "TechCrunch"
    assert article.extra["publisher_url"] == "https://techcrunch.com"


def test_a_title_that_is_only_the_publisher_is_left_alone() -> None:
    entry = FeedEntry(title="News - Reuters", link="https://x.example/1", source_name="Reuters")
    article = article_from_entry(entry, source_url="s", company="c", fetched_at=NOW)
    assert article is not None and article.title == "News - Reuters"


def test_future_and_ancient_dates_become_estimates() -> None:
    future = FeedEntry(title="From the future", link="https://x.example/f",
                       published=NOW + timedelta(days=30))
    ancient = FeedEntry(title="From 1970", link="https://x.example/a",
                        published=datetime(1970, 1, 1, tzinfo=UTC))
    for entry in (future, ancient):
        article = article_from_entry(entry, source_url="s", company="c", fetched_at=NOW)
        assert article is not None
        assert article.published_is_estimate is True and article.published_at == NOW


def test_opaque_guids_are_scoped_to_their_feed_and_url_guids_are_global() -> None:
    one = FeedEntry(title="A", link="https://x.example/a", guid="123")
    a = article_from_entry(one, source_url="feed-1", company="c", fetched_at=NOW)
    b = article_from_entry(one, source_url="feed-2", company="c", fetched_at=NOW)
    assert a is not None and b is not None and a.id != b.id
    linked = FeedEntry(title="A", link="https://x.example/a?utm_source=rss",
                       guid="https://x.example/a")
    c = article_from_entry(linked, source_url="feed-1", company="c", fetched_at=NOW)
    d = article_from_entry(FeedEntry(title="A", link="https://x.example/a"),
                           source_url="feed-2", company="c", fetched_at=NOW)
    assert c is not None and d is not None and c.id == d.id
