"""The shipped linear models: kind of development and tone of a sentence, scored with NumPy.

Weights come from ``data/kinds_model.npz``, written by ``training/train_kinds.py`` (scikit-learn
one-vs-rest logistic regression over :mod:`tidings.analysis.features`). Nothing is downloaded; the scores
of a sentence are the same on every run and machine. A missing or mismatched file raises
:class:`tidings.errors.ConfigError`: the analysis never silently runs without its model.
"""

from __future__ import annotations

import json
import logging
import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

import numpy as np

from tidings.analysis.features import FEATURE_VERSION, N_BUCKETS, bigram_parts, grams_of, tokens
from tidings.errors import ConfigError

__all__ = ["LinearModel", "SentenceScores", "default_models", "score_sentence", "score_sentences"]

logger = logging.getLogger(__name__)
MODEL_FILE = "data/kinds_model.npz"
_MEMO_WORDS = 20_000  # words whose shares are remembered before starting over (a 3 MB table)
# sentences whose scores are remembered before starting over (1.9 MB when full, counted
# against fetch's peak memory): syndicated copies, boilerplate and the headline read again for
# the tone are scored once
_MEMO_SENTENCES = 1024


@dataclass(frozen=True)
class LinearModel:
    """A linear classifier over hashed features: one-vs-rest logistic ("ovr") or softmax."""

    classes: tuple[str, ...]
    weights: np.ndarray  # (N_BUCKETS, classes): a sentence reads a few hundred rows
    bias: np.ndarray  # (classes,)
    link: str = "ovr"

    def probabilities(self, buckets: np.ndarray, values: np.ndarray) -> np.ndarray:
        rows = self.weights[buckets].astype(np.float64)
        logits = values @ rows + self.bias if len(buckets) else self.bias.copy()
        return self.normalise(logits)

    def normalise(self, logits: np.ndarray) -> np.ndarray:
        if self.link == "ovr":
            # each class's own sigmoid, normalised: what scikit-learn's predict_proba returns
            probs = 1.0 / (1.0 + np.exp(-np.clip(logits, -50.0, 50.0)))
            return probs / probs.sum()
        logits = logits - logits.max()
        exp = np.exp(logits)
        return exp / exp.sum()


@dataclass(frozen=True)
class Models:
    """The kinds model, the tone model and the thresholds tuned on the training split."""

    kinds: LinearModel
    tone: LinearModel
    kind_thresholds: dict[str, float]  # least P(kind) for the model alone to report a kind
    bad_threshold: float  # least P(bad) that makes a sentence bad news
    meta: dict
    # kinds whose pattern matches the model may veto (those it scored well on the folds)
    veto_kinds: frozenset[str] = frozenset()
    # least P(bad) that makes a body sentence bad news (None: ``bad_threshold``, the headline's):
    # the tone model learned from headline-like posts and reads more P(bad) into plain prose
    body_bad_threshold: float | None = None
    # both models' weights side by side: a sentence's rows are gathered once
    _joint: np.ndarray = field(init=False, repr=False, compare=False)
    _kinds_bias: list[float] = field(init=False, repr=False, compare=False)
    _tone_bias: list[float] = field(init=False, repr=False, compare=False)
    # each word's share of the logits, remembered (see score_text)
    _word_shares: _WordShares = field(init=False, repr=False, compare=False)
    # sentence -> its scores, remembered by score_sentence
    _sentences: dict[str, SentenceScores] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # One copy of the weights: both models' columns side by side, in the stored precision
        # (float16 as shipped: 2 bytes a weight; sums are taken in float64). The two models then
        # read views of it, so the loaded file's own arrays can be freed.
        dtype = np.result_type(self.kinds.weights.dtype, self.tone.weights.dtype)
        joint = np.ascontiguousarray(np.hstack([self.kinds.weights, self.tone.weights]), dtype=dtype)
        n = len(self.kinds.classes)
        object.__setattr__(self, "_joint", joint)
        object.__setattr__(self, "kinds", replace(self.kinds, weights=joint[:, :n]))
        object.__setattr__(self, "tone", replace(self.tone, weights=joint[:, n:]))
        object.__setattr__(self, "_kinds_bias", self.kinds.bias.tolist())
        object.__setattr__(self, "_tone_bias", self.tone.bias.tolist())
        object.__setattr__(self, "_word_shares", _WordShares(joint.shape[1]))
        object.__setattr__(self, "_sentences", {})

    def bad_threshold_of(self, in_body: bool) -> float:
        """The least P(bad) that makes a headline (or a body sentence) bad news."""
        if in_body and self.body_bad_threshold is not None:
            return self.body_bad_threshold
        return self.bad_threshold

    def score_text(self, text: str) -> tuple[list[float], list[float]]:
        """(P(kind), P(tone)) of a sentence, in the models' class order.

        Equal to scoring :func:`sentence_features` (features are counts over the root of their
        total, so the scores add up word by word), but each word's share is remembered.
        """
        words = tokens(text)
        if not words:
            return self._finish([0.0] * self._joint.shape[1])
        memo = self._word_shares
        rows = memo.rows
        if len(rows) + len(words) > _MEMO_WORDS:
            rows.clear()  # start over between sentences: this sentence's rows stay valid
        ids = []
        parts = []
        total = len(words) - 1  # the bigrams
        for word in words:
            known = rows.get(word)
            if known is None:
                grams = grams_of(word)  # the share is remembered, the ids need not be
                share = np.add.reduce(self._joint.take(grams, axis=0).astype(np.float64))
                known = memo.add(word, share, len(grams), bigram_parts(word))
            ids.append(known[0])
            total += known[1]
            parts.append(known[2])
        # One gather of the words' rows, then the bigrams' sum added last: the same additions
        # in the same order as summing the list of shares (NumPy sums rows one after another).
        # take() gathers the same rows as indexing with the list, at half the cost; the float16
        # rows are cast exactly before the same sums (a reduce casting as it goes is slower).
        summed = np.add.reduce(memo.table.take(ids, axis=0))
        if len(words) > 1:
            crc32 = zlib.crc32
            mask = N_BUCKETS - 1
            # the ids features.bigram_ids gives
            bigrams = [crc32(b[1], a[0]) & mask for a, b in zip(parts, parts[1:], strict=False)]
            summed = summed + np.add.reduce(self._joint.take(bigrams, axis=0).astype(np.float64))
        return self._finish((summed / math.sqrt(total)).tolist())

    def score_many(self, texts: Sequence[str]) -> list[tuple[list[float], list[float]]]:
        """:meth:`score_text` of each of ``texts``, with the NumPy work done once for them all.

        The same arithmetic in the same order, so the same bits: one gather of every sentence's
        word rows and one of its bigram rows, each summed per sentence by ``np.add.reduceat``,
        which adds a segment's rows one after another as ``np.add.reduce`` does one sentence's
        (a test compares the bytes). Per sentence that saves four NumPy calls, and the Python
        steps of a batch run one after another on warm caches.
        """
        memo = self._word_shares
        rows = memo.rows
        mask = N_BUCKETS - 1
        crc32 = zlib.crc32
        results: list[tuple[list[float], list[float]] | None] = [None] * len(texts)
        # (index, ids, bigram ids, total) of the sentences of the batch holding a word
        pending: list[tuple[int, list[int], list[int], int]] = []
        for i, text in enumerate(texts):
            words = tokens(text)
            if not words:
                results[i] = self._finish([0.0] * self._joint.shape[1])
                continue
            if len(rows) + len(words) > _MEMO_WORDS:
                # the table starts over: first sum what is gathered so far, while its rows hold
                self._sum_pending(pending, results)
                pending = []
                rows.clear()
            ids = []
            parts = []
            total = len(words) - 1
            for word in words:
                known = rows.get(word)
                if known is None:
                    grams = grams_of(word)
                    share = np.add.reduce(self._joint.take(grams, axis=0).astype(np.float64))
                    known = memo.add(word, share, len(grams), bigram_parts(word))
                ids.append(known[0])
                total += known[1]
                parts.append(known[2])
            bigrams = [crc32(b[1], a[0]) & mask for a, b in zip(parts, parts[1:], strict=False)]
            pending.append((i, ids, bigrams, total))
        self._sum_pending(pending, results)
        return results  # type: ignore[return-value]

    def _sum_pending(
        self,
        pending: list[tuple[int, list[int], list[int], int]],
        results: list[tuple[list[float], list[float]] | None],
    ) -> None:
        if not pending:
            return
        table = self._word_shares.table
        starts: list[int] = []
        flat: list[int] = []
        for _, ids, _, _ in pending:
            starts.append(len(flat))
            flat.extend(ids)
        summed = np.add.reduceat(table.take(flat, axis=0), starts, axis=0)
        # bigram sums of the sentences with two words or more (reduceat has no empty segment)
        with_bigrams = [n for n, entry in enumerate(pending) if entry[2]]
        if with_bigrams:
            starts, flat = [], []
            for n in with_bigrams:
                starts.append(len(flat))
                flat.extend(pending[n][2])
            bigram_sums = np.add.reduceat(self._joint.take(flat, axis=0).astype(np.float64), starts, axis=0)
            summed[with_bigrams] = summed[with_bigrams] + bigram_sums
        for row, (i, _, _, total) in zip(summed, pending, strict=True):
            results[i] = self._finish((row / math.sqrt(total)).tolist())

    def score(self, buckets: np.ndarray, values: np.ndarray) -> tuple[list[float], list[float]]:
        """(P(kind), P(tone)) of one sentence's features, in the models' class order."""
        n = len(self.kinds.classes)
        if len(buckets):
            logits = (values @ self._joint[buckets].astype(np.float64)).tolist()
        else:
            logits = [0.0] * (n + len(self.tone.classes))
        return self._finish(logits)

    def _finish(self, logits: list[float]) -> tuple[list[float], list[float]]:
        n = len(self.kinds.classes)
        # 18 numbers: plain Python is quicker than NumPy's per-call overhead here
        kinds = [z + b for z, b in zip(logits[:n], self._kinds_bias, strict=True)]
        tone = [z + b for z, b in zip(logits[n:], self._tone_bias, strict=True)]
        return _normalise(kinds, self.kinds.link), _normalise(tone, self.tone.link)


class _WordShares:
    """Words' shares of the logits as rows of one float64 table (word -> (row, features)), so
    a sentence's shares are gathered in one call; with each word, its part of the bigram hashes.
    Starts over after _MEMO_WORDS words."""

    def __init__(self, width: int) -> None:
        # word -> (row, number of features, features.bigram_parts(word))
        self.rows: dict[str, tuple[int, int, tuple[int, bytes]]] = {}
        self.table = np.zeros((256, width))

    def add(
        self, word: str, share: np.ndarray, count: int, parts: tuple[int, bytes]
    ) -> tuple[int, int, tuple[int, bytes]]:
        row = len(self.rows)
        if row == len(self.table):
            grown = np.zeros((2 * row, self.table.shape[1]))
            grown[:row] = self.table
            self.table = grown
        self.table[row] = share
        known = self.rows[word] = (row, count, parts)
        return known


def _normalise(logits: list[float], link: str) -> list[float]:
    if link == "ovr":
        # z clipped to [-50, 50] (NaN to -50, as min(50, max(-50, z)) does), written inline:
        # 18 numbers a sentence, where each builtin call costs more than the arithmetic
        probs = [
            1.0 / (1.0 + math.exp(-(z if -50.0 <= z <= 50.0 else 50.0 if z > 50.0 else -50.0)))
            for z in logits
        ]
    else:
        top = max(logits)
        probs = [math.exp(z - top) for z in logits]
    total = sum(probs)
    return [p / total for p in probs]


@dataclass(frozen=True)
class SentenceScores:
    kinds: dict[str, float]
    tone: dict[str, float]


def _linear(data: np.lib.npyio.NpzFile, prefix: str, link: str) -> LinearModel:
    classes = tuple(str(c) for c in data[f"{prefix}_classes"])
    # kept as stored (float16): Models joins both models' weights into one array of this type
    weights = data[f"{prefix}_weights"]
    if weights.shape != (N_BUCKETS, len(classes)):
        raise ConfigError(f"{MODEL_FILE}: {prefix} weights have shape {weights.shape}, retrain the model")
    return LinearModel(classes, weights, data[f"{prefix}_bias"].astype(np.float64), link)


@lru_cache(maxsize=1)
def default_models() -> Models:
    """The shipped models, loaded once."""
    try:
        with resources.files("tidings").joinpath(MODEL_FILE).open("rb") as handle:
            data = np.load(handle, allow_pickle=False)
            meta = json.loads(str(data["meta"]))
            if meta.get("feature_version") != FEATURE_VERSION:
                raise ConfigError(
                    f"{MODEL_FILE}: built for other features, retrain with training/train_kinds.py"
                )
            link = str(meta.get("link", "ovr"))
            kinds, tone = _linear(data, "kinds", link), _linear(data, "tone", link)
    except (OSError, KeyError, ValueError) as exc:
        raise ConfigError(f"{MODEL_FILE}: cannot read the shipped model ({exc})") from exc
    return Models(
        kinds, tone, dict(meta["kind_thresholds"]), float(meta["bad_threshold"]), meta,
        frozenset(meta.get("veto_kinds", ())),
        float(meta["body_bad_threshold"]) if meta.get("body_bad_threshold") is not None else None,
    )


def score_sentence(text: str, models: Models | None = None) -> SentenceScores:
    """P(kind) and P(tone) of one sentence.

    Scores are remembered per sentence (the same text always scores the same), so the result
    may be shared with earlier callers: read it, never change it.
    """
    models = default_models() if models is None else models
    memo = models._sentences
    found = memo.get(text)
    if found is None:
        kinds, tone = models.score_text(text)
        found = SentenceScores(
            dict(zip(models.kinds.classes, kinds, strict=True)),
            dict(zip(models.tone.classes, tone, strict=True)),
        )
        if len(memo) >= _MEMO_SENTENCES:
            memo.clear()
        memo[text] = found
    return found


def score_sentences(texts: Sequence[str], models: Models | None = None) -> list[SentenceScores]:
    """:func:`score_sentence` of each of ``texts`` (the same scores, remembered the same way),
    the ones not remembered scored together (:meth:`Models.score_many`)."""
    models = default_models() if models is None else models
    memo = models._sentences
    found = [memo.get(text) for text in texts]
    missing = list(dict.fromkeys(text for text, scores in zip(texts, found, strict=True) if scores is None))
    if not missing:
        return found  # type: ignore[return-value]
    new: dict[str, SentenceScores] = {}
    for text, (kinds, tone) in zip(missing, models.score_many(missing), strict=True):
        scores = new[text] = SentenceScores(
            dict(zip(models.kinds.classes, kinds, strict=True)),
            dict(zip(models.tone.classes, tone, strict=True)),
        )
        if len(memo) >= _MEMO_SENTENCES:
            memo.clear()
        memo[text] = scores
    return [scores if scores is not None else new[text] for text, scores in zip(texts, found, strict=True)]
