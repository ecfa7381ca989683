"""How find_published chooses between a page's date readings (issue 14): each rule kept because
it helped on both halves of the corpus, each tested on a small page written here."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

import tidings.extract.page as page_module
from tidings.extract import extract_page
from tidings.extract.date_picker import DateTrace
from tidings.extract.locale import publisher_zone

NOW = datetime(2026, 11, 26, 12, tzinfo=UTC)
FILLER = "<p>Northwind opened a new depot near the harbour, with room for two hundred trucks.</p>" * 8


def page(body: str, head: str = "", lang: str = "en") -> bytes:
    return (f"<html lang='{lang}'><head><title>Northwind opens a depot</title>{head}</head>"
            f"<body><article>{body}{FILLER}</article></body></html>").encode()


def jsonld(published: str) -> str:
    return ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": '
            f'"Northwind opens a depot", "datePublished": "{published}"}}</script>')


def meta(name: str, value: str, attr: str = "name") -> str:
    return f'<meta {attr}="{name}" content="{value}">'


def htmldate_says(monkeypatch: pytest.MonkeyPatch, day: datetime | None) -> None:
    monkeypatch.setattr(page_module, "_htmldate_day", lambda *a: day)


def test_a_labelled_publication_date_beats_a_rewritten_structured_stamp(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    htmldate_says(monkeypatch, datetime(2024, 6, 1, tzinfo=UTC))
    story = "<p>" + "Northwind said the depot would open in the spring of next year. " * 5 + "</p>"
    body = "<h1>Northwind opens a depot</h1>" + story + "<p>Published: 16 August 2019</p>"
    result = extract_page(page(body, jsonld("2024-06-01T09:00:00+02:00")),
                          "https://news.example/depot", now=NOW)
    assert result.published == datetime(2019, 8, 16, tzinfo=UTC)
    assert result.published_from == "label"


def test_a_meta_named_only_date_yields_to_a_time_and_a_dated_element_that_agree(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    htmldate_says(monkeypatch, datetime(2022, 1, 21, tzinfo=UTC))
    # No dateline under the headline: the <time> and the date-classed line sit in a sidebar.
    shown = ("<h1>Northwind opens a depot</h1>" + FILLER + "<aside><time>25.01.2022</time>"
             "<div class='entry-date'>Dienstag, 25. Januar 2022</div></aside>")
    result = extract_page(page(shown, meta("date", "2022-01-21T09:43:00+01:00"), lang="de"),
                          "https://news.example/depot", now=NOW)
    assert result.published is not None and result.published.date().isoformat() == "2022-01-25"
    assert result.published_from == "time"
    # The <time> alone does not outweigh it; nor does either when they disagree with each other.
    alone = ("<h1>Northwind opens a depot</h1>" + FILLER + "<aside><time>25.01.2022</time></aside>")
    split = ("<h1>Northwind opens a depot</h1>" + FILLER + "<aside><time>25.01.2022</time>"
             "<div class='entry-date'>Montag, 24. Januar 2022</div></aside>")
    for body in (alone, split):
        kept = extract_page(page(body, meta("date", "2022-01-21T09:43:00+01:00"), lang="de"),
                            "https://news.example/depot", now=NOW)
        assert kept.published is not None and kept.published.date().isoformat() == "2022-01-21"
        assert kept.published_from == "meta"
    # A meta that names the publication stands against both.
    named = extract_page(page(shown, meta("article:published_time", "2022-01-21T09:43:00+01:00",
                                          "property"), lang="de"),
                         "https://news.example/depot", now=NOW)
    assert named.published is not None and named.published.date().isoformat() == "2022-01-21"


def test_a_meta_named_only_date_yields_to_a_different_dateline(monkeypatch: pytest.MonkeyPatch) -> None:
    htmldate_says(monkeypatch, datetime(2020, 2, 12, tzinfo=UTC))
    body = "<h1>Northwind opens a depot</h1><p>5 February 2020</p>"
    for name in ("date", "DC.date", "dcterms.date"):
        result = extract_page(page(body, meta(name, "2020-02-12")), "https://news.example/depot", now=NOW)
        assert result.published == datetime(2020, 2, 5, tzinfo=UTC), name
        assert result.published_from == "dateline"
    # The same meta tag stands when the dateline agrees, or when there is none.
    agreeing = extract_page(page("<h1>Northwind opens a depot</h1><p>12 February 2020</p>",
                                 meta("date", "2020-02-12")), "https://news.example/depot", now=NOW)
    assert agreeing.published == datetime(2020, 2, 12, tzinfo=UTC) and agreeing.published_from == "meta"
    alone = extract_page(page("<h1>Northwind opens a depot</h1>", meta("date", "2020-02-12")),
                         "https://news.example/depot", now=NOW)
    assert alone.published == datetime(2020, 2, 12, tzinfo=UTC)


def test_a_named_publication_meta_stands_against_a_different_dateline(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    htmldate_says(monkeypatch, None)
    # By the rules; the learned picker checks them (tests/test_date_picker.py).
    trace = DateTrace()
    extract_page(page("<h1>Northwind opens a depot</h1><p>5 February 2020</p>",
                      meta("article:published_time", "2020-02-12T08:00:00+01:00", "property")),
                 "https://news.example/depot", now=NOW, trace=trace)
    assert trace.rule[1] == "meta" and trace.rule[0] is not None
    assert trace.rule[0].date().isoformat() == "2020-02-12"
    # A generic "date" tag is passed over for the next reading, here a <time> element.
    generic = DateTrace()
    extract_page(page("<h1>Northwind opens a depot</h1><p>5 February 2020</p>"
                      "<p>Story.</p><time datetime='2020-02-01'>1 Feb</time>",
                      meta("date", "2020-02-12")), "https://news.example/depot", now=NOW, trace=generic)
    assert generic.rule == (datetime(2020, 2, 1, tzinfo=UTC), "time")


def test_htmldates_original_date_beats_the_modified_date(monkeypatch: pytest.MonkeyPatch) -> None:
    htmldate_says(monkeypatch, datetime(2020, 7, 10, tzinfo=UTC))
    modified = meta("article:modified_time", "2025-01-07T09:08:22Z", "property")
    result = extract_page(page("<h1>Northwind opens a depot</h1>", modified),
                          "https://news.example/depot", now=NOW)
    assert result.published == datetime(2020, 7, 10, tzinfo=UTC)
    assert result.published_from == "htmldate"
    # Also the first of a month in the URL: a floor, not a day.
    month = extract_page(page("<h1>Northwind opens a depot</h1>"),
                         "https://news.example/2020/07/depot", now=NOW)
    assert month.published == datetime(2020, 7, 10, tzinfo=UTC)
    # With htmldate silent the modified date still keeps an old page from looking new.
    htmldate_says(monkeypatch, None)
    floor = extract_page(page("<h1>Northwind opens a depot</h1>", modified),
                         "https://news.example/depot", now=NOW)
    assert floor.published_from == "modified"


def test_our_full_reading_beats_htmldates_distant_day(monkeypatch: pytest.MonkeyPatch) -> None:
    htmldate_says(monkeypatch, datetime(2016, 6, 16, tzinfo=UTC))
    classed = "<p>Story text.</p><div class='post-date'>16.10.2021</div>"
    for url, body in (("https://news.example/2021/10/16/depot", ""), ("https://news.example/depot", classed)):
        result = extract_page(page("<h1>Northwind opens a depot</h1>" + body, lang="de"), url, now=NOW)
        assert result.published == datetime(2021, 10, 16, tzinfo=UTC), url


def test_htmldate_is_asked_for_the_original_publication_date(monkeypatch: pytest.MonkeyPatch) -> None:
    import htmldate

    asked: dict[str, object] = {}

    def find_date(tree: object, **options: object) -> str:
        asked.update(options)
        return "2021-03-04"

    monkeypatch.setattr(htmldate, "find_date", find_date)
    result = extract_page(page("<h1>Northwind opens a depot</h1>"), "https://news.example/depot", now=NOW)
    assert asked["original_date"] is True and asked["extensive_search"] is True
    assert asked["max_date"] == "2026-11-26"
    assert result.published == datetime(2021, 3, 4, tzinfo=UTC)


def test_a_relative_dateline_counts_only_when_nothing_absolute_is_found(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    htmldate_says(monkeypatch, None)
    fresh = page("<h1>Northwind opens a depot</h1><p>By Ann Lee</p><p>3 hours ago</p>")
    result = extract_page(fresh, "https://news.example/depot", now=NOW)
    assert result.published == NOW - timedelta(hours=3)
    assert result.published_from == "dateline"
    # An absolute date further down the dateline wins over "3 hours ago" nearer the headline.
    both = page("<h1>Northwind opens a depot</h1><p>3 hours ago</p><p>12 March 2024</p>")
    assert extract_page(both, "https://news.example/depot", now=NOW).published == datetime(
        2024, 3, 12, tzinfo=UTC)


@pytest.mark.parametrize(("head", "url"), [
    (jsonld("2026-11-20T08:00:00+01:00"), "https://news.example/depot"),
    ("", "https://news.example/2026/11/20/depot"),
    (meta("article:modified_time", "2026-11-21T08:00:00Z", "property"), "https://news.example/depot"),
])
def test_a_relative_dateline_never_beats_a_page_dated_days_earlier(
    monkeypatch: pytest.MonkeyPatch, head: str, url: str
) -> None:
    htmldate_says(monkeypatch, None)
    old = page("<h1>Northwind opens a depot</h1><p>3 hours ago</p>", head)
    result = extract_page(old, url, now=NOW)
    assert result.published is not None
    assert result.published.date() < datetime(2026, 11, 22).date()
    assert result.published_from != "dateline"


def test_a_relative_dateline_yields_to_htmldates_day(monkeypatch: pytest.MonkeyPatch) -> None:
    htmldate_says(monkeypatch, datetime(2019, 5, 2, tzinfo=UTC))
    old = page("<h1>Northwind opens a depot</h1><p>3 hours ago</p>")
    assert extract_page(old, "https://news.example/depot", now=NOW).published == datetime(
        2019, 5, 2, tzinfo=UTC)


def test_publisher_zone_is_known_only_where_one_zone_stands_out() -> None:
    assert publisher_zone("de") == ZoneInfo("Europe/Berlin")
    assert publisher_zone("en-GB") == ZoneInfo("Europe/London")
    assert publisher_zone("en") is None and publisher_zone("pt-BR") is None and publisher_zone(None) is None


def test_htmldate_is_not_asked_when_our_reading_stands(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(page_module, "_htmldate_day", lambda tree, url, now: asked.append(url))
    # A stamp at the publisher's own offset, nothing under the headline: nothing htmldate
    # could say changes it.
    result = extract_page(page("<h1>Northwind opens a depot</h1>", jsonld("2021-11-22T18:42:00+01:00")),
                          "https://news.example/depot", now=NOW)
    assert result.published == datetime(2021, 11, 22, 17, 42, tzinfo=UTC) and asked == []
    # A UTC stamp on a page of unknown zone may be re-told on htmldate's day: it is asked.
    extract_page(page("<h1>Northwind opens a depot</h1>", jsonld("2021-11-22T23:42:00Z")),
                 "https://news.example/depot", now=NOW)
    assert asked == ["https://news.example/depot"]


def test_a_date_opening_one_of_the_first_lines_of_the_text_beats_htmldates_guess(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    htmldate_says(monkeypatch, datetime(2016, 6, 16, tzinfo=UTC))
    story = "Northwind said the depot would open in the spring, with room for two hundred trucks. " * 3
    for opening, day in (("(21. November 2022) ", datetime(2022, 11, 21, tzinfo=UTC)),
                         ("29.11.2022 – ", datetime(2022, 11, 29, tzinfo=UTC)),
                         ("2021-10-16 | ", datetime(2021, 10, 16, tzinfo=UTC))):
        body = f"<h2>Northwind opens a depot</h2><p>{opening}{story}</p>"
        result = extract_page(page(body, lang="de"), "https://news.example/depot", now=NOW)
        assert (result.published, result.published_from) == (day, "body"), opening
    # A date further into the line is the story's, not a dateline: htmldate's day stands.
    later = f"<h2>Northwind opens a depot</h2><p>Northwind said on 21. November 2022 that {story}</p>"
    result = extract_page(page(later, lang="de"), "https://news.example/depot", now=NOW)
    assert (result.published, result.published_from) == (datetime(2016, 6, 16, tzinfo=UTC), "htmldate")


def test_an_xhtml_page_s_xml_lang_orders_its_slash_dates(monkeypatch: pytest.MonkeyPatch) -> None:
    # An XHTML page that declares its language only as xml:lang (no lang): "05/12/2020" in
    # Spanish is 5 December, not 12 May (corpus: half B +2, half A 0).
    htmldate_says(monkeypatch, None)
    body = ("<html xmlns='http://www.w3.org/1999/xhtml' xml:lang='es'><head><title>Northwind abre"
            "</title></head><body><article><h1>Northwind abre un depósito</h1>"
            "<span class='date'>05/12/2020</span>" + FILLER + "</article></body></html>").encode()
    result = extract_page(body, "https://example.com/noticias/northwind", now=NOW)
    assert result.lang == "es"
    assert (result.published.date().isoformat(), result.published_from) == ("2020-12-05", "text")
