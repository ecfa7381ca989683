"""Briefs as one self-contained HTML file, rendered with Jinja2 templates (autoescaped).

Users can restyle the output by pointing ``template_dir`` at a folder holding their own
``brief.html.j2`` (or ``style.css.j2``): it is searched first, the packaged templates second.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    select_autoescape,
)
from markupsafe import Markup, escape

from tidings.intel.records import Brief
from tidings.render.common import (
    background_heading,
    brief_warnings,
    coverage_note,
    day,
    empty_message,
    group_by_kind,
    header_line,
    iso_z,
    kind_label,
    moment,
    percent,
    plural,
    safe_url,
    window_label,
)
from tidings.render.figures import day_list, share_of_voice, timeline, timeline_svg, voice_svg


def link(text: str, url: str | None) -> Markup:
    """An escaped <a> when the URL is http(s); escaped plain text otherwise (never javascript:)."""
    label = text.strip() or "(untitled)"
    href = safe_url(url)
    if href is None:
        return escape(label)
    return Markup('<a href="{}">{}</a>').format(href, label)


def make_environment(template_dir: Path | None = None) -> Environment:
    """A Jinja2 environment: the user's folder first (when given), then the packaged templates."""
    loaders = []
    if template_dir is not None:
        loaders.append(FileSystemLoader(str(template_dir)))
    loaders.append(PackageLoader("tidings", "templates"))
    env = Environment(
        loader=ChoiceLoader(loaders),
        # Everything in these templates comes from the web: escape by default, whatever the name.
        autoescape=select_autoescape(
            enabled_extensions=("html", "htm", "xml", "j2"), default_for_string=True, default=True
        ),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(
        link=link,
        day=day,
        moment=moment,
        iso=iso_z,
        kind_label=kind_label,
        percent=percent,
        coverage_note=coverage_note,
        plural=plural,
        window_label=window_label,
        background_heading=background_heading,
    )
    return env


def render_html(brief: Brief, template_dir: Path | None = None) -> str:
    """The brief as a standalone HTML page: inline CSS, no scripts, fonts or remote images."""
    env = make_environment(template_dir)
    voice = share_of_voice(brief)
    kinds = timeline(brief)
    context: dict[str, Any] = {
        "brief": brief,
        "voice": voice,
        "voice_svg": voice_svg(voice) if voice else None,
        "kinds": kinds,
        "timeline_svg": timeline_svg(brief, kinds),
        "day_list": day_list,
        "header": header_line(brief),
        "warnings": brief_warnings(brief),
        "groups": group_by_kind(brief.developments),
        "empty": {
            section: empty_message(brief, section)
            for section in (
                "talking_points",
                "developments",
                "competitors",
                "handle_with_care",
                "background",
                "sources",
            )
        },
    }
    return env.get_template("brief.html.j2").render(**context)
