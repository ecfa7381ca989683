"""A brief shows each competitor's share of voice as one percentage: the "At a glance" figure
and the Competitors table agreed on the count but not the percent (1 of 22 articles read "5%"
in one and "4%" in the other, the second rounded twice). Found by review 22.

Real CLI, real HTTP server on 127.0.0.1, real DuckDB file.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.feedgen import items, rss
from tests.test_competitor_question_variants import northwind_and_globex
from tests.test_intel_e2e import fetched_workspace, run


def _rows(md: str, heading: str) -> dict[str, str]:
    section = md.split(heading, 1)[1].split("\n#", 1)[0]
    return {m.group(1).strip("* "): m.group(2)
            for m in re.finditer(r"^\| ([^|]+) \| \d+ \| (\d+%) \|$", section, re.MULTILINE)}


def test_the_figure_and_the_table_give_one_percent(tmp_path: Path) -> None:
    start = datetime.now(UTC) - timedelta(days=3)
    own = [dict(i, title=f"Northwind opens office {n}", description=f"Northwind opened office {n}.")
           for n, i in enumerate(items(21, "nw", start=start))]
    rival = [dict(i, title="Globex opens an office", description="Globex opened an office.")
             for i in items(1, "gx", host="https://globex.example", start=start)]
    root = fetched_workspace(tmp_path, {"/n.xml": rss(own), "/g.xml": rss(rival)}, northwind_and_globex)
    md = run(root, "brief", "Northwind").stdout
    glance, table = _rows(md, "### Share of voice"), _rows(md, "## Competitors")
    assert glance["Globex"] == table["Globex"] == "5%", (glance, table)
    data = json.loads(run(root, "brief", "Northwind", "--format", "json").stdout)
    assert data["articles"] == 21 and data["competitors"][0]["mentions"] == 1
    assert data["competitors"][0]["share_of_voice"] == round(1 / 22, 4)
