"""`tidings fetch`, `tidings articles` and `tidings cron`: the nightly job and what it stored."""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from tidings.analysis.ingest import analysis_hook, every_own_source_url
from tidings.cli.app import App, ConfigClickError, echo_json, note, pass_app
from tidings.sources.failure_text import failure_line
from tidings.sources.fetch_run import FetchReport, run_fetch
from tidings.sources.outcome import FAILED, SourceOutcome
from tidings.sources.schedule import format_next_try
from tidings.store.articles import list_articles
from tidings.timewindow import parse_since, since_phrase

MAX_LIMIT = 2**31


def _parse_shard(value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    try:
        k, n = (int(part) for part in value.split("/"))
    except ValueError:
        raise click.BadParameter("use K/N, e.g. 2/4", param_hint="--shard") from None
    if not 1 <= k <= n:
        raise click.BadParameter("K must be between 1 and N", param_hint="--shard")
    return k, n


def _failure_line(outcome: SourceOutcome) -> str:
    """One line per failing source, also under --quiet: what went wrong and when it is retried."""
    source = outcome.source
    when = ""
    if outcome.next_try is not None:
        when = f"; next try {format_next_try(outcome.next_try, datetime.now(UTC))}"
    if outcome.status == FAILED:
        return f"{failure_line(source.name, source.url, outcome.error)}{when}"
    # Deferred after an earlier failure: not fetched this run, and still giving no news.
    line = failure_line(source.name, source.url, outcome.error, verb="failing")
    return f"{line}{when} (`tidings fetch --force` tries it now)"


@click.command()
@click.option("--company", "companies", multiple=True, help="Only this company (repeatable).")
@click.option("--workers", type=click.IntRange(1, 128), default=16, show_default=True,
              help="Sources fetched at once (at most 2 at a time from one host).")
@click.option(
    "--timeout",
    type=click.FloatRange(0.1, 3600),
    default=60.0,
    show_default=True,
    help="Seconds one request may take in all before it is cut off.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print only failures (for cron mail).")
@click.option("--force", is_flag=True, help="Also fetch sources deferred after failures.")
@click.option("--refetch", is_flag=True,
              help="Read every feed and page again this once, even when the server says it is "
                   "unchanged, so articles stored by an older version are updated in place "
                   "(links behind FeedBurner); nothing is stored twice.")
@click.option("--shard", help="Fetch only shard K of N (K/N), to split sources across hosts.")
@click.option("--log", "log_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also append this run's failure lines and its summary, each with the time, to FILE.")
@pass_app
def fetch(
    app: App,
    companies: tuple[str, ...],
    workers: int,
    timeout: float,
    quiet: bool,
    force: bool,
    refetch: bool,
    shard: str | None,
    log_path: Path | None,
) -> None:
    """Fetch every source into the database. Exit 0 if all succeeded, 1 if some failed.

    A source whose last attempt failed stays failing (one line each, also under --quiet, and
    exit 1) while it waits for its next try, until a fetch succeeds or it is removed.

    Example: tidings fetch --quiet
    """
    feeds_dir = app.workspace.feeds_dir
    if not feeds_dir.is_dir():
        # From cron, a wrong working folder would otherwise "succeed" with nothing, every night.
        raise ConfigClickError(
            f"no feeds folder at {feeds_dir}: run `tidings init`, or pass --feeds / TIDINGS_FEEDS"
        )
    config = app.config
    shard_spec = _parse_shard(shard)
    if log_path is not None:
        _check_log(log_path)
    only = [config.find(name).slug for name in companies] if companies else None
    total = sum(
        len(c.sources) for c in config.companies if only is None or c.slug in only
    )
    if total == 0:
        note("no sources configured: add one with `tidings source add COMPANY URL`")
        return
    with contextlib.ExitStack() as stack:
        bar = None
        if not quiet and sys.stderr.isatty():
            bar = stack.enter_context(
                click.progressbar(length=total, label="fetching", file=sys.stderr)
            )

        def progress(outcome: SourceOutcome) -> None:
            if bar is not None:
                bar.update(1)
            elif outcome.failing:
                note(_failure_line(outcome))

        try:
            report = run_fetch(
                app.workspace.db_path,
                config.companies,
                only=only,
                workers=workers,
                timeout=timeout,
                force=force,
                refetch=refetch,
                shard=shard_spec,
                progress=progress,
                after_write=analysis_hook(config.companies),
                own_sources=every_own_source_url(config.companies),
            )
        except KeyboardInterrupt:
            stack.close()
            note("interrupted: sources written before Ctrl-C are stored; nothing is half-written")
            sys.stderr.flush()
            # Worker threads may sit in a request until its timeout; every batch already
            # written is committed and the store closed, so leave now rather than wait.
            os._exit(130)
    _report(report, quiet, printed_failures=bar is None)
    if log_path is not None:
        _append_log(log_path, report)
    if report.failures:
        sys.exit(1)


def _check_log(path: Path) -> None:
    """Refuse an unwritable log before fetching: from cron, a log that silently stays empty is a
    record of nothing."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8"):
            pass
    except OSError as exc:
        raise click.ClickException(f"cannot write the log {path}: {exc.strerror or exc}") from None


def _append_log(path: Path, report: FetchReport) -> None:
    """One line per failure and one summary line, each stamped: which night failed is what a
    log is read for, and a good night leaves its summary so a missing run shows too."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%MZ")
    lines = [f"{stamp} {_failure_line(outcome)}" for outcome in report.failures]
    lines.append(f"{stamp} {report.summary()}")
    try:
        with path.open("a", encoding="utf-8") as log:
            log.write("".join(f"{line}\n" for line in lines))
    except OSError as exc:
        note(f"warning: cannot append to the log {path}: {exc.strerror or exc}")


def _report(report: FetchReport, quiet: bool, printed_failures: bool) -> None:
    if not printed_failures:
        for outcome in report.failures:
            note(_failure_line(outcome))
    if not quiet:
        for outcome in report.outcomes:
            if outcome.note and not outcome.failing:
                note(f"note: {outcome.source.name or outcome.source.url}: {outcome.note}")
        note(report.summary())


@click.command()
@click.option("--company", "company_name",
              help="Only articles from this company's sources or mentioning it.")
@click.option("--since", default="30d", show_default=True, help="Window: 30d, 12h, 2w, a date, or all.")
@click.option("--limit", type=click.IntRange(1, None), default=50, show_default=True,
              help="Most articles shown.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@pass_app
def articles(
    app: App, company_name: str | None, since: str, limit: int, as_json: bool
) -> None:
    """List stored articles, newest first. In JSON, `company` is the company whose source
    brought the article in, `companies` every tracked company it mentions.

    Example: tidings articles --company Acme --since 7d --json
    """
    start = parse_since(since)
    # "As many as there are" is a fair request; the database only takes a 64-bit LIMIT.
    limit = min(limit, MAX_LIMIT)
    companies = [app.config.find(company_name).slug] if company_name else None
    with app.reader() as con:
        rows = list_articles(con, companies=companies, since=start, limit=limit)
    tracked = app.config.by_slug  # a company no longer tracked is not named
    if as_json:
        echo_json(
            [
                {
                    "id": r.id,
                    "url": r.url,
                    "title": r.title,
                    "published": r.published.astimezone(UTC).isoformat().replace("+00:00", "Z"),
                    "published_is_estimate": r.published_is_estimate,
                    "source_url": r.source_url,
                    "source": r.source_name,
                    "publisher": r.publisher,
                    "company": r.company,
                    "companies": [slug for slug in r.mentioned if slug in tracked],
                    "summary": r.summary,
                }
                for r in rows
            ]
        )
        return
    if not rows:
        note(f"no articles {since_phrase(start)}; run `tidings fetch` first?")
        return
    for r in rows:
        mark = "~" if r.published_is_estimate else " "
        source = r.publisher or r.source_name or r.source_url
        click.echo(f"{r.published:%Y-%m-%d}{mark} {r.company:<16} {r.title}")
        click.echo(f"            {source} · {r.url}")


@click.command()
@click.option("--hour", type=click.IntRange(0, 23), default=6, show_default=True,
              help="Hour of the nightly run (local time of the machine).")
@click.option("--minute", type=click.IntRange(0, 59), default=17, show_default=True,
              help="Minute of the nightly run (off the hour, to spread load on servers).")
@click.option("--digest", is_flag=True,
              help="Also print the morning digest, which cron mails to you (MAILTO).")
@pass_app
def cron(app: App, hour: int, minute: int, digest: bool) -> None:
    """Print a crontab line for a nightly quiet fetch, with absolute paths and a log file.

    Failure lines go both to the log file (stamped, with each night's summary) and to cron's
    mail; with --digest the digest follows after `;` (not `&&`), so a night with one failing
    source still mails it.

    Example: tidings cron --digest >> mycrontab && crontab mycrontab
    """
    exe = shutil.which("tidings") or f"{shlex.quote(sys.executable)} -m tidings"
    ws = app.workspace
    log = ws.db_path.parent / "fetch.log"
    workdir = Path.cwd()
    base = (
        f"{exe} --feeds {shlex.quote(str(ws.feeds_dir))} --db {shlex.quote(str(ws.db_path))}"
    )
    # --log, not `>> log 2>&1`: cron mails what a job prints, and a failure only in the log file
    # is a failure nobody reads. --quiet prints nothing on a good night, so no mail then, while
    # the log gets each night's stamped summary.
    command = f"cd {shlex.quote(str(workdir))} && {base} fetch --quiet --log {shlex.quote(str(log))}"
    if digest:
        # ";" not "&&": a night with one failing source still sends the digest.
        command += f"; {base} digest"
    log.parent.mkdir(parents=True, exist_ok=True)
    note(f"# add with `crontab -e`; failures are mailed by cron (MAILTO) and appended, with the time "
         f"and each night's summary, to {log}")
    click.echo(f"{minute} {hour} * * * {command}")
