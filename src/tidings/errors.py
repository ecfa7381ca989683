"""The library's own exceptions; the CLI turns each into a one-line message and exit code."""


class TidingsError(Exception):
    """Base class for every error tidings reports to a user."""


class ConfigError(TidingsError):
    """The feeds/ configuration is unreadable or inconsistent."""


class NotFoundError(TidingsError):
    """A named company, source or record does not exist."""


class StoreBusyError(TidingsError):
    """Another process holds the database for writing longer than we are willing to wait."""


class StoreError(TidingsError):
    """The database file is unusable (corrupt, wrong format, unwritable)."""


class FetchError(TidingsError):
    """One source could not be fetched or parsed; carried per source, never fatal to a run."""


class ExtractionError(TidingsError):
    """A page could not be turned into an article (not HTML, no readable text)."""


class HttpError(FetchError):
    """A fetch failed; the message is one readable line, the attributes drive retry policy."""

    def __init__(
        self,
        message: str,
        *,
        url: str | None = None,
        status: int | None = None,
        retry_after: float | None = None,
        gone: bool = False,
        transient: bool = False,
    ) -> None:
        super().__init__(message)
        self.url = url
        self.status = status
        self.retry_after = retry_after
        self.gone = gone
        # A failure likely to pass on its own (reset connection, 502/504): worth a retry soon.
        self.transient = transient


class RobotsDisallowed(FetchError):
    """robots.txt forbids tidings to fetch this URL; it was not requested."""

    def __init__(self, url: str) -> None:
        super().__init__(f"robots.txt disallows {url}")
        self.url = url
