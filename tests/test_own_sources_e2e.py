"""End to end: a company's own blog hosted elsewhere (items linking to medium.example), added
with `source add --own` (`own = true` in feeds/*.toml) and fetched from 127.0.0.1 into a real
DuckDB file: its subjectless release posts become the company's developments and talking
points; the same posts from a source not marked own give nothing."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from tests.httpserver import Route, serve
from tests.test_intel_e2e import run

NOW = datetime.now(UTC)
POSTS = [
    ("chat-attachments", "Introducing a new feature: chat attachments",
     "You can now send photos and files in a trade chat, up to 20 MB each."),
    ("new-inbox", "Meet your new inbox", "Every conversation about an offer now sits in one list."),
    ("team-offsite", "Notes from our team offsite", "We spent three days in Lisbon on the roadmap."),
]


def atom(author: str) -> bytes:
    entries = "".join(
        f"<entry><title>{escape(title)}</title><id>https://medium.example/@{author}/{slug}</id>"
        f'<link href="https://medium.example/@{author}/{slug}"/>'
        f"<updated>{(NOW - timedelta(days=i + 1)).strftime('%Y-%m-%dT%H:%M:%SZ')}</updated>"
        f"<summary>{escape(text)}</summary></entry>"
        for i, (slug, title, text) in enumerate(POSTS)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Stories by {author} on Medium</title><id>https://medium.example/@{author}</id>"
        f"<updated>{NOW.strftime('%Y-%m-%dT%H:%M:%SZ')}</updated>{entries}</feed>"
    ).encode()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("own")
    feeds = {"/harborline.xml": atom("harborline"), "/quayside.xml": atom("quayside")}
    with serve({path: Route(body) for path, body in feeds.items()}) as server:
        (root / "feeds").mkdir()
        (root / "feeds" / "companies.toml").write_text(f"""
[[company]]
name = "Harborline"

[[company]]
name = "Quayside"
[[company.sources]]
url = "{server.url('/quayside.xml')}"
name = "Quayside blog"
""")
        # Harborline's blog is added the way a user adds it, checked against the server.
        added = run(root, "source", "add", "Harborline", server.url("/harborline.xml"), "--own")
        assert added.exit_code == 0, added.output
        assert "own = true" in (root / "feeds" / "companies.toml").read_text()
        fetched = run(root, "fetch")
        assert fetched.exit_code == 0, fetched.output
    return root


def test_own_blog_posts_are_the_company_s_developments_and_points(store: Path) -> None:
    developments = json.loads(run(store, "developments", "Harborline", "--json").stdout)
    assert sorted((d["kind"], d["url"].rsplit("/", 1)[-1]) for d in developments) == [
        ("launch", "chat-attachments"), ("launch", "new-inbox"),
    ]
    points = json.loads(run(store, "points", "Harborline", "--json").stdout)["points"]
    assert {p["url"].rsplit("/", 1)[-1] for p in points} >= {"chat-attachments"}


def test_the_same_posts_from_a_source_not_marked_own_give_nothing(store: Path) -> None:
    # 127.0.0.1 says nothing about Quayside, and the posts never name it.
    assert json.loads(run(store, "developments", "Quayside", "--json").stdout) == []


def test_own_is_refused_for_a_news_search(store: Path) -> None:
    result = run(store, "source", "add", "Quayside", "https://news.google.com/rss/search?q=Quayside",
                 "--kind", "search", "--own", "--force")
    assert result.exit_code != 0
    assert "never the company's own" in result.output
    assert "Traceback" not in result.output
    assert "news.google.com" not in (store / "feeds" / "companies.toml").read_text()


def test_own_on_a_news_search_is_refused_before_any_network_work(store: Path) -> None:
    # Nothing listens on this port: a probe would fail first and hide the usage error.
    result = run(store, "source", "add", "Quayside", "http://127.0.0.1:9/rss/search?q=Quayside",
                 "--kind", "search", "--own")
    assert result.exit_code == 2
    assert "never the company's own" in result.output
    assert "--force" not in result.output
    assert "127.0.0.1:9" not in (store / "feeds" / "companies.toml").read_text()
