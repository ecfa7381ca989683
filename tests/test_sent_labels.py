"""The team's hand labels of sentiment posts (training/labels/sent_kinds.csv) and how they load.

The label file holds row references only; the text is read from ../shared at run time and the
tests that need it skip when it is absent. The held-back check only counts (no held-back text is
printed or asserted on).
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest

from tidings.analysis.events import EVENT_KINDS
from tidings.analysis.news_labels import clean_post, load_sentiment_kinds, load_sentiment_posts

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "corpus" / "news-labels"
SENT = NEWS / "twitter-financial-news-sentiment"
TOPIC = NEWS / "twitter-financial-news-topic"
LABELS = ROOT / "training" / "labels" / "sent_kinds.csv"


def _write(path: Path, header: list[str], rows: list[list[object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def test_hand_tone_replaces_the_market_label_and_kinds_come_only_from_labelled_rows(tmp_path: Path) -> None:
    corpus = tmp_path / "news-labels"
    _write(
        corpus / "twitter-financial-news-sentiment" / "sent_train.csv",
        ["text", "label"],
        [
            ["Acme shares fall 3% in early trade", 0],
            ["Globex fined $5 million by regulator", 2],
            ["Initech unveils a new printer line", 1],
            ["Dow ends flat", 2],
        ],
    )
    labels = tmp_path / "sent_kinds.csv"
    # listed out of row order: the file's order is the labelling order and is kept
    _write(labels, ["file", "row", "kind", "tone"], [
        ["sent_train.csv", 1, "legal", "bad"],
        ["sent_train.csv", 0, "none", "neutral"],
        ["sent_train.csv", 2, "launch", "good"],
    ])

    market = load_sentiment_posts(corpus, "train")
    assert [p.tone for p in market] == ["bad", "neutral", "good", "neutral"]
    assert [p.sentiment for p in market] == ["bad", "neutral", "good", "neutral"]

    hand = load_sentiment_posts(corpus, "train", labels)
    # a neutral-worded fine is bad news; a falling share price is no bad development of ours
    assert [p.tone for p in hand] == ["neutral", "bad", "good", "neutral"]
    assert [p.sentiment for p in hand] == ["bad", "neutral", "good", "neutral"]
    assert {p.kind for p in hand} == {"none"}  # unlabelled rows' kinds are unknown: none here

    kinds = load_sentiment_kinds(corpus, labels, "train")
    assert [(p.row, p.kind, p.tone, p.sentiment) for p in kinds] == [
        (1, "legal", "bad", "neutral"), (0, "none", "neutral", "bad"), (2, "launch", "good", "good"),
    ]
    assert kinds[0].text == "Globex fined $5 million by regulator"
    assert load_sentiment_kinds(corpus, labels, "valid") == []


def _rows(path: Path) -> list[tuple[str, int]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [(r["text"], int(r["label"])) for r in csv.DictReader(handle)]


def _labels() -> list[dict[str, str]]:
    with LABELS.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_label_file_is_row_references_with_known_kinds_and_tones() -> None:
    rows = _labels()
    assert len(rows) >= 1400
    assert set(rows[0]) == {"file", "row", "kind", "tone"}  # no text column
    assert {r["file"] for r in rows} == {"sent_train.csv"}
    assert len({r["row"] for r in rows}) == len(rows)
    assert {r["kind"] for r in rows} <= set(EVENT_KINDS) | {"none"}
    assert {r["tone"] for r in rows} <= {"good", "neutral", "bad"}


@pytest.mark.skipif(not SENT.is_dir(), reason="news-labels corpus not present")
def test_labelled_rows_follow_the_documented_order_and_skip_held_back_twins() -> None:
    train = _rows(SENT / "sent_train.csv")
    held = {clean_post(t) for t, _ in _rows(SENT / "sent_valid.csv")}
    held |= {clean_post(t) for t, _ in _rows(TOPIC / "topic_valid.csv")}
    order = sorted(range(len(train)), key=lambda r: hashlib.sha1(f"sent_train.csv:{r}".encode()).hexdigest())
    order = [r for r in order if clean_post(train[r][0]) not in held]
    # every bearish row first, then bullish and neutral rows in the same sha1 order
    expected = [r for r in order if train[r][1] == 0] + [r for r in order if train[r][1] != 0]
    labelled = [int(r["row"]) for r in _labels()]
    assert labelled == expected[: len(labelled)]
    assert sum(clean_post(train[r][0]) in held for r in labelled) == 0


@pytest.mark.skipif(not SENT.is_dir(), reason="news-labels corpus not present")
def test_hand_tone_is_ours_not_the_market_label() -> None:
    posts = {p.row: p for p in load_sentiment_kinds(NEWS, LABELS, "train")}
    bearish = [p for p in posts.values() if p.sentiment == "bad"]
    # "shares fall" is bearish but no development: most bearish posts report none
    assert sum(p.kind == "none" for p in bearish) > len(bearish) / 2
    # and some posts the market calls neutral or bullish are bad news to a candidate
    assert sum(p.tone == "bad" and p.sentiment != "bad" for p in posts.values()) >= 50

