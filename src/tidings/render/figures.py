"""The brief's two figures: share of voice among the competitors, and a 60-day timeline of
developments by kind. Each is data first (for the Markdown tables and the HTML text tables
beside the charts), then inline SVG: no script, nothing loaded from outside, a <title> and
<desc> for screen readers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup, escape

from tidings.intel.records import Brief
from tidings.render.common import as_utc, group_by_kind, kind_label, percent

TIMELINE_DAYS = 60

# Okabe-Ito colours (distinguishable with the common colour-vision deficiencies); every row
# is labelled too, so colour is never the only cue.
KIND_COLOURS = {
    "launch": "#0072B2",
    "funding": "#009E73",
    "partnership": "#E69F00",
    "acquisition": "#CC79A7",
    "award": "#56B4E9",
    "expansion": "#D55E00",
    "leadership": "#8C7A00",
    "earnings": "#555555",
    "milestone": "#7F3C8D",
}
OTHER_COLOUR = "#888888"
TARGET_COLOUR = "#0b5cad"
RIVAL_COLOUR = "#8a94a6"


@dataclass(frozen=True)
class VoiceRow:
    name: str
    articles: int
    share: float
    is_target: bool


@dataclass(frozen=True)
class KindRow:
    kind: str
    label: str
    days: tuple[date, ...]  # one entry per development, newest first


def share_of_voice(brief: Brief) -> list[VoiceRow]:
    """The company and each competitor: articles in the window and their share of all of them."""
    if not brief.competitors:
        return []
    total = brief.articles + sum(c.mentions for c in brief.competitors)
    rows = [VoiceRow(brief.company_name, brief.articles, brief.articles / total if total else 0.0, True)]
    rows += [
        VoiceRow(c.name, c.mentions, c.mentions / total if total else 0.0, False) for c in brief.competitors
    ]
    return rows


def timeline_start(brief: Brief) -> date:
    return as_utc(brief.generated_at).date() - timedelta(days=TIMELINE_DAYS - 1)


def timeline(brief: Brief) -> list[KindRow]:
    """Developments of the last 60 days, one row per kind (in the brief's order of kinds)."""
    start = timeline_start(brief)
    recent = [d for d in brief.developments if as_utc(d.published).date() >= start]
    return [
        KindRow(kind, kind_label(kind), tuple(as_utc(d.published).date() for d in devs))
        for kind, devs in group_by_kind(recent)
    ]


def _short_day(value: date) -> str:
    return f"{value.day} {value:%b}"


def day_list(days: tuple[date, ...], limit: int = 6) -> str:
    shown = [_short_day(d) for d in days[:limit]]
    more = len(days) - limit
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def voice_svg(rows: list[VoiceRow]) -> Markup:
    """Horizontal bars, one per company, the company itself first and in the accent colour."""
    label_w, bar_w, row_h, top = 200, 240, 32, 8
    width, height = label_w + bar_w + 60, top * 2 + row_h * len(rows)
    desc = "; ".join(f"{r.name}: {r.articles} articles, {percent(r.share)}" for r in rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="figure" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" aria-labelledby="sov-title sov-desc">',
        "<title id=\"sov-title\">Share of voice among the competitors</title>",
        f'<desc id="sov-desc">{escape(desc)}</desc>',
    ]
    for i, row in enumerate(rows):
        y = top + i * row_h
        length = max(bar_w * row.share, 2.0)
        colour = TARGET_COLOUR if row.is_target else RIVAL_COLOUR
        weight = ' font-weight="700"' if row.is_target else ""
        name = row.name if len(row.name) <= 22 else row.name[:21] + "…"
        parts.append(
            f'<text x="{label_w - 8}" y="{y + row_h / 2 + 5}" text-anchor="end" font-size="15"'
            f'{weight} fill="#1d2330">{escape(name)}</text>'
        )
        parts.append(
            f'<rect x="{label_w}" y="{y + 6}" width="{_fmt(length)}" height="{row_h - 12}" rx="3" '
            f'fill="{colour}"/>'
        )
        parts.append(
            f'<text x="{_fmt(label_w + length + 6)}" y="{y + row_h / 2 + 5}" font-size="14" '
            f'fill="#5b6475">{percent(row.share)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def timeline_svg(brief: Brief, rows: list[KindRow]) -> Markup:
    """One row per kind, one dot per development on its day, over the last 60 days."""
    label_w, plot_w, row_h, top, axis_h = 105, 360, 30, 12, 32
    width = label_w + plot_w + 20
    height = top + row_h * max(len(rows), 1) + axis_h
    start = timeline_start(brief)
    step = plot_w / (TIMELINE_DAYS - 1)
    count = sum(len(r.days) for r in rows)
    if rows:
        desc = (
            f"{count} developments from {_short_day(start)} to {_short_day(start + timedelta(days=59))}: "
            + "; ".join(f"{r.label}: {len(r.days)} ({day_list(r.days, 3)})" for r in rows)
        )
    else:
        desc = "No developments in the last 60 days."
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="figure" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" aria-labelledby="tl-title tl-desc">',
        '<title id="tl-title">Developments in the last 60 days, by kind</title>',
        f'<desc id="tl-desc">{escape(desc)}</desc>',
    ]
    for i, row in enumerate(rows):
        y = top + i * row_h + row_h / 2
        colour = KIND_COLOURS.get(row.kind, OTHER_COLOUR)
        parts.append(
            f'<text x="{label_w - 10}" y="{_fmt(y + 5)}" text-anchor="end" font-size="15" '
            f'fill="#1d2330">{escape(row.label)}</text>'
        )
        parts.append(
            f'<line x1="{label_w}" y1="{_fmt(y)}" x2="{label_w + plot_w}" y2="{_fmt(y)}" '
            'stroke="#e3e6ec" stroke-width="1"/>'
        )
        stacked: dict[date, int] = {}
        for when in row.days:
            offset = stacked.get(when, 0)
            stacked[when] = offset + 1
            x = label_w + (when - start).days * step
            parts.append(
                f'<circle cx="{_fmt(x)}" cy="{_fmt(y - 7 * offset)}" r="6" fill="{colour}" '
                'stroke="#ffffff" stroke-width="1.5"/>'
            )
    axis_y = top + row_h * max(len(rows), 1) + 4
    parts.append(
        f'<line x1="{label_w}" y1="{axis_y}" x2="{label_w + plot_w}" y2="{axis_y}" stroke="#9aa3b2"/>'
    )
    for offset in range(0, TIMELINE_DAYS, 14):
        tick = start + timedelta(days=offset)
        x = label_w + offset * step
        parts.append(
            f'<line x1="{_fmt(x)}" y1="{axis_y}" x2="{_fmt(x)}" y2="{axis_y + 5}" stroke="#9aa3b2"/>'
        )
        parts.append(
            f'<text x="{_fmt(x)}" y="{axis_y + 19}" text-anchor="middle" font-size="13" '
            f'fill="#5b6475">{_short_day(tick)}</text>'
        )
    if not rows:
        parts.append(
            f'<text x="{label_w + plot_w / 2}" y="{top + row_h / 2 + 5}" text-anchor="middle" '
            'font-size="15" fill="#5b6475">No developments</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
