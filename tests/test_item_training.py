"""Page and feed-item headlines in the kinds training set (training/train_kinds.py item_rows,
with_items) and the shipped model file.

The training tests use made-up items (scikit-learn only: they skip without it); none reads the
shared corpus.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from tests.test_tone_training import _train_kinds
from tidings.analysis.article_evaluation import ArticleLabel, FeedLabel, LabelledPage
from tidings.analysis.model import default_models, score_sentence

ROOT = Path(__file__).resolve().parents[1]


def _feed(index: int, company: str, kinds: tuple[str, ...], title: str, text: str = "") -> LabelledPage:
    return LabelledPage(FeedLabel("blog.xml", str(index), company, kinds, "good"), title, text, "")


def test_item_rows_use_the_tuning_half_only_and_group_by_source() -> None:
    tk = _train_kinds()
    # sha1("blog.xml#2"), "#3" are even (tuning), "#0", "#1" odd (held back); "wcxb:p1" even
    assert not FeedLabel("blog.xml", "2", "", (), "").held_back
    assert FeedLabel("blog.xml", "0", "", (), "").held_back
    items = [
        _feed(2, "Acme", ("launch",), "Say hello to Acme Boards",
              "Acme Boards is here. It costs less. Acme ships it today."),
        _feed(3, "", (), "Notes from a long weekend"),
        _feed(0, "Acme", ("funding",), "Acme closes its Series B"),  # held back: never a row
        LabelledPage(ArticleLabel("wcxb", "p1", "Globex", (), "neutral"), "Globex at the fair", "",
                     "https://www.example.org/news/1"),
        LabelledPage(ArticleLabel("wcxb", "p2", "Initech", ("partnership", "launch"), "good"),
                     "Initech and Hooli team up on a new scanner", "", "http://fakehost/test/page.html"),
    ]
    rows = tk.item_rows(items, "company", lead=False)
    assert [(r.text, r.kind, r.group) for r in rows] == [
        ("Say hello to Acme Boards", "launch", "feed:blog.xml"),
        ("Globex at the fair", "none", "page:example.org"),
        ("Initech and Hooli team up on a new scanner", "partnership", "page:wcxb:p2"),
        ("Initech and Hooli team up on a new scanner", "launch", "page:wcxb:p2"),
    ]
    assert {r.text for r in tk.item_rows(items, "all", lead=False)} >= {"Notes from a long weekend"}
    assert [r.kind for r in tk.item_rows(items, "kinds", lead=False)] == ["launch", "partnership", "launch"]
    sued = _feed(3, "Acme", ("legal", "launch"), "Acme sued over its new Boards")
    assert [r.kind for r in tk.item_rows([sued], "company", False, True)] == ["legal", "launch"]
    assert [r.kind for r in tk.item_rows([sued], "company", False, False)] == ["launch"]
    # with the lead: the first two body sentences naming the company, with the item's kind
    lead = [r.text for r in tk.item_rows(items[:1], "company", lead=True)]
    assert lead == ["Say hello to Acme Boards", "Acme Boards is here."]


def test_item_rows_raise_their_kind_and_weight_zero_is_the_posts_only_fit() -> None:
    tk = _train_kinds()
    posts = [
        ("Acme acquires Globex for $2 billion", "acquisition"),
        ("Initech buys Hooli in a cash deal", "acquisition"),
        ("Vandelay launches a new cloud service", "launch"),
        ("Stark unveils its latest phone", "launch"),
        ("Shares of Wayne rise in early trade", "none"),
        ("Markets close higher on Friday", "none"),
    ] * 4
    x = tk.matrix([t for t, _ in posts])
    y = np.array([k for _, k in posts])
    classes = ["acquisition", "launch", "none"]
    new = ("Boards", "Inbox", "Maps")
    items = [tk.ItemSentence(f"Say hello to the new {w}", "launch", "feed:a") for w in new]
    items.append(tk.ItemSentence("Notes from the weekend", "none", "feed:a"))
    items.append(tk.ItemSentence("Acme wins a design prize", "award", "feed:b"))
    same_x, same_y, no_weights = tk.with_items(x, y, items, 0.0, classes)
    assert same_x is x and same_y is y and no_weights is None
    fx, fy, fw = tk.with_items(x, y, items, 5.0, classes)
    assert fx.shape[0] == len(posts) + 4  # the award row's kind is not a class: left out
    assert fw is not None and fw[-1] == 5.0 and fw[0] == 1.0
    probe = tk.matrix(["Say hello to the new Docs"])
    launch = classes.index("launch")
    plain = tk.fit(x, y, 1e-4).predict_proba(probe)[0, launch]
    taught = tk.fit(fx, fy, 1e-4, sample_weight=fw)
    assert taught.predict_proba(probe)[0, launch] > plain + 0.1
    again = tk.fit(fx, fy, 1e-4, sample_weight=fw)  # deterministic: the same weights twice
    assert np.array_equal(tk.weights(taught, classes)[0], tk.weights(again, classes)[0])


def test_the_shipped_model_loads_and_scores_deterministically() -> None:
    models = default_models()
    meta = models.meta
    assert set(meta["kind_thresholds"]) == set(models.kinds.classes) - {"none"}
    rows = meta["training_rows"]
    assert rows["kinds"] > 10_000 and rows["tone"] > 10_000
    if "items" in meta:  # trained with page and feed-item headlines: they are counted and named
        assert rows["items"] > 100 and "article_kinds.csv" in meta["data"]
    headline = "Northwind introduces Harbor, a route planner for delivery fleets"
    first = score_sentence(headline, models)
    models._sentences.clear()  # score it afresh, not from the memo
    second = score_sentence(headline, models)
    assert first.kinds == second.kinds and first.tone == second.tone
    assert abs(sum(first.kinds.values()) - 1.0) < 1e-9
    path = ROOT / "src" / "tidings" / "data" / "kinds_model.npz"
    assert path.stat().st_size < 20_000_000
