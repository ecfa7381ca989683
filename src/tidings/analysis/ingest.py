"""Analysis at ingest: mentions, events, search tokens and story clusters, stored beside the
articles so that queries read small precomputed tables instead of scanning text."""

from __future__ import annotations

import json
import logging
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from multiprocessing import get_context
from urllib.parse import urlsplit

import duckdb

from tidings.analysis import Event, Mention, MentionMatcher, StoryItem, cluster_stories
from tidings.analysis.clusters import text_key
from tidings.analysis.commonwords import common_words
from tidings.analysis.events import BATCH_ARTICLES, ArticleInput, classify_many
from tidings.analysis.namelearn import learn_context
from tidings.analysis.sentences import sentence_spans
from tidings.analysis.wordforms import SCHEME, stems
from tidings.models import Company
from tidings.store.bulk import insert_rows, insert_tuples, load_temp_table
from tidings.store.maintenance import compact_search_index
from tidings.store.settings import LEARNED_NAMES_KEY, SEARCH_TOKENS_KEY, get_setting, set_setting
from tidings.urls import host_of, identity_fragment, is_relay_link

log = logging.getLogger(__name__)

CHUNK = 2000
# Context words for common-word names are learned from the most recent stored articles
# (analysis/namelearn.py): enough to see a company's cashtag and people, little to read.
LEARN_SAMPLE = 3000
LEARN_CHARS = 2000
INDEX_CHARS = 2000  # text indexed for search: the title and the lead of the body
STORY_WINDOW = timedelta(days=4)
# A word: letters and digits, with inner apostrophes, dots, plus signs and hyphens ("o'neill",
# "u.s", "c++", "e-commerce") but never leading or trailing punctuation.
_WORD = re.compile(r"[0-9a-zà-öø-ÿ+]+(?:['.-][0-9a-zà-öø-ÿ+]+)*")
_POSSESSIVE = re.compile(r"'s\b")
STOPWORDS = frozenset(
    "a an and are as at be but by for from has have he her his in is it its of on or our she "
    "that the their them they this to was we were will with you your not no so if than then "
    "there these those been being into over about after before more most also can could would "
    "should said says say new".split()
)

MENTION_COLUMNS = {
    "article_id": "VARCHAR", "company": "VARCHAR", "in_title": "BOOLEAN", "count": "INTEGER",
    "snippet": "VARCHAR", "published_at": "TIMESTAMPTZ",
}
EVENT_COLUMNS = {
    "article_id": "VARCHAR", "company": "VARCHAR", "kind": "VARCHAR", "sensitive": "BOOLEAN",
    "evidence": "VARCHAR", "amount": "VARCHAR", "round": "VARCHAR", "counterparty": "VARCHAR",
    "confidence": "DOUBLE", "in_title": "BOOLEAN", "published_at": "TIMESTAMPTZ", "tone": "VARCHAR",
}
UNCONFIRMED_COLUMNS = {"article_id": "VARCHAR", "company": "VARCHAR"}
TOKEN_COLUMNS = {"token": "BIGINT", "article_id": "VARCHAR", "tf": "INTEGER", "in_title": "BOOLEAN"}


def first_sentence(text: str) -> str:
    spans = sentence_spans(text[:1000])
    return text[spans[0][0] : spans[0][1]].strip() if spans else text[:300].strip()


def token_key(word: str) -> int:
    """Search tokens are stored as integers: comparing them is many times faster than text."""
    return zlib.crc32(word.encode("utf-8"))


def tokenize(text: str) -> list[str]:
    """Lower-case search words without stop words; possessives fold into the name ("acme's")."""
    text = _POSSESSIVE.sub("", text.lower().replace("\u2019", "'"))
    return [w for w in _WORD.findall(text) if w not in STOPWORDS]


@dataclass(frozen=True)
class AnalysisCounts:
    articles: int
    mentions: int
    events: int


class Analyzer:
    """Everything analysis needs about the tracked companies, built once per run."""

    def __init__(
        self, companies: Sequence[Company], learned: Mapping[str, Sequence[str]] | None = None
    ) -> None:
        self.companies = {c.slug: c for c in companies}
        self.matcher = MentionMatcher(
            list(companies), ambiguous=[name for c in companies for name in c.ambiguous], learned=learned
        )
        # A dict from domain to company, probed with the host and each parent domain: scanning
        # a list of every company's domains per article cost a fifth of analysis time at 1,000
        # companies. The first company configured with a domain keeps it, as the list scan did.
        self._domains: dict[str, str] = {}
        for c in companies:
            for domain in c.domains:
                self._domains.setdefault(domain.lower().lstrip("."), c.slug)
        # Users often skip `domains`; a feed or newsroom whose host carries the company's name
        # (blog.cloudflare.com for Cloudflare) is the company's own site all the same.
        for c in companies:
            for host in own_site_hosts(c):
                self._domains.setdefault(host, c.slug)
        # Sources whose every item is the company's own post, whatever host the item links to
        # (a blog on medium.com, a newsroom behind feedproxy.google.com): see own_source_urls.
        self._own_sources = {url: c.slug for c in companies for url in own_source_urls(c)}

    def publisher_company(self, url: str) -> str | None:
        """The tracked company whose own site published this URL, if any (never a link through
        a feed proxy, news aggregator or redirect, whatever company owns that host)."""
        if is_relay_link(url):
            return None
        host = host_of(url)
        while host:
            slug = self._domains.get(host)
            if slug is not None:
                return slug
            _, _, host = host.partition(".")
        return None

    def analyse(self, title: str, text: str, url: str) -> tuple[list[Mention], list[Event]]:
        mentions, events, _ = self.analyse_article(title, text, url)
        return mentions, events

    def analyse_article(
        self, title: str, text: str, url: str, source_company: str | None = None,
        source_url: str | None = None,
    ) -> tuple[list[Mention], list[Event], tuple[str, ...]]:
        """Mentions, events and the common-word names that appear but could not be confirmed.

        ``source_company`` is the company whose source (feed, page or news search) brought the
        article: a capitalised common-word name of that company counts there. ``source_url`` is
        that source's configured URL: an article from one of a company's own sources
        (:func:`own_source_urls`) is the company's own post.
        """
        return self.analyse_many([(title, text, url, source_company, source_url)])[0]

    def analyse_many(
        self, articles: Sequence[tuple[str, str, str, str | None, str | None]]
    ) -> list[tuple[list[Mention], list[Event], tuple[str, ...]]]:
        """:meth:`analyse_article` of each (title, text, url, source_company, source_url), the
        same results, with the events of up to BATCH_ARTICLES articles classified together
        (:func:`classify_many`: the model scores their sentences in one batch)."""
        results: list[tuple[list[Mention], list[Event], tuple[str, ...]]] = []
        for start in range(0, len(articles), BATCH_ARTICLES):
            batch = articles[start : start + BATCH_ARTICLES]
            found: list[tuple[list[Mention], tuple[str, ...]]] = []
            inputs: list[ArticleInput] = []
            for title, text, url, source_company, source_url in batch:
                own = self.publisher_company(url)
                if own is None and source_url:
                    own = self._own_sources.get(source_url)
                result = self.matcher.match(
                    title, text, source_company=source_company,
                    own_site=own is not None and own == source_company,
                )
                mentions = result.mentions
                if own is not None and all(m.company != own for m in mentions):
                    # A company's own newsroom rarely repeats its name in every post ("Introducing Harbor").
                    mentions.append(Mention(own, False, 0, first_sentence(text) or title))
                found.append((mentions, result.unconfirmed))
                if mentions:
                    inputs.append(ArticleInput(title, text, mentions, own))
            classified = iter(classify_many(inputs, self.companies))
            for mentions, unconfirmed in found:
                events = next(classified) if mentions else []
                named = {m.company for m in mentions}
                results.append((mentions, events, tuple(c for c in unconfirmed if c not in named)))
        return results


def own_site_hosts(company: Company) -> list[str]:
    """Hosts of the company's feed and page sources that carry a distinctive word of its name
    (not a common word: "data" in datanews.example says nothing about Data Corp)."""
    common = common_words()
    words = [w for w in re.split(r"[^a-z0-9]+", company.slug) if len(w) >= 4 and w not in common]
    hosts = []
    for source in company.sources:
        if source.kind not in ("feed", "page"):
            continue
        host = host_of(source.url).removeprefix("www.")
        squashed = host.replace("-", "")
        if host and any(word in squashed for word in words):
            hosts.append(host)
    return hosts


def own_source_urls(company: Company) -> list[str]:
    """URLs of the company's feed and page sources whose items are all its own posts.

    A source marked ``own = true`` is; one marked ``own = false`` is not; otherwise one is when
    its host carries a distinctive word of the company's name (:func:`own_site_hosts`), or when
    a label of its host or an account path ("/@name") is the company's whole name run together
    (ghost.org for Ghost, aws.typepad.com for AWS, medium.com/@hodlhodl for Hodl Hodl), as a
    company's own blog, changelog or channel is addressed; a news site's section about it
    (theverge.com/apple) is not. A news search never is.
    """
    hosts = set(own_site_hosts(company))
    whole = company.slug.replace("-", "")
    urls = []
    for source in company.sources:
        if source.kind not in ("feed", "page") or source.own is False:
            continue
        if source.own is None and is_relay_link(source.url):
            # A Google News feed filed under Google carries every paper's stories, not Google's.
            continue
        host = host_of(source.url).removeprefix("www.")
        parts = urlsplit(source.url)
        first = next((seg for seg in parts.path.split("/") if seg), "")
        # Only an account path ("medium.com/@hodlhodl") names the owner: a plain first segment
        # is as often a news site's section about the company ("theverge.com/apple/rss").
        first = first[1:].lower() if first.startswith("@") else ""
        named = len(whole) >= 3 and (
            whole in {label.replace("-", "") for label in host.split(".")[:-1]}
            or first.replace("-", "") == whole
        )
        if source.own or host in hosts or named:
            urls.append(source.url)
    return urls


def every_own_source_url(companies: Sequence[Company]) -> frozenset[str]:
    """The own sources (:func:`own_source_urls`) of every company: a fetch files an entry that
    another feed carries too under its company's own source."""
    return frozenset(url for c in companies for url in own_source_urls(c))


def _chunks(ids: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def analyse_articles(
    con: duckdb.DuckDBPyConnection, analyzer: Analyzer, article_ids: Sequence[str]
) -> AnalysisCounts:
    """(Re)compute mentions, events and search tokens of these articles, replacing old rows."""
    totals = AnalysisCounts(0, 0, 0)
    for chunk in _chunks(list(dict.fromkeys(article_ids)), CHUNK):
        rows = con.execute(
            "SELECT id, title, coalesce(nullif(body, ''), summary, ''), published_at, url, company, "
            "source_url "
            "FROM articles WHERE id IN (SELECT unnest(?))",
            [list(chunk)],
        ).fetchall()
        mention_rows: list[dict[str, object]] = []
        event_rows: list[dict[str, object]] = []
        token_rows: list[tuple[object, ...]] = []
        unconfirmed_rows: list[dict[str, object]] = []
        analysed = analyzer.analyse_many(
            [(title, text, url, company, source) for _, title, text, _, url, company, source in rows]
        )
        for (article_id, title, text, published, *_), (mentions, events, unconfirmed) in zip(
            rows, analysed, strict=True
        ):
            unconfirmed_rows.extend({"article_id": article_id, "company": c} for c in unconfirmed)
            titled = {m.company for m in mentions if m.in_title}
            for m in mentions:
                mention_rows.append(
                    {"article_id": article_id, "company": m.company, "in_title": m.in_title,
                     "count": m.count, "snippet": m.snippet, "published_at": published}
                )
            for e in events:
                event_rows.append(
                    {"article_id": article_id, "company": e.company, "kind": e.kind,
                     "sensitive": e.sensitive, "evidence": e.evidence, "amount": e.amount,
                     "round": e.round, "counterparty": e.counterparty,
                     "confidence": e.confidence, "in_title": e.company in titled,
                     "published_at": published, "tone": e.tone}
                )
            token_rows.extend(_token_rows(article_id, title, text))
        ids = [row[0] for row in rows]
        for table in ("mentions", "events", "tokens", "unconfirmed_names"):
            con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?))", [ids])
        insert_rows(con, "mentions", MENTION_COLUMNS, mention_rows)
        insert_rows(con, "unconfirmed_names", UNCONFIRMED_COLUMNS, unconfirmed_rows)
        insert_rows(con, "events", EVENT_COLUMNS, event_rows)
        insert_tuples(con, "tokens", TOKEN_COLUMNS, token_rows)
        totals = AnalysisCounts(
            totals.articles + len(rows),
            totals.mentions + len(mention_rows),
            totals.events + len(event_rows),
        )
    return totals


def confirm_with_learned_context(
    con: duckdb.DuckDBPyConnection, analyzer: Analyzer, article_ids: Sequence[str]
) -> int:
    """Analyse again, with context words learned from the store, the articles among these
    whose common-word names went unconfirmed; returns how many articles were analysed again.

    The words are learned from the most recent stored articles that the text itself confirms
    (analysis/namelearn.py).
    """
    if not article_ids:
        return 0
    pending = con.execute(
        "SELECT article_id, list(DISTINCT company) FROM unconfirmed_names "
        "WHERE article_id IN (SELECT unnest(?)) GROUP BY article_id ORDER BY article_id",
        [list(dict.fromkeys(article_ids))],
    ).fetchall()
    if not pending:
        return 0
    slugs = {slug for _, companies in pending for slug in companies}
    rows = con.execute(
        "SELECT title, left(coalesce(nullif(body, ''), summary, ''), ?) FROM articles "
        "ORDER BY published_at DESC NULLS LAST, id LIMIT ?",
        [LEARN_CHARS, LEARN_SAMPLE],
    ).fetchall()
    companies = list(analyzer.companies.values())
    learned = learn_context(
        companies, rows, only=slugs, ambiguous=[name for c in companies for name in c.ambiguous]
    )
    _save_learned_names(con, slugs, learned)
    ids = [article_id for article_id, companies in pending if any(c in learned for c in companies)]
    if not ids:
        return 0
    log.info(
        "learned context words for %s; analysing %d articles again", ", ".join(sorted(learned)), len(ids)
    )
    analyse_articles(con, Analyzer(companies, learned=learned), ids)
    return len(ids)


def _save_learned_names(
    con: duckdb.DuckDBPyConnection, slugs: Iterable[str], learned: Mapping[str, Sequence[str]]
) -> None:
    """Keep the learned longer names ("delta air lines") of these companies for the hints."""
    raw = get_setting(con, LEARNED_NAMES_KEY)
    saved: dict[str, list[str]] = json.loads(raw) if raw else {}
    for slug in slugs:
        forms = [w for w in learned.get(slug, ()) if " " in w]
        if forms:
            saved[slug] = forms
        else:
            saved.pop(slug, None)
    set_setting(con, LEARNED_NAMES_KEY, json.dumps(saved, sort_keys=True))


def search_terms(text: str) -> list[str]:
    """What the search index stores for a text: its words (see tokenize), stemmed."""
    return stems(tokenize(text))


def _token_rows(article_id: str, title: str, text: str) -> Iterable[tuple[object, ...]]:
    title_words = search_terms(title)
    counts = Counter(title_words)
    counts.update(search_terms(text[:INDEX_CHARS]))
    in_title = set(title_words)
    crc32 = zlib.crc32
    return [
        (crc32(word.encode()), article_id, tf, word in in_title) for word, tf in counts.items()
    ]


_STORY_COLUMNS = (
    "id, title, coalesce(nullif(summary, ''), left(body, 400), ''), published_at, "
    "url, canonical_url, source_url, published_is_estimate"
)


def _story_link(url: str, canonical_url: str, source_url: str) -> str:
    """The page an article links to, or "" for an entry without a link of its own (stored under
    its feed's URL: every such entry of the feed shares it)."""
    if not url or url == source_url:
        return ""
    fragment = identity_fragment(url)
    return f"{canonical_url}#{fragment}" if fragment else canonical_url


def story_items(
    con: duckdb.DuckDBPyConnection, start: datetime, end: datetime, *, same_links: bool = False
) -> list[StoryItem]:
    """What clustering needs of the articles published in [start - window, end + window]; with
    `same_links`, also of the articles elsewhere in time that link to the same pages, so a
    copy first seen today joins the story it belongs to."""
    bounds = [start - STORY_WINDOW, end + STORY_WINDOW]
    rows = con.execute(
        f"SELECT {_STORY_COLUMNS} FROM articles WHERE published_at BETWEEN ? AND ?", bounds
    ).fetchall()
    if same_links:
        links = sorted({r[5] for r in rows if _story_link(r[4], r[5], r[6])})
        # An undated copy's twin (the same headline) may be anywhere in time too.
        titles = sorted({r[1] for r in rows if r[7] and text_key(r[1], r[2])})
        if links or titles:
            # The title test doubles the scan (0.2 s more on a 1M-article store): only when some
            # article of the window is undated.
            tests = [(column, values) for column, values in (("canonical_url", links), ("title", titles))
                     if values]
            wanted = " OR ".join(f"{column} IN (SELECT unnest(?::VARCHAR[]))" for column, _ in tests)
            rows += con.execute(
                f"SELECT {_STORY_COLUMNS} FROM articles WHERE ({wanted}) "
                "AND published_at NOT BETWEEN ? AND ?",
                [*(values for _, values in tests), *bounds],
            ).fetchall()
    return [
        StoryItem(r[0], r[1], r[2], r[3], _story_link(r[4], r[5], r[6]), estimated=bool(r[7]))
        for r in rows
    ]


def save_stories(con: duckdb.DuckDBPyConnection, stories: dict[str, str]) -> int:
    """Store article -> story assignments and the coverage of every story they touch.

    A cluster that holds articles already in a story keeps that story's id, so a story
    that grows across runs (its first article outside this run's window) stays one story.
    """
    if not stories:
        return 0
    load_temp_table(
        con, "story_batch", {"id": "VARCHAR", "story_id": "VARCHAR"},
        ({"id": k, "story_id": v} for k, v in stories.items()),
    )
    # Two clusters of this run may claim one stored story (its articles were one story until
    # now: a look-alike was read apart since). It stays with the cluster holding the story's
    # own first article (else the first cluster); the other keeps an id of its own, or an old
    # merge could never be undone.
    con.execute(
        """
        UPDATE story_batch SET story_id = r.existing
        FROM (
            SELECT cluster, existing, row_number() OVER (
                PARTITION BY existing ORDER BY holds DESC, cluster) AS rank
            FROM (
                SELECT b.story_id AS cluster, min(a.story_id) AS existing,
                       bool_or(b.id = a.story_id) AS holds
                FROM story_batch b JOIN articles a ON a.id = b.id
                WHERE a.story_id IS NOT NULL
                GROUP BY b.story_id
            )
        ) r
        WHERE story_batch.story_id = r.cluster AND r.rank = 1
        """
    )
    # Every story these articles belonged to or now belong to is recounted below.
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE touched_stories AS
        SELECT DISTINCT story_id FROM story_batch
        UNION
        SELECT DISTINCT a.story_id FROM articles a JOIN story_batch b ON a.id = b.id
        WHERE a.story_id IS NOT NULL
        """
    )
    con.execute(
        "UPDATE articles SET story_id = s.story_id FROM story_batch s "
        "WHERE articles.id = s.id AND articles.story_id IS DISTINCT FROM s.story_id"
    )
    con.execute("DELETE FROM stories WHERE story_id IN (SELECT story_id FROM touched_stories)")
    con.execute(
        """
        INSERT INTO stories
        SELECT a.story_id, count(DISTINCT coalesce(a.publisher, a.source_url)), count(*),
               min(a.published_at)
        FROM articles a
        WHERE a.story_id IN (SELECT story_id FROM touched_stories)
        GROUP BY a.story_id
        """
    )
    count = con.execute("SELECT count(DISTINCT story_id) FROM story_batch").fetchone()[0]
    con.execute("DROP TABLE IF EXISTS story_batch")
    con.execute("DROP TABLE IF EXISTS touched_stories")
    return count


def assign_stories(con: duckdb.DuckDBPyConnection, start: datetime, end: datetime) -> int:
    """Cluster the articles published in [start - window, end + window] into stories."""
    return save_stories(con, cluster_stories(story_items(con, start, end, same_links=True)))


class AnalysisHook:
    """What `fetch` calls: analyse each written batch, then cluster the days it touched once,
    at the end of the run (clustering per batch would redo the same days many times)."""

    def __init__(self, companies: Sequence[Company]) -> None:
        self.analyzer = Analyzer(companies)
        self.start: datetime | None = None
        self.end: datetime | None = None
        self.analysed: list[str] = []

    def __call__(self, con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> None:
        analyse_articles(con, self.analyzer, article_ids)
        self.analysed.extend(article_ids)
        span = con.execute(
            "SELECT min(published_at), max(published_at) FROM articles WHERE id IN (SELECT unnest(?))",
            [article_ids],
        ).fetchone()
        if span and span[0] is not None:
            self.start = min(self.start, span[0]) if self.start else span[0]
            self.end = max(self.end, span[1]) if self.end else span[1]

    def finish(self, con: duckdb.DuckDBPyConnection) -> None:
        # Articles a run stored but never clustered (it was interrupted) are picked up here.
        orphans = con.execute(
            "SELECT min(published_at), max(published_at) FROM articles WHERE story_id IS NULL"
        ).fetchone()
        if orphans and orphans[0] is not None:
            self.start = min(self.start, orphans[0]) if self.start else orphans[0]
            self.end = max(self.end, orphans[1]) if self.end else orphans[1]
        # Once per run, when the whole run is stored: the store then teaches the most.
        confirm_with_learned_context(con, self.analyzer, self.analysed)
        self.analysed = []
        if self.start is not None and self.end is not None:
            assign_stories(con, self.start, self.end)
            self.start = self.end = None
            compact_search_index(con)


def analysis_hook(companies: Sequence[Company]) -> AnalysisHook:
    return AnalysisHook(companies)


def reanalyse_all(
    con: duckdb.DuckDBPyConnection, companies: Sequence[Company], *, chunk: int = 20000
) -> AnalysisCounts:
    """Recompute everything: after editing aliases, context or rules.

    Clustering needs only titles and leads, not the analysis, so on a large store it runs in a
    second process while this one analyses: the two halves of the work share the cores.
    """
    analyzer = Analyzer(companies)
    ids = [r[0] for r in con.execute("SELECT id FROM articles ORDER BY published_at").fetchall()]
    windows: list[list[StoryItem]] = []
    span = con.execute("SELECT min(published_at), max(published_at) FROM articles").fetchone()
    if span and span[0] is not None:
        cursor = span[0]
        while cursor <= span[1]:
            windows.append(story_items(con, cursor, cursor + CLUSTER_SPAN))
            cursor += CLUSTER_SPAN
    pool = _cluster_pool() if len(ids) >= PARALLEL_MIN else None
    try:
        pending = [pool.submit(cluster_stories, items) for items in windows] if pool else []
        totals = AnalysisCounts(0, 0, 0)
        for part in _chunks(ids, chunk):
            counts = analyse_articles(con, analyzer, part)
            totals = AnalysisCounts(
                totals.articles + counts.articles,
                totals.mentions + counts.mentions,
                totals.events + counts.events,
            )
        if pool:
            for future in pending:
                save_stories(con, future.result())
        else:
            for items in windows:
                save_stories(con, cluster_stories(items))
        confirm_with_learned_context(con, analyzer, ids)
    finally:
        if pool:
            pool.shutdown(cancel_futures=True)
    compact_search_index(con)
    # Every article's tokens were just rewritten: the index is all stems now.
    set_setting(con, SEARCH_TOKENS_KEY, SCHEME)
    return totals


CLUSTER_SPAN = timedelta(days=30)
PARALLEL_MIN = 5000  # below this, starting a process costs more than it saves


def _cluster_pool() -> ProcessPoolExecutor | None:
    try:
        # spawn, not fork: this process runs DuckDB's threads, and forking a threaded process
        # can deadlock the child.
        return ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn"))
    except (OSError, ValueError):
        return None
