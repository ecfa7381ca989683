"""Where the workspace lives: resolved in one place, option first, then environment, then default."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

FEEDS_ENV = "TIDINGS_FEEDS"
DB_ENV = "TIDINGS_DB"
DEFAULT_FEEDS = Path("feeds")
DEFAULT_DB = Path("data") / "tidings.duckdb"


@dataclass(frozen=True)
class Workspace:
    """The resolved configuration folder and database file, and where each choice came from."""

    feeds_dir: Path
    db_path: Path
    feeds_origin: str  # "option", "environment" or "default"
    db_origin: str


def _pick(option: str | Path | None, env_name: str, default: Path) -> tuple[Path, str]:
    if option:
        return Path(option).expanduser().absolute(), "option"
    env_value = os.environ.get(env_name)
    if env_value:
        return Path(env_value).expanduser().absolute(), "environment"
    return default.absolute(), "default"


def resolve_workspace(
    feeds: str | Path | None = None, db: str | Path | None = None
) -> Workspace:
    """Resolve the feeds folder and database path: option, then environment variable, then default."""
    feeds_dir, feeds_origin = _pick(feeds, FEEDS_ENV, DEFAULT_FEEDS)
    db_path, db_origin = _pick(db, DB_ENV, DEFAULT_DB)
    return Workspace(feeds_dir, db_path, feeds_origin, db_origin)
