"""Which readings an English word has (verb, noun, adjective), from LemmInflect's lexicon.

The name cues need to tell "Gap widens" (an inflected verb: the name is its subject) from
"Apple slices" (a plural that is also a verb) and "Block the road" (a base form after a
sentence-initial word: an imperative). A hand list of verbs misses most of English; the
lexicon LemmInflect ships (MIT, built from the SPECIALIST lexicon) knows every common verb and
its inflections. :mod:`tidings.analysis.lexicon` reads it (on the first common-word hit that
needs it: a few hundredths of a second, 10 MB) with the answers of LemmInflect's own functions,
and every answer is cached.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from tidings.analysis import lexicon

__all__ = ["is_bare_base", "is_inflected_verb", "readings", "verb_lemmas"]

logger = logging.getLogger(__name__)


@lru_cache(maxsize=8192)
def readings(word: str) -> frozenset[str]:
    """The parts of speech the lexicon knows for ``word`` ("VERB", "NOUN", "ADJ", ...)."""
    w = word.lower().strip("'’")
    if not w.isalpha():
        return frozenset()
    return frozenset(lexicon.lemmas(w))


@lru_cache(maxsize=8192)
def is_inflected_verb(word: str) -> bool:
    """True for a verb form that shows a subject: third person ("widens", "hovers"), past
    ("slid", "rallied") or a participle ("planning"), and that has no noun reading, so "slices",
    "names" or "watch" are not read as verbs here."""
    w = word.lower().strip("'’")
    found = readings(w)
    if "VERB" not in found or "NOUN" in found:
        return False
    lemmas = lexicon.lemmas(w, "VERB").get("VERB", ())
    return bool(lemmas) and w not in lemmas


@lru_cache(maxsize=8192)
def verb_lemmas(word: str) -> tuple[str, ...]:
    """The verbs ``word`` is a form of ("saw" -> ("saw", "see")); empty when it is none."""
    w = word.lower().strip("'’")
    if not w.isalpha():
        return ()
    return tuple(lexicon.lemmas(w, "VERB").get("VERB", ()))



@lru_cache(maxsize=8192)
def is_bare_base(word: str) -> bool:
    """True for a verb's base form that is no other form of any verb: "slow", "launch"; not
    "saw" (past of "see"), "cut" or "set" (also their own past participle)."""
    w = word.lower().strip("'’")
    if verb_lemmas(w) != (w,):
        return False
    forms = lexicon.inflections(w, upos="VERB")
    return w not in forms.get("VBD", ()) and w not in forms.get("VBN", ())
