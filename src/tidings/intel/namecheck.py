"""Say when a company's common-word name goes unconfirmed in most of its own articles.

A name such as "Linear" or "Block" counts only when the text shows the company (see
analysis/namecues.py). When most of the articles that the company's own sources bring in use the
name without anything that confirms it, the user should hear it where they look (`source list`,
`brief`, `points`), with the fix, rather than find a share of voice of 0% later.
"""

from __future__ import annotations

import json
import re
from collections import Counter

import duckdb

from tidings.models import Company
from tidings.store.settings import LEARNED_NAMES_KEY, get_setting

__all__ = ["MIN_UNCONFIRMED", "learned_longer_name", "longer_name", "name_warning", "unconfirmed_counts"]

MIN_UNCONFIRMED = 3  # fewer articles than this say too little to warn about
LONGER_NAME_SAMPLE = 200  # the most recent unconfirmed articles read for a longer name
LONGER_NAME_CHARS = 3000


def unconfirmed_counts(con: duckdb.DuckDBPyConnection, slug: str) -> tuple[int, int]:
    """(articles from the company's sources whose name use was not confirmed, articles from its
    sources that mention it)."""
    try:
        unconfirmed = con.execute(
            "SELECT count(DISTINCT u.article_id) FROM unconfirmed_names u "
            "JOIN articles a ON a.id = u.article_id WHERE u.company = ? AND a.company = ?",
            [slug, slug],
        ).fetchone()[0]
    except duckdb.CatalogException:
        return 0, 0  # a store not yet migrated (read-only opens do not migrate)
    confirmed = con.execute(
        "SELECT count(DISTINCT m.article_id) FROM mentions m "
        "JOIN articles a ON a.id = m.article_id WHERE m.company = ? AND a.company = ?",
        [slug, slug],
    ).fetchone()[0]
    return int(unconfirmed), int(confirmed)


def longer_name(con: duckdb.DuckDBPyConnection, company: Company) -> str | None:
    """The longer name most of the company's unconfirmed articles use ("Delta Air Lines" for
    "Delta"), if one does.

    A common word followed by capitalised words mid-sentence is most often the company's full
    name, which is not a common word and so needs no confirming once it is an alias. Title Case
    headlines capitalise verbs too, but a verb differs from headline to headline: only a longer
    name that half the articles share is offered.
    """
    rows = con.execute(
        "SELECT a.title, substr(coalesce(a.body, a.summary, ''), 1, ?) FROM articles a "
        "WHERE a.id IN (SELECT article_id FROM unconfirmed_names WHERE company = ?) AND a.company = ? "
        "ORDER BY a.published_at DESC LIMIT ?",
        [LONGER_NAME_CHARS, company.slug, company.slug, LONGER_NAME_SAMPLE],
    ).fetchall()
    if not rows:
        return None
    longer = re.compile(rf"(?<![\w-]){re.escape(company.name)}((?:[ ][A-Z][\w&'-]*){{1,3}})")
    counts: Counter[str] = Counter()
    for title, body in rows:
        names: set[str] = set()
        for match in longer.finditer(f"{title}\n{body}"):
            words = match.group(1).split()
            names.update(" ".join([company.name, *words[:n]]) for n in range(1, len(words) + 1))
        counts.update(names)
    needed = max(MIN_UNCONFIRMED, (len(rows) + 1) // 2)
    shared = [name for name, count in counts.items() if count >= needed]
    return max(shared, key=lambda name: (len(name.split()), counts[name]), default=None)


def learned_longer_name(con: duckdb.DuckDBPyConnection, company: Company) -> str | None:
    """The longest longer name the last analysis learned for the company ("Delta Air Lines"),
    unless the user already named it as an alias or an exclude phrase."""
    try:
        raw = get_setting(con, LEARNED_NAMES_KEY)
    except duckdb.CatalogException:
        return None
    forms = json.loads(raw).get(company.slug, []) if raw else []
    # An alias or exclude phrase the user gave settles that form and the forms it starts with
    # or that start it ("Delta Air" once "Delta Air Lines" is excluded), word by word: excluding
    # "Apple Tv" says nothing of "Apple Tvos".
    known = [n.lower().split() for n in (*company.aliases, *company.exclude)]
    known = [k for k in known if k != company.name.lower().split()]
    forms = [
        f for f in (f.strip("'") for f in forms)
        if not any(_starts_with(k, f.split()) or _starts_with(f.split(), k) for k in known)
    ]
    if not forms:
        return None
    longest = max(forms, key=lambda f: (len(f.split()), f))
    return _as_written(con, company, longest)


def _starts_with(words: list[str], prefix: list[str]) -> bool:
    return words[: len(prefix)] == prefix


def _as_written(con: duckdb.DuckDBPyConnection, company: Company, form: str) -> str:
    """The form ("apple tv", stored lower case) as the articles most often write it ("Apple TV"),
    with the name as configured; capitalised words when no article shows it."""
    fallback = " ".join([company.name, *(w.capitalize() for w in form.split()[1:])])
    pattern = re.compile(r"(?<![\w-])" + r"\s+".join(map(re.escape, form.split())) + r"(?![\w-])", re.I)
    try:
        rows = con.execute(
            "SELECT t, b FROM (SELECT a.title AS t, substr(coalesce(a.body, a.summary, ''), 1, ?) AS b, "
            "a.published_at AS p FROM articles a WHERE a.id IN "
            "(SELECT article_id FROM mentions WHERE company = ?)) "
            "WHERE strpos(lower(t || ' ' || b), ?) > 0 ORDER BY p DESC LIMIT ?",
            [LONGER_NAME_CHARS, company.slug, form, LONGER_NAME_SAMPLE],
        ).fetchall()
    except duckdb.Error:
        return fallback  # no articles table: a bare settings store
    written: Counter[str] = Counter()
    for title, body in rows:
        written.update(" ".join(m.group(0).split()) for m in pattern.finditer(f"{title}\n{body}"))
    if not written:
        return fallback
    best = written.most_common(1)[0][0].split()
    return " ".join([company.name, *best[len(company.name.split()):]])


def name_warning(con: duckdb.DuckDBPyConnection, company: Company) -> str | None:
    """One line with the fix when the name is unconfirmed in most of the company's articles,
    or, when tidings learned a longer name that it counts as the company, that name and how to
    stop it counting if it is another company's."""
    unconfirmed, confirmed = unconfirmed_counts(con, company.slug)
    if unconfirmed < MIN_UNCONFIRMED or unconfirmed <= confirmed:
        learned = learned_longer_name(con, company)
        if learned is None:
            return None
        return (
            f'{company.name}: also counted as "{learned}", a longer name tidings learned from the '
            f'articles; if that is another company: tidings company edit "{company.name}" '
            f'--exclude "{learned}"'
        )
    head = (
        f"{company.name}: the name could not be confirmed as the company in {unconfirmed} of "
        f"{unconfirmed + confirmed} of its sources' articles that use it"
    )
    full = longer_name(con, company)
    if full is not None and full.lower() not in {n.lower() for n in company.names}:
        return (
            f'{head}; most call it "{full}": tidings company edit "{company.name}" --alias "{full}" '
            f'(or add context words: tidings company edit "{company.name}" --context WORD)'
        )
    return f'{head}; add context words: tidings company edit "{company.name}" --context WORD'

