"""Score article extraction against the shared corpus's ground truth.

    python bench/extraction.py [--limit N] [--body trafilatura|rules] [--compare]

Per set: title accuracy (exact after whitespace/case normalisation) against the set's ground
truth, which for some sets is the SEO <title> ("Headline | Site": readability, WCXB) rather than
what a reader sees; "headline" scores the same title against the page's own visible headline
where the page establishes it unambiguously (an h1 equal to the JSON-LD headline, or the only h1,
repeated in og:title or <title>); date accuracy (same
calendar day; a ground truth written as a zoned instant is compared in its own zone), body
token F1 (median) where a full body is given, prefix-token recall for
body_prefix / body_first_words, `with` hit-rate and `without` avoidance for snippet sets,
extraction errors, and pages per second. --compare also scores htmldate's dates and the
other body method on the same pages (their time is not counted in pages/s).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
import warnings
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tidings.errors import ExtractionError
from tidings.extract.body import extract_body_rules, extract_body_trafilatura
from tidings.extract.links import article_anchors
from tidings.extract.metadata import clean_text, jsonld_objects, meta_map
from tidings.extract.page import extract_page, parse_html

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


def same_day(got: datetime | None, want: str) -> bool:
    """Same calendar day. A ground truth written as an instant with a zone ("...T02:30:57Z",
    postlight converts every date to UTC) is compared in its own zone, so the same instant
    written at the page's offset is not a miss; a plain date is compared with the page's day."""
    if got is None:
        return False
    if "T" in want:
        try:
            instant = datetime.fromisoformat(want.replace("Z", "+00:00"))
        except ValueError:
            instant = None
        if instant is not None and instant.tzinfo is not None:
            return got.astimezone(instant.tzinfo).date() == instant.date()
    return got.date().isoformat() == want[:10]


def headers_for(name: str) -> dict[str, str]:
    # WCXB pages were re-encoded as UTF-8 upstream, whatever their <meta> still says.
    return {"Content-Type": "text/html; charset=utf-8"} if name == "wcxb-articles" else {}


def score_set(name: str, folder: str, limit: int | None, body_method: str,
              compare: bool) -> dict[str, Any]:
    rows = records(name, folder)[:limit] if limit else records(name, folder)
    s: dict[str, Any] = {k: [] for k in ("title", "headline", "date", "f1", "prefix", "with", "without",
                                         "date_htmldate", "f1_other", "prefix_other",
                                         "with_other", "date_by_source")}
    errors, elapsed, now = 0, 0.0, datetime.now(UTC)
    other = "rules" if body_method == "trafilatura" else "trafilatura"
    for r in rows:
        raw = gzip.open(CORPUS / folder / r["html"], "rb").read()
        url = r.get("url") or "http://fakehost/test/page.html"
        start = time.perf_counter()
        try:
            page = extract_page(raw, url, headers_for(name), now=now, body_method=body_method)
            title, text = page.title, page.text
            published, published_from = page.published, page.published_from or "none"
        except ExtractionError:
            errors += 1
            title, text, published, published_from = None, "", None, "refused"
        elapsed += time.perf_counter() - start
        if r.get("title"):
            s["title"].append(norm(title) == norm(r["title"]))
        headline = visible_headline(raw, name)
        if headline:
            s["headline"].append(norm(title) == norm(headline))
        if r.get("published"):
            s["date"].append(same_day(published, r["published"]))
            s["date_by_source"].append((published_from, s["date"][-1]))
        _score_body(s, r, text, "")
        if compare:
            if r.get("published"):
                s["date_htmldate"].append(_htmldate(raw, url, name, now) == r["published"][:10])
            if any(r.get(k) for k in ("body", "body_prefix", "body_first_words", "with")):
                _score_body(s, r, _other_body(raw, url, name, other), "_other")
    out: dict[str, Any] = {"set": name, "pages": len(rows), "errors": errors,
                           "pages_per_s": len(rows) / elapsed if elapsed else 0.0,
                           "date_by_source": s["date_by_source"]}
    for key in ("title", "headline", "date", "date_htmldate", "with", "without", "prefix", "prefix_other",
                "with_other"):
        out[key] = (sum(s[key]) / len(s[key]), len(s[key])) if s[key] else None
    for key in ("f1", "f1_other"):
        out[key] = (statistics.median(s[key]), len(s[key])) if s[key] else None
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="pages per set")
    parser.add_argument("--body", choices=["trafilatura", "rules"], default="trafilatura")
    parser.add_argument("--compare", action="store_true", help="also score htmldate and the "
                        "other body method")
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated set names")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 1
    cols = ["set", "pages", "errors", "title", "headline", "date", "f1", "prefix", "with", "without",
            "pages_per_s"]
    if args.compare:
        cols[6:6] = ["date_htmldate"]
        cols += ["f1_other", "prefix_other", "with_other"]
    results = []
    print("title: vs the set's ground truth; headline: vs the page's own visible headline "
          "(h1 = JSON-LD headline, or the only h1 echoed by og:title/<title>)")
    print(" | ".join(cols))
    for name in args.sets.split(","):
        res = score_set(name, SETS[name], args.limit, args.body, args.compare)
        results.append(res)
        print(" | ".join(
            str(res[c]) if c in ("set", "pages", "errors") else
            f"{res[c]:.1f}" if c == "pages_per_s" else fmt(res[c]) for c in cols
        ), flush=True)
    total_pages = sum(r["pages"] for r in results)
    total_time = sum(r["pages"] / r["pages_per_s"] for r in results if r["pages_per_s"])

    def pooled(key: str) -> str:
        parts = [r[key] for r in results if r.get(key)]
        n = sum(p[1] for p in parts)
        return f"{sum(p[0] * p[1] for p in parts) / n:.3f} ({n})" if n else "-"

    print(f"overall: pages={total_pages} title={pooled('title')} "
          f"headline={pooled('headline')} date={pooled('date')} "
          f"with={pooled('with')} without={pooled('without')} "
          f"pages/s={total_pages / total_time if total_time else 0:.1f}"
          + (f" date_htmldate={pooled('date_htmldate')}" if args.compare else ""))
    by_source: dict[str, list[bool]] = {}
    for res in results:
        for source, right in res["date_by_source"]:
            by_source.setdefault(source, []).append(right)
    print("date by where it was read: " + " | ".join(
        f"{source} {sum(v) / len(v):.3f} ({len(v)})"
        for source, v in sorted(by_source.items(), key=lambda kv: -len(kv[1]))))
    print(score_listings(args.limit))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
