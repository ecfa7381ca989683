"""Layoffs told as hiring slowed, paused or frozen, or with a bare verb ("to axe", "lay off
thousands"), and headlines that are only a person's name and job title (a podcast episode, a staff
profile), which report no development. The sentences are the team's own."""

from __future__ import annotations

import pytest

from tidings.analysis.events import classify_events, is_name_and_title
from tidings.analysis.mentions import Mention
from tidings.models import Company

FERNWAY = Company("fernway", "Fernway")


def kinds(title: str, body: str = "", own: bool = False) -> list[tuple[str, bool]]:
    events = classify_events(
        title, body, [Mention("fernway", False, 0, title)], {"fernway": FERNWAY},
        first_person="fernway" if own else None,
    )
    return [(e.kind, e.sensitive) for e in events]


@pytest.mark.parametrize("title", [
    "Fernway plans to slow hiring for the rest of the year",
    "Fernway is pausing hiring in its marketing teams",
    "Fernway hits the brakes on hiring as orders dry up",
    "Fernway pulls back hiring across Europe",
    "Fernway eases up on hiring after a weak spring",
    "Fernway announces a hiring freeze for all offices",
    "Fernway to axe 450 employees in its logistics unit",
    "Fernway to slash 15% of jobs",
    "Fernway is reducing its workforce by a tenth",
    "Fernway set to lay off thousands",
    "Fernway said to be weighing hundreds of jobs cuts",
])
def test_layoffs_wording(title: str) -> None:
    assert kinds(title)[:1] == [("layoffs", True)]


@pytest.mark.parametrize("title", [
    "Fernway is hiring 60 engineers in Porto",
    "Fernway plans to hire 200 staff next year",
    "Fernway wants to slash workers' out-of-pocket medical costs",
])
def test_growth_and_costs_are_not_layoffs(title: str) -> None:
    assert "layoffs" not in {kind for kind, _ in kinds(title)}


@pytest.mark.parametrize("title", [
    "Ingrid Solberg, Support Engineer",
    "Marcus Obi, Head of Customer Success",
    "Leona Farr-Whitby, Product Designer",
    "Tom O'Hara, Community Manager.",
    # the kinds model alone read these two as leadership and launch
    "Tomas Brandt, Community Manager",
    "Priya Raman, Product Designer",
])
def test_name_and_title_alone_is_no_development(title: str) -> None:
    assert is_name_and_title(title)
    assert kinds(title, "In this episode we talk about the work.", own=True) == []


@pytest.mark.parametrize("title", [
    "Ingrid Solberg, New CFO",  # "new" says she was appointed
    "Fernway names Ingrid Solberg chief operating officer",
    "Garden Centre Opening, Leeds",  # no role: not a person's name and title
    "Fernway, Quillmere",
    "Ingrid Solberg, Support Engineer, joins Fernway",
])
def test_other_headlines_are_not_name_and_title(title: str) -> None:
    assert not is_name_and_title(title)


def test_an_appointment_still_counts() -> None:
    assert kinds("Fernway names Ingrid Solberg chief operating officer")[:1] == [("leadership", False)]
