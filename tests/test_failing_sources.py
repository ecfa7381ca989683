"""A failing source stays visible in every run until it works or is removed (issue 13, point 1).

Real CLI, real HTTP server on 127.0.0.1, real DuckDB file.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.feedgen import items, rss
from tests.httpserver import Route, serve
from tests.test_fetch_e2e import Workspace, write_config

NEXT_TRY = re.compile(r"next try (\d{2}:\d{2}|\d{4}-\d{2}-\d{2} \d{2}:\d{2}) UTC")


def test_failing_source_is_reported_by_every_run_until_it_succeeds(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    routes = {"/ok.xml": Route(rss(items(2, "fine"))), "/broken.xml": Route(b"oops", status=500)}
    with serve(routes) as server:
        write_config(ws.feeds, {"Fine": [server.url("/ok.xml")], "Broken": [server.url("/broken.xml")]})
        first = ws.run("fetch", "--quiet")
        assert first.exit_code == 1
        [line] = first.stderr.splitlines()
        assert line.startswith("failed: ") and "broken.xml" in line and "500" in line
        assert NEXT_TRY.search(line), line

        # The next run does not try it (backoff), but says so: quiet still prints it, exit 1.
        second = ws.run("fetch", "--quiet")
        assert second.exit_code == 1
        [line] = second.stderr.splitlines()
        assert line.startswith("failing: ") and "broken.xml" in line and "500" in line
        assert NEXT_TRY.search(line), line
        assert len(server.requests_for("/broken.xml")) == 1

        loud = ws.run("fetch")
        assert loud.exit_code == 1
        summary = loud.stderr.strip().splitlines()[-1]
        assert "1 failing, next try" in summary and "deferred" not in summary, summary
        assert NEXT_TRY.search(summary)

        listing = ws.run("source", "list")
        broken = [line for line in listing.stdout.splitlines() if "broken.xml" in line or "500" in line]
        assert broken[0].startswith("FAIL")
        assert "next try" in broken[1]

        # Repaired: a forced fetch tries it now; after that success, runs are clean again.
        server.routes["/broken.xml"] = Route(rss(items(1, "back")))
        forced = ws.run("fetch", "--quiet", "--force")
        assert forced.exit_code == 0, forced.stderr
        assert forced.stderr == ""
        after = ws.run("fetch")
        assert after.exit_code == 0
        assert "0 failed" in after.stderr and "failing" not in after.stderr
    runs = ws.query("SELECT errors FROM fetch_runs ORDER BY id")
    assert "broken.xml" in runs[1][0] and "broken.xml" not in runs[-1][0]


def test_removed_failing_source_is_no_longer_reported(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    routes = {"/ok.xml": Route(rss(items(2, "fine")))}
    with serve(routes) as server:
        missing = server.url("/missing.xml")
        write_config(ws.feeds, {"Fine": [server.url("/ok.xml")], "Broken": [missing]})
        assert ws.run("fetch", "--quiet").exit_code == 1
        assert ws.run("fetch", "--quiet").exit_code == 1
        assert ws.run("source", "remove", missing).exit_code == 0
        result = ws.run("fetch", "--quiet")
    assert result.exit_code == 0
    assert result.stderr == ""


def test_points_and_draft_name_a_failing_source_of_the_company(tmp_path: Path) -> None:
    # Found by the review: the digest and briefs named a failing source, but `points` and
    # `draft`, where the follow-up is written, said only "Nothing recent" with exit 0.
    import json

    ws = Workspace(tmp_path)
    routes = {"/ok.xml": Route(rss(items(2, "fine"))), "/broken.xml": Route(b"oops", status=500)}
    with serve(routes) as server:
        write_config(ws.feeds, {"Fine": [server.url("/ok.xml")],
                                "Broken": [server.url("/broken.xml")]})
        assert ws.run("fetch", "--quiet").exit_code == 1
    points = ws.run("points", "Broken")
    assert points.exit_code == 0
    [line] = [x for x in points.stderr.splitlines() if x.startswith("warning:")]
    assert line.startswith("warning: failed: ") and "broken.xml" in line and "500" in line, points.stderr
    data = json.loads(ws.run("points", "Broken", "--json").stdout)
    assert any("broken.xml" in w and "500" in w for w in data["warnings"]), data
    draft = ws.run("draft", "Broken")
    assert draft.exit_code == 0
    assert "warning: failed: " in draft.stderr and "failed: " not in draft.stdout
    # a company whose sources are healthy gets no such line
    fine = ws.run("points", "Fine")
    assert "warning" not in fine.stderr, fine.stderr
    assert json.loads(ws.run("points", "Fine", "--json").stdout)["warnings"] == []
