"""Hashed word and character n-gram features of a sentence, shared by training and run time.

The shipped linear models (``data/kinds_model.npz``) were trained on exactly these features by
``training/train_kinds.py``; any change here needs a retrain, which is why :data:`FEATURE_VERSION`
is stored in the weights file and checked when it is loaded. A feature is a string ("w:raises",
"b:raises $0", "c:rai") hashed with zlib.crc32, stable across runs and platforms (Python's own
``hash`` is salted per process). Digits read as 0, so "$26.5 mln" and "$40 mln" share features.
"""

from __future__ import annotations

import re
import zlib

import numpy as np

__all__ = ["FEATURE_VERSION", "N_BUCKETS", "sentence_features"]

FEATURE_VERSION = 1
N_BUCKETS = 1 << 17
_MASK = N_BUCKETS - 1
_CHAR_NGRAMS = (3, 4, 5)
_MEMO_WORDS = 100_000
_TOKEN_RE = re.compile(r"[a-z0-9]+(?:['’.&-][a-z0-9]+)*|[$€£%]")
_DIGIT_RE = re.compile(r"\d")
_word_memo: dict[str, np.ndarray] = {}


def _hash(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) & _MASK


def _word_ids(token: str) -> np.ndarray:
    """The unigram and the character n-grams of one token (remembered: words repeat)."""
    padded = f" {token} "
    grams = [_hash("w:" + token)]
    for n in _CHAR_NGRAMS:
        grams.extend(_hash("c:" + padded[i : i + n]) for i in range(len(padded) - n + 1))
    ids = np.array(grams, dtype=np.int64)
    if len(_word_memo) >= _MEMO_WORDS:
        _word_memo.clear()
    _word_memo[token] = ids
    return ids


def tokens(text: str) -> list[str]:
    """Lower-case word tokens with digits read as 0."""
    return _TOKEN_RE.findall(_DIGIT_RE.sub("0", text.lower()))


def sentence_features(text: str) -> tuple[np.ndarray, np.ndarray]:
    """(bucket ids, values) of ``text``: counts of each feature, scaled to unit length."""
    words = tokens(text)
    if not words:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
    memo = _word_memo
    parts = [memo.get(word) for word in words]
    for i, ids in enumerate(parts):
        if ids is None:
            parts[i] = _word_ids(words[i])
    if len(words) > 1:
        pairs = [zlib.crc32(f"b:{a} {b}".encode()) & _MASK for a, b in zip(words, words[1:], strict=False)]
        parts.append(np.array(pairs, dtype=np.int64))
    buckets, counts = np.unique(np.concatenate(parts), return_counts=True)
    values = counts.astype(np.float64)
    values /= np.sqrt(float(values @ values))
    return buckets, values
