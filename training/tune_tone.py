"""Choose the tone gate by 5-fold cross-validation on the training side only.

    python training/tune_tone.py [--alpha A ...] [--show T] [--tone-labels hand|market]

The gate: a non-sensitive development whose evidence sentence (or headline) holds no bad-news
phrase of event_rules.toml [tone] is still bad news when the tone model gives one of them
P(bad) >= the threshold. A post becomes a talking point when one of its developments is not bad.

Data: sent_train.csv (bearish / bullish / neutral, MIT; a row of training/labels/sent_kinds.csv
carries its hand tone instead) and the hand tone labels of topic_train rows
(training/labels/topic_kinds.csv), as train_kinds.tone_posts gives them. For each fold a tone
model is trained on the other four (as training/train_kinds.py trains it) and the whole
analysis runs on the fold's posts with the shipped kinds model. Each development that no phrase
made bad keeps its texts' P(bad); a post becomes a point at threshold t when one of them has
every text under t. The tables printed are,
per threshold, how many bad and good posts would become points out of fold: the sentiment set's
bearish/bullish posts by the market's label (the issue's measure, as bench/analysis_core.py
counts them on the held-back split), and the hand-labelled bad and good posts of each set apart.
The held-back split (sent_valid, topic_valid) is not read.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
from sklearn.model_selection import StratifiedKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_kinds as tk  # noqa: E402

from tidings.analysis.events import classify_events  # noqa: E402
from tidings.analysis.model import LinearModel, Models, default_models  # noqa: E402
from tidings.analysis.news_labels import (  # noqa: E402
    LabelledPost,
    clean_post,
    load_hand_labels,
    post_article,
    subject_mention,
)

TONES = ["bad", "good", "neutral"]
# A bearish post that becomes a talking point costs as much as this many bullish ones lost: the
# threshold of least cost on the sentiment set is printed (train_kinds.BAD_THRESHOLD takes it).
BAD_COST = 20
GRID = [0.02, 0.04, 0.06, 0.08, 0.1, 0.12, 0.14, 0.16, 0.18, 0.2, 0.25, 0.3, 0.4, 0.5]


def toned_posts(sent_labels: bool = True) -> list[LabelledPost]:
    return tk.tone_posts(tk.CORPUS, sent_labels)


def point_scores(posts: list[LabelledPost], models: Models) -> np.ndarray:
    """Per post, the least threshold at which it would *not* become a point (inf: never a point).

    A development counts when it is not sensitive and no bad-news phrase made it bad; it stays
    good at threshold t when each of its texts (evidence, and the headline when the evidence is
    another sentence) has P(bad) under t.
    """
    never = Models(models.kinds, models.tone, models.kind_thresholds, tk.NEVER, {}, models.veto_kinds)
    out = np.full(len(posts), np.inf)
    for i, post in enumerate(posts):
        title, body, company = post_article(post.text)
        if company is None:
            continue
        events = classify_events(
            title, body, [subject_mention(company, title)], {company.slug: company}, models=never
        )
        for event in events:
            if event.sensitive or event.tone == "bad":
                continue
            texts = [event.evidence] + ([title] if title and event.evidence != title.strip() else [])
            out[i] = min(out[i], max(never.score_text(t)[1][0] for t in texts))
    return out


def fold_scores(
    posts: list[LabelledPost], fit_tone: Callable[[list[str], np.ndarray], LinearModel]
) -> np.ndarray:
    shipped = default_models()
    y = np.array([p.tone for p in posts])
    scores = np.full(len(posts), np.inf)
    folds = StratifiedKFold(n_splits=tk.FOLDS, shuffle=True, random_state=tk.SEED)
    texts = [clean_post(p.text) for p in posts]
    for train, test in folds.split(np.zeros(len(y)), y):
        tone = fit_tone([texts[i] for i in train], y[train])
        models = Models(shipped.kinds, tone, shipped.kind_thresholds, tk.NEVER, {}, shipped.veto_kinds)
        scores[test] = point_scores([posts[i] for i in test], models)
    return scores


def ngram_tone(alpha: float) -> Callable[[list[str], np.ndarray], LinearModel]:
    def fit_tone(texts: list[str], y: np.ndarray) -> LinearModel:
        model = tk.fit(tk.matrix(texts), y, alpha)
        w, b = tk.weights(model, TONES)
        return LinearModel(tuple(TONES), w.astype(np.float32), b)

    return fit_tone


def report(name: str, posts: list[LabelledPost], scores: np.ndarray) -> None:
    y = np.array([p.tone for p in posts])
    market = np.array([p.sentiment or "" for p in posts])
    sent = np.array([p.file.startswith("sent_") for p in posts])
    # the hand tone of labelled sent_train rows, whether or not the tone model was trained on it
    hand_sent = load_hand_labels(tk.SENT_LABELS) if tk.SENT_LABELS.is_file() else {}
    hand = np.array([hand_sent[(p.file, p.row)][1] if (p.file, p.row) in hand_sent else "" for p in posts])
    groups = {
        "bearish": scores[sent & (market == "bad")], "bullish": scores[sent & (market == "good")],
        "hand bad": scores[~sent & (y == "bad")], "hand good": scores[~sent & (y == "good")],
        "sent hand bad": scores[sent & (hand == "bad")], "sent hand good": scores[sent & (hand == "good")],
    }
    sizes = ", ".join(f"{k} {len(v)} ({int(np.sum(np.isfinite(v)))} at risk)" for k, v in groups.items())
    print(f"{name}: {sizes}")
    print("  P(bad) >= t: points among " + " / ".join(groups))
    for t in GRID:
        print(f"  {t:.2f}: " + " / ".join(f"{int(np.sum(v < t))}" for v in groups.values()))
    bearish, bullish = groups["bearish"], groups["bullish"]
    at_risk = int(np.sum(np.isfinite(bullish)))

    def cost(t: float) -> float:
        return BAD_COST * int(np.sum(bearish < t)) + at_risk - int(np.sum(bullish < t))

    best = min(GRID, key=lambda t: (cost(t), t))
    print(f"  least cost (a bearish point = {BAD_COST} bullish ones lost): P(bad) >= {best:.2f}")
    # The same with every labelled bad post (bearish, hand-labelled bad of either set) against
    # every good one: the gate should hold for bad news in any wording, not market moves only.
    bad = np.concatenate([groups[k] for k in ("bearish", "hand bad", "sent hand bad")])
    good = np.concatenate([groups[k] for k in ("bullish", "hand good", "sent hand good")])

    def cost_all(t: float) -> float:
        return BAD_COST * int(np.sum(bad < t)) - int(np.sum(good < t))

    best_all = min(GRID, key=lambda t: (cost_all(t), t))
    print(f"  least cost, every labelled bad post against every good one: P(bad) >= {best_all:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--alpha", type=float, action="append")
    parser.add_argument("--show", type=float, help="print the bad posts that become points at this threshold")
    parser.add_argument("--tone-labels", choices=("hand", "market"), default=tk.TONE_LABELS,
                        help="fold tone models learn our tone of sent_kinds.csv rows or the market label")
    parser.add_argument("--without-sent-labels", action="store_true",
                        help="market sentiment for every sent_train row (as before sent_kinds.csv)")
    args = parser.parse_args()
    posts = toned_posts(not args.without_sent_labels and args.tone_labels == "hand")
    for alpha in args.alpha or [tk.TONE_ALPHAS[0]]:
        scores = fold_scores(posts, ngram_tone(alpha))
        report(f"n-gram tone model, alpha {alpha}", posts, scores)
        if args.show:
            for post, score in zip(posts, scores, strict=True):
                if (post.tone == "bad" or post.sentiment == "bad") and score < args.show:
                    print(f"  {score:.2f} {post.file}:{post.row} {clean_post(post.text)[:150]}")


if __name__ == "__main__":
    main()
