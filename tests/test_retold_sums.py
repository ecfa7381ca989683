"""A headline drops the article before a sum ("raises $40 million Series C"); a point or a draft
that retells it as a sentence says "raised a $40 million Series C" (the demo showed it without)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.feedgen import rss
from tests.test_intel_e2e import fetched_workspace, item, run
from tidings.text import retold


@pytest.mark.parametrize(
    ("title", "told"),
    [
        ("Acme raises $40 million Series C to expand in Europe", "raised a $40 million Series C to expand"),
        ("Acme Raises $8 Million Series A Round from Example", "raised an $8 Million Series A Round"),
        ("Acme raises $11M seed round", "raised an $11M seed round"),
        ("Acme raises $110M seed round", "raised a $110M seed round"),
        ("Acme wins $699 mln contract from U.S. Army", "won a $699 mln contract"),
        ("Acme closes US$153 Million Public Offering of Common Stock", "closed a US$153 Million Public"),
        ("Acme posts $10 bln trade gap in June", "posted a $10 bln trade gap"),
        ("Acme raises $40M Series C, doubling its valuation", "raised a $40M Series C,"),
        # no noun after the sum, or a mass or plural noun: no article
        ("Acme raises $20M to expand", "raised $20M to expand"),
        ("Acme raises $25M ahead of its opening", "raised $25M ahead"),
        ("Acme raises $5M in seed funding", "raised $5M in seed funding"),
        ("Acme raises €3 Million Seed Funding to grow", "raised €3 Million Seed Funding"),
        ("Acme reports $644M quarterly revenues", "reported $644M quarterly revenues"),
        ("Acme raises $1.8 billion", "raised $1.8 billion"),
        ("Acme raises a $40M Series C", "raised a $40M Series C"),
        ("Acme launches Harbor, an API", "launched Harbor, an API"),
    ],
)
def test_a_retold_sum_gets_its_article(title: str, told: str) -> None:
    clause = retold(title, "Acme")
    assert clause is not None and clause.startswith(told), clause


def test_points_and_draft_say_a_series_c(tmp_path: Path) -> None:
    feed = rss([item(3, "Northwind raises $40 million Series C to scale Harbor",
                     "Northwind raised $40 million in a Series C round led by Example Capital.", "nw-c")])
    root = fetched_workspace(tmp_path, {"/nw.xml": feed}, lambda url: f"""
[[company]]
name = "Northwind"
[[company.sources]]
url = "{url('/nw.xml')}"
""")
    points = json.loads(run(root, "points", "Northwind", "--json").stdout)["points"]
    assert any("Northwind raised a $40 million Series C to scale Harbor" in p["text"] for p in points), points
    draft = run(root, "draft", "Northwind")
    assert draft.exit_code == 0, draft.stderr
    assert "Northwind raised a $40 million Series C" in draft.stdout, draft.stdout
    assert "raised $40 million Series C" not in draft.stdout
