"""The shipped linear models: kind of development and tone of a sentence, scored with NumPy.

Weights come from ``data/kinds_model.npz``, written by ``training/train_kinds.py`` (scikit-learn
one-vs-rest logistic regression over :mod:`tidings.analysis.features`). Nothing is downloaded; the scores
of a sentence are the same on every run and machine. A missing or mismatched file raises
:class:`tidings.errors.ConfigError`: the analysis never silently runs without its model.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import numpy as np

from tidings.analysis.features import FEATURE_VERSION, N_BUCKETS, sentence_features
from tidings.errors import ConfigError

__all__ = ["LinearModel", "SentenceScores", "default_models", "score_sentence"]

logger = logging.getLogger(__name__)
MODEL_FILE = "data/kinds_model.npz"


@dataclass(frozen=True)
class LinearModel:
    """A linear classifier over hashed features: one-vs-rest logistic ("ovr") or softmax."""

    classes: tuple[str, ...]
    weights: np.ndarray  # (N_BUCKETS, classes), float32: a sentence reads a few hundred rows
    bias: np.ndarray  # (classes,)
    link: str = "ovr"

    def probabilities(self, buckets: np.ndarray, values: np.ndarray) -> np.ndarray:
        logits = values @ self.weights[buckets] + self.bias if len(buckets) else self.bias.copy()
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
    # both models' weights side by side: a sentence's rows are gathered once
    _joint: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        joint = np.hstack([self.kinds.weights, self.tone.weights])
        object.__setattr__(self, "_joint", np.ascontiguousarray(joint))

    def score(self, buckets: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(P(kind), P(tone)) of one sentence's features."""
        n = len(self.kinds.classes)
        if len(buckets):
            logits = values @ self._joint[buckets]
            kinds, tone = logits[:n] + self.kinds.bias, logits[n:] + self.tone.bias
        else:
            kinds, tone = self.kinds.bias.copy(), self.tone.bias.copy()
        return self.kinds.normalise(kinds), self.tone.normalise(tone)


@dataclass(frozen=True)
class SentenceScores:
    kinds: dict[str, float]
    tone: dict[str, float]


def _linear(data: np.lib.npyio.NpzFile, prefix: str, link: str) -> LinearModel:
    classes = tuple(str(c) for c in data[f"{prefix}_classes"])
    weights = np.ascontiguousarray(data[f"{prefix}_weights"].astype(np.float32))
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
    )


def score_sentence(text: str, models: Models | None = None) -> SentenceScores:
    """P(kind) and P(tone) of one sentence."""
    models = default_models() if models is None else models
    kinds, tone = models.score(*sentence_features(text))
    return SentenceScores(
        dict(zip(models.kinds.classes, kinds.tolist(), strict=True)),
        dict(zip(models.tone.classes, tone.tolist(), strict=True)),
    )
