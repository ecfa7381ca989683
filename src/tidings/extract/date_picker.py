"""A small learned check on the page date the rules chose.

The rules in page.find_published take our readings in a fixed order; where the page's readings
point to another day than the one the rules took (a JSON-LD stamp against the meta tag and the
dateline under the headline), a linear scorer over the candidate days may overrule them. Each
candidate day is described by which readings name it and how it stands to the other days; the
weights are those of a conditional logit (a softmax over each page's candidate days), fitted
with the margin by which another day must lead the rules' own by training/train_date_picker.py
(SciPy, at training time only) and shipped in tidings/data/date_picker.json; here they are
applied with NumPy.
"""

from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from importlib import resources

import numpy as np

logger = logging.getLogger(__name__)

# Where a candidate comes from: our readings (metadata.date_readings), the dateline under the
# headline, htmldate's day (only where the rules asked it), a date opening one of the first
# lines of the article's text (page_dates.opening_date) and the rules' own choice.
SOURCES = ("label", "jsonld", "meta", "meta-generic", "time", "url", "text", "modified",
           "url-month", "dateline", "htmldate", "opening", "rule")
# How a picked candidate's source is named in ExtractedPage.published_from.
_PUBLISHED_FROM = {"meta-generic": "meta", "opening": "body"}
FEATURES = (*SOURCES, "readings", "log_gap", "earliest", "latest", "after_rule", "before_rule",
            "first_of_month", "log_days", "alone")
WEIGHTS_FILE = "data/date_picker.json"
# How far another day must score above the rules' own to overrule them, unless the weights
# file names its own (training/train_date_picker.py chooses it with the weights).
MARGIN = 0.25


@dataclass
class DateTrace:
    """What a page's date was chosen from: every reading considered, the rules' choice."""

    readings: list[tuple[str, datetime]] = field(default_factory=list)
    rule: tuple[datetime | None, str] = (None, "")


def candidate_days(
    readings: list[tuple[str, datetime]], rule: datetime | None
) -> tuple[list[date], np.ndarray, list[datetime], list[str]]:
    """The distinct days named on a page, each with its feature row, the value that stands for
    it (the rules' own when it is their day, else the best reading's) and that value's source.

    A reading of the very instant the rules chose names the rules' day, whatever day its own
    offset puts it on: the rules told it there (a UTC stamp on the page's local day)."""
    by_day: dict[date, list[tuple[str, datetime]]] = {}
    for source, value in readings:
        day = rule.date() if rule is not None and value == rule else value.date()
        by_day.setdefault(day, []).append((source, value))
    if rule is not None:
        by_day.setdefault(rule.date(), []).append(("rule", rule))
    days = sorted(by_day)
    rule_day = rule.date() if rule is not None else None
    rows, values, sources = [], [], []
    for day in days:
        group = by_day[day]
        names = {s for s, _ in group}
        gaps = [abs((day - other).days) for other in days if other != day]
        row = [1.0 if s in names else 0.0 for s in SOURCES]
        row += [
            float(len(names - {"rule"})),
            math.log1p(min(gaps)) if gaps else 0.0,
            1.0 if gaps and day == days[0] else 0.0,
            1.0 if gaps and day == days[-1] else 0.0,
            1.0 if rule_day is not None and day > rule_day else 0.0,
            1.0 if rule_day is not None and day < rule_day else 0.0,
            1.0 if day.day == 1 else 0.0,
            math.log1p(len(days)),
            0.0 if gaps else 1.0,
        ]
        source, value = next(((s, v) for s, v in group if s == "rule"), (None, None))
        if value is None:
            source, value = min(group, key=lambda sv: SOURCES.index(sv[0]))
        rows.append(row)
        values.append(value)
        sources.append(source)
    return days, np.array(rows, dtype=float).reshape(len(days), len(FEATURES)), values, sources


@cache
def _weights() -> tuple[np.ndarray, float, float] | None:
    try:
        data = json.loads(resources.files("tidings").joinpath(WEIGHTS_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        logger.warning("date picker weights unreadable; page dates follow the rules alone")
        return None
    if tuple(data.get("features", ())) != FEATURES:
        logger.warning("date picker weights are for other features; page dates follow the rules")
        return None
    return (np.array(data["coef"], dtype=float), float(data["intercept"]),
            float(data.get("margin", MARGIN)))


def pick_date(
    readings: list[tuple[str, datetime]], rule: datetime | None, rule_source: str
) -> tuple[datetime | None, str]:
    """The rules' choice, unless the scorer rates another candidate day higher by more than
    the margin; then that day's best reading (its source named as page dates name it)."""
    weights = _weights()
    if weights is None or not readings:
        return rule, rule_source
    days, rows, values, sources = candidate_days(readings, rule)
    if len(days) < 2:
        return rule, rule_source
    coef, intercept, margin = weights
    scores = rows @ coef + intercept
    best = int(np.argmax(scores))
    if sources[best] == "rule" or (
        rule is not None and scores[best] <= scores[days.index(rule.date())] + margin
    ):
        return rule, rule_source
    source = sources[best]
    return values[best], _PUBLISHED_FROM.get(source, source)
