"""End to end (real CLI, an Atom feed on 127.0.0.1, a real DuckDB file): a blogger's weekly
roundup does not give a company a launch from one line of its list, nor a how-to its host a
launch, nor a buying guide the launches its body recalls, and none becomes a talking point; the
same line in an ordinary news item still does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_article_depth_e2e import entry, feed
from tests.test_intel_e2e import fetched_workspace, run

ROUNDUP_LINES = [
    "As usual, a few things that caught my eye this week.",
    "A cooking school runs a webcast on how to build a shop page",
    "and launch it on Basketly.",
    "My favourite bakery moved to a bigger oven.",
    "A reader sent me a photo of her allotment.",
]
HOWTO_LEAD = (
    "Welcome to Basketly 101! Whether you want to add some new features to your shop's design "
    "or simply make it tidier, Basketly 101 has you covered. First, open the Design tab."
)
GUIDE_LEAD = (
    "Basketly launched its Crate Plan this spring and unveiled the Crate Mini in the autumn. "
    "Both deliver twice a week; the Mini costs half as much and skips the dairy."
)
# an ordinary item whose lead holds the same launch words (a separate story: other words)
NEWS_LEAD = (
    "Whether shop owners want new features for their page designs or a tidier checkout, Basketly "
    "now has them covered. The grocery marketplace showed the update in Leeds on Monday."
)
ITEMS = [
    ("roundup", "Week in Review–Nov 5th, 2017", " ".join(ROUNDUP_LINES),
     "".join(f"<p>{line}</p>" for line in ROUNDUP_LINES), 1),
    ("howto", "Basketly 101: Add a Banner to Your Shop", HOWTO_LEAD, f"<p>{HOWTO_LEAD}</p>", 2),
    ("guide", "Crate Plan vs. Crate Mini: Which one should you buy?", GUIDE_LEAD, f"<p>{GUIDE_LEAD}</p>", 2),
    ("news", "Basketly's spring update", NEWS_LEAD, f"<p>{NEWS_LEAD}</p>", 3),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    entries = "".join(entry(*item) for item in ITEMS)
    root = tmp_path_factory.mktemp("article-form")
    return fetched_workspace(root, {"/blog.xml": feed(entries)}, lambda url: f"""
[[company]]
name = "Basketly"
[[company.sources]]
url = "{url('/blog.xml')}"
name = "A grocery blog"
""")


def developments(store: Path) -> set[tuple[str, str]]:
    result = run(store, "developments", "Basketly", "--json")
    assert result.exit_code == 0, result.stderr
    return {(d["url"].rsplit("/", 1)[-1], d["kind"]) for d in json.loads(result.stdout)}


def test_a_roundup_line_a_how_to_and_a_buying_guide_give_no_development(store: Path) -> None:
    found = developments(store)
    assert not {k for k in found if k[0] in ("roundup", "howto", "guide")}
    assert ("news", "launch") in found  # the same launch words in a news item


def test_none_is_a_talking_point(store: Path) -> None:
    result = run(store, "points", "Basketly", "--json")
    assert result.exit_code == 0, result.stderr
    urls = {p["url"].rsplit("/", 1)[-1] for p in json.loads(result.stdout)["points"]}
    assert "news" in urls
    assert not urls & {"roundup", "howto", "guide"}
