"""The shipped model and the measure on real finance news (../shared/corpus/news-labels, MIT).

The held-back figures are bench/analysis_core.py's; this test only guards them from sliding back
(aggregates only: no held-back text is printed or asserted on).
"""

from __future__ import annotations

import gzip
import json
from functools import partial
from pathlib import Path

import pytest

from tidings.analysis.events import EVENT_KINDS, SENSITIVE_KINDS, classify_events, load_rules
from tidings.analysis.features import N_BUCKETS, sentence_features
from tidings.analysis.model import MODEL_FILE, default_models, score_sentence
from tidings.analysis.news_labels import (
    KindTable,
    classify_posts,
    clean_post,
    load_sentiment_posts,
    load_topic_posts,
    post_subject,
)
from tidings.analysis.sentences import sentence_spans

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
NEWS = SHARED / "news-labels"
LABELS = ROOT / "training" / "labels" / "topic_kinds.csv"


def test_model_file_is_small_and_scores_what_training_saw() -> None:
    size = (ROOT / "src" / "tidings" / MODEL_FILE).stat().st_size
    assert size < 20_000_000
    models = default_models()
    assert models.kinds.weights.shape == (N_BUCKETS, len(models.kinds.classes))
    assert {"none", "acquisition", "earnings", "leadership", "legal"} <= set(models.kinds.classes)
    assert models.tone.classes == ("bad", "good", "neutral")
    sentence = "Globex names Jane Park chief financial officer, the company said on Tuesday."
    # the remembered word-by-word scores equal the training features' scores
    fast = models.score_text(sentence)
    slow = models.score(*sentence_features(sentence))
    assert all(abs(a - b) < 1e-9 for a, b in zip(fast[0] + fast[1], slow[0] + slow[1], strict=True))
    # deterministic: the same sentence scores the same again
    assert score_sentence(sentence) == score_sentence(sentence)
    assert max(score_sentence(sentence).kinds, key=score_sentence(sentence).kinds.get) == "leadership"


def test_post_cleaning_and_subject() -> None:
    assert clean_post("$SPR - Spirit AeroSystems declares $0.01 dividend  https://t.co/x") == (
        "Spirit AeroSystems declares $0.01 dividend"
    )
    assert post_subject("Spirit AeroSystems declares $0.01 dividend") == "Spirit AeroSystems"
    assert post_subject("UnitedLex Launches Predictive Modeling") == "UnitedLex"
    assert post_subject("Here are Monday's biggest analyst calls") is None
    # the name ends where punctuation ends it, so that it reads in the headline as it stands there
    assert post_subject("BankUnited, Inc. Reports Second Quarter 2022 Results") == "BankUnited"
    assert post_subject("Medtronic: FDA clears UNiD Spine Analyzer") == "Medtronic"
    assert post_subject("CSX Corporation (CSX) CEO Jim Foote on Q2 2022 Results") == "CSX Corporation"


def test_tone_triggers_cover_every_bad_phrase_on_real_text() -> None:
    truth = SHARED / "articles"
    if not truth.is_dir():
        pytest.skip("shared corpus not present")
    rules = load_rules()
    assert rules.bad_tone is not None and rules.bad_triggers is not None
    untriggered = type(rules)(rules.kinds, rules.bad_tone, None)
    sentences: list[str] = []
    for path in sorted(truth.glob("*/ground_truth.normalized.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                body = (record.get("body") or record.get("body_prefix") or "")[:3000]
                sentences.extend(body[a:b] for a, b in sentence_spans(body))
    assert len(sentences) > 1000
    misses = [s for s in sentences if untriggered.sounds_bad(s) and not rules.sounds_bad(s)]
    assert misses == [], misses[:5]


@pytest.mark.skipif(not NEWS.is_dir(), reason="news-labels corpus not present")
def test_held_back_figures_do_not_slide_back() -> None:
    posts = load_topic_posts(NEWS, LABELS, "valid")
    assert len(posts) > 3000
    outcomes = classify_posts(posts, classify_events, SENSITIVE_KINDS)
    table = KindTable.score([p.kind for p in posts], [o.kind for o in outcomes], EVENT_KINDS)
    # Round 6 measured micro F1 0.76 (as round 3; round 2's code 0.74 on the same harness, main's
    # rules 0.47); acquisition 0.76, earnings 0.82, leadership 0.80, legal 0.81 (goal 0.85:
    # missed); layoffs recall 9 of 11. The margins allow a retrain's noise, not a slide back.
    assert table.f1() >= 0.74
    for kind, floor in (("acquisition", 0.73), ("earnings", 0.79), ("leadership", 0.77), ("legal", 0.78)):
        assert table.f1(kind) >= floor, kind
    assert table.tp["layoffs"] >= 8
    bearish = [p for p in load_sentiment_posts(NEWS, "valid") if p.tone == "bad"]
    results = classify_posts(bearish, partial(classify_events), SENSITIVE_KINDS)
    # The goal is 0 and is missed: round 3 measures 2 of 347 (round 2's code also 2 on this
    # harness, which now finds subjects such as "BankUnited, Inc."; 1 on the harness before).
    assert sum(o.point for o in results) <= 2


@pytest.mark.skipif(not NEWS.is_dir(), reason="news-labels corpus not present")
def test_training_reads_only_the_tuning_half() -> None:
    train = load_topic_posts(NEWS, LABELS, "train")
    assert {p.file for p in train} == {"topic_train.csv"}
    assert all(clean_post(p.text) == clean_post(p.text).strip() for p in train[:50])
