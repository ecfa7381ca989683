"""Honest held-back measures: the twin filter and the good-news-kept count.

All strings here are made up for the test; the corpus files are written to a temporary folder.
"""

from __future__ import annotations

import csv
from pathlib import Path

from tidings.analysis.article_evaluation import ArticleLabel, LabelledPage, is_good_news, score_articles
from tidings.analysis.events import SENSITIVE_KINDS
from tidings.analysis.news_labels import (
    LabelledPost,
    load_sentiment_posts,
    training_texts,
    twin_key,
    without_twins,
)
from tidings.models import Company


def _write(path: Path, rows: list[tuple[str, int]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label"])
        writer.writerows(rows)


def test_a_held_back_post_equal_to_a_training_post_once_cleaned_is_left_out(tmp_path: Path) -> None:
    corpus = tmp_path / "news-labels"
    _write(corpus / "twitter-financial-news-topic" / "topic_train.csv", [
        ("$ACME Acme opens a plant in Ohio https://t.co/aaa", 2),
        ("Initech names a new chief executive", 17),
    ])
    _write(corpus / "twitter-financial-news-sentiment" / "sent_train.csv", [
        ("BREAKING: Globex fined &amp; censured by regulator", 0),
    ])
    _write(corpus / "twitter-financial-news-sentiment" / "sent_valid.csv", [
        ("Acme opens a plant in Ohio https://t.co/bbb $ACME", 2),  # other link and cashtag: a twin
        ("Globex fined & censured by regulator", 0),  # the wire tag and the entity cleaned away
        ("Acme opens a plant in Texas", 1),  # another development
        ("Initech names a new chief financial officer", 2),  # shares words, not the text
        ("ACME OPENS A PLANT IN OHIO!", 1),  # capitals and punctuation only: a twin
    ])
    seen = training_texts(corpus)
    assert seen == {
        "acme opens a plant in ohio",
        "initech names a new chief executive",
        "globex fined censured by regulator",
    }
    held = load_sentiment_posts(corpus, "valid")
    assert [p.row for p in without_twins(held, seen)] == [2, 3]
    assert without_twins(held, frozenset()) == held


def test_the_twin_filter_keeps_order_and_reads_the_cleaned_text_only() -> None:
    posts = [
        LabelledPost("topic_valid.csv", 7, "UPDATE 2-Hooli buys Pied Piper", "acquisition", None),
        LabelledPost("topic_valid.csv", 3, "Hooli buys Pied Piper for $1 billion", "acquisition", None),
        LabelledPost("topic_valid.csv", 5, "Hooli buys Pied Piper #tech", "acquisition", None),
    ]
    kept = without_twins(posts, frozenset({twin_key("Hooli buys Pied Piper")}))
    assert [p.row for p in kept] == [3]
    # a figure's digits stay apart: "$1.5 billion" is not "$15 billion"
    assert twin_key("Hooli raises $1.5 billion") != twin_key("Hooli raises $15 billion")
    assert twin_key("Hooli raises $1.5 billion") == twin_key("hooli raises $1.5 Billion.")


def test_good_news_is_a_kind_that_is_not_sensitive_with_a_tone_that_is_not_bad() -> None:
    sensitive = frozenset(SENSITIVE_KINDS)
    assert is_good_news(ArticleLabel("s", "1", "Acme", ("launch",), "good"), sensitive)
    assert is_good_news(ArticleLabel("s", "2", "Acme", ("leadership",), "neutral"), sensitive)
    assert is_good_news(ArticleLabel("s", "3", "Acme", ("legal", "launch"), "good"), sensitive)
    assert not is_good_news(ArticleLabel("s", "4", "Acme", ("launch",), "bad"), sensitive)
    assert not is_good_news(ArticleLabel("s", "5", "Acme", ("outage",), "neutral"), sensitive)
    assert not is_good_news(ArticleLabel("s", "6", "Acme", (), "good"), sensitive)


def test_scores_count_good_news_kept_beside_bad_news_leaked() -> None:
    acme = Company(slug="acme", name="Acme Robotics")
    pages = [
        LabelledPage(
            ArticleLabel("s", "1", "Acme Robotics", ("launch",), "good"),
            "Acme Robotics launches Sprocket, a warehouse robot",
            "Acme Robotics today launched Sprocket, a robot that sorts parcels in warehouses. "
            "The company said it is available to order now.",
            "https://news.example.com/acme-sprocket",
        ),
        LabelledPage(
            ArticleLabel("s", "2", "Acme Robotics", ("outage",), "bad"),
            "Acme Robotics cloud service down for six hours",
            "Acme Robotics suffered an outage that left customers unable to reach its cloud service "
            "for six hours on Monday, the company said.",
            "https://news.example.com/acme-outage",
        ),
        LabelledPage(
            # labelled good news that the analysis reads as bad: found, lost to the tone
            ArticleLabel("s", "4", "Acme Robotics", ("launch",), "neutral"),
            "Acme Robotics launches a cheaper robot as sales plunge",
            "Acme Robotics launched a cheaper robot on Monday after its sales plunged 30% and its "
            "losses widened, the company said.",
            "https://news.example.com/acme-cheaper",
        ),
        LabelledPage(
            ArticleLabel("s", "3", "Acme Robotics", (), "good"),
            "A day at the Acme Robotics museum",
            "Visitors to the Acme Robotics museum can see old robots.",
            "https://news.example.com/acme-museum",
        ),
    ]
    scores = score_articles(pages, [acme], frozenset(SENSITIVE_KINDS))
    assert (scores.good_pages, scores.good_points, scores.good_toned_bad) == (2, 1, 1)
    assert (scores.bad_pages, scores.bad_points) == (1, 0)
