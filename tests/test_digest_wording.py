"""The digest counts in words that agree with the number ("1 new article", not "1 new articles"),
found by the review; real CLI, a feed on 127.0.0.1, a real DuckDB file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.feedgen import rss
from tests.test_intel_e2e import fetched_workspace, item, run

FEED = [
    item(0.1, "Contoso acquires Fabrikam", "Contoso said on Monday it acquired Fabrikam.", "c-fab"),
    item(0.1, "Northwind launches Harbor, its fleet-routing API",
         "Northwind today launched Harbor, an API that plans routes for fleets.", "nw-harbor"),
    item(0.2, "Northwind opens an office in Lisbon",
         "Northwind opened a new office in Lisbon to serve customers in Europe.", "nw-lisbon"),
]


def northwind_and_contoso(tmp_path: Path) -> Path:
    """Northwind with the wire feed; Contoso, its competitor, with no source."""
    return fetched_workspace(tmp_path, {"/wire.xml": rss(FEED)}, lambda url: f"""
[[company]]
name = "Northwind"
competitors = ["Contoso"]
[[company.sources]]
url = "{url('/wire.xml')}"

[[company]]
name = "Contoso"
role = "competitor"
""")


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_digest_says_1_new_article(tmp_path: Path, fmt: str) -> None:
    root = northwind_and_contoso(tmp_path)
    digest = run(root, "digest", "--format", fmt)
    assert digest.exit_code == 0, digest.stderr
    assert "1 new article since" in digest.stdout, digest.stdout
    assert "2 new articles since" in digest.stdout, digest.stdout
    assert "1 new articles" not in digest.stdout


def test_a_company_without_sources_is_named_once(tmp_path: Path) -> None:
    # found by the review: "Epson: Epson has no sources: ..." in the digest and in briefs
    root = northwind_and_contoso(tmp_path)
    digest = run(root, "digest").stdout
    brief = run(root, "brief", "Northwind").stdout
    for text in (digest, brief):
        assert "Contoso: No sources configured: no news here means no data" in text, text
        assert "Contoso: Contoso" not in text
    own = run(root, "brief", "Contoso").stdout
    assert "Contoso has no sources: no news here means no data" in own, own
