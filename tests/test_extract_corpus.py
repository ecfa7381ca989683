"""Floors on title/date/body accuracy over a sample of the shared real-world corpus."""

from __future__ import annotations

import gzip
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tidings.errors import ExtractionError
from tidings.extract import extract_page, find_article_links

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
pytestmark = pytest.mark.skipif(not (CORPUS / "wcxb").is_dir(), reason="corpus not present")
NOW = datetime(2026, 6, 1, tzinfo=UTC)


def _norm(text: str | None) -> str:
    text = (text or "").replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", text).strip().lower()


def _records(folder: str, keep, limit: int) -> list[dict]:
    out = []
    with gzip.open(CORPUS / folder / "ground_truth.normalized.jsonl.gz", "rt") as fh:
        for line in fh:
            record = json.loads(line)
            if keep(record):
                out.append(record)
            if len(out) >= limit:
                break
    return out


def test_wcxb_articles_title_date_body_floor() -> None:
    rows = _records("wcxb", lambda r: (r.get("extra") or {}).get("page_type") == "article", 30)
    titles = dates = dated = words_hit = words_total = 0
    for r in rows:
        body = gzip.open(CORPUS / "wcxb" / r["html"], "rb").read()
        page = extract_page(body, r["url"], {"Content-Type": "text/html; charset=utf-8"}, now=NOW)
        titles += _norm(page.title) == _norm(r["title"])
        if r.get("published"):
            dated += 1
            dates += bool(page.published) and page.published.date().isoformat() == r["published"]
        want = set(re.findall(r"\w+", (r.get("body") or "").lower()))
        words_total += len(want)
        words_hit += len(want & set(re.findall(r"\w+", page.text.lower())))
    assert titles / len(rows) >= 0.8
    assert dates / dated >= 0.75
    assert words_hit / words_total >= 0.85


def test_postlight_title_and_date_floor() -> None:
    rows = _records("articles/postlight-parser", lambda r: bool(r.get("title")), 40)
    titles = dates = dated = 0
    for r in rows:
        body = gzip.open(CORPUS / "articles/postlight-parser" / r["html"], "rb").read()
        try:
            page = extract_page(body, r["url"], now=NOW)
        except ExtractionError:
            continue
        titles += _norm(page.title) == _norm(r["title"])
        if r.get("published"):
            dated += 1
            dates += bool(page.published) and (
                page.published.date().isoformat() == r["published"][:10]
            )
    assert titles / len(rows) >= 0.8
    assert dates / dated >= 0.7


def test_wcxb_listings_give_same_site_links() -> None:
    index = CORPUS / "listings" / "wcxb-news-blog-listings.jsonl"
    rows = [json.loads(line) for line in index.read_text().splitlines()][:10]
    with_links = 0
    for row in rows:
        body = gzip.open(CORPUS / "listings" / row["html"], "rb").read()
        links = find_article_links(body, row["url"])
        assert len(links) == len(set(links))
        assert all(link.startswith("http") and "#" not in link for link in links)
        with_links += bool(links)
    assert with_links >= 7


def test_dates_on_worldwide_news_not_below_trafilaturas_metadata() -> None:
    # htmldate's mediacloud pages (news from around the world, 2020): our date against
    # trafilatura's own bare_extraction metadata on the same pages, same calendar day.
    import warnings

    import trafilatura

    folder = "articles/htmldate-eval"
    rows = _records(folder, lambda r: bool(r.get("published")) and "mediacloud" in r["id"], 60)
    ours = theirs = 0
    for r in rows:
        body = gzip.open(CORPUS / folder / r["html"], "rb").read()
        try:
            page = extract_page(body, r["url"], now=NOW)
            ours += bool(page.published) and page.published.date().isoformat() == r["published"][:10]
        except ExtractionError:
            pass
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            doc = trafilatura.bare_extraction(body, url=r["url"], with_metadata=True)
        theirs += doc is not None and doc.date == r["published"][:10]
    assert len(rows) == 60
    assert ours >= theirs
    assert ours / len(rows) >= 0.85


def test_text_less_goose3_fixtures_keep_dates_at_least_as_often_as_trafilatura() -> None:
    # goose3's metadata fixtures: most have no readable text, so tidings refuses them as
    # articles; the date NoTextError carries still counts here, against trafilatura's.
    import warnings

    import trafilatura

    from tidings.extract.page import NoTextError

    folder = "articles/goose3"
    rows = _records(folder, lambda r: bool(r.get("published")) and r["published"][:1].isdigit(), 50)
    ours = theirs = refused = 0
    for r in rows:
        body = gzip.open(CORPUS / folder / r["html"], "rb").read()
        url = r.get("url") or "http://fakehost/test/page.html"
        try:
            published = extract_page(body, url, now=NOW).published
        except NoTextError as exc:
            refused += 1
            published = exc.page.published
        ours += bool(published) and published.date().isoformat() == r["published"][:10]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            doc = trafilatura.bare_extraction(body, url=url, with_metadata=True)
        theirs += doc is not None and doc.date == r["published"][:10]
    assert refused >= len(rows) // 2  # these really are pages without text
    assert ours >= theirs
    assert ours >= len(rows) // 2

