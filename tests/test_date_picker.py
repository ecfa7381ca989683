"""The learned check on the rules' page date (tidings/extract/date_picker.py, issue 14)."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta, timezone
from importlib import resources

import numpy as np
import pytest

import tidings.extract.date_picker as picker
import tidings.extract.page as page_module
from tidings.extract import extract_page
from tidings.extract.date_picker import FEATURES, DateTrace, candidate_days, pick_date

NOW = datetime(2026, 11, 26, 12, tzinfo=UTC)
FILLER = "<p>Northwind opened a new depot near the harbour, with room for two hundred trucks.</p>" * 8


def day(d: int, hour: int = 0) -> datetime:
    return datetime(2026, 10, d, hour, tzinfo=UTC)


def test_shipped_weights_match_the_features() -> None:
    data = json.loads(resources.files("tidings").joinpath(picker.WEIGHTS_FILE).read_text("utf-8"))
    assert tuple(data["features"]) == FEATURES
    assert len(data["coef"]) == len(FEATURES)
    assert picker._weights() is not None
    # fitted and checked on both halves: the script records what it measured on each
    assert set(data["held_out"]) == {"fit A, score B", "fit B, score A"}


def test_candidate_days_group_readings_by_day() -> None:
    readings = [("jsonld", day(4, 7)), ("meta", day(6, 8)), ("dateline", day(6))]
    days, rows, values, sources = candidate_days(readings, day(4, 7))
    assert [d.day for d in days] == [4, 6]
    col = {name: i for i, name in enumerate(FEATURES)}
    assert rows[0, col["rule"]] == 1 and rows[0, col["jsonld"]] == 1 and rows[0, col["meta"]] == 0
    assert rows[1, col["meta"]] == 1 and rows[1, col["dateline"]] == 1
    assert rows[1, col["readings"]] == 2 and rows[0, col["readings"]] == 1
    assert rows[1, col["after_rule"]] == 1 and rows[0, col["earliest"]] == 1
    assert sources == ["rule", "meta"]  # a day's value: the rules' own, else its best reading
    assert values[1] == day(6, 8)


def test_the_rules_stand_unless_another_day_scores_higher(monkeypatch: pytest.MonkeyPatch) -> None:
    readings = [("jsonld", day(4, 7)), ("meta", day(6, 8)), ("dateline", day(6))]
    weights = np.zeros(len(FEATURES))
    monkeypatch.setattr(picker, "_weights", lambda: (weights, 0.0, 0.25))
    assert pick_date(readings, day(4, 7), "jsonld") == (day(4, 7), "jsonld")  # a tie: the rules
    weights[FEATURES.index("readings")] = 0.2  # one reading more is not lead enough
    assert pick_date(readings, day(4, 7), "jsonld") == (day(4, 7), "jsonld")
    weights[FEATURES.index("readings")] = 1.0  # the day more readings agree on, by a clear lead
    assert pick_date(readings, day(4, 7), "jsonld") == (day(6, 8), "meta")
    assert pick_date([("jsonld", day(4, 7))], day(4, 7), "jsonld") == (day(4, 7), "jsonld")


def test_a_reading_of_the_rules_instant_counts_on_the_rules_day() -> None:
    # The rules told a UTC stamp (03:37 on the 5th) on the day the page shows (the 4th, at
    # -05:00): the JSON-LD reading of that instant backs the rules' day, not the 5th.
    stamp = datetime(2026, 10, 5, 3, 37, tzinfo=UTC)
    told = stamp.astimezone(timezone(timedelta(hours=-5)))
    readings = [("jsonld", stamp), ("dateline", day(4)), ("modified", day(5, 9))]
    days, rows, _, sources = candidate_days(readings, told)
    col = {name: i for i, name in enumerate(FEATURES)}
    assert [d.day for d in days] == [4, 5]
    assert rows[0, col["jsonld"]] == 1 and rows[0, col["dateline"]] == 1 and rows[0, col["rule"]] == 1
    assert rows[1, col["jsonld"]] == 0 and rows[1, col["modified"]] == 1
    assert sources[0] == "rule"


def test_the_margin_comes_with_the_weights_and_an_opening_date_is_named_body(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = json.loads(resources.files("tidings").joinpath(picker.WEIGHTS_FILE).read_text("utf-8"))
    weights = picker._weights()
    assert weights is not None and weights[2] == data["margin"]
    readings = [("text", day(9)), ("opening", day(6))]
    coef = np.zeros(len(FEATURES))
    coef[FEATURES.index("opening")] = 1.0
    monkeypatch.setattr(picker, "_weights", lambda: (coef, 0.0, 0.5))
    # a lead of 1.0 over the rules' day clears a margin of 0.5, and the date opening the
    # article's text is named as page dates name it
    assert pick_date(readings, day(9), "text") == (day(6), "body")
    monkeypatch.setattr(picker, "_weights", lambda: (coef, 0.0, 1.0))
    assert pick_date(readings, day(9), "text") == (day(9), "text")  # not a clear enough lead


def test_without_weights_the_rules_alone_decide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(picker, "_weights", lambda: None)
    readings = [("jsonld", day(4, 7)), ("meta", day(6, 8)), ("dateline", day(6))]
    assert pick_date(readings, day(4, 7), "jsonld") == (day(4, 7), "jsonld")


def test_a_structured_stamp_alone_against_meta_and_dateline_yields(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The shipped weights: JSON-LD says 4 October; the publication meta tag and the date under
    # the headline agree on the 6th, the day the page shows its readers.
    monkeypatch.setattr(page_module, "_htmldate_day", lambda *a: None)
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": '
            '"Northwind opens a depot", "datePublished": "2026-10-04T07:29:00+02:00"}</script>'
            '<meta property="article:published_time" content="2026-10-06T08:29:00+02:00">')
    body = "<h1>Northwind opens a depot</h1><p>6. Oktober 2026</p>"
    html = (f"<html lang='de'><head><title>Northwind opens a depot</title>{head}</head>"
            f"<body><article>{body}{FILLER}</article></body></html>").encode()
    trace = DateTrace()
    page = extract_page(html, "https://northwind.example/news/depot", now=NOW, trace=trace)
    assert trace.rule[1] == "jsonld" and trace.rule[0].day == 4  # what the rules alone chose
    assert page.published is not None and page.published.date().isoformat() == "2026-10-06"
    assert page.published_from == "meta"


def test_one_reading_of_each_day_keeps_the_rules_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(page_module, "_htmldate_day", lambda *a: None)
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": '
            '"Northwind opens a depot", "datePublished": "2026-10-04T07:29:00+02:00"}</script>'
            '<meta property="article:modified_time" content="2026-10-09T08:29:00+02:00">')
    html = (f"<html><head><title>Northwind opens a depot</title>{head}</head>"
            f"<body><article><h1>Northwind opens a depot</h1>{FILLER}</article></body></html>").encode()
    page = extract_page(html, "https://northwind.example/news/depot", now=NOW)
    assert page.published is not None and page.published.date().isoformat() == "2026-10-04"
    assert page.published_from == "jsonld"


def _training_script():  # type: ignore[no-untyped-def]
    pytest.importorskip("scipy")
    import importlib.util
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location("train_date_picker",
                                                  root / "training" / "train_date_picker.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _dateline_pages() -> list[dict]:
    """40 made-up pages: the rules take JSON-LD; the dateline names the right day on 32 of them."""
    pages = []
    for i in range(40):
        right = day(6) if i % 5 else day(4, 7)
        pages.append({"set": "s", "id": str(i), "gt": right.date().isoformat(), "zone": None,
                      "readings": [("jsonld", day(4, 7)), ("dateline", day(6))],
                      "rule": (day(4, 7), "jsonld")})
    return pages


def test_the_conditional_logit_learns_which_reading_to_trust() -> None:
    train = _training_script()
    # Made-up pages: the rules take JSON-LD; on most of them the dateline names the right day,
    # on a few JSON-LD does. The fit must rank the dateline's day above the rules' and, with a
    # margin it cannot clear, leave the rules' choice alone.
    pages = _dateline_pages()
    model = train.fit(pages, 1.0)
    x, labels, at = train.rows(pages[1])
    scores = model.scores(x)
    assert labels == [False, True] and at == 0 and scores[1] > scores[0]
    assert sum(bool(v) for v in train.choices(model, pages, 0.0)) == 32  # the dateline's day
    assert sum(bool(v) for v in train.choices(model, pages, 100.0)) == 8  # the rules' day
    c, margin = train.choose(pages)
    assert c in train.CS and margin in train.MARGINS
    assert sum(bool(v) for v in train.choices(train.fit(pages, c), pages, margin)) == 32


def test_the_inner_choice_can_sum_over_several_splits() -> None:
    train = _training_script()
    # Split 0 is the shipped one (the parity of sha1 of "set/id"); other splits put the pages
    # in other folds, and the choice over several of them is still a cell of the grid.
    pages = _dateline_pages()
    assert [train.inner_fold(p) for p in pages] == [
        int(hashlib.sha1(f"s/{i}".encode()).hexdigest(), 16) % 2 for i in range(40)]
    assert [train.inner_fold(p, 1) for p in pages] != [train.inner_fold(p) for p in pages]
    assert train.choose(pages, 1) == train.choose(pages)
    c, margin = train.choose(pages, 3)
    assert c in train.CS and margin in train.MARGINS
    assert sum(bool(v) for v in train.choices(train.fit(pages, c), pages, margin)) == 32


def test_twins_can_be_kept_in_one_inner_fold() -> None:
    train = _training_script()
    # The same page in two sets (one page_key): keyed by set/id the two copies fall in
    # different folds for some pages; keyed by page_key, never.
    twins = [({"set": "htmldate", "id": f"p{i}", "key": f"example.org/{i}"},
              {"set": "trafilatura", "id": f"p{i}", "key": f"example.org/{i}"}) for i in range(30)]
    assert any(train.inner_fold(a) != train.inner_fold(b) for a, b in twins)
    for split in (0, 1, 2):
        assert all(train.inner_fold(a, split, True) == train.inner_fold(b, split, True)
                   for a, b in twins)
