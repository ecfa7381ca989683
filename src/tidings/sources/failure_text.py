"""How a source's failure reads wherever it is shown: "failed: NAME (URL): reason".

The fetch stores the reason as the network layer gave it ("redirect loop at URL", "not a feed:
URL returned an HTML page"), and the store keeps it so: it is the evidence, and the JSON key
`last_error` has always carried it raw. Every human-facing line (the fetch's failure lines and
its log, `source list`, the warnings of briefs, `points`, `draft` and the digest) is made here
at display time, so rows stored by any version read the same, with the URL said once.
"""

from __future__ import annotations


def reason_without_url(error: str, url: str) -> str:
    """The reason without the source's URL, which the line already names ("not a feed: URL
    returned an HTML page" -> "not a feed: it returned an HTML page")."""
    if not url or url not in error:
        return error
    error = error.replace(f"redirect loop at {url}", "redirect loop back to this address")
    error = error.replace(f": {url} (", " (")
    error = error.removesuffix(f": {url}")
    return error.replace(url, "it")


def source_label(name: str | None, url: str) -> str:
    """ "NAME (URL)", or the URL alone when the source has no name of its own."""
    return f"{name} ({url})" if name and name != url else url


def failure_line(name: str | None, url: str, error: str | None, *, verb: str = "failed") -> str:
    """ "failed: NAME (URL): reason", the one shape of every failure shown to a user."""
    reason = reason_without_url(error or "unknown error", url)
    return f"{verb}: {source_label(name, url)}: {reason}"
