"""Training the kinds and tone models (training/train_kinds.py) and the tone gate of headlines and
body sentences.

The training tests run on tiny made-up corpora and labels (scikit-learn only: they skip without
it); the gate tests run the shipped analysis with its gates replaced.
"""

from __future__ import annotations

import importlib.util
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from tests.test_sent_labels import _write
from tidings.analysis.events import classify_events
from tidings.analysis.mentions import MentionMatcher
from tidings.analysis.model import Models, default_models, score_sentence
from tidings.models import Company

ROOT = Path(__file__).resolve().parents[1]
ACME = Company(slug="acme", name="Acme Robotics", aliases=("Acme",))
COMPANIES = {ACME.slug: ACME}
MATCHER = MentionMatcher([ACME])


def _train_kinds():
    pytest.importorskip("sklearn")
    spec = importlib.util.spec_from_file_location("train_kinds", ROOT / "training" / "train_kinds.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_training_leaves_out_posts_that_twin_a_held_back_post(tmp_path: Path, monkeypatch) -> None:
    tk = _train_kinds()
    corpus = tmp_path / "news-labels"
    topic, sent = corpus / "twitter-financial-news-topic", corpus / "twitter-financial-news-sentiment"
    _write(topic / "topic_train.csv", ["text", "label"], [
        ["$ACME Acme names Jane Park chief financial officer https://t.co/x", 17],
        ["Globex quarterly profit beats estimates", 5],
        ["Initech unveils a printer line", 2],
    ])
    # the same leadership post under another cashtag, link and capitals is held back
    _write(topic / "topic_valid.csv", ["text", "label"], [
        ["ACME NAMES JANE PARK CHIEF FINANCIAL OFFICER https://t.co/y", 17],
    ])
    _write(sent / "sent_train.csv", ["text", "label"], [
        ["Globex shares fall 3% after guidance cut", 0],
        ["Hooli stock jumps on record orders", 1],
    ])
    _write(sent / "sent_valid.csv", ["text", "label"], [["$HOOLI Hooli stock jumps on record orders!", 1]])
    topic_labels, sent_labels = tmp_path / "topic_kinds.csv", tmp_path / "sent_kinds.csv"
    _write(topic_labels, ["file", "row", "topic", "kind", "tone"],
           [["topic_train.csv", 2, 2, "launch", "good"]])
    _write(sent_labels, ["file", "row", "kind", "tone"], [["sent_train.csv", 0, "earnings", "bad"]])
    monkeypatch.setattr(tk, "LABELS", topic_labels)
    monkeypatch.setattr(tk, "SENT_LABELS", sent_labels)

    kept = tk.kind_posts(corpus, sent_labels=False, drop_twins=True)
    assert [(p.file, p.row) for p in kept] == [("topic_train.csv", 1), ("topic_train.csv", 2)]
    every = tk.kind_posts(corpus, sent_labels=False, drop_twins=False)
    assert [p.row for p in every] == [0, 1, 2]
    toned = tk.tone_posts(corpus, drop_twins=True)
    assert [(p.file, p.row, p.tone) for p in toned] == [
        ("sent_train.csv", 0, "bad"), ("topic_train.csv", 2, "good")
    ]
    assert len(tk.tone_posts(corpus, drop_twins=False)) == 3
    market, hand = tk.tone_targets(toned)
    assert market.tolist() == ["bad", "good"] and hand.tolist() == ["bad", "good"]


def _toy(tk, n: int = 240):
    rng = np.random.default_rng(0)
    texts = [
        f"{rng.choice(['Acme', 'Globex', 'Hooli'])} {word} {rng.choice(['today', 'again', 'in Ohio'])}"
        for word in rng.choice(["launches a robot", "cuts jobs", "misses estimates", "holds a meeting"], n)
    ]
    x = tk.matrix(texts)
    market = np.array(["bad" if "misses" in t else "good" if "launch" in t else "neutral" for t in texts])
    hand = np.array(["bad" if ("misses" in t or "cuts" in t) else "good" if "launch" in t else "neutral"
                     for t in texts])
    return texts, x, market, hand


def test_a_blended_tone_model_is_the_weighted_sum_of_the_two_fits() -> None:
    tk = _train_kinds()
    _, x, market, hand = _toy(tk)
    w0, b0 = tk.fit_tone(x, market, hand, 0.0, 1e-4)
    w1, b1 = tk.fit_tone(x, market, hand, 1.0, 1e-4)
    wq, bq = tk.fit_tone(x, market, hand, 0.25, 1e-4)
    # share 0 is the market model as train_kinds.py fitted it before blends existed
    alone, bias = tk.weights(tk.fit(x, market, 1e-4), tk.TONES)
    assert np.array_equal(w0, alone) and np.array_equal(b0, bias)
    assert wq.dtype == np.float16 and wq.shape == w0.shape
    expected = 0.75 * w0.astype(np.float64) + 0.25 * w1.astype(np.float64)
    assert np.allclose(wq.astype(np.float64), expected, atol=2e-3)
    assert np.allclose(bq, 0.75 * b0 + 0.25 * b1)
    # the hand labels call job cuts bad, the market does not: the blend sits between the two
    cuts = tk.matrix(["Acme cuts jobs today"])

    def p_bad(w: np.ndarray, b: np.ndarray) -> float:
        logits = (cuts @ w.astype(np.float64) + b)[0]
        probs = 1 / (1 + np.exp(-logits))
        return float(probs[0] / probs.sum())

    assert p_bad(w0, b0) < p_bad(wq, bq) < p_bad(w1, b1)


def test_a_sensitive_kind_weighs_more_with_the_sensitive_weight() -> None:
    tk = _train_kinds()
    texts, x, _, _ = _toy(tk)
    y = np.array(["layoffs" if "cuts" in t else "launch" if "launch" in t else "none" for t in texts])
    y[::7] = "none"  # noise, so that weights matter
    plain = tk.fit(x, y, 1e-4)
    heavy = tk.fit(x, y, 1e-4, sensitive_weight=4.0)
    index = list(plain.classes_).index("layoffs")
    cuts = y == "layoffs"
    assert heavy.predict_proba(x)[cuts, index].mean() > plain.predict_proba(x)[cuts, index].mean()
    # the factor 1 is the balanced weighting itself: the same fit, bit for bit
    same = tk.fit(x, y, 1e-4, sensitive_weight=1.0)
    assert np.array_equal(same.coef_, plain.coef_)


def _gates(headline: float, body: float | None) -> Models:
    m = default_models()
    return Models(m.kinds, m.tone, m.kind_thresholds, headline, m.meta, m.veto_kinds, body)


def _tones(title: str, lead: str, models: Models) -> set[str]:
    events = classify_events(title, lead, MATCHER.find(title, lead), COMPANIES, models=models)
    return {e.tone for e in events if e.kind == "launch"}


def test_a_body_sentence_has_its_own_gate() -> None:
    sentence = "Acme today launched Harbor, an API that plans routes for delivery fleets."
    title = "Acme Robotics: a robot for every warehouse"
    p_sentence = score_sentence(sentence).tone["bad"]
    p_title = score_sentence(title).tone["bad"]
    assert p_title < p_sentence  # the test's premise, on the shipped tone model
    headline = (p_title + p_sentence) / 2
    # the same sentence: bad news as a headline (its P(bad) over the headline gate), not in the
    # body when the body's gate is above its P(bad)
    split = _gates(headline, p_sentence + 0.01)
    assert _tones(sentence, "", split) == {"bad"}
    assert _tones(title, sentence, split) - {"bad"}
    # without a body gate the headline's holds for the body too, as before
    assert _tones(title, sentence, _gates(headline, None)) == {"bad"}
    # a body gate under the sentence's P(bad) makes it bad whatever the headline's
    assert _tones(title, sentence, _gates(2.0, p_sentence - 0.01)) == {"bad"}


def test_the_shipped_gates_come_from_the_model_file() -> None:
    m = default_models()
    assert m.bad_threshold == m.meta["bad_threshold"]
    assert m.body_bad_threshold == m.meta.get("body_bad_threshold")
    assert m.bad_threshold_of(in_body=False) == m.bad_threshold
    body = m.body_bad_threshold if m.body_bad_threshold is not None else m.bad_threshold
    assert m.bad_threshold_of(in_body=True) == body
    assert replace(m, body_bad_threshold=0.5).bad_threshold_of(in_body=True) == 0.5
