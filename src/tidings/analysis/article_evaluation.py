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

Feed items can also be read the way a user who follows a company's own blog configures it: the
feeds of :data:`FEED_OWNERS` (decided per feed from the feed's own title and link, never from the
item labels) are that company's sources (:func:`owner_sources`, given to :func:`read_feed_items`
and :func:`roster`), so a fetch stores their items as the company's and analysis may read them as
its own posts.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from tidings.analysis.ingest import Analyzer
from tidings.analysis.news_labels import KindTable, gives_point
from tidings.errors import ExtractionError, FetchError
from tidings.extract.page import extract_page
from tidings.models import Company, SourceConfig
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
    source_url: str = ""  # the configured source it came from ("" when no company owns it)


@dataclass(frozen=True)
class FeedOwner:
    """The company a captured feed belongs to, as a user following it would configure it."""

    company: str
    aliases: tuple[str, ...] = ()
    kind: str = "feed"  # "search": a news search for the company, not its own posts


# Captured feeds that are a company's own posts (blog, changelog, channel, newsroom), or a news
# search for one, decided from each feed's title and link alone (bench/analysis_articles.py
# --owners prints them). Left out: the press (TechCrunch, Macworld, Ars Technica...), personal
# blogs and podcasts, public bodies (NASA, courts), open-source projects (Debian, QEMU, feed-rs,
# Feedjira, miniflux, matrix.org), Apple's film-trailer listing (films, not Apple's news) and
# feeds with neither title nor link.
FEED_OWNERS: dict[str, FeedOwner] = {
    "feed-rs-fixtures/atom/atom_example_3.xml": FeedOwner("Akamai"),  # The Akamai Blog
    "feed-rs-fixtures/atom/atom_example_4.xml": FeedOwner("ebm-papst"),  # ebm-papst product news
    "feed-rs-fixtures/jsonfeed/jsonfeed_elastic_1.1.json": FeedOwner("InfluxData"),  # Blog - InfluxData
    "feed-rs-fixtures/rss2/rss_2.0_ch9.xml": FeedOwner("Microsoft"),  # Azure Friday, Channel 9
    "feed-rs-fixtures/rss2/rss_2.0_cloudflare.xml": FeedOwner("Cloudflare"),  # The Cloudflare Blog
    "feed-rs-fixtures/rss2/rss_2.0_dbengines.xml": FeedOwner("DB-Engines"),  # DB-Engines.com Blog
    "feed-rs-fixtures/rss2/rss_2.0_element_io.xml": FeedOwner("Element"),  # Element Blog, element.io
    "feed-rs-fixtures/rss2/rss_2.0_ghost_2.xml": FeedOwner("Ghost"),  # Changelog, ghost.org
    "feed-rs-fixtures/rss2/rss_2.0_vimeo_media.xml": FeedOwner("Failla Wines"),  # its Vimeo videos
    "feedjira-sample-feeds/AmazonWebServicesBlog.xml": FeedOwner("AWS", ("Amazon Web Services",)),
    "feedjira-sample-feeds/GiantRobotsSmashingIntoOtherGiantRobots.xml": FeedOwner("thoughtbot"),
    "feedjira-sample-feeds/TypePadNews.xml": FeedOwner("Typepad"),  # Everything Typepad
    "feedjira-sample-feeds/atom_with_link_tag_for_url_unmarked.xml": FeedOwner("innoQ"),  # Planet innoQ
    "feedjira-sample-feeds/google_alerts_atom.xml": FeedOwner("Slack", kind="search"),  # Google Alert - Slack
    "feedjira-sample-feeds/youtube_atom.xml": FeedOwner("Google"),  # youtube.com/user/Google
    "netnewswire-rsparser-resources/489.rss": FeedOwner("Hodl Hodl"),  # Stories by Hodl Hodl on Medium
    "netnewswire-rsparser-resources/cloudblog.rss": FeedOwner("Google Cloud"),  # cloud.google.com/blog
    "netnewswire-rsparser-resources/draw-down.atom": FeedOwner("Draw Down"),  # draw-down.com shop
    "netnewswire-rsparser-resources/phpxml.rss": FeedOwner("FC Utrecht"),  # fcutrecht.net news
    "netnewswire-rsparser-resources/theomnishow.rss": FeedOwner("Omni Group"),  # theomnishow.omnigroup.com
}


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


def read_feed_items(
    corpus: Path, labels: Iterable[ArticleLabel], sources: Mapping[str, str] | None = None
) -> list[LabelledPage]:
    """Each labelled feed item as a fetch stores it: tidings' parse of the feed file, the entry
    turned into an article, its body (the feed's full content) or else its summary as the text,
    as analysis reads a stored entry. Items of feeds tidings refuses are left out. ``sources``
    (:func:`owner_sources`) says which feeds are a company's source, by their configured URL."""
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
        source = (sources or {}).get(set_name, "")
        for index, label in sorted(by_index.items()):
            if index >= len(feed.entries):
                continue
            entry = feed.entries[index]
            article = article_from_entry(entry, source_url=url, company="", fetched_at=FETCHED_AT)
            if article is not None:
                items.append(
                    LabelledPage(label, article.title, article.body or article.summary, article.url, source)
                )
    return items


def owner_sources(corpus: Path) -> dict[str, str]:
    """The URL a user would configure for each feed of :data:`FEED_OWNERS`: the feed's own site
    link (blog.cloudflare.com, medium.com/@hodlhodl), as a user copies it, else its file."""
    urls = {}
    for set_name in FEED_OWNERS:
        url = FEED_URL + set_name
        try:
            link = parse_feed((corpus / "feeds" / set_name).read_bytes(), url).link
        except (FetchError, OSError):
            continue
        urls[set_name] = link if link and link.startswith(("http://", "https://")) else url
    return urls


def roster(
    labels: Iterable[ArticleLabel], sources: Mapping[str, str] | None = None, mark_own: bool = False
) -> list[Company]:
    """Every labelled company, tracked by its name alone. With ``sources`` (:func:`owner_sources`),
    each feed of :data:`FEED_OWNERS` there becomes a source of its company (tracked too when no
    label names it; a labelled company named as the owner or one of its aliases is that one).
    The source is the company's own as its URL says, or, with ``mark_own``, because the user
    marked it ``own = true`` (every owner but a news search)."""
    names = sorted({label.company for label in labels if label.company})
    companies = {name: Company(slug=slugify(name), name=name) for name in names}
    if not sources:
        return list(companies.values())
    by_name = {n.casefold(): n for n in names}
    for set_name, url in sorted(sources.items()):
        owner = FEED_OWNERS[set_name]
        known = next(
            (by_name[n.casefold()] for n in (owner.company, *owner.aliases) if n.casefold() in by_name), None
        )
        name = known or owner.company
        company = companies.get(name) or Company(slug=slugify(name), name=name)
        own = True if mark_own and owner.kind != "search" else None
        source = SourceConfig(url=url, company=company.slug, kind=owner.kind, own=own)
        companies[name] = replace(
            company,
            aliases=tuple(
                dict.fromkeys((*company.aliases, *(n for n in (owner.company, *owner.aliases) if n != name)))
            ),
            sources=(*company.sources, source),
        )
    return list(companies.values())


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
    good_pages: int = 0  # labelled with a kind that is not sensitive, tone good or neutral
    good_points: int = 0  # of those, the ones giving a talking point (good news kept)
    good_toned_bad: int = 0  # of those, found with a kind that is not sensitive, yet no point (tone)

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


def is_good_news(label: ArticleLabel, sensitive: frozenset[str]) -> bool:
    """Whether a label reports good news a candidate may raise: a kind that is not sensitive,
    with tone good or neutral."""
    return label.tone in ("good", "neutral") and any(k not in sensitive for k in label.kinds)


def score_articles(
    pages: Iterable[LabelledPage],
    companies: Sequence[Company],
    sensitive: frozenset[str],
    analyser: Callable[[Sequence[Company]], Analyzer] = Analyzer,
) -> ArticleScores:
    """Run the analysis over every page with all labelled companies tracked, and count."""
    analysis = analyser(companies)
    slugs = {c.name: c.slug for c in companies}
    # A fetch stores each article with the company of the source it came from.
    owners = {s.url: c.slug for c in companies for s in c.sources}
    scores = ArticleScores({}, {}, {})
    for page in pages:
        scores.pages += 1
        label = page.label
        if not label.company:
            continue
        slug = slugs[label.company]
        mentions, events, _ = analysis.analyse_article(
            page.title, page.text, page.url, owners.get(page.source_url), page.source_url or None
        )
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
        elif is_good_news(label, sensitive):
            # The other side of the tone gate: a gate that turns prose good news bad loses these.
            scores.good_pages += 1
            point = gives_point(own, sensitive)
            scores.good_points += point
            # Lost to the tone gate rather than to a missed kind: what a tone change moves.
            scores.good_toned_bad += not point and any(e.kind not in sensitive for e in own)
    return scores
