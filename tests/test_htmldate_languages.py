"""htmldate's date parser limited to the page's languages (tidings.extract.htmldate_languages).

These tests go through htmldate's own entry points: if htmldate renames or stops looking up the
attributes the module replaces, the language limit silently stops working and they fail.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest

from tidings.extract.htmldate_languages import HTMLDATE_SETTINGS, dates_in, page_languages
from tidings.extract.page import extract_page

htmldate = pytest.importorskip("htmldate")
from htmldate import core, extractors  # noqa: E402

# A date only Finnish month names read: htmldate's own patterns do not, so the string goes
# to dateparser.
FINNISH = "3. maaliskuuta 2021"
MIN, MAX = datetime(1995, 1, 1), datetime(2026, 12, 1)


def _read(string: str) -> str | None:
    return extractors.try_date_expr(string, "%Y-%m-%d", True, MIN, MAX)


def test_only_the_given_languages_read_a_date() -> None:
    with dates_in(("de", "en")):
        assert _read(FINNISH) is None
    with dates_in(("fi", "en")):
        assert _read(FINNISH) == "2021-03-03"
    # read again for a German page after a Finnish one: the cache does not answer across languages
    with dates_in(("de", "en")):
        assert _read(FINNISH) is None


def test_outside_every_language_reads_as_htmldate_does() -> None:
    with dates_in(("de", "en")):
        assert _read(FINNISH) is None
    assert _read(FINNISH) == "2021-03-03"
    with dates_in(None):
        assert _read(FINNISH) == "2021-03-03"


def test_htmldate_core_goes_through_the_limit() -> None:
    # core imports try_date_expr by name: its copy must be the language-keyed one too
    with dates_in(("de", "en")):
        assert core.try_date_expr is extractors.try_date_expr
        html = f"<html><body><div><p>{FINNISH}</p></div><p>Teksti.</p></body></html>"
        # (htmldate falls back to the year alone)
        assert htmldate.find_date(html, extensive_search=True, original_date=True) != "2021-03-03"
    with dates_in(("fi", "en")):
        assert htmldate.find_date(html, extensive_search=True, original_date=True) == "2021-03-03"


def test_settings_are_htmldates_own() -> None:
    with dates_in(("de", "en")):
        pass  # installs the wrapper: outside any block it hands back htmldate's parser
    parser = extractors.get_external_parser()
    assert parser.get_date_data  # a DateDataParser
    for key, value in HTMLDATE_SETTINGS.items():
        assert getattr(parser._settings, key) == value, key
    # and htmldate's parser is the every-language one we stand in for
    assert parser.languages is None and parser.locales is None


def test_threads_each_read_in_their_own_languages() -> None:
    results: dict[str, list[str | None]] = {"fi": [], "de": []}
    barrier = threading.Barrier(2)

    def work(language: str) -> None:
        with dates_in((language, "en")):
            barrier.wait()
            for _ in range(20):
                results[language].append(_read(FINNISH))

    threads = [threading.Thread(target=work, args=(lang,)) for lang in results]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results["fi"] == ["2021-03-03"] * 20
    assert results["de"] == [None] * 20


@pytest.mark.parametrize(("locale", "expected"), [
    ("de-AT", ("de", "en")),
    ("fr_FR", ("fr", "en")),
    ("en-GB", ("en",)),
    ("EN", ("en",)),
    ("no", ("nb", "en")),
    ("zh-TW", ("zh-Hant", "en")),
    ("zh-CN", ("zh", "en")),
    (None, ("en",)),
    ("", ("en",)),
    ("x-klingon", None),
])
def test_page_languages(locale: str | None, expected: tuple[str, ...] | None) -> None:
    assert page_languages(locale) == expected


def _page(lang: str) -> bytes:
    body = " ".join(["Yhtiö kertoi uudesta tehtaasta ja sen työpaikoista kaupungissa."] * 8)
    return (f'<html lang="{lang}"><head><title>Uusi tehdas</title></head><body><article>'
            f'<h1>Uusi tehdas</h1><div class="byline"><span>{FINNISH}</span></div>'
            f'<p>{body}</p><p>{body}</p></article></body></html>').encode()


def test_extract_page_reads_htmldate_in_the_pages_language() -> None:
    now = datetime(2026, 12, 1, tzinfo=UTC)
    finnish = extract_page(_page("fi"), "https://example.fi/uutiset/tehdas", now=now)
    assert finnish.published is not None and finnish.published.date().isoformat() == "2021-03-03"
    # the same page claiming to be German: its Finnish date is no longer read
    german = extract_page(_page("de"), "https://example.fi/uutiset/tehdas", now=now)
    assert german.published is None or german.published.date().isoformat() != "2021-03-03"


def test_moved_internals_leave_htmldate_as_it_is(monkeypatch: pytest.MonkeyPatch,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    import tidings.extract.htmldate_languages as module

    with dates_in(("de", "en")):
        pass  # installed once already; pretend it was not, against an htmldate without the cache
    monkeypatch.setattr(module, "_installed", False)

    def plain(string, outputformat, extensive_search, min_date, max_date):  # noqa: ANN001, ANN202
        return None

    monkeypatch.setattr(extractors, "try_date_expr", plain)
    parser_before = extractors.get_external_parser
    with caplog.at_level("WARNING", logger=module.__name__), dates_in(("de", "en")):
        assert extractors.try_date_expr is plain and extractors.get_external_parser is parser_before
    assert "internals moved" in caplog.text
