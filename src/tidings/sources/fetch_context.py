"""What a fetcher gets from the run: HTTP clients shared by all workers."""

from __future__ import annotations

from dataclasses import dataclass, field

from tidings.network.http_client import HttpClient

# Spacing between two requests to one host when crawling pages (robots Crawl-delay may raise it).
PAGE_HOST_INTERVAL = 1.0


@dataclass
class FetchContext:
    """Feeds are meant for machines, so their client does not consult robots.txt; pages are
    crawled, so their client honours robots.txt and spaces requests to each host."""

    feeds: HttpClient
    pages: HttpClient
    # URLs already stored, per page or full-text source, so only new articles are fetched.
    known_urls: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def create(
        cls, workers: int, timeout: float = 60.0, page_interval: float = PAGE_HOST_INTERVAL
    ) -> FetchContext:
        limits = {
            "max_workers": workers,
            "connect_timeout": min(10.0, timeout),
            "read_timeout": min(20.0, timeout),
            "total_timeout": timeout,
        }
        return cls(
            feeds=HttpClient(**limits),
            pages=HttpClient(**limits, respect_robots=True, min_host_interval=page_interval),
        )

    def close(self) -> None:
        self.feeds.close()
        if self.pages is not self.feeds:
            self.pages.close()
