"""Edits to feeds/*.toml: comments and layout survive, and a failed edit writes nothing."""

from __future__ import annotations

import tomllib
from pathlib import Path
from textwrap import dedent

import pytest

from tidings.errors import ConfigError, NotFoundError
from tidings.workspace.config import load_config
from tidings.workspace.config_edit import CompanySpec, add_company, add_source, remove_company, remove_source

HAND_WRITTEN = dedent(
    """\
    # My job search, autumn.
    # Keep this tidy!

    [[company]]
    name = "Northwind Traders"   # the one I interviewed with
    aliases = ["Northwind"]
    role = "target"
    competitors = [
        "Contoso",   # closest rival
        "fabrikam",  # smaller, same market
    ]

    # Newsroom feed, checked by hand in March
    [[company.sources]]
    url = "http://127.0.0.1:9/northwind.xml"  # official
    name = "Northwind newsroom"

    [[company]]
    name = "Contoso Ltd"
    aliases = ["Contoso"]
    role = "competitor"   # they raised a Series C

    [[company]]
    name = "Fabrikam"
    role = "competitor"
    # end-of-file note
    """
)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.exists() else {}


@pytest.fixture
def hand_written(feeds_dir: Path) -> Path:
    feeds_dir.mkdir()
    path = feeds_dir / "search.toml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    return path


COMMENTS = [
    "# My job search, autumn.",
    "# Keep this tidy!",
    "# the one I interviewed with",
    "# smaller, same market",
    "# Newsroom feed, checked by hand in March",
    "# official",
    "# end-of-file note",
]


def test_add_source_keeps_comments_and_appends_after_existing_sources(
    feeds_dir: Path, hand_written: Path
) -> None:
    name, config = add_source(
        feeds_dir, "northwind", "http://127.0.0.1:9/blog.xml", kind="feed", name="Blog"
    )
    assert name == "Northwind Traders"
    text = hand_written.read_text()
    for comment in [*COMMENTS, "# closest rival", "# they raised a Series C"]:
        assert comment in text
    # the original text is untouched up to the new table, which follows the old source
    before, _, after = text.partition('[[company.sources]]\nurl = "http://127.0.0.1:9/blog.xml"')
    assert HAND_WRITTEN.startswith(before.rstrip("\n"))
    assert after.startswith('\nname = "Blog"\n')
    assert [s.url for s in config.find("Northwind").sources] == [
        "http://127.0.0.1:9/northwind.xml",
        "http://127.0.0.1:9/blog.xml",
    ]
    assert load_config(feeds_dir).find("Contoso").sources == ()


def test_add_page_source_writes_its_options(feeds_dir: Path, hand_written: Path) -> None:
    add_source(
        feeds_dir,
        "Fabrikam",
        "http://127.0.0.1:9/press",
        kind="page",
        options={"link_selector": "main a", "link_pattern": r"/press/\d+", "full_text": False},
    )
    (src,) = load_config(feeds_dir).find("fabrikam").sources
    assert (src.kind, src.link_selector, src.link_pattern, src.full_text) == (
        "page", "main a", r"/press/\d+", False
    )
    assert "full_text" not in hand_written.read_text()  # defaults are not written out
    assert "# end-of-file note" in hand_written.read_text()


def test_remove_source_keeps_everything_else(feeds_dir: Path, hand_written: Path) -> None:
    add_source(feeds_dir, "northwind", "http://127.0.0.1:9/blog.xml")
    assert remove_source(feeds_dir, "http://127.0.0.1:9/blog.xml") == "Northwind Traders"
    assert remove_source(feeds_dir, "http://127.0.0.1:9/northwind.xml") == "Northwind Traders"
    text = hand_written.read_text()
    for comment in ["# My job search, autumn.", "# the one I interviewed with", "# end-of-file note"]:
        assert comment in text
    assert "127.0.0.1:9" not in text
    assert load_config(feeds_dir).find("northwind").sources == ()


def test_remove_company_drops_it_from_competitor_lists_in_place(
    feeds_dir: Path, hand_written: Path
) -> None:
    removed, touched = remove_company(feeds_dir, "CONTOSO")  # by alias, any case
    assert (removed, touched) == ("Contoso Ltd", ["Northwind Traders"])
    text = hand_written.read_text()
    for comment in COMMENTS:
        assert comment in text
    assert "Contoso" not in text
    assert '    "fabrikam",  # smaller, same market\n' in text  # the array keeps its layout
    config = load_config(feeds_dir)
    assert [c.slug for c in config.companies] == ["northwind-traders", "fabrikam"]
    assert config.find("northwind").competitors == ("fabrikam",)


def test_remove_last_competitor_removes_the_key(feeds_dir: Path, hand_written: Path) -> None:
    remove_company(feeds_dir, "contoso-ltd")
    remove_company(feeds_dir, "Fabrikam")
    text = hand_written.read_text()
    assert "competitors" not in text
    assert "# the one I interviewed with" in text
    assert load_config(feeds_dir).find("Northwind").competitors == ()


def test_remove_company_across_files(feeds_dir: Path) -> None:
    add_company(feeds_dir, CompanySpec("Globex", role="competitor"))
    path, _ = add_company(feeds_dir, CompanySpec("Initech", competitors=["globex"]))
    assert path == feeds_dir / "initech.toml"
    removed, touched = remove_company(feeds_dir, "globex")
    assert (removed, touched) == ("Globex", ["Initech"])
    assert not (feeds_dir / "globex.toml").exists()  # its own file held only it
    assert load_config(feeds_dir).find("initech").competitors == ()


def test_add_company_writes_a_new_commented_file(feeds_dir: Path, hand_written: Path) -> None:
    spec = CompanySpec(
        "Acme Robotics",
        role="target",
        aliases=["Acme"],
        domains=["acme.example"],
        tickers=["acme"],
        competitors=["Contoso", "northwind-traders"],
        context=["robots"],
        exclude=["Acme Anvil"],
        news=True,
    )
    path, config = add_company(feeds_dir, spec)
    assert path == feeds_dir / "acme-robotics.toml"
    text = path.read_text()
    assert text.startswith("# Acme Robotics: a company tracked by tidings.\n")
    assert tomllib.loads(text)["company"][0]["competitors"] == ["Contoso", "northwind-traders"]
    acme = config.find("acme")
    assert acme.competitors == ("contoso-ltd", "northwind-traders")
    assert acme.tickers == ("ACME",)
    assert [s.kind for s in acme.sources] == ["search"]
    assert hand_written.read_text() == HAND_WRITTEN


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (CompanySpec("Acme", competitors=["Globex"]), "not a tracked company"),
        (CompanySpec("northwind"), "already tracked"),  # an alias of another company
        (CompanySpec("FABRIKAM"), "already tracked"),
        (CompanySpec("Acme", role="rival"), "role"),
        (CompanySpec("Acme", aliases=["Contoso"]), "two companies"),
    ],
)
def test_failed_add_company_writes_nothing(
    feeds_dir: Path, hand_written: Path, spec: CompanySpec, message: str
) -> None:
    before = snapshot(feeds_dir)
    with pytest.raises(ConfigError, match=message):
        add_company(feeds_dir, spec)
    assert snapshot(feeds_dir) == before


def test_add_company_refuses_to_overwrite_a_file(feeds_dir: Path, hand_written: Path) -> None:
    (feeds_dir / "acme.toml").write_text("# notes for later\n")
    before = snapshot(feeds_dir)
    with pytest.raises(ConfigError, match="already exists"):
        add_company(feeds_dir, CompanySpec("Acme"))
    assert snapshot(feeds_dir) == before


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("northwind", "http://127.0.0.1:9/northwind.xml"), ConfigError),  # already a source
        (("northwind", "ftp://127.0.0.1/feed"), ConfigError),
        (("northwind", "http://127.0.0.1:9/x", "rss"), ConfigError),
        (("Initech", "http://127.0.0.1:9/x"), NotFoundError),
    ],
)
def test_failed_add_source_writes_nothing(
    feeds_dir: Path, hand_written: Path, args: tuple[str, ...], error: type[Exception]
) -> None:
    before = snapshot(feeds_dir)
    company, url, *kind = args
    with pytest.raises(error):
        add_source(feeds_dir, company, url, kind=kind[0] if kind else "feed")
    assert snapshot(feeds_dir) == before


def test_bad_regex_in_add_source_writes_nothing(feeds_dir: Path, hand_written: Path) -> None:
    before = snapshot(feeds_dir)
    with pytest.raises(ConfigError, match="regex"):
        add_source(
            feeds_dir, "northwind", "http://127.0.0.1:9/p", kind="page", options={"link_pattern": "("}
        )
    assert snapshot(feeds_dir) == before


def test_remove_unknown_source_or_company_writes_nothing(feeds_dir: Path, hand_written: Path) -> None:
    before = snapshot(feeds_dir)
    with pytest.raises(NotFoundError, match="no source"):
        remove_source(feeds_dir, "http://127.0.0.1:9/nothing")
    with pytest.raises(NotFoundError, match="did you mean 'Northwind Traders'"):
        remove_company(feeds_dir, "Northwnd Traders")
    assert snapshot(feeds_dir) == before


def test_news_search_source_cannot_be_removed_as_a_source(feeds_dir: Path) -> None:
    add_company(feeds_dir, CompanySpec("Acme", news=True))
    (search,) = load_config(feeds_dir).find("acme").sources
    before = snapshot(feeds_dir)
    with pytest.raises(ConfigError, match="news = false"):
        remove_source(feeds_dir, search.url)
    assert snapshot(feeds_dir) == before


def test_edits_on_a_single_company_table(feeds_dir: Path) -> None:
    feeds_dir.mkdir()
    path = feeds_dir / "acme.toml"
    path.write_text('# Acme\n[company]\nname = "Acme"  # short name\n', encoding="utf-8")
    add_source(feeds_dir, "acme", "http://127.0.0.1:9/a.xml")
    assert "# short name" in path.read_text()
    assert [s.url for s in load_config(feeds_dir).find("acme").sources] == ["http://127.0.0.1:9/a.xml"]
    remove_source(feeds_dir, "http://127.0.0.1:9/a.xml")
    assert load_config(feeds_dir).find("acme").sources == ()
    remove_company(feeds_dir, "acme")
    assert load_config(feeds_dir).companies == []


def test_edits_on_inline_source_arrays(feeds_dir: Path) -> None:
    feeds_dir.mkdir()
    path = feeds_dir / "g.toml"
    path.write_text(
        '[[company]]\nname = "Globex"\nsources = [{url = "http://127.0.0.1:9/g1"}]  # inline\n',
        encoding="utf-8",
    )
    add_source(feeds_dir, "globex", "http://127.0.0.1:9/g2", kind="page", name="G2")
    sources = load_config(feeds_dir).find("globex").sources
    assert [(s.url, s.kind, s.name) for s in sources] == [
        ("http://127.0.0.1:9/g1", "feed", None),
        ("http://127.0.0.1:9/g2", "page", "G2"),
    ]
    remove_source(feeds_dir, "http://127.0.0.1:9/g1")
    assert [s.url for s in load_config(feeds_dir).find("globex").sources] == ["http://127.0.0.1:9/g2"]
    assert "# inline" in path.read_text()


def test_single_string_competitor_is_dropped_on_remove(feeds_dir: Path) -> None:
    feeds_dir.mkdir()
    (feeds_dir / "a.toml").write_text(
        '[[company]]\nname = "Acme"\ncompetitors = "Globex"\n\n[[company]]\nname = "Globex"\n'
    )
    remove_company(feeds_dir, "globex")
    assert [c.competitors for c in load_config(feeds_dir).companies] == [()]


def test_no_temporary_files_are_left_behind(feeds_dir: Path, hand_written: Path) -> None:
    add_source(feeds_dir, "northwind", "http://127.0.0.1:9/b.xml")
    with pytest.raises(ConfigError):
        add_source(feeds_dir, "northwind", "http://127.0.0.1:9/c", kind="page", options={"link_pattern": "["})
    add_company(feeds_dir, CompanySpec("Acme"))
    assert sorted(p.name for p in feeds_dir.iterdir()) == ["acme.toml", "search.toml"]
