"""A company named behind a headline's wire furniture: leading cashtags, wire tags and kickers.

The sentences are the team's own. The models learned headlines with the furniture taken off
(news_labels.clean_post), so they read a live headline the same way; the posts' subject skips a
newsroom's kicker ("WATCH:") as it skips a wire tag. Ordinary prose still names no company.
"""

from __future__ import annotations

import pytest

from tidings.analysis.events import classify_events
from tidings.analysis.headlines import headline_core
from tidings.analysis.ingest import Analyzer
from tidings.analysis.model import default_models, score_sentence
from tidings.analysis.news_labels import clean_post, post_subject
from tidings.models import Company

BLOCK = Company(slug="block", name="Block", tickers=("SQ",))
COMPANIES = [
    BLOCK,
    Company(slug="apple", name="Apple", tickers=("AAPL",)),
    Company(slug="shell", name="Shell", tickers=("SHEL",)),
    Company(slug="fernway", name="Fernway", tickers=("FRNW",)),
]


@pytest.mark.parametrize(
    ("title", "core"),
    [
        ("$SQ - Block to trim 900 support roles", "Block to trim 900 support roles"),
        ("$SQ $AAPL: Block to trim 900 support roles #fintech $SPY", "Block to trim 900 support roles"),
        ("UPDATE 2-Block to trim 900 support roles", "Block to trim 900 support roles"),
        ("BRIEF-Fernway opens a depot in Leeds", "Fernway opens a depot in Leeds"),
        ("Block to trim 900 support roles", "Block to trim 900 support roles"),
        ("A $5 shell for the beach", "A $5 shell for the beach"),
        ("$SQ", "$SQ"),  # nothing but furniture: the headline stays as it is
    ],
)
def test_headline_core_drops_only_the_furniture(title: str, core: str) -> None:
    assert headline_core(title) == core


@pytest.mark.parametrize(
    "title",
    [
        "$SQ - Block to trim 900 support roles #fintech",
        "$SQ Block to trim 900 support roles",
        "UPDATE 2-$SQ - Block to trim 900 support roles",
    ],
)
def test_headline_core_is_what_the_models_learned_from(title: str) -> None:
    # the same steps as the training posts' cleaning (links aside)
    assert headline_core(title) == clean_post(title)


def test_the_model_reads_a_cashtag_headline_as_the_bare_one() -> None:
    models = default_models()
    bare = "Fernway to axe about 1,200 warehouse employees"
    tagged = f"$FRNW - {bare}"
    events = classify_events(tagged, "", [], {})
    assert events == []  # no mention, no development
    analyzer = Analyzer(COMPANIES)
    mentions, found = analyzer.analyse(tagged, "", "https://wire.example/fernway-axe")
    assert [m.company for m in mentions] == ["fernway"]
    assert [(e.company, e.kind, e.tone) for e in found] == [("fernway", "layoffs", "bad")]
    _, plain = analyzer.analyse(bare, "", "https://wire.example/fernway-axe-2")
    assert [(e.kind, e.confidence) for e in found] == [(e.kind, e.confidence) for e in plain]
    assert score_sentence(headline_core(tagged), models) == score_sentence(bare, models)


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("$SQ - Block to axe about 1,500 employees", "layoffs"),
        ("$SQ cuts 1,000 jobs in a restructuring", "layoffs"),
        ("LATEST: Block plans to cut 1,000 jobs", "layoffs"),
        ("Exclusive-Block plans to cut 1,000 jobs", "layoffs"),
        ("WATCH: Block cuts 1,000 jobs in restructuring", "layoffs"),
        ("Payments giant Block slashes its workforce by 10%", "layoffs"),
        ("Block’s layoffs reach 1,000", "layoffs"),
        ("$AAPL - Apple recalls 20,000 chargers", "recall"),
    ],
)
def test_company_behind_furniture_gets_its_development(title: str, kind: str) -> None:
    mentions, events = Analyzer(COMPANIES).analyse(title, "", "https://wire.example/x")
    company = mentions[0].company
    assert company in ("block", "apple")
    assert (company, kind) in {(e.company, e.kind) for e in events}


@pytest.mark.parametrize(
    "text",
    [
        "Block the road before the parade starts.",
        "WATCH: Block the exits and wait for the signal.",
        "LATEST: Shell out for the good seats this year.",
        "She baked an apple pie for the fair.",
        "BREAKING: apple pie wins the county fair",
        "A $5 shell for the beach, sold at the pier.",
        "Mind the gap between the train and the platform.",
    ],
)
def test_ordinary_prose_behind_a_kicker_names_no_company(text: str) -> None:
    analyzer = Analyzer(COMPANIES)
    assert analyzer.analyse(text, "", "https://wire.example/y")[0] == []
    assert analyzer.analyse("", text, "https://wire.example/z")[0] == []


@pytest.mark.parametrize(
    ("headline", "subject"),
    [
        ("WATCH: Fernway fired back at its landlord over the depot lease", "Fernway"),
        ("LATEST: Fernway plans to slow hiring next year", "Fernway"),
        ("Live news updates: Fernway to axe about 1,500 employees", "Fernway"),
        ("WSJ: Fernway Executives Called In Over Data Theft", "Fernway"),
        ("Exclusive-Fernway weighs a sale of its van unit", "Fernway"),
        ("routeBox to cut 300 jobs in revamp", "routeBox"),
        ("Fernway: regulator clears its depot plan", "Fernway"),  # a name before a colon stays
        ("WATCH: The market closed lower on Friday", None),
        ("LATEST: here are the biggest movers", None),
    ],
)
def test_post_subject_skips_a_newsroom_kicker(headline: str, subject: str | None) -> None:
    assert post_subject(headline) == subject
