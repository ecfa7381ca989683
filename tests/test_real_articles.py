"""Developments on whole real pages of the shared corpus, against the team's own labels.

The figures are bench/analysis_articles.py's; this test guards the held-back half from sliding
back (aggregates only) and checks the labels still point at pages that exist.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.analysis.article_evaluation import (
    ArticleLabel,
    load_article_labels,
    read_pages,
    roster,
    score_articles,
)
from tidings.analysis.events import EVENT_KINDS, SENSITIVE_KINDS

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
LABELS = ROOT / "training" / "labels" / "article_kinds.csv"


def test_labels_use_known_kinds_and_tones() -> None:
    labels = load_article_labels(LABELS)
    assert len(labels) > 1000
    assert {k for label in labels for k in label.kinds} <= set(EVENT_KINDS)
    assert {label.tone for label in labels} <= {"good", "neutral", "bad"}
    # Both halves hold company pages: the split is by hash, fixed before labelling.
    company_pages = [label for label in labels if label.company]
    assert 0.3 < sum(label.held_back for label in company_pages) / len(company_pages) < 0.7


def test_held_back_flag_is_a_fixed_hash_of_the_row() -> None:
    a = ArticleLabel("wcxb", "dev/0001", "", (), "neutral")
    assert a.held_back == ArticleLabel("wcxb", "dev/0001", "Acme", ("launch",), "good").held_back


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")
def test_held_back_articles_do_not_slide_back() -> None:
    labels = load_article_labels(LABELS)
    chosen = [label for label in labels if label.company and label.held_back]
    pages = read_pages(CORPUS, chosen)
    assert len(pages) >= 0.9 * len(chosen)
    scores = score_articles(pages, roster(labels), frozenset(SENSITIVE_KINDS))
    assert scores.found >= MIN_FOUND * scores.named
    assert scores.f1() >= MIN_MICRO_F1
    assert scores.bad_points <= MAX_BAD_POINTS


# Held-back half when the labels were added: company found on 63 of 65 pages, micro F1 0.57 over
# 28 gold developments, 0 of 7 bad-news pages giving a point; after the round-3 model and name
# cues 64 of 65 and 0.52. Small counts: a margin below each.
MIN_FOUND = 0.95
MIN_MICRO_F1 = 0.50
MAX_BAD_POINTS = 0
