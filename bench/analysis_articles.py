"""Developments on whole real articles: extraction + analysis over labelled corpus pages, and
analysis over labelled items of the corpus's captured feeds.

Run: .venv/bin/python bench/analysis_articles.py [--split held-back|tuning|all] [--set pages|feeds|both]
     [--own-sources] [--owners]
Pages and feeds are real (../shared/corpus article sets and captured feeds, Apache-2.0 / MIT /
BSD); the labels are the team's own, row references in training/labels/article_kinds.csv and
feed_kinds.csv. Prints, per set, per-kind precision, recall and F1 of each item's own company,
how often that company was found at all, how many bad-news items would give a talking point, and
how many good-news items (a kind that is not sensitive, tone good or neutral) still give one.
The held-back half is for reporting only. ``--own-sources`` reads the feed items with the
feeds of article_evaluation.FEED_OWNERS configured as their company's sources (a company's blog,
changelog or channel, or a news search for it; decided per feed from its title and link, listed
by ``--owners``), as a user following those companies would set them up.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from tidings.analysis.article_evaluation import (
    FEED_OWNERS,
    ArticleLabel,
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


def report(
    what: str,
    labels: list[ArticleLabel],
    read: Callable[..., list[LabelledPage]],
    split: str,
    sources: dict[str, str] | None = None,
    mark_own: bool = False,
) -> None:
    chosen = [label for label in labels if split == "all" or label.held_back == (split == "held-back")]
    started = time.perf_counter()
    items = read(CORPUS, chosen, sources) if sources else read(CORPUS, chosen)
    read_s = time.perf_counter() - started
    # The roster is every labelled company of both halves, as a user tracks many at once.
    scores = score_articles(items, roster(labels, sources, mark_own), frozenset(SENSITIVE_KINDS))
    print(f"{what}: {len(items)} of {len(chosen)} labelled ({split}; read in {read_s:.1f} s)")
    print(f"{what} naming their company: {scores.named}; company found: {scores.found} "
          f"({scores.found / max(scores.named, 1):.3f})")
    print(scores.table(EVENT_KINDS))
    print(f"bad-news {what}: {scores.bad_pages}; giving a talking point: {scores.bad_points}")
    print(f"good-news {what} (a kind not sensitive, tone good or neutral): {scores.good_pages}; "
          f"giving a talking point: {scores.good_points}; found but toned bad: {scores.good_toned_bad}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0].replace("\n", " "))
    parser.add_argument("--split", choices=("held-back", "tuning", "all"), default="held-back")
    parser.add_argument("--set", choices=("pages", "feeds", "both"), default="both")
    parser.add_argument("--own-sources", action="store_true",
                        help="feed items: the feeds of FEED_OWNERS are their company's sources")
    parser.add_argument("--mark-own", action="store_true",
                        help="with --own-sources: each owner's feed is marked own = true")
    parser.add_argument("--owners", action="store_true", help="print FEED_OWNERS and stop")
    args = parser.parse_args()
    if not CORPUS.exists():
        raise SystemExit(f"no corpus at {CORPUS}")
    if args.owners:
        for set_name, url in owner_sources(CORPUS).items():
            owner = FEED_OWNERS[set_name]
            print(f"{set_name:<62} {owner.company:<14} {owner.kind:<6} {url}")
        return
    if args.set in ("pages", "both"):
        report("pages", load_article_labels(LABELS), read_pages, args.split)
    if args.set in ("feeds", "both"):
        if args.set == "both":
            print()
        if FEED_LABELS.exists():
            sources = owner_sources(CORPUS) if args.own_sources else None
            what = "feed items (own sources)" if sources else "feed items"
            what += ", marked own" if sources and args.mark_own else ""
            labels = load_article_labels(FEED_LABELS, FeedLabel)
            report(what, labels, read_feed_items, args.split, sources, args.mark_own)
        else:
            print(f"feed items: no labels at {FEED_LABELS}")


if __name__ == "__main__":
    main()
