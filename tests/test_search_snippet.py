"""A search hit's snippet is one line: the review saw a body's paragraph break split it
("...finding solid deals.\\nTo bri…") and break the listing's indentation."""

from __future__ import annotations

import json
from pathlib import Path

from tests.feedgen import rss
from tests.test_intel_e2e import fetched_workspace, item, run

BODY = ("<p>" + "Northwind sells fleet software to warehouses across Europe and beyond. " * 2 + "</p>"
        "<p>The power meter range grows.</p><p>More about the new power meter next week.</p>")


def test_a_snippet_spans_paragraphs_on_one_line(tmp_path: Path) -> None:
    feed = rss([item(2, "Northwind adds a power meter", BODY, "nw-meter")])
    root = fetched_workspace(tmp_path, {"/nw.xml": feed}, lambda url: f"""
[[company]]
name = "Northwind"
[[company.sources]]
url = "{url('/nw.xml')}"
""")
    listed = run(root, "search", '"power meter"', "--since", "all")
    assert listed.exit_code == 0, listed.output
    lines = listed.stdout.splitlines()
    assert len(lines) == 3, lines  # headline, snippet, link
    assert "range grows. More about" in lines[1]
    hits = json.loads(run(root, "search", "power meter", "--since", "all", "--json").stdout)
    assert "\n" not in hits[0]["snippet"]
