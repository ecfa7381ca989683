"""Score article extraction against the shared corpus's ground truth.

    python bench/extraction.py [--limit N] [--body trafilatura|rules] [--compare]
                               [--no-trafilatura] [--trafilatura-cache FILE] [--refuse-no-text]
    python bench/extraction.py --baseline TREE [--rounds K] [--limit N] [--sets ...]

Per set: title accuracy (exact after whitespace/case normalisation) against the set's ground
truth, which for some sets is the SEO <title> ("Headline | Site": readability, WCXB) rather than
what a reader sees; "headline" scores the same title against the page's own visible headline
where the page establishes it unambiguously (an h1 equal to the JSON-LD headline, or the only h1,
repeated in og:title or <title>); date accuracy (same
calendar day; a ground truth written as a zoned instant is told in our reading's own zone, for
a bare day in the publisher's zone, and
`date_old` beside it compares it in the ground truth's zone, as before round 5), body
token F1 (median) where a full body is given, prefix-token recall for
body_prefix / body_first_words, `with` hit-rate and `without` avoidance for snippet sets,
extraction errors, and pages per second. Beside ours, trafilatura's own `bare_extraction`
metadata (title and date, its default date settings) on the same pages, scored the same way.
A page with no readable text is an error (tidings stores no such page), but the title and date
its NoTextError carries are scored; --refuse-no-text scores them as misses instead.
Every figure is printed for two fixed halves of the corpus (A and B, by the sha1 of each
page's URL) and for all pages: a date rule stays only if it helps on the half it was not
written from. --compare also scores htmldate's dates and the other body method on the same
pages (their time, and trafilatura's, is not counted in pages/s).

--baseline TREE (a checkout or `git archive` of another version, holding src/tidings) times
extract_page alone, on the same pages, for that tree and this one side by side: each run in a
fresh process (so each pays the same cold start: imports, dateparser's locales), the two trees
alternating (ABBA, so a change of load on a shared machine falls on both); it prints pages/s
by wall clock and by CPU time per run, the medians, their ratios and the load average.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
import statistics
import subprocess
import sys
import time
import warnings
from collections import Counter
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tidings.errors import ExtractionError
from tidings.extract.body import extract_body_rules, extract_body_trafilatura
from tidings.extract.links import article_anchors
from tidings.extract.locale import publisher_zone
from tidings.extract.metadata import clean_text, extract_locale, jsonld_objects, meta_map
from tidings.extract.page import NoTextError, extract_page, parse_html

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
SETS = {
    "wcxb-articles": "wcxb",
    "readability": "articles/readability-test-pages",
    "goose3": "articles/goose3",
    "postlight": "articles/postlight-parser",
    "trafilatura": "articles/trafilatura-eval",
    "htmldate": "articles/htmldate-eval",
    "europarl": "articles/europarl-press-releases",
}
_TOKEN = re.compile(r"\w+", re.U)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def token_f1(got: str, want: str) -> float:
    g, w = Counter(tokens(got)), Counter(tokens(want))
    if not g or not w:
        return float(not g and not w)
    common = sum((g & w).values())
    if not common:
        return 0.0
    precision, recall = common / sum(g.values()), common / sum(w.values())
    return 2 * precision * recall / (precision + recall)


def token_recall(got: str, want: str) -> float:
    g, w = Counter(tokens(got)), Counter(tokens(want))
    return sum((g & w).values()) / sum(w.values()) if w else 1.0


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                         "\u00a0": " ", "\u2013": "-", "\u2014": "-"})


def norm(text: str | None) -> str:
    # Typographic quotes and dashes count as their ASCII forms: annotators type them so.
    return re.sub(r"\s+", " ", (text or "").translate(_QUOTES)).strip().lower()


def contains(text: str, snippet: str) -> bool:
    return " ".join(tokens(snippet)) in " ".join(tokens(text))


def records(name: str, folder: str) -> list[dict[str, Any]]:
    path = CORPUS / folder / "ground_truth.normalized.jsonl.gz"
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            page_type = (r.get("extra") or {}).get("page_type")
            if name == "wcxb-articles" and page_type != "article":
                continue
            if not any(r.get(k) for k in ("title", "published", "body", "body_prefix",
                                          "body_first_words", "with")):
                continue
            out.append(r)
    return out


def visible_headline(raw: bytes, name: str) -> str | None:
    """The headline a reader sees, when the page states it unambiguously; else None.

    Deliberately simpler than the extractor: an h1 whose text equals a JSON-LD headline, or the
    page's only h1 when og:title or <title> repeats it.
    """
    try:
        tree = parse_html(raw, headers_for(name))
    except ExtractionError:
        return None
    h1s = [clean_text(h.text_content()) for h in tree.iter("h1")]
    h1s = [h for h in h1s if h]
    if not h1s:
        return None
    for obj in jsonld_objects(tree):
        headline = obj.get("headline")
        if isinstance(headline, str) and any(norm(h) == norm(headline) for h in h1s):
            return clean_text(headline)
    if len(h1s) != 1:
        return None
    metas = meta_map(tree)
    title = tree.find(".//title")
    titles = [*(metas.get("og:title") or [])[:1],
              clean_text(title.text_content()) if title is not None else ""]
    return h1s[0] if any(norm(h1s[0]) in norm(t) for t in titles if t) else None


def same_day(got: datetime | None, want: str, zone: tzinfo | None = None) -> bool:
    """Same calendar day as the page shows it. A ground truth written as an instant with a
    zone ("...T02:30:57Z": postlight converts every date to UTC) is told where our reading was
    told: at a full timestamp's own offset (the same instant is the same day, as in UTC), and
    for a bare day (midnight UTC: the page gave no time) in the publisher's zone `zone`
    (locale.publisher_zone), so a Tokyo page's "2019年4月4日" matches postlight's
    2019-04-03T15:00Z, Tokyo's midnight. A plain date is compared with our reading's date."""
    if got is None:
        return False
    instant = _instant(want)
    if instant is not None:
        bare = got.utcoffset() == timedelta(0) and (got.hour, got.minute, got.second) == (0, 0, 0)
        return instant.astimezone(zone if bare and zone is not None else got.tzinfo).date() == got.date()
    return got.date().isoformat() == want[:10]


def same_day_in_truth_zone(got: datetime | None, want: str) -> bool:
    """The measure before round 5 (printed beside the new one as date_old): a zoned ground
    truth is compared in its own zone, so a bare day read on a page east of Greenwich (told
    at UTC midnight) falls on the day after postlight's UTC instant."""
    if got is None:
        return False
    instant = _instant(want)
    if instant is not None:
        return got.astimezone(instant.tzinfo).date() == instant.date()
    return got.date().isoformat() == want[:10]


def _instant(want: str) -> datetime | None:
    if "T" not in want:
        return None
    try:
        instant = datetime.fromisoformat(want.replace("Z", "+00:00"))
    except ValueError:
        return None
    return instant if instant.tzinfo is not None else None


def page_zone(raw: bytes, url: str, name: str) -> tzinfo | None:
    """The publisher's zone as tidings guesses it from the page's locale (for bare days)."""
    try:
        tree = parse_html(raw, headers_for(name))
    except ExtractionError:
        return None
    return publisher_zone(extract_locale(tree, meta_map(tree)))


def headers_for(name: str) -> dict[str, str]:
    # WCXB pages were re-encoded as UTF-8 upstream, whatever their <meta> still says.
    return {"Content-Type": "text/html; charset=utf-8"} if name == "wcxb-articles" else {}


def page_key(name: str, r: dict[str, Any]) -> str:
    """A page's URL (host without www, path, query), else set/id: the same for a page two sets
    share (htmldate and trafilatura hold 565 of the same files)."""
    if r.get("url"):
        parts = urlsplit(r["url"].strip())
        return ((parts.hostname or "").removeprefix("www.") + parts.path.rstrip("/")
                + (f"?{parts.query}" if parts.query else ""))
    return f"{name}/{r['id']}"


def half_of(name: str, r: dict[str, Any]) -> str:
    """Which fixed half ("A" or "B") a page belongs to: the parity of the sha1 of its
    page_key, so that a page two sets share falls in the same half."""
    return "AB"[int(hashlib.sha1(page_key(name, r).encode()).hexdigest(), 16) % 2]


def _trafilatura(raw: bytes, url: str, key: str, cache: dict[str, Any] | None) -> dict[str, Any]:
    """trafilatura's own metadata as a user gets it: bare_extraction with its default date
    settings (htmldate, original_date=True, extensive search, max_date today)."""
    if cache is not None and key in cache:
        return cache[key]
    import trafilatura

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            doc = trafilatura.bare_extraction(raw, url=url, with_metadata=True)
        except Exception:  # noqa: BLE001 - a failure is a miss, as a None result is
            doc = None
    found = {"date": getattr(doc, "date", None), "title": getattr(doc, "title", None)}
    if cache is not None:
        cache[key] = found
    return found


def _day(value: str | None) -> datetime | None:
    try:
        return datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=UTC) if value else None
    except ValueError:
        return None


METRICS = ("title", "title_trafilatura", "headline", "date", "date_old", "date_trafilatura",
           "date_htmldate",
           "f1", "prefix", "with", "without", "f1_other", "prefix_other", "with_other")


def score_set(name: str, folder: str, limit: int | None, body_method: str,
              compare: bool, trafilatura_cache: dict[str, Any] | None = None,
              with_trafilatura: bool = True, refuse_no_text: bool = False) -> list[dict[str, Any]]:
    """One row per page: its half, the time our extraction took, and its scores."""
    rows = records(name, folder)[:limit] if limit else records(name, folder)
    pages = []
    now = datetime.now(UTC)
    other = "rules" if body_method == "trafilatura" else "trafilatura"
    for r in rows:
        s: dict[str, Any] = {k: [] for k in METRICS}
        raw = gzip.open(CORPUS / folder / r["html"], "rb").read()
        url = r.get("url") or "http://fakehost/test/page.html"
        start = time.perf_counter()
        error = False
        try:
            page = extract_page(raw, url, headers_for(name), now=now, body_method=body_method)
            title, text = page.title, page.text
            published, published_from = page.published, page.published_from or "none"
        except NoTextError as exc:
            # Not an article (tidings stores no text-less page), but its metadata was read:
            # its title and date count, unless --refuse-no-text scores it as before.
            error = True
            title, text, published, published_from = None, "", None, "refused"
            if not refuse_no_text:
                title, published = exc.page.title, exc.page.published
                published_from = f"no text, {exc.page.published_from or 'none'}"
        except ExtractionError:
            error = True
            title, text, published, published_from = None, "", None, "refused"
        elapsed = time.perf_counter() - start
        theirs = (_trafilatura(raw, url, f"{name}/{r['id']}", trafilatura_cache)
                  if with_trafilatura and (r.get("title") or r.get("published")) else {})
        if r.get("title"):
            s["title"].append(norm(title) == norm(r["title"]))
            if with_trafilatura:
                s["title_trafilatura"].append(norm(theirs.get("title")) == norm(r["title"]))
        headline = visible_headline(raw, name)
        if headline:
            s["headline"].append(norm(title) == norm(headline))
        date_from = None
        if r.get("published"):
            # `published` keeps the page's own offset: its day is the day the page shows
            # (published_as_shown); trafilatura gives a bare day, compared as a bare date.
            zone = page_zone(raw, url, name) if _instant(r["published"]) else None
            s["date"].append(same_day(published, r["published"], zone))
            s["date_old"].append(same_day_in_truth_zone(published, r["published"]))
            date_from = (published_from, s["date"][-1])
            if with_trafilatura:
                s["date_trafilatura"].append(same_day(_day(theirs.get("date")), r["published"], zone))
        _score_body(s, r, text, "")
        if compare:
            if r.get("published"):
                s["date_htmldate"].append(_htmldate(raw, url, name, now) == r["published"][:10])
            if any(r.get(k) for k in ("body", "body_prefix", "body_first_words", "with")):
                _score_body(s, r, _other_body(raw, url, name, other), "_other")
        pages.append({"set": name, "half": half_of(name, r), "error": error, "seconds": elapsed,
                      "scores": s, "date_from": date_from})
    return pages


def summarise(pages: list[dict[str, Any]]) -> dict[str, Any]:
    """Figures over some pages: means (median for body F1) with their counts, pages/s."""
    elapsed = sum(p["seconds"] for p in pages)
    out: dict[str, Any] = {"pages": len(pages), "errors": sum(p["error"] for p in pages),
                           "pages_per_s": len(pages) / elapsed if elapsed else 0.0}
    for key in METRICS:
        values = [v for p in pages for v in p["scores"][key]]
        if not values:
            out[key] = None
        elif key.startswith("f1"):
            out[key] = (statistics.median(values), len(values))
        else:
            out[key] = (sum(values) / len(values), len(values))
    return out


def _score_body(s: dict[str, Any], r: dict[str, Any], text: str, suffix: str) -> None:
    if r.get("body"):
        s["f1" + suffix].append(token_f1(text, r["body"]))
    if r.get("body_prefix"):
        s["prefix" + suffix].append(token_recall(text, r["body_prefix"]))
    if r.get("body_first_words"):
        s["prefix" + suffix].append(token_recall(text, r["body_first_words"]["text"]))
    for snippet in r.get("with") or []:
        s["with" + suffix].append(contains(text, snippet))
    if not suffix:
        for snippet in r.get("without") or []:
            s["without"].append(not contains(text, snippet))


def _other_body(raw: bytes, url: str, name: str, method: str) -> str:
    try:
        tree = parse_html(raw, headers_for(name))
    except ExtractionError:
        return ""
    return extract_body_rules(tree) if method == "rules" else extract_body_trafilatura(tree, url)


def _htmldate(raw: bytes, url: str, name: str, now: datetime) -> str | None:
    import htmldate

    try:
        tree = parse_html(raw, headers_for(name))
    except ExtractionError:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return htmldate.find_date(tree, url=url, original_date=True, outputformat="%Y-%m-%d",
                                  max_date=now.strftime("%Y-%m-%d"))


def score_listings(limit: int | None) -> str:
    """Share of WCXB listing headlines (GT `with`) found as anchor text of returned links."""
    gt = {r["id"]: r for r in records("wcxb-listings", "wcxb")}
    index = CORPUS / "listings" / "wcxb-news-blog-listings.jsonl"
    rows = [json.loads(line) for line in index.read_text(encoding="utf-8").splitlines()]
    hits, total, links, elapsed = 0, 0, 0, 0.0
    for row in rows[:limit] if limit else rows:
        raw = gzip.open(CORPUS / "listings" / row["html"], "rb").read()
        start = time.perf_counter()
        anchors = article_anchors(raw, row["url"])
        elapsed += time.perf_counter() - start
        links += len(anchors)
        texts = [" ".join(tokens(text)) for _, text in anchors]
        for snippet in (gt.get(row["wcxb_id"]) or {}).get("with") or []:
            want = " ".join(tokens(snippet))
            total += 1
            hits += any(want and (want in t or (len(t) > 20 and t in want)) for t in texts)
    n = len(rows[:limit] if limit else rows)
    return (f"listings: pages={n} headline_recall={hits / total if total else 0:.3f} ({total}) "
            f"links/page={links / n if n else 0:.1f} pages/s={n / elapsed if elapsed else 0:.1f}")


def fmt(value: tuple[float, int] | None) -> str:
    return f"{value[0]:.3f} ({value[1]})" if value else "-"


def speed_run(sets: list[str], limit: int | None) -> dict[str, float]:
    """extract_page alone over the first `limit` pages of each set (read into memory first), in
    this process: pages, wall-clock and CPU seconds inside extract_page."""
    now = datetime.now(UTC)
    pages = []
    for name in sets:
        rows = records(name, SETS[name])
        for r in rows[:limit] if limit else rows:
            pages.append((gzip.open(CORPUS / SETS[name] / r["html"], "rb").read(),
                          r.get("url") or "http://fakehost/test/page.html", headers_for(name)))
    wall = cpu = 0.0
    for raw, url, headers in pages:
        start, cpu_start = time.perf_counter(), time.process_time()
        try:
            extract_page(raw, url, headers, now=now)
        except ExtractionError:
            pass
        wall += time.perf_counter() - start
        cpu += time.process_time() - cpu_start
    return {"pages": len(pages), "wall": wall, "cpu": cpu}


def side_by_side(baseline: Path, rounds: int, sets: list[str], limit: int | None) -> None:
    """pages/s of extract_page for `baseline` and this tree, alternated in fresh processes."""
    trees = {"baseline": baseline.resolve(), "this tree": Path(__file__).resolve().parents[1]}
    runs: dict[str, dict[str, list[float]]] = {name: {"wall": [], "cpu": []} for name in trees}
    count = 0
    load_before = os.getloadavg()
    for k in range(rounds):
        for name in list(trees) if k % 2 == 0 else list(reversed(trees)):
            env = dict(os.environ, PYTHONPATH=str(trees[name] / "src"))
            args = [sys.executable, __file__, "--speed-json", "--sets", ",".join(sets)]
            args += ["--limit", str(limit)] if limit else []
            out = subprocess.run(args, capture_output=True, text=True, env=env, check=False)
            if out.returncode != 0:
                sys.exit(f"speed run in {trees[name]} failed:\n{out.stderr[-2000:]}")
            result = json.loads(out.stdout.strip().splitlines()[-1])
            count = int(result["pages"])
            for key in ("wall", "cpu"):
                runs[name][key].append(count / result[key])
    load_after = os.getloadavg()
    print(f"extract_page side by side: {count} pages, {rounds} alternated runs per tree, a fresh "
          f"process each; baseline {baseline}")
    medians = {name: {key: statistics.median(v) for key, v in r.items()} for name, r in runs.items()}
    for name in trees:
        for key, label in (("wall", "wall"), ("cpu", "CPU")):
            rates = ", ".join(f"{v:.1f}" for v in runs[name][key])
            print(f"  {name:<10} {label:<4} median {medians[name][key]:5.1f} pages/s  (runs: {rates})")
    print("  ratio this tree / baseline: "
          f"{medians['this tree']['wall'] / medians['baseline']['wall']:.3f}x by wall clock, "
          f"{medians['this tree']['cpu'] / medians['baseline']['cpu']:.3f}x by CPU time")
    print("  load average (1, 5, 15 min) before: " + ", ".join(f"{v:.1f}" for v in load_before)
          + "; after: " + ", ".join(f"{v:.1f}" for v in load_after))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="pages per set")
    parser.add_argument("--body", choices=["trafilatura", "rules"], default="trafilatura")
    parser.add_argument("--compare", action="store_true", help="also score htmldate and the "
                        "other body method")
    parser.add_argument("--no-trafilatura", action="store_true",
                        help="skip trafilatura's own metadata (about 80 s on the whole corpus)")
    parser.add_argument("--trafilatura-cache", type=Path, default=None,
                        help="JSON file keeping trafilatura's per-page results between runs")
    parser.add_argument("--refuse-no-text", action="store_true",
                        help="score a page with no readable text as refused (no title, no date), "
                        "as before its metadata was kept")
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated set names")
    parser.add_argument("--baseline", type=Path, default=None,
                        help="another tree (holding src/tidings): time extract_page side by side")
    parser.add_argument("--rounds", type=int, default=6, help="runs of each tree with --baseline")
    parser.add_argument("--speed-json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 1
    if args.speed_json:
        print(json.dumps(speed_run(args.sets.split(","), args.limit)))
        return 0
    if args.baseline is not None:
        side_by_side(args.baseline, args.rounds, args.sets.split(","), args.limit)
        return 0
    with_trafilatura = not args.no_trafilatura
    cache: dict[str, Any] | None = None
    if args.trafilatura_cache is not None:
        path = args.trafilatura_cache
        cache = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    cols = ["set", "pages", "errors", "title", "headline", "date", "f1", "prefix", "with", "without",
            "pages_per_s"]
    if with_trafilatura:
        cols[4:4] = ["title_trafilatura"]
        cols[7:7] = ["date_trafilatura"]
    cols.insert(cols.index("date") + 1, "date_old")
    if args.compare:
        cols[cols.index("date") + 1:cols.index("date") + 1] = ["date_htmldate"]
        cols += ["f1_other", "prefix_other", "with_other"]
    print("title: vs the set's ground truth; headline: vs the page's own visible headline "
          "(h1 = JSON-LD headline, or the only h1 echoed by og:title/<title>); date: same "
          "calendar day as the page shows it (a zoned ground truth told in our reading's zone, "
          "for a bare day in the publisher's); "
          "date_old: the measure before round 5 (a zoned ground truth's own zone, UTC for "
          "postlight); *_trafilatura: trafilatura's bare_extraction "
          "metadata on the same pages; halves A and B: fixed by the sha1 of each page's URL")
    pages: list[dict[str, Any]] = []
    for name in args.sets.split(","):
        pages += score_set(name, SETS[name], args.limit, args.body, args.compare, cache,
                           with_trafilatura, args.refuse_no_text)
    if cache is not None and args.trafilatura_cache is not None:
        args.trafilatura_cache.write_text(json.dumps(cache), encoding="utf-8")
    for half in ("A", "B", None):
        chosen = [p for p in pages if half is None or p["half"] == half]
        print(f"\n## {'half ' + half if half else 'all pages'}")
        print(" | ".join(cols))
        for name in args.sets.split(","):
            res = summarise([p for p in chosen if p["set"] == name])
            print(" | ".join(
                name if c == "set" else str(res[c]) if c in ("pages", "errors") else
                f"{res[c]:.1f}" if c == "pages_per_s" else fmt(res[c]) for c in cols
            ), flush=True)
        res = summarise(chosen)
        print(" | ".join("overall" if c == "set" else str(res[c]) if c in ("pages", "errors") else
                         f"{res[c]:.1f}" if c == "pages_per_s" else fmt(res[c]) for c in cols))
    for half in ("A", "B", None):
        by_source: dict[str, list[bool]] = {}
        for p in pages:
            if p["date_from"] and (half is None or p["half"] == half):
                by_source.setdefault(p["date_from"][0], []).append(p["date_from"][1])
        print(f"date by where it was read ({'half ' + half if half else 'all'}): " + " | ".join(
            f"{source} {sum(v) / len(v):.3f} ({len(v)})"
            for source, v in sorted(by_source.items(), key=lambda kv: -len(kv[1]))))
    print(score_listings(args.limit))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
