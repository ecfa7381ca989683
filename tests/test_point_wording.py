"""Two points of one kind that name no thing do not ask the user the same sentence twice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tidings.intel.points import rank_points
from tidings.intel.records import Development

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def _launch(n: int, title: str) -> Development:
    return Development(
        company="typepad", company_name="Typepad", kind="launch", sensitive=False, title=title,
        url=f"https://typepad.example/{n}", source="Typepad blog",
        published=NOW - timedelta(days=n), evidence=title, story_id=f"s{n}", tone="good",
    )


def _lines(points: list) -> list[str]:
    return [p.text.rsplit("\u201c", 1)[-1] for p in points]


def test_generic_launches_get_different_questions() -> None:
    # Titles whose object cannot be retold, so every line falls back to "the launch".
    devs = [_launch(n, f"Some news from the team, part {n}") for n in range(1, 5)]
    lines = _lines(rank_points(devs, [], "Typepad", NOW, limit=4))
    assert len(lines) == 4
    assert "the launch came together" in lines[0]  # the usual wording comes first
    assert len(set(lines[:3])) == 3  # three wordings of a launch, then they may repeat


def test_a_named_thing_keeps_the_usual_wording() -> None:
    devs = [_launch(1, "Typepad launches Harbor, a routing API"), _launch(2, "Typepad launches Quay")]
    lines = _lines(rank_points(devs, [], "Typepad", NOW, limit=2))
    assert all("came together" in line for line in lines)
    assert lines[0] != lines[1]
