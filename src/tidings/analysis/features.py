"""Hashed word and character n-gram features of a sentence, shared by training and run time.

The shipped linear models (``data/kinds_model.npz``) were trained on exactly these features by
``training/train_kinds.py``; any change here needs a retrain, which is why :data:`FEATURE_VERSION`
is stored in the weights file and checked when it is loaded. A feature is a string ("w:raises",
"b:raises $0", "c:rai") hashed with zlib.crc32, stable across runs and platforms (Python's own
``hash`` is salted per process). Digits read as 0, and before hashing figures and tickers become
placeholder tokens (:func:`normalise_tokens`: "$26.5 mln" and "$40 million" are both "<money>").

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
    "FEATURE_VERSION", "N_BUCKETS", "bigram_ids", "bigram_parts", "grams_of", "normalise_tokens",
    "sentence_features", "tokens", "word_grams",
]

FEATURE_VERSION = 4
# 2^16 buckets: on the training folds as good as 2^17 (out-of-fold macro F1 0.644 both, micro
# 0.800 against 0.799) at half the weights' memory.
N_BUCKETS = 1 << 16
_MASK = N_BUCKETS - 1
_CHAR_NGRAMS = (3, 4, 5)
_MEMO_WORDS = 100_000
# "<money>"-style placeholders (normalise_tokens) are tokens of their own
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


# The token-normalising step, between tokenising and hashing: figures and tickers read as
# placeholder tokens, so "Acme raises $5M" and "Globex raises $40 million" share "raises <money>".
# It works on the tokens (a pattern over the text that found every amount cost ~100 us a
# sentence, as much as scoring it); only "(MRK)"-style tickers, which need their case, are
# found in the text, by a pattern that starts with a literal "(".
_TICKER_RE = re.compile(
    r"\((?:(?:NASDAQ|NYSE|Nasdaq|NYSE American|AMEX|TSX|TSXV|LSE|ASX|OTC\w*|CSE)\s*:\s*[A-Z.]+"
    r"|[A-Z]{2,5}(?:\.[A-Z])?)\)"
)
_MAY_HOLD_FIGURE_RE = re.compile(r"[\d$€£¥(]")
_NUMBER_RE = re.compile(r"0[0.,]*(?:k|m|mm|mn|mln|b|bn|bln|t|tn)?")  # digits read as 0 by now
_SCALES = frozenset("k m mm mn mln million b bn bln billion t tn trillion thousand".split())
_CURRENCY_SIGNS = frozenset("$€£¥")
_CURRENCY_CODES = frozenset("usd eur gbp cad aud inr jpy chf sek nok cny rmb".split())
_CURRENCY_WORDS = frozenset("dollars euros pounds cents yen rupees".split())
_PERCENT_WORDS = frozenset(("%", "percent", "pct"))


def _number(word: str) -> bool:
    return word[:1] == "0" and _NUMBER_RE.fullmatch(word) is not None


def normalise_tokens(words: list[str]) -> list[str]:
    """Tokens (lower case, digits read as 0) with figures as placeholders: "<money>" ("$ 0m",
    "usd 00 million", "00 cents"), "<pct>" ("00 %", "0.0 percent"), "<year>" (four digits),
    "<num>" (other numbers, "00 000 000" of "10,810,811" as one), "<ticker>" ("$ tsla").
    Numbers inside words ("q0" of "Q2", "0g" of "5G") stay."""
    out: list[str] = []
    i, n = 0, len(words)
    while i < n:
        word = words[i]
        if (word in _CURRENCY_SIGNS or word in _CURRENCY_CODES) and i + 1 < n:
            after = words[i + 1]
            if _number(after):
                i += 2
                while i < n and words[i] == "000":  # "1,200,000": one number
                    i += 1
                i += i < n and words[i] in _SCALES
                out.append("<money>")
                continue
            if word == "$" and after.isalpha():  # a cashtag: "$TSLA"
                out.append("<ticker>")
                i += 2
                continue
        if not _number(word):
            out.append(word)
            i += 1
            continue
        year = word == "0000"
        i += 1
        while i < n and words[i] == "000":
            year = False
            i += 1
        if i < n and words[i] in _SCALES:
            year = False
            i += 1
        following = words[i] if i < n else ""
        if following in _PERCENT_WORDS or (following == "per" and words[i + 1 : i + 2] == ["cent"]):
            out.append("<pct>")
            i += 1 if following != "per" else 2
        elif following in _CURRENCY_WORDS:
            out.append("<money>")
            i += 1
        else:
            out.append("<year>" if year else "<num>")
    return out


def tokens(text: str) -> list[str]:
    """Lower-case word tokens with digits read as 0, figures normalised (:func:`normalise_tokens`)."""
    if _MAY_HOLD_FIGURE_RE.search(text) is None:
        return _TOKEN_RE.findall(text.lower())  # most sentences: no figure, no digit
    if "(" in text:
        text = _TICKER_RE.sub(" <ticker> ", text)
    return normalise_tokens(_TOKEN_RE.findall(_DIGIT_RE.sub("0", text.lower())))


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
