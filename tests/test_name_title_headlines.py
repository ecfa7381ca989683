"""Headlines that are only a person's name and job title (a podcast episode, a staff profile)
report no development; an appointment still does. The sentences are the team's own."""

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
