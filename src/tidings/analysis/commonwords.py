"""The shipped list of common English words that makes a company name ambiguous.

A name made only of such words ("Block", "Square", "General Electric") reads as ordinary prose
as often as it reads as the company, so the mention matcher asks for more evidence before it
believes one.

The list is hand-made and cannot hold every word: a one-word name that English has as a word
("Zoom", "Sprint", "Snowflake") is as ambiguous as a listed one, so :func:`is_english_word`
asks LemmInflect's lexicon (the one :mod:`tidings.analysis.verbforms` reads) as well.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

__all__ = ["common_words", "is_common_word", "is_english_word"]


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Return the shipped lower-case common words (tidings/data/common_words.txt)."""
    text = resources.files("tidings").joinpath("data/common_words.txt").read_text("utf-8")
    return frozenset(
        line.strip().lower()
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )


def is_common_word(word: str) -> bool:
    """True when ``word`` (any case) is on the shipped common-words list."""
    return word.lower() in common_words()


def is_english_word(word: str) -> bool:
    """True when the lexicon knows ``word`` (any case) as an English word of any part of speech.

    Made-up names ("Nvidia", "Robinhood") are not in it. The lexicon loads on the first call
    (about half a second, once per process); answers are cached.
    """
    from tidings.analysis.verbforms import readings  # lazy: the lexicon loads only when asked

    return bool(readings(word))
