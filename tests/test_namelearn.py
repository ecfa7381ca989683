"""Context words learned from the store for common-word names (analysis/namelearn.py)."""

from __future__ import annotations

import re

from tidings.analysis.mentions import MentionMatcher
from tidings.analysis.namelearn import learn_context, longer_names_in, profile_words
from tidings.models import Company

DELTA = Company(slug="delta", name="Delta")
STORE = [
    ("Delta raises its profit outlook ($DAL)", "Chief executive Ed Bastian said bookings held up."),
    ("Delta to hire 1,000 pilots ($DAL)", "Ed Bastian told staff in a memo."),
    ("Shares of Delta climb ($DAL)", "Ed Bastian reaffirmed the guidance."),
    ("Boeing delivers fewer jets in May", "Deliveries fell from a year ago."),
    ("Markets close higher", "Stocks rose on Friday."),
]


def test_profile_words_keep_cashtags_and_drop_links_and_stop_words() -> None:
    words = profile_words("Delta to hire pilots $DAL https://t.co/xyz and the rest")
    assert {"$DAL", "delta", "hire", "pilots", "rest"} <= words
    assert not words & {"the", "and", "to", "https", "t.co/xyz"}
    # a product's name in mixed case is a word like any other
    assert {"iphone", "airpods"} <= profile_words("The iPhone and AirPods sold well")


def test_words_of_confirming_articles_are_learned() -> None:
    learned = learn_context([DELTA], STORE)
    assert "$DAL" in learned["delta"] and "bastian" in learned["delta"]
    # the company's own name, words on the common list and words of other articles are not
    assert not {"delta", "staff", "guidance", "boeing"} & set(learned["delta"])


def test_too_few_confirming_articles_teach_nothing() -> None:
    assert learn_context([DELTA], STORE[1:]) == {}
    assert learn_context([DELTA], STORE[1:], min_articles=2)["delta"]


def test_a_word_as_common_outside_the_company_is_not_learned() -> None:
    noise = [(f"Bastian Schweinsteiger retires, part {i}", "Bastian said goodbye.") for i in range(20)]
    learned = learn_context([DELTA], STORE + noise)
    assert "bastian" not in learned["delta"] and "$DAL" in learned["delta"]


def test_unconfirmed_articles_teach_nothing() -> None:
    """Only what the matcher confirms teaches: a hit that may begin another name does not, and
    a longer name rare beside the articles that confirm the name alone is not the company's."""
    unsure = [(f"Delta Apparel update {i} ($DLA)", "Delta Apparel said sales fell.") for i in range(3)]
    sure = [(f"Delta raises its outlook, part {i}", "") for i in range(8)]
    learned = learn_context([DELTA], STORE + sure + unsure)
    assert not {"$DLA", "apparel", "delta apparel", "update"} & set(learned["delta"])
    assert learn_context([DELTA], unsure, frequent_share=None) == {}


def test_the_longer_name_most_of_the_store_uses_is_learned() -> None:
    """A store that calls the company by its full name ("Discover Financial Services") and
    seldom by the word alone: the full name is what the user tracks."""
    discover = Company(slug="discover", name="Discover")
    store = [(f"$DFS - Discover Financial Services beats, part {i}", "") for i in range(3)] + [
        ("Discover Recognized as a Best Place to Work", ""),
        ("Discover Landscaping opens", ""),
    ]
    learned = learn_context([discover], store)
    assert "discover financial services" in learned["discover"]
    assert not any("landscaping" in w for w in learned["discover"])
    matcher = MentionMatcher([discover], learned=learned)
    assert matcher.find("Discover Financial Services raises its dividend", "") != []
    assert matcher.find("Discover Landscaping raises its prices", "") == []
    # fewer articles than MIN_FREQUENT say too little
    assert "discover financial services" not in learn_context([discover], store[2:]).get("discover", ())


def test_distinctive_names_learn_nothing() -> None:
    acme = Company(slug="acmetrix", name="Acmetrix")
    store = [(f"Acmetrix raises funds ($ACMX) {i}", "") for i in range(5)]
    assert learn_context([acme], store) == {}


def test_learned_words_confirm_a_hit_that_may_begin_another_name() -> None:
    text = "$DAL: Delta Air Lines orders 20 more jets"
    plain = MentionMatcher([DELTA])
    assert plain.find(text, "") == []
    learned = MentionMatcher([DELTA], learned={"delta": ("$DAL", "bastian")})
    result = learned.match(text, "")
    assert [m.company for m in result.mentions] == ["delta"]
    assert result.reasons["delta"] == "learned"
    # switched off like the other cues, for the bench
    off = MentionMatcher([DELTA], learned={"delta": ("$DAL",)}, disabled_cues=["learned"])
    assert off.find(text, "") == []


def test_learned_words_do_not_rescue_ordinary_prose() -> None:
    """A learned word supports a capitalised name; the vetoes still hold ("Delta" in lower case,
    an imperative at a sentence start)."""
    learned = MentionMatcher([DELTA], learned={"delta": ("$DAL", "bastian")})
    assert learned.find("", "The river delta flooded, Bastian said.") == []
    block = Company(slug="block", name="Block")
    with_block = MentionMatcher([block], learned={"block": ("$SQ",)})
    assert with_block.find("", "Block the road, $SQ traders said.") == []
    # whereas a hit the next capital makes unsure is what a learned word supports
    assert with_block.find("", "Block Party Tickets on sale, $SQ traders said.") != []


def test_configured_context_keeps_its_reason() -> None:
    company = Company(slug="delta", name="Delta", context=("airline",))
    matcher = MentionMatcher([company], learned={"delta": ("$DAL",)})
    result = matcher.match("", "The airline said Delta Air Lines will add flights ($DAL).")
    assert result.reasons["delta"] == "context"


def test_longer_names_are_the_capitalised_run_that_begins_another_name() -> None:
    starts = re.compile(r"(?<![\w-])(?:Delta|Apple)((?:[ ][A-Z][\w&'’-]*){1,3})")
    assert longer_names_in(starts, "$DAL: Delta Air Lines to add flights") == {"delta air", "delta air lines"}
    # a later word that can only be a verb ends the name (a Title Case headline capitalises it)
    assert longer_names_in(starts, "Delta Air Lines Announces Fares") == {"delta air", "delta air lines"}
    # a business noun, an auxiliary or a verb after the name is no part of a longer name
    assert longer_names_in(starts, "Delta CEO Ed Bastian speaks; Apple Is Planning To Slow Hiring") == set()


def test_a_longer_name_in_confirming_articles_is_learned_and_another_company_is_not() -> None:
    store = [
        ("Delta Air Lines: Delta raises its outlook", ""),
        ("Delta Air Lines update: shares of Delta climb", ""),
        ("Delta Apparel cuts its outlook", ""),
        ("Delta Apparel: Delta Apparel names a CFO", ""),
        ("Markets close higher", ""),
    ]
    learned = learn_context([DELTA], store)
    assert "delta air lines" in learned["delta"]
    assert not any("apparel" in w for w in learned["delta"])
    matcher = MentionMatcher([DELTA], learned=learned)
    assert [m.company for m in matcher.find("Delta Air Lines expands its Boston hub", "")] == ["delta"]
    assert matcher.find("Delta Apparel expands its Georgia plant", "") == []


def test_a_second_round_learns_from_what_the_first_confirmed() -> None:
    apple = Company(slug="apple", name="Apple")
    store = [
        ("Apple unveils a faster iPhone", ""),
        ("Apple raises the price of the iPhone in Japan", ""),
        ("Apple cuts iPhone production", ""),
        ("Apple Watch Ultra pairs with the iPhone 15", ""),
        ("Apple Watch sales beat the iPhone in May", ""),
        ("Markets close higher", ""),
    ]
    first = learn_context([apple], store, rounds=1)
    assert "iphone" in first["apple"] and "apple watch" not in first["apple"]
    second = learn_context([apple], store)  # two rounds by default
    assert "apple watch" in second["apple"]
    found = MentionMatcher([apple], learned=second).find("Apple Watch gets a new sensor", "")
    assert [m.company for m in found] == ["apple"]


def test_copies_of_one_story_count_once() -> None:
    """Three copies of one headline (other links) are one article: they teach nothing alone."""
    story = "Delta raises its outlook, Ed Bastian says"
    copies = [(f"{story} https://t.co/{i}", "") for i in range(3)]
    assert learn_context([DELTA], copies) == {}
    assert "bastian" in learn_context([DELTA], copies, dedupe=False)["delta"]


def test_a_longer_name_that_is_one_among_many_is_not_learned() -> None:
    southern = Company(slug="southern", name="Southern")
    store = (
        [(f"Southern California wildfire update {i}", "") for i in range(3)]
        + [(f"Southern Copper output {i}", "") for i in range(3)]
        + [(f"Southern Company rate case {i}", "") for i in range(2)]
    )
    assert learn_context([southern], store) == {}
    # the same forms with one of them most of the store's: that one is learned
    filings = [(f"Southern Company filing {i}", "") for i in range(6)]
    learned = learn_context([southern], store + filings)["southern"]
    assert "southern company" in learned
    assert not {"southern california", "southern copper"} & set(learned)
