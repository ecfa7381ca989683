"""Every real and edge-case feed of the shared corpus, fetched through the real CLI.

Skips cleanly when ../shared is absent. None may crash the run, and every link that feedparser
itself finds in a feed must end up stored.
"""

from __future__ import annotations

import io
import json
import warnings
from pathlib import Path

import duckdb
import feedparser
import pytest
from click.testing import CliRunner

from tests.httpserver import Route, serve
from tidings.cli import main
from tidings.urls import canonicalize_url, unwrap_redirect

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "feeds"
SETS = (
    "feed-rs-fixtures",
    "feedjira-sample-feeds",
    "netnewswire-rsparser-resources",
    "miniflux-testdata",
    "gofeed-testdata",
    "feedparser-tests",
)
SKIP_DIRS = ("wellformed/sanitize",)  # 745 HTML-sanitizer cases, irrelevant to fetching
# Files where tidings stores something other than feedparser's link, on purpose.
KNOWN_DIFFERENCES = {
    "OneFootTsunami.atom": "feedparser takes a rel=self wp-atom.php link; we take rel=alternate",
    "entry_id_xml_base.xml": "an entry with no link: feedparser turns its id into one",
    "atom10_id.xml": "an entry with no link: feedparser turns its id into one",
    "rss_channel_item_links.xml": "several <link>s: feedparser keeps the last, we the first",
    "rdf_item_links.xml": "several <link>s: feedparser keeps the last, we the first",
    "feed_item_links_-_rss_channel_item_links.xml": "several <link>s: feedparser keeps the last",
}


def corpus_files() -> list[tuple[Path, dict[str, str]]]:
    headers_by_path: dict[str, dict[str, str]] = {}
    expectations = CORPUS / "feedparser-tests" / "expectations.jsonl"
    if expectations.exists():
        for line in expectations.read_text().splitlines():
            record = json.loads(line)
            if record.get("http_headers"):
                headers_by_path[record["path"]] = record["http_headers"]
    files = []
    for name in SETS:
        root = CORPUS / name
        for path in sorted(root.rglob("*")):
            if not path.is_file() or path.suffix not in (".xml", ".rss", ".atom", ".rdf", ".json"):
                continue
            rel = path.relative_to(root).as_posix()
            if any(rel.startswith(d) for d in SKIP_DIRS) or path.name.endswith(
                (".serde.json", "_expected.json")
            ):
                continue
            if name == "gofeed-testdata" and path.suffix == ".json" and path.with_suffix(".xml").exists():
                continue  # expected output beside its input
            headers = headers_by_path.get(rel, {}) if name == "feedparser-tests" else {}
            files.append((path, headers))
    return files


def feedparser_links(body: bytes, url: str, headers: dict[str, str]) -> dict[str, str]:
    """{canonical link: GUID} of the entries feedparser finds."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = feedparser.parse(
            io.BytesIO(body),
            response_headers={**{k.lower(): v for k, v in headers.items()}, "content-location": url},
        )
        links = {}
        for entry in parsed.entries:
            # tidings stores a FeedBurner item under its publisher's link (origLink) and an
            # alert's redirect under its target, where feedparser gives the proxy's link.
            link = unwrap_redirect(entry.get("feedburner_origlink") or entry.get("link") or "")
            if link and link.startswith(("http://", "https://")):
                links[canonicalize_url(link)] = str(entry.get("id") or "")
    return links


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is absent")
def test_every_corpus_feed_through_the_cli(tmp_path: Path) -> None:
    files = corpus_files()
    assert len(files) > 500
    routes = {f"/f{i}/{path.name}": Route(path.read_bytes(), headers=headers)
              for i, (path, headers) in enumerate(files)}
    feeds = tmp_path / "feeds"
    feeds.mkdir()
    db = tmp_path / "t.duckdb"
    with serve(routes) as server:
        lines = ['[[company]]\nname = "Corpus"\n']
        for route in routes:
            lines.append(f'[[company.sources]]\nurl = "{server.url(route)}"\n')
        (feeds / "corpus.toml").write_text("\n".join(lines))
        result = CliRunner().invoke(
            main, ["--feeds", str(feeds), "--db", str(db), "fetch", "--workers", "8"],
            catch_exceptions=False,
        )
        found: dict[str, str] = {}
        guid_files: dict[str, int] = {}
        for route, (path, headers) in zip(routes, files, strict=True):
            if path.name in KNOWN_DIFFERENCES:
                continue
            links = feedparser_links(path.read_bytes(), server.url(route), headers)
            found.update(links)
            for guid in set(links.values()):
                guid_files[guid] = guid_files.get(guid, 0) + 1
        # A URL-like GUID is one article wherever it appears; when several corpus files share
        # one with different links, whichever file is stored first gives the article its URL.
        expected = {
            link for link, guid in found.items()
            if not (guid.startswith("http") and guid_files.get(guid, 0) > 1)
        }
    assert result.exit_code in (0, 1)
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr
    summary = result.stderr.strip().splitlines()[-1]
    assert summary.startswith(f"{len(files)} sources:")
    con = duckdb.connect(str(db), read_only=True)
    try:
        stored = {r[0] for r in con.execute("SELECT canonical_url FROM articles").fetchall()}
        stored |= {canonicalize_url(r[0]) for r in con.execute("SELECT url FROM articles").fetchall()}
        updated = con.execute("SELECT count(*) FROM sources WHERE last_success_at IS NOT NULL").fetchone()[0]
    finally:
        con.close()
    missing = expected - stored
    assert not missing, f"{len(missing)} feedparser links not stored, e.g. {sorted(missing)[:5]}"
    assert updated > len(files) * 0.6
