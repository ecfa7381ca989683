"""Speed of the analysis core (mentions + events + cluster prep per article) on synthetic news.

    python bench/core_speed.py [--articles N] [--companies N] [--baseline TREE] [--rounds K]

Synthetic but shaped like news: ~1,500-character articles, 1,000 tracked companies of which
some have common-word names ("Block", "Target"...) with context words. The timed loop starts
cold, as an analysis run does: each company's patterns are built the first time it is seen.

``--baseline TREE`` (a checkout or ``git archive`` of another version, holding ``src/tidings``)
measures that tree and this one side by side: each measurement runs in a fresh process, the two
trees alternate (ABBA order, so a change of load on a shared machine falls on both), and the
medians and their ratio are printed. The same articles are generated for both from this file.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tidings.models import Company

SYLLABLES = "ka lo mi ne ro tu vi za bre qua dex lin mor pha sto tri vel xon yar zen".split()
COMMON = ["Block", "Square", "Target", "Shell", "Gap", "Visa", "Slack", "Notion", "Linear", "Ramp"]
FILLER = (
    "Analysts said the market for logistics software continued to grow this year. "
    "The company did not comment on its plans for the next quarter. "
    "Customers have asked for better integrations, according to people familiar with the matter. "
    "Shares were little changed in early trading on Tuesday. "
    "Retailers are trying to block price increases as costs rise across the supply chain. "
    "The new rules take effect next month and apply to firms with more than 50 employees. "
    "Executives at several rivals declined to comment. "
    "Industry groups have pushed regulators to target smaller players first. "
).split(". ")
EVENTS = [
    "{a} raised $40 million in a Series B round led by Sequoia Capital.",
    "{a} has agreed to acquire {b} for $1.2 billion in cash.",
    "{a} launched a new analytics product for fleet operators.",
    "{a} appointed Jane Park as chief financial officer.",
    "{a} is laying off about 10% of its workforce.",
    "{a} partnered with {b} to offer joint services in Europe.",
    "{a} reported third-quarter revenue of $210 million, up 34%.",
]
ROOT = Path(__file__).resolve().parents[1]


def make_companies(n: int, rng: random.Random) -> list[Company]:
    companies = []
    for i in range(n):
        if i < len(COMMON):
            name = COMMON[i]
            companies.append(Company(slug=name.lower(), name=name, context=("payments", "retailer")))
            continue
        name = "".join(rng.sample(SYLLABLES, 3)).capitalize() + str(i)
        suffix = rng.choice(["", " Labs", " Robotics", " Health", " Systems"])
        companies.append(
            Company(
                slug=f"c{i}",
                name=name + suffix,
                aliases=(name,),
                domains=(f"{name.lower()}.com",),
                tickers=(f"NASDAQ: {name[:4].upper()}",),
            )
        )
    return companies


def make_article(companies: list[Company], rng: random.Random) -> tuple[str, str]:
    a, b = rng.sample(companies, 2)
    event = rng.choice(EVENTS).format(a=a.name, b=b.name)
    parts = [event]
    while sum(len(p) for p in parts) < 1500:
        parts.append(rng.choice(FILLER).strip().rstrip(".") + ".")
    return event.split(",")[0][:90], " ".join(parts)[:1500]


def bench_articles(articles_n: int, companies_n: int) -> tuple[list[Company], list[tuple[str, str]]]:
    """The bench's companies and articles, the same on every run."""
    rng = random.Random(1)
    companies = make_companies(companies_n, rng)
    return companies, [make_article(companies, rng) for _ in range(articles_n)]


def measure(articles_n: int, companies_n: int) -> dict[str, float | int]:
    """Build the matcher, then time the per-article loop once (cold), in this process.

    A tree with ``classify_many`` is timed as analysis runs it: mentions and cluster prep per
    article, the events of BATCH_ARTICLES articles at a time; an older tree article by article."""
    # Imported here so that a baseline tree only needs these entry points.
    from tidings.analysis.clusters import story_tokens
    from tidings.analysis.events import classify_events
    from tidings.analysis.mentions import MentionMatcher

    try:
        from tidings.analysis.events import BATCH_ARTICLES, ArticleInput, classify_many
    except ImportError:  # a tree from before classify_many
        classify_many = None  # type: ignore[assignment]
    companies, articles = bench_articles(articles_n, companies_n)
    by_slug = {c.slug: c for c in companies}
    started = time.perf_counter()
    matcher = MentionMatcher(companies)
    build = time.perf_counter() - started
    mentions_total = events_total = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    if classify_many is None:
        for title, text in articles:
            mentions = matcher.find(title, text)
            events = classify_events(title, text, mentions, by_slug)
            story_tokens(title, text[:300])
            mentions_total += len(mentions)
            events_total += len(events)
    else:
        for first in range(0, len(articles), BATCH_ARTICLES):
            inputs = []
            for title, text in articles[first : first + BATCH_ARTICLES]:
                mentions = matcher.find(title, text)
                story_tokens(title, text[:300])
                mentions_total += len(mentions)
                inputs.append(ArticleInput(title, text, mentions))
            events_total += sum(len(events) for events in classify_many(inputs, by_slug))
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    return {
        "build": build, "elapsed": elapsed, "cpu": cpu, "articles": len(articles),
        "rate": len(articles) / elapsed, "cpu_rate": len(articles) / cpu,
        "mentions": mentions_total, "events": events_total,
    }


def _child(tree: Path, articles_n: int, companies_n: int) -> dict[str, float | int]:
    env = dict(os.environ, PYTHONPATH=str(tree / "src"))
    out = subprocess.run(
        [sys.executable, __file__, "--json", "--articles", str(articles_n), "--companies", str(companies_n)],
        capture_output=True, text=True, env=env, check=False,
    )
    if out.returncode != 0:
        sys.exit(f"speed run in {tree} failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def side_by_side(baseline: Path, rounds: int, articles_n: int, companies_n: int) -> dict[str, object]:
    """Articles/s of ``baseline`` and of this tree, alternated in fresh processes: per tree the
    runs by wall clock and by CPU time (on a shared machine the CPU time varies less), medians
    and the ratios of the medians."""
    trees = {"baseline": baseline.resolve(), "this tree": ROOT}
    runs: dict[str, dict[str, list[float]]] = {name: {"rate": [], "cpu_rate": []} for name in trees}
    counts: dict[str, tuple[int, int]] = {}
    for k in range(rounds):
        order = list(trees) if k % 2 == 0 else list(reversed(trees))
        for name in order:
            result = _child(trees[name], articles_n, companies_n)
            for key in ("rate", "cpu_rate"):
                runs[name][key].append(float(result[key]))
            counts[name] = (int(result["mentions"]), int(result["events"]))
    medians = {name: {key: statistics.median(v) for key, v in r.items()} for name, r in runs.items()}
    ratios = {key: medians["this tree"][key] / medians["baseline"][key] for key in ("rate", "cpu_rate")}
    return {"runs": runs, "medians": medians, "ratios": ratios, "counts": counts}


def print_side_by_side(baseline: Path, rounds: int, articles_n: int, companies_n: int) -> None:
    result = side_by_side(baseline, rounds, articles_n, companies_n)
    runs, medians, counts, ratios = result["runs"], result["medians"], result["counts"], result["ratios"]
    print(f"analysis core side by side ({rounds} alternated runs each, {articles_n} articles, "
          f"{companies_n} companies, fresh process per run; baseline {baseline}):")
    for name in ("baseline", "this tree"):
        mentions, events = counts[name]
        for key, label in (("rate", "wall"), ("cpu_rate", "CPU")):
            rates = ", ".join(f"{r:,.0f}" for r in runs[name][key])
            print(f"  {name:<10} {label:<4} median {medians[name][key]:>7,.0f} articles/s  (runs: {rates})")
        print(f"  {'':<10} {mentions} mentions, {events} events")
    print(f"  ratio this tree / baseline: {ratios['rate']:.2f}x by wall clock, "
          f"{ratios['cpu_rate']:.2f}x by CPU time")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--articles", type=int, default=4000)
    parser.add_argument("--companies", type=int, default=1000)
    parser.add_argument("--baseline", type=Path, help="another tree (holding src/tidings) to compare with")
    parser.add_argument("--rounds", type=int, default=5, help="runs of each tree with --baseline")
    parser.add_argument("--json", action="store_true", help="one run, printed as JSON (used per process)")
    args = parser.parse_args()
    if args.baseline is not None:
        print_side_by_side(args.baseline, args.rounds, args.articles, args.companies)
        return
    result = measure(args.articles, args.companies)
    if args.json:
        print(json.dumps(result))
        return
    print(f"matcher build: {result['build']:.2f}s for {args.companies} companies")
    print(
        f"mentions+events+cluster prep: {result['articles']} articles (~1,500 chars) in "
        f"{result['elapsed']:.2f}s = {result['rate']:,.0f} articles/s "
        f"({result['mentions']} mentions, {result['events']} events)"
    )


if __name__ == "__main__":
    main()
