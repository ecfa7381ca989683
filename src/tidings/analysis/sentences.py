"""Sentence boundaries good enough for news prose, without a tokenizer model.

Both the mention snippets and the event evidence need "the sentence around this offset"; a
full sentence splitter is overkill and slow, so a boundary is end punctuation followed by space
and an upper-case letter, digit or quote, unless the word before the dot is a known abbreviation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

__all__ = ["Split", "sentence_spans", "sentence_at", "split_of", "trim_around"]

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
    return list(split_of(text).all())


class Split:
    """The sentence spans of one text, found from its start only as far as a caller asks.

    Boundaries are found left to right, so the first k spans are the same whether the scan
    stops there or runs to the end: readers that need only the lead, or the sentence around
    the first name, leave the rest of a long body unsplit. Shared through :func:`split_of`.
    """

    __slots__ = ("text", "spans", "_rest")

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[tuple[int, int]] = []  # the spans found so far, in order
        self._rest: Iterator[tuple[int, int]] | None = _iter_spans(text)

    def _more(self) -> bool:
        if self._rest is not None:
            span = next(self._rest, None)
            if span is not None:
                self.spans.append(span)
                return True
            self._rest = None
        return False

    def upto(self, pos: int) -> list[tuple[int, int]]:
        """The spans up to the first that ends after ``pos`` (all of them if none does)."""
        spans = self.spans
        while (not spans or spans[-1][1] <= pos) and self._more():
            pass
        return spans

    def first(self, count: int) -> list[tuple[int, int]]:
        """At least the first ``count`` spans (fewer if the text has fewer)."""
        while len(self.spans) < count and self._more():
            pass
        return self.spans

    def all(self) -> list[tuple[int, int]]:
        while self._more():
            pass
        return self.spans


@lru_cache(maxsize=8)
def split_of(text: str) -> Split:
    """The shared :class:`Split` of ``text``: mention snippets and event evidence split the
    same article one after the other. Read its lists, never change them."""
    return Split(text)


def _iter_spans(text: str) -> Iterator[tuple[int, int]]:
    pos, size = 0, len(text)
    while pos < size:
        newline = text.find("\n", pos)
        line_end = size if newline == -1 else newline
        yield from _split_line(text, pos, line_end)
        pos = line_end + 1


def _split_line(text: str, start: int, stop: int) -> Iterator[tuple[int, int]]:
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
            yield start, end  # nothing to trim: the common case, without a call
        else:
            span = _trimmed(text, start, end)
            if span is not None:
                yield span
        start = m.end()
    span = _trimmed(text, start, stop)
    if span is not None:
        yield span


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


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
