"""What every command shares: the resolved workspace, the loaded configuration, error translation."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import click
import duckdb

from tidings.errors import ConfigError, TidingsError
from tidings.store.connection import connect
from tidings.timewindow import WindowError
from tidings.workspace.config import Config, load_config
from tidings.workspace.paths import Workspace, resolve_workspace


class ConfigClickError(click.ClickException):
    """A broken configuration or a bad option value is a usage problem: exit 2."""

    exit_code = 2


class CliGroup(click.Group):
    """Turns the library's exceptions into one-line messages with the right exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (ConfigError, WindowError) as exc:
            raise ConfigClickError(str(exc)) from None
        except TidingsError as exc:
            raise click.ClickException(str(exc)) from None
        except duckdb.Error as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise click.ClickException(f"database error: {first}") from None
        except BrokenPipeError:
            raise  # stdout closed early (`| head`): click exits quietly
        except OSError as exc:
            # A file the library had to create (the fetch lock, an output) sits in a folder that
            # is missing or not writable: say which, in one line, not as a traceback.
            where = f"{exc.filename}: " if exc.filename else ""
            # mkdir(parents=True) over a file reports EEXIST, which reads as nonsense to a user.
            why = "a file is in the way of a folder" if isinstance(exc, FileExistsError) else None
            raise click.ClickException(f"cannot use {where}{why or exc.strerror or exc}") from None


@dataclass
class App:
    workspace: Workspace
    _config: Config | None = field(default=None, repr=False)

    @classmethod
    def create(cls, feeds_dir: str | None, db_path: str | None) -> App:
        return cls(resolve_workspace(feeds_dir, db_path))

    @property
    def config(self) -> Config:
        if self._config is None:
            self._config = load_config(self.workspace.feeds_dir)
        return self._config

    @contextmanager
    def reader(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with connect(self.workspace.db_path, read_only=True) as con:
            yield con

    @contextmanager
    def writer(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with connect(self.workspace.db_path) as con:
            yield con


pass_app = click.make_pass_decorator(App)

NO_WORKSPACE = "no tidings workspace here: run tidings init, or pass --feeds"
# Commands that make a workspace or need none: everything else refuses to run outside one.
WORKSPACE_FREE = frozenset({"init", "demo", "paths", "extract", "discover"})


def outside_workspace(workspace: Workspace) -> bool:
    """No feeds/ here and no --feeds or TIDINGS_FEEDS: the wrong folder, most likely (cron)."""
    return workspace.feeds_origin == "default" and not workspace.feeds_dir.is_dir()


def require_workspace(command: click.Command) -> None:
    """Make `command` (each command of a group) stop with exit 2 outside a workspace, before
    it reads or creates anything. In the command's own callback, so that --help still works."""
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            require_workspace(sub)
        return
    callback = command.callback
    if callback is None:
        return

    @functools.wraps(callback)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        app = click.get_current_context().find_object(App)
        if app is not None and outside_workspace(app.workspace):
            raise ConfigClickError(NO_WORKSPACE)
        return callback(*args, **kwargs)

    command.callback = guarded


def url_problem(url: str) -> str | None:
    """Why a URL cannot be a source (``http://[::1``, no host, other scheme), or None."""
    if not url.startswith(("http://", "https://", "file://")):
        return "must start with http://, https:// or file://"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError as exc:
        return f"{url!r} is not a valid URL ({exc})"
    if parts.scheme in ("http", "https") and not parts.hostname:
        return f"{url!r} has no host name"
    return None


def check_url(url: str, param: str = "URL") -> str:
    """A usage error for a URL the library could not even split, not a traceback."""
    problem = url_problem(url)
    if problem:
        raise click.BadParameter(problem, param_hint=param)
    return url


def echo_json(data: object) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def note(message: str) -> None:
    """Status for people goes to stderr, so stdout stays clean data."""
    click.echo(message, err=True)
