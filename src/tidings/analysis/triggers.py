"""Which trigger fragments a word holds, found by one regex scan instead of a test per fragment.

The event rules ask of every new word of a run which kinds' trigger fragments it contains
(``"raises"`` holds ``"rais"``, a funding trigger), and whether it holds a bad-news trigger. With
about 200 fragments over 14 kinds, testing ``fragment in word`` for each cost about 30 us a word,
and a run of real news meets tens of thousands of distinct words. Here the fragments are one
character trie (a regex whose branches part at each character, greedy, so the deepest fragment
wins) inside a lookahead: at each offset of the word the scan reports the longest fragment
starting there, and every other fragment starting there is a prefix of that
one, so the kinds of all its prefixes, known in advance, are the kinds found at that offset.

A fragment written ``"=out"`` is a whole word: it is found only in a word that is exactly
``out`` once the punctuation around it is stripped. A short word that is also a fragment of
common words ("out" is in "about", "without", "south") would otherwise mark half the sentences
of real news as candidates, and every pattern and model score of the kind would run on them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

__all__ = ["WHOLE_WORD", "TriggerScan", "trie_pattern"]

WHOLE_WORD = "="
_PUNCTUATION = "\"'()[]{}<>.,;:!?\u2018\u2019\u201c\u201d\u2013\u2014-"


class TriggerScan:
    """Bit masks of the groups whose fragments a text holds (``fragment in text``, case as is)."""

    __slots__ = ("_always", "_regex", "_bits", "_whole")

    def __init__(self, groups: Sequence[tuple[str, ...] | None]) -> None:
        """``groups[i]``: the fragments of bit i; None: bit i is always set."""
        self._always = 0
        self._whole: dict[str, int] = {}
        by_fragment: dict[str, int] = {}
        for bit, fragments in enumerate(groups):
            if fragments is None:
                self._always |= 1 << bit
                continue
            for fragment in fragments:
                if fragment.startswith(WHOLE_WORD) and len(fragment) > 1:
                    word = fragment[1:]
                    self._whole[word] = self._whole.get(word, 0) | 1 << bit
                elif fragment:
                    by_fragment[fragment] = by_fragment.get(fragment, 0) | 1 << bit
                else:
                    self._always |= 1 << bit  # "" is in every text
        # a fragment's bits with those of every fragment that is a prefix of it
        self._bits: dict[str, int] = {}
        for fragment in by_fragment:
            bits = 0
            for other, other_bits in by_fragment.items():
                if fragment.startswith(other):
                    bits |= other_bits
            self._bits[fragment] = bits
        self._regex = re.compile("(?=(" + trie_pattern(by_fragment) + "))") if by_fragment else None

    def mask(self, text: str) -> int:
        """The bits of the groups one of whose fragments is in ``text``."""
        mask = self._always
        if self._whole:
            mask |= self._whole.get(text.strip(_PUNCTUATION), 0)
        if self._regex is not None:
            bits = self._bits
            for m in self._regex.finditer(text):
                mask |= bits[m.group(1)]
        return mask

    def holds_any(self, text: str) -> bool:
        """Whether ``text`` holds any fragment (of any group)."""
        return (bool(self._always)
                or (bool(self._whole) and text.strip(_PUNCTUATION) in self._whole)
                or (self._regex is not None and self._regex.search(text) is not None))


def trie_pattern(keys: Iterable[str], escape: Callable[[str], str] = re.escape) -> str:
    """A regex of ``keys`` as a character trie: branches part at each character and a shorter key
    is an optional end, so at an offset the longest key that starts there matches. ``escape``
    writes one character (the mention matcher reads a space as ``\\s+``)."""
    trie: dict[str, dict] = {}
    for key in keys:
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        ends = "" in node
        branches = [escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        if len(branches) == 1 and not ends:
            return branches[0]
        group = "(?:" + "|".join(branches) + ")"
        return group + "?" if ends else group

    return build(trie)
