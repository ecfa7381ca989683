"""Sentence boundaries good enough for news prose, without a tokenizer model.

Both the mention snippets and the event evidence need "the sentence around this offset"; a
full sentence splitter is overkill and slow, so a boundary is end punctuation followed by space
and an upper-case letter, digit or quote, unless the word before the dot is a known abbreviation.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["sentence_spans", "sentence_at", "trim_around"]

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st inc corp co ltd llc plc no vs etc u.s u.k e.g i.e jan feb mar "
    "apr jun jul aug sep sept oct nov dec gov sen rep gen col lt capt dept est approx fig ave "
    "n.v s.a a.g ag nasdaq nyse adj".split()
)
_LONGER = max(map(len, _ABBREVIATIONS)) + 1  # a word this long is no abbreviation
# A candidate boundary: end punctuation (optionally closed by a quote or bracket), then space,
# then something that can start a sentence. Newlines always end a sentence (feeds join
# paragraphs with them): lines are split first with str.find, because a regex alternative for
# "whitespace around a newline" can start at any offset and triples the cost of the scan.
_BOUNDARY_RE = re.compile(r"[.!?…][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


def _is_abbreviation(text: str, dot: int) -> bool:
    # The run of word characters and dots before the dot, at most 12 back: a scan is cheaper
    # than a regex search here, and this runs once per full stop.
    lo = max(0, dot - 12)
    i = dot
    while i > lo and (text[i - 1].isalnum() or text[i - 1] in "._"):
        i -= 1
    if i == dot:
        return False
    word = text[i:dot].lower()
    # Single capitals ("J. Smith") and known abbreviations do not end a sentence.
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into (start, end) spans of sentences, whitespace trimmed."""
    # Mention snippets and event evidence split the same article one after the other.
    return list(_cached_spans(text))


@lru_cache(maxsize=8)
def _cached_spans(text: str) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    pos, size = 0, len(text)
    while pos < size:
        newline = text.find("\n", pos)
        line_end = size if newline == -1 else newline
        _split_line(text, pos, line_end, spans)
        pos = line_end + 1
    return tuple(spans)


def _split_line(text: str, start: int, stop: int, spans: list[tuple[int, int]]) -> None:
    for m in _BOUNDARY_RE.finditer(text, start, stop):
        dot = m.start()
        # A run of letters or digits longer than any abbreviation (and than an initial) before
        # a full stop: most full stops end such a word, and one slice test says so.
        if (
            text[dot] == "."
            and not (dot >= _LONGER and text[dot - _LONGER : dot].isalnum())
            and _is_abbreviation(text, dot)
        ):
            continue
        end = dot + len(m.group().rstrip())
        if start < end and not text[start].isspace() and not text[end - 1].isspace():
            spans.append((start, end))  # nothing to trim: the common case, without a call
        else:
            _add_span(text, start, end, spans)
        start = m.end()
    _add_span(text, start, stop, spans)


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def sentence_at(text: str, pos: int, spans: list[tuple[int, int]] | None = None) -> tuple[int, int]:
    """Return the (start, end) span of the sentence containing offset ``pos``."""
    offset = 0
    if spans is None:
        # Only the neighbourhood matters: splitting a long body per call would cost O(n).
        offset = max(0, pos - 600)
        spans = sentence_spans(text[offset : pos + 600])
    for start, end in spans:
        if start + offset <= pos < end + offset or pos < start + offset:
            return start + offset, end + offset
    return 0, len(text)


def trim_around(text: str, start: int, end: int, focus: int, limit: int = 300) -> str:
    """Cut text[start:end] to about ``limit`` characters, keeping offset ``focus`` inside."""
    if end - start <= limit:
        return text[start:end].strip()
    lo = max(start, min(focus - limit // 3, end - limit))
    hi = min(end, lo + limit)
    # Cut on word boundaries so the snippet never starts or ends mid-word.
    if lo > start:
        space = text.find(" ", lo, focus if focus > lo else hi)
        lo = space + 1 if space != -1 else lo
    if hi < end:
        space = text.rfind(" ", max(lo, focus), hi)
        hi = space if space != -1 else hi
    prefix = "…" if lo > start else ""
    suffix = "…" if hi < end else ""
    return f"{prefix}{text[lo:hi].strip()}{suffix}"
