"""Hashed word and character n-gram features of a sentence, shared by training and run time.

The shipped linear models (``data/kinds_model.npz``) were trained on exactly these features by
``training/train_kinds.py``; any change here needs a retrain, which is why :data:`FEATURE_VERSION`
is stored in the weights file and checked when it is loaded. A feature is a string ("w:raises",
"b:raises $0", "c:rai") hashed with zlib.crc32, stable across runs and platforms (Python's own
``hash`` is salted per process). Digits read as 0, so "$26.5 mln" and "$40 mln" share features.

A sentence's vector is its feature counts divided by the square root of its number of features
(with repeats). That scaling, unlike a unit-length one, adds up word by word: the analysis can
remember each word's share of the scores (:meth:`tidings.analysis.model.Models.score_text`) and
still compute exactly what training saw.
"""

from __future__ import annotations

import re
import zlib

import numpy as np

__all__ = [
    "FEATURE_VERSION", "N_BUCKETS", "bigram_ids", "bigram_parts", "grams_of", "normalise_text",
    "sentence_features", "tokens", "word_grams",
]

FEATURE_VERSION = 4
# 2^16 buckets: on the training folds as good as 2^17 (out-of-fold macro F1 0.644 both, micro
# 0.800 against 0.799) at half the weights' memory.
N_BUCKETS = 1 << 16
_MASK = N_BUCKETS - 1
_CHAR_NGRAMS = (3, 4, 5)
_MEMO_WORDS = 100_000
# "<money>"-style placeholders (normalise_text) are tokens of their own
_TOKEN_RE = re.compile(r"<[a-z]+>|[a-z0-9]+(?:['’.&-][a-z0-9]+)*|[$€£%]")
_DIGIT_RE = re.compile(r"\d")
_word_memo: dict[str, np.ndarray] = {}


def _hash(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) & _MASK


def grams_of(token: str) -> np.ndarray:
    """Bucket ids of one token's unigram and character n-grams (not remembered)."""
    padded = f" {token} "
    grams = [_hash("w:" + token)]
    for n in _CHAR_NGRAMS:
        grams.extend(_hash("c:" + padded[i : i + n]) for i in range(len(padded) - n + 1))
    return np.array(grams, dtype=np.int64)


def _word_ids(token: str) -> np.ndarray:
    ids = grams_of(token)
    if len(_word_memo) >= _MEMO_WORDS:
        _word_memo.clear()
    _word_memo[token] = ids
    return ids


# The token-normalising step, before tokenising and hashing: figures and tickers read as
# placeholders, so "Acme raises $5M" and "Globex raises $40 million" share "raises <money>".
_SCALE = r"(?:k|m|mm|mn|mln|million|b|bn|bln|billion|t|tn|trillion|thousand)\b"
_CURRENCY = r"(?:dollars|euros|pounds|cents|yen|rupees)\b"
_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_MONEY_RE = re.compile(
    rf"(?:(?:US|C|A|HK|S|NZ)?[$€£¥]|\b(?:USD|EUR|GBP|CAD|AUD|INR|JPY|CHF|SEK|NOK|CNY|RMB)\s?)\s?{_NUMBER}"
    rf"\s?(?:{_SCALE})?|\b{_NUMBER}\s?(?:{_SCALE}\s?)?{_CURRENCY}",
    re.IGNORECASE,
)
_PERCENT_RE = re.compile(rf"[-+]?{_NUMBER}\s?(?:%|percent\b|per cent\b|pct\b)", re.IGNORECASE)
_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
_BARE_NUMBER_RE = re.compile(rf"(?<![\w.]){_NUMBER}(?!\w)")
_TICKER_RE = re.compile(
    r"\$[A-Z][A-Za-z.]{0,6}\b|\((?:NASDAQ|NYSE|Nasdaq|NYSE American|AMEX|TSX|TSXV|LSE|ASX|OTC\w*|CSE)"
    r"\s*:\s*[A-Z.]+\)|\([A-Z]{2,5}(?:\.[A-Z])?\)"
)
_PLACEHOLDERS = (
    (_TICKER_RE, " <ticker> "), (_MONEY_RE, " <money> "), (_PERCENT_RE, " <pct> "),
    (_YEAR_RE, " <year> "), (_BARE_NUMBER_RE, " <num> "),
)


def normalise_text(text: str) -> str:
    """``text`` with tickers, money amounts, percentages, years and other numbers replaced by
    placeholder tokens ("<ticker>", "<money>", "<pct>", "<year>", "<num>"): the token-normalising
    step that runs before tokens are hashed. Numbers inside words ("Q2", "5G") stay."""
    if not any(c.isdigit() or c in "$(" for c in text):
        return text  # most sentences: nothing to replace
    for regex, placeholder in _PLACEHOLDERS:
        text = regex.sub(placeholder, text)
    return text


def tokens(text: str) -> list[str]:
    """Lower-case word tokens of the normalised text (:func:`normalise_text`), digits read as 0."""
    return _TOKEN_RE.findall(_DIGIT_RE.sub("0", normalise_text(text).lower()))


def word_grams(word: str) -> np.ndarray:
    """Bucket ids of one token's unigram and character n-grams (remembered: for training)."""
    ids = _word_memo.get(word)
    return _word_ids(word) if ids is None else ids


def bigram_ids(words: list[str]) -> list[int]:
    """Bucket ids of the word bigrams of a token list."""
    crc32 = zlib.crc32
    return [crc32(f"b:{a} {b}".encode()) & _MASK for a, b in zip(words, words[1:], strict=False)]


def bigram_parts(token: str) -> tuple[int, bytes]:
    """(crc32 of "b:<token> ", the token's UTF-8): a bigram's bucket id is
    ``zlib.crc32(second[1], first[0]) & _MASK``, equal to :func:`bigram_ids` (a crc32 can be
    continued from the crc of what precedes), so each word's part is hashed once."""
    encoded = token.encode()
    return zlib.crc32(b"b:" + encoded + b" "), encoded


def sentence_features(text: str) -> tuple[np.ndarray, np.ndarray]:
    """(bucket ids, values) of ``text``: counts of each feature over the root of their total."""
    words = tokens(text)
    if not words:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
    parts = [word_grams(word) for word in words]
    parts.append(np.array(bigram_ids(words), dtype=np.int64))
    buckets, counts = np.unique(np.concatenate(parts), return_counts=True)
    values = counts.astype(np.float64)
    values /= np.sqrt(values.sum())
    return buckets, values
