"""Headline constructions no pattern read (round 8): a person out at a company, a loss of an
amount. Each with what it must not take."""

from __future__ import annotations

import pytest

from tidings.analysis.events import Event, classify_events
from tidings.analysis.mentions import MentionMatcher
from tidings.models import Company

NORTHWIND = Company(slug="northwind", name="Northwind Foods", aliases=("Northwind",))
BASKETLY = Company(slug="basketly", name="Basketly")


def classify(title: str, text: str = "", *companies: Company) -> list[Event]:
    companies = companies or (NORTHWIND, BASKETLY)
    tracked = {c.slug: c for c in companies}
    mentions = MentionMatcher(list(companies)).find(title, text)
    return classify_events(title, text, mentions, tracked)


def kinds_of(events: list[Event]) -> set[tuple[str, str]]:
    return {(e.company, e.kind) for e in events}


@pytest.mark.parametrize(
    "title",
    [
        "Priya Raman Out at Northwind",
        "Former bakery chief Priya Raman exits Northwind role",
        "Priya Raman departs Northwind after six years",
    ],
)
def test_a_person_leaving_the_company_is_leadership(title: str) -> None:
    assert ("northwind", "leadership") in kinds_of(classify(title))


def test_out_at_the_company_is_bad_news() -> None:
    events = [e for e in classify("Priya Raman Out at Northwind") if e.kind == "leadership"]
    assert events and events[0].tone == "bad"


@pytest.mark.parametrize(
    "title",
    [
        "Northwind Leaves Prices Unchanged As Expected",  # "leaves" is not read
        "Northwind exits the frozen food market",  # a market, not a role
        "Shoppers Lash Out at Northwind Over Prices",  # no one leaves
    ],
)
def test_no_leadership_without_a_person_leaving(title: str) -> None:
    assert ("northwind", "leadership") not in kinds_of(classify(title))


@pytest.mark.parametrize(
    "title", ["Northwind Lost $4.5 Billion in 2023", "Northwind posts a net loss of $12 million"]
)
def test_a_loss_of_an_amount_is_results(title: str) -> None:
    assert ("northwind", "earnings") in kinds_of(classify(title))


@pytest.mark.parametrize(
    "title",
    [
        "Northwind lost $2 billion in market value on Monday",  # the stock, not the results
        "A Northwind shopper lost $3,400 to a fake coupon",  # no company's results are in units
    ],
)
def test_a_loss_that_is_no_results(title: str) -> None:
    assert ("northwind", "earnings") not in kinds_of(classify(title))
