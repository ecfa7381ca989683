"""OPML: the subscription lists feed readers import and export."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree

from tidings.workspace.config import load_config
from tidings.workspace.config_edit import CompanySpec, add_company, add_source
from tidings.workspace.opml import OpmlError, OpmlFeed, export_opml, parse_opml

NESTED = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>My reader</title></head>
  <body>
    <outline text="Tech">
      <outline text="Northwind" title="Northwind newsroom" type="rss"
               xmlUrl="http://127.0.0.1:9/northwind.xml" htmlUrl="http://127.0.0.1:9/"/>
      <outline text="Deeper">
        <outline text="Contoso &amp; Co" xmlUrl=" http://127.0.0.1:9/contoso.xml "/>
      </outline>
    </outline>
    <outline text="Just a folder with no feed"/>
    <outline text="dup" xmlurl="http://127.0.0.1:9/northwind.xml"/>
    <outline text="" XMLURL="http://127.0.0.1:9/untitled.xml"/>
  </body>
</opml>
"""


def test_parse_nested_outlines_in_order_without_repeats() -> None:
    feeds = parse_opml(NESTED)
    assert feeds == [
        OpmlFeed("http://127.0.0.1:9/northwind.xml", "Northwind newsroom", "http://127.0.0.1:9/", "Tech"),
        OpmlFeed("http://127.0.0.1:9/contoso.xml", "Contoso & Co", None, "Deeper"),
        OpmlFeed("http://127.0.0.1:9/untitled.xml", None, None),
    ]


def test_parse_accepts_a_namespaced_opml() -> None:
    data = (
        b'<opml xmlns="http://opml.org/spec2" version="2.0"><body>'
        b'<outline text="A" xmlUrl="http://127.0.0.1:9/a.xml"/></body></opml>'
    )
    assert [f.url for f in parse_opml(data)] == ["http://127.0.0.1:9/a.xml"]


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not xml at all",
        b"<rss version='2.0'><channel><title>x</title></channel></rss>",
        b"<html><body><p>hello</p></body></html>",
        b"<opml><body><outline xmlUrl='http://127.0.0.1:9/a'></body>",  # truncated
        b"\x89PNG\r\n\x1a\n\x00\x00",
    ],
)
def test_not_opml_is_an_opml_error(data: bytes) -> None:
    with pytest.raises(OpmlError) as info:
        parse_opml(data)
    assert "OPML" in str(info.value)
    assert "\n" not in str(info.value)


def _billion_laughs(levels: int = 10) -> bytes:
    entities = '<!ENTITY lol0 "lollollollollollollollollollol">'
    for i in range(1, levels):
        entities += f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">'
    last = f"&lol{levels - 1};"
    return (
        f'<?xml version="1.0"?><!DOCTYPE opml [{entities}]><opml version="2.0">'
        f"<head><title>{last}</title></head><body>"
        f'<outline text="{last}" xmlUrl="http://127.0.0.1:9/{last}"/></body></opml>'
    ).encode()


def test_entity_bomb_neither_expands_nor_hangs() -> None:
    started = time.monotonic()
    with pytest.raises(OpmlError, match="entities"):
        parse_opml(_billion_laughs())
    assert time.monotonic() - started < 1.0


def test_entity_bomb_in_utf16_is_refused_too() -> None:
    data = _billion_laughs().replace(b'<?xml version="1.0"?>', b"")
    with pytest.raises(OpmlError):
        parse_opml("\ufeff".encode("utf-16-le") + data.decode().encode("utf-16-le"))


def test_external_entities_are_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    data = (
        f'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
        '<opml><body><outline text="&x;" xmlUrl="http://127.0.0.1:9/a"/></body></opml>'
    ).encode()
    try:
        feeds = parse_opml(data)
    except OpmlError:
        return
    assert all("TOP-SECRET" not in (f.title or "") for f in feeds)


def _workspace(feeds_dir: Path) -> None:
    add_company(feeds_dir, CompanySpec("Contoso", role="competitor"))
    add_company(feeds_dir, CompanySpec("Northwind & Sons", competitors=["Contoso"], news=True))
    add_source(feeds_dir, "northwind & sons", "http://127.0.0.1:9/nw.xml?a=1&b=2", name='The "NW" <blog>')
    add_source(feeds_dir, "northwind & sons", "http://127.0.0.1:9/press", kind="page")
    add_source(feeds_dir, "contoso", "file:///tmp/contoso.xml")


def test_export_is_well_formed_with_one_folder_per_company(feeds_dir: Path) -> None:
    _workspace(feeds_dir)
    config = load_config(feeds_dir)
    text = export_opml(config, now=datetime(2026, 1, 31, 9, 30, tzinfo=UTC))
    root = etree.fromstring(text.encode())
    assert root.tag == "opml"
    assert root.findtext("head/dateCreated") == "Sat, 31 Jan 2026 09:30:00 GMT"
    folders = root.findall("body/outline")
    assert [f.get("text") for f in folders] == ["Contoso", "Northwind & Sons"]
    nw = {o.get("xmlUrl") or o.get("url"): o for o in folders[1]}
    assert nw["http://127.0.0.1:9/nw.xml?a=1&b=2"].get("title") == 'The "NW" <blog>'
    assert nw["http://127.0.0.1:9/press"].get("type") == "link"  # pages are not feeds
    assert len(nw) == 3  # feed, page, and the Google News search


def test_round_trip_import_of_export(feeds_dir: Path) -> None:
    _workspace(feeds_dir)
    config = load_config(feeds_dir)
    feeds = parse_opml(export_opml(config).encode("utf-8"))
    expected = [s for c in config.companies for s in c.sources if s.kind in ("feed", "search")]
    assert [f.url for f in feeds] == [s.url for s in expected]
    assert [f.title for f in feeds] == [s.name or s.url for s in expected]


def test_export_of_empty_config_is_valid_opml(feeds_dir: Path) -> None:
    assert parse_opml(export_opml(load_config(feeds_dir)).encode()) == []


def test_parse_reads_each_feed_s_folder() -> None:
    folders = {f.url: f.folder for f in parse_opml(NESTED)}
    assert folders["http://127.0.0.1:9/northwind.xml"] == "Tech"
    assert folders["http://127.0.0.1:9/contoso.xml"] == "Deeper"
    assert folders["http://127.0.0.1:9/untitled.xml"] is None


def test_importing_an_export_files_each_folder_under_its_own_company(invoke, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Found by the review: `source import` of what `source export` wrote filed every company's
    # feeds under the one --company named, competitors' feeds included.
    for name in ("Contoso", "Northwind & Sons"):
        assert invoke("company", "add", name).exit_code == 0
    invoke("source", "add", "Contoso", "http://127.0.0.1:9/contoso.xml", "--force")
    invoke("source", "add", "Northwind & Sons", "http://127.0.0.1:9/nw.xml", "--force")
    invoke("source", "add", "Northwind & Sons", "http://127.0.0.1:9/nw-blog.xml", "--force")
    assert invoke("company", "edit", "Northwind & Sons", "--news").exit_code == 0
    exported = tmp_path / "subs.opml"
    assert invoke("source", "export", "-o", str(exported)).exit_code == 0
    assert invoke("company", "edit", "Northwind & Sons", "--no-news").exit_code == 0
    for url in ("http://127.0.0.1:9/contoso.xml", "http://127.0.0.1:9/nw.xml", "http://127.0.0.1:9/nw-blog.xml"):
        assert invoke("source", "remove", url).exit_code == 0
    northwind = invoke("source", "import", str(exported), "--company", "Northwind & Sons")
    assert northwind.exit_code == 0, northwind.output
    assert "imported 3 of 3 feed(s) into Northwind & Sons" in northwind.stderr
    assert "skipped 1 feed(s) outside the folder 'Northwind & Sons' (Contoso)" in northwind.stderr
    assert invoke("source", "import", str(exported), "--company", "contoso").exit_code == 0
    listed = {(s["company"], s["url"], s["kind"])
              for s in json.loads(invoke("source", "list", "--json").stdout)}
    search = next(url for _, url, _ in listed if "news.google.com" in url)
    assert listed == {
        ("contoso", "http://127.0.0.1:9/contoso.xml", "feed"),
        ("northwind-sons", "http://127.0.0.1:9/nw.xml", "feed"),
        ("northwind-sons", "http://127.0.0.1:9/nw-blog.xml", "feed"),
        # the Google News search of `news = true` comes back a search, not a feed
        ("northwind-sons", search, "search"),
    }
    # a reader's file whose folders are not companies still imports whole
    reader = tmp_path / "reader.opml"
    reader.write_bytes(NESTED)
    assert "imported 2 of 3" in invoke("source", "import", str(reader), "--company", "Contoso").stderr
