"""Tone: bad news of any kind is handle-with-care, never a talking point."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tidings.intel.points import care_items, rank_points
from tidings.intel.records import Development
from tidings.render.jsonout import development_to_dict

NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)


def _dev(kind: str, tone: str, title: str, *, sensitive: bool = False) -> Development:
    return Development(
        company="acme", company_name="Acme", kind=kind, sensitive=sensitive, title=title,
        url=f"https://acme.example/{kind}-{tone}", source="Acme newsroom",
        published=NOW - timedelta(days=2), evidence=title, story_id=f"{kind}-{tone}", tone=tone,
    )


def test_bad_results_go_to_care_not_points() -> None:
    fell = _dev("earnings", "bad", "Acme's like-for-like sales fell 2%")
    launch = _dev("launch", "good", "Acme launches Harbor")
    points = rank_points([fell, launch], [], "Acme", NOW)
    assert [p.kind for p in points] == ["launch"]
    assert [c.title for c in care_items([fell, launch])] == ["Acme's like-for-like sales fell 2%"]


def test_sensitive_kind_is_bad_whatever_the_tone_says() -> None:
    layoffs = _dev("layoffs", "neutral", "Acme cuts 40 jobs", sensitive=True)
    assert layoffs.handle_with_care
    assert rank_points([layoffs], [], "Acme", NOW) == []


def test_json_carries_tone() -> None:
    assert development_to_dict(_dev("funding", "good", "Acme raises $40M"))["tone"] == "good"
