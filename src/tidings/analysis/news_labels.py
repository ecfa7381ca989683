"""Real finance-news posts with human labels, mapped onto tidings kinds and tones.

Reads the two MIT-licensed sets under ``../shared/corpus/news-labels/`` (topic and sentiment
labels) and the team's own hand labels (``training/labels/topic_kinds.csv``, row references
only). Shared by the training script, ``bench/analysis_core.py`` and the tests, so all three
read the same gold. ``topic_train.csv`` / ``sent_train.csv`` are for tuning; ``topic_valid.csv``
/ ``sent_valid.csv`` are held back: report on them, never tune on them.

A post is scored as the headline of an article about the post's subject company: the leading
name of the post (after cashtags and wire prefixes), see :func:`post_subject`.
"""

from __future__ import annotations

import csv
import html
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tidings.analysis.commonwords import common_words
from tidings.analysis.headlines import LEAD_TAGS_RE, TRAIL_RE, WIRE_RE
from tidings.analysis.mentions import Mention
from tidings.analysis.sentences import sentence_spans
from tidings.models import Company

__all__ = [
    "TOPIC_KINDS",
    "LabelledPost",
    "gives_point",
    "clean_post",
    "load_hand_labels",
    "load_sentiment_kinds",
    "load_sentiment_posts",
    "load_topic_posts",
    "held_back_texts",
    "training_texts",
    "twin_key",
    "without_twins",
    "post_article",
    "post_subject",
]

TOPIC_DIR = "twitter-financial-news-topic"
SENT_DIR = "twitter-financial-news-sentiment"
# Topic id -> kind; None: the team's hand label decides (rows without one are left out).
# 13 "M&A | Investments" holds acquisitions and funding alike, 2 "Company | Product News" holds
# every kind: both need the hand label.
TOPIC_KINDS: dict[int, str | None] = {
    5: "earnings", 17: "leadership", 12: "legal", 11: "funding", 13: None, 2: None,
}
SENTIMENT_TONES = {0: "bad", 1: "good", 2: "neutral"}


@dataclass(frozen=True)
class LabelledPost:
    """One real post and its gold: kind (``none`` for no development) and, when known, tone.

    ``sentiment`` is the sentiment set's own market label of the row (``bad`` for bearish,
    ``good`` for bullish, ``neutral``), kept beside a hand ``tone`` that may differ from it.
    """

    file: str
    row: int
    text: str
    kind: str
    tone: str | None
    topic: int | None = None
    sentiment: str | None = None


def _rows(path: Path) -> list[tuple[str, int]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [(r["text"], int(r["label"])) for r in csv.DictReader(handle)]


def load_hand_labels(path: Path) -> dict[tuple[str, int], tuple[str, str]]:
    """(file, row) -> (kind, tone) from the team's hand-label CSV."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {(r["file"], int(r["row"])): (r["kind"], r["tone"]) for r in csv.DictReader(handle)}


def load_topic_posts(corpus: Path, labels: Path, split: str) -> list[LabelledPost]:
    """The topic set's ``split`` ("train" or "valid") with gold kinds (unlabelled 2/13 rows left out)."""
    name = f"topic_{split}.csv"
    hand = load_hand_labels(labels)
    posts = []
    for row, (text, topic) in enumerate(_rows(corpus / TOPIC_DIR / name)):
        tone: str | None = None
        if topic in TOPIC_KINDS and TOPIC_KINDS[topic] is None:
            if (name, row) not in hand:
                continue
            kind, tone = hand[(name, row)]
        else:
            kind = TOPIC_KINDS.get(topic) or "none"
            if (name, row) in hand:
                kind, tone = hand[(name, row)]
        posts.append(LabelledPost(name, row, text, kind, tone, topic))
    return posts


def load_sentiment_posts(corpus: Path, split: str, labels: Path | None = None) -> list[LabelledPost]:
    """The sentiment set's ``split``: bearish -> bad, bullish -> good, neutral -> neutral.

    With ``labels`` (the team's hand labels of sentiment rows), a hand-labelled row's tone is the
    hand tone ("would a candidate be wrong to praise it?") instead of the market's; ``sentiment``
    keeps the market's label either way. Kinds stay ``none`` here: an unlabelled row's kind is
    not known (:func:`load_sentiment_kinds` gives the labelled rows with their kinds).
    """
    name = f"sent_{split}.csv"
    hand = load_hand_labels(labels) if labels else {}
    posts = []
    for row, (text, label) in enumerate(_rows(corpus / SENT_DIR / name)):
        market = SENTIMENT_TONES[label]
        tone = hand[(name, row)][1] if (name, row) in hand else market
        posts.append(LabelledPost(name, row, text, "none", tone, sentiment=market))
    return posts


def load_sentiment_kinds(corpus: Path, labels: Path, split: str = "train") -> list[LabelledPost]:
    """The hand-labelled rows of the sentiment set's ``split``, with their hand kind and tone,
    in the order the label file lists them."""
    name = f"sent_{split}.csv"
    hand = load_hand_labels(labels)
    labelled = [(row, kind, tone) for (file, row), (kind, tone) in hand.items() if file == name]
    rows = _rows(corpus / SENT_DIR / name) if labelled else []
    return [
        LabelledPost(name, row, rows[row][0], kind, tone, sentiment=SENTIMENT_TONES[rows[row][1]])
        for row, kind, tone in labelled
    ]


_URL_RE = re.compile(r"https?://\S+")
_NOT_WORD_RE = re.compile(r"[\W_]+")


def clean_post(text: str) -> str:
    """The post as headline text: entities decoded, links, leading cashtags and wire tags removed."""
    text = html.unescape(text)
    text = _URL_RE.sub(" ", text)
    text = TRAIL_RE.sub("", text.strip())
    text = LEAD_TAGS_RE.sub("", text)
    text = WIRE_RE.sub("", text.strip())
    return re.sub(r"\s+", " ", text).strip()


def twin_key(text: str) -> str:
    """What two posts share when they are the same post: the cleaned text (:func:`clean_post`),
    case folded, with every run of punctuation and spaces read as one space (the model's
    features do not see the difference)."""
    return _NOT_WORD_RE.sub(" ", clean_post(text).casefold()).strip()


def training_texts(corpus: Path) -> frozenset[str]:
    """The :func:`twin_key` of every post of both training splits (topic_train.csv,
    sent_train.csv): what the kinds and tone models may have learned."""
    paths = (corpus / TOPIC_DIR / "topic_train.csv", corpus / SENT_DIR / "sent_train.csv")
    return frozenset(twin_key(text) for path in paths for text, _ in _rows(path))


def held_back_texts(corpus: Path) -> frozenset[str]:
    """The :func:`twin_key` of every post of both held-back splits (topic_valid.csv,
    sent_valid.csv): training drops its posts that are one of these, so that no held-back
    figure is scored on a post a model learned."""
    paths = (corpus / TOPIC_DIR / "topic_valid.csv", corpus / SENT_DIR / "sent_valid.csv")
    return frozenset(twin_key(text) for path in paths for text, _ in _rows(path))


def without_twins(posts: Iterable[LabelledPost], seen: frozenset[str]) -> list[LabelledPost]:
    """The posts whose :func:`twin_key` is not in ``seen`` (:func:`training_texts`).

    The two sets repeat posts under other links, cashtags, wire tags or capitals, so a held-back
    post can be the very text a model trained on; a figure scored on these is partly in-sample.
    """
    return [post for post in posts if twin_key(post.text) not in seen]


# Words that end a company name only when they are not one of these name words.
_NAME_WORDS = frozenset(
    "inc inc. corp corp. co co. ltd ltd. plc llc ag sa se nv group holdings holding bank banks "
    "motor motors technologies technology systems labs energy capital airlines airways brands "
    "financial partners company international global pharmaceuticals pharma therapeutics "
    "communications networks software semiconductor entertainment foods resources industries "
    "services solutions health healthcare medical bio biosciences robotics media studios air "
    "american first general united national royal new china chinese japan british".split()
)
_WORD_RE = re.compile(r"[^\s,;:()\"“”]+")
# A headline opening with one of these has no company subject.
_NOT_SUBJECTS = frozenset(
    "the a an this that these those it its here there more why how what when where who which "
    "watch latest new top our my your we you i they he she one some all".split()
)
_NAME_ENDS = frozenset(",:;(")
_ACRONYM_STOPS = frozenset("GAAP EPS CEO CFO COO CTO IPO Q1 Q2 Q3 Q4 FY H1 H2 US UK EU".split())


_INFLECTIONS = (("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"))


def _is_common(word: str, words: frozenset[str]) -> bool:
    lower = word.lower()
    if lower in words:
        return True
    # "Announces", "Awarded", "Welcomes": inflections of common words are common too.
    for suffix, repl in _INFLECTIONS:
        if lower.endswith(suffix) and lower[: -len(suffix)] + repl in words:
            return True
    return False


# A newsroom's label before the headline proper ("WATCH: ", "Live news updates: ", "WSJ: ",
# "Exclusive-"): a closed class of kickers and wire or outlet tags, not the subject.
_KICKER_RE = re.compile(
    r"^(?:(?:watch|listen(?: now)?|latest|breaking(?: news)?|just in|icymi|live(?: news)?(?: updates?)?|"
    r"exclusive|update(?: \d+)?|opinion|analysis|explainer|highlights?|earlier|look|recap|more|new|"
    r"correction|corrected|insight|focus|factbox|wrapup(?: \d+)?|brief|video|podcast|chart|poll|"
    r"report|reuters|rtrs|bloomberg|wsj|cnbc|ft|ap|axios|barron['’]s|dj|dow jones|marketwatch)"
    r"\s*(?::|[-–—]\s*(?=[A-Z]))\s*)+",
    re.IGNORECASE,
)


def _name_start(word: str) -> bool:
    """A word that may begin a name: capitalised, a figure, or camel case ("loanDepot")."""
    return bool(word) and (
        word[0].isupper() or word[0].isdigit() or (len(word) > 1 and word[1].isupper())
        or (word[0].islower() and any(c.isupper() for c in word[1:]) and word.isalnum())
    )


def post_subject(text: str) -> str | None:
    """The company a headline leads with: its first capitalised words ("Spirit AeroSystems").

    A following capitalised word joins the name unless it is a common English word (title-case
    headlines: "UnitedLex Launches ...") that is not a usual part of company names ("Motor").
    A newsroom's kicker before it ("WATCH:", "Live news updates:", "WSJ:") is skipped; a name
    may be written in camel case from a small letter ("loanDepot").
    """
    text = _KICKER_RE.sub("", text)
    words = common_words()
    parts: list[str] = []
    for m in _WORD_RE.finditer(text):
        word = m.group()
        bare = word.rstrip(".'’").removesuffix("'s").removesuffix("’s")
        if not _name_start(bare):
            break
        if not parts and bare.lower() in _NOT_SUBJECTS:
            return None
        common = _is_common(bare, words) and bare.lower() not in _NAME_WORDS
        if parts and (bare in _ACRONYM_STOPS or common):
            break
        parts.append(bare)
        # "BankUnited, Inc. Reports ...", "Medtronic: FDA clears ...", "CSX Corporation (CSX) CEO
        # ...": punctuation ends the name, which must read as it stands in the headline for the
        # analysis to find it there.
        if bare != word or len(parts) == 4 or text[m.end() :].lstrip(" ")[:1] in _NAME_ENDS:
            break
    name = " ".join(parts).strip()
    return name or None


def post_article(text: str) -> tuple[str, str, Company | None]:
    """(headline, body, subject company) for a post: first sentence as headline, rest as body."""
    clean = clean_post(text)
    spans = sentence_spans(clean)
    if spans:
        title = clean[spans[0][0] : spans[0][1]].strip()
        body = clean[spans[0][1] :].strip()
    else:
        title, body = clean, ""
    name = post_subject(title)
    if not name:
        return title, body, None
    slug = re.sub(r"\W+", "-", name.lower()).strip("-") or "subject"
    return title, body, Company(slug=slug, name=name)


def subject_mention(company: Company, title: str) -> Mention:
    """The subject as a mention in the headline (the matcher's common-word rules are not measured here)."""
    return Mention(company=company.slug, in_title=True, count=1, snippet=title[:300])


@dataclass(frozen=True)
class PostOutcome:
    """What the analysis made of one post: top kind of its subject, tone, and whether it is a point."""

    kind: str
    tone: str
    point: bool


def classify_posts(
    posts: Iterable[LabelledPost],
    classify: Callable[..., Sequence],
    sensitive: frozenset[str],
) -> list[PostOutcome]:
    """Run ``classify`` (``classify_events``' signature) on each post as a one-company article.

    The post's kind is its subject's most confident event ("none" without one); the post becomes
    a talking point when any of its subject's events has a non-sensitive kind and a tone that is
    not bad (the rule intel/points.py applies).
    """
    outcomes = []
    for post in posts:
        title, body, company = post_article(post.text)
        if company is None:
            outcomes.append(PostOutcome("none", "neutral", False))
            continue
        events = classify(title, body, [subject_mention(company, title)], {company.slug: company})
        if not events:
            outcomes.append(PostOutcome("none", "neutral", False))
            continue
        top = events[0]
        tone = "bad" if top.sensitive else getattr(top, "tone", "neutral")
        outcomes.append(PostOutcome(top.kind, tone, gives_point(events, sensitive)))
    return outcomes


def gives_point(events: Iterable, sensitive: frozenset[str]) -> bool:
    """Whether any of these events would become a talking point (the rule intel/points.py
    applies: a kind that is not sensitive, with a tone that is not bad)."""
    return any(
        e.kind not in sensitive and not e.sensitive and getattr(e, "tone", "neutral") != "bad"
        for e in events
    )


@dataclass
class KindTable:
    """Per-kind precision, recall and F1 of one predicted kind per post against its gold kind."""

    kinds: tuple[str, ...]
    tp: dict[str, int]
    fp: dict[str, int]
    fn: dict[str, int]
    support: dict[str, int]

    @classmethod
    def score(cls, gold: Sequence[str], predicted: Sequence[str], kinds: Iterable[str]) -> KindTable:
        names = tuple(k for k in kinds if k != "none")
        tp = dict.fromkeys(names, 0)
        fp = dict.fromkeys(names, 0)
        fn = dict.fromkeys(names, 0)
        support = dict.fromkeys(names, 0)
        for g, p in zip(gold, predicted, strict=True):
            if g in support:
                support[g] += 1
            if g == p:
                if g in tp:
                    tp[g] += 1
                continue
            if p in fp:
                fp[p] += 1
            if g in fn:
                fn[g] += 1
        return cls(names, tp, fp, fn, support)

    def precision(self, kind: str | None = None) -> float:
        tp = self.tp[kind] if kind else sum(self.tp.values())
        fp = self.fp[kind] if kind else sum(self.fp.values())
        return tp / (tp + fp) if tp + fp else 0.0

    def recall(self, kind: str | None = None) -> float:
        tp = self.tp[kind] if kind else sum(self.tp.values())
        fn = self.fn[kind] if kind else sum(self.fn.values())
        return tp / (tp + fn) if tp + fn else 0.0

    def f1(self, kind: str | None = None) -> float:
        p, r = self.precision(kind), self.recall(kind)
        return 2 * p * r / (p + r) if p + r else 0.0

    def table(self) -> str:
        head = ("kind", "gold", "tp", "fp", "fn", "prec", "recall", "F1")
        lines = ["{:<12} {:>5} {:>5} {:>5} {:>5} {:>6} {:>6} {:>6}".format(*head)]
        for kind in self.kinds:
            if not (self.support[kind] or self.fp[kind]):
                continue
            lines.append(
                f"{kind:<12} {self.support[kind]:>5} {self.tp[kind]:>5} {self.fp[kind]:>5} "
                f"{self.fn[kind]:>5} {self.precision(kind):>6.2f} {self.recall(kind):>6.2f} "
                f"{self.f1(kind):>6.2f}"
            )
        lines.append(
            f"{'micro':<12} {sum(self.support.values()):>5} {sum(self.tp.values()):>5} "
            f"{sum(self.fp.values()):>5} {sum(self.fn.values()):>5} {self.precision():>6.2f} "
            f"{self.recall():>6.2f} {self.f1():>6.2f}"
        )
        return "\n".join(lines)
