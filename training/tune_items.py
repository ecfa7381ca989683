"""Choose the weight of page and feed-item headlines in the kinds training set, by group folds
inside the labelled articles' tuning half only.

    python training/tune_items.py [--weights 0,3,10,30] [--rows company,all,kinds] [--lead]

The tuning halves (even sha1) of training/labels/article_kinds.csv and feed_kinds.csv are split
into 5 group folds (train_kinds.item_group: a feed file, or a page's site, is one group, so one
blog's posts never sit on both sides). For each fold, a kinds model is trained on the posts
(train_kinds.kind_posts) plus the item rows of the other four folds at the weight, and the whole
analysis runs on the fold's items with every labelled company tracked by its name (as
bench/analysis_articles.py does); thresholds and veto kinds are the shipped model's. Printed per
weight: micro F1 (tp/fp/fn) of pages and of feed items over all folds, good-news items that give a
talking point, bad-news items that give one, and the median P(gold kind) of the headlines of the
fold's items with a kind. Weight 0 is the posts-only model (bench --split tuning's figures).
The held-back halves are not read. The chosen weight goes into train_kinds.ITEM_WEIGHT.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from unittest import mock

import numpy as np
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_kinds as tk  # noqa: E402

from tidings.analysis import events  # noqa: E402
from tidings.analysis.article_evaluation import FeedLabel, load_article_labels, roster, score_articles  # noqa: E402
from tidings.analysis.features import sentence_features  # noqa: E402
from tidings.analysis.model import LinearModel, Models, default_models  # noqa: E402
from tidings.analysis.news_labels import clean_post  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--weights", default="0,3,10,30", help="comma-separated item weights")
    parser.add_argument("--rows", default=tk.ITEM_ROWS, help="comma-separated train_kinds.ITEM_ROWS values")
    parser.add_argument("--lead", action="store_true", help="also the lead sentences naming the company")
    parser.add_argument("--no-sensitive", action="store_true", help="no sensitive-kind item rows")
    parser.add_argument("--articles", type=Path, default=tk.ARTICLES)
    args = parser.parse_args()
    items = tk.tuning_items(args.articles)
    groups = [tk.item_group(item) for item in items]
    splits = list(GroupKFold(n_splits=tk.FOLDS).split(np.zeros(len(items)), groups=groups))
    print(f"{len(items)} tuning items in {len(set(groups))} groups")
    posts = tk.kind_posts(tk.CORPUS, False, True, tk.DROP_TWINS)
    kept, classes, x, y = tk.training_set(posts)
    shipped = default_models()
    companies = {
        "page": roster(load_article_labels(tk.ARTICLE_LABELS)),
        "feed": roster(load_article_labels(tk.FEED_LABELS, FeedLabel)),
    }
    sensitive = frozenset(events.SENSITIVE_KINDS)
    for rows in args.rows.split(","):
        for weight in (float(w) for w in args.weights.split(",")):
            totals = {"page": Counter(), "feed": Counter()}
            p_gold = []
            for train, test in splits:
                fold_rows = tk.item_rows([items[i] for i in train], rows, args.lead, not args.no_sensitive)
                model = tk.fit_with_items(
                    x, y, tk.ALPHAS[0], tk.SENSITIVE_WEIGHT, classes, fold_rows, weight, not args.no_sensitive
                )
                kw, kb = tk.weights(model, classes)
                models = Models(
                    LinearModel(tuple(classes), kw, kb), shipped.tone, shipped.kind_thresholds,
                    shipped.bad_threshold, shipped.meta, shipped.veto_kinds,
                )
                with mock.patch.object(events, "default_models", lambda models=models: models):
                    for what in ("page", "feed"):
                        feed = what == "feed"
                        chosen = [items[i] for i in test if isinstance(items[i].label, FeedLabel) == feed]
                        s = score_articles(chosen, companies[what], sensitive)
                        totals[what].update(
                            tp=sum(s.tp.values()), fp=sum(s.fp.values()), fn=sum(s.fn.values()),
                            good=s.good_points, good_of=s.good_pages, bad=s.bad_points, bad_of=s.bad_pages,
                        )
                for i in test:
                    label = items[i].label
                    if label.company and label.kinds and items[i].title:
                        probs = models.kinds.probabilities(*sentence_features(clean_post(items[i].title)))
                        p_gold += [probs[classes.index(k)] for k in label.kinds if k in classes]
            line = []
            for what, t in totals.items():
                f1 = 2 * t["tp"] / max(1, 2 * t["tp"] + t["fp"] + t["fn"])
                line.append(f"{what}s F1 {f1:.3f} ({t['tp']}/{t['fp']}/{t['fn']}) good kept {t['good']}/"
                            f"{t['good_of']} bad points {t['bad']}/{t['bad_of']}")
            extra = (" +lead" if args.lead else "") + (" -sensitive" if args.no_sensitive else "")
            print(f"rows={rows}{extra} weight={weight:g}: " + " | ".join(line)
                  + f" | headline P(gold) median {np.median(p_gold):.3f}", flush=True)


if __name__ == "__main__":
    main()
