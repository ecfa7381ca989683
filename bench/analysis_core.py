"""Measure the analysis core: mentions + events + cluster prep per article, and clustering.

Run: .venv/bin/python bench/analysis_core.py [--articles N] [--companies N] [--baseline TREE]
Synthetic but shaped like news: ~1,500-character articles, 1,000 tracked companies of which
some have common-word names ("Block", "Target"...) with context words (bench/core_speed.py
makes them). ``--baseline TREE`` (another checkout or ``git archive`` holding src/tidings) also
measures that tree and this one side by side, alternating fresh processes, and prints the
medians and their ratio. Also prints the
labelled-events precision/recall table, and, on real finance news nobody on the team wrote
(../shared/corpus/news-labels, MIT), the held-back per-kind precision/recall/F1 and the share of
bearish posts that would become talking points, and the hand-labelled good-news posts that
still give one (good news kept). Each held-back figure is printed twice: over the whole part
("all", the figure earlier notes quote) and over its posts with no twin in either training split
("no twin": cleaned text, case and punctuation folded; the honest one, as the sets repeat posts).
``--split train`` prints the same on the tuning part instead (the held-back part is for
reporting only).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

from core_speed import bench_articles, measure, print_side_by_side
from tidings.analysis.clusters import StoryItem, cluster_stories
from tidings.analysis.evaluation import evaluate_events
from tidings.analysis.events import (
    COMBINATIONS,
    DEFAULT_COMBINATION,
    EVENT_KINDS,
    SENSITIVE_KINDS,
    classify_events,
)
from tidings.analysis.mentions import MentionMatcher
from tidings.analysis.name_evaluation import LabelledText, NameScores
from tidings.analysis.namecues import CUES, SWITCHES
from tidings.analysis.news_labels import (
    KindTable,
    LabelledPost,
    PostOutcome,
    classify_posts,
    load_sentiment_posts,
    load_topic_posts,
    training_texts,
    without_twins,
)

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
NAME_LABELS = ROOT / "training" / "labels"
NEWS_LABELS = CORPUS / "news-labels"
HAND_LABELS = NAME_LABELS / "topic_kinds.csv"
ALL_KINDS = (
    "acquisition", "earnings", "leadership", "legal", "funding", "launch", "partnership", "expansion",
    "award", "milestone", "layoffs", "security", "outage", "recall",
)
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=4000)
    parser.add_argument("--companies", type=int, default=1000)
    parser.add_argument("--cluster-items", type=int, default=50_000)
    parser.add_argument("--split", choices=("valid", "train"), default="valid",
                        help="which part of the real news to score: valid (held back, default) or train")
    parser.add_argument("--baseline", type=Path,
                        help="another tree (holding src/tidings): speed side by side, with the ratio")
    parser.add_argument("--rounds", type=int, default=5, help="runs of each tree with --baseline")
    args = parser.parse_args()
    if args.baseline is not None:
        print_side_by_side(args.baseline, args.rounds, args.articles, args.companies)
        print()
    result = measure(args.articles, args.companies)
    print(f"matcher build: {result['build']:.2f}s for {args.companies} companies")
    print(
        f"mentions+events+cluster prep: {result['articles']} articles (~1,500 chars) in "
        f"{result['elapsed']:.2f}s = {result['rate']:,.0f} articles/s "
        f"({result['mentions']} mentions, {result['events']} events)"
    )
    _, articles = bench_articles(args.articles, args.companies)
    items = []
    t0 = datetime(2025, 1, 1, tzinfo=UTC)
    for i in range(args.cluster_items):
        title, _ = articles[i % len(articles)]
        items.append(StoryItem(f"a{i:07d}", title, "", t0 + timedelta(minutes=5 * i)))
    started = time.perf_counter()
    stories = cluster_stories(items)
    elapsed = time.perf_counter() - started
    print(
        f"cluster_stories: {len(items)} items in {elapsed:.2f}s = "
        f"{len(items) / elapsed:,.0f} items/s, {len(set(stories.values()))} stories"
    )
    scores = evaluate_events(ROOT / "tests" / "fixtures" / "labelled_events.jsonl")
    print(f"\nlabelled events ({scores.examples} examples):\n{scores.table()}")
    holdout = evaluate_events(ROOT / "tests" / "fixtures" / "labelled_events_holdout.jsonl")
    print(f"\nheld-out events ({holdout.examples} examples):\n{holdout.table()}")
    real_news(args.split)


def real_news(split: str) -> None:
    """Per-kind P/R/F1 and the bearish share on real finance news (aggregates only).

    Every figure is printed twice: over the whole part ("all", as earlier notes quote it) and
    over its posts with no twin in either training split (``twin_key``: "no twin"), the honest
    figure for a model trained on those splits.
    """
    if not NEWS_LABELS.is_dir():
        print(f"\nreal news: {NEWS_LABELS} not found, skipped")
        return
    part = "held-back" if split == "valid" else "tuning"
    posts = load_topic_posts(NEWS_LABELS, HAND_LABELS, split)
    sentiment = load_sentiment_posts(NEWS_LABELS, split)
    # Training posts are their own twins: the filter only means something on the held-back part.
    seen = training_texts(NEWS_LABELS) if split == "valid" else frozenset[str]()
    fresh_topic = {(p.file, p.row) for p in without_twins(posts, seen)}
    fresh_sent = {(p.file, p.row) for p in without_twins(sentiment, seen)}
    print(
        f"\nreal news, {part}: {len(posts) - len(fresh_topic)} of {len(posts)} topic_{split} posts and "
        f"{len(sentiment) - len(fresh_sent)} of {len(sentiment)} sent_{split} posts have a twin "
        "(news_labels.twin_key) in topic_train or sent_train; 'no twin' scores only the others"
    )
    kinds = [*ALL_KINDS, *(k for k in EVENT_KINDS if k not in ALL_KINDS)]
    fresh = fresh_topic | fresh_sent
    views: tuple[tuple[str, Callable[[tuple[str, int]], bool]], ...] = (("all", lambda _: True),)
    if split == "valid":
        views += (("no twin", fresh.__contains__),)
    summary = []
    for combination in (DEFAULT_COMBINATION, *(c for c in COMBINATIONS if c != DEFAULT_COMBINATION)):
        classify = partial(classify_events, combination=combination)
        started = time.perf_counter()
        outcomes = classify_posts(posts, classify, SENSITIVE_KINDS)
        elapsed = time.perf_counter() - started
        results = classify_posts(sentiment, classify, SENSITIVE_KINDS)
        for view, keep in views:
            topic = [(p, o) for p, o in zip(posts, outcomes, strict=True) if keep((p.file, p.row))]
            sent = [(p, o) for p, o in zip(sentiment, results, strict=True) if keep((p.file, p.row))]
            table = KindTable.score([p.kind for p, _ in topic], [o.kind for _, o in topic], kinds)
            bearish = [o for p, o in sent if p.tone == "bad"]
            bullish = [o for p, o in sent if p.tone == "good"]
            good = good_news(topic)
            f1s = " ".join(f"{k[:5]} {table.f1(k):.2f}" for k in ALL_KINDS[:9])
            summary.append(
                f"{combination:<6} {view:<7} micro P {table.precision():.2f} R {table.recall():.2f} "
                f"F1 {table.f1():.2f} | {f1s} | bearish points {sum(o.point for o in bearish)}/"
                f"{len(bearish)}, bullish points {sum(o.point for o in bullish)}/{len(bullish)}, "
                f"good kept {sum(o.point for o in good)}/{len(good)}"
            )
            if combination != DEFAULT_COMBINATION:
                continue
            print(
                f"\nreal news, {part}, {view} (topic_{split}.csv: {len(topic)} posts, {elapsed:.1f}s "
                f"for all {len(posts)}), combination {combination}:\n{table.table()}"
            )
            for tone, label in (("bad", "bearish"), ("good", "bullish"), ("neutral", "neutral")):
                pairs = [o for p, o in sent if p.tone == tone]
                points = sum(o.point for o in pairs)
                bad = sum(o.tone == "bad" for o in pairs)
                print(
                    f"{label} posts (sent_{split}.csv, {view}): {len(pairs)}, {points} would become "
                    f"talking points ({points / max(len(pairs), 1):.1%}), {bad} given tone bad "
                    f"({bad / max(len(pairs), 1):.1%})"
                )
            bad_points = sum(o.point for p, o in topic if p.tone == "bad")
            bad_total = sum(p.tone == "bad" for p, _ in topic)
            print(f"hand-labelled bad posts (topic_{split}.csv, {view}): {bad_total}, {bad_points} would "
                  "become points")
            kept = sum(o.point for o in good)
            # Found with a good-news kind, yet no point: lost to the tone, not to a missed kind.
            toned = sum(not o.point and o.kind != "none" and o.kind not in SENSITIVE_KINDS for o in good)
            print(f"hand-labelled good-news posts (topic_{split}.csv, {view}; a kind that is not sensitive, "
                  f"tone good or neutral): {len(good)}, {kept} give a talking point "
                  f"({kept / max(len(good), 1):.1%}), {toned} found but toned bad")
    print(f"\ncombinations side by side ({part}; F1 per kind):")
    print("\n".join(summary))


def good_news(pairs: list[tuple[LabelledPost, PostOutcome]]) -> list[PostOutcome]:
    """The outcomes of the posts hand-labelled as good news: a kind that is not sensitive, and a
    tone good or neutral (posts whose kind comes from the topic alone carry no tone)."""
    return [
        o for p, o in pairs
        if p.kind != "none" and p.kind not in SENSITIVE_KINDS and p.tone in ("good", "neutral")
    ]


def _searched(matcher: MentionMatcher, rows: list[LabelledText]) -> NameScores:
    """The posts as results of a news search for the name (the source supports it)."""
    searched = NameScores()
    for row in rows:
        found = any(m.company == row.name.lower()
                    for m in matcher.find(row.text, "", source_company=row.name.lower()))
        searched.add(row.positive, found, row.key)
    return searched


def names_table(part: str = "held-back") -> None:
    """Common-word names on real text, bare names (no context words): recall on finance posts
    that name the company, false matches on posts and page sentences that do not, false-match
    rate over whole WCXB bodies, and what each cue adds (recall and false matches without it)."""
    from tidings.analysis import name_evaluation as ne

    if not (CORPUS / "news-labels").exists() or not (CORPUS / "wcxb").exists():
        print("\ncommon-word names: shared corpus not available, skipped")
        return
    held = part == "held-back"
    labelled = ne.all_business_rows(CORPUS, NAME_LABELS)
    business = [r for r in labelled if r.held_back == held]
    prose, page_texts = ne.prose_pages(CORPUS, NAME_LABELS / "names_prose.csv")
    bodies = ne.wcxb_bodies(CORPUS)
    common = [r for r in business if ne.is_common(r.name)]
    sentences = [r for r in prose if r.held_back == held and r.name in r.text and ne.is_common(r.name)]
    lower = [r for r in prose if r.held_back == held and r.name not in r.text]
    common_pages = [r for r in prose if r.held_back == held and ne.is_common(r.name)]
    roster = ne.roster()
    print(f"\ncommon-word names, {part} part, every name tracked bare (no context words, no ticker):")
    matcher = MentionMatcher(roster)
    print(ne.score_business(matcher, common).line("finance posts, common-word names"))
    print(ne.score_business(matcher, business).line("finance posts, all names (+Amazon, Ford)"))
    searched = _searched(matcher, common)
    print(searched.line("  same, from a news search for the name"))
    print(ne.score_prose(matcher, sentences).line("page sentences alone, capitalised word"))
    print(ne.score_prose(matcher, lower).line("page sentences, lower-case word"))
    print(ne.score_pages(matcher, common_pages, page_texts).line("whole pages, common-word names"))
    false_pages, pages, _ = ne.score_wcxb_bodies(matcher, bodies, prose, held_back=held)
    print(f"{'WCXB bodies with a false match':<38} {false_pages}/{pages} = {false_pages / max(pages, 1):.2%}")
    # What the tool learns without the user: context words from the posts read as its store.
    learned, _ = ne.learning_matcher(roster, CORPUS)
    print("with context words learned from every news-labels post (analysis/namelearn.py):")
    print(ne.score_business(learned, common).line("finance posts, common-word names"))
    print(ne.score_prose(learned, sentences).line("page sentences alone, capitalised word"))
    print(ne.score_prose(learned, lower).line("page sentences, lower-case word"))
    print(ne.score_pages(learned, common_pages, page_texts).line("whole pages, common-word names"))
    false_pages, pages, _ = ne.score_wcxb_bodies(learned, bodies, prose, held_back=held)
    print(f"{'WCXB bodies with a false match':<38} {false_pages}/{pages} = {false_pages / max(pages, 1):.2%}")
    fresh = ne.fresh_rows(CORPUS, NAME_LABELS)
    if held and fresh:
        # Held back whole (names no round tuned on): aggregate figures only, never the posts.
        names = ne.roster(ne.FRESH_NAMES)
        listed = [r for r in fresh if ne.is_common(r.name)]
        print(f"fresh held-back set ({len(fresh)} posts, {len(ne.FRESH_NAMES)} names), plain / learned:")
        scorers = (("plain", MentionMatcher(names)), ("learned", ne.learning_matcher(names, CORPUS)[0]))
        for label, scorer in scorers:
            print(ne.score_business(scorer, listed).line(f"  {label}, names on the common list"))
            print(ne.score_business(scorer, fresh).line(f"  {label}, all names"))
    print(f"\n{'without cue':<16} {'posts recall':>12} {'posts false':>12} {'search false':>12} "
          f"{'sentences false':>16} {'WCXB false':>11}")
    # Cues, then the checks that can be switched off the same way (namecues.SWITCHES,
    # "source_title": a news search supporting a name in a headline too, and "prose": a word
    # name, or a source's support, counting in a table header or a code line too).
    for cue in (*CUES, *SWITCHES, "context", "source", "source_title", "prose", "co_company"):
        ablated = MentionMatcher(roster, disabled_cues=[cue])
        b = ne.score_business(ablated, common)
        p = ne.score_prose(ablated, sentences)
        f, n, _ = ne.score_wcxb_bodies(ablated, bodies, prose, held_back=held)
        s = _searched(ablated, common)
        print(f"{cue:<16} {b.recall:>12.3f} {b.false_rate:>12.2%} {s.false_rate:>12.2%} "
              f"{p.false_rate:>16.2%} {f / max(n, 1):>11.2%}")


if __name__ == "__main__":
    main()
    names_table()
