"""`tidings brief`, `draft`, `interview`, `digest` and `demo`: from news to a conversation."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import click

from tidings.cli.app import App, echo_json, note, pass_app
from tidings.errors import TidingsError
from tidings.timewindow import parse_since


def _write_or_print(text: str, output: str | None, app: App | None = None) -> None:
    if output:
        path = Path(output)
        if app is not None:
            _refuse_workspace_file(path, app)
        tmp = path.with_name(f".{path.name}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Write beside and rename, so an interrupted run never leaves half a file behind.
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(path)
        except OSError as exc:
            if tmp.parent.is_dir():
                tmp.unlink(missing_ok=True)
            raise TidingsError(f"cannot write {output}: {exc.strerror}") from None
        note(f"wrote {path}")
    else:
        click.echo(text, nl=not text.endswith("\n"))


def _refuse_workspace_file(path: Path, app: App) -> None:
    """An -o slip (`-o feeds/acme.toml`) must not replace the configuration or the database."""
    target = path.resolve()
    db = app.workspace.db_path.resolve()
    if target.parent == db.parent and target.name.startswith(db.name):
        raise click.BadParameter(
            f"{path} is the tidings database (or its lock); pick another file", param_hint="-o"
        )
    if target.parent == app.workspace.feeds_dir.resolve() and target.suffix.lower() == ".toml":
        raise click.BadParameter(
            f"{path} would replace a company file in the feeds folder; pick another file",
            param_hint="-o",
        )


# Interview dates outside this range are typos (0026-11-24, 9999-12-31), not plans.
EARLIEST_DAY = date(1990, 1, 1)
LATEST_AHEAD = timedelta(days=366)


def _parse_day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    lowered = value.strip().lower()
    today = datetime.now(UTC).date()
    if lowered == "today":
        return today
    if lowered == "yesterday":
        return today - timedelta(days=1)
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(
            "use a date like 2026-11-24, or today / yesterday", param_hint=option
        ) from None
    if not EARLIEST_DAY <= day <= today + LATEST_AHEAD:
        raise click.BadParameter(
            f"{day.isoformat()} is out of range: use a date from {EARLIEST_DAY:%Y} to a year ahead",
            param_hint=option,
        )
    return day


@click.command()
@click.argument("company_name", metavar="COMPANY")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "html", "json", "text"]),
    default="md",
    show_default=True,
    help="Markdown, a self-contained HTML page, JSON, or plain text.",
)
@click.option("--since", default="60d", show_default=True, help="Window: 60d, 2w, a date, or all.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file.")
@click.option(
    "--template-dir",
    type=click.Path(file_okay=False, exists=True),
    help="Your own Jinja2 templates (brief.html.j2), tried before the packaged ones.",
)
@pass_app
def brief(
    app: App, company_name: str, fmt: str, since: str, output: str | None, template_dir: str | None
) -> None:
    """Export a brief: talking points, developments by kind, competitor moves, handle-with-care,
    background and sources, with a warning when sources are stale or failing.

    Example: tidings brief "Acme Robotics" --format html -o acme.html
    """
    from tidings.intel.briefing import build_brief
    from tidings.render import render_html, render_json, render_markdown, render_text

    company = app.config.find(company_name)
    now = datetime.now(UTC)
    start = parse_since(since, now)
    with app.reader() as con:
        record = build_brief(con, app.config, company, since=start, now=now)
    if fmt == "html":
        text = render_html(record, Path(template_dir) if template_dir else None)
    elif fmt == "json":
        text = render_json(record)
    elif fmt == "text":
        text = render_text(record)
    else:
        text = render_markdown(record)
    _write_or_print(text, output, app)


@click.command()
@click.argument("company_name", metavar="COMPANY")
@click.option("--to", "to", help="Who you write to (default: the interviewer you recorded).")
@click.option("--role", help="The role you interviewed for.")
@click.option("--interviewed", help="Interview date (YYYY-MM-DD, today, yesterday).")
@click.option(
    "--points",
    "n_points",
    type=click.IntRange(0, 3),
    default=2,
    show_default=True,
    help="How many talking points to weave in.",
)
@click.option("--since", default="60d", show_default=True, help="Window for talking points.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "md", "json"]), default="text", show_default=True,
    help="Plain text to paste into your mail, Markdown, or JSON.",
)
@pass_app
def draft(
    app: App,
    company_name: str,
    to: str | None,
    role: str | None,
    interviewed: str | None,
    n_points: int,
    since: str,
    fmt: str,
) -> None:
    """Write a thank-you or check-in email draft with one or two talking points woven in.

    Uses the latest interview recorded with `tidings interview add` unless options say otherwise.
    Sensitive news (layoffs, lawsuits, breaches) is never used.

    Example: tidings draft "Acme Robotics" --to "Dana" --role "Data Engineer" --interviewed today
    """
    from tidings.intel.briefing import talking_points
    from tidings.intel.followup import compose_draft, render_draft
    from tidings.store.interviews import list_interviews

    company = app.config.find(company_name)
    now = datetime.now(UTC)
    start = parse_since(since, now)
    day = _parse_day(interviewed, "--interviewed")
    with app.reader() as con:
        result = talking_points(con, app.config, company, since=start, now=now, limit=5)
        stored = list_interviews(con, {company.slug: company.name}, company.slug)
    latest = stored[0] if stored else None
    timeline = latest.timeline_days if latest else 7
    record = compose_draft(
        company.name,
        result.points,
        to=to or (latest.with_name if latest else None),
        role=role or (latest.role if latest else None),
        interviewed=day or (latest.date if latest else None),
        today=now.date(),
        n_points=n_points,
        timeline_days=timeline,
    )
    _write_or_print(render_draft(record, fmt), None)


@click.group()
def interview() -> None:
    """Record interviews and see which follow-ups are due.

    Example: tidings interview add "Acme Robotics" --date today --with "Dana Lee"
    """


@interview.command("add")
@click.argument("company_name", metavar="COMPANY")
@click.option("--date", "on", required=True, help="Interview date (YYYY-MM-DD, today, yesterday).")
@click.option("--with", "with_name", help="Who you spoke with.")
@click.option("--role", help="The role you interviewed for.")
@click.option("--notes", help="Anything to remember (what you discussed).")
@click.option(
    "--timeline",
    "timeline_days",
    type=click.IntRange(1, 90),
    default=7,
    show_default=True,
    help="Days they said they would take to get back to you.",
)
@pass_app
def interview_add(
    app: App,
    company_name: str,
    on: str,
    with_name: str | None,
    role: str | None,
    notes: str | None,
    timeline_days: int,
) -> None:
    """Record an interview; `draft` and `digest` then know when to follow up.

    Example: tidings interview add "Acme Robotics" --date 2026-11-24 --with "Dana" --role "Data Engineer"
    """
    from tidings.intel.followup import next_follow_up
    from tidings.store.interviews import add_interview

    company = app.config.find(company_name)
    day = _parse_day(on, "--date")
    assert day is not None
    with app.writer() as con:
        record = add_interview(
            con,
            company=company.slug,
            company_name=company.name,
            on=day,
            with_name=with_name,
            role=role,
            notes=notes,
            timeline_days=timeline_days,
        )
    follow_up = next_follow_up(record, datetime.now(UTC).date())
    note(f"recorded interview #{record.id} with {company.name} on {day:%Y-%m-%d}")
    note(f"next: {follow_up.kind} due {follow_up.due:%Y-%m-%d} ({follow_up.reason})")


@interview.command("remove")
@click.argument("interview_id", metavar="ID", type=click.IntRange(1, None))
@pass_app
def interview_remove(app: App, interview_id: int) -> None:
    """Delete a recorded interview by its number (see `tidings interview list`).

    Example: tidings interview remove 3
    """
    from tidings.store.interviews import remove_interview

    with app.writer() as con:
        removed = remove_interview(con, interview_id)
    if not removed:
        raise TidingsError(f"no interview #{interview_id} (see `tidings interview list`)")
    note(f"removed interview #{interview_id}")


@interview.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@pass_app
def interview_list(app: App, as_json: bool) -> None:
    """List recorded interviews with the next follow-up due and whether it is overdue.

    Example: tidings interview list --json
    """
    from tidings.intel.followup import next_follow_up
    from tidings.store.interviews import list_interviews

    names = {c.slug: c.name for c in app.config.companies}
    with app.reader() as con:
        interviews = list_interviews(con, names)
    today = datetime.now(UTC).date()
    rows = []
    for item in interviews:
        follow_up = next_follow_up(item, today)
        rows.append(
            {
                "id": item.id,
                "company": item.company,
                "company_name": item.company_name,
                "date": item.date.isoformat(),
                "with": item.with_name,
                "role": item.role,
                "notes": item.notes,
                "timeline_days": item.timeline_days,
                "next_follow_up": follow_up.kind,
                "due": follow_up.due.isoformat(),
                "overdue": follow_up.overdue,
                "reason": follow_up.reason,
            }
        )
    if as_json:
        echo_json(rows)
        return
    if not rows:
        note('no interviews recorded: tidings interview add COMPANY --date today --with "Name"')
        return
    for row in rows:
        flag = "OVERDUE" if row["overdue"] else "due"
        who = f" with {row['with']}" if row["with"] else ""
        role = f" ({row['role']})" if row["role"] else ""
        click.echo(f"#{row['id']} {row['date']} {row['company_name']}{who}{role}")
        click.echo(f"           {row['next_follow_up']} {flag} {row['due']}: {row['reason']}")


@click.command()
@click.option(
    "--since",
    default="last-fetch",
    show_default=True,
    help="last-fetch (what the newest fetch brought in), a window like 7d, or all.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["md", "html", "json"]), default="md", show_default=True,
    help="Markdown (for a mail body), a self-contained HTML page, or JSON.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file.")
@pass_app
def digest(app: App, since: str, fmt: str, output: str | None) -> None:
    """What is new across all tracked companies, due follow-ups first: for a morning mail.

    `;`, not `&&`, after the fetch: a night when one source failed (fetch exits 1) still
    sends the digest, with the failure lines above it.

    Example: tidings fetch --quiet; tidings digest --format md
    """
    from tidings.intel.digest import build_digest
    from tidings.render import render_digest
    from tidings.store.interviews import last_fetch_started

    now = datetime.now(UTC)
    with app.reader() as con:
        if since == "last-fetch":
            start = last_fetch_started(con)
            if start is None:
                note("no fetch has run yet: showing the last 7 days")
                start = now - timedelta(days=7)
        else:
            start = parse_since(since, now)
        record = build_digest(con, app.config, since=start, now=now)
    _write_or_print(render_digest(record, fmt), output, app)


DEMO_FILES = {"demo.toml"}


def _refuse_real_workspace(directory: Path) -> None:
    """The demo writes feeds/ and data/ in DIRECTORY: never into a workspace someone uses.

    An earlier demo (feeds/ holding only demo.toml) may be rebuilt; any other company file, or
    a database without a demo beside it, means real data would be mixed with sample news.
    """
    feeds = directory / "feeds"
    own = {p.name for p in feeds.glob("*.toml")} if feeds.is_dir() else set()
    foreign = sorted(own - DEMO_FILES)
    has_db = (directory / "data" / "tidings.duckdb").exists()
    if foreign or (has_db and not own):
        what = f"feeds/{foreign[0]}" if foreign else "data/tidings.duckdb"
        raise click.BadParameter(
            f"{directory} already holds a tidings workspace ({what}); the demo would mix sample "
            "news into it. Pick a new folder, e.g. tidings demo /tmp/tidings-demo",
            param_hint="DIRECTORY",
        )


@click.command()
@click.argument("directory", default="tidings-demo", type=click.Path(file_okay=False))
def demo(directory: str) -> None:
    """Build a throwaway workspace with sample news, fetch it, and show what tidings makes of it.

    Works offline: the sample feeds are files shipped with tidings. Nothing outside DIRECTORY
    is touched.

    Example: tidings demo /tmp/tidings-demo
    """
    from tidings.analysis.ingest import analysis_hook
    from tidings.demo import build_demo
    from tidings.intel.briefing import build_brief
    from tidings.render import render_html, render_points_text
    from tidings.sources.fetch_run import run_fetch
    from tidings.workspace.config import load_config

    now = datetime.now(UTC)
    _refuse_real_workspace(Path(directory))
    workspace = build_demo(Path(directory), now.date())
    config = load_config(workspace.feeds_dir)
    report = run_fetch(workspace.db_path, config.companies, after_write=analysis_hook(config.companies))
    note(f"demo workspace: {workspace.directory}")
    note(f"fetched the sample feeds: {report.summary()}")
    target = config.find(workspace.target)
    from tidings.store.connection import connect

    with connect(workspace.db_path, read_only=True) as con:
        record = build_brief(con, config, target, since=now - timedelta(days=60), now=now)
    workspace.html_path.write_text(render_html(record), encoding="utf-8")
    click.echo(f"Talking points for {target.name}:\n")
    click.echo(render_points_text(record.talking_points))
    if record.handle_with_care:
        click.echo("Handle with care (know it, don't open with it):")
        for item in record.handle_with_care:
            click.echo(f"  - {item.title} ({item.published:%Y-%m-%d}): {item.note}")
        click.echo("")
    note(f"HTML brief: {workspace.html_path}")
    note(
        f'try: cd {workspace.directory} && tidings points "{target.name}"; '
        f'tidings draft "{target.name}" --interviewed today'
    )
