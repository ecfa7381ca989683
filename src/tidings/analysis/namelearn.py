"""Context words for a common-word name, learned from the articles that already confirm it.

A user who tracks "Delta" bare gives the matcher nothing to confirm "Delta Air Lines to
modernize its fleet": the capital after the name may begin another company's name ("Delta
Apparel"), so that hit needs support. The articles where the matcher did confirm Delta by a cue
("Delta raises its outlook", "shares of Delta") show what else the company's news says: its
cashtag ("$DAL"), its chief's name, its trade words ("planes"). A word that is much more
common in those articles than in the rest of the store is a context word the user would have
given, so it supports a hit the same way (``MentionMatcher(learned=...)``), in the same
sentence when the hit may begin another name. Longer names that start with the tracked one are
learned the same way: "Delta Air Lines" is in many of the articles that confirm Delta, and few
articles hold it without confirming Delta; "Delta Apparel" is in none that do.

The first round learns from the articles the plain matcher confirms; a second round also from
those the first round's words confirm, and no more rounds follow, so a wrong guess feeds itself
at most once.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from tidings.analysis import verbforms
from tidings.analysis.commonwords import common_words
from tidings.analysis.mentions import MentionMatcher, is_ambiguous_name
from tidings.analysis.namecues import FUNCTION_WORDS, names_another
from tidings.models import Company

__all__ = [
    "DOMINANCE", "FREQUENT_SHARE", "MIN_ARTICLES", "MIN_FREQUENT", "MIN_LONGER", "MIN_SHARE", "ROUNDS",
    "learn_context", "longer_names_in", "profile_words",
]

# Chosen on the tuning posts (names_business*.csv tuning rows): a word must appear in at least
# this many confirming articles, and at least this share of the articles holding the word must
# confirm the company.
MIN_ARTICLES = 3
MIN_SHARE = 0.15
# A longer name that starts with the tracked one ("delta air lines") says more than one word, so
# two confirming articles are enough (tuning posts 289 -> 291 of 317, sentences 83 -> 92 of 136,
# no new false match).
MIN_LONGER = 2
# The articles the first round's words confirm teach a second round ("Apple Watch" is in posts
# that "iPhone" confirms): tuning posts 295 -> 298 of 317, no new false match; a third round
# learned nothing more there.
ROUNDS = 2
# The longer name a store uses most for a company ("Discover Financial Services", "Plug Power")
# is the company's own when it is in at least MIN_FREQUENT articles and in at least
# FREQUENT_SHARE times as many articles as confirm the name alone: a user who tracks "Discover"
# and whose news says "Discover Financial Services" means that company, while "Delta Apparel"
# is rare beside the articles that confirm Delta. (Tuning: new-name posts 2 -> 14 of 20 found,
# no new false match on any tuning set.)
MIN_FREQUENT = 3
FREQUENT_SHARE = 0.5
# ... and only when it holds at least this share of the articles with any longer name of the
# word: "Southern California" is frequent, but beside "Southern Copper" and "Southern Company"
# it is one name among many (learned, it matched a place name in WCXB pages; on the tuning
# sets it drops only "Square Holdings", part of "Pershing Square Holdings").
DOMINANCE = 0.5

_URL = re.compile(r"https?://\S+")
_SPACE = re.compile(r"\s+")
# Words of three letters or more in any case, read lower case ("iPhone" -> "iphone": a word
# that only lower-case words count misses a company's products; tuning posts 291 -> 295 of
# 317), and cashtags ("$DAL"), which keep their case.
_TOKEN = re.compile(r"(?<![\w$@#/])([A-Za-z][A-Za-z]{2,}|\$[A-Z]{1,5})(?![\w/])")
_STOP = frozenset(
    """the and for with that this from are was were has have had its will would can could new not
    but you your our their they them into over after about says said more than what when how why
    who which just also been being then there here out off all any one two three get got may""".split()
)


def profile_words(text: str) -> set[str]:
    """The words of a text that may characterise a company: its words, lower case, and cashtags."""
    text = _URL.sub(" ", text)
    return {w if w.startswith("$") else w.lower() for w in _TOKEN.findall(text)} - _STOP


def _longer_name_re(names: Iterable[str]) -> re.Pattern[str]:
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})((?:[ ][A-Z][\w&'’-]*){{1,3}})")


def _inside_name(word: str) -> bool:
    low = word.lower().strip("'’")
    return low not in FUNCTION_WORDS and verbforms.readings(low) != frozenset({"VERB"})


def longer_names_in(pattern: re.Pattern[str], text: str) -> set[str]:
    """Longer names that start with a tracked name, lower case ("delta air", "delta air
    lines"): a capitalised run after the name that begins another name (namecues.names_another),
    so not "Apple Is" or "Delta CEO"."""
    found: set[str] = set()
    for m in pattern.finditer(text):
        words = []
        pos = m.start(1)
        # The first word must begin another name; a later one ends it when it can only be a
        # verb or is a small word ("Pioneer Natural Resources Announces", "Delta Air Lines To").
        for i, word in enumerate(m.group(1).split()):
            if not (names_another(text, pos) if i == 0 else _inside_name(word)):
                break
            words.append(word)
            pos += 1 + len(word)
        head = text[m.start() : m.start(1)]
        found.update(" ".join([head, *words[:n]]).lower().replace("’", "'") for n in range(1, len(words) + 1))
    return found


def _frequent_longer(
    wanted: dict[str, Company], seen: Counter[str], confirmed: Counter[str], least: int, share: float,
    dominance: float,
) -> dict[str, str]:
    """Per company, the longer name most of the store's articles use, when it passes the bar."""
    out: dict[str, str] = {}
    for slug, company in wanted.items():
        head = company.name.lower() + " "
        forms = [(n, len(w), w) for w, n in seen.items() if w.startswith(head)]
        if not forms:
            continue
        n, _, form = max(forms)  # most articles; of equal counts the longest form
        # Two-word forms are the different longer names ("southern california", "southern
        # copper"): the chosen one must hold most of them, not be one place name among many.
        pairs = sum(count for w, count in seen.items() if w.startswith(head) and w.count(" ") == 1)
        if n >= least and n >= share * max(1, confirmed[slug]) and n >= dominance * pairs:
            out[slug] = form
    return out


def learn_context(
    companies: Sequence[Company], texts: Iterable[tuple[str, str]], *,
    only: Iterable[str] | None = None, ambiguous: Iterable[str] = (), rounds: int = ROUNDS,
    min_articles: int = MIN_ARTICLES, min_share: float = MIN_SHARE, keep_common: bool = False,
    longer_names: bool = True, min_longer: int = MIN_LONGER, dedupe: bool = True,
    min_frequent: int = MIN_FREQUENT, frequent_share: float | None = FREQUENT_SHARE,
    dominance: float = DOMINANCE,
) -> dict[str, tuple[str, ...]]:
    """Learned context words per company slug, from (title, text) pairs of stored articles.

    ``companies`` are every tracked company (the matcher that finds the confirming articles
    needs them all; ``ambiguous`` as for :class:`MentionMatcher`); ``only`` limits the learning
    to these slugs. Only companies with a single common-word name (the ones that need support)
    get words; the company's own name words are never learned.
    """
    picked = set(only) if only is not None else None
    wanted = {
        c.slug: c for c in companies
        if is_ambiguous_name(c.name) == 2 and (picked is None or c.slug in picked)
    }
    if not wanted:
        return {}
    starts = _longer_name_re([c.name for c in wanted.values()]) if longer_names else None
    articles = []
    seen: Counter[str] = Counter()
    copies: set[str] = set()
    for title, text in texts:
        if dedupe:
            # The same story posted again (another link, another outlet) is one article: three
            # copies of one headline would teach its every word.
            key = _SPACE.sub(" ", _URL.sub(" ", f"{title}\n{text}")).strip().lower()
            if key in copies:
                continue
            copies.add(key)
        words = profile_words(f"{title}\n{text}")
        if starts is not None:
            words |= longer_names_in(starts, title) | longer_names_in(starts, text)
        seen.update(words)
        articles.append((title, text, words))
    common = common_words()
    learned: dict[str, tuple[str, ...]] = {}
    matcher = MentionMatcher(companies, ambiguous=ambiguous)
    frequent: dict[str, str] = {}
    for round_ in range(rounds):
        confirming: dict[str, Counter[str]] = {slug: Counter() for slug in wanted}
        confirmed: Counter[str] = Counter()
        for title, text, words in articles:
            for mention in matcher.find(title, text):
                if mention.company in confirming:
                    confirming[mention.company].update(words)
                    confirmed[mention.company] += 1
        if round_ == 0 and longer_names and frequent_share is not None:
            frequent = _frequent_longer(wanted, seen, confirmed, min_frequent, frequent_share, dominance)
        found: dict[str, tuple[str, ...]] = {}
        for slug, counts in confirming.items():
            own = {w.lower() for name in wanted[slug].names for w in name.split()}
            words = sorted(
                w for w, n in counts.items()
                if n >= (min_longer if " " in w else min_articles)
                and n / seen[w] >= min_share and w not in own
                # A common word learned from a few headlines is noise more often than not: only
                # cashtags and words off the common list ("bastian", "ironsource") are kept.
                and (keep_common or w.startswith("$") or w not in common)
            )
            if slug in frequent and frequent[slug] not in words:
                words = sorted([*words, frequent[slug]])
            if words:
                found[slug] = tuple(words)
        if found == learned:
            break
        learned = found
        matcher = MentionMatcher(companies, ambiguous=ambiguous, learned=learned)
    return learned
