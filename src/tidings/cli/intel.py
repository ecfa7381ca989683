"""`tidings points`, `developments`, `mentions`, `search` and `reanalyze`: what the news says."""

from __future__ import annotations

from datetime import UTC, datetime

import click

from tidings.analysis import EVENT_KINDS
from tidings.cli.app import App, echo_json, note, pass_app
from tidings.cli.briefs import INTERVIEW_OPTION, context_of, interview_context
from tidings.intel.briefing import rivals_of, talking_points, unhealthy_source_warnings
from tidings.intel.namecheck import name_warning
from tidings.intel.queries import developments as query_developments
from tidings.intel.queries import mention_count, mentioning_articles
from tidings.intel.records import InterviewContext
from tidings.intel.search import index_is_stemmed
from tidings.intel.search import search as run_search
from tidings.render import render_points_text
from tidings.render.common import iso_z
from tidings.render.jsonout import care_to_dict, development_to_dict, point_to_dict
from tidings.store.sources import article_counts
from tidings.timewindow import is_all_time, parse_since, since_phrase

iso = iso_z


@click.command()
@click.argument("company_name", metavar="COMPANY")
@click.option("--since", default="60d", show_default=True, help="Window: 60d, 2w, a date, or all.")
@click.option("--limit", type=click.IntRange(1, 50), default=5, show_default=True, help="How many points.")
@INTERVIEW_OPTION
@click.option("--role", help="Rank for this role without recording an interview.")
@click.option("--notes", help="Rank for these notes without recording an interview.")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@pass_app
def points(
    app: App,
    company_name: str,
    since: str,
    limit: int,
    interview_id: int | None,
    role: str | None,
    notes: str | None,
    as_json: bool,
) -> None:
    """The best things to mention in a follow-up, each with why, date, source and link, ranked
    for the company's latest recorded interview (its role and notes) when there is one.

    Example: tidings points "Acme Robotics" --role "Data Engineer" --notes "streaming, Flink"
    """
    company = app.config.find(company_name)
    now = datetime.now(UTC)
    start = parse_since(since, now)
    with app.reader() as con:
        context = context_of(interview_context(con, app, company, interview_id))
        if role is not None or notes is not None:
            # Trying words out: what is given replaces the recorded role or notes, nothing is stored.
            base = context or InterviewContext()
            context = InterviewContext(
                role=role if role is not None else base.role,
                notes=notes if notes is not None else base.notes,
                interview_id=base.interview_id,
                date=base.date,
            )
        result = talking_points(con, app.config, company, since=start, now=now, limit=limit, context=context)
        stored = article_counts(con) if result.nothing_recent else {}
        name_note = name_warning(con, company)
        warnings = ([name_note] if name_note else []) + unhealthy_source_warnings(con, company, now)
    if as_json:
        echo_json(
            {
                "company": company.slug,
                "since": iso(start),
                "interview": (
                    None
                    if context is None or context.empty
                    else {"id": context.interview_id, "role": context.role, "notes": context.notes}
                ),
                "points": [point_to_dict(p) for p in result.points],
                "background": [point_to_dict(p) for p in result.background],
                "handle_with_care": [care_to_dict(c) for c in result.handle_with_care],
                "nothing_recent": result.nothing_recent,
                "warnings": warnings,
            }
        )
        return
    for warning in warnings:
        note(f"warning: {warning}")
    if result.nothing_recent:
        note(
            f"Nothing recent about {company.name} {since_phrase(start)}: no launch, funding, "
            "partnership or similar news in the stored articles."
        )
        if not any(stored.get(s.url) for s in company.sources):
            # "Nothing recent" must not read as "no news" when nothing was ever fetched.
            why = (
                "it has no sources"
                if not company.sources
                else "none of its sources has brought in an article yet"
            )
            note(
                f"note: {why}; this means no data, not no news (see `tidings source list`)"
            )
    else:
        ranked = ""
        if context is not None and not context.empty:
            what = context.role or context.notes
            ranked = f", ranked for your interview: {what}"
        click.echo(f"Talking points for {company.name} ({since_phrase(start)}{ranked}):\n")
        click.echo(render_points_text(result.points))
    if result.background:
        click.echo("Background (older than the window, not news):\n")
        click.echo(render_points_text(result.background))
    if result.handle_with_care:
        click.echo("Handle with care (know it, don't open with it):")
        for item in result.handle_with_care:
            click.echo(f"  - [{item.kind}] {item.title} ({item.published:%Y-%m-%d}, {item.source})")
            click.echo(f"    {item.note}")


@click.command()
@click.argument("company_name", metavar="COMPANY")
@click.option("--since", default="60d", show_default=True, help="Window: 60d, 2w, a date, or all.")
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(list(EVENT_KINDS)),
    help="Only this kind of event (repeatable).",
)
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@pass_app
def developments(app: App, company_name: str, since: str, kinds: tuple[str, ...], as_json: bool) -> None:
    """The company's recent events (launches, funding, ...), newest first, one line each.

    Example: tidings developments "Acme Robotics" --kind funding --kind launch
    """
    company = app.config.find(company_name)
    start = parse_since(since)
    with app.reader() as con:
        devs = query_developments(con, company, since=start, kinds=kinds or None)
    if as_json:
        echo_json([development_to_dict(d) for d in devs])
        return
    if not devs:
        note(f"no developments for {company.name} {since_phrase(start)}")
        return
    for dev in devs:
        # Marked whenever it is to be handled with care: a launch read as bad news ("Apple
        # Reportedly Focusing Less on ... iOS Updates") went unmarked, though `points` keeps it out.
        flag = "!" if dev.handle_with_care else " "
        extra = f" [{dev.coverage} sources]" if dev.coverage > 1 else ""
        click.echo(f"{dev.published:%Y-%m-%d} {flag}{dev.kind:<12} {dev.title} — {dev.source}{extra}")
    if any(dev.handle_with_care for dev in devs):
        note("! bad news (a sensitive kind, or bad for the company): know it, do not open with it")


@click.command()
@click.argument("company_name", metavar="COMPANY")
@click.option("--since", default="30d", show_default=True, help="Window: 30d, 2w, a date, or all.")
@click.option("--competitors", is_flag=True, help="Share of voice of each competitor instead.")
@click.option(
    "--limit", type=click.IntRange(1, 500), default=30, show_default=True, help="Most articles shown."
)
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@pass_app
def mentions(app: App, company_name: str, since: str, competitors: bool, limit: int, as_json: bool) -> None:
    """Articles that mention a company, or with --competitors each competitor's share of voice.

    Example: tidings mentions "Acme Robotics" --competitors --since 30d
    """
    company = app.config.find(company_name)
    start = parse_since(since)
    with app.reader() as con:
        if not competitors:
            rows = mentioning_articles(con, company.slug, start, limit)
        else:
            group = [company, *rivals_of(app.config, company)]
            counts = {c.slug: mention_count(con, c.slug, start) for c in group}
            total = sum(counts.values())
            rows = [
                {
                    "company": c.slug,
                    "name": c.name,
                    "mentions": counts[c.slug],
                    "share_of_voice": round(counts[c.slug] / total, 3) if total else 0.0,
                    "top_stories": [
                        {
                            "title": a["title"],
                            "url": a["url"],
                            "source": a["source"],
                            "published": iso(a["published"]),
                            "coverage": a["coverage"],
                        }  # type: ignore[arg-type]
                        for a in mentioning_articles(con, c.slug, start, 3)
                    ],
                }
                for c in group
            ]
    if as_json:
        if not competitors:
            for row in rows:
                row["published"] = iso(row["published"])  # type: ignore[arg-type]
        echo_json(rows)
        return
    if not rows:
        note(f"no mentions of {company.name} {since_phrase(start)}")
        return
    if competitors:
        for row in rows:
            click.echo(f"{row['name']:<28} {row['mentions']:>5} articles  {row['share_of_voice']:>6.1%}")
            for story in row["top_stories"]:  # type: ignore[union-attr]
                click.echo(f"    {story['published'][:10]} {story['title']} — {story['source']}")
        began = "every stored story" if is_all_time(start) else f"stories that began {since_phrase(start)}"
        note(f"counted: {began}, each once however many outlets carried it (a copy of an older "
             "post first seen in the window is that older story)")
        return
    for row in rows:
        where = "title" if row["in_title"] else "text"
        click.echo(f"{row['published']:%Y-%m-%d} [{where}] {row['title']} — {row['source']}")
        if row["snippet"] and not row["in_title"]:
            click.echo(f"           “{row['snippet']}”")


@click.command()
@click.argument("query")
@click.option("--company", "company_name", help="Only articles about this company.")
@click.option("--since", default="30d", show_default=True, help="Window: 30d, 1y, a date, or all.")
@click.option("--limit", type=click.IntRange(1, 200), default=20, show_default=True, help="Most results.")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@pass_app
def search(app: App, query: str, company_name: str | None, since: str, limit: int, as_json: bool) -> None:
    """Full-text search over stored titles and text, ranked, with a snippet.

    Example: tidings search '"series b" robotics' --since 90d
    """
    slug = app.config.find(company_name).slug if company_name else None
    start = parse_since(since)
    with app.reader() as con:
        hits = run_search(con, query, company=slug, since=start, limit=limit)
        if not index_is_stemmed(con):
            note(
                "note: the search index predates word forms (stemming): articles stored before "
                "this version match only the words as written until you run `tidings reanalyze`"
            )
    if as_json:
        echo_json(
            [
                {
                    "id": h.id,
                    "title": h.title,
                    "url": h.url,
                    "source": h.source,
                    "published": iso(h.published),
                    "company": h.company,
                    "score": h.score,
                    "snippet": h.snippet,
                }
                for h in hits
            ]
        )
        return
    if not hits:
        note(f"no stored article matches {query!r} {since_phrase(start)}")
        return
    for hit in hits:
        click.echo(f"{hit.published:%Y-%m-%d} {hit.title} — {hit.source}")
        click.echo(f"           {hit.snippet}")
        click.echo(f"           {hit.url}")


@click.command()
@pass_app
def reanalyze(app: App) -> None:
    """Recompute mentions, events, search index and stories for every stored article.

    Run it after editing a company's aliases, context or exclude words. It also stores an
    article kept under a click redirect (google.com/url?url=) under the story it forwards to;
    links behind FeedBurner are re-read by `tidings fetch --refetch`.

    Example: tidings reanalyze
    """
    from tidings.analysis.ingest import reanalyse_all
    from tidings.store.articles import unwrap_stored_redirects
    from tidings.store.connection import transaction
    from tidings.store.sources import sync_config

    config = app.config
    with app.writer() as con, transaction(con):
        sync_config(con, config.companies)
        unwrapped = unwrap_stored_redirects(con)
        counts = reanalyse_all(con, config.companies)
    if unwrapped:
        note(f"{unwrapped} article link(s) through a click redirect now point at the story itself")
    note(f"reanalysed {counts.articles} articles: {counts.mentions} mentions, {counts.events} events")
