"""Common-word names on real text nobody on the team wrote, scored with our hand labels
(training/labels/names_*.csv, row references; the text is read from ../shared and the tests
skip without it). The thresholds are the figures measured on the held-back part, rounded down:
a change that loses recall or adds false matches fails here."""

from __future__ import annotations

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

pytestmark = pytest.mark.skipif(
    not (CORPUS / "news-labels").exists() or not (CORPUS / "wcxb").exists(),
    reason="shared corpus not available",
)


@pytest.fixture(scope="module")
def matcher() -> MentionMatcher:
    return MentionMatcher(ne.roster())


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


def test_held_back_sentences_and_wcxb_bodies_stay_under_two_percent(
    matcher: MentionMatcher, prose: list[ne.LabelledText]
) -> None:
    held = [r for r in prose if r.held_back]
    scores = ne.score_prose(matcher, held)
    assert scores.false_rate <= 0.02, scores.false
    false_pages, pages, details = ne.score_wcxb_bodies(
        matcher, ne.wcxb_bodies(CORPUS), prose, held_back=True
    )
    assert pages >= 100
    assert false_pages <= 0.02 * pages, details


def test_before_the_cues_a_bare_common_word_name_was_never_found(matcher: MentionMatcher) -> None:
    """The cues are what finds them: switched off, recall on the tuning posts collapses."""
    from tidings.analysis.namecues import CUES

    rows = [r for r in ne.all_business_rows(CORPUS, LABELS) if not r.held_back and ne.is_common(r.name)]
    off = MentionMatcher(ne.roster(), disabled_cues=[*CUES, "co_company"])
    assert ne.score_business(off, rows).recall < 0.3 < ne.score_business(matcher, rows).recall

