"""A roundup's or a how-to's body gives no development from one of its lines: a roundup's gives
only its subject's (named in the headline, its own source's company, or named in most of its
paragraphs), a how-to's none. The headline is read as in any article."""

from __future__ import annotations

import pytest

from tidings.analysis.articleform import HOWTO, ROUNDUP, article_form, subjects
from tidings.analysis.events import Event, classify_events
from tidings.analysis.mentions import MentionMatcher
from tidings.models import Company

NORTHWIND = Company(slug="northwind", name="Northwind Foods", aliases=("Northwind",))
BASKETLY = Company(slug="basketly", name="Basketly")
PAGEWRIGHT = Company(slug="pagewright", name="Pagewright")


def classify(title: str, text: str, *companies: Company, first_person: str | None = None) -> list[Event]:
    tracked = {c.slug: c for c in companies}
    mentions = MentionMatcher(list(companies)).find(title, text)
    return classify_events(title, text, mentions, tracked, first_person=first_person)


def kinds_of(events: list[Event]) -> set[tuple[str, str]]:
    return {(e.company, e.kind) for e in events}


@pytest.mark.parametrize(
    ("title", "form"),
    [
        ("Week in Review–Nov 5th, 2017", ROUNDUP),
        ("Reading list - Wednesday, January 7, 2009", ROUNDUP),
        ("Grocery Links - Tuesday, March 3, 2015", ROUNDUP),
        ("Sam's Week In Review: July 24, 2016", ROUNDUP),
        ("The Friday Roundup: five stories on retail", ROUNDUP),
        ("This Week in Groceries", ROUNDUP),
        ("Pagewright 101: Add a Banner to Your Home Page", HOWTO),
        ("How to Bake Sourdough at Home", HOWTO),
        ("Here's how to move your blog", HOWTO),
        ("A Beginner's Guide To Meal Planning", HOWTO),
        ("Northwind buys Basketly", None),
        ("Northwind links loyalty cards with Basketly", None),
        ("Link: Northwind's new jam", None),
        ("Northwind to hold its product event on March 21", None),
        ("Basketly review: fast, cheap, and a little clumsy", None),
        ("", None),
    ],
)
def test_the_headline_says_the_form(title: str, form: str | None) -> None:
    assert article_form(title) == form


def test_a_roundup_line_gives_the_company_it_names_no_development() -> None:
    title = "Reading list - Wednesday, January 7, 2009"
    text = (
        "Here are a few things that landed in my inbox this week.\n"
        "A grocery webcast teaches how to build a store page\n"
        "and launch it on Basketly.\n"
        "A recipe site I like moved to a new domain.\n"
        "My neighbour's bakery now sells bread online."
    )
    assert ("basketly", "launch") not in kinds_of(classify(title, text, BASKETLY, NORTHWIND))
    # the same line in an ordinary article is read as it always was
    assert ("basketly", "launch") in kinds_of(classify("Grocery notes", text, BASKETLY, NORTHWIND))


def test_a_roundup_keeps_its_subjects_developments() -> None:
    text = (
        "Plenty of Northwind news for the week ending July 24:\n"
        "Northwind launched a new delivery app for its stores.\n"
        "Northwind also said its results call is on Tuesday."
    )
    # named in every paragraph: the weekly review is about Northwind
    events = kinds_of(classify("Sam's Week In Review: July 24, 2016", text, NORTHWIND, BASKETLY))
    assert ("northwind", "launch") in events
    # named in the headline
    lines = "A quiet week.\nNorthwind launched a new delivery app.\nBasketly hired a chef.\nRain again."
    assert ("northwind", "launch") in kinds_of(classify("Northwind Links - May 4", lines, NORTHWIND))


def test_a_roundup_on_its_companys_own_source_keeps_its_developments() -> None:
    text = (
        "Three things from the Northwind team this week.\nWe launched a new delivery app.\n"
        "A recipe contest.\nA poll."
    )
    events = kinds_of(classify("Weekly notes - May 4, 2020", text, NORTHWIND, first_person="northwind"))
    assert ("northwind", "launch") in events


def test_a_how_to_body_gives_no_development() -> None:
    title = "Pagewright 101: Add a Banner to Your Home Page"
    text = (
        "Welcome to Pagewright 101! Whether you want to add some new features to your page's design "
        "or simply make it clearer, Pagewright 101 has you covered. First, open the Design tab."
    )
    assert kinds_of(classify(title, text, PAGEWRIGHT)) == set()
    assert kinds_of(classify(title, text, PAGEWRIGHT, first_person="pagewright")) == set()
    # the same lead under a news headline still reads as a launch
    assert ("pagewright", "launch") in kinds_of(classify("Pagewright's spring update", text, PAGEWRIGHT))


def test_a_how_to_headline_is_still_read() -> None:
    events = kinds_of(classify("How to try Northwind's new app, launched today", "", NORTHWIND))
    assert ("northwind", "launch") in events


def test_subjects_of_an_ordinary_article_are_anyone() -> None:
    assert subjects(None, [], None, ["a"], lambda p: set()) is None
    assert subjects(HOWTO, ["northwind"], "northwind", ["a"], lambda p: {"northwind"}) == frozenset()
    named = {"one": {"a"}, "two": {"a", "b"}, "three": set(), "four": {"a"}}
    assert subjects(ROUNDUP, [], None, ["one", "two", "", "three", "four"], named.__getitem__) == {"a"}
