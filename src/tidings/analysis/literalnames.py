"""A company's names found in an ASCII sentence by string search, without compiling a regex.

The events find a company's names with ``(?<!\\w)(?:A|B|...)(?:['’]s)?(?!\\w)`` (case-insensitive;
each name's spaces read as ``\\s+``). Compiling that costs about 0.2 ms a company, as much as
reading a whole article, and a run meets most companies in a few articles only. In ASCII text,
with ASCII names free of other whitespace, the pattern's matches are found here with
``str.find`` on the lowered sentence and the same rules: leftmost match first, at one offset
the first alternative that matches, then on from its end. Anything else (a non-ASCII sentence,
where case-insensitive matching relates "ſ" to "s", or name) is left to the regex; the tests
compare both on random text.
"""

from __future__ import annotations

__all__ = ["literal_plan", "literal_spans"]

Plan = tuple[tuple[str, ...], ...]  # per alternative, in the pattern's order: its words, lowered


def literal_plan(alternatives: list[tuple[str, bool]]) -> Plan | None:
    """The plan for ``alternatives`` (text, whether its spaces read as ``\\s+``), in the
    pattern's order, or None when one cannot be matched literally."""
    plan = []
    for text, spaced in alternatives:
        if not text.isascii():
            return None
        words = tuple(text.lower().split(" ")) if spaced else (text.lower(),)
        if any(word.split() != [word] for word in words):  # empty, or holds whitespace
            return None  # "A  B" or a tab: the regex's backtracking over \s+ is not copied
        plan.append(words)
    return tuple(plan) if plan else None


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"  # \w, for an ASCII character


def _end_at(lowered: str, p: int, words: tuple[str, ...]) -> int:
    """End of the alternative's match at ``p`` (suffix and look-around included), or -1."""
    size = len(lowered)
    if p and _word_char(lowered[p - 1]):
        return -1
    q = p
    for i, word in enumerate(words):
        if i:
            if q >= size or not lowered[q].isspace():
                return -1
            q += 1
            while q < size and lowered[q].isspace():
                q += 1
        if not lowered.startswith(word, q):
            return -1
        q += len(word)
    # (?:['’]s)?(?!\w): the possessive when no word character follows it, else without it
    if lowered.startswith("'s", q) and not (q + 2 < size and _word_char(lowered[q + 2])):
        return q + 2
    if q < size and _word_char(lowered[q]):
        return -1
    return q


def _first(lowered: str, words: tuple[str, ...], pos: int) -> tuple[int, int] | None:
    at = lowered.find(words[0], pos)
    while at != -1:
        end = _end_at(lowered, at, words)
        if end != -1:
            return at, end
        at = lowered.find(words[0], at + 1)
    return None


def literal_spans(plan: Plan, lowered: str) -> list[tuple[int, int]]:
    """(start, end) of the pattern's matches in an ASCII sentence, given lowered."""
    firsts = [_first(lowered, words, 0) for words in plan]
    spans = []
    while True:
        best = -1
        for i, found in enumerate(firsts):
            # the leftmost match; at one offset the first alternative (strictly less)
            if found is not None and (best == -1 or found[0] < firsts[best][0]):  # type: ignore[index]
                best = i
        if best == -1:
            return spans
        start, end = firsts[best]  # type: ignore[misc]
        spans.append((start, end))
        for i, found in enumerate(firsts):
            if found is not None and found[0] < end:
                firsts[i] = _first(lowered, plan[i], end)
