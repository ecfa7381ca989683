"""Turn the raw bytes of a web page into text, whatever encoding it was served in."""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Mapping

import charset_normalizer

logger = logging.getLogger(__name__)

MAX_PAGE_BYTES = 3_000_000
# Inline scripts and styles hold no article text, but a page can carry megabytes of them before
# its article (bundled apps, inlined fonts); emptied before the cut, they cannot push it out.
# JSON-LD is kept: it holds the page's dates and headline.
_BULK_OPEN = re.compile(rb"<(script|style)\b[^>]*>")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
# The HTML spec's prescan looks at the first 1024 bytes; real pages put the tag later (after
# long inline styles), so we look further, as browsers effectively do for common pages.
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
_PRESCAN_BYTES = 16_384


def header(headers: Mapping[str, str] | None, name: str) -> str | None:
    """A response header by case-insensitive name (plain dicts are case-sensitive)."""
    if not headers:
        return None
    lowered = name.lower()
    for key, value in headers.items():
        if key.lower() == lowered:
            return value
    return None


def _normalise_encoding(name: str | bytes | None) -> str | None:
    if not name:
        return None
    if isinstance(name, bytes):
        name = name.decode("ascii", "ignore")
    try:
        codec = codecs.lookup(name.strip().strip("\"'"))
    except LookupError:
        return None
    # Browsers treat these labels as windows-1252, and pages labelled so routinely contain
    # 0x80-0x9F characters (curly quotes, euro sign) that latin-1 would turn into controls.
    if codec.name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    return codec.name


def sniff_encoding(body: bytes, headers: Mapping[str, str] | None = None) -> str | None:
    """The declared encoding of a page: BOM, then HTTP charset, then <meta> (None if undeclared)."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return name
    content_type = header(headers, "content-type")
    if content_type:
        match = _HEADER_CHARSET.search(content_type)
        if match and (name := _normalise_encoding(match.group(1))):
            return name
    match = _META_CHARSET.search(body[:_PRESCAN_BYTES])
    if match:
        name = _normalise_encoding(match.group(1))
        # A page that is really UTF-16 could not carry an ASCII <meta>; the tag is wrong.
        if name and not name.startswith("utf-16") and not name.startswith("utf-32"):
            return name
    return None


# UTF-8 bytes read once more as cp1252/latin-1 ("â€™", "Ã©", "â\x80\x99"): a lead byte then
# one to three continuation bytes, each shown as the character cp1252 or latin-1 gives it.
_CONTINUATION = "\x80-\xbf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039" \
    "\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178"
_MOJIBAKE = re.compile(f"[\xc2-\xf4][{_CONTINUATION}]{{1,3}}")


def _undo_one(match: re.Match[str]) -> str:
    raw = bytearray()
    for char in match.group(0):
        try:
            raw += char.encode("cp1252")
        except UnicodeEncodeError:
            raw += char.encode("latin-1")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return match.group(0)


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 that was decoded as cp1252/latin-1 and re-encoded (double-encoded pages).

    Only sequences that decode as valid UTF-8 are replaced, so ordinary accented text stays.
    """
    if text.isascii() or not _MOJIBAKE.search(text):  # isascii is free: CPython marks such strings
        return text
    return _MOJIBAKE.sub(_undo_one, text)


def within_cap(body: bytes) -> bytes:
    """At most MAX_PAGE_BYTES of a page: a longer page loses its inline scripts' and styles'
    contents (JSON-LD kept) before the cut, so an article after them is still read."""
    if len(body) <= MAX_PAGE_BYTES:
        return body
    # A find per element, not one regex with a lazy body: an unclosed <script> then ends the
    # scan instead of making every later opening tag search to the end of a 10 MB page.
    lowered = body.lower()
    kept: list[bytes] = []
    at = 0
    while (opening := _BULK_OPEN.search(lowered, at)) is not None:
        closing = lowered.find(b"</" + opening.group(1), opening.end())
        if closing < 0:
            break
        keep_body = b"ld+json" in opening.group(0)
        kept.append(body[at:closing] if keep_body else body[at:opening.end()])
        at = closing
    kept.append(body[at:])
    return b"".join(kept)[:MAX_PAGE_BYTES]


def decode_html(body: bytes, headers: Mapping[str, str] | None = None) -> str:
    """Decode a page's bytes: BOM, HTTP header charset, <meta charset>, detection, then utf-8.

    A declared encoding that fails to decode the bytes strictly is distrusted when the bytes
    are valid UTF-8 (a common misconfiguration: UTF-8 pages labelled iso-8859-1). Text that
    was double-encoded upstream ("Investorâ€™s") is repaired.
    """
    return repair_mojibake(_decode(within_cap(body), headers))


def _decode(body: bytes, headers: Mapping[str, str] | None) -> str:
    declared = sniff_encoding(body, headers)
    if declared:
        if declared.startswith("utf-8"):
            text = body.decode("utf-8", "replace")
            return text.removeprefix("\ufeff")
        if declared == "cp1252":
            try:
                return body.decode("utf-8")
            except UnicodeDecodeError:
                pass
        try:
            return body.decode(declared).removeprefix("\ufeff")
        except UnicodeDecodeError:
            logger.debug("declared encoding %s does not fit the bytes", declared)
        except LookupError:
            pass
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(body[:200_000]).best()
    if best is not None and best.encoding:
        return body.decode(best.encoding, "replace")
    return body.decode("utf-8", "replace")
