"""Common-word company names without configuration: each cue, each ordinary-prose case.

Every company here is tracked bare (no context words, ticker or domain), the case a new user
meets; the examples are ours, written to pin behaviour. The measure on real text is in
test_names_corpus.py and bench/analysis_core.py.
"""

from __future__ import annotations

import pytest

from tidings.analysis.mentions import MentionMatcher
from tidings.analysis.namecues import hyphen_compound, ticker_fits
from tidings.models import Company

NAMES = ("Apple", "Block", "Stripe", "Linear", "Notion", "Fox", "Shell", "Target", "Square", "Snap",
         "Meta", "Gap", "Oracle")
BARE = [Company(slug=n.lower(), name=n) for n in NAMES]
GOOGLE = Company(slug="google", name="Google")


@pytest.fixture(scope="module")
def matcher() -> MentionMatcher:
    return MentionMatcher([*BARE, GOOGLE])


def found(matcher: MentionMatcher, title: str, text: str = "", **kw: object) -> set[str]:
    return {m.company for m in matcher.find(title, text, **kw)}  # type: ignore[arg-type]


def reason(matcher: MentionMatcher, title: str, text: str = "") -> dict[str, str]:
    return matcher.match(title, text).reasons


@pytest.mark.parametrize(
    ("title", "text", "slug", "cue"),
    [
        ("Stripe raises $600 million at a lower valuation", "", "stripe", "verb_after"),
        ("Block names former Google executive as CFO", "", "block", "verb_after"),
        ("", "Ford and Block to cut jobs, Block said on Tuesday.", "block", "verb_after"),
        ("", "Apple is following Google into chip making.", "apple", "verb_after"),
        ("", "Shell has agreed to sell its stake.", "shell", "verb_after"),
        ("", "Target and Walmart gain after earnings.", "target", "verb_after"),
        ("", "Apple CEO Tim Cook spoke at the event.", "apple", "noun_after"),
        ("Snap shares jump after the report", "", "snap", "noun_after"),
        ("", "Apple's iPhone sales rose in China.", "apple", "possessive"),
        ("", "Pinpoint was acquired by Linear last week.", "linear", "before"),
        ("", "Investors bought shares of Apple on Monday.", "apple", "before"),
        ("", "Germany is in talks with energy giant Shell about gas supplies.", "shell", "before"),
        ("", "The lawmakers sent letters to Facebook-owner Meta about the app.", "meta", "before"),
        ("", "Morgan Stanley downgrades Paramount and Fox on ad worries.", "fox", "before"),
        ("", "The payments startup is Stripe-backed and growing fast.", "stripe", "hyphen"),
        ("", "Analysts picked Netflix, Chevron, Apple, Alibaba and Amazon.", "apple", "list"),
        ("", "Block (SQ) fell 3% in early trading.", "block", "ticker"),
        ("", "Block $SQ calls were bought early.", "block", "ticker"),
        ("$SQ - Block: More Pain Ahead", "", "block", "cashtag_lead"),
        ("", "A fund manager said Meta is now the fund's lowest rated stock.", "meta", "sentence_noun"),
        ("", "Analysts expect Block, Inc. to report on Thursday.", "block", "suffix"),
        ("", "I bought a lamp from Target online last week.", "target", "prep_object"),
        ("", "One guy tries to blame it all on Apple, again.", "apple", "prep_object"),
        ("", "It is the best choice for people in the Apple ecosystem.", "apple", "modifier"),
        ("", "It was another Oracle outage for the app.", "oracle", "modifier"),
    ],
)
def test_each_cue_confirms_a_bare_name(
    matcher: MentionMatcher, title: str, text: str, slug: str, cue: str
) -> None:
    assert reason(matcher, title, text).get(slug) == cue


def test_ticker_that_spells_the_name_confirms_it_anywhere(matcher: MentionMatcher) -> None:
    assert reason(matcher, "$AAPL so long, Apple", "").get("apple") == "ticker"
    assert ticker_fits("AAPL", "Apple") and ticker_fits("TGT", "Target") and ticker_fits("SHEL", "Shell")
    assert not ticker_fits("ES", "Gap") and not ticker_fits("T", "Target") and not ticker_fits("SQ", "Block")


def test_ticker_does_not_confirm_a_hit_that_begins_another_name() -> None:
    unity = Company(slug="unity", name="Unity")
    delta = Company(slug="delta", name="Delta")
    matcher = MentionMatcher([unity, delta])
    # other companies whose names start with the word, and whose tickers spell it
    assert found(matcher, "$UNTY - Unity Bancorp added to the Russell 2000 Index", "") == set()
    assert found(matcher, "$DLA - Delta Apparel sees third-quarter sales growth", "") == set()
    # the word followed by a verb or a business noun is still the name the ticker spells
    assert found(matcher, "$UNTY Unity Could Rebound", "") == {"unity"}
    assert found(MentionMatcher([unity], disabled_cues=["compound_ticker"]),
                 "$UNTY - Unity Bancorp added to the Russell 2000 Index", "") == {"unity"}
    # a product is another name too: with a ticker alone it stays unconfirmed (an alias fixes it)
    assert found(MentionMatcher(BARE), "$AAPL Apple Watch deals are back", "") == set()


def test_base_form_after_to_or_a_modal_may_also_be_a_noun(matcher: MentionMatcher) -> None:
    assert reason(matcher, "Apple to Dodge $150-Per-iPhone Levy If Tariffs Are Delayed", "") == {
        "apple": "verb_form"
    }
    assert found(matcher, "", "Lawmakers wrote to Meta and Google to demand answers.") >= {"meta"}
    # a participle there is not a base form
    assert found(matcher, "", "On November 13, Fox and Bancroft are popping up at the bar.") == set()


def test_each_cue_can_be_switched_off() -> None:
    text = "Pinpoint was acquired by Linear last week."
    assert found(MentionMatcher(BARE), "", text) == {"linear"}
    # A cue switched off leaves the next one to decide: the sentence's company noun
    # ("acquired"), then nothing ("by Linear last week": a noun after it, so not prep_object).
    assert reason(MentionMatcher(BARE, disabled_cues=["before"]), "", text) == {"linear": "sentence_noun"}
    assert found(MentionMatcher(BARE, disabled_cues=["before", "sentence_noun"]), "", text) == set()
    text = "The deal was announced by Linear, the issue tracker."
    assert reason(MentionMatcher(BARE, disabled_cues=["before"]), "", text) == {"linear": "prep_object"}


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("", "Start with a linear plan and block out an hour."),
        ("Apple pie recipes for the autumn", "Bake an apple pie with tart apples."),
        ("Council votes to block the road", "Residents want to block the road at night."),
        ("", "Crowds filled Times Square on New Year's Eve."),
        ("", "You can shell out $15 for the upgrade."),
        ("", "Block the road before dawn, the officer said."),
        ("", "Target audiences differ by region."),
        ("Bank of America Cuts S&P 500 Price Target by 20%", ""),
        ("Cushman Among First Companies to Have Net Zero Target Approved", ""),
        ("", "Pershing Square Holdings, Ltd. Announces Transactions in Own Shares"),
        ("$SNA - Snap-On Q2 Earnings Preview", ""),
        ("", "The 45,000-Square-Foot center opened in May."),
        ("", '<Target Name="FormatCode" />'),
        ("", "Linear stocks > choppy stocks."),
        ("", "The Snap Grip Stand is available for preorder now for $49.99."),
        ("", "The tower was designed by Kohn Pedersen Fox in 2004."),
        ("", "Look for a run down to Close The Gap at 3711."),
        ("", "There is a gap between the two notions, a meta point."),
        ("", "The Shell Beach trail opens at dawn and the fox sleeps."),
        # the object of a preposition that a noun or a capital follows is a modifier or part
        # of another name
        ("", "Dessert went from Apple pie to cake."),
        ("", "We watched the game at Target Field downtown."),
    ],
)
def test_ordinary_prose_never_matches(matcher: MentionMatcher, title: str, text: str) -> None:
    assert found(matcher, title, text) == set()


def test_hyphen_compounds() -> None:
    assert hyphen_compound("Snap-on tools", 4) is False
    assert hyphen_compound("Amazon-owned stores", 6) is True
    assert hyphen_compound("Apple rose", 5) is None


def test_capitalised_mid_sentence_name_needs_support(matcher: MentionMatcher) -> None:
    text = "The team liked Linear more than the old tracker."
    assert found(matcher, "", text) == set()
    # another tracked company confirmed in the article
    assert "linear" in found(matcher, "", text + " Google said it would do the same.")
    # the article came from Linear's own source (a feed or a news search for the name)
    assert "linear" in found(matcher, "", text, source_company="linear")
    # a context word, when one is configured, is still an extra signal
    with_context = MentionMatcher([Company(slug="linear", name="Linear", context=("issue tracker",))])
    assert found(with_context, "", text + " The issue tracker is fast.") == {"linear"}


def test_sentence_initial_name_needs_a_cue_or_its_own_site(matcher: MentionMatcher) -> None:
    title = "Notion of the week: slow mornings"
    assert found(matcher, title, "") == set()
    assert found(matcher, title, "", source_company="notion") == set()  # a search result
    assert found(matcher, title, "", source_company="notion", own_site=True) == {"notion"}


def test_unconfirmed_names_are_reported(matcher: MentionMatcher) -> None:
    result = matcher.match("Notion of the week: slow mornings", "Block by block, the team grew.")
    assert result.mentions == []
    assert set(result.unconfirmed) == {"notion", "block"}
    confirmed = matcher.match("Notion raises $50 million", "")
    assert [m.company for m in confirmed.mentions] == ["notion"] and confirmed.unconfirmed == ()


def test_lowercase_never_matches_even_with_cues(matcher: MentionMatcher) -> None:
    assert found(matcher, "", "The apple's skin was acquired by linear regression.") == set()


# --- Round 2: an English lexicon (LemmInflect) instead of hand lists, Title Case, news search.


@pytest.mark.parametrize(
    ("title", "text", "slug", "cue"),
    [
        # any verb in a form that shows a subject, not only the business verbs
        ("", "Notion quietly deprecated the old importer.", "notion", "verb_form"),
        ("Linear Deprecates Its Old Importer", "", "linear", "verb_form"),
        ("", "Stripe is weighing a tender offer.", "stripe", "verb_after"),
        # a stock's moves as a class, base form after a plural subject
        ("Gap ticks higher after the open", "", "gap", "market_verb"),
        ("", "Apple hovers above its 50-day average.", "apple", "market_verb"),
        ("", "Target and Costco rally on the jobs report.", "target", "market_verb"),
        # "is" / "has" with a noun phrase
        ("Notion Is a Great Company With a Rich Valuation", "", "notion", "copula"),
        ("", "Linear has a new pricing plan for startups.", "linear", "copula"),
        # a Title Case name after a verb-only word is its object
        ("Why Investors Keep Buying Stripe Shares", "", "stripe", "noun_after"),
        # after an adjective or a function word the cues after the name still read
        ("Former Snap CEO Joins the Board", "", "snap", "noun_after"),
        ("New Sneakers Arrive in Target Stores Nationwide", "", "target", "noun_after"),
        # an English word before the name in a Title Case headline is not part of another name
        ("Loop Capital Upgrades Stripe Shares", "", "stripe", "before"),
    ],
)
def test_lexicon_and_title_case_cues(
    matcher: MentionMatcher, title: str, text: str, slug: str, cue: str
) -> None:
    assert reason(matcher, title, text).get(slug) == cue


@pytest.mark.parametrize(
    ("title", "text"),
    [
        # a word that is also a noun is not read as a verb, nor a capitalised verb in prose
        ("", "Apple slices were served with cheese."),
        ("", "He wrote about Meta Programming in Python."),
        # a bare participle names an activity
        ("", "Shell collecting is a quiet hobby."),
        # "is" without a noun phrase, and a plain adjective after the name
        ("", "Linear is slow for small datasets."),
        # a noun before a Title Case name still ends a phrase with it
        ("Net Zero Target Approved By Council", ""),
    ],
)
def test_lexicon_cues_leave_prose_alone(matcher: MentionMatcher, title: str, text: str) -> None:
    assert found(matcher, title, text) == set()


def test_inflected_verbs_come_from_the_lexicon() -> None:
    from tidings.analysis import verbforms

    assert verbforms.is_inflected_verb("hovers") and verbforms.is_inflected_verb("slid")
    assert not verbforms.is_inflected_verb("slices")  # also a plural noun
    assert not verbforms.is_inflected_verb("hover")  # base form
    assert verbforms.readings("Mastercard") == frozenset()
    assert "see" in verbforms.verb_lemmas("saw")


def test_verb_object_and_be_have_can_be_switched_off() -> None:
    text = "Linear is slow for small datasets."
    assert found(MentionMatcher(BARE, disabled_cues=["be_have"]), "", text) == {"linear"}
    title = "Why Investors Keep Buying Stripe Shares"
    assert found(MentionMatcher(BARE, disabled_cues=["verb_object"]), title, "") == set()


def test_sentence_initial_imperative_is_vetoed_even_on_its_own_site(matcher: MentionMatcher) -> None:
    for text in ("Block the road before the parade.", "Shell out for the good seats."):
        slug = text.split()[0].lower()
        assert found(matcher, "", text, source_company=slug, own_site=True) == set()
    # the company's own site still confirms a sentence-initial name that is not an imperative
    assert found(matcher, "", "Block of the week: our new office.", source_company="block",
                 own_site=True) == {"block"}


def test_news_search_supports_a_name_in_the_body_not_in_the_headline(matcher: MentionMatcher) -> None:
    # "Gap" from a news search for Gap: a headline with the word needs a cue of its own
    assert found(matcher, "Traders watch the big Gap at 3811 on futures", "", source_company="gap") == set()
    assert found(matcher, "", "Traders said they moved to Gap last spring.", source_company="gap") == {"gap"}
    assert found(matcher, "Gap cuts its outlook", "", source_company="gap") == {"gap"}


def test_links_after_a_headline_do_not_hide_its_title_case() -> None:
    """A post's links, hashtags and cashtags are not words of its headline: "Discover
    Recognized as ... https://t.co/..." is still a Title Case headline, whose capitalised verb
    makes the name its subject."""
    from tidings.analysis.mentions import _is_title_case

    headline = "Discover Recognized as Best Place to Work for Inclusion"
    links = "  https://t.co/ge0PmDUzJt  https://t.co/y9aJIb48zg #markets #stocks"
    assert _is_title_case(headline) and _is_title_case(headline + links)
    discover = MentionMatcher([Company(slug="discover", name="Discover")])
    assert [m.company for m in discover.find(headline + links, "")] == ["discover"]
