"""Formatting shared by every renderer: dates, safe links, kind labels and honest empty messages.

Each output format (Markdown, HTML, JSON, plain text) has its own module; what they must agree on
lives here, so a brief says the same thing whichever format the user asks for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

from tidings.intel.records import Brief, Development, SourceSummary
from tidings.sources.failure_text import failure_line
from tidings.timewindow import is_all_time

SENSITIVE_KINDS = frozenset({"layoffs", "legal", "security", "outage", "recall"})

# Order of the "recent developments" groups: what makes the best conversation first.
KIND_ORDER = (
    "launch",
    "funding",
    "partnership",
    "acquisition",
    "award",
    "milestone",
    "expansion",
    "leadership",
    "earnings",
    "layoffs",
    "legal",
    "security",
    "outage",
    "recall",
)

KIND_LABELS = {
    "launch": "Launches",
    "funding": "Funding",
    "partnership": "Partnerships",
    "acquisition": "Acquisitions",
    "award": "Awards",
    "milestone": "Milestones",
    "expansion": "Expansion",
    "leadership": "Leadership",
    "earnings": "Earnings",
    "layoffs": "Layoffs",
    "legal": "Legal",
    "security": "Security",
    "outage": "Outages",
    "recall": "Recalls",
}

SINGULAR_LABELS = {
    "launch": "Launch",
    "funding": "Funding",
    "partnership": "Partnership",
    "acquisition": "Acquisition",
    "award": "Award",
    "milestone": "Milestone",
    "expansion": "Expansion",
    "leadership": "Leadership",
    "earnings": "Earnings",
    "layoffs": "Layoffs",
    "legal": "Legal",
    "security": "Security",
    "outage": "Outage",
    "recall": "Recall",
}

UNHEALTHY = ("stale", "failing", "gone")


def as_utc(value: datetime) -> datetime:
    """The same instant in UTC; a naive datetime is taken to be UTC already (as the store keeps)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def iso_z(value: datetime | None) -> str | None:
    """ISO 8601 in UTC with a "Z", to the second: what the JSON schema promises."""
    if value is None:
        return None
    return as_utc(value).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def day(value: datetime | date | None) -> str:
    """A date people read without thinking: "3 Nov 2024"."""
    if value is None:
        return "unknown date"
    if isinstance(value, datetime):
        value = as_utc(value).date()
    return f"{value.day} {value.strftime('%b %Y')}"


def moment(value: datetime | None) -> str:
    """A date and time in UTC, for "generated" and "last fetched"."""
    if value is None:
        return "never"
    value = as_utc(value)
    return f"{day(value)} {value.strftime('%H:%M')} UTC"


def safe_url(url: str | None) -> str | None:
    """The URL when it may become a link (http or https with a host), otherwise None.

    Feeds are untrusted: a ``javascript:`` or ``data:`` link must never become clickable.
    """
    if not url:
        return None
    url = url.strip()
    if any(ord(ch) < 33 or ch in '"<>\\`' for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def kind_label(kind: str, plural: bool = True) -> str:
    labels = KIND_LABELS if plural else SINGULAR_LABELS
    return labels.get(kind, kind.replace("_", " ").replace("-", " ").capitalize() or "Other")


def group_by_kind(developments: Iterable[Development]) -> list[tuple[str, list[Development]]]:
    """Developments grouped by kind in KIND_ORDER (unknown kinds after, by name), newest first."""
    groups: dict[str, list[Development]] = {}
    for dev in developments:
        groups.setdefault(dev.kind, []).append(dev)
    rank = {kind: i for i, kind in enumerate(KIND_ORDER)}
    ordered = sorted(groups, key=lambda k: (rank.get(k, len(rank)), k))
    return [
        (kind, sorted(groups[kind], key=lambda d: (-as_utc(d.published).timestamp(), d.title)))
        for kind in ordered
    ]


def coverage_note(coverage: int) -> str:
    return f"{coverage} sources" if coverage > 1 else ""


def has_data(brief: Brief) -> bool:
    """False when nothing was ever fetched: an empty brief then means "no data", not "no news"."""
    return brief.last_fetched is not None or any(s.last_success for s in brief.sources)


def _source_warning(source: SourceSummary) -> str:
    since = f"last success {day(source.last_success)}" if source.last_success else "never fetched"
    if source.last_error:
        return f"{failure_line(source.name, source.url, source.last_error)} ({source.health}, {since})"
    return f"{source.name} is {source.health} ({since})"


def brief_warnings(brief: Brief) -> list[str]:
    """The brief's own warnings, plus one for each unhealthy source not already named in them.

    The header must never let "no news" pass for "no data": a brief with nothing fetched says so.
    """
    warnings = list(brief.warnings)
    text = " ".join(warnings)
    for source in brief.sources:
        if source.health in UNHEALTHY and source.name not in text and source.url not in text:
            warnings.append(_source_warning(source))
    if not has_data(brief) and not warnings:
        warnings.append(
            f"No data yet: no source for {brief.company_name} has been fetched (run `tidings fetch`)."
        )
    return warnings


def window_label(brief: Brief) -> str:
    """'last 60 days', or 'all stored news' for `--since all` (not 'last 13484 days')."""
    return "all stored news" if is_all_time(brief.since) else f"last {brief.window_days} days"


def background_heading(brief: Brief) -> str:
    """The background section's heading: older than the window (all stored news has no older)."""
    return "Background" if is_all_time(brief.since) else f"Background (older than {brief.window_days} days)"


def empty_message(brief: Brief, section: str) -> str:
    """What an empty section says: honest about whether there was nothing, or nothing to read."""
    name = brief.company_name
    window = "in all stored news" if is_all_time(brief.since) else f"in the last {brief.window_days} days"
    if not has_data(brief) and section not in ("competitors", "sources"):
        return f"No data yet: nothing has been fetched for {name}, so this section cannot be filled."
    messages = {
        "talking_points": (
            f"Nothing recent: no development of {name} or its competitors {window} "
            f"makes a good talking point ({brief.articles} articles read)."
        ),
        "developments": (
            f"Nothing recent: no dated development of {name} found {window} "
            f"({brief.articles} articles read)."
        ),
        "competitors": f"No competitors of {name} are configured (add them to its feeds/ entry).",
        "handle_with_care": f"Nothing sensitive (layoffs, legal, security) found {window}.",
        "background": (
            "The window holds all stored news: nothing is older to give background."
            if is_all_time(brief.since)
            else f"No development of {name} older than {brief.window_days} days makes good background."
        ),
        "sources": f"No sources are configured for {name}.",
    }
    return messages[section]


def percent(share: float) -> str:
    return f"{share * 100:.0f}%"


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def header_line(brief: Brief) -> str:
    """One line: window, sources, articles, last fetched."""
    window = (
        f"All stored news (to {day(brief.generated_at)})"
        if is_all_time(brief.since)
        else f"Last {brief.window_days} days ({day(brief.since)} to {day(brief.generated_at)})"
    )
    return (
        f"{window} · "
        f"{plural(len(brief.sources), 'source')} · {plural(brief.articles, 'article')} · "
        f"last fetched {moment(brief.last_fetched)}"
    )


def source_bits(
    source: str, published: datetime | None, coverage: int, escape: Callable[[str], str]
) -> str:
    """"Wire, 12 Nov 2026, 3 sources": the source name escaped for the output format."""
    bits = [escape(source)]
    if published is not None:
        bits.append(day(published))
    if coverage_note(coverage):
        bits.append(coverage_note(coverage))
    return ", ".join(bits)
