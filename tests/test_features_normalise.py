"""The token-normalising step before hashing: figures and tickers read as placeholders."""

from __future__ import annotations

import pytest

from tidings.analysis.features import normalise_tokens, sentence_features, tokens


def test_different_amounts_give_the_same_tokens() -> None:
    a = tokens("Acme raises $5M in a Series A round")
    b = tokens("Acme raises $40 million in a Series A round")
    c = tokens("Acme raises 40 million euros in a Series A round")
    assert a == b == c
    assert "<money>" in a
    # so the whole feature vectors agree too
    assert all((x == y).all() for x, y in zip(sentence_features("Acme raises $5M"),
                                               sentence_features("Acme raises $1.25 billion"), strict=True))


@pytest.mark.parametrize(
    ("text", "placeholder"),
    [
        ("Sales fell 2% in the quarter", "<pct>"),
        ("Sales fell 2.5 percent in the quarter", "<pct>"),
        ("Results for 2022 beat estimates", "<year>"),
        ("Merck (MRK) signs a supply deal", "<ticker>"),
        ("Globex (NASDAQ: GLBX) signs a supply deal", "<ticker>"),
        ("Talks on $TSLA stall", "<ticker>"),
        ("Initech to cut 1,200 jobs", "<num>"),
        ("Revenue of €3.2bn", "<money>"),
        ("Revenue of USD 40 mln", "<money>"),
        ("Shares closed at 74 cents", "<money>"),
    ],
)
def test_each_figure_reads_as_its_placeholder(text: str, placeholder: str) -> None:
    assert placeholder in tokens(text)
    assert not any(ch.isdigit() for t in tokens(text) for ch in t)


def test_numbers_inside_words_and_plain_words_stay() -> None:
    assert tokens("Q2 results on 5G phones") == ["q0", "results", "on", "0g", "phones"]
    # the placeholder is not the word it is named after
    assert "money" in tokens("Money raised for Acme")
    assert "<money>" not in tokens("Money raised for Acme")
    assert tokens("Acme names a new chief executive") == ["acme", "names", "a", "new", "chief", "executive"]


def test_a_long_number_is_one_placeholder() -> None:
    assert tokens("Initech prices 10,810,811 shares at $18.50 each") == [
        "initech", "prices", "<num>", "shares", "at", "<money>", "each",
    ]
    assert tokens("Sales of 1,200 units in 2026") == ["sales", "of", "<num>", "units", "in", "<year>"]
    assert normalise_tokens(["0.0", "per", "cent", "of", "$"]) == ["<pct>", "of", "$"]
