"""Shared fixtures: every test runs in its own workspace, so none touches real data or feeds/."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tidings.cli import main

Invoke = Callable[..., Result]


@pytest.fixture(autouse=True)
def isolated_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """chdir into tmp_path and point TIDINGS_FEEDS / TIDINGS_DB under it.

    Autouse because one forgotten fixture would let a test edit the repo's feeds/ or a
    user's database.
    """
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TIDINGS_FEEDS", str(tmp_path / "feeds"))
    monkeypatch.setenv("TIDINGS_DB", str(tmp_path / "data" / "tidings.duckdb"))
    return tmp_path


@pytest.fixture
def feeds_dir(isolated_workspace: Path) -> Path:
    """The (not yet created) feeds folder the environment points at."""
    return isolated_workspace / "feeds"


@pytest.fixture
def db_path(isolated_workspace: Path) -> Path:
    """The (not yet created) database file the environment points at."""
    return isolated_workspace / "data" / "tidings.duckdb"


@pytest.fixture
def runner() -> CliRunner:
    # click 8.2+ keeps result.stdout and result.stderr apart.
    return CliRunner()


@pytest.fixture
def invoke(runner: CliRunner) -> Invoke:
    """invoke("company", "list", "--json") runs the CLI in-process and returns the Result.

    catch_exceptions=False so an unexpected exception fails the test with its traceback
    instead of hiding behind an exit code.
    """

    def _invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(
            main, list(args), input=input, catch_exceptions=False, prog_name="tidings"
        )

    return _invoke


# A hand-written company file, comments and odd layout included: edits must keep all of it.
HAND_WRITTEN = """\
# Companies I am talking to.

[[company]]
name = "Northwind Traders"   # met the CTO
aliases = ["Northwind"]
competitors = [
    "Contoso",  # closest rival
]

# their newsroom
[[company.sources]]
url = "http://127.0.0.1:9/northwind.xml"

[[company]]
name = "Contoso Ltd"
aliases = ["Contoso"]
role = "competitor"  # keep an eye on them
# trailing note
"""


@pytest.fixture
def hand_written(feeds_dir: Path) -> Path:
    """feeds/search.toml holding HAND_WRITTEN."""
    feeds_dir.mkdir()
    path = feeds_dir / "search.toml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    return path
