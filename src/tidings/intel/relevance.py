"""Relevance to an interview: which words of the role and the notes a story shares.

Words are compared by their English Snowball stems, so "data engineering", "data engineers"
and "pipelines" match "Data Engineer" and "pipeline". Words that say nothing about the work
("senior", "role", "team", "discussed") are left out, so a title merely containing "team"
is not relevant to every interview. `why` shows the words as the story wrote them, grouped
into the phrases they form there ("streaming pipeline", "data engineers").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tidings.analysis.wordforms import stems
from tidings.intel.records import InterviewContext

_WORD = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ÿ+#]+")
# Function words and words that belong to every interview: they would make any article "match".
_IGNORED = frozenset(
    """
    a an and are as at be but by for from has have he her his i in is it its of on or our she
    that the their them they this to was we were will with you your not no so if than then
    there these those been being into over about after before more most also can could would
    should said says say new very really much many lot lots some any all how what when where
    who why which while just like liked enjoyed enjoy talked talk discussed discuss discussion
    mentioned mention asked ask interview interviews interviewed interviewer role roles job jobs
    position team teams company work working day days week weeks next steps step timeline call
    senior junior lead principal staff head intern chief associate sr jr ii iii iv
    good great nice interesting them us me my mine
    """.split()
)
MIN_WORD = 2


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    # The search index's stemmer (analysis/wordforms.py), so an interview and a search read word
    # forms alike; cached because news repeats words.
    return stems([word.lower()])[0]


def _prefixes(terms: frozenset[str]) -> frozenset[str]:
    """First two letters of each stem: an English Snowball stem keeps the word's beginning, so a
    word starting otherwise cannot match and need not be stemmed (most words of a text)."""
    return frozenset(t[:2] for t in terms)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def interview_terms(context: InterviewContext | None, exclude: str = "") -> frozenset[str]:
    """The stems that stand for the role and the notes, less those of `exclude` (the company's
    name: "robots" in the notes must not match every story about Northwind Robotics)."""
    if context is None or context.empty:
        return frozenset()
    text = f"{context.role or ''} {context.notes or ''}"
    excluded = {stem(w) for w in words(exclude)}
    return frozenset(
        s for w in words(text) if len(w) >= MIN_WORD and w.lower() not in _IGNORED
        and (s := stem(w)) not in excluded
    )


def role_terms(context: InterviewContext | None) -> frozenset[str]:
    if context is None or not context.role:
        return frozenset()
    return interview_terms(InterviewContext(role=context.role))


@dataclass(frozen=True)
class Match:
    """What a story shares with the interview."""

    stems: frozenset[str]  # distinct interview stems found
    phrases: tuple[str, ...]  # as written in the story, in reading order
    where: str = ""  # "text" when found only in the article's text, not in its headline

    @property
    def strength(self) -> int:
        return len(self.stems)

    def __bool__(self) -> bool:
        return bool(self.stems)


NO_MATCH = Match(frozenset(), ())


def match_text(text: str, terms: frozenset[str], max_phrases: int = 4) -> Match:
    """Interview words in `text`: consecutive matching words form one phrase, kept as written
    ("customer-facing analytics", hyphen and all)."""
    if not terms or not text:
        return NO_MATCH
    found: set[str] = set()
    phrases: list[str] = []
    seen: set[str] = set()
    run: list[tuple[int, int, str]] = []

    def close() -> None:
        if run:
            key = " ".join(s for _, _, s in run)
            if key not in seen:
                seen.add(key)
                phrases.append(text[run[0][0] : run[-1][1]])
        run.clear()

    prefixes = _prefixes(terms)
    last_end = 0
    for m in _WORD.finditer(text):
        word = m.group()
        lowered = word.lower()
        s = stem(word) if lowered[:2] in prefixes and lowered not in _IGNORED else ""
        # Words joined by a space or a hyphen continue a phrase; punctuation ends it.
        joined = bool(run) and text[last_end : m.start()] in (" ", "-")
        if s and s in terms:
            if run and not joined:
                close()
            found.add(s)
            run.append((m.start(), m.end(), s))
        else:
            close()
        last_end = m.end()
    close()
    # A longer phrase says more than the single words it contains ("data engineers", not
    # also "data"); then reading order.
    lowered = [f" {p.lower().replace('-', ' ')} " for p in phrases]
    kept = [
        p for p, low in zip(phrases, lowered, strict=True)
        if not any(low != other and low in other for other in lowered)
    ]
    return Match(frozenset(found), tuple(kept[:max_phrases]))


# One shared word ("customers", "data") is a coincidence; two are what the interview was about.
MIN_STRENGTH = 2


def relevant(match: Match) -> Match:
    """The match when it is strong enough to count, else NO_MATCH."""
    return match if match.strength >= MIN_STRENGTH else NO_MATCH


def relevance_factor(match: Match) -> float:
    """How much a relevant match lifts a story's score: more shared words, more lift. Words found
    only in the text lift half as much: a lead has many more words than a headline, and one of
    them may be there in passing."""
    if match.strength < MIN_STRENGTH:
        return 1.0
    step = 0.3 if match.where == "text" else 0.6
    return 1.0 + step * min(match.strength, 5)


def in_text(match: Match, role_stems: frozenset[str]) -> Match:
    """A match found in an article's text, kept when it holds a word of the notes: two words of
    the role alone ("virtual", "engineers") are in most of a field's articles."""
    if not match or match.stems <= role_stems:
        return NO_MATCH
    return Match(match.stems, match.phrases, "text")


def why_matched(match: Match) -> str:
    where = " in the article's text, not its headline" if match.where == "text" else ""
    return f"Matches your interview{where}: " + ", ".join(match.phrases) + "."
