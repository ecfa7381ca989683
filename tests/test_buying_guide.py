"""A buying guide or a comparison ("X vs. Y", "Which one should you buy?", "Best ...") gives no
development from its body: the products it weighs are on sale already. Its headline is read as
any; the same body under a news headline still gives the launch."""

from __future__ import annotations

import pytest

from tidings.analysis.articleform import GUIDE, HOWTO, article_form, subjects
from tidings.analysis.events import Event, classify_events
from tidings.analysis.mentions import MentionMatcher
from tidings.models import Company

NORTHWIND = Company(slug="northwind", name="Northwind Foods", aliases=("Northwind",))
BASKETLY = Company(slug="basketly", name="Basketly")

GUIDE_LEAD = (
    "Northwind launched the Breadmaker Pro this spring, and Basketly unveiled its Oven Mini. "
    "Both bake a loaf in under an hour; the Pro costs twice as much."
)


def kinds_of(title: str, text: str) -> set[tuple[str, str]]:
    companies = [NORTHWIND, BASKETLY]
    mentions = MentionMatcher(companies).find(title, text)
    events: list[Event] = classify_events(title, text, mentions, {c.slug: c for c in companies})
    return {(e.company, e.kind) for e in events}


@pytest.mark.parametrize(
    ("title", "form"),
    [
        ("Breadmaker Pro vs. Oven Mini: Which one should you buy?", GUIDE),
        ("Northwind versus Basketly for weekly groceries", GUIDE),
        ("Best bread machine: Which Northwind model should you buy?", GUIDE),
        ("The 7 best ovens to buy this winter", GUIDE),
        ("Is the Oven Mini worth buying?", GUIDE),
        ("Kitchen gear buyer's guide", GUIDE),
        ("Should you upgrade to the Breadmaker Pro?", GUIDE),
        ("Best Buy posts record holiday sales", None),
        ("Northwind posts its best quarter ever", None),
        ("Northwind launches the Breadmaker Pro", None),
        ("How to choose a bread machine", HOWTO),  # a how-to first
    ],
)
def test_the_headline_says_a_buying_guide(title: str, form: str | None) -> None:
    assert article_form(title) == form


def test_a_buying_guide_body_gives_no_development() -> None:
    title = "Breadmaker Pro vs. Oven Mini: Which one should you buy?"
    assert kinds_of(title, GUIDE_LEAD) == set()
    # the same lead under a news headline still gives the launches
    assert ("northwind", "launch") in kinds_of("Two new bread machines this spring", GUIDE_LEAD)


def test_a_buying_guide_headline_is_still_read() -> None:
    assert ("northwind", "launch") in kinds_of("Northwind unveils the Breadmaker Pro: Should you buy it?", "")
    found = kinds_of("Northwind vs. Basketly: Northwind to acquire Basketly for $2 billion", "")
    assert ("northwind", "acquisition") in found


def test_a_buying_guide_body_gives_nobody() -> None:
    assert subjects(GUIDE, ["northwind"], "northwind", ["a"], lambda p: {"northwind"}) == frozenset()
