"""End to end: a development told only deep in an article's body prose (background, history)
is not a development of that article, through a real fetch from 127.0.0.1 into a real DuckDB
file; the same company's headline development still becomes a talking point."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from tests.test_intel_e2e import fetched_workspace, run
from tidings.analysis.events import BODY_CHARS

NOW = datetime.now(UTC)
# Ordinary feature prose, long enough to push the last paragraph past what events read.
FILLER = (
    "The dispatch room is quiet at six in the morning, before the first vans leave the depot. "
    "Drivers collect their tablets, check the weather and trade stories about the week. "
    "Most of the routes are familiar, and the team knows which streets flood after rain. "
) * 4
DEEP = "Back in 2019, Northwind launched Harbor, its first routing API, to a handful of customers."


def entry(slug: str, title: str, summary: str, content: str, days: float) -> str:
    stamp = (NOW - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        f"<entry><title>{escape(title)}</title><id>https://news.example/{slug}</id>"
        f'<link href="https://news.example/{slug}"/><updated>{stamp}</updated>'
        f"<summary>{escape(summary)}</summary>"
        f'<content type="html">{escape(content)}</content></entry>'
    )


def feed(entries: str) -> bytes:
    """An Atom feed of ``entries`` (see :func:`entry`)."""
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Logistics news</title><id>https://news.example/</id>"
        f"<updated>{NOW.strftime('%Y-%m-%dT%H:%M:%SZ')}</updated>{entries}</feed>"
    ).encode()


def northwind_workspace(root: Path, atom_feed: bytes) -> Path:
    """A workspace tracking Northwind with ``atom_feed`` as its one source, fetched from 127.0.0.1."""
    return fetched_workspace(root, {"/news.xml": atom_feed}, lambda url: f"""
[[company]]
name = "Northwind"
[[company.sources]]
url = "{url('/news.xml')}"
name = "Logistics news"
""")


def atom() -> bytes:
    feature = entry(
        "nw-dispatch", "Inside the Northwind depot before dawn",
        "How a delivery day starts at Northwind.",
        f"<p>How a delivery day starts at Northwind.</p><p>{FILLER}</p><p>{DEEP}</p>", 2,
    )
    launch = entry(
        "nw-beacon", "Northwind launches Beacon, a parcel-tracking app",
        "Northwind today launched Beacon, an app that shows customers where their parcel is.",
        "<p>Northwind today launched Beacon, an app that shows customers where their parcel is.</p>", 3,
    )
    return feed(feature + launch)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return northwind_workspace(tmp_path_factory.mktemp("depth"), atom())


def test_the_deep_sentence_really_lies_past_what_events_read(store: Path) -> None:
    body = f"How a delivery day starts at Northwind. {FILLER}{DEEP}"
    assert body.index(DEEP) > BODY_CHARS


def test_body_prose_history_is_no_development_and_no_point(store: Path) -> None:
    developments = json.loads(run(store, "developments", "Northwind", "--json").stdout)
    assert [(d["kind"], d["url"]) for d in developments] == [("launch", "https://news.example/nw-beacon")]
    assert all("Harbor" not in d["evidence"] for d in developments)
    points = json.loads(run(store, "points", "Northwind", "--json").stdout)["points"]
    assert points and {p["url"] for p in points} == {"https://news.example/nw-beacon"}
    # The feature article is still stored and still mentions Northwind: only its development went.
    found = json.loads(run(store, "mentions", "Northwind", "--json").stdout)
    assert "https://news.example/nw-dispatch" in json.dumps(found)


FUNDING = "Northwind raised $120 million in a Series C round led by Northgate Capital."


def test_a_figure_across_the_body_cut_is_read_whole(tmp_path: Path) -> None:
    """The sentence the cut at BODY_CHARS falls in is cut inside its figure: the development
    still says "$120 million" (read up to the cut it said "$12") and quotes the whole sentence."""
    lead = "Northwind has spent the year adding depots and drivers across the north. "
    head = (lead * 12)[: BODY_CHARS - 3 - FUNDING.index("$")].rstrip() + " "
    body = head + FUNDING
    assert body.index("$") < BODY_CHARS < body.index("$") + len("$120 million")
    northwind_workspace(
        tmp_path, feed(entry("nw-series-c", "Northwind: a year of new depots", lead, f"<p>{body}</p>", 1))
    )
    developments = json.loads(run(tmp_path, "developments", "Northwind", "--json").stdout)
    funding = [d for d in developments if d["kind"] == "funding"]
    assert [d["amount"] for d in funding] == ["$120 million"]
    assert funding[0]["evidence"].endswith("Northgate Capital.")
