"""Group articles that carry the same news (syndication, rewrites) into stories.

Two articles are one story when their titles (or titles plus leads) share enough *weighted*
tokens and they were published within a few days of each other. Weights are inverse document
frequencies over the batch, so a shared company name or amount counts far more than a shared
"announces"; numbers are normalised ("$40M", "$40 million" -> 40m) and weighted up.

To scale, nothing is compared all-pairs: items are processed in time order, and each one is
compared only with recent items that share two of its rarest tokens (an inverted index that
forgets entries older than the window). Story id: the id of the earliest article in the story.

Articles that link to the same page (their StoryItem.link) are one story whatever their dates.

Template news ("X raised $40 million in a Series B round led by Sequoia") shares every word but
the company with other companies' news, so similarity alone merges them: a merge is refused when
the two items name different subjects (the first distinctive capitalised word of each title is
absent from the other item) or share no distinctive name at all. Publisher suffixes (" - Reuters",
" | TechCrunch") are dropped from titles first, so they neither join nor split stories.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import islice

from tidings.analysis.commonwords import common_words

__all__ = ["StoryItem", "cluster_stories", "story_names", "story_tokens", "strip_publisher"]

WINDOW_DAYS = 4
TITLE_THRESHOLD = 0.5
FULL_THRESHOLD = 0.42
_BLOCK_KEYS = 6  # rarest tokens an item is indexed under
_TITLE_KEYS = 3  # the rarest title words also block: two copies of one headline must meet
_MAX_POSTINGS = 100  # newest entries looked at per key: a hot key is not a useful block
_LEAD_TOKENS = 40
_AMOUNT_THRESHOLD = 0.25
_AMOUNT_TOKEN_RE = re.compile(r"\d+(?:\.\d+)?[mbtk]")
_NUMBER_WEIGHT = 1.5

_STOP = frozenset(
    "a an the and or but of in on at to for from by with as is are was were be been has have had "
    "it its this that these those will would can could may might new says said say after over "
    "into about amid than more most up down out off per via vs how why what who when where "
    "report reports update updates news today week year just also not no".split()
)
_MONEY_RE = re.compile(
    r"(?:[$€£¥]\s?)?(\d+(?:[.,]\d+)*)\s?(million|billion|trillion|mn|bn|m|b|k)\b", re.IGNORECASE
)
_MONEY_START_RE = re.compile(r"[$€£¥\d]")  # where a _MONEY_RE match can start
_UNIT = {"million": "m", "mn": "m", "m": "m", "billion": "b", "bn": "b", "b": "b", "trillion": "t", "k": "k"}
_SERIES_RE = re.compile(r"\bseries\s+([a-h])\b", re.IGNORECASE)
# " - Reuters", " | TechCrunch", " — The Verge": a short last segment after a spaced dash or bar.
_PUBLISHER_RE = re.compile(r"\s+[-–—|]\s+(?:[^\s\-–—|]+\s?){1,4}$")
_NAME_RE = re.compile(r"[A-Za-z0-9][\w&.'’-]*")
_NOT_NAMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december inc corp ltd llc plc co "
    "q1 q2 q3 q4 ceo cfo cto coo ai shares stock stocks exclusive breaking update analysis opinion "
    "live watch video podcast".split()
)
_TOKEN_RE = re.compile(r"[a-z0-9][a-z0-9.%'&-]*[a-z0-9%]|[a-z0-9]")


# A number with a dot in a headline: a version ("10.1.0", "iOS 17.2") or an exact figure.
_DOTTED_NUMBER_RE = re.compile(r"(?<![\d.])\d+(?:\.\d+)+(?![\d.])")
_TEXT_KEY_CHARS = 300
_TEXT_KEY_MIN = 80  # "Notes for today" is no text to tell two posts by


@dataclass(frozen=True)
class StoryItem:
    """What clustering needs to know about one article."""

    id: str
    title: str
    lead: str
    published: datetime
    # The page it links to (canonical URL, with a fragment that names an item), "" when unknown:
    # two articles linking to one page are one story however far apart their dates are (a
    # feed that gives no date stores its copy as first seen today).
    link: str = ""
    # The date is the day it was first seen (the feed gave none, or one in the future or before
    # 1995): such a copy of another article's very text is that article's story, whatever the gap.
    estimated: bool = False


def _stem(token: str) -> str:
    token = token.removesuffix("'s")
    if token[0].isdigit() or len(token) <= 4:
        return token
    for suffix in ("ing", "ed", "es", "s"):
        if token.endswith(suffix) and len(token) - len(suffix) >= 4:
            return token[: -len(suffix)]
    return token


def _tokens(text: str) -> list[str]:
    text = text.replace("’", "'")
    text = _amounts(text)
    # The series search starts at every offset; a substring test rules most texts out first
    # (ASCII only: case-insensitive matching relates "ſ" to "s").
    if not text.isascii() or "series" in text.lower():
        text = _SERIES_RE.sub(r" series-\1 ", text)
    # A news vocabulary repeats: each token's stem is remembered, "" for a stop word (no stem is
    # empty), so a token costs one dict lookup.
    memo = _STEMS
    if len(memo) >= _STEM_MEMO:
        memo.clear()
    found = []
    for token in _TOKEN_RE.findall(text.lower()):
        stem = memo.get(token)
        if stem is None:
            stem = memo[token] = "" if token in _STOP else _stem(token)
        if stem:
            found.append(stem)
    return found


_STEM_MEMO = 200_000  # tokens remembered before starting over
_STEMS: dict[str, str] = {}


def _amounts(text: str) -> str:
    """``text`` with every _MONEY_RE match replaced by its normalised amount (" 40m ").

    The same matches as ``_MONEY_RE.sub``: a match starts with a currency sign or a digit, so
    the pattern is tried only where one stands (a quick character search finds them) instead of
    at every offset, in the same left-to-right order.
    """
    start = _MONEY_START_RE.search(text)
    if start is None:
        return text
    pieces: list[str] = []
    done = 0  # text before this offset is copied or replaced already
    while start is not None:
        m = _MONEY_RE.match(text, start.start())
        if m is None:
            start = _MONEY_START_RE.search(text, start.start() + 1)
            continue
        pieces.append(text[done : m.start()])
        pieces.append(f" {m.group(1).replace(',', '')}{_UNIT[m.group(2).lower()]} ")
        done = m.end()
        start = _MONEY_START_RE.search(text, done)
    pieces.append(text[done:])
    return "".join(pieces)


def strip_publisher(title: str) -> str:
    """Drop a trailing publisher segment (" - Reuters") unless it is most of the title."""
    m = _PUBLISHER_RE.search(title)
    if m and m.start() >= len(title) // 2:
        return title[: m.start()].rstrip()
    return title


def story_names(title: str, lead: str = "") -> tuple[str | None, frozenset[str]]:
    """(subject, names) of an item, lower case.

    Names are the distinctive capitalised words of title and lead (not common English, calendar
    or stop words). The subject is the title's first word when capitalised, even a common one
    ("Block raises..."), else its first name: in headlines, what the news is about.
    """
    words = common_words()
    title = strip_publisher(title)
    subject: str | None = None
    first = _NAME_RE.search(title)
    if first is not None and first.group()[0].isupper():
        key = _name_key(first.group())
        if len(key) >= 2 and key not in _STOP and key not in _NOT_NAMES and not key[0].isdigit():
            subject = key
    found: list[str] = []
    for text in (title, lead):
        for m in _NAME_RE.finditer(text):
            token = m.group()
            if token.lower() == token:  # no capital letter: not a name
                continue
            key = _name_key(token)
            if len(key) < 2 or key[0].isdigit() or key in words or key in _STOP or key in _NOT_NAMES:
                continue
            found.append(key)
            if subject is None and text is title:
                subject = key
    return subject, frozenset(found)


def _name_key(token: str) -> str:
    return token.replace("’", "'").removesuffix("'s").rstrip(".,'-").lower()


def _different_subjects(a: tuple[str | None, frozenset[str]], b: tuple[str | None, frozenset[str]]) -> bool:
    subject_a, names_a = a
    subject_b, names_b = b
    if names_a and names_b and not names_a & names_b:
        return True
    return (
        subject_a is not None
        and subject_b is not None
        and subject_a != subject_b
        and subject_a not in names_b
        and subject_b not in names_a
    )


def story_tokens(title: str, lead: str) -> tuple[frozenset[str], frozenset[str]]:
    """(title tokens, title plus lead tokens), normalised for comparing two articles."""
    return _token_sets(*_token_lists(title, lead))


def _token_lists(title: str, lead: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return tuple(_tokens(strip_publisher(title))), tuple(_tokens(lead)[:_LEAD_TOKENS])


def _token_sets(title: Iterable[str], lead: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
    # Built the same way every time, so the sets (and the order sums over them run in) are too.
    title_set = frozenset(title)
    return title_set, title_set.union(lead)


def _weighted_jaccard(a: frozenset[str], b: frozenset[str], weight: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    shared = sum(weight[t] for t in a & b)
    if not shared:
        return 0.0
    return shared / sum(weight[t] for t in a | b)


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The earlier item (smaller index, items are in time order) stays the root.
            self.parent[max(ra, rb)] = min(ra, rb)


def cluster_stories(
    items: Sequence[StoryItem],
    *,
    window_days: float = WINDOW_DAYS,
    title_threshold: float = TITLE_THRESHOLD,
    full_threshold: float = FULL_THRESHOLD,
) -> dict[str, str]:
    """Map every article id to its story id (the id of the story's earliest article)."""
    ordered = sorted(items, key=lambda i: (i.published, i.id))
    # Memory: token sets cost ~3 KB an article, the token tuples they are built from a sixth of
    # that. Only the tuples are kept for every article; the sets (and names) are built when an
    # article's turn comes and dropped once it falls out of the window, as nothing older is
    # ever a candidate again.
    lists = [_token_lists(i.title, i.lead) for i in ordered]
    df: Counter[str] = Counter()
    for title_tokens, lead_tokens in lists:
        df.update(_token_sets(title_tokens, lead_tokens)[1])
    n = max(1, len(ordered))
    weight: dict[str, float] = {}
    for token, count in df.items():
        w = math.log(1 + n / count)
        weight[token] = w * _NUMBER_WEIGHT if token[0].isdigit() else w
    window = timedelta(days=window_days)
    index: dict[str, deque[int]] = defaultdict(deque)
    uf = _UnionFind(len(ordered))
    # by position, for the articles still inside the window: (title set, full set) and names
    tokens: list[tuple[frozenset[str], frozenset[str]] | None] = [None] * len(ordered)
    names: list[tuple[str | None, frozenset[str]] | None] = [None] * len(ordered)
    twin_of = _dated_twins(ordered)
    versions = [frozenset(_DOTTED_NUMBER_RE.findall(i.title)) for i in ordered]
    low = 0
    for position, item in enumerate(ordered):
        if position in twin_of:
            # An undated copy of a dated article's text is that article's story; its day (when
            # it was first seen) is no day of the story, so it matches nothing by its date: it
            # would join the next week's look-alike ("QEMU version 10.0.0 released" to a copy
            # of the 9.1.0 post first seen three days before it).
            continue
        title_set, full_set = tokens[position] = _token_sets(*lists[position])
        names[position] = story_names(item.title, item.lead)
        oldest = item.published - window
        while low < position and ordered[low].published < oldest:
            tokens[low] = names[low] = None
            low += 1
        # Title tokens are blocking keys too: the rarest tokens of a lead are often words only
        # that outlet used, and two copies of one headline must still meet.
        keys = sorted(set(_rarest(full_set, df)) | set(_rarest(title_set, df)[:_TITLE_KEYS]))
        candidates: Counter[int] = Counter()
        for token in keys:
            postings = index.get(token)
            if not postings:
                continue
            while postings and ordered[postings[0]].published < oldest:
                postings.popleft()
            candidates.update(islice(reversed(postings), _MAX_POSTINGS))
        # One shared rare token cannot make two real titles alike; it only costs comparisons.
        needed = 1 if len(full_set) <= 3 else 2
        for other, shared_keys in candidates.items():
            # candidates are never older than the window, so their sets are still there
            other_title, other_full = tokens[other]  # type: ignore[misc]
            if shared_keys < needed and len(other_full) > 3:
                continue
            if uf.find(other) == uf.find(position):
                continue
            if _different_subjects(names[position], names[other]):  # type: ignore[arg-type]
                continue
            if versions[position] and versions[other] and not versions[position] & versions[other]:
                # "QEMU version 10.0.0 released" and "... 10.1.0 released" three days apart:
                # release notes share a template, the numbers tell the releases apart.
                continue
            if _similar(
                title_set, full_set, other_title, other_full, weight, title_threshold, full_threshold
            ):
                uf.union(other, position)
        for key in keys:
            index[key].append(position)
    first_of_link: dict[str, int] = {}
    for position, item in enumerate(ordered):
        if item.link:
            uf.union(first_of_link.setdefault(item.link, position), position)
    for position, anchor in twin_of.items():
        uf.union(anchor, position)
    return {item.id: ordered[uf.find(pos)].id for pos, item in enumerate(ordered)}


def _dated_twins(ordered: Sequence[StoryItem]) -> dict[int, int]:
    """Each undated copy (an estimated date) of another article's very text, by position, with
    the position of the earliest dated article of that text (or the earliest copy when none is
    dated). Two real dates with one text are left to the window (a recurring post)."""
    wanted = {text_key(ordered[p].title, ordered[p].lead) for p, item in enumerate(ordered) if item.estimated}
    wanted.discard("")
    if not wanted:
        return {}
    anchor: dict[str, int] = {}
    keys: dict[int, str] = {}
    for position, item in enumerate(ordered):
        key = text_key(item.title, item.lead)
        if key not in wanted:
            continue
        keys[position] = key
        if key not in anchor or (ordered[anchor[key]].estimated and not item.estimated):
            anchor[key] = position
    return {
        position: anchor[key] for position, key in keys.items()
        if ordered[position].estimated and anchor[key] != position
    }


def text_key(title: str, lead: str) -> str:
    """The headline and the start of the lead, folded: equal only for copies of one text. ""
    when the lead is too short to tell two posts of one recurring headline apart."""
    lead = " ".join(lead.split()).casefold()[:_TEXT_KEY_CHARS]
    if len(lead) < _TEXT_KEY_MIN:
        return ""
    return " ".join(title.split()).casefold() + "\x1f" + lead


def _similar(
    title: frozenset[str],
    full: frozenset[str],
    other_title: frozenset[str],
    other_full: frozenset[str],
    weight: dict[str, float],
    title_threshold: float,
    full_threshold: float,
) -> bool:
    if _weighted_jaccard(title, other_title, weight) >= title_threshold:
        return True
    score = _weighted_jaccard(full, other_full, weight)
    if score >= full_threshold:
        return True
    # The same amount ("40m") in both, with real overlap besides: rewrites of one deal or round.
    if score >= _AMOUNT_THRESHOLD and any(_AMOUNT_TOKEN_RE.fullmatch(t) for t in title & other_title):
        return True
    return False


def _rarest(tokens: Iterable[str], df: Counter[str]) -> list[str]:
    return sorted(tokens, key=lambda t: (df[t], t))[:_BLOCK_KEYS]
