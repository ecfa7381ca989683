"""URL canonicalisation: one story reached through differently-decorated links is one article."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from urllib.parse import SplitResult, parse_qs, unquote_plus, urlsplit, urlunsplit

# Query parameters that only track the click, never select content.
_TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid", "igshid",
        "yclid", "_hsenc", "_hsmi", "mkt_tok", "ref_src", "cmpid", "ncid", "sr_share", "ocid",
        "spm", "__twitter_impression", "oly_enc_id", "oly_anon_id", "vero_id", "rb_clickid",
        "s_cid", "cid_source", "guccounter", "guce_referrer", "guce_referrer_sig", "feature",
    }
)
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "at_")
_DEFAULT_PORTS = {"http": "80", "https": "443"}


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING_PARAMS or lowered.startswith(_TRACKING_PREFIXES)


@lru_cache(maxsize=65536)
def canonicalize_url(url: str) -> str:
    """Lower-case scheme and host, drop default port, fragment and tracking parameters.

    The path keeps its case (servers treat it as case-sensitive); remaining query parameters
    keep their order, since some sites select content by position-sensitive queries.
    """
    url = url.strip()
    if "?" not in url and "#" not in url and url.startswith(("https://", "http://")):
        # The common case, a plain link: only the host can need work. Skipping urlsplit and
        # urlunsplit here halves the cost of normalising a feed.
        rest = url.split("://", 1)[1]
        host, slash, path = rest.partition("/")
        if host and host == host.lower() and not any(c in host for c in ":@[]") and host[-1] != ".":
            return url if slash else url + "/"
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return url.split("#", 1)[0]
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port if _safe_port(parts) else None
    # urlsplit strips an IPv6 literal's brackets; without them the port would merge into it.
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and str(port) != _DEFAULT_PORTS.get(scheme):
        netloc = f"{netloc}:{port}"
    # Filter the raw `name=value` pieces rather than decode and re-encode them: re-encoding
    # would turn `?preview` into `?preview=` and `%20` into `+`, a different URL to some servers.
    kept = [
        piece
        for piece in parts.query.split("&")
        if piece and not _is_tracking(unquote_plus(piece.split("=", 1)[0]))
    ]
    query = "&".join(kept)
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, query, ""))


# Fragments that track a click or jump within the same article, never name another item:
# `#tk.rss_all`, `#xtor=RSS-1`, `#utm_source=feed`, `#more-123` ("read more"), `#comments`.
_TRACKING_FRAGMENT_PREFIXES = ("tk.", "xtor", "utm", "at_", "ref", "rss", "src", "cmp", "intcmp", "mc_")
_NAVIGATION_FRAGMENTS = frozenset(
    {"comments", "respond", "reply", "more", "top", "main", "content", "main-content",
     "maincontent", "article", "continue", "read-more", "readmore", "disqus_thread", "page"}
)
_READ_MORE = re.compile(r"more-\d+")


def identity_fragment(url: str) -> str | None:
    """The fragment of `url` when it names one item of a page, else None.

    Link blogs, changelogs and comment feeds give each entry the same page with its own anchor
    (`/2017/06/26.html#a080605`, `/changelog#v2.1`, `/post#comment-12`): those stay distinct
    articles. Tracking and navigation fragments (see above) are dropped, so variants of one link
    still merge, as the canonical URL does with tracking parameters.
    """
    if "#" not in url:
        return None
    fragment = url.split("#", 1)[1].strip()
    lowered = fragment.lower()
    if (
        not fragment
        or "=" in fragment
        or lowered.startswith(":~:")  # a text fragment: a highlight, not a place
        or lowered.startswith(_TRACKING_FRAGMENT_PREFIXES)
        or lowered in _NAVIGATION_FRAGMENTS
        or _READ_MORE.fullmatch(lowered)
    ):
        return None
    return fragment


def _safe_port(parts) -> bool:  # type: ignore[no-untyped-def]
    try:
        return parts.port is not None
    except ValueError:
        return False


def looks_like_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def stable_id(*parts: str) -> str:
    """A short, stable identifier from the given parts (sha1, 16 hex digits)."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return digest[:16]


# Hosts that carry other sites' stories: FeedBurner's proxy serves a publisher's items under its
# own links, Google News lists every paper's, an alert or search result forwards the click. A
# link through them says nothing of who published the story, so it never makes an article a
# tracked company's own post (a tracked Google with `domains = ["google.com"]` would otherwise
# own every TechCrunch item behind feedproxy.google.com and every news-search result).
_RELAY_HOSTS = frozenset(
    {"feedproxy.google.com", "feeds.feedburner.com", "feeds2.feedburner.com", "news.google.com"}
)
_REDIRECT_PATHS = frozenset({"/url", "/link"})


def _parts_and_host(url: str) -> tuple[SplitResult, str] | None:
    try:
        parts = urlsplit(url)
        return parts, (parts.hostname or "").lower().removeprefix("www.")
    except ValueError:
        return None


def _is_google_redirect(parts: SplitResult, host: str) -> bool:
    # google.com/url, google.co.uk/url: the redirect of an alert or a search result.
    return parts.path in _REDIRECT_PATHS and host.split(".")[0] == "google"


def is_relay_link(url: str) -> bool:
    """True when ``url`` goes through a feed proxy, news aggregator or click redirect
    (``www.google.com/url?url=...``) rather than to the publisher's own page."""
    split = _parts_and_host(url)
    if split is None:
        return False
    parts, host = split
    return host in _RELAY_HOSTS or _is_google_redirect(parts, host)


def unwrap_redirect(url: str) -> str:
    """The page a click redirect forwards to (a Google Alert's ``www.google.com/url?url=...``,
    a search result's ``?q=...``), else ``url`` itself: the link a user reads and cites."""
    if "/url?" not in url:
        return url
    split = _parts_and_host(url)
    if split is None or split[0].path != "/url" or not _is_google_redirect(*split):
        return url
    query = parse_qs(split[0].query)
    for key in ("url", "q"):
        target = (query.get(key) or [""])[0].strip()
        if looks_like_url(target):
            return target
    return url


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
