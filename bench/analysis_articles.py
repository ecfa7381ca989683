"""Developments on whole real articles: extraction + analysis over labelled corpus pages.

Run: .venv/bin/python bench/analysis_articles.py [--split held-back|tuning|all]
Pages are real (../shared/corpus article sets, Apache-2.0 / MIT); the labels are the team's own,
row references in training/labels/article_kinds.csv. Prints per-kind precision, recall and F1 of
each page's own company, how often that company was found at all, and how many bad-news pages
would give a talking point. The held-back half is for reporting only.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from tidings.analysis.article_evaluation import load_article_labels, read_pages, roster, score_articles
from tidings.analysis.events import EVENT_KINDS, SENSITIVE_KINDS

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
LABELS = ROOT / "training" / "labels" / "article_kinds.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("held-back", "tuning", "all"), default="held-back")
    args = parser.parse_args()
    if not CORPUS.exists():
        raise SystemExit(f"no corpus at {CORPUS}")
    labels = load_article_labels(LABELS)
    chosen = [
        label for label in labels
        if args.split == "all" or label.held_back == (args.split == "held-back")
    ]
    started = time.perf_counter()
    pages = read_pages(CORPUS, chosen)
    read_s = time.perf_counter() - started
    # The roster is every labelled company of both halves, as a user tracks many at once.
    scores = score_articles(pages, roster(labels), frozenset(SENSITIVE_KINDS))
    print(f"pages: {len(pages)} of {len(chosen)} labelled ({args.split}; read in {read_s:.1f} s)")
    print(f"pages naming their company: {scores.named}; company found: {scores.found} "
          f"({scores.found / max(scores.named, 1):.3f})")
    print(scores.table(EVENT_KINDS))
    print(f"bad-news pages: {scores.bad_pages}; giving a talking point: {scores.bad_points}")


if __name__ == "__main__":
    main()
