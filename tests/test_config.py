"""Reading feeds/*.toml: the format, its defaults, and every way a hand-edited file goes wrong."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from tidings.errors import ConfigError, NotFoundError
from tidings.workspace.config import load_config, news_search_url, slugify


def write(feeds: Path, name: str, text: str) -> Path:
    feeds.mkdir(parents=True, exist_ok=True)
    path = feeds / name
    path.write_text(dedent(text), encoding="utf-8")
    return path


FULL = """\
    [[company]]
    name = "Northwind Traders"
    aliases = ["Northwind", "NWT"]
    domains = ["Northwind.example"]
    tickers = ["nwt"]
    role = "target"
    competitors = ["contoso", "Fabrikam Inc"]   # by alias and by name
    context = ["logistics"]
    exclude = ["Northwind Bay"]
    news = true

    [[company.sources]]
    url = "http://127.0.0.1:9/northwind.xml"
    name = "Northwind newsroom"
    full_text = true

    [[company.sources]]
    url = "http://127.0.0.1:9/press"
    kind = "page"
    link_selector = "article a"
    link_pattern = "/press/\\\\d{4}/"
    max_new = 5
"""

RIVALS = """\
    [[company]]
    name = "Contoso Ltd"
    aliases = ["Contoso"]
    role = "competitor"

    [[company]]
    name = "Fabrikam Inc"
    role = "competitor"
    competitors = ["northwind-traders"]   # by slug
"""


ACME = '[[company]]\nname = "Acme"\n'
SOURCE = '[[company.sources]]\nurl = "https://a.example/"\n'


def test_missing_feeds_folder_is_an_empty_config(feeds_dir: Path) -> None:
    assert load_config(feeds_dir).companies == []


def test_every_field_is_read(feeds_dir: Path) -> None:
    write(feeds_dir, "northwind.toml", FULL)
    write(feeds_dir, "rivals.toml", RIVALS)
    config = load_config(feeds_dir)
    assert [c.slug for c in config.companies] == ["northwind-traders", "contoso-ltd", "fabrikam-inc"]
    nw = config.by_slug["northwind-traders"]
    assert nw.name == "Northwind Traders"
    assert nw.aliases == ("Northwind", "NWT")
    assert nw.domains == ("northwind.example",)
    assert nw.tickers == ("NWT",)
    assert nw.role == "target"
    assert nw.competitors == ("contoso-ltd", "fabrikam-inc")
    assert nw.context == ("logistics",)
    assert nw.exclude == ("Northwind Bay",)
    assert nw.news is True
    assert nw.file == str(feeds_dir / "northwind.toml")
    feed, page, search = nw.sources
    assert (feed.kind, feed.name, feed.full_text, feed.company) == (
        "feed", "Northwind newsroom", True, "northwind-traders"
    )
    assert (page.kind, page.link_selector, page.link_pattern, page.max_new) == (
        "page", "article a", r"/press/\d{4}/", 5
    )
    assert search.kind == "search"
    assert search.url == news_search_url("Northwind Traders")
    assert config.by_slug["fabrikam-inc"].competitors == ("northwind-traders",)
    assert config.by_slug["contoso-ltd"].role == "competitor"
    assert len(config.sources()) == 3


def test_defaults(feeds_dir: Path) -> None:
    write(feeds_dir, "a.toml", ACME + SOURCE)
    (acme,) = load_config(feeds_dir).companies
    assert (acme.slug, acme.role, acme.news, acme.competitors) == ("acme", "target", False, ())
    (src,) = acme.sources
    assert (src.kind, src.name, src.full_text, src.max_new) == ("feed", None, False, 30)


def test_news_search_is_not_added_twice_when_listed_by_hand(feeds_dir: Path) -> None:
    url = news_search_url("Acme")
    write(
        feeds_dir,
        "a.toml",
        f'[[company]]\nname = "Acme"\nnews = true\n[[company.sources]]\nurl = "{url}"\nkind = "search"\n',
    )
    (acme,) = load_config(feeds_dir).companies
    assert [s.url for s in acme.sources] == [url]


def test_news_search_url_quotes_the_name_and_honours_region() -> None:
    url = news_search_url("AT&T Labs", language="de-DE", region="DE")
    assert url.startswith("https://news.google.com/rss/search?q=%22AT%26T+Labs%22")
    assert "hl=de-DE" in url and "gl=DE" in url and "ceid=DE:de" in url


def test_one_file_per_company_and_several_per_file_mix(feeds_dir: Path) -> None:
    write(feeds_dir, "b.toml", RIVALS)
    write(feeds_dir, "a.toml", FULL)
    write(feeds_dir, "notes.txt", "not a config file")
    config = load_config(feeds_dir)
    assert len(config.companies) == 3
    assert config.files == [feeds_dir / "a.toml", feeds_dir / "b.toml"]


def test_a_single_company_table_is_accepted(feeds_dir: Path) -> None:
    write(feeds_dir, "a.toml", '[company]\nname = "Acme"\n')
    assert [c.name for c in load_config(feeds_dir).companies] == ["Acme"]


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Acme Robotics, Inc.", "acme-robotics-inc"),
        ("Société Générale", "societe-generale"),
        ("!!!", "company"),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_find_by_name_alias_or_slug_case_insensitive(feeds_dir: Path) -> None:
    write(feeds_dir, "a.toml", FULL)
    write(feeds_dir, "b.toml", RIVALS)
    config = load_config(feeds_dir)
    for query in ("Northwind Traders", "northwind traders", "NORTHWIND", "nwt", "northwind-traders", " NWT "):
        assert config.find(query).slug == "northwind-traders"


def test_find_miss_suggests_the_closest_name(feeds_dir: Path) -> None:
    write(feeds_dir, "a.toml", FULL)
    write(feeds_dir, "b.toml", RIVALS)
    with pytest.raises(NotFoundError, match="did you mean 'Northwind Traders'"):
        load_config(feeds_dir).find("Northwnd Traders")
    with pytest.raises(NotFoundError, match="company add"):
        load_config(feeds_dir / "empty").find("Acme")


# Each broken configuration: (files, words the one-line message must contain).
BROKEN: dict[str, tuple[dict[str, str], tuple[str, ...]]] = {
    "bad toml": ({"a.toml": '[[company]]\nname = "Acme\n'}, ("a.toml", "invalid TOML")),
    "unknown company key": (
        {"a.toml": '[[company]]\nname = "Acme"\nalias = ["A"]\n'},
        ("a.toml", "unknown key `alias`"),
    ),
    "unknown source key": (
        {"a.toml": ACME + SOURCE + "fulltext = true\n"},
        ("a.toml", "unknown source key `fulltext`"),
    ),
    "unknown top-level key": ({"a.toml": 'name = "Acme"\n'}, ("a.toml", "top-level key `name`")),
    "source without url": (
        {"a.toml": '[[company]]\nname = "Acme"\n[[company.sources]]\nname = "Feed"\n'},
        ("a.toml", "no `url`"),
    ),
    "non-http url": (
        {"a.toml": '[[company]]\nname = "Acme"\n[[company.sources]]\nurl = "ftp://a.example/f"\n'},
        ("a.toml", "ftp://a.example/f", "http://"),
    ),
    "relative url": (
        {"a.toml": '[[company]]\nname = "Acme"\n[[company.sources]]\nurl = "a.example/feed"\n'},
        ("a.toml", "a.example/feed"),
    ),
    "untracked competitor": (
        {"a.toml": '[[company]]\nname = "Acme"\ncompetitors = ["Globex"]\n'},
        ("a.toml", "'Globex'", "not a tracked company"),
    ),
    "competitor is itself": (
        {"a.toml": '[[company]]\nname = "Acme"\naliases = ["AC"]\ncompetitors = ["ac"]\n'},
        ("a.toml", "itself"),
    ),
    "duplicate names across files": (
        {"a.toml": '[[company]]\nname = "Acme"\n', "b.toml": '[[company]]\nname = "ACME"\n'},
        ("b.toml", "'ACME'", "a.toml"),
    ),
    "name equals another company's alias": (
        {
            "a.toml": '[[company]]\nname = "Acme Robotics"\naliases = ["Acme"]\n',
            "b.toml": '[[company]]\nname = "acme"\n',
        },
        ("b.toml", "'acme'", "Acme Robotics"),
    ),
    "duplicate slug": (
        {"a.toml": '[[company]]\nname = "Acme Inc"\n\n[[company]]\nname = "Acme, Inc."\n'},
        ("a.toml", "same slug"),
    ),
    "duplicate source url": (
        {
            "a.toml": '[[company]]\nname = "Acme"\n[[company.sources]]\nurl = "https://x.example/f"\n',
            "b.toml": '[[company]]\nname = "Globex"\n[[company.sources]]\nurl = "https://x.example/f"\n',
        },
        ("b.toml", "https://x.example/f", "twice"),
    ),
    "bad role": (
        {"a.toml": '[[company]]\nname = "Acme"\nrole = "rival"\n'},
        ("a.toml", "`role`", "'rival'"),
    ),
    "bad regex": (
        {"a.toml": ACME + SOURCE + 'kind = "page"\nlink_pattern = "(news"\n'},
        ("a.toml", "link_pattern", "regex"),
    ),
    "bad kind": (
        {"a.toml": ACME + SOURCE + 'kind = "rss"\n'},
        ("a.toml", "'rss'"),
    ),
    "max_new not positive": (
        {"a.toml": ACME + SOURCE + 'max_new = 0\n'},
        ("a.toml", "max_new"),
    ),
    "full_text not a bool": (
        {"a.toml": ACME + SOURCE + 'full_text = "yes"\n'},
        ("a.toml", "full_text"),
    ),
    "company without name": ({"a.toml": '[[company]]\nrole = "target"\n'}, ("a.toml", "no `name`")),
    "aliases not strings": (
        {"a.toml": '[[company]]\nname = "Acme"\naliases = [1, 2]\n'},
        ("a.toml", "aliases"),
    ),
    "sources not an array": (
        {"a.toml": '[[company]]\nname = "Acme"\nsources = "https://a.example/"\n'},
        ("a.toml", "sources"),
    ),
    "bad slug": ({"a.toml": '[[company]]\nname = "Acme"\nslug = "Acme Co"\n'}, ("a.toml", "slug")),
    "not utf-8": ({"a.toml": "\udcff"}, ("a.toml", "UTF-8")),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_config_is_one_config_error_naming_file_and_problem(feeds_dir: Path, case: str) -> None:
    files, words = BROKEN[case]
    feeds_dir.mkdir()
    for name, text in files.items():
        (feeds_dir / name).write_bytes(text.encode("utf-8", "surrogateescape"))
    with pytest.raises(ConfigError) as info:
        load_config(feeds_dir)
    message = str(info.value)
    assert "\n" not in message
    for word in words:
        assert word in message


def test_feeds_path_that_is_a_file_is_a_config_error(feeds_dir: Path) -> None:
    feeds_dir.write_text("oops")
    with pytest.raises(ConfigError, match="not a folder"):
        load_config(feeds_dir)


def test_overrides_validate_an_edit_without_writing(feeds_dir: Path) -> None:
    path = write(feeds_dir, "a.toml", '[[company]]\nname = "Acme"\n')
    new = feeds_dir / "b.toml"
    config = load_config(feeds_dir, {new: '[[company]]\nname = "Globex"\ncompetitors = ["Acme"]\n'})
    assert [c.name for c in config.companies] == ["Acme", "Globex"]
    assert not new.exists()
    assert load_config(feeds_dir, {path: None}).companies == []
    assert path.exists()


def test_ambiguous_names_by_configuration(tmp_path: Path) -> None:
    from tidings.analysis.ingest import Analyzer

    feeds = tmp_path / "feeds"
    feeds.mkdir()
    (feeds / "c.toml").write_text(
        '[[company]]\nname = "Zentrix"\naliases = ["Zen"]\nambiguous = ["Zen"]\n'
        'context = ["observability"]\n\n'
        '[[company]]\nname = "Quillo"\nambiguous = true\ncontext = ["notes app"]\n'
    )
    config = load_config(feeds)
    zentrix, quillo = config.companies
    assert zentrix.ambiguous == ("Zen",) and quillo.ambiguous == ("Quillo",)
    analyzer = Analyzer(config.companies)
    found, _ = analyzer.analyse("A guide to Zen gardens", "Zen gardens are calming.", "https://x.example")
    assert found == []  # "Zen" alone needs a context word now
    found, _ = analyzer.analyse("Zen adds tracing", "Zen's observability suite adds tracing.",
                                "https://x.example")
    assert [m.company for m in found] == ["zentrix"]
    (feeds / "c.toml").write_text('[[company]]\nname = "Zentrix"\nambiguous = ["Zen"]\n')
    with pytest.raises(ConfigError, match="not its name or an alias"):
        load_config(feeds)
