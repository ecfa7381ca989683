"""Find an article's main text: trafilatura's extractor, with our own rules as the fallback."""

from __future__ import annotations

import logging
import re
from copy import deepcopy

from lxml import html as lxml_html

logger = logging.getLogger(__name__)

_BOILERPLATE = re.compile(
    r"cookie|consent|gdpr|banner|comment|related|recommend|share|social|newsletter|subscribe|"
    r"sidebar|side-bar|widget|menu|breadcrumb|footer|header|masthead|navbar|nav-|promo|"
    r"advert|ad-|ads-|sponsor|popup|modal|signup|login|author-bio|tags|tag-list|pagination|"
    r"byline|skip|outbrain|taboola|disqus|more-stories|read-more|toolbar|print",
    re.I,
)
_KEEP = re.compile(r"article|content|story|post|entry|main|body|text", re.I)
_DROP_TAGS = ("script", "style", "noscript", "nav", "footer", "aside", "form", "button",
              "iframe", "svg", "template", "select", "header", "figure", "figcaption")
_BLOCKS = ("p", "h2", "h3", "h4", "h5", "li", "blockquote", "pre", "td", "dd")
_WS = re.compile(r"[ \t\r\f\v\u00a0]+")


def extract_body_trafilatura(tree: lxml_html.HtmlElement, url: str) -> str:
    """The main text as trafilatura finds it ('' when it finds nothing)."""
    import trafilatura  # imported lazily: it takes ~0.3 s to import and is not always needed

    text = trafilatura.extract(
        tree,
        url=url,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
        fast=True,
        with_metadata=False,
    )
    return text or ""


def _text(el: lxml_html.HtmlElement) -> str:
    return _WS.sub(" ", el.text_content()).strip()


def _link_density(el: lxml_html.HtmlElement, length: int) -> float:
    if not length:
        return 1.0
    linked = sum(len(_WS.sub(" ", a.text_content()).strip()) for a in el.iter("a"))
    return linked / length


def extract_body_rules(tree: lxml_html.HtmlElement) -> str:
    """Our own readability-style rules: score containers by the paragraph text they hold."""
    root = deepcopy(tree)
    body = root.find(".//body")
    if body is None:
        body = root
    for el in list(body.iter(*_DROP_TAGS)):
        if el.getparent() is not None:
            el.drop_tree()
    for el in list(body.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        marker = f"{el.get('class') or ''} {el.get('id') or ''} {el.get('role') or ''}"
        if el.get("aria-hidden") == "true" or (el.get("style") or "").replace(" ", "").find(
            "display:none"
        ) >= 0:
            el.drop_tree()
            continue
        if (marker.strip() and _BOILERPLATE.search(marker) and not _KEEP.search(marker)
                and el.tag not in ("body", "html", "article", "main")):
            el.drop_tree()

    scores: dict[lxml_html.HtmlElement, float] = {}
    for block in body.iter("p", "pre", "blockquote", "td", "li"):
        text = _text(block)
        if len(text) < 25:
            continue
        score = 1 + text.count(",") + min(len(text) / 100, 3)
        score *= 1 - min(_link_density(block, len(text)), 1.0)
        parent = block.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0.0) + score
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0.0) + score / 2
    if not scores:
        return ""
    best = max(scores, key=lambda el: scores[el] * (1.2 if el.tag in ("article", "main") else 1))
    # Siblings sharing the winner's parent often hold the rest of the story (split layouts).
    containers = [best]
    parent = best.getparent()
    if parent is not None:
        threshold = max(10.0, scores[best] * 0.2)
        containers = [c for c in parent if c is best or scores.get(c, 0.0) >= threshold]
    lines: list[str] = []
    for container in containers:
        for block in container.iter(*_BLOCKS, "h1"):
            if any(a in containers and a is not container for a in block.iterancestors()):
                continue
            if block.tag in ("li", "td") and any(
                a.tag in _BLOCKS for a in block.iterancestors() if a is not container
            ):
                continue
            if block.tag == "p" and any(a.tag in ("li", "td", "blockquote") for a in
                                        block.iterancestors()):
                continue
            text = _text(block)
            if not text:
                continue
            if block.tag in ("li", "td") and _link_density(block, len(text)) > 0.5:
                continue
            lines.append(text)
    return "\n\n".join(lines)
