"""`tidings extract` and `tidings discover`: checking a web page before making it a source."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import click

from tidings.cli.app import check_url, echo_json, note
from tidings.errors import TidingsError

# How `tidings extract` names where a date came from, so a user can judge it.
_DATE_SOURCES = {
    "jsonld": "from JSON-LD datePublished",
    "meta": "from a publication-date meta tag",
    "time": "from a <time> element",
    "label": "from a date labelled \"Published\" in the text",
    "dateline": "from the date printed by the headline",
    "htmldate": "guessed by htmldate from the whole page",
    "url": "from the URL",
    "url-month": "the first of the month in the URL",
    "modified": "from the page's modified date",
    "text": "from a date element in the page",
    "body": "from a dateline opening the text",
}


def _iso(value) -> str | None:  # type: ignore[no-untyped-def]
    """ISO 8601 in UTC, like every date tidings prints."""
    if value is None:
        return None
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


@click.command()
@click.argument("target", metavar="URL_OR_FILE")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def extract(target: str, as_json: bool) -> None:
    """Show what tidings reads off one article page: title, date, canonical URL and text.

    Example: tidings extract https://example.com/news/acme-launches-harbor --json
    """
    from tidings.extract import extract_page
    from tidings.extract.page import NoTextError
    from tidings.network.http_client import HttpClient

    if target.startswith(("http://", "https://", "file://")):
        check_url(target, "URL_OR_FILE")
        with HttpClient(max_workers=1) as client:
            response = client.get(target, accept="text/html, */*;q=0.5")
        body, url, headers = response.body, response.url, response.headers
    else:
        path = Path(target)
        if not path.is_file():
            raise TidingsError(f"{target}: no such file (give an http(s) URL or a saved page)")
        body, url, headers = path.read_bytes(), path.resolve().as_uri(), {}
    refused: str | None = None
    try:
        page = extract_page(body, url, headers)
    except NoTextError as exc:
        # Its title and date are still worth seeing: they tell a user which page this is and
        # that tidings will not store it, rather than only that something failed.
        page, refused = exc.page, f"{exc}: tidings does not store this page as an article"
    data = {
        "url": page.url,
        "canonical_url": page.canonical_url,
        "title": page.title,
        "published": _iso(page.published),
        # The same instant at the page's own offset, so its date is the day the page shows.
        "published_as_shown": page.published.isoformat() if page.published else None,
        "published_from": page.published_from,
        "site_name": page.site_name,
        "text": page.text,
    }
    if refused is not None:
        data["refused"] = refused
    if as_json:
        echo_json(data)
        if refused is not None:
            raise TidingsError(refused)
        return
    click.echo(f"title:     {page.title or '(none found)'}")
    shown = ""
    if page.published and page.published.date() != page.published.astimezone(UTC).date():
        shown = f" (the page shows {page.published.date().isoformat()})"
    source = ""
    if page.published_from:
        source = f", {_DATE_SOURCES.get(page.published_from, page.published_from)}"
    click.echo(f"published: {data['published'] or '(no date found)'}{shown}{source}")
    click.echo(f"canonical: {page.canonical_url or '(none)'}")
    if page.site_name:
        click.echo(f"site:      {page.site_name}")
    if refused is not None:
        raise TidingsError(refused)
    words = len(page.text.split())
    click.echo(f"text:      {words} words")
    click.echo("")
    click.echo(page.text)


@click.command()
@click.argument("url")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def discover(url: str, as_json: bool) -> None:
    """Find the feeds, newsroom pages and sitemaps a site offers, with the line to add each.

    Example: tidings discover https://www.example.com/
    """
    from tidings.sources.site_discovery import discover_with_misses

    check_url(url)
    candidates, misses = discover_with_misses(url)
    for feed_url, what in misses:
        note(f"note: the page advertises the feed {feed_url}, which gave {what}")
    rows = [
        {
            "url": c.url,
            "kind": c.kind,
            "format": c.format,
            "title": c.title,
            "items": c.items,
            "found_by": c.found_by,
            "add": f'tidings source add COMPANY "{c.url}" --kind {"page" if c.kind == "sitemap" else c.kind}',
        }
        for c in candidates
    ]
    if as_json:
        echo_json(rows)
        return
    if not rows:
        feed = "no working feed" if misses else "no feed"
        note(f"nothing found at {url}: {feed}, no newsroom listing, no sitemap")
        return
    for row in rows:
        label = f"{row['kind']}" + (f"/{row['format']}" if row["format"] else "")
        click.echo(f"{label:<13} {row['items']:>4} items  {row['title'] or '-'}")
        click.echo(f"              {row['url']}  (via {row['found_by']})")
        click.echo(f"              {row['add']}")
