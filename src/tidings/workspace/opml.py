"""OPML, the format every feed reader imports and exports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from xml.sax.saxutils import quoteattr

from lxml import etree

from tidings.errors import TidingsError
from tidings.workspace.config import Config


class OpmlError(TidingsError):
    """The file is not OPML we can read."""


@dataclass(frozen=True)
class OpmlFeed:
    url: str
    title: str | None
    html_url: str | None = None
    folder: str | None = None  # the nearest enclosing outline without a feed ("Tech", a company)


def parse_opml(data: bytes) -> list[OpmlFeed]:
    """Every outline with an xmlUrl, however deeply nested, in document order, without repeats."""
    # No feed reader writes entity declarations; refusing them outright keeps entity-expansion
    # tricks (billion laughs, external entities) from ever reaching the parser.
    if b"<!ENTITY" in data or "<!ENTITY".encode("utf-16-le") in data:
        raise OpmlError("not an OPML file we accept: it declares XML entities")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise OpmlError(f"not a readable OPML file: {exc}") from None
    if etree.QName(root).localname.lower() != "opml":
        raise OpmlError(f"not an OPML file (root element is <{etree.QName(root).localname}>)")
    feeds: list[OpmlFeed] = []
    seen: set[str] = set()
    for outline in root.iter("{*}outline", "outline"):
        attrs = {k.lower(): v for k, v in outline.attrib.items()}
        url = (attrs.get("xmlurl") or "").strip()
        if not url or url in seen:
            continue
        seen.add(url)
        title = (attrs.get("title") or attrs.get("text") or "").strip() or None
        feeds.append(OpmlFeed(url, title, (attrs.get("htmlurl") or "").strip() or None, _folder(outline)))
    return feeds


def _folder(outline: etree._Element) -> str | None:
    for parent in outline.iterancestors("{*}outline", "outline"):
        attrs = {k.lower(): v for k, v in parent.attrib.items()}
        if not (attrs.get("xmlurl") or "").strip():
            return (attrs.get("text") or attrs.get("title") or "").strip() or None
    return None


def export_opml(config: Config, now: datetime | None = None) -> str:
    """One folder outline per company holding its feed and search sources."""
    now = now or datetime.now(UTC)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head>",
        "    <title>tidings sources</title>",
        f"    <dateCreated>{now.strftime('%a, %d %b %Y %H:%M:%S GMT')}</dateCreated>",
        "  </head>",
        "  <body>",
    ]
    for company in config.companies:
        lines.append(f"    <outline text={quoteattr(company.name)} title={quoteattr(company.name)}>")
        for source in company.sources:
            label = source.name or source.url
            kind = "rss" if source.kind in ("feed", "search") else "link"
            attr = "xmlUrl" if kind == "rss" else "url"
            lines.append(
                f"      <outline type={quoteattr(kind)} text={quoteattr(label)} "
                f"title={quoteattr(label)} {attr}={quoteattr(source.url)}/>"
            )
        lines.append("    </outline>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)
