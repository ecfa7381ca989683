"""The shipped list of common English words that makes a company name ambiguous.

A name made only of such words ("Block", "Square", "General Electric") reads as ordinary prose
as often as it reads as the company, so the mention matcher asks for more evidence before it
believes one.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

__all__ = ["common_words", "is_common_word"]


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
