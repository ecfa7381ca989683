"""Score common-word company names on real text with our own hand labels.

Two label files (training/labels/names_*.csv, row references only; the text is read from the
shared corpus at run time):

* ``names_business.csv``: real finance-news posts (news-labels, MIT) that contain a name such
  as "Apple", "Block" or "Gap" capitalised; ``business`` says whether the post names that
  company. Rows of ``*_train.csv`` tune, rows of ``*_valid.csv`` are held back.
  ``names_business_more.csv`` (the same columns, labelled in a later round) holds back its
  ``*_valid.csv`` rows and every ``*_train.csv`` row whose sha1 of ``file:row`` is odd, a rule
  fixed before those rows were read. ``names_business_fresh.csv`` (19 names no round tuned on,
  :data:`FRESH_NAMES`) is held back whole: only its aggregate figures are ever printed.
* ``names_prose.csv``: sentences of real pages (WCXB, Readability's test pages, and pages of
  the trafilatura, goose3 and postlight sets as tidings extracts them) that contain one of
  those words in any case; ``company`` says whether the sentence names the company. A page
  whose sha1 of ``set:page`` is odd is held back.

Every name is tracked bare (no context words, no ticker): the hard case a new user meets.
``learning_matcher`` adds what the tool learns without the user: context words learned
(analysis/namelearn.py) from every post of the news-labels files read as the store of a tool
that tracks these names. That reads the posts' text, never their labels, the way the tool reads
its own store; a post without a confirmed name teaches nothing, so a missed post never teaches
the word that finds it.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from tidings.analysis.commonwords import common_words
from tidings.analysis.mentions import MentionMatcher
from tidings.analysis.namelearn import learn_context
from tidings.analysis.sentences import sentence_spans
from tidings.models import Company

__all__ = [
    "FRESH_NAMES", "NameScores", "all_business_rows", "business_rows", "fresh_rows", "learning_matcher",
    "news_posts",
    "prose_pages", "prose_rows", "roster",
    "row_held_back", "score_business", "score_pages", "score_prose", "score_wcxb_bodies", "wcxb_bodies",
]

NAMES = (
    "Apple", "Block", "Shell", "Fox", "Ford", "Target", "Square", "Meta", "Snap", "Visa", "Gap",
    "Amazon", "Oracle", "Stripe", "Linear", "Notion", "Slack", "Delta", "Unity", "Carnival",
)
# The fresh held-back set (names_business_fresh.csv): names no earlier round tuned on.
FRESH_NAMES = (
    "Alphabet", "Ball", "Ally", "Sprint", "Match", "Zoom", "Snowflake", "Robinhood", "Caterpillar",
    "Progressive", "Root", "Affirm", "Paramount", "Lemonade", "Bumble", "Compass", "Southern", "Twitter",
    "Discovery",
)
BUSINESS_FILES = ("names_business.csv", "names_business_more.csv")
FRESH_FILE = "names_business_fresh.csv"
_NEWS_FOLDERS = {"topic": "twitter-financial-news-topic", "sent": "twitter-financial-news-sentiment"}
_EXTRACTED_SETS = ("trafilatura-eval", "goose3", "postlight-parser")


def roster(names: Iterable[str] = NAMES) -> list[Company]:
    """Each name as a bare company: no aliases, context words, tickers or domains."""
    return [Company(slug=n.lower(), name=n) for n in names]


def news_posts(corpus: Path) -> list[tuple[str, str]]:
    """Every post of the four news-labels files as a (title, body) pair, for learning."""
    posts = []
    for file in ("topic_train.csv", "topic_valid.csv", "sent_train.csv", "sent_valid.csv"):
        folder = _NEWS_FOLDERS[file.split("_")[0]]
        with (corpus / "news-labels" / folder / file).open(encoding="utf-8") as fh:
            posts.extend((r["text"], "") for r in csv.DictReader(fh))
    return posts


def learning_matcher(
    companies: list[Company], corpus: Path, **options: object
) -> tuple[MentionMatcher, dict[str, tuple[str, ...]]]:
    """A matcher with context words learned from every news-labels post, and those words."""
    learned = learn_context(companies, news_posts(corpus), **options)  # type: ignore[arg-type]
    return MentionMatcher(companies, learned=learned), learned


def is_common(name: str) -> bool:
    return name.lower() in common_words()


@dataclass(frozen=True)
class LabelledText:
    key: str  # file:row or set:page:offset
    name: str
    text: str
    positive: bool
    held_back: bool
    page: str = ""  # set:page for prose rows


def _sha(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def page_held_back(set_name: str, page: str) -> bool:
    return int(hashlib.sha1(f"{set_name}:{page}".encode()).hexdigest(), 16) % 2 == 1


def row_held_back(file: str, row: int | str) -> bool:
    """The later rounds' split: a sha1 of "file:row" that is odd holds the row back."""
    return int(hashlib.sha1(f"{file}:{row}".encode()).hexdigest(), 16) % 2 == 1


def all_business_rows(corpus: Path, folder: Path) -> list[LabelledText]:
    """Every labelled finance-news post of both business label files in ``folder``."""
    return [
        row for name in BUSINESS_FILES if (folder / name).exists()
        for row in business_rows(corpus, folder / name, hash_split=name != BUSINESS_FILES[0])
    ]


def fresh_rows(corpus: Path, folder: Path) -> list[LabelledText]:
    """The fresh held-back posts (``names_business_fresh.csv``, names in :data:`FRESH_NAMES`):
    every row held back, scored only to report."""
    path = folder / FRESH_FILE
    if not path.exists():
        return []
    return [replace(r, held_back=True) for r in business_rows(corpus, path)]


def business_rows(corpus: Path, labels: Path, *, hash_split: bool = False) -> list[LabelledText]:
    """The labelled finance-news posts, text read from ``corpus/news-labels``.

    ``hash_split``: also hold back the ``*_train.csv`` rows :func:`row_held_back` picks.
    """
    texts: dict[str, list[str]] = {}
    rows = []
    with labels.open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            file = rec["file"]
            if file not in texts:
                folder = _NEWS_FOLDERS[file.split("_")[0]]
                with (corpus / "news-labels" / folder / file).open(encoding="utf-8") as src:
                    texts[file] = [r["text"] for r in csv.DictReader(src)]
            row = int(rec["row"])
            rows.append(
                LabelledText(
                    key=f"{file}:{row}", name=rec["name"], text=texts[file][row],
                    positive=rec["business"] == "1",
                    held_back=file.endswith("_valid.csv") or (hash_split and row_held_back(file, row)),
                )
            )
    return rows


def wcxb_bodies(corpus: Path) -> dict[str, str]:
    gt = corpus / "wcxb" / "ground_truth.normalized.jsonl.gz"
    return {r["id"]: r["body"] for r in map(json.loads, gzip.open(gt, "rt")) if r.get("body")}


def _bodies(corpus: Path, set_name: str, pages: set[str]) -> dict[str, str]:
    if set_name == "wcxb":
        return wcxb_bodies(corpus)
    folder = corpus / "articles" / set_name
    gt = folder / "ground_truth.normalized.jsonl.gz"
    out: dict[str, str] = {}
    records = [r for r in map(json.loads, gzip.open(gt, "rt")) if r["id"] in pages]
    if set_name == "readability-test-pages":
        return {r["id"]: r["body"] for r in records if r.get("body")}
    from tidings.extract.page import extract_page  # only these sets need extraction

    for r in records:
        raw = gzip.open(folder / r["html"], "rb").read()
        page = extract_page(raw, r.get("url") or "http://example.invalid/", {})
        out[r["id"]] = page.text or ""
    return out


def prose_rows(corpus: Path, labels: Path) -> list[LabelledText]:
    """The labelled sentences; a sentence whose page text no longer holds it is skipped."""
    return prose_pages(corpus, labels)[0]


def prose_pages(corpus: Path, labels: Path) -> tuple[list[LabelledText], dict[str, str]]:
    """The labelled sentences and the text of their pages, keyed "set:page"."""
    with labels.open(encoding="utf-8") as fh:
        records = list(csv.DictReader(fh))
    wanted: dict[str, set[str]] = {}
    for rec in records:
        wanted.setdefault(rec["set"], set()).add(rec["page"])
    bodies: dict[tuple[str, str], str] = {}
    for set_name, pages in wanted.items():
        folder = "readability-test-pages" if set_name == "readability" else set_name
        for page, body in _bodies(corpus, folder, pages).items():
            bodies[(set_name, page)] = body
    sentences: dict[tuple[str, str], dict[str, str]] = {}
    rows = []
    for rec in records:
        where = (rec["set"], rec["page"])
        if where not in bodies:
            continue
        if where not in sentences:
            body = bodies[where]
            sentences[where] = {_sha(body[s:e]): body[s:e] for s, e in sentence_spans(body)}
        text = sentences[where].get(rec["sha1"])
        if text is None:
            continue
        rows.append(
            LabelledText(
                key=f"{rec['set']}:{rec['page']}:{rec['offset']}", name=rec["name"], text=text,
                positive=rec["company"] == "1", held_back=page_held_back(*where),
                page=f"{rec['set']}:{rec['page']}",
            )
        )
    return rows, {f"{k[0]}:{k[1]}": v for k, v in bodies.items()}


def score_pages(
    matcher: MentionMatcher, rows: Iterable[LabelledText], pages: dict[str, str]
) -> NameScores:
    """Whole pages: a page names a company when one of its labelled sentences does; the
    matcher reads the page's whole text (no title), as ingest would."""
    named: dict[tuple[str, str], bool] = {}
    for row in rows:
        key = (row.page, row.name.lower())
        named[key] = named.get(key, False) or row.positive
    scores = NameScores()
    found_cache: dict[str, set[str]] = {}
    for (page, slug), positive in sorted(named.items()):
        if page not in found_cache:
            found_cache[page] = {m.company for m in matcher.find("", pages[page])}
        scores.add(positive, slug in found_cache[page], f"{page} {slug}")
    return scores


@dataclass
class NameScores:
    """Counts over labelled rows: found / missed positives, false matches on negatives."""

    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    misses: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)

    def add(self, positive: bool, found: bool, what: str) -> None:
        if positive and found:
            self.tp += 1
        elif positive:
            self.fn += 1
            self.misses.append(what)
        elif found:
            self.fp += 1
            self.false.append(what)
        else:
            self.tn += 1

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def false_rate(self) -> float:
        return self.fp / (self.fp + self.tn) if self.fp + self.tn else 0.0

    def line(self, label: str) -> str:
        return (
            f"{label:<38} recall {self.recall:5.3f} ({self.tp}/{self.tp + self.fn})   "
            f"false {self.false_rate:6.2%} ({self.fp}/{self.fp + self.tn})"
        )


def _score(
    matcher: MentionMatcher, rows: Iterable[LabelledText], find: Callable[[MentionMatcher, str], set[str]]
) -> NameScores:
    scores = NameScores()
    for row in rows:
        found = row.name.lower() in find(matcher, row.text)
        scores.add(row.positive, found, f"{row.key} {row.name}: {row.text[:140]!r}")
    return scores


def score_business(matcher: MentionMatcher, rows: Iterable[LabelledText]) -> NameScores:
    """A post is a headline: the matcher reads it as the title of an article without a body."""
    return _score(matcher, rows, lambda m, text: {x.company for x in m.find(text, "")})


def score_prose(matcher: MentionMatcher, rows: Iterable[LabelledText]) -> NameScores:
    """A sentence on its own, as the body of an article without a title."""
    return _score(matcher, rows, lambda m, text: {x.company for x in m.find("", text)})


def score_wcxb_bodies(
    matcher: MentionMatcher, bodies: dict[str, str], prose: Iterable[LabelledText], *, held_back: bool
) -> tuple[int, int, list[str]]:
    """(pages with a false match, pages, what was falsely matched) over whole WCXB bodies.

    A match is false unless one of the page's labelled sentences names that company.
    """
    named: dict[str, set[str]] = {}
    for row in prose:
        if row.positive and row.page.startswith("wcxb:"):
            named.setdefault(row.page.removeprefix("wcxb:"), set()).add(row.name.lower())
    false_pages = 0
    pages = 0
    details = []
    for page, body in sorted(bodies.items()):
        if page_held_back("wcxb", page) != held_back:
            continue
        pages += 1
        wrong = [m.company for m in matcher.find("", body) if m.company not in named.get(page, set())]
        if wrong:
            false_pages += 1
            details.append(f"{page}: {', '.join(wrong)}")
    return false_pages, pages, details
