"""Whose development a reference back names: "the latter" / "the former" stand for another named
party (never the headline company), and "the company" refers back only to a company the article
makes its subject, and "it" under a headline about the company's thing is that thing."""

from __future__ import annotations

import pytest

from tidings.analysis.events import Event, classify_events
from tidings.analysis.mentions import MentionMatcher
from tidings.models import Company

NORTHWIND = Company(slug="northwind", name="Northwind Foods", aliases=("Northwind",))
BASKETLY = Company(slug="basketly", name="Basketly")
CONTOSO = Company(slug="contoso", name="Contoso")


def classify(title: str, text: str, *companies: Company, combination: str = "veto") -> list[Event]:
    tracked = {c.slug: c for c in companies}
    mentions = MentionMatcher(list(companies)).find(title, text)
    return classify_events(title, text, mentions, tracked, combination=combination)


def kinds_of(events: list[Event]) -> set[tuple[str, str]]:
    return {(e.company, e.kind) for e in events}


@pytest.mark.parametrize("combination", ["rules", "veto"])
def test_the_latters_layoffs_are_not_the_buyers(combination: str) -> None:
    text = "Northwind is acquiring the assets of grocery site Basketly, after the latter saw massive layoffs."
    events = classify("Northwind buys Basketly's assets", text, NORTHWIND, combination=combination)
    assert ("northwind", "acquisition") in kinds_of(events)
    assert ("northwind", "layoffs") not in kinds_of(events)


def test_the_latter_is_the_company_named_last_when_it_is_tracked() -> None:
    text = "Northwind is acquiring the assets of grocery site Basketly, after the latter saw massive layoffs."
    events = kinds_of(classify("Northwind buys Basketly's assets", text, NORTHWIND, BASKETLY))
    assert ("basketly", "layoffs") in events and ("northwind", "layoffs") not in events


@pytest.mark.parametrize(
    ("text", "laid_off"),
    [
        ("Basketly met Northwind on Monday, and the former announced layoffs.", "basketly"),
        ("Basketly met Northwind on Monday, and the latter announced layoffs.", "northwind"),
        ("Basketly met Northwind on Monday; the latter's layoffs begin in May.", "northwind"),
    ],
)
def test_the_former_and_the_latter_pick_their_party(text: str, laid_off: str) -> None:
    events = kinds_of(classify("Grocers meet", text, NORTHWIND, BASKETLY))
    assert {c for c, k in events if k == "layoffs"} == {laid_off}


def test_the_former_chief_is_no_reference() -> None:
    # "the former" before a noun is an adjective: the subject stays the company named first
    text = "Northwind named the former Basketly chief as its new chief executive on Monday."
    events = kinds_of(classify("Northwind names a CEO", text, NORTHWIND, BASKETLY))
    assert ("northwind", "leadership") in events


def test_the_buyer_keeps_a_good_tone_when_only_the_latter_had_bad_news() -> None:
    text = "Northwind agreed to buy grocery app Basketly, after the latter announced layoffs."
    (event,) = [e for e in classify("Northwind to buy Basketly", text, NORTHWIND) if e.kind == "acquisition"]
    assert event.tone != "bad"


def test_the_buyer_takes_the_bad_tone_of_its_own_clause() -> None:
    text = "Northwind agreed to buy grocery app Basketly, after Northwind announced layoffs."
    (event,) = [e for e in classify("Northwind to buy Basketly", text, NORTHWIND) if e.kind == "acquisition"]
    assert event.tone == "bad"


def test_the_company_is_nobody_when_the_headline_names_none_of_several() -> None:
    # A buying guide naming a retailer more often than the maker: "the company" is the maker,
    # which nobody tracks, not the retailer named most.
    title = "Where to find a Harbor 3 blender this winter"
    text = (
        "The company's Harbor 3 blender launched last week. Northwind and Contoso both list it. "
        "Northwind restocks on Fridays, Northwind says."
    )
    events = kinds_of(classify(title, text, NORTHWIND, CONTOSO))
    assert not {c for c, k in events if k == "launch"}


def test_the_company_still_refers_to_the_headline_company() -> None:
    title = "Northwind expands its range"
    text = "Contoso supplies the fruit. The company said on Monday it launched a frozen line."
    assert ("northwind", "launch") in kinds_of(classify(title, text, NORTHWIND, CONTOSO))


def test_the_company_still_refers_to_the_only_company_named() -> None:
    text = "Northwind has grown fast. The company said on Monday it raised $12 million in seed funding."
    assert ("northwind", "funding") in kinds_of(classify("A new chapter for a grocer", text, NORTHWIND))


@pytest.mark.parametrize("combination", ["rules", "veto"])
def test_it_under_a_headline_about_the_companys_thing_is_that_thing(combination: str) -> None:
    # "It" is the van the headline is about, not Northwind: no launch of Northwind's from it
    title = "Northwind's new Harbor van is quiet and a little odd"
    text = "It has this strange new feature called Lift. Drivers are not sure about it."
    events = kinds_of(classify(title, text, NORTHWIND, combination=combination))
    assert ("northwind", "launch") not in events


def test_the_company_under_such_a_headline_is_still_the_company() -> None:
    title = "Northwind's new Harbor van is quiet and a little odd"
    text = "The company said on Monday it raised $12 million in seed funding."
    assert ("northwind", "funding") in kinds_of(classify(title, text, NORTHWIND))


@pytest.mark.parametrize(
    "text",
    [
        "Basketly met Northwind on Monday, and the former United Nations envoy announced layoffs.",
        "Basketly met Northwind on Monday, and the former red-brick depot saw layoffs.",
    ],
)
def test_the_former_before_a_name_or_an_adjective_is_no_reference(text: str) -> None:
    events = kinds_of(classify("Grocers meet", text, NORTHWIND, BASKETLY))
    assert ("basketly", "layoffs") not in events


def test_the_former_before_an_irregular_verb_is_a_reference() -> None:
    text = "Basketly met Northwind on Monday, and the former cut 200 jobs."
    events = kinds_of(classify("Grocers meet", text, NORTHWIND, BASKETLY))
    assert {c for c, k in events if k == "layoffs"} == {"basketly"}
