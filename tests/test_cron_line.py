"""The line `tidings cron` prints, run by a real shell as cron would (issue 13, point 3): what it
prints is what cron mails, so failure lines must be in it, and in the log file too."""

from __future__ import annotations

import os
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
    log = ws.db.parent / "fetch.log"
    assert failure[0] in log.read_text(encoding="utf-8")
    assert "digest" in printed.stderr or "MAILTO" in printed.stderr


def test_digest_help_and_readme_agree_on_the_separator() -> None:
    from click.testing import CliRunner

    help_text = CliRunner().invoke(main, ["digest", "--help"]).stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "tidings fetch --quiet; tidings digest" in help_text
    assert "tidings fetch --quiet; tidings digest" in readme
    assert "fetch --quiet && tidings digest" not in help_text + readme
    assert sys.executable  # the fallback the printed line uses when tidings is not on PATH
