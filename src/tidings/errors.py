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
