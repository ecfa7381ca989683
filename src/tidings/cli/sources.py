"""`tidings source ...`: where each company's news comes from, and how each source is doing."""

from __future__ import annotations

import re
import shlex
from datetime import UTC, datetime
from pathlib import Path

import click

from tidings.cli.app import (
    App,
    ConfigClickError,
    check_url,
    echo_json,
    note,
    pass_app,
    url_problem,
)
from tidings.intel.namecheck import name_warning
from tidings.sources.failure_text import failure_line
from tidings.sources.schedule import format_next_try
from tidings.store.sources import article_counts, load_states, source_health
from tidings.timewindow import describe_age
from tidings.workspace.config_edit import add_source, remove_source
from tidings.workspace.opml import export_opml, parse_opml


@click.group()
def source() -> None:
    """Add, list, remove, import and export news sources.

    Example: tidings source add "Acme Robotics" https://acme.example/feed.xml --kind feed
    """


@source.command("add")
@click.argument("company_name", metavar="COMPANY")
@click.argument("url")
@click.option(
    "--kind",
    type=click.Choice(["auto", "feed", "page", "search"]),
    default="auto",
    show_default=True,
    help="auto looks at the URL: a feed, a page advertising a feed, or a page to crawl.",
)
@click.option("--name", help="How the source is shown in talking points.")
@click.option("--link-selector", help="Page sources: CSS selector matching article links.")
@click.option("--link-pattern", help="Page sources: regex an article URL must match.")
@click.option("--full-text", is_flag=True, help="Feed sources: fetch each article page for its text.")
@click.option("--own", is_flag=True,
              help="Every item is the company's own post (its blog, changelog or channel elsewhere).")
@click.option("--force", is_flag=True,
              help="Add it even if it cannot be checked or gives no news now (offline set-up).")
@pass_app
def source_add(
    app: App,
    company_name: str,
    url: str,
    kind: str,
    name: str | None,
    link_selector: str | None,
    link_pattern: str | None,
    full_text: bool,
    own: bool,
    force: bool,
) -> None:
    """Add a news source to a company, once it is checked: a feed must be a feed, a page must
    list article links; a 404, a server error or an unreachable host is refused (exit 1).

    Example: tidings source add "Acme Robotics" https://acme.example/feed.xml --name "Acme newsroom"
    """
    app.config.find(company_name)  # fail on an unknown company before any network work
    check_url(url)
    owner = next((s.company for s in app.config.sources() if s.url == url), None)
    if owner is not None:
        # Before the network probe: no point fetching a URL that cannot be added.
        raise ConfigClickError(
            f"{url} is already a source of {app.config.by_slug[owner].name!r}"
        )
    if own and kind == "search":  # before the network (a probe never finds a search: auto gives feed or page)
        raise click.BadParameter("a news search is never the company's own", param_hint="--own")
    if link_pattern is not None:
        try:
            re.compile(link_pattern)
        except re.error as exc:  # before the network: a usage error, not "no links"
            raise click.BadParameter(f"not a valid regex: {exc}", param_hint="--link-pattern") from None
    if not (force and kind != "auto"):  # --force with a kind: nothing to ask the network
        from tidings.sources.site_discovery import SourceRefused, check_source

        try:
            choice = check_source(url, kind, link_selector=link_selector, link_pattern=link_pattern)
        except SourceRefused as exc:
            if not force:
                raise click.ClickException(f"{exc}; --force adds it anyway") from None
            note(f"{exc}; adding it anyway (--force)")
            choice = None
        if choice is not None:
            kind, url = choice.kind, choice.url
            note(choice.reason)
            if not name and choice.title:
                name = choice.title
        elif kind == "auto":
            kind = "feed"  # unreachable now: the default kind, which the user may change
    options: dict[str, object] = {
        "link_selector": link_selector,
        "link_pattern": link_pattern,
        "full_text": full_text,
        "own": own,
    }
    owner, _ = add_source(
        app.workspace.feeds_dir, company_name, url, kind=kind, name=name, options=options
    )
    note(f"added {kind} source {url} to {owner}")


@source.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@pass_app
def source_list(app: App, as_json: bool) -> None:
    """List sources with their health: last success, failures, articles stored.

    Example: tidings source list
    """
    config = app.config
    with app.reader() as con:
        states = load_states(con)
        counts = article_counts(con)
        name_notes = [w for w in (name_warning(con, c) for c in config.companies) if w]
    now = datetime.now(UTC)
    rows = []
    for company in config.companies:
        for src in company.sources:
            state = states.get(src.url)
            rows.append(
                {
                    "company": company.slug,
                    "url": src.url,
                    "kind": src.kind,
                    "name": src.name or (state.title if state else None),
                    "health": source_health(state, now),
                    "fetch_url": state.fetch_url if state and state.fetch_url else src.url,
                    "last_status": state.last_status if state else None,
                    "last_error": state.last_error if state else None,
                    "consecutive_failures": state.consecutive_failures if state else 0,
                    "last_fetched_at": state.last_fetched_at if state else None,
                    "last_success_at": state.last_success_at if state else None,
                    "next_fetch_after": state.next_fetch_after if state else None,
                    "items_seen": state.items_seen if state else None,
                    "items_new": state.items_new if state else None,
                    "bozo": state.bozo if state else False,
                    "last_note": state.last_note if state else None,
                    "articles": counts.get(src.url, 0),
                }
            )
    for warning in name_notes:
        # On stderr, also with --json: the JSON stays the list of sources it always was.
        note(f"warning: {warning}")
    if as_json:
        for row in rows:
            for key in ("last_fetched_at", "last_success_at", "next_fetch_after"):
                if row[key] is not None:
                    row[key] = row[key].isoformat()
        echo_json(rows)
        return
    if not rows:
        note("no sources yet: tidings source add COMPANY URL")
        return
    marks = {"ok": "ok", "new": "new", "stale": "STALE", "failing": "FAIL", "gone": "GONE"}
    for row in rows:
        label = row["name"] or row["url"]
        line = (
            f"{marks[row['health']]:<6} {row['company']:<20} {row['kind']:<6} "
            f"{row['articles']:>5} art  last ok {describe_age(row['last_success_at'], now):<9} {label}"
        )
        click.echo(line)
        if row["health"] in ("failing", "gone") and row["last_error"]:
            retry = ""
            if row["health"] == "failing" and row["next_fetch_after"] is not None:
                retry = f"; next try {format_next_try(row['next_fetch_after'], now)}"
            times = f" ({row['consecutive_failures']}x in a row)" if row["consecutive_failures"] > 1 else ""
            line = failure_line(row["name"], row["url"], row["last_error"])
            click.echo(f"       {line}{times}{retry}")
        if row["fetch_url"] != row["url"]:
            click.echo(f"       moved to {row['fetch_url']}")
        if row["last_note"] and row["health"] not in ("failing", "gone"):
            click.echo(f"       note: {row['last_note']}")
    flagged = sum(1 for r in rows if r["health"] in ("stale", "failing", "gone"))
    if flagged:
        note(f"{flagged} source(s) need attention (STALE: no success in 3 days; FAIL; GONE: HTTP 410)")


@source.command("remove")
@click.argument("url")
@pass_app
def source_remove(app: App, url: str) -> None:
    """Remove a source by URL (its stored articles are kept).

    Example: tidings source remove https://acme.example/feed.xml
    """
    owner = remove_source(app.workspace.feeds_dir, url)
    note(f"removed {url} from {owner}")


@source.command("import")
@click.argument("opml_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--company", "company_name", required=True, help="The company the feeds belong to.")
@pass_app
def source_import(app: App, opml_file: str, company_name: str) -> None:
    """Import the feeds of an OPML file (from any feed reader) as sources of a company.

    Example: tidings source import subscriptions.opml --company "Acme Robotics"
    """
    company = app.config.find(company_name)
    feeds = parse_opml(Path(opml_file).read_bytes())
    # A file with a folder per company (what `source export` writes) gives this company only its
    # own folder: importing the whole file would file every competitor's feeds under it.
    names = {company.name.casefold(), company.slug.casefold()}
    if any(f.folder and f.folder.casefold() in names for f in feeds):
        others = [f for f in feeds if not (f.folder and f.folder.casefold() in names)]
        feeds = [f for f in feeds if f not in others]
        if others:
            folders = ", ".join(dict.fromkeys(f.folder or "(no folder)" for f in others))
            note(
                f"skipped {len(others)} feed(s) outside the folder {company.name!r} ({folders}): "
                f"import them with `tidings source import {shlex.quote(opml_file)} --company NAME`"
            )
    known = {s.url for s in app.config.sources()}
    added = 0
    for feed in feeds:
        if not feed.url.startswith(("http://", "https://")):
            # Skip rather than fail: one odd outline must not leave the import half done.
            note(f"skipped {feed.url}: not an http(s) URL")
            continue
        problem = url_problem(feed.url)
        if problem:
            note(f"skipped {feed.url}: {problem}")
            continue
        if feed.url in known:
            note(f"skipped {feed.url}: already a source")
            continue
        # A Google News search (a `news = true` company's, as `source export` lists it) stays a
        # search: its results are never the company's own posts, and headlines need a cue.
        kind = "search" if feed.url.startswith("https://news.google.com/rss/search?") else "feed"
        add_source(app.workspace.feeds_dir, company.slug, feed.url, kind=kind, name=feed.title)
        known.add(feed.url)
        added += 1
    note(f"imported {added} of {len(feeds)} feed(s) into {company.name}")


@source.command("export")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to a file.")
@pass_app
def source_export(app: App, output: str | None) -> None:
    """Export every source as OPML, one folder per company.

    Example: tidings source export -o tidings.workspace.opml
    """
    text = export_opml(app.config)
    if output:
        Path(output).write_text(text, encoding="utf-8")
        note(f"wrote {output}")
    else:
        click.echo(text, nl=False)
