"""Turn intelligence records (briefs, drafts, digests) into Markdown, HTML, JSON or plain text."""

from tidings.render.digest import render_digest
from tidings.render.html import render_html
from tidings.render.jsonout import brief_to_dict, render_json
from tidings.render.markdown import render_markdown
from tidings.render.terminal import render_points_text, render_text

__all__ = [
    "brief_to_dict",
    "render_digest",
    "render_html",
    "render_json",
    "render_markdown",
    "render_points_text",
    "render_text",
]
