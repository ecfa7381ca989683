"""Whether the line around a name reads as prose, or as a table row or a line of code.

A source filed under a company (a person's blog, a trade feed, a news search) supports a
capitalised common-word name in the article's body: "we upgraded the Canonical archive" is the
company. A table header ("Size Canonical All All, Cumulative Generate Search") or a code line
("client = Linear.Client(key)") capitalises words for other reasons, so there the support
does not hold. Sentences end at newlines (analysis.sentences), so the span is at most a line.
"""

from __future__ import annotations

import re

__all__ = ["reads_as_prose"]

# A word of letters (any script), not part of an identifier, a path or an address; prose has
# lower-case ones between its names ("we", "upgraded", "the", "в", "офисе").
_WORD_RE = re.compile(r"(?<![\w.$@/#-])[^\W\d_]+(?:['’-][^\W\d_]+)*(?![\w(/.@-]\w)")
# Marks prose does not carry: a call ("print(", "Linear.Client(", not "Tesla(TSLA)"), an index
# ("args[i]", not a footnote "Google[1]"), an assignment or a comparison, braces, a statement's
# closing semicolon, a scope or an arrow, a markup tag.
_CODE_RE = re.compile(
    r"\b[a-z_][\w.]*\(|\b[A-Za-z_]\w*\.[A-Za-z_]\w*\(|\w\[(?!\d+\])|\s[=!<>]?=\s|==|!=|[{}]|;\s*$|::|->|=>"
    r"|</?[a-z]+>",
    re.MULTILINE,
)
# Two lower-case words: a wrapped prose line ("on a 2.53 GHz Intel Core 2 Duo") has them, a
# header of Title Case labels has none. A short link title with one ("Tesla update") reads as
# no prose too: in a show's list of links the name then needs support, as in a table.
_MIN_LOWER_WORDS = 2


def reads_as_prose(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` (the sentence or line around a name) reads as prose."""
    span = text[start:end]
    if _CODE_RE.search(span):
        return False
    count = 0
    for m in _WORD_RE.finditer(span):
        if m.group().islower():
            count += 1
            if count >= _MIN_LOWER_WORDS:
                return True
    return False
