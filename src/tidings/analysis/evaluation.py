"""Score mention matching plus event classification against labelled examples.

The labelled file is JSON Lines: ``{"type": "company", ...}`` lines define the roster (fields of
:class:`tidings.models.Company`), every other line is ``{"title", "lead", "events": [[slug,
kind], ...]}``. Shared by the tests and bench/analysis_core.py so both print the same table.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tidings.analysis.events import EVENT_KINDS, classify_events
from tidings.analysis.mentions import MentionMatcher
from tidings.models import Company

__all__ = ["EventScores", "evaluate_events", "load_labelled"]


@dataclass
class EventScores:
    """True positives, false positives and false negatives per kind, with the misses."""

    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    examples: int = 0

    def precision(self, kind: str | None = None) -> float:
        tp = self.tp[kind] if kind else sum(self.tp.values())
        fp = self.fp[kind] if kind else sum(self.fp.values())
        return tp / (tp + fp) if tp + fp else 1.0

    def recall(self, kind: str | None = None) -> float:
        tp = self.tp[kind] if kind else sum(self.tp.values())
        fn = self.fn[kind] if kind else sum(self.fn.values())
        return tp / (tp + fn) if tp + fn else 1.0

    def table(self) -> str:
        lines = [f"{'kind':<12} {'tp':>4} {'fp':>4} {'fn':>4} {'prec':>6} {'recall':>6}"]
        for kind in EVENT_KINDS:
            lines.append(
                f"{kind:<12} {self.tp[kind]:>4} {self.fp[kind]:>4} {self.fn[kind]:>4} "
                f"{self.precision(kind):>6.2f} {self.recall(kind):>6.2f}"
            )
        lines.append(
            f"{'micro':<12} {sum(self.tp.values()):>4} {sum(self.fp.values()):>4} "
            f"{sum(self.fn.values()):>4} {self.precision():>6.2f} {self.recall():>6.2f}"
        )
        return "\n".join(lines)


def load_labelled(path: Path) -> tuple[list[Company], list[dict]]:
    """Read the roster and the examples from a labelled JSONL file."""
    companies: list[Company] = []
    examples: list[dict] = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        if record.get("type") == "company":
            fields = {k: v for k, v in record.items() if k != "type"}
            for key in ("aliases", "domains", "tickers", "context", "exclude"):
                fields[key] = tuple(fields.get(key, ()))
            companies.append(Company(**fields))
        else:
            examples.append(record)
    return companies, examples


def evaluate_events(path: Path) -> EventScores:
    """Run mentions + events over every labelled example and count hits and misses."""
    companies, examples = load_labelled(path)
    matcher = MentionMatcher(companies)
    by_slug = {c.slug: c for c in companies}
    scores = EventScores()
    for example in examples:
        scores.examples += 1
        mentions = matcher.find(example["title"], example["lead"])
        found = {
            (e.company, e.kind) for e in classify_events(example["title"], example["lead"], mentions, by_slug)
        }
        expected = {tuple(pair) for pair in example["events"]}
        for _company, kind in found & expected:
            scores.tp[kind] += 1
        for company, kind in found - expected:
            scores.fp[kind] += 1
            scores.errors.append(f"FP {company}/{kind}: {example['title']}")
        for company, kind in expected - found:
            scores.fn[kind] += 1
            scores.errors.append(f"FN {company}/{kind}: {example['title']}")
    return scores
