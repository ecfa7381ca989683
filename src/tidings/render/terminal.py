"""Briefs and talking points as plain text for a terminal: no markup, wrapped, URLs in full."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from datetime import datetime

from tidings.intel.records import Brief, Development, TalkingPoint
from tidings.render.common import (
    background_heading,
    brief_warnings,
    day,
    empty_message,
    group_by_kind,
    header_line,
    kind_label,
    moment,
    percent,
    safe_url,
    source_bits,
)

WIDTH = 88


def _clean(text: str) -> str:
    # Control characters from a feed could move the cursor or recolour the terminal.
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def _wrap(text: str, indent: str = "", first: str | None = None) -> list[str]:
    return textwrap.wrap(
        _clean(text),
        width=WIDTH,
        initial_indent=first if first is not None else indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [first or indent]


def _url(url: str) -> str:
    # An unsafe URL is still shown (the user may want to know), but marked so no one follows it.
    return _clean(url) if safe_url(url) else f"(not a web link: {_clean(url)[:60]})"


def _where(source: str, published: datetime | None, coverage: int = 1) -> str:
    return source_bits(source, published, coverage, _clean)


def point_text(point: TalkingPoint, number: int | None = None) -> list[str]:
    lead = f"{number}. " if number is not None else "- "
    pad = " " * len(lead)
    lines = _wrap(point.text, pad, lead)
    lines += _wrap(f"Why: {point.why}", pad)
    lines += _wrap(f"Source: {_where(point.source, point.published, point.coverage)}", pad)
    lines.append(pad + _url(point.url))
    return lines


def render_points_text(points: Sequence[TalkingPoint]) -> str:
    """Talking points as numbered plain text, each with why, title, source, date and link."""
    if not points:
        return "No talking points: nothing recent and sourced to suggest.\n"
    out: list[str] = []
    for i, point in enumerate(points, 1):
        out += point_text(point, i)
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _development(dev: Development) -> list[str]:
    mark = " [handle with care]" if dev.handle_with_care else ""
    when = f"about {day(dev.published)}" if dev.published_is_estimate else day(dev.published)
    lines = _wrap(f"{when}  {dev.title}{mark}", "    ", "  - ")
    lines += _wrap(_where(dev.source, None, dev.coverage), "    ")
    lines.append("    " + _url(dev.url))
    return lines


def _heading(title: str) -> list[str]:
    return ["", title, "-" * len(title)]


def render_text(brief: Brief) -> str:
    """The brief as plain text, sections in the same order as the Markdown and HTML briefs."""
    title = f"{_clean(brief.company_name)}: company brief"
    out = [title, "=" * len(title)]
    out += _wrap(header_line(brief))
    out.append(f"Role: {brief.role} · generated {moment(brief.generated_at)}")
    if brief.interview is not None:
        iv = brief.interview
        what = (f": {iv.role}" if iv.role else "") + (f" ({iv.notes})" if iv.notes else "")
        out += _wrap(f"Ranked for your interview{what}")
    for warning in brief_warnings(brief):
        out += _wrap(f"WARNING: {warning}", "  ")

    out += _heading("Talking points")
    if brief.talking_points:
        for i, point in enumerate(brief.talking_points, 1):
            out += point_text(point, i)
    else:
        out += _wrap(empty_message(brief, "talking_points"))

    out += _heading("Recent developments")
    if brief.developments:
        for kind, devs in group_by_kind(brief.developments):
            out.append(f"{kind_label(kind)}:")
            for dev in devs:
                out += _development(dev)
    else:
        out += _wrap(empty_message(brief, "developments"))

    out += _heading("Competitors")
    if brief.competitors:
        for comp in brief.competitors:
            out.append(
                f"{_clean(comp.name)}: {comp.mentions} articles, "
                f"{percent(comp.share_of_voice)} share of voice"
            )
            for dev in comp.top_stories:
                out += _development(dev)
    else:
        out += _wrap(empty_message(brief, "competitors"))

    out += _heading("Handle with care")
    if brief.handle_with_care:
        for item in brief.handle_with_care:
            out += _wrap(f"{kind_label(item.kind, plural=False)}: {item.title}", "    ", "  - ")
            out += _wrap(_where(item.source, item.published), "    ")
            out += _wrap(item.note, "    ")
            out.append("    " + _url(item.url))
    else:
        out += _wrap(empty_message(brief, "handle_with_care"))

    out += _heading(background_heading(brief))
    if brief.background:
        for point in brief.background:
            out += point_text(point)
    else:
        out += _wrap(empty_message(brief, "background"))

    out += _heading("Sources")
    if brief.sources:
        for s in brief.sources:
            last = day(s.last_success) if s.last_success else "never"
            out += _wrap(
                f"{s.name} ({s.kind}, {s.health}, last success {last}, {s.articles} articles)",
                "    ",
                "  - ",
            )
            out.append("    " + _url(s.url))
    else:
        out += _wrap(empty_message(brief, "sources"))
    return "\n".join(out).rstrip() + "\n"
