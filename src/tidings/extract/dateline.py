"""The date a page shows its readers next to its headline."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

from lxml import html as lxml_html

from tidings.extract.metadata import headline_elements
from tidings.extract.page_dates import find_relative_date, find_text_date, in_bounds
from tidings.extract.visible import element_text

# How much text after the headline is read: a byline, a dateline and a reading time fit; the
# article's own dates ("on 18 October 2021 the company...") mostly come later.
_DATELINE_CHARS = 250
# How much text above the headline is read: a kicker line ("Press release | 12.12.2022").
_KICKER_CHARS = 150
# Longest piece of text read as a byline or dateline ("By Jane Doe | 12 March 2024, 10:15").
_DATELINE_PIECE_CHARS = 60
_UPDATE_LABEL = re.compile(
    r"updated|update|aktualisiert|ge(?:ä|ae)ndert|(?:ä|ae)nderung|modifi|mis\s+(?:à|a)\s+jour"
    r"|actualizad|aggiornat|bijgewerkt|uppdaterad|opdateret|oppdatert|zaktualizowan"
    r"|更新|수정",
    re.IGNORECASE,
)


def headline_date(
    tree: lxml_html.HtmlElement, host: str, now: datetime | None, *, day_first: bool = False,
    relative: bool = False,
) -> datetime | None:
    """The date printed in the byline or dateline under the page's headline, or failing that
    just above it ("Press release | 12.12.2022"), if any.

    Only short pieces of text count (a byline, a dateline, a "3 min read"): a date inside a
    sentence or a photo caption is about something else. A date labelled as an update is
    passed over, since we want the first publication. With `relative`, "3 hours ago" counts
    too, back from `now` (the time the page was fetched): the caller asks for it only when
    nothing absolute was found, since an old page may say "3 hours ago" of a comment or a
    ticker, and a capture read later is not "now".
    """
    headlines = headline_elements(tree, host)
    if not headlines:
        return None
    after = list(_text_near(headlines[0], _DATELINE_CHARS, _tail_and_following))
    before = list(_text_near(headlines[0], _KICKER_CHARS, _preceding))
    # Nearest the headline first: below it in reading order, then above it upwards.
    candidates = [(chunk, after[i - 1] if i else "") for i, chunk in enumerate(after)]
    candidates += [(chunk, before[i + 1] if i + 1 < len(before) else "")
                   for i, chunk in enumerate(before)]
    served = now or datetime.now(UTC)
    for chunk, preceding in candidates:
        if len(chunk) > _DATELINE_PIECE_CHARS:
            continue
        found = find_text_date(chunk, day_first=day_first)
        if found is None and relative:
            found = find_relative_date(chunk, served)
        if found is None:
            continue
        start, value = found
        # Only a label before the date makes it an update: "9 March · Updated 11:40" is not.
        if in_bounds(value, now) and not _UPDATE_LABEL.search(f"{preceding[-30:]} {chunk[:start]}"):
            return value
    return None


def _text_near(
    element: lxml_html.HtmlElement, limit: int,
    pieces: Callable[[lxml_html.HtmlElement], Iterator[str]],
) -> Iterator[str]:
    """About `limit` characters of visible text next to `element`, in the order `pieces` gives
    for each level: the element's own neighbours, then its parent's, up to <body> (not above:
    the <head>, its <title>, is not text the reader sees around the headline)."""
    size = 0
    node = element
    while node is not None and node.tag != "body" and size < limit:
        for chunk in pieces(node):
            chunk = " ".join(chunk.split())
            if chunk:
                size += len(chunk) + 1
                yield chunk
                if size >= limit:
                    return
        node = node.getparent()


def _preceding(node: lxml_html.HtmlElement) -> Iterator[str]:
    """Text before `node` within its parent, nearest first."""
    for sibling in node.itersiblings(preceding=True):
        if sibling.tail:
            yield sibling.tail
        if isinstance(sibling.tag, str):
            yield from reversed(list(element_text(sibling)))
    parent = node.getparent()
    if parent is not None and parent.text:
        yield parent.text


def _tail_and_following(node: lxml_html.HtmlElement) -> Iterator[str]:
    """Text after `node` within its parent, in document order."""
    if node.tail:
        yield node.tail
    for sibling in node.itersiblings():
        if isinstance(sibling.tag, str):  # comments and processing instructions show nothing
            yield from element_text(sibling)
        if sibling.tail:
            yield sibling.tail
