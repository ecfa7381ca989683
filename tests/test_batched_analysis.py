"""Batched analysis gives what article-by-article analysis gives.

``Models.score_many`` against ``Models.score_text`` (the bytes of every score), ``score_sentences``
against ``score_sentence``, ``classify_many`` against ``classify_events`` and
``Analyzer.analyse_many`` against ``Analyzer.analyse_article``, over the labelled example
articles, in several batch sizes and with the memos starting over often.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from tidings.analysis import model as model_module
from tidings.analysis.evaluation import load_labelled
from tidings.analysis.events import COMBINATIONS, ArticleInput, classify_events, classify_many
from tidings.analysis.ingest import Analyzer
from tidings.analysis.mentions import MentionMatcher
from tidings.analysis.model import Models, default_models, score_sentence, score_sentences

LABELLED = Path(__file__).parent / "fixtures" / "labelled_events.jsonl"
COMPANIES, EXAMPLES = load_labelled(LABELLED)
BY_SLUG = {c.slug: c for c in COMPANIES}
TEXTS = [e["title"] for e in EXAMPLES] + [e["lead"] for e in EXAMPLES] + [
    "", "   ", "$", "a", "Acme", "İstanbul ΟΔΟΣ. Σ", " ".join(f"word{i} x{i % 7}" for i in range(300)),
]


def _fresh_models() -> Models:
    m = default_models()
    return Models(m.kinds, m.tone, m.kind_thresholds, m.bad_threshold, m.meta, m.veto_kinds)


def _bytes(scores: tuple[list[float], list[float]]) -> bytes:
    kinds, tone = scores
    return struct.pack(f"{len(kinds) + len(tone)}d", *kinds, *tone)


@pytest.mark.parametrize("memo_words", [5, 40, 20_000])
@pytest.mark.parametrize("size", [1, 3, 64, len(TEXTS)])
def test_batched_scores_are_the_bytes_of_one_by_one(
    monkeypatch: pytest.MonkeyPatch, memo_words: int, size: int
) -> None:
    # A small word memo starts over inside a batch too (the 300-word text is longer than it).
    monkeypatch.setattr(model_module, "_MEMO_WORDS", memo_words)
    one = [_bytes(_fresh_models().score_text(t)) for t in TEXTS]
    models = _fresh_models()
    batched = []
    for start in range(0, len(TEXTS), size):
        batched.extend(_bytes(s) for s in models.score_many(TEXTS[start : start + size]))
    assert batched == one
    assert len(set(one)) > len(TEXTS) // 2  # the texts score differently: the test can fail


def test_batched_sentence_scores_are_remembered_like_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model_module, "_MEMO_SENTENCES", 5)
    models = _fresh_models()
    texts = TEXTS[:12] + TEXTS[:3]  # repeats inside one batch
    batched = score_sentences(texts, models)
    assert [(s.kinds, s.tone) for s in batched] == [
        (s.kinds, s.tone) for s in (score_sentence(t, _fresh_models()) for t in texts)
    ]
    assert len(models._sentences) <= 5
    assert batched[12] is batched[0]  # a repeat is scored once
    again = score_sentences(texts[-2:], models)  # remembered now: the very objects
    assert again[0] is models._sentences[texts[-2]]


def _articles() -> list[ArticleInput]:
    matcher = MentionMatcher(COMPANIES)
    articles = []
    for n, example in enumerate(EXAMPLES):
        mentions = matcher.find(example["title"], example["lead"])
        # every third article as a company's own post, so "we" is that company
        first_person = mentions[0].company if mentions and n % 3 == 0 else None
        articles.append(ArticleInput(example["title"], example["lead"], mentions, first_person))
    return articles


@pytest.mark.parametrize("combination", COMBINATIONS)
@pytest.mark.parametrize("size", [1, 7, 1000])
def test_classify_many_gives_the_events_article_by_article(combination: str, size: int) -> None:
    articles = _articles()
    one = [
        classify_events(
            a.title, a.text, a.mentions, BY_SLUG, first_person=a.first_person, combination=combination
        )
        for a in articles
    ]
    batched = []
    for start in range(0, len(articles), size):
        batched.extend(classify_many(articles[start : start + size], BY_SLUG, combination=combination))
    assert batched == one
    assert sum(map(len, one)) > len(articles) // 2  # developments are found: the test can fail


def test_classify_many_of_nothing_and_of_a_bad_combination() -> None:
    assert classify_many([], BY_SLUG) == []
    with pytest.raises(ValueError, match="unknown combination"):
        classify_many(_articles()[:2], BY_SLUG, combination="majority")


def test_analyse_many_gives_what_analyse_article_gives() -> None:
    analyzer = Analyzer(COMPANIES)
    own_site = next(c for c in COMPANIES if c.domains)
    rows = [
        (e["title"], e["lead"], f"https://{own_site.domains[0]}/post/{n}" if n % 4 == 0 else f"https://news.example/{n}",
         own_site.slug if n % 4 == 0 else None, None)
        for n, e in enumerate(EXAMPLES)
    ]
    one = [analyzer.analyse_article(*row) for row in rows]
    assert analyzer.analyse_many(rows) == one
    assert sum(len(events) for _, events, _ in one) > len(rows) // 2


def test_the_cut_sentence_does_not_depend_on_how_far_the_text_was_split_before() -> None:
    from tidings.analysis.events import BODY_CHARS, _cut_sentence
    from tidings.analysis.sentences import split_of

    # the cut falls inside "Globex raised ... told reporters.", and sentences follow it
    text = ("Acme shipped a new robot. " * 30)[: BODY_CHARS - 20] + " Globex raised $40 million in new " \
        "funding led by Sequoia, its chief told reporters. " + "Later sentences follow here. " * 5
    assert len(text) < BODY_CHARS + 400
    split_of.cache_clear()
    fresh = _cut_sentence(text)
    split_of.cache_clear()
    split_of(text).all()  # another reader split the whole text first
    assert _cut_sentence(text) == fresh
    assert fresh is not None and fresh[1].endswith("told reporters.")
