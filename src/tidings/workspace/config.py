"""Reading and validating feeds/*.toml: the user's tracked companies and their sources.

The format is human-first: one `[[company]]` table per company (several per file allowed),
each with `[[company.sources]]`. Validation collects the first problem with the file it is in,
so the user gets one clear message and nothing runs on a broken configuration.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote_plus

from tidings.errors import ConfigError, NotFoundError
from tidings.models import Company, SourceConfig

COMPANY_KEYS = frozenset(
    {
        "name", "slug", "role", "aliases", "domains", "tickers", "competitors", "context",
        "exclude", "ambiguous", "news", "news_language", "news_region", "sources", "notes",
    }
)
SOURCE_KEYS = frozenset(
    {"url", "kind", "name", "link_selector", "link_pattern", "full_text", "max_new", "own"}
)
ROLES = ("target", "competitor")
SOURCE_KINDS = ("feed", "page", "search")
_LIST_KEYS = ("aliases", "domains", "tickers", "competitors", "context", "exclude")


def slugify(name: str) -> str:
    """'Acme Robotics, Inc.' -> 'acme-robotics-inc'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    if slug or not any(ch.isalnum() for ch in name):
        return slug or "company"
    # A name without Latin letters (日本電気, トヨタ) would give every such company the same
    # slug; a short hash of the name keeps them apart and stays stable across runs.
    digest = hashlib.sha1(name.strip().casefold().encode("utf-8")).hexdigest()[:8]
    return f"company-{digest}"


def news_search_url(name: str, language: str = "en-US", region: str = "US") -> str:
    """A Google News RSS search for the company's quoted name."""
    lang = language.split("-")[0]
    query = quote_plus(f'"{name}"')
    return (
        f"https://news.google.com/rss/search?q={query}"
        f"&hl={language}&gl={region}&ceid={region}:{lang}"
    )


@dataclass
class Config:
    """Every tracked company, with lookups by name, alias or slug."""

    companies: list[Company] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    @property
    def by_slug(self) -> dict[str, Company]:
        return {c.slug: c for c in self.companies}

    def sources(self) -> list[SourceConfig]:
        return [s for c in self.companies for s in c.sources]

    def find(self, query: str) -> Company:
        """Find a company by slug, name or alias (case-insensitive), or raise with a hint."""
        company = self.lookup(query)
        if company is not None:
            return company
        known = [c.name for c in self.companies]
        hint = difflib.get_close_matches(query, known, n=1, cutoff=0.5)
        if not hint:
            lowered = query.casefold()
            hint = [c.name for c in self.companies if lowered in c.name.casefold()][:1]
        message = f"no tracked company named {query!r}"
        if hint:
            message += f"; did you mean {hint[0]!r}?"
        elif known:
            message += " (see `tidings company list`)"
        else:
            message += " (no companies yet: `tidings company add NAME`)"
        raise NotFoundError(message)

    def lookup(self, query: str) -> Company | None:
        key = query.strip().casefold()
        for company in self.companies:
            if key == company.slug or key == company.name.casefold():
                return company
        for company in self.companies:
            if any(key == alias.casefold() for alias in company.aliases):
                return company
        return None


def _fail(path: Path, message: str) -> ConfigError:
    return ConfigError(f"{path}: {message}")


def _string_list(path: Path, where: str, key: str, value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(path, f"{where}: `{key}` must be a list of strings")
    return tuple(v.strip() for v in value if v.strip())


def _parse_source(path: Path, where: str, slug: str, raw: object) -> SourceConfig:
    if not isinstance(raw, dict):
        raise _fail(path, f"{where}: each source must be a table with a `url`")
    unknown = sorted(set(raw) - SOURCE_KEYS)
    if unknown:
        raise _fail(
            path, f"{where}: unknown source key `{unknown[0]}` (allowed: {', '.join(sorted(SOURCE_KEYS))})"
        )
    url = raw.get("url")
    if not isinstance(url, str) or not url.strip():
        raise _fail(path, f"{where}: a source has no `url`")
    url = url.strip()
    if not url.startswith(("http://", "https://", "file://")):
        raise _fail(path, f"{where}: source URL {url!r} must start with http://, https:// or file://")
    kind = raw.get("kind", "feed")
    if kind not in SOURCE_KINDS:
        raise _fail(path, f"{where}: source kind {kind!r} is not one of {', '.join(SOURCE_KINDS)}")
    for key in ("name", "link_selector", "link_pattern"):
        if key in raw and not isinstance(raw[key], str):
            raise _fail(path, f"{where}: source `{key}` must be a string")
    if "link_pattern" in raw:
        try:
            re.compile(raw["link_pattern"])
        except re.error as exc:
            raise _fail(path, f"{where}: `link_pattern` is not a valid regex: {exc}") from None
    full_text = raw.get("full_text", False)
    if not isinstance(full_text, bool):
        raise _fail(path, f"{where}: `full_text` must be true or false")
    max_new = raw.get("max_new", 30)
    if not isinstance(max_new, int) or isinstance(max_new, bool) or max_new < 1:
        raise _fail(path, f"{where}: `max_new` must be a positive integer")
    own = raw.get("own")
    if own is not None and not isinstance(own, bool):
        raise _fail(path, f"{where}: `own` must be true or false")
    if own and kind == "search":
        raise _fail(path, f"{where}: a news search is never the company's own (`own` is for feeds and pages)")
    return SourceConfig(
        url=url,
        company=slug,
        kind=kind,
        name=raw.get("name"),
        link_selector=raw.get("link_selector"),
        link_pattern=raw.get("link_pattern"),
        full_text=full_text,
        max_new=max_new,
        own=own,
    )


def _parse_company(path: Path, index: int, raw: object) -> tuple[Company, tuple[str, ...]]:
    if not isinstance(raw, dict):
        raise _fail(path, f"company #{index + 1} is not a table")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _fail(path, f"company #{index + 1} has no `name`")
    name = name.strip()
    where = f"company {name!r}"
    unknown = sorted(set(raw) - COMPANY_KEYS)
    if unknown:
        raise _fail(
            path,
            f"{where}: unknown key `{unknown[0]}` (allowed: {', '.join(sorted(COMPANY_KEYS))})",
        )
    slug = raw.get("slug") or slugify(name)
    if not isinstance(slug, str) or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug):
        raise _fail(path, f"{where}: `slug` must be lower-case letters, digits and dashes")
    role = raw.get("role", "target")
    if role not in ROLES:
        raise _fail(path, f"{where}: `role` must be one of {', '.join(ROLES)}, not {role!r}")
    lists = {key: _string_list(path, where, key, raw.get(key, [])) for key in _LIST_KEYS}
    ambiguous_raw = raw.get("ambiguous", [])
    if ambiguous_raw is True:
        ambiguous: tuple[str, ...] = (name, *lists["aliases"])
    elif ambiguous_raw is False:
        ambiguous = ()
    else:
        ambiguous = _string_list(path, where, "ambiguous", ambiguous_raw)
        known = {n.casefold() for n in (name, *lists["aliases"])}
        unknown_names = [a for a in ambiguous if a.casefold() not in known]
        if unknown_names:
            raise _fail(
                path,
                f"{where}: `ambiguous` lists {unknown_names[0]!r}, which is not its name or an alias",
            )
    news = raw.get("news", False)
    if not isinstance(news, bool):
        raise _fail(path, f"{where}: `news` must be true or false")
    raw_sources = raw.get("sources", [])
    if not isinstance(raw_sources, list):
        raise _fail(path, f"{where}: `sources` must be an array of tables ([[company.sources]])")
    sources = [_parse_source(path, where, slug, s) for s in raw_sources]
    if news:
        language = raw.get("news_language", "en-US")
        region = raw.get("news_region", "US")
        if not isinstance(language, str) or not isinstance(region, str):
            raise _fail(path, f"{where}: `news_language` and `news_region` must be strings")
        search_url = news_search_url(name, language, region)
        if all(s.url != search_url for s in sources):
            sources.append(
                SourceConfig(url=search_url, company=slug, kind="search", name="Google News")
            )
    company = Company(
        slug=slug,
        name=name,
        role=role,
        aliases=lists["aliases"],
        domains=tuple(d.lower() for d in lists["domains"]),
        tickers=tuple(t.upper() for t in lists["tickers"]),
        competitors=(),
        context=lists["context"],
        exclude=lists["exclude"],
        ambiguous=ambiguous,
        news=news,
        sources=tuple(sources),
        file=str(path),
    )
    return company, lists["competitors"]


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise _fail(path, "not UTF-8 text") from None
    except OSError as exc:
        raise _fail(path, f"cannot read: {exc.strerror}") from None


def load_file(path: Path, text: str | None = None) -> list[tuple[Company, tuple[str, ...]]]:
    if text is None:
        text = read_text(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _fail(path, f"invalid TOML: {exc}") from None
    unknown = sorted(set(data) - {"company"})
    if unknown:
        raise _fail(path, f"unknown top-level key `{unknown[0]}` (companies go in [[company]] tables)")
    companies = data.get("company", [])
    if isinstance(companies, dict):
        companies = [companies]
    if not isinstance(companies, list):
        raise _fail(path, "`company` must be an array of tables ([[company]])")
    return [_parse_company(path, i, raw) for i, raw in enumerate(companies)]


def config_files(feeds_dir: Path) -> list[Path]:
    if not feeds_dir.exists():
        return []
    if not feeds_dir.is_dir():
        raise ConfigError(f"{feeds_dir}: not a folder (expected feeds/*.toml)")
    return sorted(p for p in feeds_dir.glob("*.toml") if p.is_file())


def load_config(feeds_dir: Path, overrides: Mapping[Path, str | None] | None = None) -> Config:
    """Load and validate every feeds/*.toml; raise ConfigError naming the file and problem.

    `overrides` replaces the text of some files (None removes a file) so an edit can be
    validated as a whole before anything is written.
    """
    overrides = dict(overrides or {})
    files = [p for p in config_files(feeds_dir) if overrides.get(p, "") is not None]
    files += sorted(p for p, text in overrides.items() if text is not None and p not in files)
    parsed: list[tuple[Company, tuple[str, ...]]] = []
    for path in files:
        parsed.extend(load_file(path, overrides.get(path)))
    _check_unique(parsed)
    provisional = Config([c for c, _ in parsed], files)
    resolved: list[Company] = []
    for company, competitor_names in parsed:
        slugs: list[str] = []
        for competitor in competitor_names:
            match = provisional.lookup(competitor)
            if match is None:
                raise _fail(
                    Path(company.file or "?"),
                    f"company {company.name!r}: competitor {competitor!r} is not a tracked company "
                    f"(add it with `tidings company add {competitor!r} --role competitor`)",
                )
            if match.slug == company.slug:
                raise _fail(
                    Path(company.file or "?"), f"company {company.name!r} lists itself as a competitor"
                )
            if match.slug not in slugs:
                slugs.append(match.slug)
        resolved.append(_replace_competitors(company, slugs))
    return Config(resolved, files)


def _replace_competitors(company: Company, slugs: Iterable[str]) -> Company:
    from dataclasses import replace

    return replace(company, competitors=tuple(slugs))


def _check_unique(parsed: list[tuple[Company, tuple[str, ...]]]) -> None:
    seen_names: dict[str, Company] = {}
    seen_slugs: dict[str, Company] = {}
    seen_urls: dict[str, Company] = {}
    for company, _ in parsed:
        path = Path(company.file or "?")
        for label in (company.name, *company.aliases):
            key = label.casefold()
            other = seen_names.get(key)
            if other is not None and other is not company:
                raise _fail(
                    path, f"name {label!r} is used by two companies ({other.name!r} in {other.file})"
                )
            seen_names[key] = company
        other = seen_slugs.get(company.slug)
        if other is not None:
            raise _fail(path, f"company {company.name!r} has the same slug as {other.name!r} ({other.file})")
        seen_slugs[company.slug] = company
        for source in company.sources:
            other = seen_urls.get(source.url)
            if other is not None:
                raise _fail(
                    path,
                    f"source {source.url} is listed twice (also under {other.name!r} in {other.file})",
                )
            seen_urls[source.url] = company
