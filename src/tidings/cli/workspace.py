"""`tidings init` and `tidings paths`: where things live."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import click

from tidings.cli.app import App, echo_json, note, pass_app
from tidings.workspace.paths import DEFAULT_DB, DEFAULT_FEEDS

EXAMPLE_FILE = "example.toml"
# The database, its write-ahead log and fetch lock, and the log file of `tidings cron`.
DATA_GITIGNORE = """\
# tidings keeps its database here: never commit it, its lock or the fetch log.
*.duckdb
*.duckdb.wal
*.duckdb.tmp
*.duckdb.fetch.lock
*.log
"""


def example_config() -> str:
    """A commented example: every line is a comment, so a new workspace tracks nothing."""
    return resources.files("tidings").joinpath("data/example_feeds.toml").read_text("utf-8")


@click.command()
@click.argument("directory", required=False, type=click.Path(file_okay=False))
@pass_app
def init(app: App, directory: str | None) -> None:
    """Create an empty workspace: feeds/ with a commented example (nothing tracked yet), and
    data/ with a .gitignore for the database, its lock and logs.

    Without DIRECTORY, the folders are the ones --feeds/--db (or TIDINGS_FEEDS/TIDINGS_DB, or
    ./feeds and ./data) point to, so the commands that follow find what init made.

    Example: tidings init ~/job-search
    """
    if directory is None:
        feeds = app.workspace.feeds_dir
        data = app.workspace.db_path.parent
        # Only a data/ folder of our own gets the ignore file, never e.g. /tmp or $HOME.
        own_data = app.workspace.db_origin == "default"
    else:
        root = Path(directory)
        feeds = root / DEFAULT_FEEDS
        data = root / DEFAULT_DB.parent
        own_data = True
    example = feeds / EXAMPLE_FILE
    try:
        feeds.mkdir(parents=True, exist_ok=True)
        data.mkdir(parents=True, exist_ok=True)
        if any(feeds.glob("*.toml")):
            note(f"{feeds} already has company files; left them as they are")
        else:
            example.write_text(example_config(), encoding="utf-8")
            note(f"wrote {example}: a commented example; nothing is tracked yet")
        if own_data:
            (data / ".gitignore").write_text(DATA_GITIGNORE, encoding="utf-8")
    except (FileExistsError, NotADirectoryError) as exc:
        raise click.ClickException(
            f"cannot create the workspace: {exc.filename} exists and is not a folder"
        ) from None
    except OSError as exc:  # e.g. a read-only folder
        raise click.ClickException(f"cannot create the workspace: {exc.filename}: {exc.strerror}") from None
    first = 'tidings company add "NAME", then tidings source add "NAME" URL'
    if directory is None:
        note(f"workspace ready (feeds {feeds}, database folder {data}); next: {first}")
    else:
        note(f"workspace ready in {root.resolve()}; next: cd there, {first}")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@pass_app
def paths(app: App, as_json: bool) -> None:
    """Show which feeds folder and database file this command line resolves to, and why.

    Example: TIDINGS_DB=/tmp/t.duckdb tidings paths
    """
    ws = app.workspace
    if as_json:
        echo_json(
            {
                "feeds": str(ws.feeds_dir),
                "feeds_from": ws.feeds_origin,
                "db": str(ws.db_path),
                "db_from": ws.db_origin,
            }
        )
        return
    click.echo(f"feeds: {ws.feeds_dir}  ({ws.feeds_origin})")
    click.echo(f"db:    {ws.db_path}  ({ws.db_origin})")
