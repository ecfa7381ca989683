"""Developments measured on whole real articles (headline, lead and body) nobody on the team wrote.

The finance-news posts of ``news_labels`` are headlines; what users fetch are pages. The team's
hand labels in ``training/labels/article_kinds.csv`` name, for real pages of the shared corpus
(``../shared/corpus``: article sets under Apache-2.0 / MIT, see its README), the company each
article is mainly about and the kinds its headline or lead reports for it. Only row references
are kept (set, page id); the page is read from the corpus and extracted by tidings itself, so the
measure covers extraction and analysis together, as a fetch does.

Every labelled company is tracked at once, by its name alone (no aliases or context words),
the way a new user configures a company. A page counts (kind by kind) where its labelled company
has a development of that kind; events of other companies on the page are not judged.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tidings.analysis.ingest import Analyzer
from tidings.analysis.news_labels import KindTable, gives_point
from tidings.errors import ExtractionError, FetchError
from tidings.extract.page import extract_page
from tidings.models import Company
from tidings.sources.normalize import article_from_entry
from tidings.syndication.feed_parser import parse_feed
from tidings.workspace.config import slugify

SET_FOLDERS = {
    "trafilatura-eval": "articles/trafilatura-eval",
    "htmldate-eval": "articles/htmldate-eval",
    "postlight-parser": "articles/postlight-parser",
    "goose3": "articles/goose3",
    "readability-test-pages": "articles/readability-test-pages",
    "wcxb": "wcxb",
}
READABILITY_URL = "http://fakehost/test/page.html"


@dataclass(frozen=True)
class ArticleLabel:
    """The team's label of one corpus page: its company ("" for none) and the kinds reported."""

    set_name: str
    page_id: str
    company: str
    kinds: tuple[str, ...]
    tone: str

    @property
    def held_back(self) -> bool:
        """Pages with an odd sha1 of ``set:id`` are reported, never tuned on (fixed before labelling)."""
        return hashlib.sha1(f"{self.set_name}:{self.page_id}".encode()).digest()[-1] % 2 == 1


@dataclass(frozen=True)
class FeedLabel(ArticleLabel):
    """The team's label of one feed item (``page_id`` is its 0-based index in tidings' parse)."""

    @property
    def held_back(self) -> bool:
        """Items with an odd sha1 of ``set#id`` are reported, never tuned on (fixed before labelling)."""
        return int(hashlib.sha1(f"{self.set_name}#{self.page_id}".encode()).hexdigest(), 16) % 2 == 1


@dataclass(frozen=True)
class LabelledPage:
    label: ArticleLabel
    title: str
    text: str
    url: str


def load_article_labels(path: Path, label: type[ArticleLabel] = ArticleLabel) -> list[ArticleLabel]:
    """The rows of a label file (article_kinds.csv, or feed_kinds.csv with ``label=FeedLabel``)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    labels = []
    for row in rows:
        company = row["company"].strip()
        kinds = tuple(k for k in row["kinds"].split(";") if k and k != "none")
        labels.append(label(row["set"], row["id"], "" if company == "-" else company, kinds, row["tone"]))
    return labels


def read_pages(corpus: Path, labels: Iterable[ArticleLabel]) -> list[LabelledPage]:
    """Each labelled page extracted by tidings; pages tidings refuses are left out."""
    wanted = {(label.set_name, label.page_id): label for label in labels}
    pages = []
    for set_name, folder in SET_FOLDERS.items():
        truth = corpus / folder / "ground_truth.normalized.jsonl.gz"
        if not truth.exists():
            continue
        with gzip.open(truth, "rt", encoding="utf-8") as handle:
            records = [json.loads(line) for line in handle]
        for record in records:
            label = wanted.get((set_name, record["id"]))
            if label is None:
                continue
            url = record.get("url") or READABILITY_URL
            try:
                page = extract_page(gzip.open(corpus / folder / record["html"], "rb").read(), url)
            except (ExtractionError, OSError):
                continue
            pages.append(LabelledPage(label, page.title or "", page.text or "", url))
    return pages


FEED_URL = "http://fakehost/feeds/"  # feeds are files here: relative links resolve under it
FETCHED_AT = datetime(2030, 1, 1, tzinfo=UTC)  # after every item, so no date is refused


def read_feed_items(corpus: Path, labels: Iterable[ArticleLabel]) -> list[LabelledPage]:
    """Each labelled feed item as a fetch stores it: tidings' parse of the feed file, the entry
    turned into an article, its body (the feed's full content) or else its summary as the text,
    as analysis reads a stored entry. Items of feeds tidings refuses are left out."""
    wanted: dict[str, dict[int, ArticleLabel]] = {}
    for label in labels:
        wanted.setdefault(label.set_name, {})[int(label.page_id)] = label
    items = []
    for set_name, by_index in sorted(wanted.items()):
        url = FEED_URL + set_name
        try:
            feed = parse_feed((corpus / "feeds" / set_name).read_bytes(), url)
        except (FetchError, OSError):
            continue
        for index, label in sorted(by_index.items()):
            if index >= len(feed.entries):
                continue
            entry = feed.entries[index]
            article = article_from_entry(entry, source_url=url, company="", fetched_at=FETCHED_AT)
            if article is not None:
                items.append(LabelledPage(label, article.title, article.body or article.summary, article.url))
    return items


def roster(labels: Iterable[ArticleLabel]) -> list[Company]:
    """Every labelled company, tracked by its name alone."""
    names = sorted({label.company for label in labels if label.company})
    return [Company(slug=slugify(name), name=name) for name in names]


@dataclass
class ArticleScores:
    """Per-kind counts over (page, kind) pairs of each page's own company, plus its mention rate."""

    tp: dict[str, int]
    fp: dict[str, int]
    fn: dict[str, int]
    pages: int = 0
    named: int = 0
    found: int = 0
    bad_pages: int = 0
    bad_points: int = 0

    def kind_table(self, kinds: Iterable[str]) -> KindTable:
        """The counts as a per-kind table (a page's kinds are scored one by one)."""
        names = tuple(k for k in kinds if k != "none")
        tp, fp, fn = ({k: counts.get(k, 0) for k in names} for counts in (self.tp, self.fp, self.fn))
        return KindTable(names, tp, fp, fn, {k: tp[k] + fn[k] for k in names})

    def f1(self) -> float:
        """Micro F1 over every kind counted."""
        return self.kind_table({*self.tp, *self.fp, *self.fn}).f1()

    def table(self, kinds: Sequence[str]) -> str:
        return self.kind_table(kinds).table()


def score_articles(
    pages: Iterable[LabelledPage],
    companies: Sequence[Company],
    sensitive: frozenset[str],
    analyser: Callable[[Sequence[Company]], Analyzer] = Analyzer,
) -> ArticleScores:
    """Run the analysis over every page with all labelled companies tracked, and count."""
    analysis = analyser(companies)
    slugs = {c.name: c.slug for c in companies}
    scores = ArticleScores({}, {}, {})
    for page in pages:
        scores.pages += 1
        label = page.label
        if not label.company:
            continue
        slug = slugs[label.company]
        mentions, events = analysis.analyse(page.title, page.text, page.url)
        scores.named += 1
        scores.found += any(m.company == slug for m in mentions)
        own = [e for e in events if e.company == slug]
        found_kinds = {e.kind for e in own}
        for kind in found_kinds | set(label.kinds):
            bucket = scores.tp if kind in found_kinds and kind in label.kinds else (
                scores.fp if kind in found_kinds else scores.fn
            )
            bucket[kind] = bucket.get(kind, 0) + 1
        if label.tone == "bad":
            scores.bad_pages += 1
            scores.bad_points += gives_point(own, sensitive)
    return scores
