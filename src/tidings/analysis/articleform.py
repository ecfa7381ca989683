"""What form an article takes, read from its headline: a roundup, a how-to, a buying guide, or
plain news.

A roundup ("Week in Review–Nov 5th, 2017", "AWS Links - Wednesday, January 7, 2009") is a list
of other people's news, each line a link or a sentence about another company; a how-to
("Typepad 101: Add a Background Image", "How to Grow a Lemon Tree") tells the reader what they
can do. Neither reports a development of whoever one of its lines names: "launch it on Amazon
EC2" in a list of webcasts is no Amazon launch, "add some new features to your blog" is no
launch of the blog host. ``analysis.events`` reads the body of such an article only for its
subject (see :func:`subjects`).

A buying guide or a comparison ("iPhone 8 Plus vs. iPhone X: Which one should you buy?", "Best
MacBook: Which Mac laptop should you buy?") weighs products already on sale: its body gives no development
at all ("Apple launched the iPhone X last month" there is background, not news). Its headline is
read as any ("Acme unveils the Z1: should you buy it?" is a launch).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from tidings.analysis.needles import holds, needles

__all__ = ["ROUNDUP", "HOWTO", "GUIDE", "article_form", "subjects"]

ROUNDUP = "roundup"
HOWTO = "howto"
GUIDE = "guide"

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
# A list under a name of its own: "Week in Review", "Weekly Links", "Link Roundup", "AWS Links",
# "Friday Recap", "This Week in Rust". Not "Link:" (one link with a comment on it: that link is
# the article's news) nor "review" alone (a product review).
_ROUNDUP_RE = re.compile(
    r"\b(?:week|month|year)\s+in\s+(?:review|links|news)\b"
    r"|\bthis\s+(?:week|month)\s+in\b"
    r"|\b(?:round-?ups?|recaps?|digest|newsletter)\b"
    r"|\b(?:weekly|monthly|daily|friday|sunday|saturday)\s+(?:links|reading|reads|review|notes|update)\b"
    # "links" as a noun: "AWS Links - ...", "Links: ...", "Links of the week"; not the verb
    # ("Acme links loyalty cards with ...")
    r"|^\s*links\b|\blinks\s*(?:[-–—:|]|$)|\blinks\s+(?:for|of)\s+(?:the\s+)?(?:day|week|month)\b",
    re.IGNORECASE,
)
# A headline that ends in the day it covers, after a separator: "– Nov 5th, 2017",
# "- Wednesday, January 7, 2009", ": July 24, 2016". A news headline puts its date in a phrase
# ("to hold event on March 21"), not after a dash.
_DATED_RE = re.compile(
    rf"(?:\s[-–—:|]|[–—:|])\s*(?:{_WEEKDAY},?\s+)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH})(?:,?\s+\d{{4}})?\s*$",
    re.IGNORECASE,
)
# Instructions for the reader: "How to ...", "Typepad 101: ...", "5 tips for ...", "A beginner's
# guide to ...", "Tutorial: ...", "Getting started with ...".
_HOWTO_RE = re.compile(
    r"^\s*(?:[\w'’.-]+\s+){0,3}?how\s+to\b"
    r"|\b101\s*:"
    r"|\b(?:tips|tricks)\s+(?:for|on|to)\b"
    r"|\b(?:beginner['’]?s|complete|step-by-step|quick|ultimate)\s+guide\b|\bguide\s+to\b"
    r"|^\s*tutorial\b|\btutorial\s*:|^\s*getting\s+started\b|\bstep[- ]by[- ]step\b",
    re.IGNORECASE,
)

# Products weighed against each other: "X vs. Y", "... versus ...", "Which one should you buy?",
# "Should you upgrade?", "Best MacBook: ...", "The 10 best ... to buy", "A buyer's guide"; not
# the retailer ("Best Buy posts record holiday sales").
_GUIDE_RE = re.compile(
    r"\bvs\.?\s|\bversus\b|\bshould\s+you\s+(?:buy|get|choose|upgrade|pick)\b"
    r"|^\s*(?:the\s+)?(?:\d+\s+)?best\s(?!buy\b)|\bbest\b[^.?!:]*\bto\s+buy\b|\bbuy(?:er|ing)['’]?s?\s+guide\b"
    r"|\bworth\s+(?:buying|the\s+upgrade)\b",
    re.IGNORECASE,
)


# Fragments one of which every match of each pattern holds (tidings.analysis.needles): an ASCII
# headline holding none of them is not searched (most headlines; the searches cost about
# as much as the rest of an article's preparation for its events).
_NEEDLES = {
    regex: needles(regex.pattern, regex.flags)
    for regex in (_HOWTO_RE, _ROUNDUP_RE, _DATED_RE, _GUIDE_RE)
}


def _search(regex: re.Pattern[str], title: str, lowered: str | None) -> bool:
    """Whether ``regex`` matches ``title``; ``lowered``: the lowered title if it is ASCII, else None."""
    if lowered is not None and not holds(_NEEDLES[regex], lowered):
        return False
    return regex.search(title) is not None


def article_form(title: str) -> str | None:
    """:data:`ROUNDUP`, :data:`HOWTO`, :data:`GUIDE`, or ``None`` for an ordinary article,
    from its headline."""
    if not title:
        return None
    lowered = title.lower() if title.isascii() else None
    if _search(_HOWTO_RE, title, lowered):
        return HOWTO
    if _search(_ROUNDUP_RE, title, lowered) or _search(_DATED_RE, title, lowered):
        return ROUNDUP
    if _search(_GUIDE_RE, title, lowered):
        return GUIDE
    return None


def subjects(
    form: str | None,
    in_title: Iterable[str],
    own: str | None,
    paragraphs: Iterable[str],
    named_in: Callable[[str], set[str]],
) -> frozenset[str] | None:
    """The companies whose developments the body of an article of ``form`` may give, or ``None``
    for any company (an ordinary article).

    A how-to's or a buying guide's body gives none: what it tells the reader to do or buy is no
    company's news. A roundup's body gives only its subject: a company its headline
    names, the company whose own source published it (``own``), or one named in at least half of
    its paragraphs (a weekly review of one company's news, every item about it). ``named_in``
    gives the companies a paragraph names.
    """
    if form is None:
        return None
    if form in (HOWTO, GUIDE):
        return frozenset()
    allowed = set(in_title)
    if own:
        allowed.add(own)
    counts: dict[str, int] = {}
    total = 0
    for paragraph in paragraphs:
        if not paragraph.strip():
            continue
        total += 1
        for company in named_in(paragraph):
            counts[company] = counts.get(company, 0) + 1
    allowed.update(c for c, n in counts.items() if total and 2 * n >= total)
    return frozenset(allowed)
