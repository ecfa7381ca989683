"""Fetching sources: the run, a fetcher per source kind, backoff, site discovery, normalising."""
