"""`tidings brief`, `draft`, `interview`, `digest` and `demo`: from news to a conversation."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import click
import duckdb
from click.core import ParameterSource

from tidings.cli.app import App, echo_json, note, pass_app
from tidings.errors import TidingsError
from tidings.intel.records import Draft, Interview, InterviewContext
from tidings.models import Company
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


# An interview more than a year back, or more than a year ahead, is a typo (2025 for 2026,
# 0026-11-24, 9999-12-31), not a plan: following up on it would be advice for nobody.
LATEST_AHEAD = timedelta(days=366)


def _year_before(today: date) -> date:
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 1, day=28)


def _parse_day(value: str | None, option: str, *, allow_future: bool = True) -> date | None:
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
    earliest = _year_before(today)
    if day < earliest:
        raise click.BadParameter(
            f"{day.isoformat()} is more than a year ago: use a date from {earliest.isoformat()} on",
            param_hint=option,
        )
    if day > today and not allow_future:
        raise click.BadParameter(f"{day.isoformat()} is in the future", param_hint=option)
    if day > today + LATEST_AHEAD:
        raise click.BadParameter(
            f"{day.isoformat()} is more than a year ahead: check the year", param_hint=option
        )
    return day


def interview_context(
    con: duckdb.DuckDBPyConnection, app: App, company: Company, interview_id: int | None
) -> Interview | None:
    """The interview to rank for: --interview ID (it must be with this company), else the latest."""
    from tidings.store.interviews import get_interview, list_interviews

    names = {c.slug: c.name for c in app.config.companies}
    if interview_id is None:
        stored = list_interviews(con, names, company.slug)
        return stored[0] if stored else None
    record = get_interview(con, interview_id, names)
    if record.company != company.slug:
        raise TidingsError(
            f"interview #{interview_id} is with {record.company_name}, not {company.name} "
            f"(see `tidings interview list`)"
        )
    return record


def context_of(record: Interview | None) -> InterviewContext | None:
    if record is None:
        return None
    return InterviewContext(role=record.role, notes=record.notes, interview_id=record.id, date=record.date)


def channel_option(help_text: str) -> Any:
    """--channel email|linkedin|call, the same for drafting and for recording what was sent."""
    return click.option(
        "--channel", type=click.Choice(["email", "linkedin", "call"]), default="email",
        show_default=True, help=help_text,
    )


INTERVIEW_OPTION = click.option(
    "--interview",
    "interview_id",
    type=click.IntRange(1, None),
    help="Rank for this recorded interview (default: the company's latest).",
)


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
@INTERVIEW_OPTION
@pass_app
def brief(
    app: App,
    company_name: str,
    fmt: str,
    since: str,
    output: str | None,
    template_dir: str | None,
    interview_id: int | None,
) -> None:
    """Export a brief: talking points (ranked for your interview), developments by kind, share of
    voice and a 60-day timeline, competitor moves, handle-with-care, background and sources, with
    a warning when sources are stale or failing.

    Example: tidings brief "Acme Robotics" --format html -o acme.html
    """
    from tidings.intel.briefing import build_brief
    from tidings.render import render_html, render_json, render_markdown, render_text

    company = app.config.find(company_name)
    now = datetime.now(UTC)
    start = parse_since(since, now)
    with app.reader() as con:
        context = context_of(interview_context(con, app, company, interview_id))
        record = build_brief(con, app.config, company, since=start, now=now, context=context)
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
@click.option("--role", help="The role you interviewed for (default: the one recorded).")
@click.option("--interviewed", help="Interview date (YYYY-MM-DD, today, yesterday).")
@INTERVIEW_OPTION
@channel_option("An email, a LinkedIn message (at most 300 characters), or a call script.")
@click.option(
    "--competitors",
    "allow_competitor",
    is_flag=True,
    help="Allow one competitor move, as a question about the company's own plans.",
)
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
    help="Plain text to paste, Markdown, or JSON.",
)
@pass_app
def draft(
    app: App,
    company_name: str,
    to: str | None,
    role: str | None,
    interviewed: str | None,
    interview_id: int | None,
    channel: str,
    allow_competitor: bool,
    n_points: int,
    since: str,
    fmt: str,
) -> None:
    """Write a thank-you or check-in (email, LinkedIn message or call script) around your
    interview: its notes in the thanks, one or two points that match the role woven in.

    Uses the latest interview recorded with `tidings interview add` (or --interview ID) unless
    options say otherwise. Bad news (layoffs, lawsuits, breaches, falling results) is never used,
    and no competitor is named unless --competitors allows one. Sources follow the message.
    A check-in quotes a story the follow-ups already sent did not (`interview sent` records them).

    Example: tidings draft "Acme Robotics" --channel linkedin
    """
    from tidings.intel.briefing import unhealthy_source_warnings
    from tidings.intel.drafts import render_draft

    company = app.config.find(company_name)
    now = datetime.now(UTC)
    start = parse_since(since, now)
    day = _parse_day(interviewed, "--interviewed")
    with app.reader() as con:
        latest = interview_context(con, app, company, interview_id)
        # On stderr, so the draft on stdout stays the message: its news may be missing a source.
        for warning in unhealthy_source_warnings(con, company, now):
            note(f"warning: {warning}")
        record = _compose(
            con, app, company, latest, now=now, since=start, to=to, role=role, day=day,
            n_points=n_points, channel=channel, allow_competitor=allow_competitor,
        )
    _write_or_print(render_draft(record, fmt), None)


def _compose(
    con: duckdb.DuckDBPyConnection,
    app: App,
    company: Company,
    latest: Interview | None,
    *,
    now: datetime,
    since: datetime | None = None,
    to: str | None = None,
    role: str | None = None,
    day: date | None = None,
    n_points: int = 2,
    channel: str = "email",
    allow_competitor: bool = False,
) -> Draft:
    """The draft `tidings draft` writes: also what `interview sent` records as quoted."""
    from tidings.intel.briefing import talking_points
    from tidings.intel.drafts import compose_draft
    from tidings.intel.followup import CHECK_IN, next_follow_up
    from tidings.store.interviews import referenced, sent_follow_ups

    start = since or parse_since("60d", now)
    context = context_of(latest)
    if role and context is not None:
        context = InterviewContext(role=role, notes=context.notes, interview_id=context.interview_id)
    elif role:
        context = InterviewContext(role=role)
    follow_up = None
    quoted: frozenset[str] = frozenset()
    if latest is not None and day is None:
        # What was sent moves the calendar on, as in `interview list`: once the thank-you
        # went out, the draft is the check-in (or says to stop after two).
        sent = sent_follow_ups(con, [latest.id]).get(latest.id, [])
        if sent:
            follow_up = (CHECK_IN, next_follow_up(latest, now.date(), sent).reason)
            quoted = referenced(con, latest.id)
    # Room for the quoted stories (each a story and a link) besides the five to choose from.
    limit = 5 + len(quoted)
    result = talking_points(con, app.config, company, since=start, now=now, limit=limit, context=context)
    return compose_draft(
        company.name,
        result.points,
        to=to or (latest.with_name if latest else None),
        role=role or (latest.role if latest else None),
        interviewed=day or (latest.date if latest else None),
        today=now.date(),
        n_points=n_points,
        timeline_days=latest.timeline_days if latest else 7,
        timeline_given=latest.timeline_stated if latest else False,
        notes=latest.notes if latest else None,
        channel=channel,
        allow_competitor=allow_competitor,
        follow_up=follow_up,
        quoted=quoted,
    )


@click.group()
def interview() -> None:
    """Record interviews and see which follow-ups are due.

    Example: tidings interview add "Acme Robotics" --date today --with "Dana Lee"
    """


TIMELINE = click.IntRange(1, 90)


@interview.command("add")
@click.argument("company_name", metavar="COMPANY")
@click.option("--date", "on", required=True, help="Interview date (YYYY-MM-DD, today, yesterday).")
@click.option("--with", "with_name", help="Who you spoke with.")
@click.option("--role", help="The role you interviewed for.")
@click.option("--notes", help="What you discussed: points and drafts are ranked for it.")
@click.option(
    "--timeline",
    "timeline_days",
    type=TIMELINE,
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
    """Record an interview (a future date is an upcoming one); `points`, `brief` and `draft`
    then rank for its role and notes, and `digest` knows when to follow up.

    Example: tidings interview add "Acme Robotics" --date 2026-11-24 --with "Dana" --role "Data Engineer"
    """
    from tidings.intel.followup import next_follow_up
    from tidings.store.interviews import add_interview

    given = click.get_current_context().get_parameter_source("timeline_days") != ParameterSource.DEFAULT

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
            timeline_given=given,
        )
    follow_up = next_follow_up(record, datetime.now(UTC).date())
    note(f"recorded interview #{record.id} with {company.name} on {day:%Y-%m-%d}")
    if follow_up.upcoming:
        note(f'upcoming: prepare with tidings brief "{company.name}"')
    note(f"next: {follow_up.kind} due {follow_up.due:%Y-%m-%d} ({follow_up.reason})")


@interview.command("edit")
@click.argument("interview_id", metavar="ID", type=click.IntRange(1, None))
@click.option("--date", "on", help="Interview date (YYYY-MM-DD, today, yesterday).")
@click.option("--with", "with_name", help="Who you spoke with ('' clears it).")
@click.option("--role", help="The role ('' clears it).")
@click.option("--notes", help="What you discussed ('' clears it).")
@click.option("--timeline", "timeline_days", type=TIMELINE, help="Days they said they would take.")
@pass_app
def interview_edit(
    app: App,
    interview_id: int,
    on: str | None,
    with_name: str | None,
    role: str | None,
    notes: str | None,
    timeline_days: int | None,
) -> None:
    """Change a recorded interview: notes are often written after it.

    Example: tidings interview edit 3 --notes "streaming pipeline, Flink"
    """
    from tidings.store.interviews import edit_interview

    changes: dict[str, object] = {}
    if on is not None:
        changes["date"] = _parse_day(on, "--date")
    for column, value in (("with_name", with_name), ("role", role), ("notes", notes)):
        if value is not None:
            changes[column] = " ".join(value.split()) or None
    if timeline_days is not None:
        changes["timeline_days"] = timeline_days
        changes["timeline_given"] = True
    if not changes:
        raise click.UsageError("nothing to change: give --date, --with, --role, --notes or --timeline")
    names = {c.slug: c.name for c in app.config.companies}
    with app.writer() as con:
        record = edit_interview(con, interview_id, names, **changes)
    note(f"updated interview #{record.id} with {record.company_name}: {', '.join(sorted(changes))}")


@interview.command("sent")
@click.argument("interview_id", metavar="ID", type=click.IntRange(1, None))
@channel_option("How it went out.")
@click.option("--date", "on", default="today", show_default=True, help="When (YYYY-MM-DD, today, yesterday).")
@pass_app
def interview_sent(app: App, interview_id: int, channel: str, on: str) -> None:
    """Record a follow-up that went out: the first is the thank-you, later ones check-ins.
    What is due next accounts for it; after two check-ins without news, tidings says to stop.

    Example: tidings interview sent 3 --channel linkedin
    """
    from tidings.intel.followup import next_follow_up, sent_kind
    from tidings.store.interviews import get_interview, record_references, record_sent, sent_follow_ups

    day = _parse_day(on, "--date", allow_future=False)
    assert day is not None
    names = {c.slug: c.name for c in app.config.companies}
    with app.writer() as con:
        record = get_interview(con, interview_id, names)
        if day < record.date:
            raise click.BadParameter(
                f"{day.isoformat()} is before the interview ({record.date.isoformat()})",
                param_hint="--date",
            )
        before = sent_follow_ups(con, [interview_id]).get(interview_id, [])
        kind = sent_kind(record, day, before)
        # What went out is the draft for this channel as `tidings draft` writes it now: its
        # stories are recorded so the next draft for the interview tells something new.
        company = app.config.by_slug.get(record.company)
        quoted = () if company is None else _compose(
            con, app, company, record, now=datetime.now(UTC), channel=channel
        ).points
        sent = record_sent(con, interview_id, kind=kind, channel=channel, on=day)
        record_references(con, sent, quoted)
    follow_up = next_follow_up(record, datetime.now(UTC).date(), [*before, sent])
    note(f"recorded the {kind} to {record.company_name} ({channel}, {day:%Y-%m-%d})")
    note(f"next: {follow_up.kind}" + ("" if follow_up.kind == "stop" else f" due {follow_up.due:%Y-%m-%d}")
         + f" ({follow_up.reason})")


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
    """List recorded interviews: last follow-up sent, the next one due, overdue, upcoming.

    Example: tidings interview list --json
    """
    from tidings.intel.followup import next_follow_up
    from tidings.render.digest import follow_up_to_dict
    from tidings.store.interviews import list_interviews, sent_follow_ups

    names = {c.slug: c.name for c in app.config.companies}
    with app.reader() as con:
        interviews = list_interviews(con, names)
        sent = sent_follow_ups(con)
    today = datetime.now(UTC).date()
    rows = []
    for item in interviews:
        follow_up = next_follow_up(item, today, sent.get(item.id, []))
        row = {
            "id": item.id,
            "company": item.company,
            "company_name": item.company_name,
            "date": item.date.isoformat(),
            "with": item.with_name,
            "role": item.role,
            "notes": item.notes,
            "timeline_days": item.timeline_days,
            "timeline_given": item.timeline_stated,
            "next_follow_up": follow_up.kind,
        }
        data = follow_up_to_dict(follow_up)
        row.update({k: data[k] for k in ("due", "overdue", "reason", "last_sent", "upcoming", "prepare")})
        row["sent"] = [
            {"kind": s.kind, "channel": s.channel, "date": s.sent_on.isoformat()}
            for s in sent.get(item.id, [])
        ]
        rows.append(row)
    if as_json:
        echo_json(rows)
        return
    if not rows:
        note('no interviews recorded: tidings interview add COMPANY --date today --with "Name"')
        return
    for row in rows:
        who = f" with {row['with']}" if row["with"] else ""
        role = f" ({row['role']})" if row["role"] else ""
        upcoming = "  UPCOMING" if row["upcoming"] else ""
        click.echo(f"#{row['id']} {row['date']} {row['company_name']}{who}{role}{upcoming}")
        if row["prepare"]:
            click.echo(f"           prepare: {row['prepare']}")
        last = row["last_sent"]
        if last:
            click.echo(f"           last sent: {last['kind']} by {last['channel']} on {last['date']}")
        if row["next_follow_up"] == "stop":
            click.echo(f"           stop following up: {row['reason']}")
        else:
            flag = "OVERDUE" if row["overdue"] else "due"
            click.echo(f"           next: {row['next_follow_up']} {flag} {row['due']}: {row['reason']}")


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
    from tidings.analysis.ingest import analysis_hook, every_own_source_url
    from tidings.demo import build_demo
    from tidings.intel.briefing import build_brief
    from tidings.render import render_html, render_points_text
    from tidings.sources.fetch_run import run_fetch
    from tidings.workspace.config import load_config

    now = datetime.now(UTC)
    _refuse_real_workspace(Path(directory))
    workspace = build_demo(Path(directory), now.date())
    config = load_config(workspace.feeds_dir)
    report = run_fetch(
        workspace.db_path, config.companies, after_write=analysis_hook(config.companies),
        own_sources=every_own_source_url(config.companies),
    )
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
