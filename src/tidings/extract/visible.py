"""The text of a page as a reader sees it, piece by piece: no scripts, styles or comments."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree
from lxml import html as lxml_html

_NOT_TEXT = frozenset({"script", "style", "noscript", "template", "svg", "button", "select"})


def element_text(element: lxml_html.HtmlElement) -> Iterator[str]:
    """The text nodes inside `element`, in document order (its own tail excluded)."""
    skipping = 0
    for event, el in etree.iterwalk(element, events=("start", "end", "comment", "pi")):
        if event in ("comment", "pi"):  # shows nothing itself; the text after it does
            if not skipping and el.tail:
                yield el.tail
            continue
        hidden = el.tag in _NOT_TEXT
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


def visible_text(element: lxml_html.HtmlElement) -> str:
    """All of `element`'s visible text, pieces separated by a space, whitespace collapsed."""
    return " ".join(" ".join(element_text(element)).split())
