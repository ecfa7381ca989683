"""A follow-up does not retell the story an earlier one quoted: `interview sent` records the
stories its draft quoted, and a later draft for that interview prefers others (unit level; the
real CLI is in test_quoted_stories_e2e.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from tidings.intel.drafts import already_quoted, compose_draft
from tidings.intel.followup import CHECK_IN
from tidings.intel.records import SentFollowUp, TalkingPoint
from tidings.store.connection import connect
from tidings.store.interviews import (
    add_interview,
    record_references,
    record_sent,
    referenced,
    remove_interview,
)

TODAY = date(2026, 3, 10)


def _point(n: int, kind: str, title: str, score: float) -> TalkingPoint:
    return TalkingPoint(
        text=title, why="", kind=kind, company="northwind", company_name="Northwind", title=title,
        url=f"https://news.example/{n}", source="News", score=score,
        published=datetime(2026, 3, 1, tzinfo=UTC) + timedelta(days=n), story=f"story-{n}",
    )


HARBOR = _point(1, "launch", "Northwind launches Harbor, a fleet-routing API", 0.9)
FUNDING = _point(2, "funding", "Northwind raises $40 million in Series C funding", 0.8)
CHECKIN = (CHECK_IN, "Thank-you sent on 3 March.")


def _check_in(points: tuple[TalkingPoint, ...], quoted: frozenset[str]):  # type: ignore[no-untyped-def]
    return compose_draft("Northwind", points, to="Dana Lee", role="Data Engineer",
                         interviewed=TODAY - timedelta(days=10), today=TODAY, follow_up=CHECKIN,
                         quoted=quoted)


def test_a_check_in_quotes_a_story_the_thank_you_did_not() -> None:
    assert _check_in((HARBOR, FUNDING), frozenset()).points == (HARBOR,)
    later = _check_in((HARBOR, FUNDING), frozenset({HARBOR.story, HARBOR.url}))
    assert later.points == (FUNDING,) and later.repeats is False
    assert "Series C" in later.body and "Harbor" not in later.body
    assert "earlier follow-up" not in later.reason


def test_only_quoted_stories_left_one_is_used_again_and_said() -> None:
    later = _check_in((HARBOR,), frozenset({HARBOR.story}))
    assert later.points == (HARBOR,) and later.repeats is True
    assert "already in an earlier follow-up" in later.reason and "Harbor" in later.reason
    # With nothing usable at all, there is nothing repeated to speak of.
    empty = _check_in((), frozenset({HARBOR.story}))
    assert empty.points == () and empty.repeats is False


def test_a_thank_you_keeps_the_fresh_point_alone_rather_than_repeat() -> None:
    draft = compose_draft("Northwind", (HARBOR, FUNDING), to=None, role=None,
                          interviewed=TODAY - timedelta(days=1), today=TODAY,
                          quoted=frozenset({HARBOR.url}))
    assert draft.points == (FUNDING,) and draft.repeats is False


def test_the_link_matches_when_the_story_was_regrouped() -> None:
    # `reanalyze` may give a story a new id; the quoted link still names it.
    moved = TalkingPoint(**{**HARBOR.__dict__, "story": "story-99"})
    assert already_quoted(moved, frozenset({"story-1", HARBOR.url}))
    assert not already_quoted(FUNDING, frozenset({"story-1", HARBOR.url}))
    assert not already_quoted(TalkingPoint(**{**FUNDING.__dict__, "story": ""}), frozenset({""}))


def test_store_records_and_forgets_references(tmp_path: Path) -> None:
    with connect(tmp_path / "t.duckdb") as con:
        first = add_interview(con, company="northwind", company_name="Northwind", on=TODAY,
                              with_name=None, role=None, notes=None, timeline_days=7)
        other = add_interview(con, company="northwind", company_name="Northwind", on=TODAY,
                              with_name=None, role=None, notes=None, timeline_days=7)
        sent: SentFollowUp = record_sent(con, first.id, kind="thank-you", channel="email", on=TODAY)
        record_references(con, sent, [HARBOR, FUNDING])
        record_references(con, sent, [])
        assert referenced(con, first.id) == {HARBOR.story, HARBOR.url, FUNDING.story, FUNDING.url}
        assert referenced(con, other.id) == frozenset()
        assert remove_interview(con, first.id)
        assert referenced(con, first.id) == frozenset()
