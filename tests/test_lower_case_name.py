"""A name the company writes with a capital ("Intel"), found only in lower case, needs a cue or
the company confirmed around it, as a common-word name does: "set disassembly-flavor intel" in
a debugging post is no mention of Intel, while "intel's new chip" and "Intel ships ... the intel
syntax" still are."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from tests.feedgen import rss
from tests.test_intel_e2e import fetched_workspace, run
from tidings.analysis.mentions import MentionMatcher
from tidings.models import Company

INTEL = Company("intel", "Intel")


@pytest.mark.parametrize(("text", "found"), [
    ("In gdb, type set disassembly-flavor intel and step.", False),
    ("The rule goes in /etc/udev/rules.d/99-intel-render.rules on the host.", False),
    ("intel's new chip beat expectations.", True),  # a cue: the possessive
    ("intel reported earnings on Tuesday.", True),  # a cue: a reporting verb
    ("Intel shipped a new chip. The docs use the intel syntax.", True),  # confirmed by the capital
    ("The Intel syntax is the default.", True),
])
def test_lower_case_needs_a_cue_or_the_company(text: str, found: bool) -> None:
    matcher = MentionMatcher([INTEL])
    assert bool(matcher.find("", text)) is found
    # Its own feed does not change that: a lower-case word proves no more there.
    assert bool(matcher.find("", text, source_company="intel")) is found


def test_a_lower_case_domain_or_name_typed_in_lower_case_still_counts() -> None:
    assert MentionMatcher([Company("intel", "Intel", domains=("intel.com",))]).find(
        "", "See intel.com for the datasheet.")
    # A name configured in lower case says nothing of case: any case counts, as before.
    assert MentionMatcher([Company("zyxel", "zyxel")]).find("", "the zyxel router")


NOW = datetime.now(UTC)


def _item(days: int, title: str, text: str, url: str) -> dict[str, str]:
    return {"title": title, "link": url, "guid": url, "description": text,
            "pubDate": format_datetime(NOW - timedelta(days=days))}


def test_mentions_end_to_end(tmp_path: Path) -> None:
    blog = [
        _item(2, "Reading a vtable in gdb", "First, (gdb) set disassembly-flavor intel, then x/i $pc.",
              "https://blog.example/gdb"),
        _item(1, "A new chip", "Intel shipped a new chip this week.", "https://blog.example/chip"),
    ]
    root = fetched_workspace(tmp_path, {"/blog.xml": rss(blog)}, lambda url: f"""
[[company]]
name = "Intel"
[[company.sources]]
url = "{url('/blog.xml')}"
name = "A blog"
""")
    result = run(root, "mentions", "Intel", "--since", "all", "--json")
    assert result.exit_code == 0, result.stderr
    urls = {a["url"] for a in json.loads(result.stdout)}
    assert urls == {"https://blog.example/chip"}
