"""How a point retells its headline and date, found by the review on the corpus's real feeds:
"IPhone 8 Plus vs. iPhone X" (Macworld's "iPhone ..." with its first letter raised), and
"On 2 Nov, Google launched ..." for a 2011 story read in 2026 (no year)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.test_intel_e2e import fetched_workspace, run
from tests.test_relevance import NOW, dev, post
from tidings.intel.points import make_point, make_post_point
from tidings.intel.relevance import NO_MATCH

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "feeds"


@pytest.mark.parametrize(
    ("title", "start"),
    [
        ("iPhone 8 Plus vs. iPhone X: Which one should you buy?", "iPhone 8 Plus vs."),
        ("eBay opens a store in Lisbon", "eBay opens"),
        ("iOS 11.2: Beta 5 is now available", "iOS 11.2"),
        ("macOS High Sierra gets a fix", "macOS High"),
        # a plain lower-case first word still opens the sentence with a capital
        ("new release of Cloud Storage Connector", "New release"),
    ],
)
def test_a_retold_headline_keeps_a_name_s_inner_capitals(title: str, start: str) -> None:
    point = make_point(dev(title=title), "Northwind", NOW, competitor=False, background=False)
    assert point.text.startswith(start), point.text
    own = make_post_point(post(title, "Text."), NOW, NO_MATCH, role=None, role_stems=frozenset())
    assert own.text.startswith(start), own.text


def test_a_point_from_another_year_says_its_year() -> None:
    this_year = make_point(dev(), "Northwind", NOW, competitor=False, background=False)
    assert this_year.text.startswith("On 18 Nov, Northwind launched Harbor"), this_year.text
    old = make_point(dev(published=datetime(2011, 11, 2, 16, tzinfo=UTC)), "Northwind", NOW,
                     competitor=False, background=False)
    assert old.text.startswith("On 2 Nov 2011, Northwind launched Harbor"), old.text
    last_year = make_point(dev(title="Northwind unveils Quay, a dock scheduler",
                               published=datetime(2025, 12, 30, tzinfo=UTC)),
                           "Northwind", NOW + timedelta(days=50), competitor=False, background=False)
    assert "On 30 Dec 2025, Northwind unveiled Quay" in last_year.text, last_year.text
    seen = make_point(dev(published=datetime(2024, 3, 1, tzinfo=UTC), published_is_estimate=True),
                      "Northwind", NOW, competitor=False, background=False)
    assert "(first seen 1 Mar 2024, Newsroom)" in seen.text, seen.text


@pytest.mark.skipif(not (CORPUS / "feedjira-sample-feeds").is_dir(), reason="shared corpus absent")
def test_points_of_real_old_feeds_read_right(tmp_path: Path) -> None:
    feeds = {
        "/tc.xml": (CORPUS / "feedjira-sample-feeds" / "TechCrunch.xml").read_bytes(),
        "/macworld.xml": (CORPUS / "netnewswire-rsparser-resources" / "macworld.rss").read_bytes(),
    }
    root = fetched_workspace(tmp_path, feeds, lambda url: f"""
[[company]]
name = "Google"
[[company.sources]]
url = "{url('/tc.xml')}"
name = "TechCrunch"

[[company]]
name = "Apple"
[[company.sources]]
url = "{url('/macworld.xml')}"
name = "Macworld"
""")
    google = json.loads(run(root, "points", "Google", "--since", "all", "--limit", "50", "--json").stdout)
    texts = [p["text"] for p in google["points"]]
    assert any(t.startswith("On 2 Nov 2011, Google launched") for t in texts), texts
    apple = run(root, "points", "Apple", "--since", "all", "--limit", "50").stdout
    # "iPhone 8 Plus vs. iPhone X: Which one should you buy?" is a buying guide, no launch
    # (analysis/articleform.py); the inner capital is kept by the unit test above.
    assert "1. " in apple and "IPhone" not in apple and "vs. iPhone X" not in apple, apple
