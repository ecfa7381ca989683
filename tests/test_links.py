"""find_article_links on a hand-written newsroom listing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.extract import find_article_links

PAGES = Path(__file__).parent / "fixtures" / "pages"
LISTING = "https://northwind.example/news/"


@pytest.fixture
def newsroom() -> bytes:
    return (PAGES / "newsroom.html").read_bytes()


def test_only_article_links_come_back_in_page_order(newsroom: bytes) -> None:
    links = find_article_links(newsroom, LISTING)
    assert links == [
        "https://northwind.example/news/2024/11/12/northwind-launches-harbor-routing-api",
        "https://northwind.example/news/northwind-opens-berlin-office",
        "https://northwind.example/press/northwind-q3-results-beat-expectations",
    ]


def test_no_navigation_tags_pagination_assets_or_other_sites(newsroom: bytes) -> None:
    links = find_article_links(newsroom, LISTING)
    for unwanted in ("/tag/", "/author/", "/category/", "page", ".jpg", "mailto", "twitter",
                     "/login", "old-footer-story", "/products/", "/feed/"):
        assert not any(unwanted in link for link in links), unwanted
    assert all("#" not in link for link in links)


def test_selector_steers(newsroom: bytes) -> None:
    links = find_article_links(newsroom, LISTING, selector="div.item h3 a")
    assert links == [
        "https://northwind.example/press/northwind-q3-results-beat-expectations",
        "https://northwind.example/news/northwind-opens-berlin-office",
    ]
    # A selector on a container takes the links inside it, even ones the rules would skip.
    footer = find_article_links(newsroom, LISTING, selector="footer")
    assert "https://northwind.example/news/2020/01/01/old-footer-story-link" in footer


def test_pattern_steers(newsroom: bytes) -> None:
    links = find_article_links(newsroom, LISTING, pattern=r"/press/")
    assert links == ["https://northwind.example/press/northwind-q3-results-beat-expectations"]
    both = find_article_links(newsroom, LISTING, selector="article a", pattern=r"/\d{4}/")
    assert both == [
        "https://northwind.example/news/2024/11/12/northwind-launches-harbor-routing-api"
    ]


def test_base_href_and_relative_links() -> None:
    body = (b'<html><head><base href="https://cdn.northwind.example/en/"></head><body><main>'
            b'<h2><a href="news/northwind-wins-logistics-award-2024">Award</a></h2>'
            b'</main></body></html>')
    links = find_article_links(body, "https://northwind.example/en/news")
    assert links == ["https://cdn.northwind.example/en/news/northwind-wins-logistics-award-2024"]


def test_invalid_selector_is_a_value_error(newsroom: bytes) -> None:
    with pytest.raises(ValueError, match="selector"):
        find_article_links(newsroom, LISTING, selector="div[")


def test_garbage_input_gives_no_links() -> None:
    assert find_article_links(b"", LISTING) == []
    assert find_article_links(b"%PDF-1.4 binary", LISTING) == []
