"""The workspace and configuration commands, driven the way a user (a careless one) drives them."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest

from tidings.cli import main
from tidings.cli.workspace import example_config
from tidings.workspace.config import load_config

from .conftest import HAND_WRITTEN, Invoke

RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Acme news</title><link>http://127.0.0.1:9/</link>
<item><title>Acme launches Harbor</title><link>http://127.0.0.1:9/harbor</link>
<pubDate>{date}</pubDate><description>Acme launched Harbor today.</description></item>
</channel></rss>
"""



def one_line_error(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    assert lines[0].startswith("Error: ")
    assert "Traceback" not in text
    return lines[0]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# --- paths and init -----------------------------------------------------------------------------


def test_paths_defaults_env_and_option(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("TIDINGS_FEEDS")
    monkeypatch.delenv("TIDINGS_DB")
    data = json.loads(invoke("paths", "--json").stdout)
    assert data == {
        "feeds": str(tmp_path / "feeds"),
        "feeds_from": "default",
        "db": str(tmp_path / "data" / "tidings.duckdb"),
        "db_from": "default",
    }
    monkeypatch.setenv("TIDINGS_FEEDS", str(tmp_path / "env-feeds"))
    monkeypatch.setenv("TIDINGS_DB", "~/env.duckdb")
    data = json.loads(invoke("paths", "--json").stdout)
    assert (data["feeds"], data["feeds_from"]) == (str(tmp_path / "env-feeds"), "environment")
    assert (data["db"], data["db_from"]) == (str(Path.home() / "env.duckdb"), "environment")
    data = json.loads(invoke("--feeds", "opt-feeds", "--db", "opt.duckdb", "paths", "--json").stdout)
    assert data == {
        "feeds": str(tmp_path / "opt-feeds"),
        "feeds_from": "option",
        "db": str(tmp_path / "opt.duckdb"),
        "db_from": "option",
    }


def test_paths_text_names_each_origin(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("--db", "x.duckdb", "paths")
    assert result.exit_code == 0
    assert f"feeds: {tmp_path / 'feeds'}  (environment)" in result.stdout
    assert f"db:    {tmp_path / 'x.duckdb'}  (option)" in result.stdout
    assert result.stderr == ""


def test_init_creates_the_workspace_and_a_second_init_keeps_it(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("init")
    assert result.exit_code == 0
    example = tmp_path / "feeds" / "example.toml"
    assert example.read_text(encoding="utf-8") == example_config()
    assert (tmp_path / "data").is_dir()
    assert result.stdout == ""  # status goes to stderr
    assert "example.toml" in result.stderr
    assert load_config(tmp_path / "feeds").companies == []  # a commented example tracks nothing
    assert json.loads(invoke("company", "list", "--json").stdout) == []

    example.write_text('# mine now\n[[company]]\nname = "Acme"\n', encoding="utf-8")
    result = invoke("init")
    assert result.exit_code == 0
    assert example.read_text(encoding="utf-8") == '# mine now\n[[company]]\nname = "Acme"\n'
    assert "left them" in result.stderr


def test_init_into_a_directory(invoke: Invoke, tmp_path: Path) -> None:
    assert invoke("init", "job/search").exit_code == 0
    assert (tmp_path / "job" / "search" / "feeds" / "example.toml").is_file()
    assert (tmp_path / "job" / "search" / "data").is_dir()
    assert not (tmp_path / "feeds").exists()


def test_init_without_a_directory_uses_the_resolved_paths(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TIDINGS_DB", str(tmp_path / "elsewhere" / "t.duckdb"))
    assert invoke("--feeds", "my-feeds", "init").exit_code == 0
    assert (tmp_path / "my-feeds" / "example.toml").is_file()
    assert (tmp_path / "elsewhere").is_dir()
    assert not (tmp_path / "elsewhere" / ".gitignore").exists()  # not our folder to decorate
    assert not (tmp_path / "feeds").exists()
    # and the next command finds what init made
    assert invoke("--feeds", "my-feeds", "company", "add", "Acme").exit_code == 0
    listed = json.loads(invoke("--feeds", "my-feeds", "company", "list", "--json").stdout)
    assert [c["name"] for c in listed] == ["Acme"]


def test_init_with_a_file_in_the_way_is_one_line(invoke: Invoke, tmp_path: Path) -> None:
    (tmp_path / "feeds").write_text("not a folder")
    result = invoke("init")
    assert result.exit_code == 1
    assert "feeds" in one_line_error(result.stderr)


# --- a broken configuration stops every command and touches nothing ----------------------------

BROKEN = {
    "bad toml": '[[company]\nname = "Acme"\n',
    "unknown company key": '[[company]]\nname = "Acme"\nticker = "ACME"\n',
    "unknown source key": (
        '[[company]]\nname = "Acme"\n[[company.sources]]\nurl = "http://127.0.0.1:9/a"\nkinds = "feed"\n'
    ),
    "source without url": '[[company]]\nname = "Acme"\n[[company.sources]]\nname = "x"\n',
    "non-http url": '[[company]]\nname = "Acme"\n[[company.sources]]\nurl = "gopher://127.0.0.1/a"\n',
    "untracked competitor": '[[company]]\nname = "Acme"\ncompetitors = ["Initech"]\n',
    "duplicate name": '[[company]]\nname = "Acme"\n\n[[company]]\nname = "acme"\n',
    "name vs alias": '[[company]]\nname = "Acme"\n\n[[company]]\nname = "Globex"\naliases = ["ACME"]\n',
    "duplicate source url": (
        '[[company]]\nname = "Globex"\n[[company.sources]]\nurl = "file:///{feed}"\n'
    ),
    "bad role": '[[company]]\nname = "Acme"\nrole = "employer"\n',
    "bad regex": (
        '[[company]]\nname = "Acme"\n[[company.sources]]\nurl = "http://127.0.0.1:9/p"\nkind = "page"\n'
        'link_pattern = "[a-"\n'
    ),
}


@pytest.fixture
def stored_state(invoke: Invoke, tmp_path: Path, feeds_dir: Path, db_path: Path) -> Path:
    """A workspace whose database holds a fetched article (from a file:// feed)."""
    feed = tmp_path / "acme.xml"
    feed.write_text(RSS.format(date="Mon, 10 Nov 2025 10:00:00 GMT"), encoding="utf-8")
    assert invoke("company", "add", "Acme Rocket Co").exit_code == 0
    assert invoke("source", "add", "acme rocket co", feed.as_uri(), "--kind", "feed").exit_code == 0
    assert invoke("fetch", "--quiet").exit_code == 0
    listed = json.loads(invoke("articles", "--since", "2025-01-01", "--json").stdout)
    assert [a["title"] for a in listed] == ["Acme launches Harbor"]
    return feed


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_config_is_exit_2_one_line_and_touches_nothing(
    invoke: Invoke, stored_state: Path, feeds_dir: Path, db_path: Path, case: str
) -> None:
    broken = feeds_dir / "zz-broken.toml"
    broken.write_text(BROKEN[case].replace("file:///{feed}", stored_state.as_uri()), encoding="utf-8")
    data_dir = db_path.parent
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in data_dir.iterdir()}
    feeds_before = snapshot(feeds_dir)
    for args in (
        ["fetch"],
        ["fetch", "--quiet"],
        ["company", "list"],
        ["company", "list", "--json"],
        ["source", "list", "--json"],
        ["source", "export"],
        ["company", "add", "Globex Two"],
        ["source", "add", "acme rocket co", "http://127.0.0.1:9/other", "--kind", "feed", "--force"],
        ["company", "remove", "acme rocket co"],
    ):
        result = invoke(*args)
        assert result.exit_code == 2, (args, result.stderr)
        assert result.stdout == ""
        message = one_line_error(result.stderr)
        assert "zz-broken.toml" in message, (args, message)
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in data_dir.iterdir()} == before
    assert snapshot(feeds_dir) == feeds_before


# --- company add / list / remove -------------------------------------------------------------------


def test_company_commands_keep_hand_written_comments(
    invoke: Invoke, hand_written: Path, feeds_dir: Path
) -> None:
    result = invoke(
        "company", "add", "Fabrikam", "--role", "competitor", "--alias", "Fab", "--domain", "fabrikam.example"
    )
    assert result.exit_code == 0, result.stderr
    assert hand_written.read_text() == HAND_WRITTEN  # a new company gets its own file
    assert (feeds_dir / "fabrikam.toml").is_file()

    blog = "http://127.0.0.1:9/blog.xml"
    assert invoke("source", "add", "NORTHWIND", blog, "--kind", "feed", "--force").exit_code == 0
    other = "http://127.0.0.1:9/c.xml"
    assert invoke("source", "add", "contoso", other, "--kind", "feed", "--force").exit_code == 0
    assert invoke("source", "remove", "http://127.0.0.1:9/northwind.xml").exit_code == 0
    text = hand_written.read_text()
    for comment in ("# Companies I am talking to.", "# met the CTO", "# closest rival", "# their newsroom",
                    "# keep an eye on them", "# trailing note"):
        assert comment in text
    config = load_config(feeds_dir)
    assert [s.url for s in config.find("northwind").sources] == ["http://127.0.0.1:9/blog.xml"]
    assert [s.url for s in config.find("contoso").sources] == ["http://127.0.0.1:9/c.xml"]

    result = invoke("company", "remove", "contoso")
    assert result.exit_code == 0
    assert "Northwind Traders" in result.stderr  # says whose competitor list changed
    text = hand_written.read_text()
    assert "# met the CTO" in text and "# Companies I am talking to." in text
    assert "Contoso" not in text
    config = load_config(feeds_dir)
    assert [c.name for c in config.companies] == ["Fabrikam", "Northwind Traders"]
    assert config.find("northwind").competitors == ()


def test_failed_company_add_writes_nothing(invoke: Invoke, hand_written: Path, feeds_dir: Path) -> None:
    before = snapshot(feeds_dir)
    result = invoke("company", "add", "Acme", "--competitor", "Initech")
    assert result.exit_code == 2
    assert "Initech" in one_line_error(result.stderr)
    result = invoke("company", "add", "northwind")  # an alias of a tracked company
    assert result.exit_code == 2
    assert "already tracked" in one_line_error(result.stderr)
    result = invoke("company", "add", "Acme", "--role", "rival")
    assert result.exit_code == 2  # click rejects the choice
    assert snapshot(feeds_dir) == before


@pytest.mark.parametrize(
    "query", ["Northwind Traders", "northwind traders", "NORTHWIND", "northwind-traders"]
)
def test_lookup_by_name_alias_or_slug(invoke: Invoke, hand_written: Path, query: str) -> None:
    result = invoke("source", "add", query, "http://127.0.0.1:9/x.xml", "--kind", "feed", "--force")
    assert result.exit_code == 0, result.stderr
    assert "Northwind Traders" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["company", "remove", "Northwnd Traders"],
        ["source", "add", "Northwnd Traders", "http://127.0.0.1:9/x.xml", "--kind", "feed", "--force"],
        ["fetch", "--company", "Northwnd Traders"],
        ["articles", "--company", "Northwnd Traders"],
    ],
)
def test_unknown_company_says_did_you_mean(
    invoke: Invoke, hand_written: Path, feeds_dir: Path, args: list[str]
) -> None:
    before = snapshot(feeds_dir)
    result = invoke(*args)
    assert result.exit_code == 1
    assert "did you mean 'Northwind Traders'?" in one_line_error(result.stderr)
    assert snapshot(feeds_dir) == before


def test_company_list_json_keys(invoke: Invoke, hand_written: Path, feeds_dir: Path) -> None:
    result = invoke("company", "list", "--json")
    assert result.exit_code == 0 and result.stderr == ""
    rows = json.loads(result.stdout)
    assert [set(r) for r in rows] == [
        {"slug", "name", "role", "aliases", "domains", "tickers", "competitors", "context", "exclude",
         "ambiguous", "news", "sources", "file"}
    ] * 2
    nw = rows[0]
    assert (nw["slug"], nw["role"], nw["competitors"], nw["sources"]) == (
        "northwind-traders", "target", ["contoso-ltd"], ["http://127.0.0.1:9/northwind.xml"]
    )
    assert nw["file"] == str(feeds_dir / "search.toml")


def test_company_list_text_and_empty(invoke: Invoke, hand_written: Path, feeds_dir: Path) -> None:
    lines = invoke("company", "list").stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("Northwind Traders") and "vs Contoso Ltd" in lines[0]
    hand_written.unlink()
    result = invoke("company", "list")
    assert result.exit_code == 0 and result.stdout == ""
    assert "company add" in result.stderr
    assert json.loads(invoke("company", "list", "--json").stdout) == []


def test_source_list_json_keys(invoke: Invoke, hand_written: Path) -> None:
    result = invoke("source", "list", "--json")
    assert result.exit_code == 0
    (row,) = json.loads(result.stdout)
    assert {
        "company", "url", "kind", "name", "health", "fetch_url", "last_status", "last_error",
        "consecutive_failures", "last_fetched_at", "last_success_at", "next_fetch_after",
        "items_seen", "items_new", "bozo", "articles",
    } <= set(row)
    assert (row["company"], row["url"], row["kind"], row["health"], row["articles"]) == (
        "northwind-traders", "http://127.0.0.1:9/northwind.xml", "feed", "new", 0
    )


# --- source add / remove ---------------------------------------------------------------------------


def test_source_add_page_with_options(invoke: Invoke, hand_written: Path, feeds_dir: Path) -> None:
    result = invoke(
        "source", "add", "contoso", "http://127.0.0.1:9/press", "--kind", "page", "--name", "Press room",
        "--force", "--link-selector", "main a", "--link-pattern", r"/press/\d+",
    )
    assert result.exit_code == 0, result.stderr
    (src,) = load_config(feeds_dir).find("contoso").sources
    assert (src.kind, src.name, src.link_selector, src.link_pattern) == (
        "page", "Press room", "main a", r"/press/\d+"
    )
    assert "# keep an eye on them" in hand_written.read_text()


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["contoso", "ftp://127.0.0.1/feed", "--kind", "feed"], 2, "http://"),
        (["contoso", "127.0.0.1:9/feed", "--kind", "feed"], 2, "http://"),
        (["contoso", "http://127.0.0.1:9/northwind.xml", "--kind", "feed"], 2, "already a source"),
        (["contoso", "http://127.0.0.1:9/p", "--kind", "page", "--link-pattern", "(x"], 2, "regex"),
    ],
)
def test_failed_source_add_writes_nothing(
    invoke: Invoke, hand_written: Path, feeds_dir: Path, args: list[str], code: int, words: str
) -> None:
    before = snapshot(feeds_dir)
    result = invoke("source", "add", *args)
    assert result.exit_code == code
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(feeds_dir) == before


def test_source_remove_unknown_url(invoke: Invoke, hand_written: Path, feeds_dir: Path) -> None:
    before = snapshot(feeds_dir)
    result = invoke("source", "remove", "http://127.0.0.1:9/nothing.xml")
    assert result.exit_code == 1
    assert "no source" in one_line_error(result.stderr)
    assert snapshot(feeds_dir) == before


# --- OPML import / export --------------------------------------------------------------------------

OPML = """<?xml version="1.0"?>
<opml version="2.0"><head><title>subs</title></head><body>
  <outline text="News">
    <outline text="Blog" xmlUrl="http://127.0.0.1:9/blog.xml"/>
    <outline text="Deeper"><outline text="Jobs" xmlUrl="http://127.0.0.1:9/jobs.xml"/></outline>
  </outline>
  <outline text="Known already" xmlUrl="http://127.0.0.1:9/northwind.xml"/>
  <outline text="Blog again" xmlUrl="http://127.0.0.1:9/blog.xml"/>
  <outline text="Odd" xmlUrl="feed://127.0.0.1/odd"/>
</body></opml>
"""


def test_source_import_nested_and_skips_duplicates(
    invoke: Invoke, hand_written: Path, feeds_dir: Path, tmp_path: Path
) -> None:
    opml = tmp_path / "subs.opml"
    opml.write_text(OPML, encoding="utf-8")
    result = invoke("source", "import", str(opml), "--company", "contoso")
    assert result.exit_code == 0, result.stderr
    assert "imported 2 of 4" in result.stderr
    sources = load_config(feeds_dir).find("contoso").sources
    assert [(s.url, s.name) for s in sources] == [
        ("http://127.0.0.1:9/blog.xml", "Blog"),
        ("http://127.0.0.1:9/jobs.xml", "Jobs"),
    ]
    # importing again adds nothing
    result = invoke("source", "import", str(opml), "--company", "contoso")
    assert "imported 0 of 4" in result.stderr
    assert len(load_config(feeds_dir).find("contoso").sources) == 2
    assert "# keep an eye on them" in hand_written.read_text()


@pytest.mark.parametrize(
    "content",
    [
        "<rss version='2.0'><channel/></rss>",
        "just some notes\n",
        '<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;">]>'
        '<opml><body><outline text="&b;" xmlUrl="http://127.0.0.1:9/&b;"/></body></opml>',
    ],
)
def test_source_import_of_a_bad_file_is_a_clear_error(
    invoke: Invoke, hand_written: Path, feeds_dir: Path, tmp_path: Path, content: str
) -> None:
    path = tmp_path / "bad.opml"
    path.write_text(content, encoding="utf-8")
    before = snapshot(feeds_dir)
    result = invoke("source", "import", str(path), "--company", "contoso")
    assert result.exit_code == 1
    assert "OPML" in one_line_error(result.stderr)
    assert snapshot(feeds_dir) == before


def test_source_export_and_reimport_elsewhere(
    invoke: Invoke, hand_written: Path, feeds_dir: Path, tmp_path: Path
) -> None:
    url = "http://127.0.0.1:9/c.xml?x=1&y=2"
    added = invoke("source", "add", "contoso", url, "--kind", "feed", "--name", "C & co", "--force")
    assert added.exit_code == 0
    stdout_text = invoke("source", "export").stdout
    result = invoke("source", "export", "-o", "out.opml")
    assert result.exit_code == 0 and result.stdout == ""
    assert (tmp_path / "out.opml").read_text(encoding="utf-8") == stdout_text

    other = tmp_path / "other-feeds"
    assert invoke("--feeds", str(other), "company", "add", "Mirror").exit_code == 0
    result = invoke("--feeds", str(other), "source", "import", "out.opml", "--company", "mirror")
    assert result.exit_code == 0, result.stderr
    mirrored = load_config(other).find("mirror").sources
    original = load_config(feeds_dir).sources()
    assert [s.url for s in mirrored] == [s.url for s in original]
    assert mirrored[1].name == "C & co"


# --- time windows on the command line ---------------------------------------------------------------


@pytest.mark.parametrize("value", ["banana", "20000y", "2026-02-30"])
def test_articles_since_nonsense_is_one_line(invoke: Invoke, value: str) -> None:
    result = invoke("articles", "--since", value)
    assert result.exit_code != 0
    assert repr(value) in one_line_error(result.stderr)
    assert result.stdout == ""


# --- help text is documentation ---------------------------------------------------------------------


def _walk(command: click.Command, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], click.Command]]:
    found = [(path, command)]
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            found += _walk(sub, (*path, name))
    return found


ALL_COMMANDS = [path for path, _ in _walk(main) if path]


def test_the_walk_finds_the_known_commands() -> None:
    for path in [("init",), ("paths",), ("company", "add"), ("source", "import"), ("fetch",)]:
        assert path in ALL_COMMANDS


@pytest.mark.parametrize("path", ALL_COMMANDS, ids=" ".join)
def test_every_command_has_help_with_an_example(invoke: Invoke, path: tuple[str, ...]) -> None:
    result = invoke(*path, "--help")
    assert result.exit_code == 0
    assert f"Usage: tidings {' '.join(path)}" in result.stdout
    lines = [line.strip() for line in result.stdout.splitlines()]
    assert any(line.startswith("Example:") and "tidings " in line for line in lines), result.stdout


def test_main_help_lists_every_top_level_command(invoke: Invoke) -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    for path in ALL_COMMANDS:
        if len(path) == 1:
            assert f"  {path[0]} " in result.stdout


def test_top_level_help_has_an_example(invoke: Invoke) -> None:
    lines = [line.strip() for line in invoke("--help").stdout.splitlines()]
    assert any(line.startswith("Example: tidings ") for line in lines)


@pytest.mark.parametrize("path", ALL_COMMANDS, ids=" ".join)
def test_every_option_has_help(path: tuple[str, ...]) -> None:
    command = dict(_walk(main))[path]
    for param in command.params:
        if isinstance(param, click.Option) and param.name != "help":
            assert param.help, f"tidings {' '.join(path)} {param.opts[0]} has no help text"


def test_every_command_is_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    for path in ALL_COMMANDS:
        if len(path) == 1 or path[0] in ("interview",):
            assert f"tidings {' '.join(path)}" in readme, f"README does not mention tidings {' '.join(path)}"


def test_cron_line_with_digest(invoke: Invoke) -> None:
    result = invoke("cron", "--digest", "--hour", "5", "--minute", "3")
    assert result.exit_code == 0
    line = result.stdout.strip()
    assert line.startswith("3 5 * * * cd /")
    fetch_part, digest_part = line.split("; ", 1)
    assert "fetch --quiet --log /" in fetch_part and fetch_part.endswith("fetch.log")
    assert digest_part.endswith(" digest") and "--db /" in digest_part
