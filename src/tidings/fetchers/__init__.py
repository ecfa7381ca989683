"""One fetcher per source kind. Each returns a SourceOutcome and never raises."""

from tidings.fetchers.outcome import SourceOutcome

__all__ = ["SourceOutcome"]
