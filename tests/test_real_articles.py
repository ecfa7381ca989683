"""Developments on whole real pages and on real feed items of the shared corpus, against the
team's own labels.

The figures are bench/analysis_articles.py's; these tests guard the held-back halves from sliding
back (aggregates only) and check the labels still point at pages and items that exist.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from tidings.analysis.article_evaluation import (
    FEED_OWNERS,
    ArticleLabel,
    ArticleScores,
    FeedLabel,
    LabelledPage,
    load_article_labels,
    owner_sources,
    read_feed_items,
    read_pages,
    roster,
    score_articles,
)
from tidings.analysis.events import EVENT_KINDS, SENSITIVE_KINDS

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
LABELS = ROOT / "training" / "labels" / "article_kinds.csv"
FEED_LABELS = ROOT / "training" / "labels" / "feed_kinds.csv"


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


def held_back_scores(
    path: Path, label: type[ArticleLabel], read: Callable[[Path, Iterable[ArticleLabel]], list[LabelledPage]]
) -> ArticleScores:
    """The held-back items naming a company, read and scored with every labelled company tracked."""
    labels = load_article_labels(path, label)
    chosen = [row for row in labels if row.company and row.held_back]
    items = read(CORPUS, chosen)
    assert len(items) >= 0.9 * len(chosen)
    return score_articles(items, roster(labels), frozenset(SENSITIVE_KINDS))




def test_feed_labels_use_known_kinds_and_both_halves_hold_companies() -> None:
    labels = load_article_labels(FEED_LABELS, FeedLabel)
    assert len(labels) > 1000
    assert len({(label.set_name, label.page_id) for label in labels}) == len(labels)
    assert {k for label in labels for k in label.kinds} <= set(EVENT_KINDS)
    assert {label.tone for label in labels} <= {"good", "neutral", "bad"}
    assert all(label.page_id.isdigit() for label in labels)
    company_items = [label for label in labels if label.company]
    assert 0.3 < sum(label.held_back for label in company_items) / len(company_items) < 0.7


def test_feed_items_are_held_back_on_an_odd_sha1_of_set_and_index() -> None:
    rows = [FeedLabel("feedjira-sample-feeds/TechCrunch.xml", str(i), "", (), "neutral") for i in range(40)]
    for row in rows:
        digest = hashlib.sha1(f"{row.set_name}#{row.page_id}".encode()).hexdigest()
        assert row.held_back == (int(digest[-1], 16) % 2 == 1)
    # Not the pages' key ("set:id"): the two rules pick different halves of the same names.
    assert any(row.held_back != ArticleLabel(row.set_name, row.page_id, "", (), "neutral").held_back
               for row in rows)


@pytest.mark.skipif(not (CORPUS / "feeds").is_dir(), reason="shared corpus not present")
def test_feed_labels_point_at_items_tidings_parses() -> None:
    labels = load_article_labels(FEED_LABELS, FeedLabel)
    items = read_feed_items(CORPUS, labels)
    assert len(items) >= 0.99 * len(labels)
    # Every item is read as a fetch stores it: a headline, and the text analysis reads.
    assert sum(bool(item.title) for item in items) >= 0.99 * len(items)
    assert sum(bool(item.text) for item in items) >= 0.9 * len(items)


# Held-back pages when the labels were added: company found on 63 of 65 pages, micro F1 0.57 over
# 28 gold developments, 0 of 7 bad-news pages giving a point; after the round-3 model and name
# cues 64 of 65 and 0.52; after events read only the first 800 characters of a body and the
# round-4 pattern changes, 0.60 (15 true, 7 false, 13 missed).
# Held-back feed items when the labels were added (130 naming their company, 62 gold
# developments): company found on 114 (0.877), micro F1 0.45, 1 of 18 bad-news items giving a
# point; after the 800-character cut and the round-4 pattern changes 114 found, micro F1 0.46
# (24 true, 18 false, 38 missed), 1 bad-news point; after round 5 (own-post launches) 0.48.
# With FEED_OWNERS' feeds configured as their company's sources (as a user following them would):
# before own sources were read by source 119 found (0.915), micro F1 0.46; after, 120 (0.923) and
# 0.50 (27 true, 19 false, 35 missed), 1 bad-news point.
# Small counts: (least share found, least micro F1, most bad-news points), a margin below each.
PAGE_FLOORS = (0.95, 0.55, 0)
FEED_FLOORS = (0.85, 0.40, 1)
OWN_SOURCE_FLOORS = (0.90, 0.47, 1)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")
@pytest.mark.parametrize(
    ("path", "label", "read", "floors"),
    [
        pytest.param(LABELS, ArticleLabel, read_pages, PAGE_FLOORS, id="pages"),
        pytest.param(FEED_LABELS, FeedLabel, read_feed_items, FEED_FLOORS, id="feed-items"),
    ],
)
def test_held_back_items_do_not_slide_back(
    path: Path,
    label: type[ArticleLabel],
    read: Callable[[Path, Iterable[ArticleLabel]], list[LabelledPage]],
    floors: tuple[float, float, int],
) -> None:
    least_found, least_f1, most_bad = floors
    scores = held_back_scores(path, label, read)
    assert scores.found >= least_found * scores.named
    assert scores.f1() >= least_f1
    assert scores.bad_points <= most_bad


@pytest.mark.skipif(not (CORPUS / "feeds").is_dir(), reason="shared corpus not present")
def test_feed_owners_are_captured_feeds_with_a_source_url() -> None:
    sources = owner_sources(CORPUS)
    assert set(sources) == set(FEED_OWNERS)
    assert all(url.startswith(("http://", "https://")) for url in sources.values())
    labels = load_article_labels(FEED_LABELS, FeedLabel)
    companies = roster(labels, sources, mark_own=True)
    owned = {s.url: c for c in companies for s in c.sources}
    assert len(owned) == len(FEED_OWNERS)  # one company per feed, none lost
    # An owner a label names is that labelled company (AWS), not a second one beside it.
    assert sum(c.name in ("AWS", "Amazon Web Services") for c in companies) == 1
    assert {c.name for c in companies} >= {label.company for label in labels if label.company}
    search = [s for c in companies for s in c.sources if s.kind == "search"]
    assert search and all(s.own is None for s in search)


@pytest.mark.skipif(not (CORPUS / "feeds").is_dir(), reason="shared corpus not present")
def test_held_back_feed_items_from_own_sources_do_not_slide_back() -> None:
    labels = load_article_labels(FEED_LABELS, FeedLabel)
    chosen = [row for row in labels if row.company and row.held_back]
    sources = owner_sources(CORPUS)
    items = read_feed_items(CORPUS, chosen, sources)
    assert sum(bool(item.source_url) for item in items) > 20  # the owners' items come from a source
    scores = score_articles(items, roster(labels, sources), frozenset(SENSITIVE_KINDS))
    least_found, least_f1, most_bad = OWN_SOURCE_FLOORS
    assert scores.found >= least_found * scores.named
    assert scores.f1() >= least_f1
    assert scores.bad_points <= most_bad
