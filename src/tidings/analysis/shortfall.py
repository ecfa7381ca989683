"""Results that compare a figure with a bigger one: "sales $3.22 vs. $3.32 bln a year ago".

Wire posts report results as a figure against its reference (a year ago, the consensus, the
estimate): "Q3 adj. EPS 74 cents; FactSet consensus 86 cents", "production 731 KT vs 816 KT".
When the reported figure is the smaller one, the results fell or missed: bad news, whatever
words surround it. The tone gate of tidings.analysis.events uses :func:`falls_short`. Figures of
losses, costs and debt are left alone (smaller is better there).
"""

from __future__ import annotations

import re

from tidings.analysis.needles import needles

__all__ = ["falls_short"]

_NUMBER = r"[$€£]?\s?(\d[\d,]*(?:\.\d+)?)\s?(cents?|c\b|mln|bln|million|billion|mn|bn|m\b|b\b|k\b|%)?"
# figure, comparator, reference: "$3.22 vs. $3.32 bln", "74 cents; FactSet consensus 86 cents"
_COMPARED_RE = re.compile(
    _NUMBER
    + r"[^\d$€£]{0,6}?\b(?:vs\.?|versus|compared with|against|from)\s+"
    + r"(?:(?:an?|the)\s+)?(?:(?:[A-Za-z]+\s+)?(?:consensus|estimates?|est\.?)\s+(?:of\s+)?)?"
    + _NUMBER
    + r"|"
    + _NUMBER
    + r"\s?[;,]\s+(?:[A-Z][\w&.]*\s+)?(?:consensus|estimates?|est\.?)\s+(?:of\s+)?"
    + _NUMBER,
    re.IGNORECASE,
)
_DIGIT_RE = re.compile(r"\d")
# every comparison holds one of these ("vs", "from", "consensus"...): tested first on the lowered
# sentence, they rule out most sentences with a figure before any search (ASCII text only: see
# tidings.analysis.needles)
_COMPARED_NEEDLES = needles(_COMPARED_RE.pattern, _COMPARED_RE.flags, shortest=2)
# what is reported: results figures, not prices or counts of something else
_RESULTS_RE = re.compile(
    r"\b(?:eps|earnings|revenues?|sales|profits?|income|ebitda|production|output|deliveries|"
    r"shipments|volumes?|margins?|bookings|orders|results|q[1-4]|quarter(?:ly)?|qtrly|fy|h[12])\b",
    re.IGNORECASE,
)
_SMALLER_IS_BETTER_RE = re.compile(
    r"\b(?:loss(?:es)?|costs?|expenses?|debt|deficit|spending|capex|outflows?|charges?)\b", re.IGNORECASE
)
_SCALE = {"c": 0.01, "cent": 0.01, "cents": 0.01, "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "million": 1e6,
          "b": 1e9, "bn": 1e9, "bln": 1e9, "billion": 1e9}


def _value(number: str, unit: str | None, other_unit: str | None) -> float | None:
    try:
        value = float(number.replace(",", ""))
    except ValueError:
        return None
    unit = (unit or other_unit or "").lower()  # "$3.22 vs. $3.32 bln": both in billions
    if unit == "%":
        return value
    return value * _SCALE.get(unit, 1.0)


def falls_short(sentence: str) -> bool:
    """True when ``sentence`` reports a results figure smaller than the one it is compared with."""
    # A comparison holds two figures: a text without a digit is ruled out by one quick search.
    digit = _DIGIT_RE.search(sentence)
    if digit is None:
        return False
    if _COMPARED_NEEDLES is not None and sentence.isascii():
        lowered = sentence.lower()
        for needle in _COMPARED_NEEDLES:
            if needle in lowered:
                break
        else:
            return False
    if not _RESULTS_RE.search(sentence) or _SMALLER_IS_BETTER_RE.search(sentence):
        return False
    # A comparison starts at most 2 characters before its first digit ("$ 3.22"): nothing
    # earlier can match, so the search starts there.
    for m in _COMPARED_RE.finditer(sentence, max(0, digit.start() - 2)):
        groups = m.groups()
        a, a_unit, b, b_unit = groups[:4] if groups[0] is not None else groups[4:]
        if a is None or b is None:
            continue
        if (a_unit == "%") != (b_unit == "%") and a_unit and b_unit:
            continue
        first, second = _value(a, a_unit, b_unit), _value(b, b_unit, a_unit)
        if first is not None and second is not None and first < second:
            return True
    return False
