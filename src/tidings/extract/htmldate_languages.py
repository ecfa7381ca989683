"""htmldate's date parser limited to the languages a page can write its dates in.

htmldate hands the strings its own patterns cannot read to dateparser, through one module-level
parser built for every language dateparser knows. The first string no locale accepts makes
dateparser load and compile all of its ~200 languages (about 4 s of CPU, once per process: a
nightly `tidings fetch` pays it as soon as one page sends such a string), and every later such
string is tried against all of them (~25 ms each). A page writes its dates in its own language,
or in English: `dates_in(languages)` makes htmldate's calls inside it use a parser for those
languages only (about 0.2 s to build, ~1 ms a string).

htmldate has no public setting for this, so the module replaces two of its module attributes
once, on first use: `extractors.get_external_parser` (which `_external_date` looks up at each
call) returns the parser for the languages of the current context, and `try_date_expr`, whose
cache is keyed by the string alone, is cached with the languages in its key as well, so that a
string read for a German page is never answered from a French page's reading. Outside
`dates_in` (or with `None`) both behave exactly as htmldate's own. The languages live in a
ContextVar, so threads fetching pages side by side each see their own page's.
tests/test_htmldate_languages.py fails if htmldate's internals these names rely on move.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from functools import lru_cache
from typing import Any

logger = logging.getLogger(__name__)

# None: every language, htmldate's own parser.
_LANGUAGES: ContextVar[tuple[str, ...] | None] = ContextVar("htmldate_languages", default=None)
_PARSERS: dict[tuple[str, ...], Any] = {}
_LOCK = threading.Lock()
_installed = False


@lru_cache(maxsize=1)
def _known_languages() -> frozenset[str]:
    from dateparser.data.languages_info import language_order

    return frozenset(language_order)


# Language subtags pages use where dateparser files the language under another code.
_ALIASES = {"no": "nb", "iw": "he", "in": "id", "tl": "fil", "zh-tw": "zh-Hant", "zh-hk": "zh-Hant"}


def page_languages(locale: str | None) -> tuple[str, ...] | None:
    """The languages a page in `locale` ("de-AT", "fr_FR", "en") writes its dates in: its own
    and English; English alone when the page declares no language. None, meaning every
    language, when it declares one dateparser does not know.

    A page that declares no language pays no cold start for it: htmldate's own patterns
    still read numeric dates and English, German, French, Turkish and Indonesian month names
    on it, and our readings come first. (On the corpus, 2,069 pages, English for those pages
    moved no page's date: two pages, both of half B, kept their day and changed only which
    reading it came from.)"""
    parts = [p for p in (locale or "").strip().replace("_", "-").lower().split("-") if p]
    if not parts:
        return ("en",)
    known = _known_languages()
    language = _ALIASES.get("-".join(parts[:2]), _ALIASES.get(parts[0], parts[0]))
    if language not in known:
        return None
    return ("en",) if language == "en" else (language, "en")


@contextmanager
def dates_in(languages: tuple[str, ...] | None) -> Iterator[None]:
    """htmldate, inside this block, reads dates in `languages` only (None: every language)."""
    if languages is not None:
        _install()
    token = _LANGUAGES.set(languages)
    try:
        yield
    finally:
        _LANGUAGES.reset(token)


# htmldate's settings for its parser (extractors.get_external_parser), so that only the languages
# differ; tests/test_htmldate_languages.py checks them against the parser htmldate builds.
HTMLDATE_SETTINGS: dict[str, Any] = {
    "NORMALIZE": True,
    "PARSERS": ["custom-formats", "absolute-time"],
    "PREFER_DATES_FROM": "past",
    "PREFER_LOCALE_DATE_ORDER": True,
    "RETURN_AS_TIMEZONE_AWARE": False,
    "STRICT_PARSING": True,
}


def _parser_for(languages: tuple[str, ...]) -> Any:
    with _LOCK:
        parser = _PARSERS.get(languages)
        if parser is None:
            from dateparser import DateDataParser

            parser = DateDataParser(languages=list(languages), settings=HTMLDATE_SETTINGS)
            _PARSERS[languages] = parser
        return parser


def _install() -> None:
    global _installed
    if _installed:
        return
    with _LOCK:
        if _installed:
            return
        _installed = True
        try:
            from htmldate import core, extractors

            original_get = extractors.get_external_parser
            original_try = extractors.try_date_expr
            raw_try = original_try.__wrapped__
            maxsize = original_try.cache_info().maxsize
            core.try_date_expr  # noqa: B018 - present, or htmldate's internals moved
        except (ImportError, AttributeError) as exc:
            # A newer htmldate moved what we replace: dates are still read, in every language.
            logger.warning("htmldate's internals moved (%s): its date parser keeps every language", exc)
            return

        def get_external_parser() -> Any:
            languages = _LANGUAGES.get()
            return original_get() if languages is None else _parser_for(languages)

        @lru_cache(maxsize=maxsize)
        def _cached_try(string: str | None, outputformat: str, extensive_search: bool,
                        min_date: datetime, max_date: datetime,
                        languages: tuple[str, ...] | None) -> str | None:
            return raw_try(string, outputformat, extensive_search, min_date, max_date)

        def try_date_expr(string: str | None, outputformat: str, extensive_search: bool,
                          min_date: datetime, max_date: datetime) -> str | None:
            return _cached_try(string, outputformat, extensive_search, min_date, max_date,
                               _LANGUAGES.get())

        try_date_expr.cache_clear = _cached_try.cache_clear  # type: ignore[attr-defined]
        extractors.get_external_parser = get_external_parser
        extractors.try_date_expr = try_date_expr
        core.try_date_expr = try_date_expr
