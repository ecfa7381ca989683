"""Bugs found by using tidings as a hostile first user: one test per bug, through the CLI.

Each test names the command that misbehaved and pins the fixed behaviour: a one-line message
and the right exit code instead of a traceback, nothing of the user's lost, honest output.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from tests.conftest import Invoke
from tests.httpserver import Route, serve, wait_for


def _rss(items: list[tuple[str, str, datetime | None]]) -> str:
    body = []
    for title, link, when in items:
        date_tag = f"<pubDate>{format_datetime(when)}</pubDate>" if when else ""
        body.append(
            f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid>{date_tag}"
            f"<description>{title}.</description></item>"
        )
    return (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Acme news</title>"
        "<link>https://acme.example/</link><description>d</description>"
        + "".join(body)
        + "</channel></rss>"
    )


def _workspace(root: Path, feed_text: str) -> Path:
    """feeds/acme.toml with one file:// feed source (no network at all)."""
    feed = root / "acme.xml"
    feed.write_text(feed_text, encoding="utf-8")
    feeds = root / "feeds"
    feeds.mkdir(exist_ok=True)
    (feeds / "acme.toml").write_text(
        '[[company]]\nname = "Acme"\nrole = "target"\n\n'
        f'[[company.sources]]\nurl = "{feed.as_uri()}"\nname = "Acme news"\n',
        encoding="utf-8",
    )
    return feeds


def _recent(days: int) -> datetime:
    return datetime.now(UTC) - timedelta(days=days)


# fetch --db in a folder that cannot exist: the fetch lock's OSError came out as a traceback.
def test_fetch_into_impossible_db_folder_is_one_line(invoke: Invoke, tmp_path: Path) -> None:
    _workspace(tmp_path, _rss([("Acme launches Widget", "https://acme.example/w", _recent(1))]))
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    result = invoke("--db", str(blocker / "tidings.duckdb"), "fetch")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert str(blocker) in result.stderr
    assert len(result.stderr.strip().splitlines()[-1:]) == 1
    assert "Traceback" not in result.stderr


# articles --limit 99999999999999999999: DuckDB could not cast the LIMIT ("database error").
def test_articles_accepts_a_huge_limit(invoke: Invoke, tmp_path: Path) -> None:
    _workspace(tmp_path, _rss([("Acme launches Widget", "https://acme.example/w", _recent(1))]))
    assert invoke("fetch").exit_code == 0
    result = invoke("articles", "--limit", "99999999999999999999", "--json")
    assert result.exit_code == 0, result.stderr
    assert [a["title"] for a in json.loads(result.stdout)] == ["Acme launches Widget"]


# interview add --date 9999-12-31 stored the row, then crashed with OverflowError.
@pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01", "2026-02-30"])
def test_interview_date_out_of_range_is_a_usage_error(
    invoke: Invoke, tmp_path: Path, value: str
) -> None:
    _workspace(tmp_path, _rss([]))
    result = invoke("interview", "add", "Acme", "--date", value)
    assert result.exit_code == 2
    assert "--date" in result.stderr
    listed = invoke("interview", "list", "--json")
    assert json.loads(listed.stdout) == []


# A far-future interview already in a database made `interview list` and `digest` crash forever.
def test_far_future_stored_interview_does_not_break_listings(
    invoke: Invoke, tmp_path: Path, db_path: Path
) -> None:
    from tidings.store.connection import connect
    from tidings.store.interviews import add_interview

    _workspace(tmp_path, _rss([]))
    with connect(db_path) as con:
        add_interview(
            con, company="acme", company_name="Acme", on=date(9999, 12, 31),
            with_name=None, role=None, notes=None, timeline_days=7,
        )
    listed = invoke("interview", "list", "--json")
    assert listed.exit_code == 0
    assert json.loads(listed.stdout)[0]["date"] == "9999-12-31"
    assert invoke("digest", "--since", "7d").exit_code == 0


# `tidings demo DIR` on a real workspace mixed sample news into its database and feeds/.
def test_demo_refuses_a_real_workspace(invoke: Invoke, tmp_path: Path) -> None:
    feeds = _workspace(tmp_path, _rss([]))
    before = sorted(p.name for p in feeds.iterdir())
    result = invoke("demo", str(tmp_path))
    assert result.exit_code == 2
    assert "already holds a tidings workspace" in result.stderr
    assert sorted(p.name for p in feeds.iterdir()) == before
    # A fresh folder, and a rebuild of an earlier demo, still work.
    assert invoke("demo", str(tmp_path / "demo")).exit_code == 0
    assert invoke("demo", str(tmp_path / "demo")).exit_code == 0


# brief -o feeds/acme.toml silently replaced the company file with HTML.
def test_brief_output_never_replaces_config_or_database(
    invoke: Invoke, tmp_path: Path, db_path: Path
) -> None:
    feeds = _workspace(tmp_path, _rss([("Acme launches Widget", "https://acme.example/w", _recent(1))]))
    assert invoke("fetch").exit_code == 0
    config_before = (feeds / "acme.toml").read_bytes()
    db_before = db_path.read_bytes()
    for target in (feeds / "acme.toml", db_path):
        result = invoke("brief", "Acme", "--format", "html", "-o", str(target))
        assert result.exit_code == 2, result.stderr
        assert "pick another file" in result.stderr
    assert (feeds / "acme.toml").read_bytes() == config_before
    assert db_path.read_bytes() == db_before
    # A normal output path still works, and leaves no temporary file beside it.
    out = tmp_path / "briefs" / "acme.html"
    assert invoke("brief", "Acme", "--format", "html", "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in out.parent.iterdir()] == ["acme.html"]


# points: an undated item (date = first seen) was presented as "26 Nov" news like a dated one.
def test_points_say_when_a_date_is_only_first_seen(invoke: Invoke, tmp_path: Path) -> None:
    _workspace(
        tmp_path,
        _rss(
            [
                ("Acme launches Widget for warehouses", "https://acme.example/w", None),
                ("Acme raises $5 million Series A", "https://acme.example/f", _recent(2)),
            ]
        ),
    )
    assert invoke("fetch").exit_code == 0
    result = invoke("points", "Acme", "--json")
    points = {p["url"]: p for p in json.loads(result.stdout)["points"]}
    undated, dated = points["https://acme.example/w"], points["https://acme.example/f"]
    assert undated["published_is_estimate"] is True
    assert "(first seen " in undated["text"]
    assert dated["published_is_estimate"] is False
    assert "first seen" not in dated["text"]
    assert "(first seen " in invoke("points", "Acme").stdout


# company add "": the error blamed a file that does not exist ("company.toml: company #1 ...").
@pytest.mark.parametrize("name", ["", "   "])
def test_company_add_blank_name(invoke: Invoke, feeds_dir: Path, name: str) -> None:
    result = invoke("company", "add", name)
    assert result.exit_code == 2
    assert "needs a name" in result.stderr
    assert not feeds_dir.exists() or not any(feeds_dir.iterdir())


# Two names without Latin letters both slugged to "company": the second could not be added.
def test_non_latin_names_get_distinct_slugs(invoke: Invoke) -> None:
    assert invoke("company", "add", "日本電気").exit_code == 0
    assert invoke("company", "add", "株式会社").exit_code == 0
    listed = json.loads(invoke("company", "list", "--json").stdout)
    slugs = {c["name"]: c["slug"] for c in listed}
    assert len(set(slugs.values())) == 2
    assert all(s.startswith("company-") for s in slugs.values())
    assert invoke("points", "株式会社").exit_code == 0


# company add 'Ünïcødé "Q" Co' suggested `source add "Ünïcødé "Q" Co" URL`, broken in a shell.
def test_next_step_hint_can_be_pasted_into_a_shell(invoke: Invoke) -> None:
    import shlex

    name = 'Ünïcødé "Q" Co'
    result = invoke("company", "add", name)
    assert result.exit_code == 0
    hint = next(line for line in result.stderr.splitlines() if line.startswith("next: "))
    assert shlex.split(hint.removeprefix("next: ")) == ["tidings", "source", "add", name, "URL"]


# fetch from cron in the wrong folder: "no sources configured", exit 0, every night.
def test_fetch_without_a_feeds_folder_fails(invoke: Invoke, feeds_dir: Path) -> None:
    result = invoke("fetch")
    assert result.exit_code == 2
    assert f"no feeds folder at {feeds_dir}" in result.stderr
    assert result.stdout == ""


# Warnings on stderr carried the logger's module path ("WARNING tidings.analysis.mentions: ...").
# (The common-word-name warning this used is gone: `source list`, `brief` and `points` now say
# it; a robots.txt that answers 503 still warns from a library module.)
def test_warnings_read_as_messages_not_log_records(tmp_path: Path) -> None:
    listing = b'<html><body><a href="/news/a">A headline about things</a></body></html>'
    routes = {
        "/news": Route(listing, headers={"Content-Type": "text/html"}),
        "/robots.txt": Route(b"busy", status=503),
    }
    with serve(routes) as server:
        feeds = tmp_path / "feeds"
        feeds.mkdir()
        (feeds / "acme.toml").write_text(
            f'[[company]]\nname = "Acme"\n\n[[company.sources]]\nurl = "{server.url("/news")}"\n'
            'kind = "page"\n',
            encoding="utf-8",
        )
        env = {**os.environ, "TIDINGS_FEEDS": str(feeds), "TIDINGS_DB": str(tmp_path / "t.duckdb")}
        proc = subprocess.run(
            [sys.executable, "-m", "tidings", "fetch"],
            env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60,
        )
    warning = next(line for line in proc.stderr.splitlines() if "robots.txt" in line)
    assert warning.startswith("WARNING: robots.txt of http://127.0.0.1")


# Ctrl-C during fetch waited for every in-flight request to time out (fetch.py: the thread pool
# shuts down with wait=True and without cancel_futures), then exited 1 instead of 130.
def test_sigint_during_fetch_stops_promptly(tmp_path: Path) -> None:
    # The request is held far longer than the bound below, so passing means fetch did not wait
    # for it; the signal goes out only once the request is in flight, not during start-up.
    with serve({"/slow.xml": Route(_rss([]).encode(), delay=30.0)}) as server:
        feeds = tmp_path / "feeds"
        feeds.mkdir()
        (feeds / "acme.toml").write_text(
            f'[[company]]\nname = "Acme"\n\n[[company.sources]]\nurl = "{server.url("/slow.xml")}"\n',
            encoding="utf-8",
        )
        env = {**os.environ, "TIDINGS_FEEDS": str(feeds), "TIDINGS_DB": str(tmp_path / "t.duckdb")}
        proc = subprocess.Popen(
            [sys.executable, "-m", "tidings", "fetch", "--timeout", "30"],
            env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            # Background children may inherit SIGINT as ignored; restore the default handler.
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        assert wait_for(lambda: bool(server.requests_for("/slow.xml")), timeout=60.0)
        time.sleep(0.5)
        started = time.monotonic()
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=60)
        took = time.monotonic() - started
    assert took < 15.0
    assert proc.returncode == 130


# fetch's summary counted a feed's duplicate items (same link and GUID, repeated) as new
# articles: "4 new articles" while one row was stored (fetch.py / store counts, not mine).
def test_fetch_summary_counts_stored_articles(invoke: Invoke, tmp_path: Path) -> None:
    item = ("Acme partners with Globex", "https://acme.example/p", _recent(1))
    _workspace(tmp_path, _rss([item, item, item, item]))
    result = invoke("fetch")
    assert result.exit_code == 0
    stored = json.loads(invoke("articles", "--json").stdout)
    assert len(stored) == 1
    assert "; 1 new article" in result.stderr


# source add / discover / extract 'http://[::1': urlsplit's ValueError came out as a traceback.
@pytest.mark.parametrize(
    "args",
    [
        ("source", "add", "Acme", "http://[::1"),
        ("discover", "http://[::1"),
        ("extract", "http://[::1"),
        ("extract", "http://127.0.0.1:99999/"),
        ("source", "add", "Acme", "http://:80/feed"),
    ],
)
def test_malformed_urls_are_usage_errors(invoke: Invoke, tmp_path: Path, args: tuple[str, ...]) -> None:
    feeds = _workspace(tmp_path, _rss([]))
    before = (feeds / "acme.toml").read_text(encoding="utf-8")
    result = invoke(*args)
    assert result.exit_code == 2
    assert "Invalid value for URL" in result.stderr
    assert (feeds / "acme.toml").read_text(encoding="utf-8") == before


# source import wrote an OPML outline's malformed URL into feeds/ as a source.
def test_opml_import_skips_malformed_urls(invoke: Invoke, tmp_path: Path) -> None:
    feeds = _workspace(tmp_path, _rss([]))
    opml = tmp_path / "subs.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        '<outline text="bad" xmlUrl="http://[::1"/>'
        '<outline text="good" xmlUrl="https://acme.example/feed.xml"/></body></opml>',
        encoding="utf-8",
    )
    result = invoke("source", "import", str(opml), "--company", "Acme")
    assert result.exit_code == 0
    assert "skipped http://[::1" in result.stderr
    text = (feeds / "acme.toml").read_text(encoding="utf-8")
    assert "https://acme.example/feed.xml" in text
    assert "[::1" not in text


# source add of a URL another company already has probed the network first, then refused.
def test_duplicate_source_is_refused_before_any_request(invoke: Invoke, tmp_path: Path) -> None:
    with serve({"/feed.xml": Route(_rss([]).encode())}) as server:
        _workspace(tmp_path, _rss([]))
        url = server.url("/feed.xml")
        assert invoke("company", "add", "Globex").exit_code == 0
        assert invoke("source", "add", "Acme", url, "--kind", "feed").exit_code == 0
        seen = len(server.requests)
        result = invoke("source", "add", "Globex", url)
        assert result.exit_code == 2
        assert "already a source of 'Acme'" in result.stderr
        assert len(server.requests) == seen


# points on a company whose sources never worked said only "Nothing recent": no data read as news.
def test_points_without_any_data_say_so(invoke: Invoke, tmp_path: Path) -> None:
    feeds = _workspace(tmp_path, _rss([]))
    (feeds / "acme.toml").write_text(
        (feeds / "acme.toml").read_text(encoding="utf-8").replace(
            (tmp_path / "acme.xml").as_uri(), (tmp_path / "missing.xml").as_uri()
        ),
        encoding="utf-8",
    )
    assert invoke("fetch").exit_code == 1
    result = invoke("points", "Acme")
    assert result.exit_code == 0
    assert "no data, not no news" in result.stderr
    # With articles stored, the note goes away even if none is a talking point.
    _workspace(tmp_path, _rss([("Acme posts its weekly notes", "https://acme.example/n", _recent(1))]))
    assert invoke("fetch", "--force").exit_code == 0
    assert "no data, not no news" not in invoke("points", "Acme").stderr
