"""Literal fragments one of which every match of a regular expression contains.

The event rules run dozens of patterns over each sentence that holds one of their kind's trigger
words, and most of those patterns cannot match: "raised \\$\\d+ in a Series" needs "raise" in
the sentence. Testing a few ``in`` substrings is many times cheaper than starting a regex
search, so :func:`needles` reads a pattern's parse tree once and lists the lower-case fragments
it cannot match without. A sentence holding none of them is not searched: the matches found are
exactly those of the full search, only fewer searches fail.

The fragments are lower case and hold only ASCII: they are a necessary condition for ASCII text
compared in lower case (tidings.analysis.events tests them on the lowered sentence). Text with
other characters is always searched, since case-insensitive matching relates a few of them to
ASCII letters ("K", the Kelvin sign, matches "k"). A pattern whose structure is not understood
gets ``None``: always search.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

__all__ = ["AnyOf", "holds", "needles"]

logger = logging.getLogger(__name__)

_SHORTEST = 3  # fragments shorter than this rule out too little to pay for the test

try:  # the parser behind re.compile: public in spirit, private in name since Python 3.11
    import re._constants as _c
    import re._parser as _parser
except ImportError:  # pragma: no cover - a Python without it simply searches every sentence
    _parser = None
    _c = None


def needles(pattern: str, flags: int = 0, shortest: int = _SHORTEST) -> tuple[str, ...] | None:
    """Lower-case ASCII fragments one of which every match of ``pattern`` contains, or None
    when no such set is found (then every text must be searched). ``shortest``: the least
    length of a fragment worth testing."""
    if _parser is None:
        return None
    try:
        tree = _parser.parse(pattern, flags)
        found = _sequence(list(tree))
    except Exception:  # an unusual construct: searching always is correct, only slower
        logger.debug("no needles for %r", pattern, exc_info=True)
        return None
    if found is None or min(map(len, found)) < shortest:
        return None
    # "raised" adds nothing beside "raise": a text holding it holds "raise"
    return tuple(sorted(n for n in found if not any(m != n and m in n for m in found)))


class AnyOf:
    """Whether any of several patterns matches somewhere in a text, the answer a search of their
    alternation ``(?:A)|(?:B)|...`` gives, with each pattern searched only when the text holds one
    of its needles (and compiled the first time it is).

    A rule's excludes and the bad-news phrases are dozens of alternatives joined into one regex
    of several thousand characters: one search of it tries every alternative at every offset
    (about 0.15 ms a sentence), while a sentence holds the needles of one or two at most. Text
    with non-ASCII characters, and alternatives that refer to each other's groups, are searched
    whole.
    """

    __slots__ = ("whole", "_alternatives", "_flags", "_parts", "_compiled")

    def __init__(self, alternatives: Sequence[str], flags: int, whole: re.Pattern[str]) -> None:
        """``whole``: the alternation of ``alternatives`` compiled with ``flags``. Nothing more is
        parsed or compiled until the first search."""
        self.whole = whole
        self._alternatives = tuple(alternatives)
        self._flags = flags
        self._parts: list[tuple[str, tuple[str, ...] | None]] | None = None
        self._compiled: list[re.Pattern[str] | None] = []

    def _split(self) -> list[tuple[str, tuple[str, ...] | None]]:
        """(alternative, its needles) in order; empty when the whole pattern must be searched:
        a backreference or a conditional group reads groups by number, and the numbers differ
        once the alternatives are apart."""
        if any(_GROUP_REFERENCE_RE.search(a) for a in self._alternatives):
            return []
        # even a one-character needle ("%") is a far cheaper test than a search
        return [(a, needles(a, self._flags, shortest=1)) for a in self._alternatives]

    def search(self, text: str, lowered: str | None = None) -> bool:
        """True when one of the alternatives matches in ``text`` (``lowered``: text.lower())."""
        parts = self._parts
        if parts is None:
            parts = self._parts = self._split()
            self._compiled = [None] * len(parts)
        if not parts or not text.isascii():
            return self.whole.search(text) is not None
        if lowered is None:
            lowered = text.lower()
        compiled = self._compiled
        for i, (source, found) in enumerate(parts):
            if found is not None:
                for needle in found:
                    if needle in lowered:
                        break
                else:
                    continue
            regex = compiled[i]
            if regex is None:
                try:
                    regex = compiled[i] = re.compile(source, self._flags)
                except re.error:  # valid only inside the alternation: search that from now on
                    self._parts = []
                    return self.whole.search(text) is not None
            if regex.search(text) is not None:
                return True
        return False


_GROUP_REFERENCE_RE = re.compile(r"\\[1-9g]|\(\?P=|\(\?\(")


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two requirements (longer shortest fragment, then fewer)."""
    if a is None:
        return b
    if b is None:
        return a
    key_a, key_b = (min(map(len, a)), -len(a)), (min(map(len, b)), -len(b))
    return a if key_a >= key_b else b


def _sequence(items: list[tuple[object, object]]) -> frozenset[str] | None:
    """Requirement of a sequence: its best required literal run or required sub-part."""
    best: frozenset[str] | None = None
    run: list[str] = []

    def close() -> None:
        nonlocal best
        if run:
            best = _better(best, frozenset({"".join(run)}))
            run.clear()

    for op, av in items:
        if op is _c.LITERAL and isinstance(av, int) and av < 128:
            run.append(chr(av).lower())
            continue
        close()
        best = _better(best, _item(op, av))
    close()
    return best


def _item(op: object, av: object) -> frozenset[str] | None:
    """Requirement of one non-literal item of a sequence (None: it requires nothing known)."""
    if op is _c.SUBPATTERN:
        return _sequence(list(av[3]))  # type: ignore[index]
    if op is _c.ATOMIC_GROUP:
        return _sequence(list(av))  # type: ignore[arg-type]
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        low, _, body = av  # type: ignore[misc]
        return _sequence(list(body)) if low >= 1 else None
    if op is _c.BRANCH:
        union: set[str] = set()
        for alternative in av[1]:  # type: ignore[index]
            part = _sequence(list(alternative))
            if part is None:
                return None  # one alternative needs nothing known: neither does the branch
            union |= part
        return frozenset(union)
    return None


def holds(found: tuple[str, ...] | None, text: str) -> bool:
    """False only when ``text`` holds none of the fragments ``found`` (None: no fragment is known,
    so any text may match). A loop: cheaper than any() over a generator for the one to three
    fragments of most patterns."""
    if found is None:
        return True
    for needle in found:
        if needle in text:
            return True
    return False
