"""LemmInflect's lexicon, read into sorted lines instead of its dictionaries.

``lemminflect.getAllLemmas`` and ``getAllInflections`` load their lookup files into nested
dicts of every word the first time they are asked: about 0.4 s of CPU and 49 MB (32 MB for
the lemmas, 17 MB for the inflections) to answer, in a run, a few thousand lookups. Here the
same shipped files (``lemma_lu.csv.gz``, ``infl_lu.csv.gz`` and their override files, found
through ``lemminflect.config``) are kept as one sorted list of their lines each (about 6 and
3 MB, loaded in a few hundredths of a second), a word's lines found by bisection and parsed
by LemmInflect's own line codecs when asked. :func:`lemmas` and :func:`inflections` return
what ``getAllLemmas`` and ``getAllInflections`` return for the same arguments (checked over
every word of both files by the tests).
"""

from __future__ import annotations

import gzip
import logging
import operator
from bisect import bisect_left
from functools import lru_cache
from itertools import islice
from pathlib import Path

__all__ = ["inflections", "lemmas"]

logger = logging.getLogger(__name__)
_UPOS = ("NOUN", "PROPN", "VERB", "ADJ", "ADV", "AUX")  # what LemmInflect looks up


def _word(line: str) -> str:
    return line.partition(",")[0]


class _Lines:
    """The stripped lines of one lookup file ("word,category,forms..."), sorted by their word
    and, for one word, in the file's order (the loaders let a later line win)."""

    def __init__(self, path: str) -> None:
        text = gzip.decompress(Path(path).read_bytes()).decode()
        # split on newlines only, as iterating the file does (str.splitlines knows more breaks)
        lines = text.split("\n")
        if lines and not lines[-1]:
            lines.pop()
        self.lines = [line.strip() for line in lines]
        # The shipped files come sorted by word: a stable sort would leave them as they are, so
        # it runs only when a check of the words' order finds otherwise (twice as fast as it).
        words = [line.partition(",")[0] for line in self.lines]  # _word, inline
        if not all(map(operator.le, words, islice(words, 1, None))):
            self.lines.sort(key=_word)  # stable: a word's lines keep the file's order

    def of(self, word: str) -> list[str]:
        lines = self.lines
        i = bisect_left(lines, word, key=_word)
        found = []
        while i < len(lines) and _word(lines[i]) == word:
            found.append(lines[i])
            i += 1
        return found


@lru_cache(maxsize=1)
def _lemma_lines() -> _Lines:
    from lemminflect import config

    return _Lines(config.lemma_lu_fn)


@lru_cache(maxsize=1)
def _inflection_lines() -> _Lines:
    from lemminflect import config

    return _Lines(config.inflection_lu_fn)


@lru_cache(maxsize=2)
def _overrides(kind: str) -> dict[str, dict[str, tuple[str, ...]]]:
    from lemminflect import config
    from lemminflect.codecs.OverridesCodec import OverridesCodec

    return OverridesCodec.load(config.lemma_overrides_fn if kind == "lemma" else config.infl_overrides_fn)


@lru_cache(maxsize=1)
def _aux_and_modals() -> dict[str, dict[str, tuple[str, ...]]]:
    """The auxiliaries and modals LemmInflect's loader writes over the file's entries."""
    from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec

    return InflectionLUCodec.updateForAuxMod({})


def _asked(word: str, upos: str | None) -> tuple[str, str, str | None] | None:
    """(caps style, key, part of speech) of a question, as both LemmInflect functions read it;
    None for a part of speech they do not know (they log it and answer nothing)."""
    from lemminflect.core.LexicalUtils import applyCapsStyle, getCapsStyle

    if upos is not None and upos not in _UPOS:
        logger.warning("invalid upos type %s", upos)
        return None
    caps = getCapsStyle(word)
    key = word.lower()
    if upos == "PROPN":  # proper nouns are filed capitalised, as nouns
        key, upos = applyCapsStyle(key, "first_upper"), "NOUN"
    return caps, key, upos


def lemmas(word: str, upos: str | None = None) -> dict[str, tuple[str, ...]]:
    """``lemminflect.getAllLemmas(word, upos)``: {upos: lemma spellings} of ``word``."""
    from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec
    from lemminflect.core.LexicalUtils import applyCapsStyleToDict, categoryToUPos

    asked = _asked(word, upos)
    if asked is None:
        return {}
    caps, key, upos = asked
    found: dict[str, tuple[str, ...]] = {}
    for line in _lemma_lines().of(key):
        _, category, forms = LemmaLUCodec.fromString(line)
        found[categoryToUPos(category)] = forms
    found.update(_overrides("lemma").get(key, {}))
    if upos:
        found = {k: v for k, v in found.items() if k == upos}
    return applyCapsStyleToDict(found, caps)


def inflections(lemma: str, upos: str | None = None) -> dict[str, tuple[str, ...]]:
    """``lemminflect.getAllInflections(lemma, upos)``: {Penn tag: spellings} of ``lemma``."""
    from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec
    from lemminflect.core.LexicalUtils import applyCapsStyleToDict, uposToTags

    asked = _asked(lemma, upos)
    if asked is None:
        return {}
    caps, key, upos = asked
    fixed = _aux_and_modals().get(key)
    forms: dict[str, tuple[str, ...]] = {}
    if fixed is not None:
        forms.update(fixed)
    else:
        for line in _inflection_lines().of(key):
            forms.update(InflectionLUCodec.fromString(line)[2])
    forms.update(_overrides("inflection").get(key, {}))
    if upos is not None:
        tags = uposToTags(upos)
        forms = {k: v for k, v in forms.items() if k in tags}
    return applyCapsStyleToDict(forms, caps)
