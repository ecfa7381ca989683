"""The line `tidings cron` prints, run by a real shell as cron would (issue 13, point 3): what it
prints is what cron mails, so failure lines must be in it, and in the log file too."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.feedgen import items, rss
from tests.httpserver import Route, serve
from tests.test_fetch_e2e import Workspace, write_config
from tidings.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(shutil.which("sh") is None, reason="needs a POSIX shell")
def test_cron_line_mails_failures_and_the_digest(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    routes = {"/ok.xml": Route(rss(items(2, "fine"))), "/broken.xml": Route(b"down", status=503)}
    with serve(routes) as server:
        write_config(ws.feeds, {"Fine": [server.url("/ok.xml")], "Broken": [server.url("/broken.xml")]})
        printed = ws.run("cron", "--digest")
        assert printed.exit_code == 0
        line = printed.stdout.strip()
        command = line.split(" ", 5)[5]  # after minute hour day month weekday
        # cron runs the line with /bin/sh and a bare environment; `tidings` may not be on its
        # PATH here, so the line falls back to this interpreter.
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path)}
        if shutil.which("tidings") is None:
            env["PYTHONPATH"] = str(ROOT / "src")
        mail = subprocess.run(
            ["sh", "-c", command], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120
        )
    out = mail.stdout + mail.stderr  # cron mails both
    failure = [x for x in out.splitlines() if x.startswith("failed: ")]
    assert len(failure) == 1 and "broken.xml" in failure[0] and "503" in failure[0], out
    assert "# tidings digest" in mail.stdout  # the digest still ran after the failed fetch
    log_lines = (ws.db.parent / "fetch.log").read_text(encoding="utf-8").splitlines()
    # the log says when: each line opens with the run's UTC time, and the night's summary follows
    stamped = [x.split(" ", 1) for x in log_lines]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\dZ", stamp) for stamp, _ in stamped), log_lines
    assert [text for _, text in stamped][0] == failure[0]
    assert len(log_lines) == 2 and "1 failing" in log_lines[1], log_lines
    assert "digest" in printed.stderr or "MAILTO" in printed.stderr


def test_a_good_night_mails_nothing_and_logs_its_summary(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    log = tmp_path / "logs" / "fetch.log"
    with serve({"/ok.xml": Route(rss(items(2, "fine")))}) as server:
        write_config(ws.feeds, {"Fine": [server.url("/ok.xml")]})
        first = ws.run("fetch", "--quiet", "--log", str(log))
        second = ws.run("fetch", "--quiet", "--log", str(log))
    assert first.exit_code == second.exit_code == 0
    assert first.stdout + first.stderr == ""  # nothing printed: cron sends no mail
    lines = log.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and all("0 failed" in x for x in lines), lines


def test_an_unwritable_log_is_refused_before_fetching(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with serve({"/ok.xml": Route(rss(items(2, "fine")))}) as server:
        write_config(ws.feeds, {"Fine": [server.url("/ok.xml")]})
        result = ws.run("fetch", "--quiet", "--log", str(blocker / "fetch.log"))
        assert server.requests_for("/ok.xml") == []
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "cannot write the log" in result.stderr
    assert "Traceback" not in result.stderr


def test_digest_help_and_readme_agree_on_the_separator() -> None:
    from click.testing import CliRunner

    help_text = CliRunner().invoke(main, ["digest", "--help"]).stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "tidings fetch --quiet; tidings digest" in help_text
    assert "tidings fetch --quiet; tidings digest" in readme
    assert "fetch --quiet && tidings digest" not in help_text + readme
    assert sys.executable  # the fallback the printed line uses when tidings is not on PATH


def test_a_failure_line_names_the_url_once(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    page = b"<!doctype html><html><head><title>Hi</title></head><body><p>not a feed</p></body></html>"
    routes = {"/page.xml": Route(page, headers={"Content-Type": "text/html"}),
              "/down.xml": Route(b"down", status=503)}
    with serve(routes) as server:
        write_config(ws.feeds, {"Fine": [server.url("/page.xml"), server.url("/down.xml")]})
        result = ws.run("fetch", "--quiet")
    lines = [x for x in result.stderr.splitlines() if x.startswith("failed: ")]
    assert len(lines) == 2, result.stderr
    for line in lines:
        url = next(server.url(p) for p in routes if p in line)
        assert line.count(url) == 1, line
