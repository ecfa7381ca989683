"""Company-mention matching: names, aliases, possessives, domains, tickers, common-word names."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from tidings.analysis.commonwords import common_words, is_english_word
from tidings.analysis.events import classify_events
from tidings.analysis.mentions import Mention, MentionMatcher, is_ambiguous_name
from tidings.models import Company

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

BLOCK = Company(
    slug="block",
    name="Block",
    aliases=("Square",),
    domains=("block.xyz",),
    tickers=("NYSE: XYZ",),
    context=("Cash App", "Jack Dorsey", "payments"),
    exclude=("Times Square", "square foot", "square feet"),
)
ACME = Company(
    slug="acme",
    name="Acme Robotics",
    aliases=("Acme",),
    domains=("acme.com",),
    tickers=("NASDAQ: ACME",),
)
APPLE = Company(slug="apple", name="Apple", context=("iPhone", "Tim Cook", "Mac"))
GLOBEX = Company(slug="globex", name="Globex")


@pytest.fixture(scope="module")
def matcher() -> MentionMatcher:
    return MentionMatcher([BLOCK, ACME, APPLE, GLOBEX])


def by_slug(mentions: list[Mention]) -> dict[str, Mention]:
    return {m.company: m for m in mentions}


def test_common_words_list_is_large_and_lower_case() -> None:
    words = common_words()
    assert len(words) >= 2000
    assert all(w == w.lower() for w in words)
    for word in ("block", "square", "apple", "target", "slack", "stripe", "the"):
        assert word in words


def test_ambiguity_levels() -> None:
    assert is_ambiguous_name("Block") == 2
    assert is_ambiguous_name("General Electric") == 1
    assert is_ambiguous_name("Acme Robotics") == 0
    assert is_ambiguous_name("Shopify") == 0
    assert is_ambiguous_name("X") == 2
    assert is_ambiguous_name("Zoom") == 3  # an English word the hand list lacks
    assert is_ambiguous_name("Nvidia") == 0


def test_english_words_from_the_lexicon() -> None:
    for word in ("zoom", "Sprint", "snowflake", "paramount"):
        assert is_english_word(word) and word.lower() not in common_words()
    for name in ("Nvidia", "Robinhood", "Netflix", "Microsoft"):
        assert not is_english_word(name)


@pytest.fixture(scope="module")
def words_matcher() -> MentionMatcher:
    return MentionMatcher([Company(slug=n.lower(), name=n) for n in ("Zoom", "Google", "Sprint", "Nvidia")])


@pytest.mark.parametrize("text", [
    "Traders zoom in on the chart before the open.",
    "Zoom in on the chart.",
    "The team ran a sprint to fix the bug.",
    "Google it and you will see.",
    "ZOOM IN: the chart shows a drop",  # capitals inside lower-case text are not the name's case
])
def test_word_name_as_a_word_does_not_match(words_matcher: MentionMatcher, text: str) -> None:
    assert {m.company for m in words_matcher.find("", text)} == set()


@pytest.mark.parametrize(("title", "slug"), [
    ("Zoom reports record revenue", "zoom"),
    ("Shares of Zoom fell 5%", "zoom"),
    ("Google in talks to buy Wiz", "google"),
    ("Google this week said it would cut fees", "google"),
    ("SPRINT SAYS IT WILL CUT 500 JOBS https://t.co/abc", "sprint"),  # in capitals, with a link
    ("Zoom In On Growth: Zoom Raises Its Outlook", "zoom"),  # Title Case tells nothing of a verb
])
def test_word_name_as_the_company_matches(words_matcher: MentionMatcher, title: str, slug: str) -> None:
    assert {m.company for m in words_matcher.find(title, "")} == {slug}


@pytest.mark.parametrize("configured", ["zoom", "ZOOM"])
def test_word_name_written_in_one_case_matches_the_company(configured: str) -> None:
    # A name typed all in lower (or upper) case ("tidings company add zoom") says nothing of
    # the case the press writes it in: it counts as it did before word names needed their case.
    assert is_ambiguous_name(configured) == 0
    matcher = MentionMatcher([Company(slug="zoom", name=configured)])
    assert {m.company for m in matcher.find("Zoom reports record revenue", "")} == {"zoom"}
    title = "Zoom launches a new phone service for small businesses"
    mentions = matcher.find(title, "")
    events = classify_events(title, "", mentions, {"zoom": Company(slug="zoom", name=configured)})
    assert [(e.company, e.kind) for e in events] == [("zoom", "launch")]


def test_distinctive_name_still_matches_in_any_case(words_matcher: MentionMatcher) -> None:
    assert {m.company for m in words_matcher.find("", "we bought nvidia shares")} == {"nvidia"}


def test_name_alias_possessive_and_title(matcher: MentionMatcher) -> None:
    found = by_slug(matcher.find("Acme's new warehouse robot", "Acme Robotics said the robot ships in May."))
    assert set(found) == {"acme"}
    assert found["acme"].in_title
    assert found["acme"].count == 2
    assert found["acme"].snippet == "Acme Robotics said the robot ships in May."


def test_word_boundaries(matcher: MentionMatcher) -> None:
    assert matcher.find("Acmeville fair", "The Acmes and Globexian rivals met at Globexcon.") == []


def test_domains_and_tickers(matcher: MentionMatcher) -> None:
    text = "Shares (NASDAQ: ACME) rose. Details at www.acme.com/news. Traders piled into $ACME."
    mention = by_slug(matcher.find("Robot makers rally", text))["acme"]
    assert not mention.in_title
    assert mention.count == 3
    only_ticker = matcher.find("Markets", "Block (NYSE: XYZ) fell 3%.")
    assert by_slug(only_ticker)["block"].count == 2


def test_ticker_needs_exchange_or_cashtag(matcher: MentionMatcher) -> None:
    assert matcher.find("XYZ", "The XYZ affine transform.") == []


def test_common_word_block_not_matched_in_prose(matcher: MentionMatcher) -> None:
    title = "Council votes to block housing project"
    text = "Block by block, residents fought the plan. The council moved to block it on Monday."
    assert matcher.find(title, text) == []


def test_common_word_needs_context(matcher: MentionMatcher) -> None:
    assert matcher.find("Neighbours", "The street has a new Block of flats near Square one.") == []
    text = "Jack Dorsey's Block said it would cut staff at its Cash App unit."
    mention = by_slug(matcher.find("Fintech cuts jobs", text))["block"]
    assert mention.count == 1
    assert "Cash App" in mention.snippet


def test_exclude_phrases_never_match(matcher: MentionMatcher) -> None:
    text = "Crowds filled Times Square as payments firms advertised. The flat is 900 square feet."
    assert matcher.find("New Year", text) == []


def test_sentence_initial_common_word_needs_same_sentence_context(matcher: MentionMatcher) -> None:
    assert matcher.find("Apple pie recipes", "Apple season is here. Bake it in a Mac pan.") == []
    found = matcher.find("Apple Unveils iPhone 17", "Apple on Tuesday unveiled the iPhone 17.")
    assert by_slug(found)["apple"].in_title


def test_lowercase_common_word_never_matches_even_with_context(matcher: MentionMatcher) -> None:
    assert matcher.find("Orchard", "She ate an apple while reading about the iPhone.") == []


def test_legal_suffix_confirms_ambiguous_name(matcher: MentionMatcher) -> None:
    found = matcher.find("Earnings", "Analysts expect Block, Inc. to report on Thursday.")
    assert by_slug(found)["block"].count == 1


def test_snippet_trimmed_to_about_300_chars(matcher: MentionMatcher) -> None:
    long = "word " * 200 + "Globex opened an office " + "word " * 200 + "."
    (mention,) = matcher.find("", long)
    assert "Globex" in mention.snippet
    assert len(mention.snippet) <= 305


def test_many_companies_in_one_pass() -> None:
    companies = [Company(slug=f"c{i}", name=f"Zorblax{i} Systems") for i in range(1000)]
    companies.append(GLOBEX)
    matcher = MentionMatcher(companies)
    text = ("Globex signed a deal with Zorblax17 Systems and others. " * 25)[:1500]
    found = matcher.find("Globex news", text)
    # Of 1,001 companies, exactly the two named; bench/analysis_core.py measures the rate.
    assert {m.company for m in found} == {"globex", "c17"}


def test_real_alert_feed_for_slack() -> None:
    """A real Google Alerts feed for "Slack": the company vs. slack adjusters, wax, surnames."""
    feed = CORPUS / "feeds" / "feedjira-sample-feeds" / "google_alerts_atom.xml"
    if not feed.exists():
        pytest.skip("shared corpus not available")
    import feedparser

    from tidings.text import html_to_text

    slack = Company(
        slug="slack",
        name="Slack",
        aliases=("Slack Technologies",),
        tickers=("NYSE: WORK",),
        context=("messaging", "Microsoft Teams", "collaboration", "workplace"),
        exclude=("Automotive Slack", "Slack Wax", "Slack Adjuster"),
    )
    matcher = MentionMatcher([slack])
    # Entries about something else: market reports on brake "slack adjusters", slack wax,
    # a baseball player named Slack, and slack in a uniform.
    not_company = ("Automotive Slack", "Slack Wax", "Pineview", "Armed man")
    tp = fp = fn = 0
    entries = feedparser.parse(feed.read_bytes()).entries
    assert len(entries) >= 10
    for entry in entries:
        title = html_to_text(entry.get("title", ""))
        found = bool(matcher.find(title, html_to_text(entry.get("summary", ""))))
        expected = not any(marker in title for marker in not_company)
        tp += found and expected
        fp += found and not expected
        fn += expected and not found
    assert fp == 0
    assert tp >= 0.9 * (tp + fn)


def test_corpus_prose_has_few_common_word_false_positives() -> None:
    """Ordinary articles mention "block", "target", "square"... rarely as the companies."""
    gt = CORPUS / "wcxb" / "ground_truth.normalized.jsonl.gz"
    if not gt.exists():
        pytest.skip("shared corpus not available")
    names = ["Block", "Square", "Target", "Shell", "Gap", "Visa", "Slack", "Notion", "Linear"]
    companies = [Company(slug=n.lower(), name=n, context=("shareholders",)) for n in names]
    matcher = MentionMatcher(companies)
    bodies = [r["body"] for r in map(json.loads, gzip.open(gt, "rt")) if r.get("body")]
    flagged = sum(bool(matcher.find("", body)) for body in bodies)
    assert flagged <= max(2, len(bodies) // 50)


# A user who types `tidings company add delta` means the airline, not the letter; the capital is
# what tells a common-word name from prose, so the lower-case name looks for "Delta".
@pytest.mark.parametrize("configured", ["delta", "Delta"])
def test_common_word_name_typed_in_lower_case_finds_the_capitalised_name(configured: str) -> None:
    matcher = MentionMatcher([Company(slug="delta", name=configured)])
    assert {m.company for m in matcher.find("Delta raises its full-year outlook", "")} == {"delta"}
    assert matcher.find("The river delta flooded again this spring.", "") == []


def test_common_words_name_of_several_words_typed_in_lower_case() -> None:
    matcher = MentionMatcher([Company(slug="ge", name="general electric")])
    assert {m.company for m in matcher.find("General Electric names a new CFO", "")} == {"ge"}
    assert matcher.find("The general electric supply was cut.", "") == []
