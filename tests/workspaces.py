"""A fetched workspace for end-to-end tests: a company file whose source URLs point at a local
server, fetched once by the real CLI into a real DuckDB file (<root>/t.duckdb)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.httpserver import Route, serve
from tests.test_intel_e2e import run


def fetched_workspace(root: Path, config: str, routes: dict[str, Route], exit_code: int = 0) -> Path:
    """Write feeds/companies.toml from `config`, where `@/path` stands for the local server's
    URL of that path, fetch, check the exit code, and return `root`."""
    with serve(routes) as server:
        feeds = root / "feeds"
        feeds.mkdir()
        text = re.sub(r"@(/[\w./-]*)", lambda m: server.url(m.group(1)), config)
        (feeds / "companies.toml").write_text(text, encoding="utf-8")
        result = run(root, "fetch")
        assert result.exit_code == exit_code, result.stderr
    return root
