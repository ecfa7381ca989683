"""Briefs and digests: golden outputs, the JSON schema, HTML safety and honest empty sections."""

from __future__ import annotations

import importlib.util
import json
import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from tidings.intel.records import Brief, Development, TalkingPoint
from tidings.render import (
    brief_to_dict,
    render_digest,
    render_html,
    render_json,
    render_markdown,
    render_points_text,
    render_text,
)

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
SCHEMA = HERE.parent / "docs" / "brief-schema.json"


def _load_records() -> Any:
    spec = importlib.util.spec_from_file_location("golden_records", GOLDEN / "records.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


records = _load_records()


def check_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/<name>; TIDINGS_UPDATE_GOLDEN=1 rewrites the file instead."""
    path = GOLDEN / name
    if os.environ.get("TIDINGS_UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"missing {path}: run with TIDINGS_UPDATE_GOLDEN=1 to create it"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from the golden file"


# ------------------------------------------------------------------ golden outputs


@pytest.mark.parametrize(
    ("name", "render"),
    [
        ("brief.md", render_markdown),
        ("brief.json", render_json),
        ("brief.txt", render_text),
        ("brief.html", render_html),
        ("brief-empty.md", None),
    ],
)
def test_brief_golden(name: str, render: Any) -> None:
    if render is None:
        check_golden(name, render_markdown(records.empty_brief()))
    else:
        check_golden(name, render(records.brief()))


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_digest_golden(fmt: str) -> None:
    check_golden(f"digest.{fmt}", render_digest(records.digest(), fmt))


def test_points_text_golden() -> None:
    check_golden("points.txt", render_points_text(records.POINTS))


# ------------------------------------------------------------------ content


def test_markdown_has_every_section_in_order() -> None:
    text = render_markdown(records.brief())
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Talking points",
        "## At a glance",
        "## Recent developments",
        "## Competitors",
        "## Handle with care",
        "## Background (older than 30 days)",
        "## Sources",
    ]
    # an unhealthy source is named in the header, in the one shape of a failure
    assert "failed: RoboWire Daily (https://robowire.example/feed/): HTTP 503" in text
    assert "23%" in text and "Kestrova Automation" in text


def test_figures_are_inline_svg_with_text_tables() -> None:
    html = render_html(records.brief())
    svgs = re.findall(r"<svg\b.*?</svg>", html, re.S)
    assert len(svgs) == 2
    for svg in svgs:
        assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
        # Nothing is loaded: the only URL is the SVG namespace itself.
        assert re.findall(r"https?://[^\"]+", svg) == ["http://www.w3.org/2000/svg"]
        assert "<script" not in svg and "href" not in svg and "<image" not in svg
    timeline, voice = svgs
    assert timeline.count("<circle") == len(records.brief().developments)
    assert "Launches: 1 (12 Nov)" in timeline  # the description reads the figure out
    assert "Northwind Robotics: 23 articles, 77%" in voice
    assert "Kestrova Automation: 7 articles, 23%" in voice
    # The same figures as text, beside the charts and in Markdown.
    assert "<caption>Developments, last 60 days</caption>" in html
    assert "<caption>Share of voice, last 30 days</caption>" in html
    markdown = render_markdown(records.brief())
    assert "| Launches | 1 | 12 Nov |" in markdown
    assert "| **Northwind Robotics** | 23 | 77% |" in markdown
    assert "| Kestrova Automation | 7 | 23% |" in markdown


def test_figures_escape_names() -> None:
    from tidings.render.figures import share_of_voice, voice_svg

    brief = records.brief()
    evil = replace(brief.competitors[0], name='<script>alert("x")</script> & Co')
    svg = voice_svg(share_of_voice(replace(brief, competitors=(evil,))))
    assert "<script" not in svg and "&lt;script&gt;" in svg and "&amp; Co" in svg


def test_timeline_keeps_to_60_days_and_stacks_same_day() -> None:
    from tidings.render.figures import timeline, timeline_svg

    brief = records.brief()
    old = replace(records.LAUNCH, url="https://n.example/old", published=records.ago(61))
    twin = replace(records.LAUNCH, url="https://n.example/twin", title="Northwind Robotics launches Quay")
    brief = replace(brief, developments=(*brief.developments, old, twin))
    rows = {r.kind: r for r in timeline(brief)}
    assert len(rows["launch"].days) == 2  # the 61-day-old launch is outside the figure
    svg = timeline_svg(brief, list(rows.values()))
    assert svg.count("<circle") == len(brief.developments) - 1
    empty = timeline_svg(records.empty_brief(), [])
    assert "No developments" in empty and "<circle" not in empty


def test_developments_grouped_by_kind_newest_first() -> None:
    brief = records.brief()
    older_launch = replace(records.LAUNCH, title="Northwind ships Harbor beta", published=records.ago(25))
    brief = replace(brief, developments=(older_launch, *brief.developments))
    text = render_markdown(brief)
    launches = text.index("### Launches")
    funding = text.index("### Funding")
    first = text.index("launches Harbor", launches)
    assert launches < first < text.index("ships Harbor beta", launches) < funding


def test_empty_brief_says_no_data_not_no_news() -> None:
    brief = records.empty_brief()
    for text in (render_markdown(brief), render_text(brief), render_html(brief)):
        assert "No data yet" in text
        assert "Nothing recent" not in text
    data = brief_to_dict(brief)
    assert any("No data yet" in w for w in data["warnings"])


def test_fetched_but_quiet_brief_says_nothing_recent() -> None:
    brief = replace(records.empty_brief(), last_fetched=records.NOW, articles=5)
    text = render_markdown(brief)
    assert "Nothing recent" in text and "No data yet" not in text
    assert "5 articles read" in text


def test_plain_text_strips_control_characters() -> None:
    point = replace(records.POINTS[0], title="Evil\x1b[31m title\x07")
    text = render_points_text([point])
    assert "\x1b" not in text and "\x07" not in text


# ------------------------------------------------------------------ JSON and its schema


def validate(instance: Any, schema: dict[str, Any], root: dict[str, Any], where: str = "$") -> None:
    """A small JSON Schema validator for the subset docs/brief-schema.json uses."""
    if "$ref" in schema:
        ref = schema["$ref"]
        assert ref.startswith("#/$defs/"), ref
        schema = root["$defs"][ref.removeprefix("#/$defs/")]
    types = schema.get("type")
    if types is not None:
        names = [types] if isinstance(types, str) else types
        checks = {
            "string": lambda v: isinstance(v, str),
            "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
            "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
            "boolean": lambda v: isinstance(v, bool),
            "null": lambda v: v is None,
            "object": lambda v: isinstance(v, dict),
            "array": lambda v: isinstance(v, list),
        }
        assert any(checks[n](instance) for n in names), f"{where}: {instance!r} is not {names}"
    if "const" in schema:
        assert instance == schema["const"], f"{where}: {instance!r} != {schema['const']!r}"
    if "enum" in schema:
        assert instance in schema["enum"], f"{where}: {instance!r} not in {schema['enum']}"
    if isinstance(instance, str) and "pattern" in schema:
        assert re.search(schema["pattern"], instance), f"{where}: {instance!r} does not match"
    if isinstance(instance, int | float) and not isinstance(instance, bool):
        if "minimum" in schema:
            assert instance >= schema["minimum"], where
        if "maximum" in schema:
            assert instance <= schema["maximum"], where
    if isinstance(instance, dict):
        for key in schema.get("required", []):
            assert key in instance, f"{where}: missing {key}"
        props = schema.get("properties", {})
        if schema.get("additionalProperties") is False:
            extra = set(instance) - set(props)
            assert not extra, f"{where}: keys not in the schema: {sorted(extra)}"
        for key, value in instance.items():
            if key in props:
                validate(value, props[key], root, f"{where}.{key}")
    if isinstance(instance, list) and "items" in schema:
        for i, item in enumerate(instance):
            validate(item, schema["items"], root, f"{where}[{i}]")


def _schema() -> dict[str, Any]:
    if not SCHEMA.exists():
        pytest.skip(f"{SCHEMA} is missing")
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


@pytest.mark.parametrize("make", [records.brief, records.empty_brief])
def test_json_validates_against_schema(make: Any) -> None:
    schema = _schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    data = json.loads(render_json(make()))
    validate(data, schema, schema)


def test_validator_rejects_bad_documents() -> None:
    schema = _schema()
    data = brief_to_dict(records.brief())
    data["generated_at"] = "2024-11-14 09:30"  # not ISO 8601 with Z
    with pytest.raises(AssertionError):
        validate(data, schema, schema)
    data = brief_to_dict(records.brief())
    del data["talking_points"][0]["score"]
    with pytest.raises(AssertionError):
        validate(data, schema, schema)


def test_json_keys_and_dates() -> None:
    data = brief_to_dict(records.brief())
    for key in (
        "company",
        "generated_at",
        "window",
        "talking_points",
        "developments",
        "competitors",
        "handle_with_care",
        "background",
        "sources",
        "schema_version",
    ):
        assert key in data
    assert data["generated_at"] == "2024-11-14T09:30:00Z"
    point = data["talking_points"][0]
    assert {"text", "why", "kind", "company", "title", "url", "source", "published", "score"} <= set(point)
    dev = data["developments"][0]
    assert {"company", "kind", "sensitive", "title", "url", "published", "evidence", "coverage"} <= set(dev)
    assert data["window"]["days"] == 30


def test_json_score_keeps_old_stories_apart() -> None:
    # Scores of stories months old are tiny; rounding to places made them all 0.0.
    first, *rest = records.brief().talking_points
    older = replace(first, score=3.2e-7)
    oldest = replace(first, score=1.1e-9)
    brief = replace(records.brief(), talking_points=(older, oldest, *rest))
    scores = [p["score"] for p in brief_to_dict(brief)["talking_points"][:2]]
    assert scores == [3.2e-7, 1.1e-9]


def test_naive_and_offset_datetimes_become_utc_z() -> None:
    from datetime import datetime, timedelta, timezone

    paris = timezone(timedelta(hours=1))
    brief = replace(
        records.brief(),
        generated_at=datetime(2024, 11, 14, 10, 30, tzinfo=paris),
        last_fetched=datetime(2024, 11, 14, 6, 0),  # naive: the store keeps UTC
    )
    data = brief_to_dict(brief)
    assert data["generated_at"] == "2024-11-14T09:30:00Z"
    assert data["last_fetched"] == "2024-11-14T06:00:00Z"


# ------------------------------------------------------------------ HTML safety and shape

EVIL_TITLE = "<script>alert(1)</script>"
EVIL_URLS = [
    "javascript:alert(1)",
    " JavaScript:alert(1)",
    "data:text/html,<script>x</script>",
    "vbscript:msgbox(1)",
    'https://ok.example/"onmouseover="alert(1)',
]


def _evil_brief(url: str) -> Brief:
    brief = records.brief()
    dev = replace(
        records.LAUNCH, title=EVIL_TITLE, url=url, evidence=EVIL_TITLE, source="<img src=x onerror=alert(1)>"
    )
    point = replace(records.POINTS[0], title=EVIL_TITLE, url=url, text=EVIL_TITLE, why=EVIL_TITLE)
    return replace(
        brief,
        company_name="Evil <b>Corp</b>",
        developments=(dev,),
        talking_points=(point,),
        warnings=(EVIL_TITLE,),
    )


@pytest.mark.parametrize("url", EVIL_URLS)
def test_html_cannot_be_injected(url: str) -> None:
    html = render_html(_evil_brief(url))
    assert "<script" not in html.lower()
    assert "<img" not in html.lower()
    assert not re.search(r"href\s*=\s*[\"']?\s*(javascript|data|vbscript):", html, re.I)
    assert "onmouseover=" not in html.replace("&#34;onmouseover=&#34;", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as text, not dropped
    assert "Evil &lt;b&gt;Corp&lt;/b&gt;" in html


@pytest.mark.parametrize("url", EVIL_URLS)
def test_markdown_cannot_link_unsafe_urls(url: str) -> None:
    text = render_markdown(_evil_brief(url))
    assert "](<javascript" not in text.lower() and "](<data:" not in text.lower()
    assert "<script>" not in text  # escaped as \<script\>


def test_digest_html_cannot_be_injected() -> None:
    digest = records.digest()
    company = replace(
        digest.companies[0],
        developments=(replace(records.LAUNCH, title=EVIL_TITLE, url="javascript:alert(1)"),),
    )
    html = render_digest(replace(digest, companies=(company,)), "html")
    assert "<script" not in html.lower()
    assert 'href="javascript:' not in html.lower()


def test_html_is_self_contained_phone_and_print_ready() -> None:
    html = render_html(records.brief())
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert "@media print" in html
    assert "<style>" in html
    # No external resources: nothing loads, only <a href> may point elsewhere.
    assert not re.search(r"<(link|script|img|iframe|object|embed)\b", html, re.I)
    assert "@import" not in html and "url(" not in html
    assert re.findall(r"<h1>", html) == ["<h1>"]
    assert html.count("<h2") == 7
    # Link text says where it goes: the title or source name, never "click here" or a bare URL.
    anchors = re.findall(r'<a href="([^"]+)">([^<]+)</a>', html)
    assert anchors
    for href, text in anchors:
        assert text.strip().lower() not in ("click here", "here", "link", "read more")
        assert text != href


def test_user_template_dir_overrides_packaged(tmp_path: Path) -> None:
    (tmp_path / "brief.html.j2").write_text(
        "<p>{{ brief.company_name }} by user</p>{% include 'style.css.j2' %}", encoding="utf-8"
    )
    html = render_html(replace(records.brief(), company_name="A&B <Co>"), template_dir=tmp_path)
    assert html.startswith("<p>A&amp;B &lt;Co&gt; by user</p>")  # still autoescaped
    assert "@media print" in html  # the packaged partial is still found


def test_template_dir_without_brief_falls_back(tmp_path: Path) -> None:
    html = render_html(records.brief(), template_dir=tmp_path)
    assert "<h1>Northwind Robotics: company brief</h1>" in html


def test_sensitive_development_marked_in_every_format() -> None:
    brief = records.brief()
    assert "(handle with care)" in render_markdown(brief)
    assert "[handle with care]" in " ".join(render_text(brief).split())
    assert 'class="tag">handle with care' in render_html(brief)


def test_estimated_dates_are_labelled() -> None:
    dev: Development = replace(records.FUNDING, published_is_estimate=True)
    brief = replace(records.brief(), developments=(dev,))
    assert "about 5 Nov 2024" in render_markdown(brief)
    assert "about 5 Nov 2024" in render_html(brief)


def test_background_labelled_as_not_news() -> None:
    text = render_markdown(records.brief())
    section = text[text.index("## Background") : text.index("## Sources")]
    assert "older than 30 days" in section and "not news" in section
    assert "Rotterdam" in section
    points: tuple[TalkingPoint, ...] = records.brief().talking_points
    assert all("Rotterdam" not in p.title for p in points)


def test_unknown_digest_format() -> None:
    with pytest.raises(ValueError, match="unknown digest format"):
        render_digest(records.digest(), "pdf")
