"""A new user's first hour (issue 13, points 5 and 10): `tidings init DIR` makes an empty
workspace, the README's own-workspace steps work as written, and outside a workspace every
command that needs one stops with exit 2 and creates nothing."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from tests.feedgen import items, rss
from tests.httpserver import Route, serve
from tests.test_cli_config import _walk
from tidings.cli import main
from tidings.cli.app import NO_WORKSPACE, WORKSPACE_FREE
from tidings.workspace.config import load_config

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.fixture
def nowhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder, no TIDINGS_FEEDS / TIDINGS_DB: where a new user (or cron) may stand."""
    monkeypatch.delenv("TIDINGS_FEEDS", raising=False)
    monkeypatch.delenv("TIDINGS_DB", raising=False)
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    return here


def cli(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def snapshot(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


# --- init -------------------------------------------------------------------------------------


def test_init_dir_makes_an_empty_workspace(nowhere: Path) -> None:
    result = cli("init", "job-search")
    assert result.exit_code == 0, result.stderr
    root = nowhere / "job-search"
    example = root / "feeds" / "example.toml"
    text = example.read_text(encoding="utf-8")
    # every line a comment (or blank): nothing tracked, an example to copy
    assert all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())
    assert "# [[company]]" in text and "# [[company.sources]]" in text and "PLACEHOLDER" in text
    assert load_config(root / "feeds").companies == []
    # the commented example, uncommented, is a valid configuration
    example_part = text[text.index("# [[company]]"):]
    uncommented = "\n".join(line.removeprefix("#").removeprefix(" ") for line in example_part.splitlines())
    (root / "copy").mkdir()
    (root / "copy" / "mine.toml").write_text(uncommented, encoding="utf-8")
    assert [c.name for c in load_config(root / "copy").companies] == ["Acme Robotics", "Globex"]
    (root / "copy" / "mine.toml").unlink()
    (root / "copy").rmdir()

    ignore = (root / "data" / ".gitignore").read_text(encoding="utf-8")
    for pattern in ("*.duckdb", "*.duckdb.wal", "*.duckdb.fetch.lock", "*.log"):
        assert pattern in ignore.splitlines()


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_init_dir_keeps_the_database_lock_and_logs_out_of_git(nowhere: Path) -> None:
    assert cli("init", "ws").exit_code == 0
    root = nowhere / "ws"
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    for name in ("tidings.duckdb", "tidings.duckdb.wal", "tidings.duckdb.fetch.lock", "fetch.log"):
        (root / "data" / name).write_text("x", encoding="utf-8")
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"], cwd=root, check=True,
        capture_output=True, text=True,
    ).stdout.split()
    assert sorted(s for s in status if s != "??") == ["data/.gitignore", "feeds/example.toml"]


# --- the README's own-workspace steps, as written -----------------------------------------------


def readme_steps() -> list[str]:
    text = README.read_text(encoding="utf-8")
    block = text.split("Your own workspace, step by step", 1)[1].split("```console", 1)[1]
    block = block.split("```", 1)[0]
    return [line[2:] for line in block.splitlines() if line.startswith("$ ")]


NEWSROOM = (
    b'<!doctype html><html><head><title>Acme newsroom</title>'
    b'<link rel="alternate" type="application/rss+xml" href="/acme.xml"></head>'
    b"<body><p>News from Acme Robotics.</p></body></html>"
)


def test_readme_own_workspace_steps_work_as_written(nowhere: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    steps = readme_steps()
    assert steps[0].startswith("tidings init ~/job-search")
    urls = sorted({u for step in steps for u in re.findall(r"https://[\w.-]+\.example/\S*", step)})
    assert urls == ["https://acme.example/newsroom", "https://globex.example/feed.xml"]
    acme = items(3, "acme", host="https://acme.example")
    for n, entry in enumerate(acme):
        entry["title"] = f"Acme Robotics ships robot {n}"
    routes = {
        "/newsroom": Route(NEWSROOM, headers={"Content-Type": "text/html"}),
        "/acme.xml": Route(rss(acme)),
        "/globex.xml": Route(rss(items(2, "globex", host="https://globex.example"))),
    }
    monkeypatch.setenv("HOME", str(nowhere))
    with serve(routes) as server:
        # Only the placeholders change: the URLs become the test server's.
        swap = {
            "https://acme.example/newsroom": server.url("/newsroom"),
            "https://globex.example/feed.xml": server.url("/globex.xml"),
        }
        outputs = {}
        for step in steps:
            for placeholder, real in swap.items():
                step = step.replace(placeholder, real)
            for part in step.split(" && "):
                argv = shlex.split(part, comments=True)
                argv = [str(Path(a).expanduser()) if a.startswith("~") else a for a in argv]
                if argv[0] == "cd":
                    monkeypatch.chdir(argv[1])
                    continue
                assert argv[0] == "tidings", part
                result = cli(*argv[1:])
                assert result.exit_code == 0, f"{part}: {result.stderr}"
                outputs[argv[1]] = result
    root = nowhere / "job-search"
    assert Path.cwd() == root
    config = load_config(root / "feeds")
    assert sorted(c.name for c in config.companies) == ["Acme Robotics", "Globex"]
    assert server.url("/acme.xml") in {s.url for s in config.sources()}  # the feed the page links
    assert "Acme Robotics ships robot 0" in outputs["articles"].stdout
    assert str(root / "data" / "tidings.duckdb") in outputs["cron"].stdout


# --- outside a workspace ----------------------------------------------------------------------


def _args_for(command: click.Command, spare: Path) -> list[str]:
    """Values that get a command past its own option parsing: the guard is what is tested."""
    args: list[str] = []
    for param in command.params:
        if not param.required:
            continue
        exists = isinstance(param.type, click.Path) and param.type.exists
        value = str(spare) if exists else "today" if param.name == "on" else "1" if isinstance(
            param.type, click.types.IntParamType
        ) else "http://127.0.0.1:9/x" if param.name == "url" else "Acme"
        if isinstance(param, click.Option):
            args += [param.opts[0], value]
        else:
            args.append(value)
    return args


NEEDS_WORKSPACE = [
    (path, command) for path, command in _walk(main) if path and path[0] not in WORKSPACE_FREE
    and not isinstance(command, click.Group)
]


def test_the_free_commands_are_the_documented_ones() -> None:
    assert WORKSPACE_FREE == {"init", "demo", "paths", "extract", "discover"}
    assert len(NEEDS_WORKSPACE) >= 20


@pytest.mark.parametrize(("path", "command"), NEEDS_WORKSPACE, ids=[" ".join(p) for p, _ in NEEDS_WORKSPACE])
def test_outside_a_workspace_commands_stop_and_create_nothing(
    nowhere: Path, tmp_path: Path, path: tuple[str, ...], command: click.Command
) -> None:
    spare = tmp_path / "spare.opml"
    spare.write_text("<opml/>", encoding="utf-8")
    result = cli(*path, *_args_for(command, spare))
    assert result.exit_code == 2, result.stderr
    assert result.stderr.strip() == f"Error: {NO_WORKSPACE}"
    assert result.stdout == ""
    assert snapshot(nowhere) == []
    # --help still works there
    assert cli(*path, "--help").exit_code == 0


def test_outside_a_workspace_the_free_commands_run(nowhere: Path, tmp_path: Path) -> None:
    paths = cli("paths", "--json")
    assert paths.exit_code == 0 and json.loads(paths.stdout)["feeds_from"] == "default"
    page = tmp_path / "page.html"
    words = "Acme Robotics opened an office in Lisbon to serve its customers in southern Europe. " * 5
    page.write_text(f"<html><head><title>Hello</title></head><body><article><h1>Hello</h1><p>{words}</p>"
                    "</article></body></html>", encoding="utf-8")
    assert cli("extract", str(page)).exit_code == 0
    assert snapshot(nowhere) == []


def test_feeds_option_or_environment_is_a_workspace(nowhere: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # An explicit choice is respected: company add creates the folder it was pointed at.
    assert cli("--feeds", "mine", "company", "add", "Acme").exit_code == 0
    assert (nowhere / "mine" / "acme.toml").is_file()
    monkeypatch.setenv("TIDINGS_FEEDS", str(nowhere / "mine"))
    listed = cli("company", "list", "--json")
    assert listed.exit_code == 0 and [c["name"] for c in json.loads(listed.stdout)] == ["Acme"]
