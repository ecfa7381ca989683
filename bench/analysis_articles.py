"""Developments on whole real articles: extraction + analysis over labelled corpus pages, and
analysis over labelled items of the corpus's captured feeds.

Run: .venv/bin/python bench/analysis_articles.py [--split held-back|tuning|all] [--set pages|feeds|both]
Pages and feeds are real (../shared/corpus article sets and captured feeds, Apache-2.0 / MIT /
BSD); the labels are the team's own, row references in training/labels/article_kinds.csv and
feed_kinds.csv. Prints, per set, per-kind precision, recall and F1 of each item's own company,
how often that company was found at all, and how many bad-news items would give a talking point.
The held-back half is for reporting only.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from tidings.analysis.article_evaluation import (
    ArticleLabel,
    FeedLabel,
    LabelledPage,
    load_article_labels,
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


def report(
    what: str,
    labels: list[ArticleLabel],
    read: Callable[[Path, Iterable[ArticleLabel]], list[LabelledPage]],
    split: str,
) -> None:
    chosen = [label for label in labels if split == "all" or label.held_back == (split == "held-back")]
    started = time.perf_counter()
    items = read(CORPUS, chosen)
    read_s = time.perf_counter() - started
    # The roster is every labelled company of both halves, as a user tracks many at once.
    scores = score_articles(items, roster(labels), frozenset(SENSITIVE_KINDS))
    print(f"{what}: {len(items)} of {len(chosen)} labelled ({split}; read in {read_s:.1f} s)")
    print(f"{what} naming their company: {scores.named}; company found: {scores.found} "
          f"({scores.found / max(scores.named, 1):.3f})")
    print(scores.table(EVENT_KINDS))
    print(f"bad-news {what}: {scores.bad_pages}; giving a talking point: {scores.bad_points}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("held-back", "tuning", "all"), default="held-back")
    parser.add_argument("--set", choices=("pages", "feeds", "both"), default="both")
    args = parser.parse_args()
    if not CORPUS.exists():
        raise SystemExit(f"no corpus at {CORPUS}")
    if args.set in ("pages", "both"):
        report("pages", load_article_labels(LABELS), read_pages, args.split)
    if args.set in ("feeds", "both"):
        if args.set == "both":
            print()
        if FEED_LABELS.exists():
            report("feed items", load_article_labels(FEED_LABELS, FeedLabel), read_feed_items, args.split)
        else:
            print(f"feed items: no labels at {FEED_LABELS}")


if __name__ == "__main__":
    main()
