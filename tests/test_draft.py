"""Follow-up drafts: structure, length, woven points, and never a sensitive story."""

from __future__ import annotations

import importlib.util
import json
import os
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tidings.intel.drafts import compose_draft, render_draft, word_count

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
    email, sources = text.split("Sources (for you, not the email):")
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


def test_competitor_point_is_curiosity_not_criticism() -> None:
    comp = records.POINTS[2]
    d = draft(points=(comp,))
    assert d.points == (comp,)
    assert "Kestrova Automation" in d.body
    assert "how Northwind Robotics sees its own position" in d.body
    assert comp.text not in d.body  # the point's own wording is replaced by ours


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
