"""A malformed feed's note counts what was recovered in words a reader expects: "recovered 1
entry" (the review saw "recovered 1 entries" in fetch and source list)."""

from __future__ import annotations

from pathlib import Path

from tests.httpserver import Route, serve
from tests.test_intel_e2e import run

BROKEN = (b"<?xml version='1.0'?><rss><channel><item><title>Northwind opens an office &bogus;</title>"
          b"<link>https://n.example/office</link></item>")


def test_one_recovered_entry_is_one_entry(tmp_path: Path) -> None:
    with serve({"/broken.xml": Route(BROKEN)}) as server:
        (tmp_path / "feeds").mkdir()
        (tmp_path / "feeds" / "c.toml").write_text(
            f'[[company]]\nname = "Northwind"\n[[company.sources]]\nurl = "{server.url("/broken.xml")}"\n'
        )
        fetched = run(tmp_path, "fetch")
    assert fetched.exit_code == 0, fetched.output
    assert "malformed feed, recovered 1 entry:" in fetched.stderr, fetched.stderr
    listed = run(tmp_path, "source", "list")
    assert "recovered 1 entry:" in listed.output and "1 entries" not in listed.output, listed.output
