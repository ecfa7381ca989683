"""One test per extraction rule added by measurement on the corpus (titles, dates, links)."""

from __future__ import annotations

from datetime import UTC, datetime

from tidings.extract import extract_page
from tidings.extract.page_dates import date_from_url, month_from_url

NOW = datetime(2025, 1, 1, tzinfo=UTC)
FILLER = "<p>" + "Northwind ships more parcels with fewer vans, the company said on Monday. " * 6 + "</p>"


def html(head: str, body: str) -> bytes:
    return f"<html><head>{head}</head><body>{body}</body></html>".encode()


def test_url_date_needs_a_real_separator_after_compact_digits() -> None:
    # A 14-digit stamp is not a yyyymmdd date followed by a separator.
    assert date_from_url("https://example.com/id/20131110121040/story") is None
    assert date_from_url("https://example.com/news/20210503-launch") == datetime(
        2021, 5, 3, tzinfo=UTC
    )


def test_web_archive_capture_stamp_is_not_the_publication_date() -> None:
    archived = "https://web.archive.org/web/20160526181643/http://blog.example/orga-life/"
    assert date_from_url(archived) is None
    dated = "https://web.archive.org/web/20160526181643/http://blog.example/2012/08/02/post/"
    assert date_from_url(dated) == datetime(2012, 8, 2, tzinfo=UTC)
    assert month_from_url("https://web.archive.org/web/2016/05/x") is None


def test_published_meta_beats_a_later_visible_updated_date() -> None:
    head = ('<meta property="article:published_time" content="2019-04-09T08:00:15-06:00">'
            '<meta property="article:modified_time" content="2021-12-10T20:06:09-07:00">'
            "<title>Northwind opens a depot</title>")
    body = ("<article><h1>Northwind opens a depot</h1>"
            "<p class='updated'>Updated December 10, 2021</p>" + FILLER + "</article>")
    page = extract_page(html(head, body), "https://news.example/northwind-depot", now=NOW)
    assert page.published is not None
    assert page.published.date().isoformat() == "2019-04-09"


def _title(head: str, body: str, url: str = "https://news.example/story") -> str | None:
    return extract_page(html(head, body + FILLER), url, now=NOW).title


def test_logo_h1_linking_home_is_not_the_headline() -> None:
    head = "<title>Insiders expect a close vote - POLITICO</title>"
    body = '<header><h1><a href="/">POLITICO Politico Logo</a></h1></header>'
    assert _title(head, body) == "Insiders expect a close vote"


def test_site_name_suffix_is_stripped_from_the_h1() -> None:
    head = ('<meta property="og:site_name" content="Artlyst">'
            "<title>Critics' Choice: Best UK Art Exhibitions 2025 – Artlyst - Artlyst</title>")
    body = "<article><h1>Critics' Choice: Best UK Art Exhibitions 2025 – Artlyst</h1>"
    assert _title(head, body) == "Critics' Choice: Best UK Art Exhibitions 2025"


def test_section_h1_sharing_no_word_with_the_titles_is_ignored() -> None:
    head = "<title>Babies Who Eat Peanuts Early May Avoid Allergy</title>"
    body = "<h1>Information and Resources</h1><h2>Babies Who Eat Peanuts Early</h2>"
    assert _title(head, body) == "Babies Who Eat Peanuts Early May Avoid Allergy"


def test_visible_h1_differing_from_seo_title_still_wins() -> None:
    head = "<title>A Brief History of Neon Signage - CityLab</title>"
    body = "<article><h1>Why Neon Is the Ultimate Symbol of the 20th Century</h1>"
    assert _title(head, body) == "Why Neon Is the Ultimate Symbol of the 20th Century"


def test_short_h1_that_is_one_part_of_the_title() -> None:
    assert _title("<title>New Zealand - Wikipedia</title>", "<h1>New Zealand</h1>") == "New Zealand"


def test_domain_like_site_name_is_stripped() -> None:
    head = ('<meta property="og:site_name" content="Factorio.com">'
            "<title>Friday Facts #282 - 0.17 in sight | Factorio</title>")
    assert _title(head, "<div>no headline element</div>") == "Friday Facts #282 - 0.17 in sight"


def test_double_encoded_utf8_is_repaired() -> None:
    good = html("<title>A DIY Investor’s Guide | Site</title>",
                "<article><h1>A DIY Investor’s Guide</h1>" + FILLER).decode()
    raw = good.encode("utf-8").decode("latin-1").encode("utf-8")  # "Investorâ\x80\x99s"
    page = extract_page(raw, "https://news.example/a", {"Content-Type": "text/html; charset=utf-8"},
                        now=NOW)
    assert page.title == "A DIY Investor’s Guide"


def test_card_links_keep_the_headline_not_the_teaser() -> None:
    from tidings.extract.links import article_anchors

    card = ('<article><a href="/2026/03/06/teen-sleep-study"><img src="x.jpg"></a>'
            '<h2><a href="/2026/03/06/teen-sleep-study">Teen sleep is getting wrecked</a></h2>'
            '<a href="/2026/03/06/teen-sleep-study">March 6, 2026 • Teens are not getting enough '
            "sleep, and a two-decade study of thousands of students in many schools suggests it "
            "is getting worse every single year for reasons beyond phones</a></article>")
    anchors = article_anchors(html("", card), "https://news.example/sections/science/")
    assert anchors == [("https://news.example/2026/03/06/teen-sleep-study",
                        "Teen sleep is getting wrecked")]


def test_episode_under_a_podcast_index_is_kept_but_the_index_is_not() -> None:
    from tidings.extract.links import find_article_links

    body = ('<main><h3><a href="/podcasts/redefining-architecture-boundaries/">Redefining '
            'architecture boundaries that matter</a></h3><a href="/podcasts/">All podcasts</a>'
            "</main>")
    links = find_article_links(html("", body), "https://infoq.example/")
    assert links == ["https://infoq.example/podcasts/redefining-architecture-boundaries/"]


def test_japanese_text_without_spaces_is_readable() -> None:
    sentence = "ゴールデンウィークにおける情報セキュリティに関する注意喚起です。"
    body = "<article><h1>注意喚起</h1><p>" + sentence * 3 + "</p></article>"
    page = extract_page(html("<title>注意喚起</title>", body), "https://ipa.example/a", now=NOW)
    assert "情報セキュリティ" in page.text


def test_full_dateline_beats_a_month_padded_guess() -> None:
    from tidings.extract import extract_page

    html = (
        b"<html><head><title>Contoso opens Berlin office</title></head><body><main><article>"
        b"<h1>Contoso opens a Berlin office</h1><p>BERLIN, Oct. 20, 2026 -- Contoso opened its "
        b"first European office in Berlin on Monday, with a team of twenty engineers and plans "
        b"to double that number by the end of next year across the region.</p></article></main>"
        b"</body></html>"
    )
    page = extract_page(html, "https://contoso.example/news/2026/10/contoso-opens-berlin-office")
    assert page.published is not None and page.published.date().isoformat() == "2026-10-20"


def test_a_labelled_publication_date_in_the_text_is_read_and_an_update_label_is_not() -> None:
    from tidings.extract.metadata import labelled_date

    assert labelled_date("Tabaksteuer Datum: 18.10.2021 Im Bundesgesetzblatt", NOW) == datetime(
        2021, 10, 18, tzinfo=UTC
    )
    assert labelled_date("Letzte Änderung: 31.10.2023 - 14:49:39Erschienen am: 01.11.2023", NOW) == datetime(
        2023, 11, 1, tzinfo=UTC
    )
    assert labelled_date("Written: 2023-11-07 15:03:30 / Updated: 2023-11-08", NOW) == datetime(
        2023, 11, 7, 15, 3, 30, tzinfo=UTC
    )
    # No colon, no label: "released" in prose; and an update is not a publication.
    assert labelled_date("The team released 3 March 2021 figures. Updated: 4 May 2022", NOW) is None
    assert labelled_date("Backdate: 4 May 2022", NOW) is None
    body = "<article><h1>Northwind opens a depot</h1><p>Veröffentlicht am: 3. Mai 2021</p>" + FILLER
    page = extract_page(html("<title>Northwind opens a depot</title>", body + "</article>"),
                        "https://news.example/northwind-depot", now=NOW)
    assert page.published == datetime(2021, 5, 3, tzinfo=UTC)
