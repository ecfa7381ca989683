"""A capitalised name counts by its capital in prose, not in a table header or a line of code.

Found by review 20: Russ Cox's blog, filed under Canonical, gave Canonical a mention for the
table header "Size Canonical All All, Cumulative Generate Search" of "Minimal Boolean Formulas".
"Canonical" is an English word off the common list, which counts wherever it is capitalised; a
table header capitalises every label, so there it needs what a common word needs, and a source
filed under the company (not its own site) supports a name only in prose.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from tests.feedgen import rss
from tests.httpserver import Route, serve
from tests.test_intel_e2e import run
from tidings.analysis.mentions import MentionMatcher
from tidings.analysis.prose import reads_as_prose
from tidings.models import Company

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "feeds"
HEADER = "Size Canonical All All, Cumulative Generate Search"
PROSE = "I spent the week with the Canonical kernel team in London."


def _prose(line: str) -> bool:
    return reads_as_prose(line, 0, len(line))


def test_prose_against_headers_and_code() -> None:
    assert not _prose(HEADER)
    assert not _prose("| Canonical | Ubuntu | 24.04 |")
    assert not _prose("client = Linear.Client(key)")
    assert not _prose("if err := Canonical(x); err != nil {")
    assert _prose(PROSE)
    assert _prose("on a 2.53 GHz Intel Core 2 Duo E7200.")  # a hard-wrapped prose line
    assert _prose("Canonical released Ubuntu 24.04 (Noble Numbat) on Thursday.")
    assert _prose("Шутка в офисе Apple: новый дизайн")  # prose of any script
    # a ticker in brackets and a footnote marker are prose, not code
    assert _prose("Shares of Tesla(TSLA) rose after the results were out.")
    assert _prose("Google[1] opened an office in the city.")
    assert not _prose("print(Canonical.version())")


def _found(matcher: MentionMatcher, text: str, **kw: object) -> list[str]:
    return [m.company for m in matcher.find("Minimal Boolean Formulas", text, **kw)]  # type: ignore[arg-type]


def test_a_word_name_in_a_table_header_needs_support() -> None:
    matcher = MentionMatcher([Company(name="Canonical", slug="canonical")])
    table = f"To check my work, I ran the program.\n{HEADER}\n0 1 10 10\n1 2 82 92"
    assert _found(matcher, table) == []
    # a source filed under the company supports it in prose only; its own site always
    assert _found(matcher, table, source_company="canonical") == []
    assert _found(matcher, table, source_company="canonical", own_site=True) == ["canonical"]
    assert _found(matcher, f"{table}\n{PROSE}") == ["canonical"]
    # switched off, the bench can measure it
    assert _found(MentionMatcher([Company(name="Canonical", slug="canonical")], disabled_cues=["prose"]),
                  table) == ["canonical"]


def test_a_source_supports_a_common_word_name_in_prose_only() -> None:
    companies = [Company(name="Block", slug="block"), Company(name="Stripe", slug="stripe")]
    matcher = MentionMatcher(companies)
    row = "Fees 12 34 Block 56 Adyen"  # a table row, flattened to a line
    assert _found(matcher, row, source_company="block") == []
    unchecked = MentionMatcher(companies, disabled_cues=["prose"])
    assert _found(unchecked, row, source_company="block") == ["block"]
    assert _found(matcher, "I met the Block engineers, who were kind.", source_company="block") == ["block"]
    # another confirmed company still supports it, as it would without the source
    both = "Fees 12 Block 56\nStripe raised $50M from investors."
    assert sorted(_found(matcher, both, source_company="block")) == ["block", "stripe"]
    assert sorted(_found(matcher, both)) == ["block", "stripe"]


def _serve_blog(tmp_path: Path, feed: bytes) -> Path:
    with serve({"/blog.atom": Route(feed, headers={"Content-Type": "application/atom+xml"})}) as server:
        (tmp_path / "feeds").mkdir()
        (tmp_path / "feeds" / "c.toml").write_text(
            f'[[company]]\nname = "Canonical"\n[[company.sources]]\nurl = "{server.url("/blog.atom")}"\n'
            'name = "A person\'s blog"\n'
        )
        result = run(tmp_path, "fetch")
    assert result.exit_code == 0, result.output
    return tmp_path


def test_a_blog_filed_under_the_company_counts_its_prose_not_its_tables(tmp_path: Path) -> None:
    now = datetime.now(UTC)
    feed = rss([
        {"title": "Minimal formulas", "link": "https://blog.example/formulas", "guid": "f",
         "pubDate": format_datetime(now - timedelta(days=2)),
         "description": "<p>I ran the program twice.</p><table><tr><th>Size<th>Canonical<th>All"
                        "<th>All, Cumulative<th>Generate<th>Search</tr><tr><td>0<td>1<td>10<td>10"
                        "</tr></table>"},
        {"title": "A week in London", "link": "https://blog.example/london", "guid": "l",
         "pubDate": format_datetime(now - timedelta(days=1)), "description": f"<p>{PROSE}</p>"},
    ])
    root = _serve_blog(tmp_path, feed)
    rows = json.loads(run(root, "mentions", "Canonical", "--since", "all", "--json").stdout)
    assert [r["title"] for r in rows] == ["A week in London"], rows


@pytest.mark.skipif(not (CORPUS / "netnewswire-rsparser-resources" / "russcox.atom").exists(),
                    reason="shared corpus not available")
def test_russ_coxs_table_header_is_no_mention_of_canonical(tmp_path: Path) -> None:
    feed = (CORPUS / "netnewswire-rsparser-resources" / "russcox.atom").read_bytes()
    root = _serve_blog(tmp_path, feed)
    rows = json.loads(run(root, "mentions", "Canonical", "--since", "all", "--json").stdout)
    assert "Minimal Boolean Formulas" not in [r["title"] for r in rows], rows
