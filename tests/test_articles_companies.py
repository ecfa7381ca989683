"""`articles --json` names every tracked company an article mentions, and `--company` lists the
articles from that company's sources or mentioning it (issue 13, point 12). Real CLI, local
server, real DuckDB file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.feedgen import rss
from tests.httpserver import Route
from tests.test_intel_e2e import item, run
from tests.workspaces import fetched_workspace

NORTHWIND = [
    item(1, "Northwind launches Harbor, taking on Contoso",
         "Northwind launched Harbor, a routing API that competes with Contoso's planner.", "harbor"),
    item(2, "Our spring meetup", "Join the team for coffee next week.", "meetup"),
]
WIRE = [
    item(1, "Fabrikam partners with Northwind on electric vans",
         "Fabrikam and Northwind will route electric delivery vans together.", "wire-vans",
         host="https://wire.example"),
    item(3, "City council approves the new bridge",
         "The council approved the bridge after a long debate.", "wire-bridge", host="https://wire.example"),
]
CONTOSO = [
    item(2, "Contoso opens a Berlin office", "Contoso opened an office in Berlin.", "berlin",
         host="https://contoso.example"),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("articles")
    routes = {"/nw.xml": Route(rss(NORTHWIND)), "/wire.xml": Route(rss(WIRE)), "/c.xml": Route(rss(CONTOSO))}
    fetched_workspace(root, """
[[company]]
name = "Northwind"
domains = ["news.example"]
competitors = ["Contoso"]
[[company.sources]]
url = "@/nw.xml"

[[company]]
name = "Contoso"
role = "competitor"
[[company.sources]]
url = "@/c.xml"

[[company]]
name = "Fabrikam"
role = "competitor"
[[company.sources]]
url = "@/wire.xml"
""", routes)
    return root


def listed(root: Path, *args: str) -> dict[str, dict]:
    result = run(root, "articles", "--json", *args)
    assert result.exit_code == 0, result.stderr
    return {a["title"]: a for a in json.loads(result.stdout)}


def test_companies_beside_company(store: Path) -> None:
    rows = listed(store)
    harbor = rows["Northwind launches Harbor, taking on Contoso"]
    assert harbor["company"] == "northwind"
    assert sorted(harbor["companies"]) == ["contoso", "northwind"]
    vans = rows["Fabrikam partners with Northwind on electric vans"]
    assert vans["company"] == "fabrikam" and sorted(vans["companies"]) == ["fabrikam", "northwind"]
    assert rows["City council approves the new bridge"]["companies"] == []
    # A company's own newsroom post counts as its mention even without its name.
    assert rows["Our spring meetup"]["companies"] == ["northwind"]


def test_company_filter_takes_its_sources_and_its_mentions(store: Path) -> None:
    assert set(listed(store, "--company", "Northwind")) == {
        "Northwind launches Harbor, taking on Contoso",
        "Our spring meetup",
        "Fabrikam partners with Northwind on electric vans",  # another source, mentioning it
    }
    assert set(listed(store, "--company", "Contoso")) == {
        "Contoso opens a Berlin office",
        "Northwind launches Harbor, taking on Contoso",
    }
    text = run(store, "articles", "--company", "Contoso")
    assert "Contoso opens a Berlin office" in text.stdout and "Harbor" in text.stdout


def test_a_company_no_longer_tracked_is_not_named(store: Path, tmp_path: Path) -> None:
    feeds = tmp_path / "feeds"
    feeds.mkdir()
    config = (store / "feeds" / "companies.toml").read_text(encoding="utf-8")
    kept = config.split("[[company]]\nname = \"Contoso\"")[0].replace('competitors = ["Contoso"]\n', "")
    (feeds / "companies.toml").write_text(kept, encoding="utf-8")
    result = run(store, "--feeds", str(feeds), "articles", "--json")
    rows = {a["title"]: a for a in json.loads(result.stdout)}
    assert rows["Northwind launches Harbor, taking on Contoso"]["companies"] == ["northwind"]
