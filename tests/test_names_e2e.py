"""Common-word company names end to end: feeds on a local server, the real CLI, a real DuckDB file.

"Linear" is tracked with no context words, ticker or domain, and its news comes through a
general outlet's feed: its funding round and an acquisition are found from what the text shows,
its share of voice is above 0, and a how-to about "a linear plan" does not count. "Notion",
also bare, has its own feed whose posts only ever open a sentence with the name: `source
list`, `brief` and `points` say in one line that the name could not be confirmed, with the fix.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.feedgen import rss
from tests.test_intel_e2e import fetched_workspace, item, run

WIRE = "https://wire.example"
INDUSTRY = [
    item(2, "Linear raises $35 million in Series B funding",
         "Linear, which makes issue-tracking software for engineering teams, has raised $35 million "
         "in a Series B round led by Example Ventures.", "linear-series-b", WIRE),
    item(4, "Pinpoint acquired by Linear",
         "Pinpoint, a bug-reporting startup, was acquired by Linear for an undisclosed sum, the "
         "companies said on Tuesday.", "pinpoint-linear", WIRE),
    item(3, "How to write a linear plan for your week",
         "Start with a linear plan: list your tasks in order and block out time for each one. "
         "Linear thinking helps when the week is busy.", "linear-plan", WIRE),
    item(5, "Atlassian launches a new planning tool for Jira",
         "Atlassian launched a planning tool that helps Jira teams map out quarters.",
         "atlassian-planning", WIRE),
]
NOTION_HOST = "https://ideas.example"
NOTION = [
    item(1, "Notion of the week: slow mornings", "Notion of the week: try slow mornings.",
         "n1", NOTION_HOST),
    item(2, "Notion of the week: walking meetings", "Notion of the week: walk while you talk.",
         "n2", NOTION_HOST),
    item(3, "Notion of the week: fewer tabs", "Notion of the week: close what you do not use.",
         "n3", NOTION_HOST),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("names")
    fetched_workspace(root, {"/industry.xml": rss(INDUSTRY), "/notion.xml": rss(NOTION)}, lambda url: f"""
[[company]]
name = "Linear"
competitors = ["Atlassian"]

[[company]]
name = "Atlassian"
role = "competitor"
[[company.sources]]
url = "{url('/industry.xml')}"
name = "Industry wire"

[[company]]
name = "Notion"
[[company.sources]]
url = "{url('/notion.xml')}"
name = "Notion ideas"
""")
    return root


def test_bare_common_word_name_finds_funding_and_acquisition(store: Path) -> None:
    mentions = json.loads(run(store, "mentions", "Linear", "--json").stdout)
    titles = {m["title"] for m in mentions}
    assert titles == {"Linear raises $35 million in Series B funding", "Pinpoint acquired by Linear"}
    developments = json.loads(run(store, "developments", "Linear", "--json").stdout)
    kinds = {d["kind"] for d in developments}
    assert {"funding", "acquisition"} <= kinds
    funding = next(d for d in developments if d["kind"] == "funding")
    assert funding["round"] == "Series B"


def test_share_of_voice_above_zero(store: Path) -> None:
    rows = json.loads(run(store, "mentions", "Linear", "--competitors", "--json").stdout)
    share = {r["company"]: r["share_of_voice"] for r in rows}
    assert share["linear"] > 0
    assert share["atlassian"] > 0


def test_linear_plan_does_not_count(store: Path) -> None:
    mentions = json.loads(run(store, "mentions", "Linear", "--json").stdout)
    assert all("plan" not in m["title"] for m in mentions)
    points = json.loads(run(store, "points", "Linear", "--json").stdout)
    assert points["points"]
    assert all("linear plan" not in p["title"].lower() for p in points["points"])
    assert points["warnings"] == []  # Linear has no sources of its own to be unconfirmed in


def test_unconfirmed_name_is_reported_with_the_fix(store: Path) -> None:
    listing = run(store, "source", "list")
    assert listing.exit_code == 0
    hint = 'tidings company edit "Notion" --context WORD'
    lines = [line for line in listing.stderr.splitlines() if "Notion" in line and hint in line]
    assert len(lines) == 1 and "3 of 3" in lines[0]
    as_json = run(store, "source", "list", "--json")
    assert isinstance(json.loads(as_json.stdout), list) and hint in as_json.stderr
    points = run(store, "points", "Notion")
    assert hint in points.stderr
    assert any(hint in w for w in json.loads(run(store, "points", "Notion", "--json").stdout)["warnings"])
    brief = json.loads(run(store, "brief", "Notion", "--format", "json").stdout)
    assert any(hint in w for w in brief["warnings"])
    # A company whose name is distinctive or confirmed is never flagged.
    assert "Atlassian" not in " ".join(line for line in listing.stderr.splitlines() if hint in line)


def test_the_fix_clears_the_warning(store: Path) -> None:
    """Adding a context word (what the hint says) and reanalysing confirms the name."""
    config = store / "feeds" / "companies.toml"
    original = config.read_text()
    try:
        config.write_text(original.replace('name = "Notion"', 'name = "Notion"\ncontext = ["of the week"]'))
        assert run(store, "reanalyze").exit_code == 0
        listing = run(store, "source", "list")
        assert "tidings company edit" not in listing.stderr
        assert len(json.loads(run(store, "mentions", "Notion", "--json").stdout)) == 3
    finally:
        config.write_text(original)
        run(store, "reanalyze")


TRAVEL = "https://travel.example"
DELTA = [
    item(1, "Delta Air Lines adds a daily route to Lisbon",
         "Delta Air Lines will fly daily to Lisbon from next spring, the airline said.", "d1", TRAVEL),
    item(2, "Delta Air Lines Opens New Lounge in Boston",
         "Delta Air Lines opened a lounge at Boston Logan on Monday.", "d2", TRAVEL),
    item(3, "What Delta Air Lines Flyers Should Know About Bags",
         "Travellers on Delta Air Lines can check two bags on long-haul flights.", "d3", TRAVEL),
]


def test_the_longer_name_most_articles_use_is_learned_and_needs_no_alias(tmp_path: Path) -> None:
    """Most of Delta's articles call it "Delta Air Lines": fetch learns that longer name from
    the store (analysis/namelearn.py), so its articles count without an alias; `source list`
    and `points` say so, with the fix if that is another company (the unconfirmed-name hint
    offers the alias when the learning has not seen the articles: tests/test_namecheck.py)."""
    root = fetched_workspace(tmp_path, {"/travel.xml": rss(DELTA)}, lambda url: f"""
[[company]]
name = "Delta"
[[company.sources]]
url = "{url('/travel.xml')}"
name = "Travel wire"
""")
    assert len(json.loads(run(root, "mentions", "Delta", "--json").stdout)) == 3
    # What is counted is said where the user looks, with the way out if it is another company.
    fix = 'tidings company edit "Delta" --exclude "Delta Air Lines"'
    lines = [line for line in run(root, "source", "list").stderr.splitlines() if fix in line]
    assert len(lines) == 1 and 'also counted as "Delta Air Lines"' in lines[0]
    assert "--alias" not in lines[0]  # no unconfirmed-name hint: the articles are confirmed
    assert any(fix in w for w in json.loads(run(root, "points", "Delta", "--json").stdout)["warnings"])
    # The user who means another Delta says so: the learned name stops counting, the line goes.
    assert run(root, "company", "edit", "Delta", "--exclude", "Delta Air Lines").exit_code == 0
    assert run(root, "reanalyze").exit_code == 0
    assert json.loads(run(root, "mentions", "Delta", "--json").stdout) == []
    assert "tidings company edit" not in run(root, "source", "list").stderr


AIRWIRE = "https://air.example"
DELTA_NEWS = [
    item(1, "Delta raises its profit outlook as summer travel holds up ($DAL)",
         "Delta raised its profit outlook on Thursday; chief executive Ed Bastian said bookings stayed "
         "strong.", "dal-outlook", AIRWIRE),
    item(2, "Delta to hire 1,000 pilots this year ($DAL)",
         "Delta plans to hire 1,000 pilots, Ed Bastian told staff in a memo.", "dal-pilots", AIRWIRE),
    item(3, "Shares of Delta climb after upbeat guidance ($DAL)",
         "Shares of Delta rose 4% after Ed Bastian reaffirmed the full-year guidance.", "dal-shares",
         AIRWIRE),
    item(4, "$DAL: Delta Air Lines orders 20 more jets",
         "Delta Air Lines Inc ordered 20 more single-aisle jets.", "dal-jets", AIRWIRE),
    item(5, "Delta Apparel cuts its sales outlook",
         "Delta Apparel expects weaker sales of T-shirts this winter.", "dla-outlook", AIRWIRE),
    item(6, "Boeing delivers fewer jets in May",
         "Boeing delivered fewer jets in May than a year ago.", "ba-may", AIRWIRE),
]


def test_context_learned_from_the_store_confirms_the_longer_name(tmp_path: Path) -> None:
    """Delta tracked bare: three posts confirm it by a cue and carry "$DAL" and "Bastian", so
    the fetch learns those words and "$DAL: Delta Air Lines orders ..." (a hit the next capital
    makes unsure) counts too; "Delta Apparel", which has none of them, does not."""
    root = fetched_workspace(tmp_path, {"/air.xml": rss(DELTA_NEWS)}, lambda url: f"""
[[company]]
name = "Delta"
competitors = ["Boeing"]

[[company]]
name = "Boeing"
role = "competitor"
[[company.sources]]
url = "{url('/air.xml')}"
name = "Air wire"
""")
    titles = {m["title"] for m in json.loads(run(root, "mentions", "Delta", "--json").stdout)}
    assert "$DAL: Delta Air Lines orders 20 more jets" in titles
    assert "Delta Apparel cuts its sales outlook" not in titles
    assert len(titles) == 4
    # Analysing the whole store again learns the same words and finds the same articles.
    assert run(root, "reanalyze").exit_code == 0
    again = {m["title"] for m in json.loads(run(root, "mentions", "Delta", "--json").stdout)}
    assert again == titles


WORDS_WIRE = "https://tech-wire.example"
WORD_NAME_POSTS = [
    item(1, "Zoom reports record revenue",
         "Zoom said quarterly revenue rose 12% as more companies bought its phone service.",
         "zoom-revenue", WORDS_WIRE),
    item(2, "How to read a price chart",
         "Traders zoom in on the chart before the open, then zoom out to see the trend.",
         "chart-howto", WORDS_WIRE),
    item(3, "Zoom in on the details",
         "Zoom in on the details of each quarter before you compare two companies.",
         "details", WORDS_WIRE),
]


def word_name_workspace(tmp_path: Path, name: str) -> None:
    fetched_workspace(tmp_path, {"/wire.xml": rss(WORD_NAME_POSTS)}, lambda url: f"""
[[company]]
name = "{name}"

[[company]]
name = "Tech wire"
role = "competitor"
[[company.sources]]
url = "{url('/wire.xml')}"
name = "Tech wire"
""")


def test_a_name_english_has_as_a_word_counts_only_as_the_company(tmp_path: Path) -> None:
    """'Zoom' is not on the common-words list but is an English word: "zoom in on" prose does
    not count for a tracked Zoom, "Zoom reports record revenue" does."""
    word_name_workspace(tmp_path, "Zoom")
    assert (tmp_path / "t.duckdb").stat().st_size > 0
    mentions = json.loads(run(tmp_path, "mentions", "Zoom", "--json").stdout)
    assert {m["title"] for m in mentions} == {"Zoom reports record revenue"}


def test_a_word_name_typed_in_lower_case_still_counts_the_company(tmp_path: Path) -> None:
    """`tidings company add zoom` (lower case) says nothing of the name's case: the company's
    own headline counts as it did before word names needed their case."""
    word_name_workspace(tmp_path, "zoom")
    mentions = json.loads(run(tmp_path, "mentions", "zoom", "--json").stdout)
    assert "Zoom reports record revenue" in {m["title"] for m in mentions}
