"""A company's own sources: a feed or page whose every item is the company's own post (its blog,
changelog or channel) is read as the company's, whatever host each item links to; `own` in
feeds/*.toml says so where the URL cannot."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from tidings.analysis.events import classify_events
from tidings.analysis.ingest import Analyzer, own_source_urls
from tidings.analysis.mentions import Mention
from tidings.errors import ConfigError
from tidings.models import Company, SourceConfig
from tidings.workspace.config import load_config


def company(name: str, *sources: SourceConfig) -> Company:
    slug = name.lower().replace(" ", "-")
    return Company(slug=slug, name=name, sources=tuple(sources))


def source(url: str, slug: str, kind: str = "feed", own: bool | None = None) -> SourceConfig:
    return SourceConfig(url=url, company=slug, kind=kind, own=own)


@pytest.mark.parametrize(
    ("name", "url", "own"),
    [
        ("Ghost", "https://ghost.org/changelog/rss/", True),  # a common word, but the whole name
        ("AWS", "http://aws.typepad.com/aws/atom.xml", True),  # three letters: the whole name
        ("Hodl Hodl", "https://medium.com/@hodlhodl", True),  # the first path segment
        ("Cloudflare", "https://blog.cloudflare.com/rss/", True),  # a distinctive word of the name
        ("Hodl Hodl", "https://medium.com/feed/hodl", False),  # part of the name is not enough
        ("Ghost", "https://news.example/tag/ghost/feed", False),  # a later segment: a topic page
        ("Apple", "https://www.theverge.com/apple/rss/index.xml", False),  # a news site's section
        ("Apple", "https://news.example/@apple/feed", True),  # an account path names its owner
    ],
)
def test_a_source_addressed_by_the_company_name_is_its_own(name: str, url: str, own: bool) -> None:
    slug = name.lower().replace(" ", "-")
    assert own_source_urls(company(name, source(url, slug))) == ([url] if own else [])


def test_own_marks_override_the_url_and_a_search_never_is() -> None:
    google = company(
        "Google",
        source("https://www.youtube.com/feeds/videos.xml?user=Google", "google", own=True),
        source("https://blog.google/rss/", "google", own=False),
        source("https://news.google.com/rss/search?q=Google", "google", kind="search"),
        source("https://techcrunch.com/tag/alphabet/feed/", "google"),
    )
    assert own_source_urls(google) == ["https://www.youtube.com/feeds/videos.xml?user=Google"]


def test_items_of_an_own_source_are_the_company_s_own_whatever_they_link_to() -> None:
    feed = "https://medium.com/@harborline"
    harborline = company("Harborline", source(feed, "harborline"))
    analyzer = Analyzer([harborline])
    title, text = "Introducing a new feature: chat attachments", "You can now send files in a chat."
    link = "https://medium.com/@harborline/introducing-chat-attachments-1f2e"
    mentions, events, _ = analyzer.analyse_article(title, text, link, "harborline", feed)
    assert [m.company for m in mentions] == ["harborline"]
    assert [(e.company, e.kind) for e in events] == [("harborline", "launch")]
    # The same item from a source that is not the company's own names no company: nothing.
    assert analyzer.analyse_article(title, text, link, "harborline", "https://other.example/feed") == (
        [], [], ()
    )


def test_you_can_now_is_the_own_company_s_launch_only() -> None:
    acme = Company(slug="acme", name="Acme")
    sentence = "You can now pay with Acme in every store."
    on_own = classify_events(
        "Pay in store", sentence, [Mention("acme", False, 1, sentence)], {"acme": acme}, first_person="acme"
    )
    assert ("acme", "launch") in {(e.company, e.kind) for e in on_own}
    # In someone else's article "you can now" is the writer talking to readers, nobody's launch.
    elsewhere = classify_events(
        "Pay in store", sentence, [Mention("acme", False, 1, sentence)], {"acme": acme}
    )
    assert "launch" not in {e.kind for e in elsewhere}
    headline = classify_events("Meet your new Inbox", "", [Mention("acme", False, 0, "")], {"acme": acme},
                               first_person="acme")
    assert [(e.company, e.kind) for e in headline] == [("acme", "launch")]


def write(feeds: Path, text: str) -> Path:
    feeds.mkdir(parents=True, exist_ok=True)
    (feeds / "companies.toml").write_text(dedent(text), encoding="utf-8")
    return feeds


def test_own_is_read_from_feeds_toml(tmp_path: Path) -> None:
    feeds = write(tmp_path / "feeds", """\
        [[company]]
        name = "Harborline"
        [[company.sources]]
        url = "https://www.youtube.com/feeds/videos.xml?user=Harborline"
        own = true
        [[company.sources]]
        url = "https://news.example/harborline.xml"
        """)
    (harborline,) = load_config(feeds).companies
    assert [s.own for s in harborline.sources] == [True, None]


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ('own = "yes"', "`own` must be true or false"),
        ('own = true\nkind = "search"', "a news search is never the company's own"),
    ],
)
def test_a_bad_own_is_a_clear_error(tmp_path: Path, lines: str, message: str) -> None:
    head = '[[company]]\nname = "Harborline"\n[[company.sources]]\nurl = "https://news.example/h.xml"\n'
    feeds = write(tmp_path / "feeds", head + lines + "\n")
    with pytest.raises(ConfigError, match=message):
        load_config(feeds)
