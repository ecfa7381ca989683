"""`tidings company ...`: the companies you track."""

from __future__ import annotations

import shlex
from collections.abc import Callable

import click

from tidings.cli.app import App, echo_json, note, pass_app
from tidings.workspace.config_edit import CompanyEdit, CompanySpec, add_company, edit_company, remove_company


def shell_quote(text: str) -> str:
    """Quote a name so the suggested command can be pasted into a shell as is."""
    if not any(ch in text for ch in '"$`\\!'):
        return f'"{text}"'  # what a person would type, also for O'Reilly
    return shlex.quote(text)


@click.group()
def company() -> None:
    """Add, edit, list and remove tracked companies (stored in feeds/*.toml).

    Example: tidings company add "Acme Robotics" --alias Acme --competitor Globex
    """


@company.command("add")
@click.argument("name")
@click.option("--alias", "aliases", multiple=True, help="Another name the press uses (repeatable).")
@click.option("--domain", "domains", multiple=True, help="A web domain of the company (repeatable).")
@click.option("--ticker", "tickers", multiple=True, help="A stock ticker (repeatable).")
@click.option(
    "--competitor", "competitors", multiple=True, help="A tracked company it competes with (repeatable)."
)
@click.option(
    "--role", type=click.Choice(["target", "competitor"]), default="target", show_default=True,
    help="target: a company you interview with; competitor: one you watch beside it.",
)
@click.option("--context", "context", multiple=True, help="A word that confirms an ambiguous name.")
@click.option("--exclude", "exclude", multiple=True, help="A phrase that is never this company.")
@click.option("--ambiguous", "ambiguous", multiple=True,
              help="A name or alias that needs a context word nearby to count (repeatable).")
@click.option("--news", is_flag=True, help="Also follow a Google News search for the name.")
@pass_app
def company_add(
    app: App,
    name: str,
    aliases: tuple[str, ...],
    domains: tuple[str, ...],
    tickers: tuple[str, ...],
    competitors: tuple[str, ...],
    role: str,
    context: tuple[str, ...],
    exclude: tuple[str, ...],
    ambiguous: tuple[str, ...],
    news: bool,
) -> None:
    """Track a company: writes feeds/<slug>.toml.

    Example: tidings company add "Acme Robotics" --alias Acme --domain acme.com --news
    """
    spec = CompanySpec(
        name, role, aliases, domains, tickers, competitors, context, exclude, ambiguous, news
    )
    path, config = add_company(app.workspace.feeds_dir, spec)
    added = config.find(name)
    note(f"added {added.name} ({added.role}) in {path}")
    if not added.sources:
        note(f"next: tidings source add {shell_quote(added.name)} URL")


def _many(flag: str, what: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    return click.option(flag, multiple=True, help=f"{what} (repeatable).")


@company.command("edit")
@click.argument("name")
@_many("--alias", "Add another name the press uses")
@_many("--remove-alias", "Remove an alias")
@_many("--context", "Add a word that confirms an ambiguous name")
@_many("--remove-context", "Remove a context word")
@_many("--exclude", "Add a phrase that is never this company")
@_many("--remove-exclude", "Remove an exclude phrase")
@_many("--domain", "Add a web domain of the company")
@_many("--remove-domain", "Remove a domain")
@_many("--ticker", "Add a stock ticker")
@_many("--remove-ticker", "Remove a ticker")
@_many("--competitor", "Add a tracked company it competes with")
@_many("--remove-competitor", "Remove a competitor")
@_many("--ambiguous", "Make a name or alias need a context word nearby")
@_many("--remove-ambiguous", "Let a name or alias count without context again")
@click.option("--role", type=click.Choice(["target", "competitor"]),
              help="target: a company you interview with; competitor: one you watch beside it.")
@click.option("--news/--no-news", default=None,
              help="Follow (or stop following) a Google News search for the name.")
@pass_app
def company_edit(app: App, name: str, role: str | None, news: bool | None, **lists: tuple[str, ...]) -> None:
    """Change a tracked company in its feeds/ file, keeping the file's comments and layout.

    Example: tidings company edit Acme --alias "Acme Corp" --news
    """
    keys = {"alias": "aliases", "context": "context", "exclude": "exclude", "domain": "domains",
            "ticker": "tickers", "competitor": "competitors", "ambiguous": "ambiguous"}
    edit = CompanyEdit(
        add={key: lists[option] for option, key in keys.items()},
        remove={key: lists[f"remove_{option}"] for option, key in keys.items()},
        role=role,
        news=news,
    )
    if not any(lists.values()) and role is None and news is None:
        raise click.UsageError("nothing to change: pass --alias, --context, --news ... (see --help)")
    result = edit_company(app.workspace.feeds_dir, name, edit)
    if not result.changes:
        note(f"nothing changed in {result.name} ({result.file})")
        return
    note(f"edited {result.name} in {result.file}: {', '.join(result.changes)}")
    if result.reanalyze and app.workspace.db_path.exists():
        note("stored articles were analysed with the old names and words: run `tidings reanalyze`")
    if news:
        note("the next `tidings fetch` follows its Google News search")


@company.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@pass_app
def company_list(app: App, as_json: bool) -> None:
    """List tracked companies with their role, competitors and number of sources.

    Example: tidings company list --json
    """
    companies = app.config.companies
    by_slug = app.config.by_slug
    if as_json:
        echo_json(
            [
                {
                    "slug": c.slug,
                    "name": c.name,
                    "role": c.role,
                    "aliases": list(c.aliases),
                    "domains": list(c.domains),
                    "tickers": list(c.tickers),
                    "competitors": list(c.competitors),
                    "context": list(c.context),
                    "exclude": list(c.exclude),
                    "ambiguous": list(c.ambiguous),
                    "news": c.news,
                    "sources": [s.url for s in c.sources],
                    "file": c.file,
                }
                for c in companies
            ]
        )
        return
    if not companies:
        note("no companies yet: tidings company add NAME")
        return
    for c in companies:
        rivals = ", ".join(by_slug[s].name for s in c.competitors)
        line = f"{c.name:<28} {c.role:<10} {len(c.sources):>2} source(s)"
        if rivals:
            line += f"  vs {rivals}"
        click.echo(line)


@company.command("remove")
@click.argument("name")
@pass_app
def company_remove(app: App, name: str) -> None:
    """Stop tracking a company (its stored articles are kept).

    Example: tidings company remove "Acme Robotics"
    """
    removed, touched = remove_company(app.workspace.feeds_dir, name)
    note(f"removed {removed}")
    for other in touched:
        note(f"  and dropped it from {other}'s competitors")
