"""Edits to feeds/*.toml that keep the user's comments and layout (tomlkit round-trips them).

Every edit is validated as a whole configuration before a byte is written, and files are
replaced atomically, so a failed edit leaves the folder exactly as it was.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import tomlkit
from tomlkit.items import AoT, Table

from tidings.errors import ConfigError, NotFoundError
from tidings.workspace.config import (
    ROLES,
    SOURCE_KINDS,
    Config,
    load_config,
    read_text,
    slugify,
)

NEW_FILE_HEADER = """\
# {name}: a company tracked by tidings.
# Edit by hand or with `tidings company ...` / `tidings source ...`; comments are kept.
"""


@dataclass(frozen=True)
class CompanySpec:
    """What `tidings company add` asks for."""

    name: str
    role: str = "target"
    aliases: Sequence[str] = ()
    domains: Sequence[str] = ()
    tickers: Sequence[str] = ()
    competitors: Sequence[str] = ()
    context: Sequence[str] = ()
    exclude: Sequence[str] = ()
    ambiguous: Sequence[str] = ()
    news: bool = False


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _apply(feeds_dir: Path, changes: dict[Path, str | None]) -> Config:
    """Validate the configuration as it would be after `changes`, then write them."""
    config = load_config(feeds_dir, changes)
    for path, text in changes.items():
        if text is None:
            path.unlink(missing_ok=True)
        else:
            _atomic_write(path, text)
    return config


def _company_tables(doc: tomlkit.TOMLDocument) -> list[Table]:
    companies = doc.get("company")
    if companies is None:
        return []
    if isinstance(companies, Table):  # a file with a single `[company]` table
        return [companies]
    return list(companies)


def _delete_company_table(doc: tomlkit.TOMLDocument, index: int) -> None:
    companies = doc["company"]
    if isinstance(companies, AoT) and len(companies) > 1:
        del companies[index]
    else:
        del doc["company"]


def add_company(feeds_dir: Path, spec: CompanySpec) -> tuple[Path, Config]:
    """Add a company in a new file feeds/<slug>.toml; return the file and the new config."""
    current = load_config(feeds_dir)
    if spec.role not in ROLES:
        raise ConfigError(f"role must be one of {', '.join(ROLES)}")
    if not spec.name.strip():
        raise ConfigError("a company needs a name: tidings company add \"Acme Robotics\"")
    existing = current.lookup(spec.name)
    if existing is not None:
        raise ConfigError(f"{spec.name!r} is already tracked (in {existing.file})")
    slug = slugify(spec.name)
    path = feeds_dir / f"{slug}.toml"
    if path.exists():
        raise ConfigError(f"{path} already exists; add the company there by hand or pick another name")
    table = tomlkit.table()
    table["name"] = spec.name
    table["role"] = spec.role
    for key in ("aliases", "domains", "tickers", "competitors", "context", "exclude", "ambiguous"):
        values = [v for v in getattr(spec, key) if v.strip()]
        if values:
            table[key] = values
    if spec.news:
        table["news"] = True
    doc = tomlkit.document()
    for line in NEW_FILE_HEADER.format(name=spec.name).splitlines():
        doc.add(tomlkit.comment(line.lstrip("# ")))
    aot = tomlkit.aot()
    aot.append(table)
    doc.append("company", aot)
    config = _apply(feeds_dir, {path.absolute(): tomlkit.dumps(doc)})
    return path, config


def _find_company_table(config: Config, query: str) -> tuple[Path, tomlkit.TOMLDocument, int]:
    company = config.find(query)
    path = Path(company.file or "")
    doc = tomlkit.parse(read_text(path))
    for index, table in enumerate(_company_tables(doc)):
        if str(table.get("name", "")).strip() == company.name:
            return path, doc, index
    raise ConfigError(f"{path}: could not locate company {company.name!r} to edit")


def remove_company(feeds_dir: Path, query: str) -> tuple[str, list[str]]:
    """Remove a company; also drop it from other companies' competitor lists.

    Returns the removed company's name and the names of companies whose lists changed.
    """
    config = load_config(feeds_dir)
    company = config.find(query)
    path, doc, index = _find_company_table(config, query)
    _delete_company_table(doc, index)
    changes: dict[Path, str | None] = {}
    # A file left with no company holds only our header comments, or notes about this company.
    changes[path] = tomlkit.dumps(doc) if _company_tables(doc) else None
    touched: list[str] = []
    for other in config.companies:
        if other.slug == company.slug or company.slug not in other.competitors:
            continue
        other_path = Path(other.file or "")
        other_doc = tomlkit.parse(changes.get(other_path) or read_text(other_path))
        for table in _company_tables(other_doc):
            if str(table.get("name", "")).strip() != other.name:
                continue
            names = table.get("competitors", [])
            if isinstance(names, str):  # `competitors = "Acme"` is allowed for a single name
                names = [names]
                table["competitors"] = names
            # Delete in place, so the array keeps its layout and the comments on other items.
            for position in reversed(range(len(names))):
                if config.lookup(str(names[position])) is company:
                    del names[position]
            if not len(names):
                del table["competitors"]
        changes[other_path] = tomlkit.dumps(other_doc)
        touched.append(other.name)
    _apply(feeds_dir, changes)
    return company.name, touched


def add_source(
    feeds_dir: Path,
    company_query: str,
    url: str,
    *,
    kind: str = "feed",
    name: str | None = None,
    options: dict[str, object] | None = None,
) -> tuple[str, Config]:
    """Append a [[company.sources]] entry to the company's table; return the company name."""
    if kind not in SOURCE_KINDS:
        raise ConfigError(f"source kind must be one of {', '.join(SOURCE_KINDS)}")
    config = load_config(feeds_dir)
    for source in config.sources():
        if source.url == url:
            owner = config.by_slug[source.company].name
            raise ConfigError(f"{url} is already a source of {owner!r}")
    path, doc, index = _find_company_table(config, company_query)
    table: Table = _company_tables(doc)[index]
    entry = tomlkit.table()
    entry["url"] = url
    if kind != "feed":
        entry["kind"] = kind
    if name:
        entry["name"] = name
    for key, value in (options or {}).items():
        if value is not None and value is not False:
            entry[key] = value
    sources = table.get("sources")
    if sources is None:
        if not table.as_string().endswith("\n\n"):
            table.add(tomlkit.nl())
        sources = tomlkit.aot()
        table.append("sources", sources)
    if isinstance(sources, AoT):
        entry.add(tomlkit.nl())  # a blank line before whatever table follows
        sources.append(entry)
    else:
        # `sources = [{url = ...}]`: a [[company.sources]] table cannot go inside that array.
        inline = tomlkit.inline_table()
        inline.update(entry.unwrap())
        sources.append(inline)
    config = _apply(feeds_dir, {path: tomlkit.dumps(doc)})
    company = config.find(company_query)
    return company.name, config


def remove_source(feeds_dir: Path, url: str) -> str:
    """Remove the source with this URL from whichever company lists it; return the company name."""
    config = load_config(feeds_dir)
    for company in config.companies:
        if not any(s.url == url for s in company.sources):
            continue
        path, doc, index = _find_company_table(config, company.slug)
        table = _company_tables(doc)[index]
        sources = table.get("sources", [])
        for position, entry in enumerate(sources):
            if str(entry.get("url", "")).strip() == url:
                del sources[position]
                break
        else:
            raise ConfigError(
                f"{url} comes from `news = true` on {company.name!r}; set `news = false` there instead"
            )
        if not len(sources):
            del table["sources"]
        _apply(feeds_dir, {path: tomlkit.dumps(doc)})
        return company.name
    raise NotFoundError(f"no source with URL {url} (see `tidings source list`)")


# Keys the analysis reads when it finds mentions: changing one changes what stored articles
# mean, which only `tidings reanalyze` applies to them. Competitors and role are read at query
# time, `news` adds a source.
ANALYSIS_KEYS = frozenset({"aliases", "domains", "tickers", "context", "exclude", "ambiguous"})
LIST_KEYS = ("aliases", "domains", "tickers", "competitors", "context", "exclude", "ambiguous")


@dataclass(frozen=True)
class CompanyEdit:
    """What `tidings company edit` changes: values added to and removed from list keys, and
    the role and news switch when given."""

    add: dict[str, Sequence[str]]
    remove: dict[str, Sequence[str]]
    role: str | None = None
    news: bool | None = None


@dataclass(frozen=True)
class EditResult:
    name: str
    file: Path
    changes: list[str]  # "aliases +Acme Corp", "news on", ...
    reanalyze: bool  # an analysis key changed: stored articles need `tidings reanalyze`


def _as_array(table: Table, key: str, company_names: Sequence[str]) -> object:
    """The list under `key`, made an array in place when it is a bare string or `true`."""
    value = table.get(key)
    if isinstance(value, str):
        value = tomlkit.array([value])
        table[key] = value
    elif isinstance(value, bool):
        # `ambiguous = true` means every name; `false` none: spelt out, it can be edited.
        value = tomlkit.array(list(company_names) if value else [])
        table[key] = value
    return value


def edit_company(feeds_dir: Path, query: str, edit: CompanyEdit) -> EditResult:
    """Change one tracked company in place: comments and layout of its file are kept, and the
    whole configuration is validated before the file is replaced."""
    config = load_config(feeds_dir)
    company = config.find(query)
    path, doc, index = _find_company_table(config, query)
    table: Table = _company_tables(doc)[index]
    changes: list[str] = []
    changed_keys: set[str] = set()

    def same(key: str, a: str, b: str) -> bool:
        if key == "competitors":
            found_a, found_b = config.lookup(a), config.lookup(b)
            if found_a is not None and found_b is not None:
                return found_a is found_b
        return a.strip().casefold() == b.strip().casefold()

    names = list(company.names)
    for key, values in edit.remove.items():
        values = [v for v in values if v.strip()]
        if not values:
            continue
        current = _as_array(table, key, names)
        for value in values:
            positions = [i for i, item in enumerate(current or []) if same(key, str(item), value)]
            if not positions:
                raise ConfigError(f"{company.name!r} has no {key} entry {value!r} to remove")
            for position in reversed(positions):
                del current[position]  # in place: the other items keep their comments
            changes.append(f"{key} -{value}")
            changed_keys.add(key)
            if key == "aliases":
                # An alias no longer there cannot stay listed as ambiguous.
                ambiguous = table.get("ambiguous")
                if ambiguous is not None and not isinstance(ambiguous, bool | str):
                    for position in reversed(range(len(ambiguous))):
                        if same(key, str(ambiguous[position]), value):
                            del ambiguous[position]
                            changed_keys.add("ambiguous")
        if current is not None and not len(current):
            del table[key]
    for key, values in edit.add.items():
        values = [v.strip() for v in values if v.strip()]
        if not values:
            continue
        if key == "ambiguous" and table.get("ambiguous") is True:
            continue  # every name already needs context
        current = _as_array(table, key, names)
        if current is None:
            current = tomlkit.array()
            table[key] = current
        for value in values:
            if any(same(key, str(item), value) for item in current):
                continue
            if key == "competitors":
                found = config.lookup(value)
                value = found.name if found is not None else value  # unknown: validation says so
            current.append(value)
            changes.append(f"{key} +{value}")
            changed_keys.add(key)
            if key == "aliases":
                names.append(value)
    if edit.role is not None and edit.role != company.role:
        if edit.role not in ROLES:
            raise ConfigError(f"role must be one of {', '.join(ROLES)}")
        table["role"] = edit.role
        changes.append(f"role {edit.role}")
    if edit.news is not None and edit.news != company.news:
        table["news"] = edit.news
        changes.append("news on" if edit.news else "news off")
    if changes:
        _apply(feeds_dir, {path: tomlkit.dumps(doc)})
    return EditResult(company.name, path, changes, bool(changed_keys & ANALYSIS_KEYS))
