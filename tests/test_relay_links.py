"""A link through a feed proxy, news aggregator or click redirect names no publisher.

Found by the review: with Google tracked (`domains = ["google.com"]`), every TechCrunch item
behind feedproxy.google.com and every Google Alert result (www.google.com/url?url=...) became
Google's own post, so Angie's List's IPO and Agari's round were Google's talking points.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.httpserver import Route, serve
from tests.test_intel_e2e import fetched_workspace, run
from tidings.analysis.ingest import Analyzer
from tidings.intel.queries import _on_hosts
from tidings.models import Company, SourceConfig
from tidings.urls import is_relay_link, unwrap_redirect

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "feeds"


@pytest.mark.parametrize(
    ("url", "relay"),
    [
        ("http://feedproxy.google.com/~r/Techcrunch/~3/kTeeGj4FnwU/", True),
        ("https://feeds.feedburner.com/TechCrunch", True),
        ("https://news.google.com/rss/articles/CBMiK2h0dHBzOi8vZXhhbXBsZS5jb20v?oc=5", True),
        ("https://www.google.com/url?rct=j&sa=t&url=https://investorplace.com/x/&ct=ga", True),
        ("https://www.google.co.uk/url?q=https://example.com/", True),
        # Google's own pages are not relays
        ("https://blog.google/products/gmail/new-gmail/", False),
        ("https://cloud.google.com/blog/products/gcp/last-month-today/", False),
        ("https://www.google.com/about/", False),
        ("https://example.com/url", False),
        ("not a url", False),
    ],
)
def test_relay_links(url: str, relay: bool) -> None:
    assert is_relay_link(url) is relay


def test_a_relay_link_is_no_own_post_of_the_company_owning_its_host() -> None:
    google = Company(slug="google", name="Google", domains=("google.com",))
    analyzer = Analyzer([google])
    assert analyzer.publisher_company("https://cloud.google.com/blog/products/x/") == "google"
    assert analyzer.publisher_company("http://feedproxy.google.com/~r/Techcrunch/~3/x/") is None
    assert analyzer.publisher_company("https://news.google.com/rss/articles/CBMi?oc=5") is None
    title = "Email Security Startup Agari Raises $2.5M From Alloy, Battery, Greylock"
    mentions, events = analyzer.analyse(title, "Agari has raised $2.5 million.",
                                        "http://feedproxy.google.com/~r/Techcrunch/~3/fct3A6bGYy4/")
    assert mentions == [] and events == []
    assert not _on_hosts("http://feedproxy.google.com/~r/Techcrunch/~3/x/", ["google.com"])
    assert _on_hosts("https://cloud.google.com/blog/x/", ["google.com"])


def test_a_blog_behind_feedproxy_marked_own_stays_the_company_s() -> None:
    # own = true (or a feed host carrying the name) still makes every item the company's own.
    feed = SourceConfig(url="https://feeds.example/harborline", company="harborline", own=True)
    analyzer = Analyzer([Company(slug="harborline", name="Harborline", sources=(feed,))])
    mentions, _, _ = analyzer.analyse_article(
        "Introducing chat attachments", "You can now send files.",
        "http://feedproxy.google.com/~r/harborline/~3/x/", "harborline", feed.url,
    )
    assert [m.company for m in mentions] == ["harborline"]


def google_and_slack(url: Callable[[str], str], extra: str = "") -> str:
    """Google with the real TechCrunch feed (behind FeedBurner), Slack with its real alert."""
    return f"""
[[company]]
name = "Google"
{extra}
[[company.sources]]
url = "{url('/tc.xml')}"
name = "TechCrunch"

[[company]]
name = "Slack"
[[company.sources]]
url = "{url('/alerts.xml')}"
name = "Google Alert - Slack"
"""


@pytest.mark.skipif(not (CORPUS / "feedjira-sample-feeds").is_dir(), reason="shared corpus absent")
def test_real_techcrunch_and_alert_feeds_do_not_make_google_own_everything(tmp_path: Path) -> None:
    techcrunch = (CORPUS / "feedjira-sample-feeds" / "TechCrunch.xml").read_bytes()
    alerts = (CORPUS / "feedjira-sample-feeds" / "google_alerts_atom.xml").read_bytes()
    root = fetched_workspace(tmp_path, {"/tc.xml": techcrunch, "/alerts.xml": alerts},
                             lambda url: google_and_slack(url, 'domains = ["google.com"]'))
    developments = json.loads(run(root, "developments", "Google", "--since", "all", "--json").stdout)
    titles = [d["title"] for d in developments]
    # Gmail for iPhone is Google's; Agari's round and Angie's List's IPO are not.
    assert any("Gmail" in t for t in titles), titles
    assert not any("Agari" in t or "Angie" in t for t in titles), titles
    mentioned = json.loads(run(root, "mentions", "Google", "--since", "all", "--limit", "500",
                               "--json").stdout)
    # TechCrunch has 20 items, most of them about other companies; the 20 alerts are Slack's.
    assert 0 < len(mentioned) < 12, [m["title"] for m in mentioned]
    assert not any("Slack" in m["title"] and "Google" not in m["title"] for m in mentioned)
    points = json.loads(run(root, "points", "Google", "--since", "all", "--json").stdout)["points"]
    assert not any("Agari" in p["title"] or "Monster" in p["title"] for p in points), points


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("https://www.google.com/url?rct=j&sa=t&url=https://investorplace.com/2019/07/slack/&ct=ga&usg=AF",
         "https://investorplace.com/2019/07/slack/"),
        ("https://www.google.co.uk/url?q=https%3A%2F%2Fexample.com%2Fa%3Fid%3D7&sa=U",
         "https://example.com/a?id=7"),
        # not a redirect, or a redirect to nowhere: kept as it is
        ("https://www.google.com/url?rct=j&url=javascript:alert(1)", None),
        ("https://example.com/url?url=https://elsewhere.example/", None),
        ("https://cloud.google.com/blog/products/x/", None),
    ],
)
def test_a_click_redirect_is_read_as_its_target(url: str, target: str | None) -> None:
    assert unwrap_redirect(url) == (target or url)


FEEDBURNER_RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"><channel>
<title>TechCrunch</title><link>http://techcrunch.com</link>
<item><title>Google Launches Native Gmail App For iPhone</title>
<link>http://feedproxy.google.com/~r/Techcrunch/~3/OZarlirMG7w/</link>
<guid isPermaLink="false">http://techcrunch.com/?p=438436</guid>
<pubDate>Wed, 02 Nov 2011 16:46:31 +0000</pubDate><description>Google is launching it.</description>
<feedburner:origLink>http://techcrunch.com/2011/11/02/google-launches-native-gmail-app/</feedburner:origLink>
</item></channel></rss>"""

FEEDBURNER_ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0">
<title>Blog</title><id>tag:blog.example,2011:feed</id><updated>2011-11-02T10:00:00Z</updated>
<entry><title>Harbor ships</title><id>tag:blog.example,2011:1</id><updated>2011-11-02T10:00:00Z</updated>
<link rel="alternate" href="http://feedproxy.google.com/~r/blog/~3/abc/"/>
<feedburner:origLink>https://blog.example/2011/harbor-ships</feedburner:origLink>
<summary>It ships.</summary></entry></feed>"""


def test_feedburner_items_link_to_the_publisher_s_page() -> None:
    from tidings.syndication.feed_parser import _parse_with_feedparser, parse_feed

    rss = parse_feed(FEEDBURNER_RSS, "https://feeds.example/tc")
    assert rss.parser == "fast"
    assert rss.entries[0].link == "http://techcrunch.com/2011/11/02/google-launches-native-gmail-app/"
    atom = parse_feed(FEEDBURNER_ATOM, "https://feeds.example/blog")
    assert atom.parser == "fast"
    assert atom.entries[0].link == "https://blog.example/2011/harbor-ships"
    for body, link in ((FEEDBURNER_RSS, rss.entries[0].link), (FEEDBURNER_ATOM, atom.entries[0].link)):
        slow = _parse_with_feedparser(body, "https://feeds.example/x", {})
        assert slow.entries[0].link == link
    # a feed without origLink keeps its own links
    plain = parse_feed(FEEDBURNER_RSS.replace(b"feedburner:origLink", b"feedburner:other"), "https://f.example/")
    assert plain.entries[0].link == "http://feedproxy.google.com/~r/Techcrunch/~3/OZarlirMG7w/"


@pytest.mark.skipif(not (CORPUS / "feedjira-sample-feeds").is_dir(), reason="shared corpus absent")
def test_real_feedburner_and_alert_items_are_stored_under_the_story_s_own_address(tmp_path: Path) -> None:
    techcrunch = (CORPUS / "feedjira-sample-feeds" / "TechCrunch.xml").read_bytes()
    alerts = (CORPUS / "feedjira-sample-feeds" / "google_alerts_atom.xml").read_bytes()
    with serve({"/tc.xml": Route(techcrunch), "/alerts.xml": Route(alerts)}) as server:
        (tmp_path / "feeds").mkdir()
        (tmp_path / "feeds" / "companies.toml").write_text(google_and_slack(server.url))
        assert run(tmp_path, "fetch").exit_code == 0
        stored = json.loads(run(tmp_path, "articles", "--since", "all", "--limit", "500", "--json").stdout)
        # a second fetch of the same feeds stores nothing twice
        assert run(tmp_path, "fetch", "--force").exit_code == 0
        again = json.loads(run(tmp_path, "articles", "--since", "all", "--limit", "500", "--json").stdout)
    hosts: dict[str, set[str]] = {a["source"]: set() for a in stored}
    for a in stored:
        hosts[a["source"]].add(a["url"].split("/")[2])
    assert hosts["TechCrunch"] == {"techcrunch.com"}, hosts
    assert not any("google." in h for h in hosts["Google Alert - Slack"]), hosts
    assert "investorplace.com" in hosts["Google Alert - Slack"]
    # and the story's site is named as where it was read, not "Google Alert - Slack"
    alert = next(a for a in stored if "investorplace.com" in a["url"])
    assert alert["publisher"] == "investorplace.com"
    assert all(a["publisher"] is None for a in stored if a["source"] == "TechCrunch")
    assert len(again) == len(stored) == 40


def test_a_news_aggregator_feed_filed_under_its_owner_is_not_its_own_source() -> None:
    from tidings.analysis.ingest import own_source_urls

    topics = SourceConfig(url="https://news.google.com/rss/topics/CAAqBwgKMLqM?hl=en-US", company="google")
    blog = SourceConfig(url="https://blog.google/rss/", company="google")
    marked = SourceConfig(url="https://news.google.com/rss/x", company="google", own=True)
    google = Company(slug="google", name="Google", sources=(topics, blog, marked))
    assert own_source_urls(google) == [blog.url, marked.url]
