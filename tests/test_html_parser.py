"""parse_html's parser: lxml.html's element classes chosen in C instead of in a Python callback
(tidings.extract.page._html_parser). The trees must read exactly as lxml.html's own do."""

from __future__ import annotations

import gzip
import json
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from tidings.errors import ExtractionError
from tidings.extract import page as page_module
from tidings.extract.page import NoTextError, extract_page, parse_html

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)

PAGE = b"""<!DOCTYPE html><html lang="en"><head><title>Acme opens a plant | Acme</title>
<meta property="article:published_time" content="2026-03-04T09:00:00+01:00">
<!-- a comment --><?php echo 1; ?></head>
<body><form action="/s"><input name="q" value="x"><label for="q">Search</label>
<select name="s"><option>a</option></select><textarea>t</textarea></form>
<article><h1>Acme opens a plant</h1><p>Acme said on Tuesday that it opened a plant in Lyon,
its third in France, and that it will hire two hundred people there over the year.</p>
<p>The company expects the plant to double its output &amp; cut delivery times.</p></article>
</body></html>"""


def test_elements_are_html_elements_without_the_python_lookup() -> None:
    tree = parse_html(PAGE)
    assert isinstance(tree, lxml_html.HtmlElement)
    # lxml.html's own lookup gives a <form> its FormElement class; ours gives every element
    # the plain HtmlElement (chosen in C), which is what makes the walk cheaper
    form = tree.find(".//form")
    assert type(form) is lxml_html.HtmlElement
    assert type(lxml_html.document_fromstring(PAGE).find(".//form")) is lxml_html.FormElement
    assert all(isinstance(el, lxml_html.HtmlElement) for el in tree.iter(tag=etree.Element))
    comments = [el for el in tree.iter() if el.tag is etree.Comment]
    assert comments and all(isinstance(c, lxml_html.HtmlComment) for c in comments)
    # HtmlElement's own methods still work on it
    assert "Search" in form.text_content()
    assert tree.find(".//h1").text_content() == "Acme opens a plant"


def test_the_tree_serialises_as_lxml_html_parses_it() -> None:
    ours = parse_html(PAGE)
    theirs = lxml_html.document_fromstring(PAGE.decode())
    assert etree.tostring(ours) == etree.tostring(theirs)


def test_a_copy_keeps_the_cheap_classes() -> None:
    # trafilatura and htmldate work on copies of our tree
    from copy import copy, deepcopy

    tree = parse_html(PAGE)
    for twin in (copy(tree), deepcopy(tree)):
        assert type(twin.find(".//form")) is lxml_html.HtmlElement
        assert twin.find(".//h1").text_content() == "Acme opens a plant"


def test_each_thread_parses_with_its_own_parser() -> None:
    seen: list[object] = []

    def work() -> None:
        for _ in range(5):
            assert parse_html(PAGE).find(".//h1") is not None
        seen.append(page_module._html_parser())

    threads = [threading.Thread(target=work) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 3 and len({id(p) for p in seen}) == 3
    assert page_module._html_parser() is page_module._html_parser()


def test_bad_input_still_says_so() -> None:
    with pytest.raises(ExtractionError, match="empty page"):
        parse_html(b"   ")


def _corpus_pages(limit: int) -> list[tuple[bytes, str]]:
    pages = []
    for folder in ("articles/trafilatura-eval", "articles/htmldate-eval", "wcxb"):
        truth = CORPUS / folder / "ground_truth.normalized.jsonl.gz"
        with gzip.open(truth, "rt") as lines:
            for i, line in enumerate(lines):
                if i % 37:
                    continue  # a spread of pages, not the first few
                record = json.loads(line)
                raw = gzip.open(CORPUS / folder / record["html"], "rb").read()
                pages.append((raw, record.get("url") or "http://fakehost/test/page.html"))
                if len(pages) % limit == 0:
                    break
    return pages


def _extracted(raw: bytes, url: str) -> object:
    try:
        return extract_page(raw, url, now=NOW)
    except NoTextError as exc:
        return ("no text", str(exc), exc.page)


@pytest.mark.skipif(not (CORPUS / "wcxb").is_dir(), reason="corpus not present")
def test_corpus_pages_extract_as_with_lxml_html_s_own_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    pages = _corpus_pages(6)
    assert len(pages) >= 12
    ours = [_extracted(raw, url) for raw, url in pages]
    monkeypatch.setattr(page_module, "_html_parser", lambda: lxml_html.html_parser)
    theirs = [_extracted(raw, url) for raw, url in pages]
    assert ours == theirs
    assert sum(not isinstance(p, tuple) for p in ours) >= 12
