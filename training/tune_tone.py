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


def tone_model(x, market: np.ndarray, hand: np.ndarray, share: float, alpha: float) -> LinearModel:
    """A tone model fitted as train_kinds.py fits it (train_kinds.fit_tone)."""
    w, b = tk.fit_tone(x, market, hand, share, alpha)
    return LinearModel(tuple(TONES), w.astype(np.float32), b)


def fold_scores(posts: list[LabelledPost], share: float, alpha: float) -> np.ndarray:
    shipped = default_models()
    market, hand = tk.tone_targets(posts)
    strata = hand if share == 1.0 else market  # as train_kinds.py folds it
    scores = np.full(len(posts), np.inf)
    folds = StratifiedKFold(n_splits=tk.FOLDS, shuffle=True, random_state=tk.SEED)
    x = tk.matrix([clean_post(p.text) for p in posts])
    for train, test in folds.split(np.zeros(len(posts)), strata):
        tone = tone_model(x[train], market[train], hand[train], share, alpha)
        models = Models(shipped.kinds, tone, shipped.kind_thresholds, tk.NEVER, {}, shipped.veto_kinds)
        scores[test] = point_scores([posts[i] for i in test], models)
    return scores


_ARTICLES: list = []  # (name, tuning-half items, roster) of the labelled pages and feed items
BODY_GRID = [0.16, 0.18, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.8]


def article_counts(posts: list[LabelledPost], share: float, alpha: float, headline: float) -> None:
    """Good news kept and bad news given a point on the labelled articles' tuning half (pages and
    feed items: prose, which the tone model never trained on), with the tone model fitted on every
    training post, the headline gate ``headline`` and each body-sentence gate of BODY_GRID (the posts
    of the folds are headlines: their gate is chosen there; the body's is chosen on prose). The
    held-back half is not read."""
    from tidings.analysis import events
    from tidings.analysis.article_evaluation import (
        FeedLabel,
        load_article_labels,
        read_feed_items,
        read_pages,
        roster,
        score_articles,
    )

    corpus = tk.ROOT.parent / "shared" / "corpus"
    labels = tk.ROOT / "training" / "labels"
    if not _ARTICLES:  # read (extracted, parsed) once
        for name, path, read, kind in (
            ("pages", labels / "article_kinds.csv", read_pages, None),
            ("feed items", labels / "feed_kinds.csv", read_feed_items, FeedLabel),
        ):
            every = load_article_labels(path, kind) if kind else load_article_labels(path)
            items = read(corpus, [label for label in every if not label.held_back])
            _ARTICLES.append((name, items, roster(every)))
    sets = _ARTICLES
    market, hand = tk.tone_targets(posts)
    tone = tone_model(tk.matrix([clean_post(p.text) for p in posts]), market, hand, share, alpha)
    shipped = default_models()
    print(f"  tuning articles, tone model on every training post (hand share {share}), headline gate "
          f"{headline:.2f}: body sentence P(bad) >= t: "
          + " / ".join(f"{name} good kept, bad -> points" for name, _, _ in sets))
    original = events.default_models
    try:
        for t in BODY_GRID:
            models = Models(shipped.kinds, tone, shipped.kind_thresholds, headline, {}, shipped.veto_kinds, t)
            events.default_models = lambda models=models: models
            cells = []
            for _, items, companies in sets:
                scores = score_articles(items, companies, frozenset(events.SENSITIVE_KINDS))
                cells.append(
                    f"{scores.good_points}/{scores.good_pages}, {scores.bad_points}/{scores.bad_pages}"
                )
            print(f"  {t:.2f}: " + " / ".join(cells))
    finally:
        events.default_models = original


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
    parser.add_argument("--tone-labels", choices=("hand", "market", "blend"), default=tk.TONE_LABELS,
                        help="fold tone models learn our tone of sent_kinds.csv rows, the market label, or "
                        "a blend of both models")
    parser.add_argument("--hand-share", type=float, action="append",
                        help="with --tone-labels blend: the hand-tone model's shares to compare")
    parser.add_argument("--articles", action="store_true",
                        help="also count good news kept on the labelled articles' tuning half, per body gate")
    parser.add_argument("--articles-only", action="store_true", help="only the articles' counts (no folds)")
    parser.add_argument("--gate", type=float, action="append",
                        help="with --articles: the headline gates to try (train_kinds.BAD_THRESHOLD)")
    parser.add_argument("--without-sent-labels", action="store_true",
                        help="market sentiment for every sent_train row (as before sent_kinds.csv)")
    parser.add_argument("--twins", choices=("keep", "drop"), default="drop" if tk.DROP_TWINS else "keep",
                        help="keep or drop the training posts that twin a held-back post")
    args = parser.parse_args()
    posts = tk.tone_posts(tk.CORPUS, not args.without_sent_labels, args.twins == "drop")
    if args.without_sent_labels or args.tone_labels == "market":
        shares = [0.0]
    elif args.tone_labels == "hand":
        shares = [1.0]
    else:
        shares = args.hand_share or [tk.TONE_HAND_SHARE]
    for alpha in args.alpha or [tk.TONE_ALPHAS[0]]:
        for share in shares:
            scores = np.full(len(posts), np.inf)
            if not args.articles_only:
                scores = fold_scores(posts, share, alpha)
                report(f"n-gram tone model, alpha {alpha}, hand share {share}", posts, scores)
            if args.articles or args.articles_only:
                for gate in args.gate or [tk.BAD_THRESHOLD]:
                    article_counts(posts, share, alpha, gate)
            if args.show:
                for post, score in zip(posts, scores, strict=True):
                    if (post.tone == "bad" or post.sentiment == "bad") and score < args.show:
                        print(f"  {score:.2f} {post.file}:{post.row} {clean_post(post.text)[:150]}")


if __name__ == "__main__":
    main()
