"""Follow-up drafts: structure, length, woven points, and never a sensitive story."""

from __future__ import annotations

import importlib.util
import itertools
import json
import os
import re
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tidings.intel.drafts import compose_draft, point_sentence, render_draft, word_count

GOLDEN = Path(__file__).resolve().parent / "golden"


def _load_records() -> Any:
    spec = importlib.util.spec_from_file_location("golden_records", GOLDEN / "records.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


records = _load_records()
TODAY = records.TODAY
YESTERDAY = TODAY - timedelta(days=1)


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("TIDINGS_UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"missing {path}: run with TIDINGS_UPDATE_GOLDEN=1 to create it"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from the golden file"


def draft(**kwargs: Any) -> Any:
    args: dict[str, Any] = {
        "to": "Dana Whitfield",
        "role": "Platform Engineer",
        "interviewed": YESTERDAY,
        "today": TODAY,
    }
    args.update(kwargs)
    points = args.pop("points", records.POINTS)
    return compose_draft("Northwind Robotics", points, **args)


@pytest.mark.parametrize("fmt", ["text", "md", "json"])
def test_draft_golden(fmt: str) -> None:
    ext = {"text": "txt", "md": "md", "json": "json"}[fmt]
    check_golden(f"draft.{ext}", render_draft(draft(), fmt))
    check_golden(f"draft-check-in.{ext}", render_draft(draft(interviewed=TODAY - timedelta(10)), fmt))


@pytest.mark.parametrize("channel", ["email", "linkedin", "call"])
@pytest.mark.parametrize("fmt", ["text", "md", "json"])
def test_channel_golden(channel: str, fmt: str) -> None:
    """Each channel, with the interview's notes, in each format."""
    ext = {"text": "txt", "md": "md", "json": "json"}[fmt]
    notes = records.INTERVIEW.notes
    check_golden(f"draft-{channel}-notes.{ext}", render_draft(draft(channel=channel, notes=notes), fmt))
    ahead = draft(channel=channel, interviewed=TODAY + timedelta(days=2))
    check_golden(f"draft-{channel}-ahead.{ext}", render_draft(ahead, fmt))
    check_in = draft(channel=channel, notes=notes, interviewed=TODAY - timedelta(days=10))
    check_golden(f"draft-{channel}-check-in.{ext}", render_draft(check_in, fmt))


def test_thank_you_structure() -> None:
    d = draft()
    assert d.kind == "thank-you"
    assert d.subject == "Thank you: Platform Engineer interview"
    assert d.body.startswith("Dear Dana Whitfield,\n")
    assert "[[mention one thing you discussed]]" in d.body
    assert "Platform Engineer role" in d.body
    assert "timeline" in d.body
    assert d.body.rstrip().endswith("[[your name]]")
    assert word_count(d.body) <= 150


def test_points_woven_not_pasted() -> None:
    d = draft()
    assert len(d.points) == 2
    assert "launched Harbor" in d.body  # the headline retold in the past tense, not pasted
    assert "http" not in d.body and "](" not in d.body
    assert "Northwind Robotics' news" in d.body  # possessive of a name ending in s
    text = render_draft(d, "text")
    email, sources = text.split("Sources (for you, not the message):")
    assert records.POINTS[0].url in sources and records.POINTS[0].url not in email


def test_hello_without_recipient_and_no_role() -> None:
    d = draft(to=None, role=None)
    assert d.body.startswith("Hello,\n")
    assert "Northwind Robotics" in d.subject
    assert "the role" in d.body


def test_no_points_no_invented_news() -> None:
    d = draft(points=())
    assert d.points == ()
    assert "news" not in d.body.lower() and "read about" not in d.body.lower()
    assert "[[mention one thing you discussed]]" in d.body
    assert "timeline" in d.body


SENSITIVE = ("layoffs", "legal", "security")


@pytest.mark.parametrize("kind", SENSITIVE)
def test_sensitive_points_never_reach_a_draft(kind: str) -> None:
    bad = replace(
        records.POINTS[0],
        kind=kind,
        text="I saw the news about the restructuring and the lawsuit.",
        title="Northwind Robotics hit by lawsuit",
        url="https://robowire.example/bad",
        score=9.9,  # ranked first on purpose
    )
    for interviewed in (YESTERDAY, TODAY - timedelta(days=10), None):
        d = draft(points=(bad, *records.POINTS), interviewed=interviewed)
        assert bad not in d.points
        assert all(p.kind not in SENSITIVE for p in d.points)
        for fmt in ("text", "md", "json"):
            out = render_draft(d, fmt)
            assert "lawsuit" not in out and "restructuring" not in out
            assert "robowire.example/bad" not in out


def test_sensitive_kind_is_case_insensitive() -> None:
    bad = replace(records.POINTS[0], kind="Layoffs", text="Sorry to hear about the layoffs.")
    assert "layoffs" not in draft(points=(bad,)).body


def test_background_points_are_not_presented_as_news() -> None:
    d = draft(points=records.BACKGROUND)
    assert d.points == () and "Rotterdam" not in d.body


def test_no_competitor_in_a_thank_you_unless_asked() -> None:
    for channel in ("email", "linkedin", "call"):
        d = draft(points=records.POINTS, channel=channel, n_points=3)
        assert all(not p.about_competitor for p in d.points)
        assert "Kestrova" not in d.body and "Brightlane" not in d.body


def test_competitor_point_is_a_question_about_own_plans() -> None:
    comp = records.POINTS[2]
    d = draft(points=records.POINTS, allow_competitor=True)
    assert d.points == (records.POINTS[0], comp)  # one own point, then the one competitor
    assert "Kestrova Automation" in d.body
    assert "how Northwind Robotics is approaching its own partnerships" in d.body
    assert comp.text not in d.body  # the point's own wording is replaced by ours
    assert "edge there" not in d.body
    two = replace(comp, url="https://kestrova.example/press/other", title="Kestrova Automation raises $9M")
    d = draft(points=(comp, two, *records.POINTS[:2]), allow_competitor=True)
    assert sum(p.about_competitor for p in d.points) == 1


def test_check_in_is_shorter_and_asks_for_status() -> None:
    thanks = draft()
    check = draft(interviewed=TODAY - timedelta(days=9))
    assert check.kind == "check-in"
    assert "status" in check.body
    assert len(check.points) <= 1
    assert word_count(check.body) < word_count(thanks.body)
    assert check.subject == "Following up on the Platform Engineer role"


def test_long_points_are_dropped_to_stay_short() -> None:
    long_text = " ".join(["The Harbor launch covered many things in depth"] * 6) + "."
    wordy = tuple(replace(p, text=long_text[:300] + ".") for p in records.POINTS[:2])
    d = draft(points=wordy)
    assert word_count(d.body) <= 150


def test_unsafe_link_points_are_skipped() -> None:
    bad = replace(records.POINTS[0], url="javascript:alert(1)", score=5.0)
    d = draft(points=(bad,))
    assert d.points == ()


def test_json_draft() -> None:
    data = json.loads(render_draft(draft(), "json"))
    assert data["kind"] == "thank-you"
    assert data["words"] <= 150
    assert [p["url"] for p in data["points"]] == [p.url for p in records.POINTS[:2]]


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown draft format"):
        render_draft(draft(), "pdf")


def sentences(body: str) -> list[str]:
    text = " ".join(line for line in body.splitlines() if line and not line.startswith(("Dear", "Hello")))
    return [s.strip() for s in re.split(r"(?<=[.?!])\s+", text) if s.strip()]


def test_notes_go_into_the_thanks_line() -> None:
    d = draft(notes="streaming pipeline, Flink, customer-facing analytics")
    assert ("I especially enjoyed our conversation about the streaming pipeline, Flink and "
            "customer-facing analytics.") in d.body
    assert "[[mention one thing you discussed]]" not in d.body
    assert draft(notes="  ").body.count("[[mention one thing you discussed]]") == 1


def test_no_two_sentences_share_a_frame() -> None:
    cases = itertools.product((1, 2, 3), (None, "fleet routing"), ("email", "linkedin"), (1, 10))
    for n_points, notes, channel, days_ago in cases:
        body = draft(n_points=n_points, notes=notes, channel=channel,
                     interviewed=TODAY - timedelta(days=days_ago)).body
        openers = [" ".join(s.split()[:3]).lower() for s in sentences(body)]
        assert len(openers) == len(set(openers)), openers
        enjoyed = [s for s in sentences(body) if "enjoy" in s.lower()]
        assert len(enjoyed) <= 1, enjoyed


def test_two_launches_name_their_own_products() -> None:
    other = replace(records.POINTS[0], title="Northwind Robotics launches Quay, a dock scheduler",
                    url="https://northwind-robotics.example/news/quay", thing="Quay", score=0.9)
    d = draft(points=(records.POINTS[0], other))
    assert "Harbor" in d.body and "Quay" in d.body
    first, second = (point_sentence(p, "Northwind Robotics", i) for i, p in enumerate(d.points))
    assert first.split(";")[1] != second.split(";")[1].replace("Quay", "Harbor")


def test_no_line_refers_to_nothing() -> None:
    for channel in ("email", "linkedin", "call"):
        body = draft(channel=channel, allow_competitor=True).body
        assert "edge there" not in body and "about it." not in body


@pytest.mark.parametrize("tone", ["good", "neutral"])
def test_results_line_follows_their_direction(tone: str) -> None:
    results = replace(
        records.POINTS[0], kind="earnings", tone=tone, thing="$12 million",
        title="Northwind Robotics reports third-quarter results", url="https://robowire.example/q3",
    )
    body = draft(points=(results,)).body
    if tone == "good":
        assert "Congratulations on the strong results ($12 million)" in body
    else:
        assert "Congratulations" not in body and "driving" not in body and "growth" not in body
        assert "latest results ($12 million)" in body


def test_bad_tone_never_reaches_a_draft() -> None:
    bad = replace(records.POINTS[0], tone="bad", title="Northwind Robotics recalls Harbor units",
                  url="https://robowire.example/recall", score=9.9)
    for channel in ("email", "linkedin", "call"):
        d = draft(points=(bad, records.POINTS[1]), channel=channel)
        assert bad not in d.points and "recall" not in d.body.lower()


def test_linkedin_fits_and_has_no_link() -> None:
    long_notes = "the fleet routing roadmap for mid-size carriers, Harbor beta feedback loops, on-call"
    for notes in (None, "fleet routing", long_notes):
        d = draft(channel="linkedin", notes=notes, to="Dana Whitfield-Montgomery")
        assert len(d.body) <= 300
        assert "http" not in d.body and "Hi Dana," in d.body
        assert "Northwind Robotics" in d.body
        assert d.parts["point"], "one specific point"
        assert len(d.points) == 1


def test_call_script_has_its_parts() -> None:
    d = draft(channel="call", notes="fleet routing")
    assert d.subject and d.channel == "call"
    assert d.body.startswith("Opening: Hi Dana, this is [[your name]].")
    assert 2 <= len(d.parts["key_points"]) <= 3  # type: ignore[arg-type]
    assert "timeline" in str(d.parts["question"])
    assert "Closing:" in d.body
    check_in = draft(channel="call", interviewed=TODAY - timedelta(days=10))
    assert "following up" in check_in.body and "update" in str(check_in.parts["question"])


def test_drafted_ahead_says_so() -> None:
    d = draft(interviewed=TODAY + timedelta(days=3))
    assert d.drafted_ahead and d.kind == "thank-you"
    assert "Drafted ahead" in d.reason and "17 Nov 2024" in d.reason
    assert json.loads(render_draft(d, "json"))["drafted_ahead"] is True
    assert render_draft(d, "text").startswith("DRAFTED AHEAD: send it only after the interview.")
    assert "DRAFTED AHEAD" in render_draft(d, "md").splitlines()[0]
    assert not draft().drafted_ahead


def test_json_carries_channel_and_parts() -> None:
    for channel in ("email", "linkedin", "call"):
        data = json.loads(render_draft(draft(channel=channel), "json"))
        assert data["channel"] == channel and isinstance(data["parts"], dict)
        assert (data["subject"] is None) == (channel != "email")


def test_unknown_channel() -> None:
    with pytest.raises(ValueError, match="unknown channel"):
        draft(channel="fax")


KINDS = ("launch", "funding", "partnership", "acquisition", "award", "expansion", "leadership",
         "earnings", "milestone", "post")


def test_no_pair_of_kinds_shares_a_frame() -> None:
    """Whichever two kinds a draft weaves in, their sentences and remarks start differently."""
    base = records.POINTS[0]
    for first, second in itertools.product(KINDS, KINDS):
        a = replace(base, kind=first, thing="Harbor")
        b = replace(base, kind=second, thing="Quay", title="Northwind Robotics opens Quay depot")
        one, two = point_sentence(a, "Northwind Robotics", 0), point_sentence(b, "Northwind Robotics", 1)
        assert one.split()[:3] != two.split()[:3], (first, second)
        rest_one, rest_two = one.partition("; ")[2], two.partition("; ")[2]
        if rest_one and rest_two:
            assert rest_one.split()[:3] != rest_two.split()[:3], (first, second, rest_one, rest_two)


@pytest.mark.parametrize(("notes", "expected"), [
    ("streaming pipeline, Flink, customer-facing analytics",
     "the streaming pipeline, Flink and customer-facing analytics"),
    ("We talked about how they migrated their warehouse from Redshift to Snowflake and the on-call rotation.",
     "how they migrated their warehouse from Redshift to Snowflake and the on-call rotation"),
    ("talked with Dana about fleet routing; Harbor beta", "fleet routing and Harbor beta"),
])
def test_notes_read_as_topics(notes: str, expected: str) -> None:
    from tidings.intel.drafts import topics_phrase

    assert topics_phrase(notes) == expected


def test_linkedin_greets_by_first_name_or_title() -> None:
    assert draft(channel="linkedin", to="Dr. Ana Ruiz").body.startswith("Hi Dr. Ruiz,")
    assert draft(channel="linkedin", to=None).body.startswith("Hi,")
