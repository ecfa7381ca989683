"""The date a page shows its readers next to its headline."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from lxml import etree
from lxml import html as lxml_html

from tidings.extract.dates import in_bounds, parse_text_date
from tidings.extract.metadata import headline_elements

# How much text after the headline is read: a byline, a dateline and a reading time fit; the
# article's own dates ("on 18 October 2021 the company...") mostly come later.
_DATELINE_CHARS = 250
_NOT_TEXT = frozenset({"script", "style", "noscript", "template", "svg", "button", "select"})


def headline_date(
    tree: lxml_html.HtmlElement, host: str, now: datetime | None, *, day_first: bool = False
) -> datetime | None:
    """The first date in the text that follows the page's headline (its byline or dateline)."""
    headlines = headline_elements(tree, host)
    if not headlines:
        return None
    text = " ".join(_text_after(headlines[0], _DATELINE_CHARS))
    return in_bounds(parse_text_date(text, day_first=day_first), now)


def _text_after(element: lxml_html.HtmlElement, limit: int) -> Iterator[str]:
    """Visible text following `element` in document order, about `limit` characters of it."""
    size = 0
    node = element
    while node is not None and size < limit:
        for chunk in _tail_and_following(node):
            chunk = " ".join(chunk.split())
            if chunk:
                size += len(chunk) + 1
                yield chunk
                if size >= limit:
                    return
        node = node.getparent()


def _tail_and_following(node: lxml_html.HtmlElement) -> Iterator[str]:
    if node.tail:
        yield node.tail
    for sibling in node.itersiblings():
        if isinstance(sibling.tag, str):  # comments and processing instructions show nothing
            yield from _element_text(sibling)
        if sibling.tail:
            yield sibling.tail


def _element_text(element: lxml_html.HtmlElement) -> Iterator[str]:
    skipping = 0
    for event, el in etree.iterwalk(element, events=("start", "end")):
        hidden = not isinstance(el.tag, str) or el.tag in _NOT_TEXT
        if event == "start":
            if hidden:
                skipping += 1
            elif not skipping and el.text:
                yield el.text
        else:
            if hidden:
                skipping -= 1
            if el is not element and not skipping and el.tail:
                yield el.tail
