"""Common-word names on real text nobody on the team wrote, scored with our hand labels
(training/labels/names_*.csv, row references; the text is read from ../shared and the tests
skip without it). The thresholds are the figures measured on the held-back part, rounded down:
a change that loses recall or adds false matches fails here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tidings.analysis import name_evaluation as ne
from tidings.analysis.mentions import MentionMatcher

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
LABELS = ROOT / "training" / "labels"
# Measured on the held-back posts of both label files: 0.825 (165 of 200), false 2.56% (1 of
# 39); WCXB 1 of 116. Most misses are longer names that start with the word ("Delta Air Lines").
RECALL_HELD = 0.80
# With context words and longer names learned from the posts (analysis/namelearn.py): 0.950 (190
# of 200), false 2.56% (1 of 39).
RECALL_HELD_LEARNED = 0.93
# The fresh held-back set (names_business_fresh.csv, 19 names no round tuned on), learned
# context as above: names on the common-words list 0.923 (24 of 26; plain matcher 0.385), false
# 15.49% (11 of 71; plain 2.82%); all 19 names 0.994 (344 of 346). Its failures print counts
# only, never the posts.
RECALL_FRESH_COMMON = 0.88
FALSE_FRESH_COMMON = 0.18
RECALL_FRESH_ALL = 0.97
# Round 4's tuning posts of 10 other names (names_business_round4.csv): 15 of 20, false 4 of 30.
RECALL_ROUND4 = 0.70

pytestmark = pytest.mark.skipif(
    not (CORPUS / "news-labels").exists() or not (CORPUS / "wcxb").exists(),
    reason="shared corpus not available",
)


@pytest.fixture(scope="module")
def matcher() -> MentionMatcher:
    return MentionMatcher(ne.roster())


@pytest.fixture(scope="module")
def learned() -> MentionMatcher:
    return ne.learning_matcher(ne.roster(), CORPUS)[0]


@pytest.fixture(scope="module")
def prose() -> list[ne.LabelledText]:
    return ne.prose_rows(CORPUS, LABELS / "names_prose.csv")


def test_labels_resolve_to_real_text(prose: list[ne.LabelledText]) -> None:
    business = ne.all_business_rows(CORPUS, LABELS)
    assert len(business) >= 780 and len(prose) >= 800
    assert all(row.name in row.text for row in business)
    assert all(row.name.lower() in row.text.lower() for row in prose)
    assert {r.held_back for r in business} == {True, False} == {r.held_back for r in prose}
    # round 3's posts: the valid files held back whole, the train files split by the sha1 rule
    more = ne.business_rows(CORPUS, LABELS / "names_business_more.csv", hash_split=True)
    assert all(r.held_back for r in more if "_valid.csv:" in r.key)
    train = [r for r in more if "_train.csv:" in r.key]
    assert {r.held_back for r in train} == {True, False}
    assert all(r.held_back == ne.row_held_back(*r.key.split(":")) for r in train)


def test_held_back_posts_recall_and_false_matches(matcher: MentionMatcher) -> None:
    rows = [r for r in ne.all_business_rows(CORPUS, LABELS) if r.held_back and ne.is_common(r.name)]
    scores = ne.score_business(matcher, rows)
    assert scores.recall >= RECALL_HELD, scores.misses
    assert scores.false_rate <= 0.05, scores.false


def test_held_back_posts_with_learned_context(learned: MentionMatcher) -> None:
    rows = [r for r in ne.all_business_rows(CORPUS, LABELS) if r.held_back and ne.is_common(r.name)]
    scores = ne.score_business(learned, rows)
    assert scores.recall >= RECALL_HELD_LEARNED, scores.misses
    assert scores.false_rate <= 0.05, scores.false


@pytest.mark.parametrize("which", ["plain", "learned"])
def test_held_back_sentences_and_wcxb_bodies_stay_under_two_percent(
    which: str, matcher: MentionMatcher, learned: MentionMatcher, prose: list[ne.LabelledText]
) -> None:
    scorer = matcher if which == "plain" else learned
    held = [r for r in prose if r.held_back]
    scores = ne.score_prose(scorer, held)
    assert scores.false_rate <= 0.02, scores.false
    false_pages, pages, details = ne.score_wcxb_bodies(
        scorer, ne.wcxb_bodies(CORPUS), prose, held_back=True
    )
    assert pages >= 100
    assert false_pages <= 0.02 * pages, details


def test_fresh_held_back_posts() -> None:
    rows = ne.fresh_rows(CORPUS, LABELS)
    assert len(rows) >= 450 and all(r.held_back for r in rows)
    assert {r.name for r in rows} <= set(ne.FRESH_NAMES)
    fresh, _ = ne.learning_matcher(ne.roster(ne.FRESH_NAMES), CORPUS)
    # Only numbers reach the assertions: pytest would print a NameScores with its posts.
    common = ne.score_business(fresh, [r for r in rows if ne.is_common(r.name)])
    recall, false_rate = common.recall, common.false_rate
    counts = (common.tp, common.fn, common.fp, common.tn)
    every = ne.score_business(fresh, rows)
    recall_all, counts_all = every.recall, (every.tp, every.fn)
    del common, every
    assert recall >= RECALL_FRESH_COMMON, counts
    assert false_rate <= FALSE_FRESH_COMMON, counts
    assert recall_all >= RECALL_FRESH_ALL, counts_all


def test_before_the_cues_a_bare_common_word_name_was_never_found(matcher: MentionMatcher) -> None:
    """The cues are what finds them: switched off, recall on the tuning posts collapses."""
    from tidings.analysis.namecues import CUES

    rows = [r for r in ne.all_business_rows(CORPUS, LABELS) if not r.held_back and ne.is_common(r.name)]
    off = MentionMatcher(ne.roster(), disabled_cues=[*CUES, "co_company"])
    assert ne.score_business(off, rows).recall < 0.3 < ne.score_business(matcher, rows).recall



def test_round4_tuning_posts_of_other_names() -> None:
    """Ten common-word names no other set holds (Discover, Plug, Bloom, ...), tuning only."""
    names = ("Discover", "Box", "Pioneer", "Principal", "Lumen", "Plug", "Ring", "Ramp", "Clover", "Bloom")
    rows = ne.business_rows(CORPUS, LABELS / "names_business_round4.csv")
    assert len(rows) == 50 and {r.name for r in rows} <= set(names)
    learned, _ = ne.learning_matcher(ne.roster(names), CORPUS)
    scores = ne.score_business(learned, rows)
    assert scores.recall >= RECALL_ROUND4 > ne.score_business(MentionMatcher(ne.roster(names)), rows).recall
    assert scores.false_rate <= 0.20, scores.false


# Names English has as words but the common-words list lacks (mentions._WORD). News-labels posts
# naming them (held-back labelled posts left out): 568 of 573 stay matched (0.991; main 573). No labels:
# most such posts name the company; making these names fully ambiguous lost about a quarter.
WORD_NAMES = ("Google", "Tesla", "Ford", "Chevron", "Xerox", "Yahoo", "Twitter", "Marathon", "Adobe")
RECALL_WORD_NAMES = 0.97


def test_big_names_that_are_english_words_stay_matched() -> None:
    held = {r.text for r in ne.all_business_rows(CORPUS, LABELS) if r.held_back}
    held |= {r.text for r in ne.fresh_rows(CORPUS, LABELS)}
    posts = [t for t, _ in ne.news_posts(CORPUS) if t not in held]
    matcher = MentionMatcher(ne.roster(WORD_NAMES))
    seen = found = 0
    for text in dict.fromkeys(posts):
        named = {n.lower() for n in WORD_NAMES if re.search(rf"\b{n}\b", text, re.I)}
        if named:
            seen += len(named)
            found += len(named & {m.company for m in matcher.find(text, "")})
    assert seen > 400
    assert found / seen >= RECALL_WORD_NAMES, (found, seen)


def test_wcxb_pages_holding_a_word_name_only_in_lower_case_never_match_it() -> None:
    names = ("Zoom", "Sprint", "Discovery", "Progressive", "Marathon", "Snowflake", "Paramount")
    matcher = MentionMatcher(ne.roster(names))
    lower_only = 0
    for body in ne.wcxb_bodies(CORPUS).values():
        only_lower = {
            n.lower() for n in names
            if re.search(rf"\b{n.lower()}\b", body) and not re.search(rf"\b{n}\b|\b{n.upper()}\b", body)
        }
        if only_lower:
            lower_only += 1
            assert not only_lower & {m.company for m in matcher.find("", body)}
    assert lower_only >= 5
