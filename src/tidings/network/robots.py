"""robots.txt politeness: one fetch per host per run, RFC 9309 matching for our UA token.

Our own parser rather than ``urllib.robotparser``: the standard one ignores ``*`` and ``$``
wildcards (common in real files) and applies the first matching rule instead of the longest.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import unquote, urlsplit

from tidings.errors import HttpError, RobotsDisallowed


class _RobotsResponse(Protocol):
    body: bytes


class RobotsClient(Protocol):
    """What the cache needs of an HTTP client; it is handed one rather than importing ours."""

    def get(self, url: str, *, accept: str = ...) -> _RobotsResponse: ...

log = logging.getLogger(__name__)

UA_TOKEN = "tidings"

__all__ = ["UA_TOKEN", "RobotsCache", "RobotsDisallowed", "RobotsRules", "parse_robots"]


@dataclass(frozen=True)
class _Rule:
    allow: bool
    pattern: str
    regex: re.Pattern[str]


@dataclass
class RobotsRules:
    """The rules of one robots.txt that apply to one user-agent token."""

    rules: list[_Rule] = field(default_factory=list)
    crawl_delay: float | None = None
    sitemaps: list[str] = field(default_factory=list)

    def allowed(self, url: str) -> bool:
        """Longest matching pattern wins; on a tie, Allow wins (RFC 9309 section 2.2.2)."""
        parts = urlsplit(url)
        path = _normalise(parts.path or "/")
        if parts.query:
            path += "?" + _normalise(parts.query)
        if path == "/robots.txt":
            return True
        best: _Rule | None = None
        for rule in self.rules:
            if not rule.regex.match(path):
                continue
            if (
                best is None
                or len(rule.pattern) > len(best.pattern)
                or (len(rule.pattern) == len(best.pattern) and rule.allow)
            ):
                best = rule
        return best is None or best.allow


ALLOW_ALL = RobotsRules()


def _normalise(text: str) -> str:
    # Compare decoded forms so "/caf%C3%A9" and "/café" match the same rule.
    return unquote(text)


def _compile(pattern: str) -> re.Pattern[str]:
    anchored = pattern.endswith("$")
    body = pattern[:-1] if anchored else pattern
    regex = ".*".join(re.escape(piece) for piece in body.split("*"))
    return re.compile(regex + ("$" if anchored else ""), re.DOTALL)


def parse_robots(text: str, token: str = UA_TOKEN) -> RobotsRules:
    """The rules in ``text`` for ``token``: its own groups if any name it, else the ``*`` groups."""
    groups: list[tuple[list[str], list[tuple[str, str]]]] = []
    agents: list[str] = []
    lines: list[tuple[str, str]] = []
    in_rules = False
    sitemaps: list[str] = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        key, value = (part.strip() for part in line.split(":", 1))
        key = key.lower().replace("_", "-")
        if key == "sitemap":
            if value:
                sitemaps.append(value)
            continue
        if key in ("user-agent", "useragent"):
            if in_rules:
                groups.append((agents, lines))
                agents, lines, in_rules = [], [], False
            agents.append(value.split("/")[0].strip().lower())
        elif key in ("allow", "disallow", "crawl-delay"):
            if not agents:
                continue  # rules before any User-agent line belong to nobody
            in_rules = True
            lines.append((key, value))
    if agents:
        groups.append((agents, lines))

    token = token.lower()
    chosen = [rules for names, rules in groups if token in names]
    if not chosen:
        chosen = [rules for names, rules in groups if "*" in names]
    result = RobotsRules(sitemaps=sitemaps)
    for rules in chosen:
        for key, value in rules:
            if key == "crawl-delay":
                try:
                    delay = float(value)
                except ValueError:
                    continue
                if delay >= 0 and (result.crawl_delay is None or delay > result.crawl_delay):
                    result.crawl_delay = delay
            elif value:  # an empty Disallow allows everything, so it adds no rule
                pattern = _normalise(value)
                if not pattern.startswith(("/", "*")):
                    pattern = "/" + pattern
                result.rules.append(_Rule(key == "allow", pattern, _compile(pattern)))
    return result


class RobotsCache:
    """robots.txt for every host a run touches, each fetched once and shared across threads."""

    def __init__(self, client: RobotsClient, token: str = UA_TOKEN) -> None:
        self.client = client
        self.token = token
        self._rules: dict[str, RobotsRules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def allowed(self, url: str) -> bool:
        """Whether tidings may fetch ``url``; non-HTTP URLs are always allowed."""
        rules = self.rules_for(url)
        return rules is None or rules.allowed(url)

    def crawl_delay(self, url: str) -> float | None:
        """The Crawl-delay in seconds that the host of ``url`` asks of us, if any."""
        rules = self.rules_for(url)
        return None if rules is None else rules.crawl_delay

    def rules_for(self, url: str) -> RobotsRules | None:
        """The parsed rules for the host of ``url`` (fetched on first use), None for non-HTTP."""
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            return None
        key = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        with self._lock:
            rules = self._rules.get(key)
            if rules is not None:
                return rules
            host_lock = self._locks.setdefault(key, threading.Lock())
        # A per-host lock: concurrent first requests to one host wait for a single fetch.
        with host_lock:
            rules = self._rules.get(key)
            if rules is None:
                rules = self._fetch(key)
                with self._lock:
                    self._rules[key] = rules
        return rules

    def _fetch(self, origin: str) -> RobotsRules:
        robots_url = origin + "/robots.txt"
        fetch = getattr(self.client, "get_unchecked", self.client.get)
        try:
            response = fetch(robots_url, accept="text/plain, */*;q=0.5")
        except HttpError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                # RFC 9309 2.3.1.3: an unavailable robots.txt (4xx) means no restrictions.
                log.debug("no robots.txt at %s (%s)", origin, exc)
            else:
                log.warning("robots.txt of %s unavailable, assuming allowed: %s", origin, exc)
            return ALLOW_ALL
        text = response.body.decode("utf-8", errors="replace").lstrip("\ufeff")
        rules = parse_robots(text, self.token)
        if rules.crawl_delay:
            set_interval = getattr(self.client, "set_host_interval", None)
            if set_interval is not None:
                set_interval(origin + "/", rules.crawl_delay)
        return rules
