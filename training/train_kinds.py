"""Train the kinds and tone models and rewrite src/tidings/data/kinds_model.npz.

Run (scikit-learn is only needed here, not at run time):

    pip install -e '.[train]'
    python training/train_kinds.py            # reads ../shared/corpus/news-labels

The models are one-vs-rest logistic regressions trained by SGD (scikit-learn); at run time a
sentence's probabilities are each class's sigmoid, normalised to sum to one, as scikit-learn's
predict_proba does for them.

Data: the *train* splits only of the two MIT-licensed finance-news sets in
``../shared/corpus/news-labels`` (topic_train.csv, sent_train.csv) plus the team's hand labels of
topic_train rows (training/labels/topic_kinds.csv) and of sent_train rows
(training/labels/sent_kinds.csv: kind and our tone). The kinds model learns topic_train's kinds
and the hand kinds of the labelled sent_train rows (a post both sets hold is learned once); the
tone model learns sent_train's market sentiment, except that a hand-labelled row's hand tone
replaces it, and the hand tones of topic_train rows. ``--without-sent-labels`` trains as before
the sent_train labels existed (to measure them). The valid splits are held back for
bench/analysis_core.py and are never read here. Deterministic: fixed folds and seeds, so the same
data gives the same file (the weights are stored as float16).

Features are tidings.analysis.features (the same code the analysis runs), so what the model saw
in training is exactly what it sees at run time. Thresholds are chosen on 5-fold out-of-fold
probabilities of the training split:
- per kind, the least P(kind) at which the model alone reports that kind (best F1 on the folds;
  where F1 is flat, the strictest for good news, the loosest for sensitive kinds: F1_TIE);
- the least P(bad) that makes a sentence bad news (BAD_THRESHOLD) is chosen by
  training/tune_tone.py, which runs the whole analysis out of fold on the training side.
- the kinds whose pattern matches the model may veto: every kind it reports, except VETO_NEVER;
- a kind the model cannot report with out-of-fold precision >= MIN_PRECISION is left to the rules.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlparse

import numpy as np
from scipy import sparse
from sklearn.linear_model import SGDClassifier
from sklearn.model_selection import StratifiedKFold

from tidings.analysis.article_evaluation import (
    FeedLabel,
    LabelledPage,
    load_article_labels,
    read_feed_items,
    read_pages,
)
from tidings.analysis.events import BODY_CHARS, SENSITIVE_KINDS
from tidings.analysis.features import FEATURE_VERSION, N_BUCKETS, sentence_features
from tidings.analysis.news_labels import (
    LabelledPost,
    clean_post,
    held_back_texts,
    load_sentiment_kinds,
    load_sentiment_posts,
    load_topic_posts,
    twin_key,
)
from tidings.analysis.sentences import sentence_spans

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "news-labels"
LABELS = ROOT / "training" / "labels" / "topic_kinds.csv"
SENT_LABELS = ROOT / "training" / "labels" / "sent_kinds.csv"
# The team's labels of whole real pages and feed items (training/labels/README.md); the pages and
# feeds themselves are the shared corpus's (Apache-2.0 / MIT / BSD-2-Clause), read at run time.
ARTICLE_LABELS = ROOT / "training" / "labels" / "article_kinds.csv"
FEED_LABELS = ROOT / "training" / "labels" / "feed_kinds.csv"
ARTICLES = ROOT.parent / "shared" / "corpus"
OUT = ROOT / "src" / "tidings" / "data" / "kinds_model.npz"
SEED = 11
FOLDS = 5
MIN_EXAMPLES = 10  # a kind with fewer training examples is left to the rules
# The tone model's gate: a development the phrases left alone is bad news when one of its texts
# has P(bad) >= this. training/tune_tone.py, round 3, out of fold on sent_train (1,442 bearish,
# 1,923 bullish posts) with the round-3 phrases and figures: bearish / bullish points at 0.02
# 1 / 52, 0.06 2 / 115, 0.12 5 / 146, 0.16 5 / 159, 0.18 (round 2's gate) 6 / 162, 0.30 6 / 181.
# The least cost (a bearish point weighing 20 bullish ones) is 0.06, but the tone model, trained
# on wire posts, gives plain prose sentences more P(bad) than headlines ("Northwind today
# launched Harbor, an API that plans routes for delivery fleets." 0.118): under 0.12 good news
# in article bodies turns bad. 0.16 is the highest threshold of the flat part (5 bearish).
# Round 8 (twins dropped, tune_tone.py, points among bearish / bullish / hand bad / hand good /
# sent hand bad / sent hand good, out of fold): the market model at 0.16 gives 2 / 150 / 5 /
# 1,700 / 12 / 211. The rule: the least cost (20 per bad point of any group, minus the good
# points) among the settings that keep every good group at least at those counts. Hand share
# 1.0: 0.16 1 / 156 / 4 / 1,680 / 8 / 217 (hand good falls), 0.18 1 / 161 / 5 / 1,708 / 8 /
# 221, 0.20 2 / 167 / 6 / 1,734 / 9 / 224; share 0.75: 0.16 1 / 150 / 2 / 1,693 / 8 / 214 (hand
# good falls), 0.18 1 / 156 / 3 / 1,712 / 8 / 219, 0.20 1 / 159 / 4 / 1,731 / 8 / 225 (least
# cost), 0.25 2 / 169 / 5 / 1,779 / 12 / 228. No setting takes the bearish points to 0 without
# losing good news (market 0.10: 0 bearish, 1,561 hand good; share 1.0 at 0.12: 0, 1,597).
# That blend at 0.20 (body gate 0.50, twins dropped) was then measured held back and not
# shipped (see TONE_LABELS), so the market model and 0.16 stay.
BAD_THRESHOLD = 0.16
# The gate of a body sentence (None: BAD_THRESHOLD's). Posts are headlines, so the folds choose
# BAD_THRESHOLD; this one is chosen on prose: tune_tone.py --articles, the labelled articles'
# tuning half (22 good-news and 10 bad-news pages, 54 and 26 feed items), same rule. Share 0.75,
# headline gate 0.20, good kept pages / feed items: body gate 0.16-0.20 6 / 21, 0.25 6 / 22,
# 0.30-0.40 6 / 23, 0.50-0.80 6 / 25, no bad item a point at any (the strictest of the best).
# The market model at 0.16 for both keeps 6 / 20 (6 / 22 with twins kept); with a body gate:
# 0.30 6 / 21, 0.35-0.40 6 / 22, 0.50-0.80 6 / 23, no bad item a point. Held back, a body gate of
# 0.50 changed nothing with either kinds model (pages 11 / 21 and 10 / 21, feed items 19 / 45 and
# 18 / 45, bad ones 0 / 7 and 1 / 18 as without it; posts are headlines): it did not help on
# data it was not chosen on, so the shipped file has none.
BODY_BAD_THRESHOLD: float | None = None
# L2 strength of the SGD logistic regressions; add values to compare them on the folds (the best
# macro F1 at the argmax is kept). Kinds, round 6: 1e-5 kept. 5e-6 won on the folds' whole
# analysis (tune_combination.py, veto: micro F1 0.760 against 0.753; 3e-6 0.759) but lost on the
# labelled articles' tuning half (pages 0.44 -> 0.41, feed items 0.49 -> 0.48: more false kinds
# in prose) and made the team's prose test "Acme CEO raised concerns" a leadership change
# (P 0.587): less regularised, it trusts wire-post wording too much. Tone: 1e-5 (round 3: at
# equal bearish counts 3e-5 kept fewer bullish points, 3e-6 was level); BAD_THRESHOLD was chosen
# with it.
ALPHAS = (1e-5,)
TONE_ALPHAS = (1e-5,)
EPOCHS = 20
# The model may veto, in a headline, a loose pattern match of any kind it reports itself, except
# the sensitive kinds whose recall comes first (VETO_NEVER). training/tune_combination.py, round 3
# (4,582 hand labels), micro F1 on the folds at P < 0.3 (events.VETO_BELOW) with patterns of
# weight >= 0.85 spared: 0.752, against 0.747 for round 2's veto kinds (F1 >= 0.75 plus
# acquisition, P < 0.2); vetoing the sensitive kinds too costs recall (0.37 against 0.48).
VETO_NEVER = ("layoffs", "outage", "recall", "security")
# Round 3: with ties broken this way leadership goes from 0.50 to 0.55 (out-of-fold F1 0.896 and
# 0.891), earnings 0.60 -> 0.65, launch 0.45 -> 0.50, layoffs 0.35 -> 0.20 (0.843 and 0.841).
F1_TIE = 0.005
MIN_PRECISION = 0.7  # the model alone reports a kind only where it is this precise on the folds
# Which labels the kinds model learns, and on which posts its thresholds are chosen. Round 7
# measured the hand-labelled sent_train rows (training/labels/sent_kinds.csv) in the kinds set,
# on the folds of tune_combination.py (veto, micro F1 over topic_train's posts; 0.753 with
# topic_train alone): all rows, thresholds on every post (first 2,465 labels) 0.742; all 5,615
# rows, thresholds on topic_train's posts 0.742 (acquisition 0.730 / 0.747, earnings 0.768 /
# 0.794, leadership 0.875 / 0.880, legal 0.710 / 0.716; launch, expansion, milestone up). Only
# the rows with a kind: at model level (out-of-fold F1 at the thresholds, topic_train posts)
# acquisition 0.749 / 0.780, earnings 0.826 / 0.858, funding 0.642 / 0.707. The big kinds lose
# every time, so the kinds model learns topic_train's labels; the sent_train labels train the
# tone model. (The topic set's gold costs every model on earnings: topic 7 "Financials", read as
# none, holds most of its results reports; without those posts the folds give earnings 0.842
# with topic_train alone and 0.819 with all rows, so it does not explain the gap.)
KINDS_LABELS = "topic"
THRESHOLDS_ON = "all"
# Which tone the tone model learns on the labelled sent_train rows: "hand" (ours) or "market"
# (the set's bearish/bullish). Round 7 measured "hand" on the folds of tune_tone.py at the gate
# 0.16: bearish points 1 -> 0 of 1,442, hand-labelled bad sent_train posts 11 -> 6 of 1,700,
# topic ones 3 -> 2 of 549, bullish points kept 147 -> 153, hand-good topic posts 1,710 ->
# 1,697; held back: the same figures, one bad feed item fewer as a point. But it turned the
# team's plain prose good news bad ("Northwind today launched Harbor, an API that plans routes
# for delivery fleets." P(bad) 0.125 -> 0.212; four end-to-end tests lost their launch or
# expansion point), a loss no bench measures, so round 7 kept the market's labels. Round 8
# measured a blend ("blend", TONE_HAND_SHARE 0.75; headline gate 0.20 chosen on the folds, body
# gate 0.50 on the articles' tuning half, twins dropped) against the same kinds model with the
# market tone: held back, bearish points 2 / 2 of 347, good news kept posts 230 / 227 of 354 (no
# twin 224 / 221 of 338), bullish points 46 / 44, pages 10 / 10 of 21, feed items 17 / 18 of 45,
# bad feed items as points 0 / 1 of 18. Good news lost on feed items, and a prose headline of
# the team's end-to-end test ("Parcel lockers come to Leeds", P(bad) 0.231 against 0.087) turned
# bad: the hand tone over-reads plain headlines too. Not shipped.
TONE_LABELS = "market"
# With ``--tone-labels blend``: the tone model's weights are this share of the hand-tone model's
# plus the rest of the market-tone model's (both fitted on the same posts; a linear blend of
# their logits). Measured on the folds at 0, 0.5 (twins kept), 0.75 and 1 (see BAD_THRESHOLD).
TONE_HAND_SHARE = 0.75
TONES = ["bad", "good", "neutral"]
# Whether training leaves out its posts whose news_labels.twin_key is a held-back post's (the two
# sets repeat posts under other links, cashtags or capitals: 1,140 kinds and 341 tone training
# rows, counted without reading them; ``--twins drop``). Round 8, whole analysis out of fold
# (veto) on the same 15,845 posts: micro F1 0.756 kept, 0.755 dropped. Held back (market tone,
# gate 0.16), kept / dropped: micro F1 all 0.76 / 0.74 (the twins were in-sample), no twin 0.75
# / 0.75 (tp/fp/fn 595/151/238, 597/153/236); bearish points 2 / 2 of 347; good news kept, posts
# all 234 / 227 of 354, no twin 221 / 221 of 338; hand-labelled bad posts as points 1 / 2 of
# 83; pages good kept 11 / 10 of 21, feed items 19 / 18 of 45 (bad ones as points 0 / 0 of 7, 1 /
# 1 of 18). The honest ("no twin") figures do not move and good news is lost on the articles,
# so the shipped model keeps them; bench/analysis_core.py's "no twin" view is the honest figure.
DROP_TWINS = False
# The kinds model's class weight of each sensitive kind (layoffs, legal, outage, recall, security)
# is its balanced weight times this. Round 8, whole analysis out of fold (veto, the 15,845 posts
# with no held-back twin), 1 against 2: micro F1 0.755 / 0.755; recall layoffs 0.830 / 0.811,
# legal 0.636 / 0.656 (precision 0.843 / 0.817), outage 0.625 / 0.625, recall 0.40 / 0.45;
# good-news posts filed as a sensitive kind 20 / 22 of 3,986, "none" posts 82 / 92, good-news
# posts giving a point 2,708 / 2,705. No gain without false bad news: 1 kept. The misses are
# posts read as no development at all (layoffs 18 of 18: "slow hiring", "ease hiring").
SENSITIVE_WEIGHT = 1.0
# Item sentences: the headlines of the labelled pages and feed items of the *tuning* halves (even
# sha1; the odd halves stay held back for bench/analysis_articles.py) join the kinds training set,
# each row weighing ITEM_WEIGHT posts: blogs', newsrooms' and product posts' wording, which the
# finance posts lack. Which rows (ITEM_ROWS): "company", the headline of every item whose label
# names a company (its kinds, or none: the model reads only sentences naming a tracked company, so
# the other items' headlines would teach it nothing it is asked); "all", every item's headline;
# "kinds", only headlines with a kind. ITEM_LEAD adds the first LEAD_SENTENCES body sentences
# that name the labelled company, with the item's kinds. Chosen by training/tune_items.py:
# 5 group folds inside the tuning half (a feed file, or a page's site, is one group, so one
# blog's posts never sit on both sides), the whole analysis run on each fold's items with a model
# trained on the posts and the other folds' items. Round 9, micro F1 (tp/fp/fn) pages / feed items
# over the folds: weight 0 0.512 (11/4/17) / 0.544 (40/24/43); "company" 3 0.489 / 0.558, 5 0.533
# (12/5/16) / 0.555, 10 0.533 (12/5/16) / 0.564 (44/29/39) (the best), 15 0.500 / 0.561, 30 0.436
# / 0.545; "all" 1-10 0.476-0.512 / 0.534-0.550 (blog headlines naming nobody teach "none" to a
# model that is never asked about them); "kinds" 3-30: more recall, more false kinds (feeds fp 30
# -> 43); with the lead sentences, worse. Held back, weight 10 ("company"), against weight 0:
# feed items 0.49 (25/15/37) -> 0.63 (36/17/26) (part of it in-feed: the halves split items, not
# feeds), pages 0.67 (17/6/11) -> 0.62 (16/8/12); posts micro 0.76 -> 0.77 (651/169/245 ->
# 665/171/231), but bearish points 2 -> 3 of 347 and legal recall 97 -> 95 of 130. With
# ITEM_SENSITIVE off: bearish 2, pages 16/6/12, feed items 33/16/29 (with the sensitive columns
# the posts-only fit's, as now: 30/14/32), posts micro 0.76-0.77, yet legal still 95 and recall 1
# of 2 (main 2):
# the item-trained columns outscore bad news in the normalised argmax and the headline veto. A
# loss in the sensitive kinds, so the shipped file stays the posts-only one (weight 0).
ITEM_WEIGHT = 0.0
ITEM_ROWS = "company"
ITEM_LEAD = False
ITEM_LEAD_SENTENCES = 2
# Whether item rows of the sensitive kinds (layoffs, legal, outage, recall, security) are learned
# too. Without, those kinds learn from the posts alone: their items' rows are left out, and the
# sensitive kinds' one-vs-rest columns are those of the posts-only fit (fit_with_items). Off by
# default: with them (weight 10) the held-back posts' bearish points went 2 -> 3 of 347. Off, the
# normalised probabilities still move (legal 97 -> 95 of 130 held back, see ITEM_WEIGHT).
ITEM_SENSITIVE = False
NEVER = 2.0
THRESHOLDS = tuple(round(0.2 + 0.05 * i, 2) for i in range(16))  # 0.20 .. 0.95


def without_held_back(posts: list[LabelledPost], corpus: Path, drop: bool = DROP_TWINS) -> list[LabelledPost]:
    """``posts`` without those that are a held-back post under another link, cashtag or capitals
    (news_labels.twin_key); only the keys are compared, no held-back post is read or printed."""
    if not drop:
        return posts
    held = held_back_texts(corpus)
    return [p for p in posts if twin_key(p.text) not in held]


def kind_posts(
    corpus: Path = CORPUS, sent_labels: bool = True, sent_none: bool = True, drop_twins: bool = DROP_TWINS
) -> list[LabelledPost]:
    """The kinds training set: topic_train's labelled posts, then the hand-labelled sent_train
    rows whose cleaned text is not already in it (the two sets share some posts; a post twice
    would also sit on both sides of a fold); without ``sent_none`` only those that report a
    development. With ``drop_twins``, no post that twins a held-back one."""
    posts = without_held_back(load_topic_posts(corpus, LABELS, "train"), corpus, drop_twins)
    if not sent_labels:
        return posts
    seen = {clean_post(p.text) for p in posts}
    for post in load_sentiment_kinds(corpus, SENT_LABELS, "train"):
        text = clean_post(post.text)
        if text and text not in seen and (sent_none or post.kind != "none"):
            seen.add(text)
            posts.append(post)
    return without_held_back(posts, corpus, drop_twins)


def tone_posts(
    corpus: Path = CORPUS, sent_labels: bool = True, drop_twins: bool = DROP_TWINS
) -> list[LabelledPost]:
    """The tone training set: every sent_train row (its hand tone where it has one, else the
    market's) and the hand-toned topic_train rows; with ``drop_twins``, none that twins a
    held-back post."""
    topic = [p for p in load_topic_posts(corpus, LABELS, "train") if p.tone]
    posts = load_sentiment_posts(corpus, "train", SENT_LABELS if sent_labels else None) + topic
    return without_held_back(posts, corpus, drop_twins)


def tone_targets(posts: list[LabelledPost]) -> tuple[np.ndarray, np.ndarray]:
    """(market, hand) tone of each post of :func:`tone_posts`: the sentiment set's own label
    (a hand-toned topic_train row has only its hand tone) and ours where a row has one."""
    return np.array([p.sentiment or p.tone for p in posts]), np.array([p.tone for p in posts])


def fit_tone(
    x: sparse.csr_matrix, market: np.ndarray, hand: np.ndarray, share: float, alpha: float
) -> tuple[np.ndarray, np.ndarray]:
    """The tone model's (float16 weights, biases), columns in TONES: the market-tone fit, the
    hand-tone fit, or ``share`` of the hand one plus ``1 - share`` of the market one."""
    parts = [(w, fit(x, y, alpha)) for w, y in ((1.0 - share, market), (share, hand)) if w > 0]
    if len(parts) == 1:
        return weights(parts[0][1], TONES)  # one model: its own weights, as before blends existed
    coef, bias = np.zeros((len(TONES), x.shape[1])), np.zeros(len(TONES))
    for w, model in parts:  # blended at full precision, then stored as float16 like any model
        index = [list(model.classes_).index(k) for k in TONES]
        coef += w * model.coef_[index]
        bias += w * model.intercept_[index]
    return coef.T.astype(np.float16), bias


class ItemSentence(NamedTuple):
    """One training sentence of a labelled page or feed item: its text, its kind and its group
    (the feed file, or the page's site): cross-validation never splits a group."""

    text: str
    kind: str
    group: str


_NO_SITE = ("", "fakehost", "web.archive.org", "example.com", "exemple.com")


def item_group(item: LabelledPage) -> str:
    """The source an item belongs to: its feed file, or its page's site (a test page with no
    real site is a group of its own)."""
    label = item.label
    if isinstance(label, FeedLabel):
        return "feed:" + label.set_name
    host = (urlparse(item.url).hostname or "").lower().removeprefix("www.")
    return "page:" + (host if host not in _NO_SITE else f"{label.set_name}:{label.page_id}")


def _names(company: str, sentence: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(company) + r"(?!\w)", sentence, re.IGNORECASE) is not None


def item_rows(
    items: Iterable[LabelledPage], rows: str = ITEM_ROWS, lead: bool = ITEM_LEAD,
    sensitive: bool = ITEM_SENSITIVE,
) -> list[ItemSentence]:
    """Training sentences of labelled items (see ITEM_ROWS, ITEM_LEAD): the headline with the
    item's kinds (one row per kind; ``none`` when it reports none for its company or names
    none). Held-back items are never used, whatever the caller passes."""
    out = []
    for item in items:
        label = item.label
        if label.held_back or rows == "company" and not label.company:
            continue
        kinds = list(label.kinds) if label.company and label.kinds else ["none"]
        if rows == "kinds" and kinds == ["none"]:
            continue
        group = item_group(item)
        texts = [clean_post(item.title or "")]
        if lead and label.company:
            body = (item.text or "")[:BODY_CHARS]
            for start, end in sentence_spans(body)[:ITEM_LEAD_SENTENCES]:
                if _names(label.company, body[start:end]):
                    texts.append(clean_post(body[start:end]))
        out.extend(
            ItemSentence(text, kind, group)
            for text in texts
            if text
            for kind in kinds
            if sensitive or kind not in SENSITIVE_KINDS
        )
    return out


def tuning_items(corpus: Path = ARTICLES) -> list[LabelledPage]:
    """The tuning halves' labelled pages (extracted by tidings) and feed items (as a fetch stores
    them); the held-back halves are not read."""
    pages = [label for label in load_article_labels(ARTICLE_LABELS) if not label.held_back]
    feeds = [label for label in load_article_labels(FEED_LABELS, FeedLabel) if not label.held_back]
    return read_pages(corpus, pages) + read_feed_items(corpus, feeds)


def with_items(
    x: sparse.csr_matrix, y: np.ndarray, rows: list[ItemSentence], weight: float, classes: Iterable[str]
) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray | None]:
    """The posts' (x, y) with the item rows of known kinds appended at ``weight`` each, and the
    sample weights (None when nothing is added: the fit is then the posts-only one, bit for bit)."""
    known = set(classes)
    rows = [r for r in rows if r.kind in known]
    if weight <= 0 or not rows:
        return x, y, None
    ix = matrix([r.text for r in rows])
    w = np.concatenate([np.ones(x.shape[0]), np.full(len(rows), weight)])
    return sparse.vstack([x, ix]).tocsr(), np.concatenate([y, [r.kind for r in rows]]), w


def fit_with_items(
    x: sparse.csr_matrix, y: np.ndarray, alpha: float, sensitive_weight: float, classes: Sequence[str],
    items: Sequence[ItemSentence], item_weight: float, item_sensitive: bool,
) -> SGDClassifier:
    """The kinds model fitted on the posts plus the item rows; without ``item_sensitive``, its
    sensitive kinds' columns (one-vs-rest: each an independent binary fit) are the posts-only
    fit's, bit for bit."""
    fx, fy, fw = with_items(x, y, list(items), item_weight, classes)
    model = fit(fx, fy, alpha, sensitive_weight, fw)
    if fw is None or item_sensitive:
        return model
    alone = fit(x, y, alpha, sensitive_weight)
    for kind in SENSITIVE_KINDS & set(model.classes_.tolist()):
        i, j = list(model.classes_).index(kind), list(alone.classes_).index(kind)
        model.coef_[i] = alone.coef_[j]
        model.intercept_[i] = alone.intercept_[j]
    return model


def training_set(
    posts: list[LabelledPost],
) -> tuple[list[LabelledPost], list[str], sparse.csr_matrix, np.ndarray]:
    """The posts of kinds with at least MIN_EXAMPLES posts, their sorted kinds, features and
    gold kinds: what the kinds model is fitted on."""
    counts = Counter(p.kind for p in posts)
    kept = [p for p in posts if counts[p.kind] >= MIN_EXAMPLES]
    x = matrix([clean_post(p.text) for p in kept])
    return kept, sorted({p.kind for p in kept}), x, np.array([p.kind for p in kept])


def matrix(texts: list[str]) -> sparse.csr_matrix:
    rows, cols, vals = [], [], []
    for i, text in enumerate(texts):
        buckets, values = sentence_features(text)
        rows.extend([i] * len(buckets))
        cols.extend(buckets.tolist())
        vals.extend(values.tolist())
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(texts), N_BUCKETS), dtype=np.float64)


def fit(
    x: sparse.csr_matrix, y: np.ndarray, alpha: float, sensitive_weight: float = 1.0,
    sample_weight: np.ndarray | None = None,
) -> SGDClassifier:
    # One-vs-rest logistic regression by SGD: lbfgs multinomial took minutes per fit on this
    # machine, SGD seconds. Balanced class weights: "none" outnumbers most kinds 100 to 1.
    # Round 6 measured lighter weights: the square root of the balanced ones gave the folds'
    # whole analysis (tune_combination.py, veto) micro F1 0.742 against 0.753; no weights lost
    # the small kinds (argmax macro F1 0.590 against 0.679). ``sensitive_weight`` multiplies the
    # sensitive kinds' balanced weights (SENSITIVE_WEIGHT: recall first for bad news).
    weight: str | dict[str, float] = "balanced"
    if sensitive_weight != 1.0 and SENSITIVE_KINDS & set(y.tolist()):
        classes, counts = np.unique(y, return_counts=True)
        weight = {
            str(k): len(y) / (len(classes) * n) * (sensitive_weight if k in SENSITIVE_KINDS else 1.0)
            for k, n in zip(classes, counts, strict=True)
        }
    model = SGDClassifier(
        loss="log_loss", alpha=alpha, max_iter=EPOCHS, tol=None, random_state=SEED,
        class_weight=weight,
    )
    model.fit(x, y, sample_weight=sample_weight)
    return model


def out_of_fold(
    x: sparse.csr_matrix, y: np.ndarray, alpha: float, classes: list[str], sensitive_weight: float = 1.0,
    items: Sequence[ItemSentence] = (), item_weight: float = 0.0, item_sensitive: bool = ITEM_SENSITIVE,
) -> np.ndarray:
    """Out-of-fold P(kind) of the posts; item rows, when given, join every fold's training side
    (the thresholds stay chosen on posts)."""
    probs = np.zeros((len(y), len(classes)))
    folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    for train, test in folds.split(np.zeros(len(y)), y):
        model = fit_with_items(
            x[train], y[train], alpha, sensitive_weight, classes, items, item_weight, item_sensitive
        )
        order = [list(model.classes_).index(k) for k in classes]
        probs[test] = model.predict_proba(x[test])[:, order]
    return probs


def f1(gold: np.ndarray, pred: np.ndarray, kind: str) -> float:
    tp = int(np.sum((gold == kind) & (pred == kind)))
    fp = int(np.sum((gold != kind) & (pred == kind)))
    fn = int(np.sum((gold == kind) & (pred != kind)))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def kind_thresholds(
    probs: np.ndarray, gold: np.ndarray, classes: list[str]
) -> tuple[dict[str, float], list[str]]:
    """Per kind, a threshold of best out-of-fold F1 among those with precision >= MIN_PRECISION.

    A kind no threshold makes precise enough is left to the rules (threshold above 1: never).
    """
    best = probs.argmax(axis=1)
    top = probs.max(axis=1)
    chosen = {}
    veto = []
    for index, kind in enumerate(classes):
        if kind == "none":
            continue
        scored = []
        for t in THRESHOLDS:
            said = (best == index) & (top >= t)
            tp = int(np.sum(said & (gold == kind)))
            if not tp or tp / int(np.sum(said)) < MIN_PRECISION:
                continue
            pred = np.where(said, kind, "other")
            scored.append((f1(gold, pred, kind), -t))
        if not scored:
            chosen[kind] = NEVER
            print(f"  {kind:<12} n={int(np.sum(gold == kind)):>5} left to the rules (no precise threshold)")
            continue
        score = max(f for f, _ in scored)
        # Where F1 is flat (within F1_TIE of the best), good news takes the strictest threshold (a
        # wrong talking point costs more than a missed one) and bad news the loosest (recall first).
        near = [-t for f, t in scored if f >= score - F1_TIE]
        chosen[kind] = min(near) if kind in SENSITIVE_KINDS else max(near)
        neg_t = -chosen[kind]
        if kind not in VETO_NEVER:
            veto.append(kind)
        n = int(np.sum(gold == kind))
        at = next(f for f, t in scored if t == neg_t)
        print(f"  {kind:<12} n={n:>5} threshold {-neg_t:.2f} out-of-fold F1 {at:.3f} (best {score:.3f})")
    print(f"  kinds the model may veto: {', '.join(veto)}")
    return chosen, veto


def weights(model: SGDClassifier, order: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(N_BUCKETS, classes) float16 weights and float64 biases, columns in ``order``."""
    index = [list(model.classes_).index(k) for k in order]
    return model.coef_[index].T.astype(np.float16), model.intercept_[index].astype(np.float64)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--without-sent-labels", action="store_true",
                        help="leave out training/labels/sent_kinds.csv (train as before it existed)")
    parser.add_argument("--kinds-labels", choices=("all", "developments", "topic"), default=KINDS_LABELS,
                        help="learn the kinds of topic_train and sent_kinds.csv (all; developments: only "
                        "its rows with a kind) or of topic_train only")
    parser.add_argument("--tone-labels", choices=("hand", "market", "blend"), default=TONE_LABELS,
                        help="the tone model learns our tone of sent_kinds.csv rows, the market label, or "
                        "a blend of the two models (--tone-hand-share)")
    parser.add_argument("--tone-hand-share", type=float, default=TONE_HAND_SHARE,
                        help="with --tone-labels blend: the hand-tone model's share of the weights")
    parser.add_argument("--sensitive-weight", type=float, default=SENSITIVE_WEIGHT,
                        help="multiply the sensitive kinds' balanced class weights by this")
    parser.add_argument("--twins", choices=("keep", "drop"), default="drop" if DROP_TWINS else "keep",
                        help="keep or drop the training posts that twin a held-back post")
    parser.add_argument("--item-weight", type=float, default=ITEM_WEIGHT,
                        help="weight of each tuning-half page / feed item headline (0: none)")
    parser.add_argument("--item-rows", choices=("company", "all", "kinds"), default=ITEM_ROWS,
                        help="which items' headlines: naming a company, all, or only those with a kind")
    parser.add_argument("--item-lead", action=argparse.BooleanOptionalAction, default=ITEM_LEAD,
                        help="also the lead sentences that name the item's company")
    parser.add_argument("--item-sensitive", action=argparse.BooleanOptionalAction, default=ITEM_SENSITIVE,
                        help="also the items' rows of sensitive kinds")
    parser.add_argument("--articles", type=Path, default=ARTICLES,
                        help="the shared corpus holding the article sets and feeds")
    parser.add_argument("--thresholds-on", choices=("all", "topic"), default=THRESHOLDS_ON,
                        help="choose the per-kind thresholds on every training post or on topic_train's")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"{args.corpus}: the news-labels corpus is not there")
    sent_labels = not args.without_sent_labels

    posts = kind_posts(
        args.corpus, sent_labels and args.kinds_labels != "topic", args.kinds_labels == "all",
        args.twins == "drop",
    )
    counts = Counter(p.kind for p in posts)
    kept = [p for p in posts if counts[p.kind] >= MIN_EXAMPLES]
    classes = sorted({p.kind for p in kept})
    files = Counter(p.file for p in kept)
    print(f"kinds: {len(kept)} posts ({', '.join(f'{n} of {f}' for f, n in files.items())}; "
          f"{len(posts) - len(kept)} of rare kinds left out)")
    x = matrix([clean_post(p.text) for p in kept])
    y = np.array([p.kind for p in kept])
    items: list[ItemSentence] = []
    if args.item_weight > 0:
        if not args.articles.is_dir():
            sys.exit(f"{args.articles}: the article sets and feeds are not there")
        rows = item_rows(tuning_items(args.articles), args.item_rows, args.item_lead, args.item_sensitive)
        items = [r for r in rows if r.kind in classes]
        by_kind = sorted(Counter(r.kind for r in items).items())
        print(f"items: {len(items)} sentences of the tuning halves' pages and feed items at weight "
              f"{args.item_weight} ({', '.join(f'{k} {n}' for k, n in by_kind)})")
    scores = {}
    for c in ALPHAS:
        probs = out_of_fold(
            x, y, c, classes, args.sensitive_weight, items, args.item_weight, args.item_sensitive
        )
        pred = np.array(classes)[probs.argmax(axis=1)]
        scores[c] = (np.mean([f1(y, pred, k) for k in classes if k != "none"]), probs)
        print(f"  alpha={c}: out-of-fold macro F1 {scores[c][0]:.3f}")
    c_kinds = max(scores, key=lambda c: scores[c][0])
    on = np.array([args.thresholds_on == "all" or p.file.startswith("topic_") for p in kept])
    thresholds, veto = kind_thresholds(scores[c_kinds][1][on], y[on], classes)
    kinds_model = fit_with_items(
        x, y, c_kinds, args.sensitive_weight, classes, items, args.item_weight, args.item_sensitive
    )
    with_rows = args.item_weight > 0 and bool(items)

    shares = {"market": 0.0, "hand": 1.0, "blend": args.tone_hand_share}
    share = shares[args.tone_labels] if sent_labels else 0.0
    hand_tone = share > 0
    toned = tone_posts(args.corpus, sent_labels, args.twins == "drop")
    sentiment = [p for p in toned if p.sentiment]
    replaced = sum(p.tone != p.sentiment for p in sentiment)
    print(f"tone: {len(sentiment)} posts of sent_train.csv ({replaced} with a hand tone other than the "
          f"market's) + {len(toned) - len(sentiment)} hand-labelled topic_train posts; the hand tone's "
          f"share {share}")
    tx = matrix([clean_post(p.text) for p in toned])
    market, hand = tone_targets(toned)
    ty = hand if share == 1.0 else market  # the folds' strata, and the labels the score is read against
    tscores = {}
    for c in TONE_ALPHAS:
        probs = np.zeros((len(ty), len(TONES)))
        folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
        for train, test in folds.split(np.zeros(len(ty)), ty):
            w, b = fit_tone(tx[train], market[train], hand[train], share, c)
            probs[test] = tx[test] @ w.astype(np.float64) + b  # logits: the argmax is the same
        pred = np.array(TONES)[probs.argmax(axis=1)]
        tscores[c] = np.mean([f1(ty, pred, k) for k in TONES])
        print(f"  alpha={c}: out-of-fold macro F1 {tscores[c]:.3f}")
    c_tone = max(tscores, key=lambda c: tscores[c])
    tw, tb = fit_tone(tx, market, hand, share, c_tone)
    kw, kb = weights(kinds_model, classes)
    bad_threshold = BAD_THRESHOLD

    meta = {
        "feature_version": FEATURE_VERSION,
        "kind_thresholds": thresholds,
        "veto_kinds": veto,
        "bad_threshold": bad_threshold,
        "alpha": {"kinds": c_kinds, "tone": c_tone},
        "link": "ovr",
        "training_rows": {"kinds": len(kept), "tone": len(toned)}
        | ({"items": len(items)} if with_rows else {}),
        "data": "twitter-financial-news-topic and -sentiment v1.0.0 train splits (MIT), "
        "hand labels training/labels/topic_kinds.csv"
        + (" and sent_kinds.csv" if hand_tone or (sent_labels and args.kinds_labels != "topic") else ""),
    }
    if with_rows:
        meta["items"] = {
            "weight": args.item_weight, "rows": args.item_rows, "lead": args.item_lead,
            "sensitive": args.item_sensitive,
        }
        meta["data"] += (
            "; headlines of the tuning halves of training/labels/article_kinds.csv and feed_kinds.csv "
            "(pages and feeds of the shared corpus: Apache-2.0 / MIT / BSD-2-Clause)"
        )
    if 0 < share < 1:
        meta["tone_hand_share"] = share
    if BODY_BAD_THRESHOLD is not None:
        meta["body_bad_threshold"] = BODY_BAD_THRESHOLD
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("wb") as handle:
        np.savez_compressed(
            handle,
            kinds_classes=np.array(classes), kinds_weights=kw, kinds_bias=kb,
            tone_classes=np.array(TONES), tone_weights=tw, tone_bias=tb,
            meta=np.array(json.dumps(meta, sort_keys=True)),
        )
    # The run-time scorer (float16 weights, NumPy) must agree with scikit-learn's own predictions.
    agree = np.mean(
        (x @ kw.astype(np.float64) + kb).argmax(axis=1) == np.searchsorted(classes, kinds_model.predict(x))
    )  # classes are sorted, so searchsorted gives each predicted class's column
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB); run-time argmax agrees on {agree:.2%}")


if __name__ == "__main__":
    main()
