"""Classify what an article says a company did: funding, launch, layoffs... with evidence.

The rules are data (tidings/data/event_rules.toml): per kind, regular expressions with a weight
and a *voice* that says where the actor stands relative to the trigger. Each sentence of the
headline and the first part of the body is searched; a trigger becomes an event of the company
the voice points at, never of a company that is merely nearby, so "Globex acquires Acme" is
Globex's acquisition and only a mention for Acme. Specifics (amount, round, counterparty) are
read off the evidence sentence.

A linear model (tidings.analysis.model, trained on real finance news) reads the same sentences,
only those that name a tracked company or refer back to one: it adds the developments the
patterns miss, vetoes pattern matches it finds implausible, and gives every development its
tone (good, neutral, bad), together with the bad-news phrases of event_rules.toml [tone].
"""

from __future__ import annotations

import logging
import re
import tomllib
from bisect import bisect_right
from collections.abc import Generator, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from tidings.analysis.articleform import article_form, subjects
from tidings.analysis.commonwords import common_words
from tidings.analysis.headlines import headline_core
from tidings.analysis.literalnames import Plan, literal_plan, literal_spans
from tidings.analysis.mentions import Mention, is_ambiguous_name
from tidings.analysis.model import Models, SentenceScores, default_models, score_sentence, score_sentences
from tidings.analysis.needles import AnyOf, holds, needles
from tidings.analysis.sentences import split_of
from tidings.analysis.shortfall import falls_short
from tidings.analysis.triggers import TriggerScan
from tidings.errors import ConfigError
from tidings.models import Company

__all__ = [
    "EVENT_KINDS",
    "SENSITIVE_KINDS",
    "COMBINATIONS",
    "Event",
    "EventRules",
    "ArticleInput",
    "BATCH_ARTICLES",
    "classify_events",
    "classify_many",
    "load_rules",
]

logger = logging.getLogger(__name__)

# How much of the body is searched: news puts the event up front, in the headline and lead.
# Sentences further down are mostly background, history and asides ("in 2012 they released the
# original model", "a damaged launch pad"): on the labelled whole articles' tuning halves
# (bench/analysis_articles.py) 2,000 characters gave 11 false developments on the pages and 30 on
# the feed items, 800 gave 6 and 26, with no true one lost on either; chosen on the pages (600 to
# 800 scored the same there), checked on the feed items. Finance posts are shorter than this.
BODY_CHARS = 800
# The sentence the cut falls in gives its specifics (amount, round) and evidence read whole when
# it ends within this many characters past the cut: cut mid-sentence, "raised $120 million in a
# Series C" gave the amount "$12". (Its kind is still read off the cut part: reading the whole
# sentence for kinds too gave 2 more false developments on the feed items' tuning half.)
STRADDLE_CHARS = 400
LEAD_SENTENCES = 2  # sentences of the body that weigh as much as the headline
DEEP_FACTOR = 0.7  # weight of a trigger found deeper in the body
MIN_CONFIDENCE = 0.5
# Articles a caller of classify_many hands over at once (analysis, bench/core_speed.py): enough
# sentences for batched scoring to pay, few enough that the articles' state stays small and in
# cache (on the bench 128 to 512 ran alike).
BATCH_ARTICLES = 256
# How patterns and model are combined (bench/analysis_core.py measures each side by side):
#   rules  patterns only; model  the model only; union  both, agreeing raises confidence;
#   veto   union, and a pattern's match is dropped when the model gives its kind under
#          VETO_BELOW (only in headlines, the text the model was trained on, and only for the kinds it
#          reports itself, not the sensitive ones: Models.veto_kinds).
COMBINATIONS = ("rules", "model", "union", "veto")
DEFAULT_COMBINATION = "veto"
# Chosen by 5-fold cross-validation on the training split (training/tune_combination.py),
# round 3: the model may veto a loose pattern (weight < PRECISE_WEIGHT) of any kind it reports
# but the sensitive ones (Models.veto_kinds) when it gives that kind P < 0.3: folds' micro F1
# 0.752, against 0.747 for round 2's veto (four kinds, P < 0.2). Sparing no pattern scored 0.768
# on the folds (the model alone 0.765) but drops plain headlines the model, trained on wire
# posts, misreads: it gives "Globex misses revenue estimates" P(earnings) 0.006.
VETO_BELOW = 0.3
PRECISE_WEIGHT = 0.85  # a pattern this sure is never vetoed
AGREE_BONUS = 0.1
SAME_READING = 0.2  # P(kind) at which a pattern's kind counts as the model's reading too
# Whether a kind's exclude (event_rules.toml) also stops the model from reporting that kind in
# the sentence; training/tune_combination.py measures both on the folds.
MODEL_HEEDS_EXCLUDES = False
_MAX_GAP = 70  # characters allowed between an actor and its trigger
# A headline that is only a person's name and a job title ("Brian Covey, Support Manager": a
# podcast episode, a staff profile) names someone in a role; without a verb it reports no
# appointment or departure, nor any other development, though the kinds model, trained on wire
# headlines where such words come with "names" or "steps down", reads leadership into one and a
# launch into "..., Product Designer". The model reports nothing there; patterns need a verb.
_NAME_TITLE_RE = re.compile(
    r"\s*(?:[A-Z][\w'’.-]*\s+){1,3}[A-Z][\w'’-]+\s*,\s*"
    r"(?:[A-Z][\w&/'’-]*|of|and|for|the|&)(?:\s+(?:[A-Z][\w&/'’-]*|of|and|for|the|&|at [A-Z][\w&.-]*)){0,6}"
    r"\s*[.!]?\s*"
)
_APPOINTMENT_RE = re.compile(
    r"\b(?:appoint\w*|names?|named|hires?|hired|joins?|joined|promot\w*|taps|tapped|elect\w*|welcom\w*|"
    r"succeed\w*|steps?|stepping|stepped|resign\w*|depart\w*|leav\w*|left|retir\w*|exits?|ousted|fired|new|"
    r"interim|incoming|outgoing|former)\b",
    re.IGNORECASE,
)


# The title names a role ("Support Manager", "Head of Design"), so that "Apple Store Opening,
# Vienna" or "Get Off My Back, CVS" keep their reading.
_ROLE_WORD_RE = re.compile(
    r"\b(?:(?-i:CEO|CFO|CTO|COO|CMO|CPO|CRO|CIO|CISO|VP|SVP|EVP)|\w*(?:manager|designer|engineer|developer|"
    r"director|officer|head|lead|president|founder|chair\w*|editor|writer|scientist|researcher|analyst|"
    r"architect|consultant|advocate|evangelist|specialist|coordinator|strategist|marketer|producer|"
    r"intern|recruiter|counsel|partner|principal|owner|administrator|technician|representative|"
    r"associate|fellow|professor|student|artist|author|host))s?\b",
    re.IGNORECASE,
)


def is_name_and_title(sentence: str) -> bool:
    """Whether ``sentence`` is only "Name, Title" (a role) with no appointment or departure word."""
    shape = _NAME_TITLE_RE.fullmatch(sentence)
    return (
        shape is not None
        and _ROLE_WORD_RE.search(sentence, sentence.index(",")) is not None
        and _APPOINTMENT_RE.search(sentence) is None
    )


@dataclass(frozen=True)
class Event:
    """One development of one company, read from one article."""

    company: str  # company slug
    kind: str
    sensitive: bool
    evidence: str  # the sentence that shows it
    amount: str | None
    round: str | None
    counterparty: str | None
    confidence: float
    # good, neutral or bad for the company: bad news is handle-with-care, never a talking point
    tone: str = "neutral"


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern[str]
    weight: float
    voice: str
    # lower-case fragments one of which every match holds (tidings.analysis.needles); None: search
    needles: tuple[str, ...] | None = None
    body: bool = False  # matches in body sentences only, never in the headline


@dataclass(frozen=True)
class _Kind:
    name: str
    sensitive: bool
    patterns: tuple[_Pattern, ...]
    exclude: re.Pattern[str] | None
    # Lower-case fragments (no spaces) one of which every match contains; None: always search.
    triggers: tuple[str, ...] | None = None
    # needles of ``exclude`` (tidings.analysis.needles); None: always search
    exclude_needles: tuple[str, ...] | None = None


@dataclass(frozen=True)
class EventRules:
    """Compiled event rules; build with :func:`load_rules`."""

    kinds: tuple[_Kind, ...]
    # phrases that make a sentence bad news for its company whatever its kind ([tone] bad)
    bad_tone: re.Pattern[str] | None = None
    # fragments one of which every bad_tone match contains ([tone] triggers); None: always search
    bad_triggers: tuple[str, ...] | None = None
    # ``bad_tone`` searched phrase by phrase, each only where its needles are; None: bad_tone
    bad_any: AnyOf | None = None
    # word (whitespace-free chunk, lower case) -> bit mask of the kinds whose triggers it holds
    _memo: dict[str, int] = field(default_factory=dict, init=False, compare=False, repr=False)
    _bad_memo: dict[str, bool] = field(default_factory=dict, init=False, compare=False, repr=False)
    _by_name: dict[str, _Kind] = field(default_factory=dict, init=False, compare=False, repr=False)
    # the kinds' triggers and the bad-news triggers as one scan each (built on first use)
    _scans: dict[str, TriggerScan] = field(default_factory=dict, init=False, compare=False, repr=False)

    def kind_named(self) -> dict[str, _Kind]:
        """Kind name -> kind (built once; read it, never change it)."""
        if not self._by_name:
            self._by_name.update((k.name, k) for k in self.kinds)
        return self._by_name

    def kinds_in(self, lowered: str) -> int:
        """Bit mask (bit i: ``kinds[i]``) of the kinds that could match in ``lowered`` text."""
        memo = self._memo
        mask = 0
        for word in lowered.split():
            bits = memo.get(word)
            if bits is None:
                bits = self._word_mask(word)
                if len(memo) >= _MEMO_WORDS:
                    memo.clear()
                memo[word] = bits
            mask |= bits
        return mask

    def _word_mask(self, word: str) -> int:
        """Bit i set when ``kinds[i]`` has no triggers or ``word`` holds one of them."""
        scan = self._scans.get("kinds")
        if scan is None:
            scan = self._scans["kinds"] = TriggerScan([kind.triggers for kind in self.kinds])
        return scan.mask(word)

    def sounds_bad(self, text: str) -> bool:
        """True when ``text`` holds one of the bad-news phrases of ``[tone] bad``."""
        if self.bad_tone is None:
            return False
        if self.bad_triggers is not None:
            memo = self._bad_memo
            scan = self._scans.get("bad")
            if scan is None:
                scan = self._scans["bad"] = TriggerScan([self.bad_triggers])
            for word in text.lower().split():
                hit = memo.get(word)
                if hit is None:
                    hit = scan.holds_any(word) or (word[:1] in "-−–" and "%" in word)
                    if len(memo) >= _BAD_MEMO_WORDS:
                        memo.clear()
                    memo[word] = hit
                if hit:
                    break
            else:
                return False
        if self.bad_any is not None and self.bad_any.whole is self.bad_tone:  # not a replaced bad_tone
            return self.bad_any.search(text)
        return self.bad_tone.search(text) is not None

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(k.name for k in self.kinds)

    @property
    def sensitive(self) -> frozenset[str]:
        return frozenset(k.name for k in self.kinds if k.sensitive)


_MEMO_WORDS = 200_000  # distinct words remembered by EventRules.kinds_in before starting over
_BAD_MEMO_WORDS = 50_000  # and by EventRules.sounds_bad
_VOICES = frozenset({"active", "passive", "any", "both", "own"})


def _compile(text: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(text, re.IGNORECASE)
    except re.error as exc:
        raise ConfigError(f"{where}: bad regular expression {text!r}: {exc}") from exc


def load_rules(path: str | Path | None = None) -> EventRules:
    """Load event rules from ``path`` (default: the shipped event_rules.toml)."""
    if path is None:
        raw = resources.files("tidings").joinpath("data/event_rules.toml").read_text("utf-8")
        where = "event_rules.toml"
    else:
        raw = Path(path).read_text("utf-8")
        where = str(path)
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{where}: {exc}") from exc
    kinds = []
    for name, table in data.get("kinds", {}).items():
        patterns = []
        for entry in table.get("patterns", []):
            voice = entry.get("voice", "active")
            if voice not in _VOICES:
                raise ConfigError(f"{where}: kind {name}: unknown voice {voice!r}")
            regex = _compile(entry["re"], where)
            body = entry.get("body", False)
            if not isinstance(body, bool):
                raise ConfigError(f"{where}: kind {name}: body must be true or false")
            patterns.append(
                _Pattern(
                    regex, float(entry.get("weight", 0.8)), voice, needles(regex.pattern, regex.flags), body
                )
            )
        excludes = [e for e in table.get("exclude", []) if e]
        exclude = _compile("|".join(f"(?:{e})" for e in excludes), where) if excludes else None
        triggers = _triggers(table.get("triggers"), f"{where}: kind {name}")
        kinds.append(
            _Kind(
                name, bool(table.get("sensitive", False)), tuple(patterns), exclude, triggers,
                needles(exclude.pattern, exclude.flags) if exclude is not None else None,
            )
        )
    tone = data.get("tone", {})
    bad = [b for b in tone.get("bad", []) if b]
    bad_tone = _compile("|".join(f"(?:{b})" for b in bad), where) if bad else None
    return EventRules(
        tuple(kinds), bad_tone, _triggers(tone.get("triggers"), f"{where}: [tone]"),
        AnyOf([f"(?:{b})" for b in bad], bad_tone.flags, bad_tone) if bad_tone is not None else None,
    )


def _triggers(raw: list[str] | None, where: str) -> tuple[str, ...] | None:
    """Lower-case trigger fragments, or None (search every sentence) when none are given."""
    if raw is None:
        return None
    triggers = tuple(t.strip().lower() for t in raw if t.strip())
    # Words are split on whitespace before the test, so a trigger never spans two.
    if any(len(t.split()) > 1 for t in triggers):
        raise ConfigError(f"{where}: a trigger must be one word without spaces")
    return triggers or None


@lru_cache(maxsize=1)
def default_rules() -> EventRules:
    """The shipped rules, loaded once."""
    return load_rules()


EVENT_KINDS: tuple[str, ...] = default_rules().names
SENSITIVE_KINDS: frozenset[str] = default_rules().sensitive

# "The company", "the San Francisco-based startup", "it": the subject is the headline company.
_REFERRING_NOUN = (
    r"(?:the|this)\s+(?:[\w-]+\s+){0,3}?(?:company|startup|start-up|firm|group|maker|"
    r"business|retailer|bank|platform|provider|developer|giant|unicorn|lender|insurer|"
    r"chipmaker|automaker|carmaker|brand|vendor|operator|fintech|airline|manufacturer)"
)
_PRONOUN_RE = re.compile(rf"\b(?:{_REFERRING_NOUN}|it|they)\b", re.IGNORECASE)
# "the latter" / "the former" (", after the latter saw massive layoffs"): another named party,
# never the headline company. Only where the phrase stands for a party (a verb, a possessive or a
# clause break follows it), not "the former chief executive", "the latter category" or "the
# former United Nations envoy" (a verb in -ed is one in lower case).
_LATTER_RE = re.compile(
    r"\bthe\s+(?P<which>latter|former)(?:\s+(?:company|firm|startup|group|business|brand))?(?:['’]s)?"
    r"(?=\s*[,;:.)]|['’]s\b|\s+(?:is|was|has|had|have|were|are|will|would|can|could|may|might|must|"
    r"shall|should|did|does|do|said|says|saw|sees|reports|announces|plans|sold|bought|cut|laid|made|"
    r"won|lost|took|got|led|grew|fell|rose|paid|(?-i:[a-z]\w{2,}ed))\b)",
    re.IGNORECASE,
)
# Under a headline about the company's thing ("Amazon's new Echo Show is very cool") "it" and
# "they" in the lead are that thing ("It has this wild new feature"): only a noun refers back.
_NOUN_REFERENCE_RE = re.compile(rf"\b{_REFERRING_NOUN}\b", re.IGNORECASE)
# On a company's own source "we" is the company, and "you can now ..." tells its users what it
# shipped ("You can now choose whether to publish a post when sending a newsletter").
_WE_RE = re.compile(
    r"\b(?:we|our (?:team|company)|you(?= can now\b)|(?<=now )you(?= can\b))\b", re.IGNORECASE
)
_ROLE_RE = re.compile(
    r"^\s*(?:['’]s\s+)?(?:former\s+|new\s+|ex-)?(?:[\w-]+\s+)?(?:executives?|(?-i:CEO|CFO|CTO|COO)|"
    r"founders?|co-founders?|employees?|engineers?|staff(?:ers)?|investors?|chief|president|"
    r"chair(?:man|woman)?|directors?|spokes(?:person|man|woman)|analysts?|customers?|clients?|"
    r"rivals?|competitors?|shareholders?|partners?|suppliers?|veterans?|alumni|backers?|"
    r"users?|owner|parent|unit|subsidiary)\b",
    re.IGNORECASE,
)
# ", a competitor of Acme," / ", one of Acme's customers,": names inside are not the subject.
_ASIDE_RE = re.compile(
    r",\s+(?:a|an|the|one of|which|who|whose|whom|including|like|such as|along with)\b[^,]{0,100},"
)
_AND_RE = re.compile(r"\s*(?:,|and|&|,\s*and)\s*")
_PAREN_RE = re.compile(r"\([^()]*\)")
_APPOSITIVE_RE = re.compile(r"^\s*(?:'s|’s)?\s*,[^,]{1,90},")
_CAP_WORD_RE = re.compile(r"\b[A-Z][\w&.-]*")
_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december inc inc. corp corp. ltd ltd. co co. "
    "llc plc ag sa ceo cfo cto coo q1 q2 q3 q4".split()
)

_MONEY_RE = re.compile(
    r"(?:[$€£¥]|(?:US|C|A|HK|S)\$)\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:million|billion|trillion|mn|bn|"
    r"[mbk])\b)?|\b\d[\d,]*(?:\.\d+)?\s?(?:million|billion|trillion)\s(?:dollars|euros|pounds|"
    r"yen|usd|eur|gbp)\b|\b(?:USD|EUR|GBP)\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:million|billion|m|bn))?",
    re.IGNORECASE,
)
_DIGIT_RE = re.compile(r"\d")
_MONEY_LEAD = 4  # most characters a _MONEY_RE match holds before its first digit ("HK$ ")
_PERCENT_RE = re.compile(r"\b\d+(?:\.\d+)?\s?(?:%|per ?cent\b)")
_HEADCOUNT_RE = re.compile(
    r"\b\d[\d,]*\s+(?:jobs|roles|positions|employees|staff|staffers|workers|people|engineers)\b",
    re.IGNORECASE,
)
_ROUND_RE = re.compile(
    r"(?-i:\bSeries [A-H]\d?\+?(?: extension)?\b)|\bpre-seed\b|\bseed\b|\bIPO\b|"
    r"\b(?:growth|bridge|mezzanine|venture debt) round\b|\bdirect listing\b",
    re.IGNORECASE,
)
_NAME_RE = re.compile(
    r"(?:[A-Z][\w&.'’-]*|[a-z]+[A-Z][\w-]*)(?:\s+(?:(?:of|de|and|&|for)\s+)?"
    r"(?:[A-Z][\w&.'’-]*|[a-z]+[A-Z][\w-]*)){0,4}"
)
_NAME_STOP = frozenset(
    "for in to with after amid as at on from by deal the a an its and of over into says said "
    "report reports per its".split()
)


@dataclass
class _Span:
    company: str
    start: int
    end: int
    pronoun: bool = False
    implicit: bool = False  # the unnamed subject of an own-site headline
    own: bool = False  # the company whose own source this is ("we", a subjectless headline)
    reference: bool = False  # "the latter" / "the former"; company "" when nobody tracked


@dataclass
class _Candidate:
    company: str
    kind: _Kind
    sentence: str
    in_title: bool
    score: float
    trigger: tuple[int, int]
    spans: list[_Span]


class _LazyRegex:
    """A company's name pattern, compiled the first time a sentence could hold a match.

    Compiling costs about 0.2 ms a pattern, as much as reading a whole article, and a run
    meets each company in only a few articles. ``needles`` (case as written, None: none
    known) are literal fragments one of which every match holds: a sentence without any of
    them is not searched, so a ticker pattern that never meets its symbol is never compiled.
    ``plan`` (see tidings.analysis.literalnames), when set, finds the matches in an ASCII
    sentence without the regex, which is then compiled only for other text.
    """

    __slots__ = ("source", "flags", "needles", "plan", "_compiled")

    def __init__(
        self, source: str, flags: int, needles: tuple[str, ...] | None, plan: Plan | None = None
    ) -> None:
        self.source, self.flags, self.needles, self.plan = source, flags, needles, plan
        self._compiled: re.Pattern[str] | None = None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if not holds(self.needles, text):
            return iter(())
        if self._compiled is None:
            self._compiled = re.compile(self.source, self.flags)
        return self._compiled.finditer(text)

    def spans(self, text: str, lowered: str) -> list[tuple[int, int]]:
        """(start, end) of the matches in ``text`` (``lowered``: text.lower())."""
        if self.plan is not None and text.isascii():
            return literal_spans(self.plan, lowered) if holds(self.needles, text) else []
        return [m.span() for m in self.finditer(text)]


@lru_cache(maxsize=4096)
def _company_regexes(company: Company) -> tuple[_LazyRegex | None, _LazyRegex | None]:
    """(case-insensitive, case-sensitive) patterns finding a company's names in a sentence."""
    loose: list[tuple[str, str, bool]] = []  # (pattern part, literal text, spaces read as \s+)
    strict: list[tuple[str, str, bool]] = []
    strict_needles: set[str] = set()  # each case-sensitive part holds one of these as written
    for name in company.names:
        if not name.strip():
            continue
        body = re.escape(name.strip()).replace(r"\ ", r"\s+")
        if is_ambiguous_name(name) == 0:
            loose.append((body, name.strip(), True))
        else:
            strict.append((body, name.strip(), True))
            strict_needles.add(name.strip().split(" ")[0])  # matched literally up to a space
    for d in company.domains:
        if d:
            domain = d.lower().removeprefix("www.")
            loose.append((re.escape(domain), domain, False))
    for ticker in company.tickers:
        symbol = re.split(r"[:\s$]+", ticker.strip())[-1]
        if symbol:
            strict.append((r"\$" + re.escape(symbol.upper()), "", False))
            strict.append((r"[A-Za-z]+\s*:\s*" + re.escape(symbol.upper()), "", False))
            strict_needles.add(symbol.upper())

    def build(
        parts: list[tuple[str, str, bool]], flags: int, needles: tuple[str, ...] | None
    ) -> _LazyRegex | None:
        if not parts:
            return None
        ordered = sorted(parts, key=lambda part: len(part[0]), reverse=True)  # longest pattern first
        alternation = "|".join(part[0] for part in ordered)
        # only the case-insensitive names and domains are matched literally
        plan = literal_plan([(text, spaced) for _, text, spaced in ordered]) if flags else None
        return _LazyRegex(rf"(?<!\w)(?:{alternation})(?:['’]s)?(?!\w)", flags, needles, plan)

    # The loose pattern's fragments are the probes, tested by _name_spans on the lowered text.
    return build(loose, re.IGNORECASE, None), build(strict, 0, tuple(sorted(strict_needles)))


@lru_cache(maxsize=4096)
def _company_probes(company: Company) -> tuple[str, ...]:
    """Lower-case fragments every match of :func:`_company_regexes` contains."""
    probes = {name.strip().lower().split()[0] for name in company.names if name.strip()}
    probes.update(d.lower().removeprefix("www.") for d in company.domains if d.strip())
    for ticker in company.tickers:
        symbol = re.split(r"[:\s$]+", ticker.strip())[-1]
        if symbol:
            probes.add(symbol.lower())
    return tuple(probes)


# (slug, probes, regexes) of a company: looked up once per article, not once per sentence
_Finder = tuple[str, tuple[str, ...], tuple[_LazyRegex | None, _LazyRegex | None]]


# id(company) -> (company, its finder, its names in lower case). The lru_caches above are keyed
# by the company's value, and hashing a Company (its names, sources...) each time costs more
# than the rest of a short article's preparation: the same objects come back for every article
# of a run, so they are found by identity first (the entry holds the object, so its id is not
# reused while the entry lives).
_BY_IDENTITY: dict[int, tuple[Company, _Finder, tuple[str, ...], bool]] = {}
_IDENTITY_ENTRIES = 4096


def _company_parts(company: Company) -> tuple[Company, _Finder, tuple[str, ...], bool]:
    """(company, finder, names in lower case, whether every probe is free of whitespace)."""
    entry = _BY_IDENTITY.get(id(company))
    if entry is None or entry[0] is not company:
        probes = _company_probes(company)
        finder = (company.slug, probes, _company_regexes(company))
        clean = all(p and p == "".join(p.split()) for p in probes)
        entry = (company, finder, tuple(n.lower() for n in company.names), clean)
        if len(_BY_IDENTITY) >= _IDENTITY_ENTRIES:
            _BY_IDENTITY.clear()
        _BY_IDENTITY[id(company)] = entry
    return entry


def _cut_sentence(text: str) -> tuple[str, str] | None:
    """(the part before BODY_CHARS, the whole sentence) of the sentence the cut falls in, when
    it ends within STRADDLE_CHARS past the cut; None when the cut falls between sentences."""
    if len(text) <= BODY_CHARS:
        return None
    window = text[: BODY_CHARS + STRADDLE_CHARS]
    spans = split_of(window).upto(BODY_CHARS - 1)
    if not spans:
        return None
    # The span upto stopped at: the first ending past the cut (else the last). The split is
    # shared, and an earlier reader of the same text (a mention's snippet) may have split it
    # further, so its last span found is not always that one: the evidence then depended on
    # which article was read before (a batch of classify_many reads the mentions first).
    start, end = next((span for span in spans if span[1] > BODY_CHARS - 1), spans[-1])
    # a span ending where the window does may be cut by it, unless the text ends there too
    if start < BODY_CHARS < end and (end < len(window) or len(window) == len(text)):
        return text[start:BODY_CHARS].rstrip(), text[start:end]
    return None


def _name_spans(text: str, finders: Sequence[_Finder], lowered: str) -> list[_Span]:
    spans: list[_Span] = []
    for slug, probes, regexes in finders:
        # A substring test rules most companies out of most sentences before any regex runs.
        if not holds(probes, lowered):
            continue
        for regex in regexes:
            if regex is not None:
                spans.extend(_Span(slug, start, end) for start, end in regex.spans(text, lowered))
    return spans


def _probe_positions(body: str, probes: Sequence[str], clean: bool) -> list[int] | None:
    """Offsets in ``body`` where one of ``probes`` stands, or None when that cannot be read off
    the lowered body.

    A sentence deep in the body counts only when it names a company itself, and every name
    match holds one of its company's probes (:func:`_company_probes`), so the other deep
    sentences are passed over unread. Sentences are cut at whitespace, so a probe without
    whitespace lies inside one sentence, and lowering a sentence equals slicing the lowered
    body as long as lowering keeps every length. ``clean``: no probe is empty or holds
    whitespace (known per company, see _company_parts).
    """
    lowered = body.lower()
    if len(lowered) != len(body) or not clean:
        return None
    positions: list[int] = []
    for probe in set(probes):
        pos = lowered.find(probe)
        while pos != -1:
            positions.append(pos)
            pos = lowered.find(probe, pos + 1)
    return positions


def _deep_named(spans: Sequence[tuple[int, int]], positions: Sequence[int]) -> set[int]:
    """Numbers (from 0) of the sentences (``spans``) holding one of ``positions``."""
    starts = [start for start, _ in spans]
    found: set[int] = set()
    for pos in positions:
        i = bisect_right(starts, pos) - 1
        if i >= 0 and pos < spans[i][1]:
            found.add(i)
    return found


def _find_spans(
    sentence: str,
    named: list[_Span],
    main: str | None,
    first_person: str | None = None,
    is_title: bool = False,
    pronouns: re.Pattern[str] = _PRONOUN_RE,
) -> list[_Span]:
    spans = list(named)
    if first_person is not None:
        # On the company's own site, "we" is the company ("Today we're launching Harbor"),
        # and a headline with no subject is its own ("Introducing Harbor").
        for m in _WE_RE.finditer(sentence):
            if not any(s.start <= m.start() < s.end for s in spans):
                spans.append(_Span(first_person, m.start(), m.end(), pronoun=True, own=True))
        if is_title and not named:
            spans.append(_Span(first_person, 0, 0, pronoun=True, implicit=True, own=True))
    spans.extend(_references(sentence, named))
    if main is not None:
        for m in pronouns.finditer(sentence):
            if not any(s.start <= m.start() < s.end for s in spans):
                spans.append(_Span(main, m.start(), m.end(), pronoun=True))
    spans.sort(key=lambda s: (s.start, -s.end))
    for m in _ASIDE_RE.finditer(sentence):
        spans = [s for s in spans if not (m.start() < s.start < m.end())]
    return spans


def _references(sentence: str, named: Sequence[_Span]) -> list[_Span]:
    """Spans of "the latter" / "the former": the party named last / last but one before it in the
    sentence, a tracked company or "" (a name nobody tracks: the development is nobody's)."""
    if "atter" not in sentence and "ormer" not in sentence:  # (L)atter, (F)ormer, without lowering
        return []
    found: list[_Span] = []
    for m in _LATTER_RE.finditer(sentence):
        parties = [(s.start, s.company) for s in named if s.end <= m.start()]
        for name in _NAME_RE.finditer(sentence, 0, m.start()):
            if any(s.start < name.end() and name.start() < s.end for s in named):
                continue  # a tracked name, counted above
            words = name.group().split()
            first = words[0].lower().strip(".,'’")
            if len(words) == 1 and (first in common_words() or first in _CALENDAR):
                continue  # "After", "Monday": no party
            parties.append((name.start(), ""))
        parties.sort()
        back = 1 if m.group("which").lower() == "latter" else 2
        company = parties[-back][1] if len(parties) >= back else ""
        found.append(_Span(company, m.start(), m.end(), reference=True))
    return found


def _clean_gap(gap: str) -> bool:
    """True when nothing that looks like another actor stands between a name and a trigger."""
    gap = _PAREN_RE.sub(" ", gap)
    gap = _APPOSITIVE_RE.sub(" ", gap)
    if len(gap.strip()) > _MAX_GAP:
        return False
    # "Acme executive launches...", "Acme rival Globex raises...": a person or another company
    # is the subject, not the named company.
    if _ROLE_RE.search(gap):
        return False
    words = common_words()
    for m in _CAP_WORD_RE.finditer(gap):
        word = m.group().rstrip(".,").lower()
        if word not in words and word not in _CALENDAR:
            return False
    return True


def _actors(sentence: str, start: int, end: int, voice: str, spans: list[_Span]) -> list[_Span]:
    before = [s for s in spans if s.end <= start]
    after = [s for s in spans if s.start >= start and not (s.pronoun and s.start < end)]
    chosen: list[_Span] = []
    if voice in ("active", "both") and before:
        last = before[-1]
        if _clean_gap(sentence[last.end : start]):
            chosen.append(last)
            if voice == "both":
                # "Northwind and Contoso form an alliance": every name of a compound subject.
                index = len(before) - 1
                while index > 0 and _AND_RE.fullmatch(sentence[before[index - 1].end : before[index].start]):
                    index -= 1
                    chosen.append(before[index])
    if voice in ("passive", "both") and after:
        first = next((s for s in after if not s.pronoun), None)
        if first is not None and first.start - end <= _MAX_GAP:
            chosen.append(first)
    if voice == "own":
        # only the company whose own source this is, never a company it names
        own = [s for s in spans if s.own]
        if own:
            chosen.append(own[0])
    if voice == "any" and spans:
        named = [s for s in spans if not s.pronoun] or spans

        def distance(s: _Span) -> int:
            return start - s.end if s.end <= start else max(0, s.start - end)

        chosen.append(min(named, key=distance))
    return chosen


def _amount(kind: str, text: str) -> str | None:
    digit = _DIGIT_RE.search(text)  # a quick search: every amount holds a digit
    if digit is None:
        return None
    # No amount starts before its first digit, money at most 4 characters before it ("HK$ 5",
    # "USD 5"): the searches start there instead of trying every offset before.
    first = digit.start()
    # each search only when the ones preferred to it found nothing
    if kind in ("layoffs", "expansion"):
        found = (
            _HEADCOUNT_RE.search(text, first)
            or _PERCENT_RE.search(text, first)
            or _MONEY_RE.search(text, max(0, first - _MONEY_LEAD))
        )
    else:
        found = _MONEY_RE.search(text, max(0, first - _MONEY_LEAD)) or _PERCENT_RE.search(text, first)
    return found.group().strip() if found else None


def _round(text: str) -> str | None:
    m = _ROUND_RE.search(text)
    if not m:
        return None
    value = m.group()
    if value.lower() in ("seed", "pre-seed"):
        return value.lower()
    return value


def _name_after(text: str, pos: int, exclude: set[str]) -> str | None:
    for m in _NAME_RE.finditer(text, pos, min(len(text), pos + 80)):
        words = m.group().split()
        while words and words[-1].lower().strip(".,") in _NAME_STOP:
            words.pop()
        while words and words[0].lower() in _NAME_STOP:
            words.pop(0)
        name = " ".join(words).rstrip(".,'’").removesuffix("'s").removesuffix("’s")
        if not name or name.lower() in exclude or name.lower() in _CALENDAR:
            continue
        if len(words) == 1 and name.lower() in common_words() and name.isalpha():
            continue
        return name
    return None


def _counterparty(cand: _Candidate, voice: str, names: Mapping[str, str], slug_names: set[str]) -> str | None:
    start, end = cand.trigger
    own = {cand.company}
    others = [s for s in cand.spans if s.company not in own and not s.pronoun]
    kind = cand.kind.name
    sentence = cand.sentence
    if kind == "funding":
        led = re.search(r"\bled by\s+", sentence)
        if led:
            return _name_after(sentence, led.end(), slug_names)
        return None
    if kind not in ("acquisition", "partnership", "legal"):
        return None
    if voice == "passive":
        before = [s for s in others if s.end <= start]
        if before:
            return names.get(before[-1].company, before[-1].company)
        names_before = list(_NAME_RE.finditer(sentence, 0, start))
        last = names_before[-1].group() if names_before else None
        return last if last and last.lower() not in slug_names else None
    after = [s for s in others if s.start >= start]
    if after:
        return names.get(after[0].company, after[0].company)
    if voice == "both":
        before = [s for s in others if s.end <= start]
        if before:
            return names.get(before[-1].company, before[-1].company)
    return _name_after(sentence, end, slug_names)


def classify_events(
    title: str,
    text: str,
    mentions: Sequence[Mention],
    companies: Mapping[str, Company],
    *,
    rules: EventRules | None = None,
    min_confidence: float = MIN_CONFIDENCE,
    first_person: str | None = None,
    combination: str = DEFAULT_COMBINATION,
    models: Models | None = None,
) -> list[Event]:
    """Return the events of the mentioned companies, at most one per (company, kind).

    ``mentions`` says which companies the article is about (from :class:`MentionMatcher`);
    ``companies`` maps slugs to their configuration. Events are ordered by confidence.
    ``first_person`` is the company whose own site published the article: its "we" and its
    subjectless headlines are that company's. ``combination`` (one of :data:`COMBINATIONS`) says
    how patterns and the model are combined; the default is the one measured best.
    :func:`classify_many` gives the same for many articles at once, faster.
    """
    steps = _steps(title, text, mentions, companies, rules, min_confidence, first_person, combination, models)
    try:
        sentence, used = next(steps)
        while True:
            sentence, used = steps.send(score_sentence(sentence, used))
    except StopIteration as done:
        return done.value


@dataclass(frozen=True)
class ArticleInput:
    """One article for :func:`classify_many`: what :func:`classify_events` takes of it."""

    title: str
    text: str
    mentions: Sequence[Mention]
    first_person: str | None = None


def classify_many(
    articles: Sequence[ArticleInput],
    companies: Mapping[str, Company],
    *,
    rules: EventRules | None = None,
    min_confidence: float = MIN_CONFIDENCE,
    combination: str = DEFAULT_COMBINATION,
    models: Models | None = None,
) -> list[list[Event]]:
    """:func:`classify_events` of each article, the same events, with the model's scoring batched.

    Each article's classification runs up to the next sentence it needs the model's scores of;
    the sentences all articles wait for are scored together (:func:`score_sentences`: one NumPy
    gather for the batch instead of several per sentence), and each article goes on with its own.
    Nothing an article's classification reads is changed by another's (the memos only remember
    what they would compute again), so the events are those of classify_events article by article.
    """
    results: list[list[Event]] = [[] for _ in articles]
    waiting: list[tuple[int, Generator[tuple[str, Models], SentenceScores, list[Event]], str, Models]] = []

    def advance(i: int, steps: Generator[tuple[str, Models], SentenceScores, list[Event]],
                scores: SentenceScores | None) -> None:
        try:
            sentence, used = next(steps) if scores is None else steps.send(scores)
        except StopIteration as done:
            results[i] = done.value
            return
        waiting.append((i, steps, sentence, used))

    for i, article in enumerate(articles):
        advance(i, _steps(
            article.title, article.text, article.mentions, companies, rules, min_confidence,
            article.first_person, combination, models,
        ), None)
    while waiting:
        batch, waiting = waiting, []
        by_models: dict[int, list[int]] = {}
        for n, (_, _, _, used) in enumerate(batch):
            by_models.setdefault(id(used), []).append(n)
        scored: list[SentenceScores | None] = [None] * len(batch)
        for members in by_models.values():
            used = batch[members[0]][3]
            for n, scores in zip(members, score_sentences([batch[n][2] for n in members], used), strict=True):
                scored[n] = scores
        for (i, steps, _, _), scores in zip(batch, scored, strict=True):
            assert scores is not None
            advance(i, steps, scores)
    return results


def _steps(
    title: str,
    text: str,
    mentions: Sequence[Mention],
    companies: Mapping[str, Company],
    rules: EventRules | None,
    min_confidence: float,
    first_person: str | None,
    combination: str,
    models: Models | None,
) -> Generator[tuple[str, Models], SentenceScores, list[Event]]:
    """classify_events' work, yielding (sentence, models) for each sentence it needs scored and
    taking its scores back."""
    if combination not in COMBINATIONS:
        raise ValueError(f"unknown combination {combination!r}")
    rules = default_rules() if rules is None else rules
    tracked = [companies[m.company] for m in mentions if m.company in companies]
    if not tracked:
        return []
    use_rules = combination != "model"
    use_model = combination != "rules"
    if use_model and models is None:
        models = default_models()
    in_title = [m.company for m in mentions if m.in_title and m.company in companies]
    # The company "the company" / "it" stands for in the lead: the headline's, the only one
    # named, or the one whose own source this is. With several named and none of them in the
    # headline there is none to refer back to: the most frequent name was a guess ("the
    # company's flagship RTX 3080 card" in a buying guide naming Amazon more often than Nvidia
    # gave Amazon Nvidia's launch).
    if in_title:
        main: str | None = in_title[0]
    elif len(tracked) == 1:
        main = tracked[0].slug
    else:
        main = first_person
    names = {c.slug: c.name for c in tracked}
    parts = [_company_parts(c) for c in tracked]
    slug_names = {n for _, _, lowered_names, _ in parts for n in lowered_names}
    by_name = rules.kind_named()

    body = (text or "")[:BODY_CHARS]
    # the sentence the cut falls in, found only once a body development needs it (most have none)
    cut: tuple[str, str] | None = None
    cut_read = len(text or "") <= BODY_CHARS
    body_end = body.rstrip()
    title = (title or "").strip()
    finders = [finder for _, finder, _, _ in parts]
    split = split_of(body)
    positions = _probe_positions(
        body, [p for _, found, _ in finders for p in found], all(clean for *_, clean in parts)
    )
    deep: set[int] | None = None
    if positions is None:
        spans_of_body = split.all()
    else:
        # Only the lead and the sentences holding a probe are read: the body is split no
        # further than the last of them (the spans found are those of the whole split).
        split.first(LEAD_SENTENCES)
        spans_of_body = list(split.upto(max(positions)) if positions else split.spans)
        deep = _deep_named(spans_of_body, positions)
    # (sentence, lower case, in title, weight factor, body sentence number, number in the list
    # of title and body sentences: "the company" is the main company in the first few)
    sentences: list[tuple[str, str, bool, float, int, int]] = []
    if title:
        sentences.append((title, title.lower(), True, 1.0, 0, 0))
    first = 1 if title else 0
    for index, (start, end) in enumerate(spans_of_body):
        if index >= LEAD_SENTENCES and deep is not None and index not in deep:
            continue  # deep in the body and naming no tracked company: it cannot count
        sentence = body[start:end]
        factor = 1.0 if index < LEAD_SENTENCES else DEEP_FACTOR
        sentences.append((sentence, sentence.lower(), False, factor, index + 1, index + first))

    pronouns = _PRONOUN_RE
    if main is not None and ("'s" in title or "’s" in title):
        if any(
            s.company == main and title[s.start : s.end].endswith(("'s", "’s"))
            for s in _name_spans(title, finders, title.lower())
        ):
            pronouns = _NOUN_REFERENCE_RE  # the headline is about the company's thing
    # A roundup's, a how-to's or a buying guide's body reports no development of whoever one of
    # its lines names (analysis/articleform.py): only its subject's, or (a how-to, a guide) none.
    form = article_form(title)
    body_for = (
        None
        if form is None
        else subjects(
            form, in_title, first_person, body.split("\n"),
            lambda p: {s.company for s in _name_spans(p, finders, p.lower())},
        )
    )
    best: dict[tuple[str, str], tuple[_Candidate, str]] = {}
    seen_in: dict[tuple[str, str], int] = {}
    from_model: set[tuple[str, str]] = set()
    agreed: set[tuple[str, str]] = set()
    scored: dict[str, SentenceScores] = {}

    def offer(cand: _Candidate, voice: str, model_made: bool) -> None:
        if not cand.company:
            return  # "the latter" standing for a party nobody tracks: nobody's development
        if body_for is not None and not cand.in_title and cand.company not in body_for:
            return  # a line of a roundup, a how-to or a buying guide
        key = (cand.company, cand.kind.name)
        seen_in[key] = seen_in.get(key, 0) + 1
        old = best.get(key)
        if old is not None and (key in from_model) != model_made:
            agreed.add(key)
            # Patterns and model agree: the pattern's match carries the specifics (who bought
            # whom), the higher score carries the confidence.
            rule, other = (old[0], cand) if model_made else (cand, old[0])
            rule.score = max(rule.score, other.score)
            best[key] = (rule, old[1] if model_made else voice)
            from_model.discard(key)
            return
        if old is None or _better(cand, old[0]):
            best[key] = (cand, voice)
            if model_made:
                from_model.add(key)
            else:
                from_model.discard(key)

    for sentence, lowered, is_title, factor, index, number in sentences:
        in_depth = not is_title and index > LEAD_SENTENCES
        if in_depth and deep is None and not any(p in lowered for _, found, _ in finders for p in found):
            continue
        # Most sentences hold no trigger word of most kinds: remembered per-word masks say which
        # kinds a sentence could match, so patterns run only where they can fire.
        mask = rules.kinds_in(lowered)
        # The model reads the headline whatever words it holds (it was trained on headlines);
        # in the body, like the patterns, only sentences with a trigger word of some kind: most
        # of a body is sentences that report no development, and skipping them is free.
        if not mask and not (use_model and is_title):
            continue
        named = _name_spans(sentence, finders, lowered)
        if in_depth and not named:
            continue
        # "The company"/"it" stands for the headline company only near the top of the article.
        lead = number <= LEAD_SENTENCES
        spans = _find_spans(
            sentence, named, main if lead else None, first_person if lead else None, is_title, pronouns
        )
        if not spans:
            continue
        # The model reads only sentences whose company is known: attribution stays.
        # A headline is scored as the models learned headlines: without its wire furniture
        # ("$SQ - Block to axe 1,500 jobs" read as "Block to axe 1,500 jobs").
        scored_text = headline_core(sentence) if is_title else sentence
        scores = (yield scored_text, models) if models is not None else None
        if scores is not None and models is not None:
            scored[sentence] = scores
        matched: set[str] = set()  # kinds a pattern found in this sentence, for any company
        # A pattern holding none of its needles in the sentence cannot match (ASCII text only:
        # see tidings.analysis.needles), so its search is skipped.
        plain = sentence.isascii()
        kinds = rules.kinds
        rest = mask if use_rules else 0
        while rest:  # the kinds whose bits are set, lowest first (most sentences set one or two)
            low = rest & -rest
            rest ^= low
            kind = kinds[low.bit_length() - 1]
            # The kind's exclude vetoes the whole sentence; it is read at the first match, since
            # most sentences give none (nothing is offered before it, so the result is the same).
            excluded: bool | None = None if kind.exclude is not None else False
            if excluded is None and plain and not holds(kind.exclude_needles, lowered):
                excluded = False
            # The model, trained on real headlines, may veto a loose pattern (weight under
            # PRECISE_WEIGHT) of a kind it scored well on the folds, in a headline only: on
            # body prose, unlike its training text, it is too often unsure of plain results
            # ("reported revenue of $210 million").
            vetoed = (
                combination == "veto"
                and is_title
                and scores is not None
                and models is not None
                and kind.name in models.veto_kinds
                and scores.kinds[kind.name] < VETO_BELOW
            )
            for pattern in kind.patterns:
                if vetoed and pattern.weight < PRECISE_WEIGHT or pattern.body and is_title:
                    continue
                if plain and not holds(pattern.needles, lowered):
                    continue
                for m in pattern.regex.finditer(sentence):
                    if excluded is None:
                        excluded = kind.exclude is not None and kind.exclude.search(sentence) is not None
                    if excluded:
                        break
                    for actor in _actors(sentence, m.start(), m.end(), pattern.voice, spans):
                        if actor.implicit and kind.sensitive:
                            # "Compromised Credential Checking" names no incident: a bare
                            # headline is enough for good news, never for bad.
                            continue
                        cand = _Candidate(
                            actor.company,
                            kind,
                            sentence,
                            is_title,
                            pattern.weight * factor,
                            (m.start(), m.end()),
                            spans,
                        )
                        offer(cand, pattern.voice, False)
                        matched.add(kind.name)
                if excluded:
                    break
        if scores is not None and models is not None:
            # the first kind with the highest P (what max() over the kinds gives), in a loop
            kind_name, p = "", 0.0
            for name, value in scores.kinds.items():
                if name != "none" and (not kind_name or value > p):
                    kind_name, p = name, value
            kind = by_name.get(kind_name)
            # Where a pattern found the kind, it also said whose it is ("Acme to be acquired by
            # Globex" is Globex's): the model adds only what no pattern saw.
            if (
                kind is not None
                and kind_name not in matched
                # a pattern's kind the model finds plausible is the same development read
                # another way ("launches lawsuit" is legal), not a second one
                and not any(scores.kinds.get(k, 0.0) >= SAME_READING for k in matched)
                and p >= models.kind_thresholds.get(kind_name, 1.0)
                and p > scores.kinds.get("none", 0.0)
                and not (
                    MODEL_HEEDS_EXCLUDES and kind.exclude is not None and kind.exclude.search(sentence)
                )
                and not is_name_and_title(sentence)
            ):
                actor = next((s for s in spans if not s.pronoun), spans[0])
                if not (actor.implicit and kind.sensitive):
                    offer(
                        _Candidate(actor.company, kind, sentence, is_title, p * factor, (0, 0), spans),
                        "any",
                        True,
                    )

    events: list[Event] = []
    for key, (cand, voice) in best.items():
        confidence = min(1.0, cand.score + 0.05 * (seen_in[key] - 1) + (AGREE_BONUS if key in agreed else 0))
        if confidence < min_confidence:
            continue
        model_made = key in from_model
        # Specifics: the evidence sentence first (whole, if the cut fell in it), then the headline.
        # The cut's part of a sentence ends the (right-stripped) body, so a sentence that does
        # not end it cannot be that part: the cut is looked for only for one that does.
        if not cand.in_title and not cut_read and body_end.endswith(cand.sentence):
            cut, cut_read = _cut_sentence(text or ""), True
        whole = cut is not None and not cand.in_title and cand.sentence == cut[0]
        evidence = cut[1] if cut is not None and whole else cand.sentence
        sources = [evidence] + ([title] if title and not cand.in_title else [])
        amount = next((a for s in sources if (a := _amount(cand.kind.name, s))), None)
        round_ = next((r for s in sources if (r := _round(s))), None) if cand.kind.name == "funding" else None
        events.append(
            Event(
                company=cand.company,
                kind=cand.kind.name,
                sensitive=cand.kind.sensitive,
                evidence=evidence.strip(),
                amount=amount,
                round=round_,
                counterparty=None if model_made else _counterparty(cand, voice, names, slug_names),
                confidence=round(confidence, 3),
                tone=_tone(cand, title, rules, scored, models if use_model else None),
            )
        )
    events.sort(key=lambda e: (-e.confidence, e.company, e.kind))
    return events


def _tone(
    cand: _Candidate,
    title: str,
    rules: EventRules,
    scored: Mapping[str, SentenceScores],
    models: Models | None,
) -> str:
    """good, neutral or bad for the company, read off the evidence sentence (and the headline).

    Sensitive kinds are bad news by definition. A bad-news phrase in the evidence or in the
    headline makes any kind bad, and so does a results figure under the one it is compared with
    ("sales $3.22 vs. $3.32 bln", tidings.analysis.shortfall); so does the tone model's P(bad) at
    or over the threshold tuned to catch nearly all bearish training posts: the gate errs towards
    "bad" because bad news must never become a talking point. A body sentence has its own
    threshold (``Models.body_bad_threshold``), chosen on prose.
    """
    if cand.kind.sensitive:
        return "bad"
    texts = [_own_part(cand)] + ([title] if title and not cand.in_title else [])
    if any(rules.sounds_bad(t) or falls_short(t) for t in texts):
        return "bad"
    if models is None:
        return "neutral"
    tones = [scored.get(t) or score_sentence(headline_core(t) if t is title else t, models) for t in texts]
    # the evidence is a body sentence unless it is the headline; the headline is one
    gates = [models.bad_threshold_of(not cand.in_title), models.bad_threshold]
    if any(t.tone.get("bad", 0.0) >= gate for t, gate in zip(tones, gates, strict=False)):
        return "bad"
    own = tones[0].tone
    return "good" if own.get("good", 0.0) > own.get("neutral", 0.0) else "neutral"


_CLAUSE_END_RE = re.compile(r"[,;:.!?]|\s[-–—]\s|\s(?:but|while|whereas)\s")
# what joins a clause about another party to the sentence (", after the latter ...")
_CONNECTIVE_RE = re.compile(
    r"(?:,\s*)?(?:\b(?:after|as|because|since|when|while|and|but|though|although|until|once|where)\s+)?$",
    re.IGNORECASE,
)


def _own_part(cand: _Candidate) -> str:
    """The evidence sentence without the clauses "the latter" / "the former" open when they stand
    for another party: in "Acme buys Globex, after the latter saw layoffs" the layoffs are no bad
    news for Acme."""
    sentence = cand.sentence
    cuts = [s for s in cand.spans if s.reference and s.company != cand.company]
    for span in sorted(cuts, key=lambda s: -s.start):
        end = _CLAUSE_END_RE.search(sentence, span.end)
        joint = _CONNECTIVE_RE.search(sentence, 0, span.start)
        start = joint.start() if joint else span.start
        sentence = sentence[:start] + (sentence[end.start() :] if end else "")
    return sentence


def _better(new: _Candidate, old: _Candidate) -> bool:
    if abs(new.score - old.score) > 1e-9:
        return new.score > old.score
    # Equal weight: a body sentence carries more detail than the headline.
    return old.in_title and not new.in_title
