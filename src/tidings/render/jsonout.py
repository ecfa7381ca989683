"""Briefs as JSON, following docs/brief-schema.json (bump SCHEMA_VERSION when it changes)."""

from __future__ import annotations

import json
from typing import Any

from tidings.intel.records import (
    Brief,
    CareItem,
    CompetitorSummary,
    Development,
    SourceSummary,
    TalkingPoint,
)
from tidings.render.common import brief_warnings, iso_z, safe_url

SCHEMA_VERSION = "1.0"


def _four_figures(score: float) -> float:
    # Four significant figures, not four places: a story some 200 days old scores below
    # 0.00005, and four places made every such score 0.0, so scripts sorting on it saw ties.
    return float(f"{score:.4g}")


def point_to_dict(point: TalkingPoint) -> dict[str, Any]:
    return {
        "text": point.text,
        "why": point.why,
        "kind": point.kind,
        "company": point.company,
        "company_name": point.company_name,
        "title": point.title,
        "url": point.url,
        "url_is_safe": safe_url(point.url) is not None,
        "source": point.source,
        "published": iso_z(point.published),
        "published_is_estimate": point.published_is_estimate,
        "score": _four_figures(point.score),
        "evidence": point.evidence,
        "coverage": point.coverage,
        "about_competitor": point.about_competitor,
        "background": point.background,
        "matches": list(point.matches),
        "matched_in": point.matched_in or None,
    }


def development_to_dict(dev: Development) -> dict[str, Any]:
    return {
        "company": dev.company,
        "company_name": dev.company_name,
        "kind": dev.kind,
        "sensitive": dev.sensitive,
        "tone": dev.tone,
        "title": dev.title,
        "url": dev.url,
        "url_is_safe": safe_url(dev.url) is not None,
        "source": dev.source,
        "published": iso_z(dev.published),
        "published_is_estimate": dev.published_is_estimate,
        "evidence": dev.evidence,
        "coverage": dev.coverage,
        "amount": dev.amount,
        "round": dev.round,
        "counterparty": dev.counterparty,
        "story_id": dev.story_id,
        "article_id": dev.article_id,
        "in_title": dev.in_title,
    }


def care_to_dict(item: CareItem) -> dict[str, Any]:
    return {
        "company": item.company,
        "company_name": item.company_name,
        "kind": item.kind,
        "title": item.title,
        "url": item.url,
        "url_is_safe": safe_url(item.url) is not None,
        "source": item.source,
        "published": iso_z(item.published),
        "note": item.note,
    }


def competitor_to_dict(comp: CompetitorSummary) -> dict[str, Any]:
    return {
        "company": comp.slug,
        "name": comp.name,
        "mentions": comp.mentions,
        "share_of_voice": round(comp.share_of_voice, 4),
        "top_stories": [development_to_dict(d) for d in comp.top_stories],
    }


def source_to_dict(source: SourceSummary) -> dict[str, Any]:
    return {
        "url": source.url,
        "name": source.name,
        "kind": source.kind,
        "health": source.health,
        "last_success": iso_z(source.last_success),
        "articles": source.articles,
        "last_error": source.last_error,
    }


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    """The brief as plain JSON-ready data: dates as ISO 8601 UTC strings ending in "Z"."""
    return {
        "schema_version": SCHEMA_VERSION,
        "company": brief.company,
        "company_name": brief.company_name,
        "role": brief.role,
        "generated_at": iso_z(brief.generated_at),
        "window": {
            "days": brief.window_days,
            "since": iso_z(brief.since),
            "until": iso_z(brief.generated_at),
        },
        "articles": brief.articles,
        "last_fetched": iso_z(brief.last_fetched),
        "warnings": brief_warnings(brief),
        "talking_points": [point_to_dict(p) for p in brief.talking_points],
        "developments": [development_to_dict(d) for d in brief.developments],
        "competitors": [competitor_to_dict(c) for c in brief.competitors],
        "handle_with_care": [care_to_dict(c) for c in brief.handle_with_care],
        "background": [point_to_dict(p) for p in brief.background],
        "sources": [source_to_dict(s) for s in brief.sources],
        "interview": (
            None
            if brief.interview is None
            else {
                "id": brief.interview.interview_id,
                "role": brief.interview.role,
                "notes": brief.interview.notes,
            }
        ),
    }


def dumps(data: Any) -> str:
    """Stable, readable JSON (non-ASCII kept as is) with a trailing newline."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render_json(brief: Brief) -> str:
    """The brief as a JSON document that validates against docs/brief-schema.json."""
    return dumps(brief_to_dict(brief))
