"""The digest and every brief name unhealthy sources in their header, in every format (issue 13,
point 2): "no news" is never confused with "no data". Real CLI, local server, DuckDB file."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from tests.feedgen import rss
from tests.httpserver import Route
from tests.test_intel_e2e import item, run
from tests.workspaces import fetched_workspace

NEWS = [item(1, "Northwind launches Harbor, its fleet-routing API",
             "Northwind today launched Harbor, an API that plans routes for fleets.", "harbor")]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("health")
    routes = {
        "/nw.xml": Route(rss(NEWS)),
        "/nw-blog.xml": Route(b"oops", status=500),
        "/contoso.xml": Route(b"", status=410),
        "/contoso-old.xml": Route(rss([item(2, "Contoso news", "Contoso said.", "c1")])),
    }
    fetched_workspace(root, """
[[company]]
name = "Northwind"
competitors = ["Contoso"]
[[company.sources]]
url = "@/nw.xml"
name = "Northwind newsroom"
[[company.sources]]
url = "@/nw-blog.xml"
name = "Northwind blog"

[[company]]
name = "Contoso"
role = "competitor"
[[company.sources]]
url = "@/contoso.xml"
name = "Contoso press"
[[company.sources]]
url = "@/contoso-old.xml"
name = "Contoso archive"
""", routes, exit_code=1)
    con = duckdb.connect(str(root / "t.duckdb"))
    try:  # the archive last worked five days ago: stale
        con.execute("UPDATE sources SET last_success_at = now() - INTERVAL 5 DAY WHERE url LIKE '%old.xml'")
    finally:
        con.close()
    return root


EXPECTED = {"Northwind blog": "failing", "Contoso press": "gone", "Contoso archive": "stale"}


def _named(warnings: list[str] | str) -> dict[str, bool]:
    text = " ".join(warnings) if isinstance(warnings, list) else warnings
    return {name: name in text for name in EXPECTED}


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_digest_names_every_unhealthy_source(store: Path, fmt: str) -> None:
    result = run(store, "digest", "--format", fmt, "--since", "all")
    assert result.exit_code == 0, result.stderr
    if fmt == "json":
        warnings = json.loads(result.stdout)["warnings"]
        assert _named(warnings) == dict.fromkeys(EXPECTED, True)
        assert any("failed: " in w and "500" in w for w in warnings)  # "failed: NAME (URL): reason"
        assert any("gone" in w for w in warnings) and any("stale" in w for w in warnings)
        assert not any("Northwind newsroom" in w for w in warnings)  # the healthy one is fine
        return
    # in the header: before the first section (follow-ups)
    head = result.stdout.split("## Follow-ups" if fmt == "md" else '<h2 id="follow-ups"')[0]
    assert _named(head) == dict.fromkeys(EXPECTED, True), head
    assert "Warning" in head


@pytest.mark.parametrize("fmt", ["md", "html", "json", "text"])
def test_briefs_name_their_own_and_their_competitors_unhealthy_sources(store: Path, fmt: str) -> None:
    result = run(store, "brief", "Northwind", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    if fmt == "json":
        warnings = json.loads(result.stdout)["warnings"]
        assert _named(warnings) == dict.fromkeys(EXPECTED, True), warnings
        return
    head = result.stdout[: result.stdout.find("Talking points")]
    assert _named(head) == dict.fromkeys(EXPECTED, True), head


def test_a_competitor_brief_names_only_what_concerns_it(store: Path) -> None:
    warnings = json.loads(run(store, "brief", "Contoso", "--format", "json").stdout)["warnings"]
    # Contoso's own two, and Northwind's failing blog (Northwind names Contoso as its rival).
    assert _named(warnings) == dict.fromkeys(EXPECTED, True)
