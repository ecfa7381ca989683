"""End to end (real CLI, an Atom feed on 127.0.0.1, a real DuckDB file): a buying guide whose
body recalls a company's launches gives that company no development and no talking point; a
news item with the same launch words does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_article_depth_e2e import entry, feed
from tests.test_intel_e2e import fetched_workspace, run

GUIDE_LEAD = (
    "Basketly launched its Crate Plan this spring and unveiled the Crate Mini in the autumn. "
    "Both deliver twice a week; the Mini costs half as much and skips the dairy."
)
NEWS_LEAD = (
    "Basketly launched its Crate Plan on Monday, a weekly grocery box for families in Leeds "
    "and Manchester, with deliveries starting next month."
)
ITEMS = [
    ("guide", "Crate Plan vs. Crate Mini: Which one should you buy?", GUIDE_LEAD, f"<p>{GUIDE_LEAD}</p>", 1),
    ("news", "Basketly's new grocery box", NEWS_LEAD, f"<p>{NEWS_LEAD}</p>", 2),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    entries = "".join(entry(*item) for item in ITEMS)
    root = tmp_path_factory.mktemp("buying-guide")
    return fetched_workspace(root, {"/food.xml": feed(entries)}, lambda url: f"""
[[company]]
name = "Basketly"
[[company.sources]]
url = "{url('/food.xml')}"
name = "A food magazine"
""")


def test_a_buying_guide_gives_no_development(store: Path) -> None:
    result = run(store, "developments", "Basketly", "--json")
    assert result.exit_code == 0, result.stderr
    found = {(d["url"].rsplit("/", 1)[-1], d["kind"]) for d in json.loads(result.stdout)}
    assert ("news", "launch") in found
    assert not {k for k in found if k[0] == "guide"}


def test_only_the_launch_is_a_talking_point(store: Path) -> None:
    result = run(store, "points", "Basketly", "--json")
    assert result.exit_code == 0, result.stderr
    urls = {p["url"].rsplit("/", 1)[-1] for p in json.loads(result.stdout)["points"]}
    assert urls == {"news"}
