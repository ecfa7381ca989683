"""Word forms for search: "engineers" and "engineer", "launched" and "launching" index as one
term, so a search finds the article whatever form it used.

Snowball stemmers (PyStemmer, the Snowball project's own C build) rather than rules of our own:
they are the reference implementation for about thirty languages, and fast enough to stem every
word at ingest. Articles carry no language yet, so every text is stemmed as English, the
default; `stems(words, language)` takes another Snowball language once one is known.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import Stemmer

DEFAULT_LANGUAGE = "english"
# What the settings table records for a search index built from these stems, so a store whose
# tokens predate stemming (or mix both) can be told apart: see intel/search.py.
SCHEME = "snowball-english-1"

_local = threading.local()  # a Stemmer object must not be shared between threads


def _stemmer(language: str) -> Stemmer.Stemmer:
    stemmers: dict[str, Stemmer.Stemmer] | None = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    stemmer = stemmers.get(language)
    if stemmer is None:
        try:
            stemmer = stemmers[language] = Stemmer.Stemmer(language, 100_000)
        except KeyError:
            raise ValueError(f"no Snowball stemmer for {language!r}") from None
    return stemmer


def stems(words: Sequence[str], language: str = DEFAULT_LANGUAGE) -> list[str]:
    """The stem of each (lower-case) word, in order: ["launched", "engineers"] -> ["launch", "engin"]."""
    return _stemmer(language).stemWords(words)
