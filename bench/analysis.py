"""Scale benchmark for the intelligence layer: analysis throughput and query latency.

Run: .venv/bin/python bench/analysis.py [--articles 1000000] [--sample 20000]

1. Throughput: `tidings reanalyze`'s pipeline (tidings.analysis.ingest.reanalyse_all: mentions, events,
   search tokens and their bulk inserts, story clustering in a second process, index upkeep)
   on a sample of synthetic ~1,500-character articles stored in a real DuckDB file. Median of --runs runs.
2. Scale store: --articles synthetic articles over 1,000 companies, with their mentions, events
   and tokens rows GENERATED IN SQL (not by running the analysis on them, which would take
   minutes), shaped like what ingest writes: Zipf-like company popularity, 1-3 mentions per
   article, ~15% of articles with an event, ~80 distinct tokens per article from a Zipfian
   vocabulary, dates over two years in roughly fetch order, a share of multi-source stories.
3. Latency: the store opened read-only as the CLI does; the library calls behind
   `tidings points`, `tidings developments`, `tidings search` and the "articles about X in the
   last 30 days" mentions queries, timed over random companies and queries. Median and p90.

The database lives in a temporary directory that is deleted at the end.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
from core_speed import EVENTS, FILLER, SYLLABLES, make_companies  # noqa: E402
from tidings.analysis.ingest import reanalyse_all, token_key  # noqa: E402
from tidings.analysis.wordforms import stems  # noqa: E402
from tidings.intel import queries, search  # noqa: E402
from tidings.intel.briefing import talking_points  # noqa: E402
from tidings.models import Article, Company  # noqa: E402
from tidings.store.articles import upsert_articles  # noqa: E402
from tidings.store.connection import open_store, transaction  # noqa: E402
from tidings.store.maintenance import compact_search_index  # noqa: E402
from tidings.workspace.config import Config  # noqa: E402

NOW = datetime(2025, 6, 1, 12, tzinfo=UTC)
SPAN_DAYS = 730
VOCABULARY = 50_000
TARGET_RATE = 2000.0
TARGET_MS = 300.0
KINDS = [
    ("launch", False), ("funding", False), ("partnership", False), ("acquisition", False),
    ("leadership", False), ("earnings", False), ("expansion", False), ("award", False),
    ("layoffs", True), ("legal", True), ("security", True),
]


def zipf_index(rng: random.Random, n: int) -> int:
    """Log-uniform draw in [0, n): P(k) ~ 1/(k+1), the shape of company and word popularity."""
    return min(int(n ** rng.random()) - 1, n - 1)


def tracked_companies(n: int, rng: random.Random) -> list[Company]:
    """Companies of analysis_core (some with common-word names), each with 2 competitors."""
    base = make_companies(n, rng)
    out = []
    for i, company in enumerate(base):
        rivals = {base[(i + 1) % n].slug, base[zipf_index(rng, n)].slug} - {company.slug}
        out.append(dataclasses.replace(company, competitors=tuple(sorted(rivals))))
    return out


# --------------------------------------------------------------------------- throughput


def sample_article(i: int, companies: list[Company], rng: random.Random) -> Article:
    named = list({companies[zipf_index(rng, len(companies))].slug: None
                  for _ in range(rng.choice((1, 1, 2, 2, 3)))})
    by_slug = {c.slug: c for c in companies}
    names = [by_slug[s].name for s in named]
    parts = []
    if rng.random() < 0.15:
        other = companies[rng.randrange(len(companies))].name
        parts.append(rng.choice(EVENTS).format(a=names[0], b=other))
        title = parts[0].split(",")[0][:90]
    else:
        title = f"{names[0]} {rng.choice(['update', 'news', 'notes', 'weekly'])}: " + " ".join(
            rng.sample(SYLLABLES, 3))
    for name in names[1:]:
        parts.append(f"{name} {rng.choice(FILLER).strip().lower().rstrip('.')}.")
    while sum(len(p) + 1 for p in parts) < 1500:
        parts.append(rng.choice(FILLER).strip().rstrip(".") + ".")
    if rng.random() < 0.5:
        parts.insert(rng.randrange(len(parts)), f"{names[0]} declined to comment.")
    published = NOW - timedelta(minutes=rng.randrange(60 * 24 * 60))
    url = f"https://news{i % 40}.example/{i}"
    return Article(
        id=f"s{i:019d}", url=url, canonical_url=url, title=title, summary="",
        body=" ".join(parts)[:1600], published_at=published, published_is_estimate=False,
        fetched_at=NOW, source_url=f"https://news{i % 40}.example/feed", company=named[0],
        content_hash=str(i),
    )


def measure_throughput(
    workdir: Path, companies: list[Company], sample: int, runs: int
) -> list[float]:
    rng = random.Random(7)
    articles = [sample_article(i, companies, rng) for i in range(sample)]
    con = open_store(workdir / "sample.duckdb")
    with transaction(con):
        upsert_articles(con, articles)
    rates = []
    for run in range(runs):
        for table in ("mentions", "events", "tokens", "stories"):
            con.execute(f"DELETE FROM {table}")
        con.execute("UPDATE articles SET story_id = NULL")
        began = time.perf_counter()
        with transaction(con):
            counts = reanalyse_all(con, companies)
        elapsed = time.perf_counter() - began
        tokens = con.execute("SELECT count(*) FROM tokens").fetchone()[0]
        stories = con.execute("SELECT count(*) FROM stories").fetchone()[0]
        rates.append(sample / elapsed)
        print(
            f"  run {run + 1}: {sample:,} articles in {elapsed:.1f}s = {sample / elapsed:,.0f}/s; "
            f"{counts.mentions:,} mentions, {counts.events:,} events, {tokens:,} token rows, "
            f"{stories:,} stories",
            flush=True,
        )
    con.close()
    return rates


# --------------------------------------------------------------------------- scale store


def vocabulary(rng: random.Random) -> list[str]:
    words: dict[str, None] = {}
    while len(words) < VOCABULARY:
        words["".join(rng.sample(SYLLABLES, rng.choice((2, 3, 3, 4))))
              + rng.choice(("", "s", "er", "ing", "al"))] = None
    return list(words)


def build_store(path: Path, companies: list[Company], n: int, words: list[str]) -> None:
    con = open_store(path)
    con.execute("SELECT setseed(0.42)")
    con.execute("CREATE TEMP TABLE comp AS SELECT unnest(?) AS slug, unnest(?) AS name, "
                "unnest(range(1, ?)) AS rank",
                [[c.slug for c in companies], [c.name for c in companies], len(companies) + 1])
    con.execute("CREATE TEMP TABLE vocab AS SELECT unnest(?) AS token, unnest(?) AS word, "
                "unnest(range(?)) AS rank",
                # Stems, as ingest stores them: "robots" and "robot" are one token.
                [[token_key(w) for w in stems(words)], words, len(words)])
    filler = " ".join(f.strip().rstrip(".") + "." for f in FILLER if f.strip())
    text = (filler + " ") * (1 + 2000 // len(filler))
    ncomp = len(companies)
    span = SPAN_DAYS * 86400
    steps: list[tuple[str, str]] = [
        ("sources", f"""
            INSERT INTO sources (url, company, kind, name, consecutive_failures, bozo, gone)
            SELECT 'https://src' || k || '.example/feed', (SELECT slug FROM comp WHERE rank =
                   1 + k % {ncomp}), 'feed', CASE WHEN k % 3 = 0 THEN 'Source ' || k END, 0,
                   false, false
            FROM range(2000) r(k)"""),
        # Articles arrive in roughly publication order (a nightly fetch appends the new ones),
        # with a few days of jitter for late or back-filled items.
        ("generator", f"""
            CREATE TEMP TABLE gen AS
            SELECT i, left(md5(i::VARCHAR), 20) AS id,
                   TIMESTAMPTZ '{(NOW - timedelta(days=SPAN_DAYS)).isoformat()}'
                     + to_seconds(least({span}, greatest(0, i * {span} // {n}
                                        - (random() * 4 * 86400)::BIGINT))) AS published_at,
                   (pow({ncomp}, random()))::INTEGER AS c1,
                   (random() * 2.2)::INTEGER AS extra,
                   (pow({ncomp}, random()))::INTEGER AS c2,
                   (pow({ncomp}, random()))::INTEGER AS c3,
                   random() < 0.15 AS has_event,
                   (random() * 2000)::INTEGER AS src,
                   CASE WHEN hash(i // 3) % 6 = 0 THEN left(md5((i // 3 * 3)::VARCHAR), 20)
                   END AS story
            FROM range({n}) r(i)"""),
        ("articles", """
            INSERT INTO articles (id, url, canonical_url, title, summary, body, published_at,
                published_is_estimate, fetched_at, source_url, company, content_hash, publisher,
                story_id)
            SELECT g.id, 'https://src' || g.src || '.example/a/' || g.i,
                   'https://src' || g.src || '.example/a/' || g.i,
                   c.name || ' ' || v1.word || ' ' || v2.word || ' ' || v3.word, '',
                   c.name || ' ' || v1.word || ' ' || substr(?, 1 + g.i % 300, 1500),
                   g.published_at, false, g.published_at + INTERVAL 3 HOUR,
                   'https://src' || g.src || '.example/feed', c.slug, md5(g.id),
                   CASE WHEN g.src % 5 = 0 THEN 'Wire ' || (g.i % 50) END, g.story
            FROM gen g JOIN comp c ON c.rank = g.c1
            JOIN vocab v1 ON v1.rank = g.i % 997 JOIN vocab v2 ON v2.rank = g.i % 89 + 100
            JOIN vocab v3 ON v3.rank = g.i % 4999
            ORDER BY g.i"""),
        ("stories", """
            INSERT INTO stories
            SELECT story_id, count(DISTINCT coalesce(publisher, source_url)), count(*),
                   min(published_at)
            FROM articles WHERE story_id IS NOT NULL GROUP BY story_id"""),
        ("mentions", """
            INSERT INTO mentions
            SELECT g.id, c.slug, j = 1 AND random() < 0.6, 1 + (random() * 4)::INTEGER,
                   'snippet naming ' || c.slug, g.published_at
            FROM gen g, range(1, 4) r(j), comp c
            WHERE j <= 1 + g.extra AND c.rank = CASE j WHEN 1 THEN g.c1 WHEN 2 THEN g.c2
                                                      ELSE g.c3 END
              AND (j = 1 OR (j = 2 AND g.c2 <> g.c1) OR (j = 3 AND g.c3 NOT IN (g.c1, g.c2)))
            ORDER BY g.i, j"""),
        ("events", f"""
            INSERT INTO events
            SELECT g.id, c.slug, k.kind, k.sensitive, 'Evidence sentence about ' || c.slug,
                   NULL, NULL, NULL, 0.5 + random() / 2, random() < 0.5, g.published_at,
                   CASE WHEN k.sensitive THEN 'bad' ELSE 'neutral' END
            FROM gen g JOIN comp c ON c.rank = g.c1
            JOIN (SELECT unnest(?) AS kind, unnest(?) AS sensitive, unnest(range(1, ?)) AS r) k
              ON k.r = 1 + g.i % {len(KINDS)}
            WHERE g.has_event ORDER BY g.i"""),
        # ~105 Zipfian draws per article, duplicates folded into tf: ~80 distinct tokens.
        # Words sharing a stem ("robot", "robots") are one token of the article, as at ingest.
        ("tokens", """
            INSERT INTO tokens
            SELECT v.token, d.id, sum(d.tf)::INTEGER, sum(d.tf) > 2 AND random() < 0.3
            FROM (SELECT id, i, w, count(*) AS tf
                  FROM (SELECT g.id, g.i, (pow(50000, random()))::INTEGER - 1 AS w
                        FROM gen g, range(105) r(j))
                  GROUP BY ALL) d
            JOIN vocab v ON v.rank = d.w
            GROUP BY v.token, d.id, d.i
            ORDER BY d.i"""),
    ]
    for table, sql in steps:
        began = time.perf_counter()
        params: list[object] = []
        if table == "events":
            params = [[k for k, _ in KINDS], [s for _, s in KINDS], len(KINDS) + 1]
        elif sql.lstrip().startswith("INSERT INTO articles"):
            params = [text]
        con.execute(sql, params)
        print(f"  {table}: {time.perf_counter() - began:.1f}s", flush=True)
    con.execute("DROP TABLE gen")
    # The rows were generated in article order, as ingest appends them; `fetch` sorts the
    # search index by token once a quarter of it is unsorted, so do what it would do.
    began = time.perf_counter()
    compact_search_index(con, force=True)
    print(f"  search index sorted by token (as fetch does): {time.perf_counter() - began:.1f}s",
          flush=True)
    con.execute("CHECKPOINT")
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("articles", "mentions", "events", "tokens")}
    print("  rows: " + ", ".join(f"{t} {c:,}" for t, c in counts.items()))
    con.close()


# --------------------------------------------------------------------------- latency


def timed(fn: Callable[[], object]) -> float:
    began = time.perf_counter()
    fn()
    return (time.perf_counter() - began) * 1000


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure_latency(
    path: Path, companies: list[Company], words: list[str], samples: int
) -> dict[str, list[float]]:
    rng = random.Random(11)
    config = Config(companies=companies)
    # Half the companies drawn by popularity (the busy ones are the slow ones), half uniformly.
    picks = [companies[zipf_index(rng, len(companies))] for _ in range(samples // 2)]
    picks += rng.sample(companies, samples - len(picks))
    queries_ = [
        " ".join(words[5 + zipf_index(rng, 5000)] for _ in range(2)) for _ in range(samples)
    ]
    d60, d30 = NOW - timedelta(days=60), NOW - timedelta(days=30)
    con = open_store(path, read_only=True)
    calls: dict[str, Callable[[int], object]] = {
        "points (60d)": lambda k: talking_points(con, config, picks[k], since=d60, now=NOW),
        "developments (60d)": lambda k: queries.developments(con, picks[k], since=d60),
        "search 2 words (30d)": lambda k: search.search(con, queries_[k], since=d30),
        "search 2 words (all)": lambda k: search.search(con, queries_[k]),
        "mentioning_articles (30d)":
            lambda k: queries.mentioning_articles(con, picks[k].slug, d30),
        "mention_count (30d)": lambda k: queries.mention_count(con, picks[k].slug, d30),
    }
    results: dict[str, list[float]] = {}
    for name, call in calls.items():
        call(0)  # warm the buffer pool: the CLI pays a cold start once per process, not per query
        results[name] = [timed(lambda k=k, call=call: call(k)) for k in range(samples)]
    con.close()
    return results


def explain(path: Path, sql: str, params: list[object]) -> str:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("EXPLAIN ANALYZE " + sql, params).fetchall()[0][1]
    finally:
        con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=20_000)
    parser.add_argument("--companies", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--queries", type=int, default=24, help="samples per query (>= 20)")
    parser.add_argument("--keep", type=Path, help="keep the scale store at this path (reused)")
    parser.add_argument("--skip-throughput", action="store_true")
    args = parser.parse_args()
    rng = random.Random(1)
    companies = tracked_companies(args.companies, rng)
    words = vocabulary(random.Random(3))
    workdir = Path(tempfile.mkdtemp(prefix="tidings-bench-"))
    try:
        if not args.skip_throughput:
            print(f"Throughput: `tidings reanalyze`'s pipeline (ingest.reanalyse_all: mentions, "
                  f"events, search tokens, stories clustered in a second process) on "
                  f"{args.sample:,} synthetic articles, {args.companies} companies, DuckDB file",
                  flush=True)
            rates = measure_throughput(workdir, companies, args.sample, args.runs)
            print(f"  median {statistics.median(rates):,.0f} articles/s "
                  f"(target >= {TARGET_RATE:,.0f}/s)\n", flush=True)
        path = args.keep or workdir / "scale.duckdb"
        if not path.exists():
            print(f"Scale store: {args.articles:,} articles; mentions, events and tokens rows "
                  "GENERATED IN SQL with ingest's shapes (not produced by the analysis)",
                  flush=True)
            began = time.perf_counter()
            build_store(path, companies, args.articles, words)
            print(f"  built in {time.perf_counter() - began:.0f}s, "
                  f"{path.stat().st_size / 1e6:,.0f} MB on disk\n", flush=True)
        print(f"Latency: store opened read-only, {args.queries} companies/queries per call, "
              "after one warm-up call", flush=True)
        results = measure_latency(path, companies, words, args.queries)
        print(f"  {'call':<28}{'median ms':>10}{'p90 ms':>9}{'max ms':>9}  target")
        for name, values in results.items():
            median = statistics.median(values)
            verdict = "ok" if median <= TARGET_MS else "MISS"
            print(f"  {name:<28}{median:>10.0f}{percentile(values, 0.9):>9.0f}"
                  f"{max(values):>9.0f}  median <= {TARGET_MS:.0f} ms {verdict}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
