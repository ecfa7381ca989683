"""tidings: company news turned into sourced talking points for interview follow-ups."""

__version__ = "0.1.0"
PROJECT_URL = "https://github.com/tidings-dev/tidings"
USER_AGENT = f"tidings/{__version__} (+{PROJECT_URL})"
