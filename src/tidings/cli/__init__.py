"""The command line: parse options, call the library, render. Only this package imports click."""

from __future__ import annotations

import logging
import sys

import click

from tidings import __version__
from tidings.cli.app import WORKSPACE_FREE, App, CliGroup, require_workspace
from tidings.cli.briefs import brief, demo, digest, draft, interview
from tidings.cli.companies import company
from tidings.cli.fetching import articles, cron, fetch
from tidings.cli.intel import developments, mentions, points, reanalyze, search
from tidings.cli.pages import discover, extract
from tidings.cli.sources import source
from tidings.cli.workspace import init, paths


@click.group(cls=CliGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--feeds",
    "feeds_dir",
    type=click.Path(file_okay=False),
    help="Folder of company files (default ./feeds; env TIDINGS_FEEDS).",
)
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False),
    help="DuckDB file (default ./data/tidings.duckdb; env TIDINGS_DB).",
)
@click.option("-v", "--verbose", count=True, help="Log more to stderr (-vv for debug).")
@click.version_option(__version__, prog_name="tidings")
@click.pass_context
def main(ctx: click.Context, feeds_dir: str | None, db_path: str | None, verbose: int) -> None:
    """tidings: company news turned into sourced talking points for your interview follow-ups.

    Track companies in feeds/*.toml, run `tidings fetch` nightly, and ask for talking points
    before you write: `tidings points "Acme"`. New here? `tidings demo` shows the whole flow.

    Example: tidings --db ~/job-search/data/tidings.duckdb points "Acme Robotics"
    """
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    # Module names help a developer (-v) and are noise in a user's terminal or cron mail.
    fmt = "%(levelname)s %(name)s: %(message)s" if verbose else "%(levelname)s: %(message)s"
    logging.basicConfig(level=level, stream=sys.stderr, format=fmt)
    ctx.obj = App.create(feeds_dir, db_path)


for command in (
    init, paths, company, source, fetch, articles, cron, extract, discover,
    points, developments, mentions, search, reanalyze,
    brief, draft, interview, digest, demo,
):
    if command.name not in WORKSPACE_FREE:
        require_workspace(command)
    main.add_command(command)
