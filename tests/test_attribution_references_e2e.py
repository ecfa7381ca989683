"""End to end (real CLI, an Atom feed on 127.0.0.1, a real DuckDB file): "the latter" is the other
party, so the seller's layoffs are neither a development of the buyer nor the reason its
acquisition is handled with care; and "the company" in a guide whose headline names none of the
tracked companies is nobody's, not the company named most."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_article_depth_e2e import entry, feed
from tests.test_intel_e2e import fetched_workspace, run

ITEMS = [
    (
        "nw-basketly", "Northwind to buy grocery app Basketly",
        "Northwind agreed to buy grocery app Basketly, after the latter announced layoffs. "
        "The deal is expected to close in May.", 1,
    ),
    (
        "nw-guide", "Where to find a Harbor 3 blender this winter",
        "The company's Harbor 3 blender launched last week. Northwind and Contoso both list it. "
        "Northwind restocks on Fridays, Northwind says.", 2,
    ),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    entries = "".join(entry(slug, title, body, f"<p>{body}</p>", days) for slug, title, body, days in ITEMS)
    root = tmp_path_factory.mktemp("references")
    return fetched_workspace(root, {"/news.xml": feed(entries)}, lambda url: f"""
[[company]]
name = "Northwind"
[[company.sources]]
url = "{url('/news.xml')}"
name = "Grocery news"

[[company]]
name = "Contoso"
""")


def developments(store: Path, company: str) -> list[dict]:
    result = run(store, "developments", company, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_the_latters_layoffs_are_not_the_buyers(store: Path) -> None:
    kinds = {(d["url"].rsplit("/", 1)[-1], d["kind"]) for d in developments(store, "Northwind")}
    assert ("nw-basketly", "acquisition") in kinds
    assert ("nw-basketly", "layoffs") not in kinds


def test_the_acquisition_is_a_talking_point(store: Path) -> None:
    points = json.loads(run(store, "points", "Northwind", "--json").stdout)["points"]
    assert "nw-basketly" in {p["url"].rsplit("/", 1)[-1] for p in points}


def test_the_company_in_a_guide_naming_several_is_nobody(store: Path) -> None:
    for company in ("Northwind", "Contoso"):
        assert not [d for d in developments(store, company) if d["url"].endswith("nw-guide")]
