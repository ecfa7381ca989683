"""Briefs as Markdown: readable as plain text, and safe when a Markdown viewer renders it."""

from __future__ import annotations

import re
from datetime import datetime

from tidings.intel.records import Brief, CareItem, Development, TalkingPoint
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
    window_label,
)
from tidings.render.figures import day_list, share_of_voice, timeline

# Characters a Markdown renderer may treat as markup (or raw HTML) in text that came from the web.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|!~])")


def md_escape(text: str) -> str:
    """Text from the web as literal Markdown: markup characters escaped, on one line."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def md_link(text: str, url: str | None) -> str:
    """A link when the URL is http(s); otherwise the text alone (a javascript: URL stays inert)."""
    label = md_escape(text) or "(untitled)"
    href = safe_url(url)
    if href is None:
        return label
    # Angle-bracket destinations allow parentheses; spaces and brackets were refused by safe_url.
    return f"[{label}](<{href.replace('|', '%7C')}>)"


def _source_bits(source: str, published: datetime | None, coverage: int = 1) -> str:
    return source_bits(source, published, coverage, md_escape)


def point_lines(point: TalkingPoint, number: int | None = None) -> list[str]:
    lead = f"{number}. " if number is not None else "- "
    pad = " " * len(lead)
    return [
        f"{lead}**{md_escape(point.text)}**",
        f"{pad}Why: {md_escape(point.why)}",
        f"{pad}Source: {md_link(point.title, point.url)} "
        f"({_source_bits(point.source, point.published, point.coverage)})",
    ]


def development_line(dev: Development) -> str:
    when = f"about {day(dev.published)}" if dev.published_is_estimate else day(dev.published)
    line = f"- {when}: {md_link(dev.title, dev.url)} ({_source_bits(dev.source, None, dev.coverage)})"
    if dev.handle_with_care:
        line += " *(handle with care)*"
    if dev.evidence:
        line += f"  \n  > {md_escape(dev.evidence)}"
    return line


def care_line(item: CareItem) -> str:
    return (
        f"- **{kind_label(item.kind, plural=False)}**: {md_link(item.title, item.url)} "
        f"({_source_bits(item.source, item.published)})  \n  {md_escape(item.note)}"
    )


def glance_lines(brief: Brief) -> list[str]:
    """The HTML brief's two figures as tables: the 60-day timeline by kind, and share of voice."""
    out = ["## At a glance", "", "### Developments, last 60 days", ""]
    rows = timeline(brief)
    if rows:
        out += ["| Kind | Count | Days |", "| --- | ---: | --- |"]
        out += [f"| {md_escape(r.label)} | {len(r.days)} | {day_list(r.days)} |" for r in rows]
    else:
        out.append("No developments in the last 60 days.")
    out.append("")
    voice = share_of_voice(brief)
    if voice:
        out += [f"### Share of voice, {window_label(brief)}", ""]
        out += ["| Company | Articles | Share |", "| --- | ---: | ---: |"]
        for r in voice:
            name = f"**{md_escape(r.name)}**" if r.is_target else md_escape(r.name)
            out.append(f"| {name} | {r.articles} | {percent(r.share)} |")
        out.append("")
    return out


def render_markdown(brief: Brief) -> str:
    """The brief as Markdown: header, talking points, developments, competitors, care, sources."""
    name = md_escape(brief.company_name)
    out: list[str] = [f"# {name}: company brief", ""]
    out.append(f"{header_line(brief)}  ")
    out.append(f"Role: {md_escape(brief.role)} · generated {moment(brief.generated_at)}")
    if brief.interview is not None:
        iv = brief.interview
        what = (f": {iv.role}" if iv.role else "") + (f" ({iv.notes})" if iv.notes else "")
        out[-1] += "  "
        out.append(f"Ranked for your interview{md_escape(what)}")
    out.append("")
    for warning in brief_warnings(brief):
        out.append(f"> **Warning:** {md_escape(warning)}")
    if brief_warnings(brief):
        out.append("")

    out += ["## Talking points", ""]
    if brief.talking_points:
        for i, point in enumerate(brief.talking_points, 1):
            out += point_lines(point, i)
    else:
        out.append(empty_message(brief, "talking_points"))
    out.append("")

    out += glance_lines(brief)

    out += ["## Recent developments", ""]
    if brief.developments:
        for kind, devs in group_by_kind(brief.developments):
            out += [f"### {kind_label(kind)}", ""]
            out += [development_line(d) for d in devs]
            out.append("")
    else:
        out += [empty_message(brief, "developments"), ""]

    out += ["## Competitors", ""]
    if brief.competitors:
        out += ["| Company | Articles | Share of voice |", "| --- | ---: | ---: |"]
        for comp in brief.competitors:
            out.append(f"| {md_escape(comp.name)} | {comp.mentions} | {percent(comp.share_of_voice)} |")
        out.append("")
        for comp in brief.competitors:
            if comp.top_stories:
                out += [f"### {md_escape(comp.name)}", ""]
                out += [development_line(d) for d in comp.top_stories]
                out.append("")
    else:
        out += [empty_message(brief, "competitors"), ""]

    out += ["## Handle with care", ""]
    if brief.handle_with_care:
        out += ["Know these; do not open with them.", ""]
        out += [care_line(item) for item in brief.handle_with_care]
    else:
        out.append(empty_message(brief, "handle_with_care"))
    out.append("")

    out += [f"## {background_heading(brief)}", ""]
    if brief.background:
        out += ["Context, not news: do not present these as recent.", ""]
        for point in brief.background:
            out += point_lines(point)
    else:
        out.append(empty_message(brief, "background"))
    out.append("")

    out += ["## Sources", ""]
    if brief.sources:
        out += ["| Source | Kind | Health | Last success | Articles |", "| --- | --- | --- | --- | ---: |"]
        for s in brief.sources:
            last = day(s.last_success) if s.last_success else "never"
            out.append(f"| {md_link(s.name, s.url)} | {s.kind} | {s.health} | {last} | {s.articles} |")
    else:
        out.append(empty_message(brief, "sources"))
    return "\n".join(out).rstrip() + "\n"
