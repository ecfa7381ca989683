"""Tests for tidings.text: HTML fragments to plain text, whitespace, truncation."""

from __future__ import annotations

import pytest

from tidings.text import html_to_text, normalize_space, truncate


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("<p>Hello <b>world</b></p>", "Hello world"),
        ("AT&amp;T", "AT&T"),
        ("AT&amp;amp;T", "AT&T"),  # escaped twice, as feeds carry it
        ("caf&eacute; &#8217;s &#x2014; x", "café ’s — x"),
        ("a < b and c > d", "a < b and c > d"),
        ("<script>var x = 1 < 2;</script>Text<style>p { color: red }</style>", "Text"),
        ("<!-- hidden --><p>Shown</p>", "Shown"),
        ('<a href="x>y" title=\'a>b\'>link</a> end', "link end"),
        ("&lt;b&gt;literal&lt;/b&gt;", "<b>literal</b>"),
        ("", ""),
        ("  plain   text\t here ", "plain text here"),
    ],
)
def test_html_to_text_cases(fragment: str, expected: str) -> None:
    assert html_to_text(fragment) == expected


def test_html_to_text_blocks_become_lines_and_cells_spaces() -> None:
    text = html_to_text("<p>One</p><p>Two<br>Three</p><table><tr><td>a</td><td>b</td></tr></table>")
    assert text.split("\n") == ["One", "Two", "Three", "a b"]


def test_html_to_text_inline_tags_do_not_split_words() -> None:
    assert html_to_text("Har<b>bor</b> <i>API</i>") == "Harbor API"


def test_html_to_text_drops_control_and_zero_width_characters() -> None:
    assert html_to_text("Ac\u200bme\x07 Corp\ufeff") == "Acme Corp"


def test_normalize_space() -> None:
    assert normalize_space(" a\n\tb\u00a0 c ") == "a b c"
    assert normalize_space("") == ""


@pytest.mark.parametrize(
    ("text", "n", "expected"),
    [
        ("short", 10, "short"),
        ("The quick brown fox jumps", 12, "The quick…"),
        ("Supercalifragilistic", 8, "Superca…"),
        ("anything", 0, ""),
        ("anything", 1, "…"),
    ],
)
def test_truncate(text: str, n: int, expected: str) -> None:
    assert truncate(text, n) == expected
    assert len(truncate(text, n)) <= max(n, 0)
