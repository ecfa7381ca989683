"""Guards for the shortcuts page extraction takes for speed: each must give what the slower way
gives (bench/extraction.py --baseline measures the speed itself)."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from tidings.extract import metadata
from tidings.extract.body import extract_body_rules, extract_body_trafilatura
from tidings.extract.decode import repair_mojibake
from tidings.extract.page import parse_html


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of the first non-capturing group after the look-behind."""
    start = pattern.index("(?:", pattern.index("(?<!")) + 3
    depth, parts, current = 0, [], ""
    for char in pattern[start:]:
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                break
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(current)
            current = ""
            continue
        current += char
    return [*parts, current]


@pytest.mark.parametrize("label", [metadata._DATE_LABEL, metadata._DATE_LABEL_BARE])
def test_the_label_look_ahead_names_the_first_letter_of_every_label(label: re.Pattern[str]) -> None:
    # A label added later with another first letter would never match behind the look-ahead.
    letters = re.match(r"\(\?=\[(\w+)\]\)", label.pattern)
    assert letters is not None
    alternatives = _alternatives(label.pattern)
    assert len(alternatives) >= 8
    for alternative in alternatives:
        assert alternative[0].isalpha() and alternative[0].lower() in letters.group(1), alternative


@pytest.mark.parametrize(
    "text",
    [
        "Published: 3 March 2021 and later Posted on 4 May 2021",
        "Update date: 1.2.2020, Datum: 18.10.2021",
        "VERÖFFENTLICHT AM 01.11.2023 · Erschienen am: 2.3.2020 · Publié le 02/11/2023",
        "gepubliceerd op 3 mei 2021; publicerad: 2021-01-02; PUBBLICATO IL 3 maggio 2021",
        "no label here, only a date 3 March 2021",
    ],
)
def test_the_label_look_ahead_finds_what_the_plain_patterns_find(text: str) -> None:
    for label in (metadata._DATE_LABEL, metadata._DATE_LABEL_BARE):
        plain = re.compile(re.sub(r"^\(\?=\[\w+\]\)", "", label.pattern), re.IGNORECASE)
        assert [m.span() for m in label.finditer(text)] == [m.span() for m in plain.finditer(text)]


_PAGE = b"""<html><head><title>Acme opens a plant in Ohio | Acme News</title>
<script>var layout = {"date": "2020-01-01"};</script><style>p { color: red }</style></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><!-- main -->
<article><h1>Acme opens a plant in Ohio</h1><p class="byline">Published: 3 March 2021</p>
<p>Acme Corp opened its first plant in Ohio on Tuesday, hiring 300 people for the new line
of batteries, the company said in a statement.</p><p>The plant cost $40 million.</p></article>
<footer>Copyright Acme</footer></body></html>"""


def test_trafilatura_leaves_the_tree_it_reads_untouched() -> None:
    # extract_page hands its parsed tree to trafilatura and then, for a page with little text,
    # to the rules: that only gives the rules' own reading because trafilatura copies it.
    tree = parse_html(_PAGE)
    before = etree.tostring(tree)
    assert "Acme Corp opened" in extract_body_trafilatura(tree, "https://acme.example/news/ohio")
    assert etree.tostring(tree) == before
    assert extract_body_rules(tree) == extract_body_rules(parse_html(_PAGE))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain ASCII text, no repair", "plain ASCII text, no repair"),
        ("Investor\u00e2\u20ac\u2122s view", "Investor\u2019s view"),
        ("caf\u00e9 na\u00efve \u00a9 2021", "caf\u00e9 na\u00efve \u00a9 2021"),
    ],
)
def test_mojibake_repair_with_the_ascii_shortcut(text: str, expected: str) -> None:
    assert repair_mojibake(text) == expected
