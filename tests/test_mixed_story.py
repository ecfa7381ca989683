"""A story that carries bad news of a company is never one of its talking points, whatever
else it reports, found by the review: TechCrunch's "Monster Partners With SDJ For 'Monster
Digital' Flash Memory Products" was a Monster point and, from a later sentence, a Monster item
to handle with care at once. Unit test on the ranking; end to end through the CLI on 127.0.0.1."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from tests.feedgen import rss
from tests.test_intel_e2e import fetched_workspace, item, run
from tests.test_relevance import NOW, dev
from tidings.intel.points import care_items, rank_points


def test_a_story_with_bad_news_of_the_company_gives_it_no_point() -> None:
    good = dev("partnership", "Northwind partners with Contoso on routing", story_id="s1")
    bad = replace(good, kind="layoffs", sensitive=True, tone="bad")
    other = dev("launch", "Northwind launches Harbor, a fleet-routing API", story_id="s2")
    assert [p.title for p in rank_points([good, bad, other], [], "Northwind", NOW)] == [other.title]
    assert [c.title for c in care_items([good, bad, other])] == [good.title]
    # bad news of another company in the story does not take the point from this one
    rival_bad = replace(bad, company="contoso", company_name="Contoso")
    ranked = rank_points([good, other], [rival_bad], "Northwind", NOW)
    assert good.title in [p.title for p in ranked]


def test_points_and_draft_leave_out_a_story_with_bad_news(tmp_path: Path) -> None:
    feed = [
        item(1, "Northwind partners with Contoso on warehouse routing",
             "Northwind announced a partnership with Contoso on warehouse routing. Northwind also "
             "laid off 200 employees in its support unit this week.", "nw-contoso"),
        item(2, "Northwind launches Harbor, its fleet-routing API",
             "Northwind today launched Harbor, an API that plans routes for delivery fleets.", "nw-harbor"),
    ]
    root = fetched_workspace(tmp_path, {"/wire.xml": rss(feed)}, lambda url: f"""
[[company]]
name = "Northwind"
[[company.sources]]
url = "{url('/wire.xml')}"
""")
    kinds = {d["kind"] for d in json.loads(run(root, "developments", "Northwind", "--json").stdout)
             if "contoso" in d["url"]}
    assert {"partnership", "layoffs"} <= kinds, kinds
    data = json.loads(run(root, "points", "Northwind", "--json").stdout)
    assert [p["url"].rsplit("/", 1)[-1] for p in data["points"]] == ["nw-harbor"], data["points"]
    assert [c["url"].rsplit("/", 1)[-1] for c in data["handle_with_care"]] == ["nw-contoso"]
    draft = run(root, "draft", "Northwind", "--interviewed", "yesterday")
    assert "Contoso" not in draft.stdout and "laid off" not in draft.stdout
