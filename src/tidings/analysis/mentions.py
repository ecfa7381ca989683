"""Find which tracked companies an article mentions, in one pass over its text.

Every name, alias and domain of every company goes into one case-insensitive regular expression
built as a character trie, so an article costs one scan whatever the number of companies. Each
hit is then judged in Python, where the per-company rules live:

* a name made only of common English words ("Block", "Square", "General Electric") must match
  with its configured capitalisation;
* a single-word common name ("Block") is *ambiguous*: it counts when the text itself shows a
  company (see :mod:`tidings.analysis.namecues`): a business construction around it ("Block
  names a CFO", "acquired by Linear", "Apple's iPhone sales", "shares of Apple"), a legal suffix
  ("Block, Inc."), a ticker that spells it ("$AAPL"), an unambiguous alias, domain or configured
  ticker. Without such a cue a capitalised mid-sentence hit still counts when something else
  supports it: one of the company's ``context`` words, another tracked company confirmed in the
  same article, or the article coming from the company's own sources or from a news search for
  its name (a source that is not the company's own site only for a hit in prose: not in a table
  header or a code line, :mod:`tidings.analysis.prose`). As the capitalised first word of a
  sentence (or inside a Title Case headline) capitalisation proves nothing, so there a hit
  without a cue counts only when the company is confirmed elsewhere, a context word or another
  confirmed tracked company sits in the same sentence, or the article is from the company's own
  site; a line of its own (a table row, a list item) opens a sentence too;
* a one-word name off that list that English has ("Zoom", "Canonical") counts in its own case,
  except in a body line that is no prose (a table header, a code line), where it needs what a
  common word needs;
* ``exclude`` phrases ("Times Square", "square foot") never match, nor a name that is part of
  another one ("Times Square", "Snap-on", "Pershing Square").

Tickers are read only in unmistakable forms: "NASDAQ: ACME", "(NYSE: ACME)" and "$ACME".
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from tidings.analysis.commonwords import common_words, is_english_word
from tidings.analysis.namecues import (
    FUNCTION_WORDS,
    cue_at,
    hyphen_compound,
    names_another,
    sentence_noun,
    ticker_fits,
)
from tidings.analysis.prose import reads_as_prose
from tidings.analysis.sentences import sentence_at, split_of, trim_around
from tidings.analysis.triggers import trie_pattern
from tidings.analysis.verbforms import readings
from tidings.models import Company

__all__ = ["MatchResult", "Mention", "MentionMatcher", "is_ambiguous_name"]

logger = logging.getLogger(__name__)

SNIPPET_CHARS = 300
_WHOLE_SPLIT_CHARS = 2000  # split whole up to this length (events reuse the split within BODY_CHARS)

# Form levels: how much a hit on this surface form proves by itself.
_PLAIN = 0  # distinctive name or domain: any case, anywhere
_CASED = 1  # every word common, several words: exact capitalisation needed
_AMBIGUOUS = 2  # one common word (or a single letter): exact case plus outside evidence
# One word English has that the hand list lacks ("Zoom", "Sprint", "Google"): exact case (or a
# text in capitals), and not as an imperative opening a sentence ("Zoom in on the chart").
# Nothing more: most posts naming such a word name the company ("Tesla", "Ford").
_WORD = 3

# Hit strengths, after looking at where the hit sits.
_STRONG = 2
_GOOD = 1
_WEAK = 0

_EXCHANGES = (
    "NASDAQ|Nasdaq|NasdaqGS|NasdaqGM|NasdaqCM|NYSE American|NYSE Arca|NYSE|AMEX|LSE|LON|TSX|"
    "TSXV|ASX|OTCQX|OTCQB|OTC|Euronext|XETRA|ETR|FWB|SIX|HKEX|SEHK|TSE|TYO|NSE|BSE|KRX|TWSE|"
    "CBOE|BATS"
)
_EXCHANGE_TICKER_RE = re.compile(rf"\b(?:{_EXCHANGES})\s*:\s*([A-Z][A-Z0-9]{{0,6}}(?:\.[A-Z]{{1,2}})?)\b")
_WORD_START_RE = re.compile(r"\w")
_CASHTAG_RE = re.compile(r"(?<![\w$])\$([A-Z][A-Z0-9]{0,5}(?:\.[A-Z]{1,2})?)\b")


def _cashtags(text: str) -> list[re.Match[str]]:
    """The matches ``_CASHTAG_RE.finditer`` gives, tried only at each "$" (found with str.find)
    instead of at every offset: a cashtag starts there, and its look-behind still sees the
    character before it."""
    found = []
    pos = text.find("$")
    while pos != -1:
        m = _CASHTAG_RE.match(text, pos)
        if m is None:
            pos = text.find("$", pos + 1)
        else:
            found.append(m)
            pos = text.find("$", m.end())
    return found


_LEGAL_SUFFIX_RE = re.compile(
    r",?\s+(?:Inc\b\.?|Incorporated\b|Corp\b\.?|Corporation\b|Ltd\b\.?|Limited\b|plc\b|PLC\b|"
    r"LLC\b|L\.L\.C\.|GmbH\b|AG\b|S\.A\.|SA\b|SE\b|N\.V\.|NV\b|Co\.|Holdings\b)"
)
_COMPOUND_RE = re.compile(r" [A-Z][a-z]")
_WORD_RE = re.compile(r"[A-Za-z][\w'’&.-]*")
_SPACE_RE = re.compile(r"\s+")
_VERB_ONLY = frozenset({"VERB"})


def _key(surface: str) -> str:
    return _SPACE_RE.sub(" ", surface.strip()).replace("’", "'").lower()


def _exact(surface: str) -> str:
    return _SPACE_RE.sub(" ", surface.strip()).replace("’", "'")


def _has_case(name: str) -> bool:
    """Whether a configured name says which case it is written in: "Zoom" does; "zoom" or "ZOOM"
    typed by a user does not, and requiring it would miss "Zoom reports record revenue"."""
    return not (name.islower() or name.isupper())


def is_ambiguous_name(name: str, words: frozenset[str] | None = None, *, lexicon: bool = True) -> int:
    """Classify a company name: 0 distinctive, 1 all common words, 2 one common word, 3 one word
    the lexicon knows that is not on the common-words list.

    A single letter or digit ("X") counts as a common word: it is no evidence on its own.
    ``lexicon=False`` skips the lexicon (3 never comes back), so it is not loaded.
    """
    words = common_words() if words is None else words
    parts = [p for p in re.split(r"[\s\-]+", name.strip()) if p]
    if not parts:
        return _PLAIN
    common = [len(p.strip(".,!'’")) <= 1 or p.strip(".,!'’").lower() in words for p in parts]
    if lexicon and len(parts) == 1 and not common[0] and _has_case(parts[0]) \
            and is_english_word(parts[0].strip(".,!'’")):
        return _WORD
    if not all(common):
        # Short acronyms ("GE", "HP") are names only in capitals; "ge" in prose is noise.
        if len(parts) == 1 and len(name.strip()) <= 3 and name.strip().isupper():
            return _CASED
        return _PLAIN
    return _AMBIGUOUS if len(parts) == 1 else _CASED


@dataclass(frozen=True)
class Mention:
    """One tracked company found in one article."""

    company: str  # company slug
    in_title: bool
    count: int
    snippet: str  # the sentence around the first match (body first), trimmed to ~300 chars


@dataclass(frozen=True)
class MatchResult:
    """Mentions plus what the matcher could not confirm, for ingest's counts and the bench."""

    mentions: list[Mention]
    # Slugs whose common-word name appears (capitalised, not excluded) but was not confirmed.
    unconfirmed: tuple[str, ...] = ()
    # Per confirmed slug: what confirmed it ("verb_after", "context", "source", ...).
    reasons: dict[str, str] = field(default_factory=dict)


@dataclass
class _Form:
    company: int
    level: int
    exact: str  # configured surface, whitespace collapsed
    is_domain: bool = False
    # A one-word distinctive-looking name: whether the lexicon has it (_WORD) is asked on its
    # first hit, so a run that never meets such a name never loads the lexicon.
    unresolved: bool = False


@dataclass
class _CompanyRules:
    company: Company
    context: tuple[str, ...]
    exclude: tuple[str, ...]  # lower-case
    learned: tuple[str, ...] = ()  # context words learned from the store (analysis/namelearn.py)
    _context_re: re.Pattern[str] | None = field(default=None, repr=False)
    _learned_re: re.Pattern[str] | None = field(default=None, repr=False)

    def context_re(self) -> re.Pattern[str] | None:
        if self._context_re is None and self.context:
            self._context_re = _words_re(self.context)
        return self._context_re

    def learned_re(self) -> re.Pattern[str] | None:
        if self._learned_re is None and self.learned:
            self._learned_re = _words_re(self.learned)
        return self._learned_re


def _found(pattern: re.Pattern[str] | None, title: str, text: str) -> bool:
    return pattern is not None and (pattern.search(title) is not None or pattern.search(text) is not None)


def _words_re(words: Iterable[str]) -> re.Pattern[str]:
    alternation = "|".join(
        re.escape(_key(c)).replace(r"\ ", r"\s+") for c in sorted(words, key=len, reverse=True)
    )
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)


@dataclass
class _Hit:
    company: int
    start: int
    end: int
    in_title: bool
    strength: int
    needs_context: bool
    cue: str | None = None


def _trie_pattern(keys: Iterable[str]) -> str:
    def escape(ch: str) -> str:
        if ch == " ":
            return r"\s+"
        if ch == "'":
            return "['’]"
        return re.escape(ch)

    return trie_pattern(keys, escape)


_LINK_RE = re.compile(r"(?:https?://|www\.)\S+|[#@$]\w+")


def _is_title_case(title: str) -> bool:
    # Links, hashtags, handles and cashtags after a post's headline are not its words.
    words = [w for w in _WORD_RE.findall(_LINK_RE.sub(" ", title)) if len(w) > 3]
    if len(words) < 2:
        return False
    return sum(w[0].isupper() for w in words) / len(words) >= 0.6


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and (text[i].isspace() or text[i] in "\"'“‘([«"):
        if text[i] == "\n":
            return True
        i -= 1
    return i < 0 or text[i] in ".!?:;|—–-•·"


def _preceded_by_name(text: str, start: int) -> bool:
    """True for "Times Square": a capitalised word glued to the hit that is not possessive."""
    if start < 2 or text[start - 1] != " ":
        return False
    # A cashtag ("$AAPL Apple") is not a word of another name.
    m = re.search(r"(?<![\w$&.-])([A-Za-z][\w&.-]*)$", text[max(0, start - 40) : start - 1])
    # "Facebook-owner Meta": the word glued to the name is "owner", not "Facebook".
    if not m or not m.group(1).rsplit("-", 1)[-1][:1].isupper():
        return False
    word_start = start - 1 - len(m.group(1))
    if _sentence_initial(text, word_start) and m.group(1).lower() in common_words():
        # "Rival Square launched..." : a capitalised common word at a sentence start is prose.
        return False
    return True


_OBJECT_START_RE = re.compile(
    r"[ \t]+(?:the|a|an|your|our|my|their|his|her|it|them|this|that|these|those|out|up|off|"
    r"down|in|away|through)\b"
)


# Stricter than _OBJECT_START_RE for names that are otherwise as sure as distinctive ones:
# "Google in talks", "Google this week said" are the company; "Zoom in on", "Google it" are not.
_WORD_IMPERATIVE_RE = re.compile(
    r"[ \t]+(?:(?:in|out|up|off|down|away|through|over|into)[ \t]+(?:on|to|in|into|at|and|with|the|a|an|"
    r"your|our|my|their|it|them)\b|(?:the|a|an|your|our|my|their|it|them)\b)"
)


def _imperative(text: str, end: int, name: str) -> bool:
    """The name, read as a verb, takes an object or a particle: "Block the", "Shell out"."""
    return _OBJECT_START_RE.match(text, end) is not None and "VERB" in readings(name)


_NOT_WORDS_RE = re.compile(r"https?://\S+|&\w+;|[@#$]\w+")


def _has_lower(text: str) -> bool:
    """True when a word of ``text`` has a small letter; links, handles and "&amp;" do not count."""
    return any(c.islower() for c in _NOT_WORDS_RE.sub(" ", text))


def _word_before(text: str, start: int) -> str:
    # A cashtag ("$AAPL Apple ...") is not a word of the name that follows it.
    m = re.search(r"(?<![\w$])([A-Za-z][\w&'’-]*)\s+$", text[max(0, start - 40) : start])
    return m.group(1) if m else ""


def _in_prose(text: str, offset: int) -> bool:
    # The text's shared split (split once per text), not a fresh split of the 1,200 characters
    # around every hit: a body names a word-name company many times.
    spans = split_of(text).upto(offset) if len(text) <= _WHOLE_SPLIT_CHARS else None
    start, end = sentence_at(text, offset, spans)
    return reads_as_prose(text, start, end)


def _distinct(hits: list[_Hit]) -> int:
    """Count hits, treating overlapping ones ("NASDAQ: ACME" read as name and ticker) as one."""
    count = 0
    for in_title in (True, False):
        last_end = -1
        for hit in sorted((h for h in hits if h.in_title == in_title), key=lambda h: h.start):
            if hit.start >= last_end:
                count += 1
            last_end = max(last_end, hit.end)
    return count


class MentionMatcher:
    """Matches many companies against articles; build once, call :meth:`find` per article."""

    def __init__(
        self,
        companies: Sequence[Company],
        *,
        ambiguous: Iterable[str] = (),
        words: frozenset[str] | None = None,
        disabled_cues: Iterable[str] = (),
        learned: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        """``ambiguous`` names are treated as ambiguous even when not common words.

        ``learned``: context words per company slug learned from the store
        (:func:`tidings.analysis.namelearn.learn_context`); they support a hit like configured
        context words do, with the reason "learned".

        ``disabled_cues`` switches named cues off (namecues.CUES, plus "context", "source",
        "source_title", "prose", "co_company"): the bench measures what each one
        contributes.
        """
        self._words = common_words() if words is None else words
        self._disabled = frozenset(disabled_cues)
        self._slug_index: dict[str, int] = {}
        forced = {_key(a) for a in ambiguous}
        self._rules: list[_CompanyRules] = []
        self._forms: dict[str, list[_Form]] = {}
        self._tickers: dict[str, list[int]] = {}
        for index, company in enumerate(companies):
            self._slug_index.setdefault(company.slug, index)
            self._rules.append(
                _CompanyRules(
                    company=company,
                    context=tuple(c for c in company.context if c.strip()),
                    exclude=tuple(_key(e) for e in company.exclude if e.strip()),
                    learned=tuple(w for w in (learned or {}).get(company.slug, ()) if w.strip()),
                )
            )
            for name in company.names:
                if not name.strip():
                    continue
                level = is_ambiguous_name(name, self._words, lexicon=False)
                if _key(name) in forced:
                    level = _AMBIGUOUS
                exact = _exact(name)
                if level in (_AMBIGUOUS, _CASED) and exact.islower():
                    # "delta" typed by a user says nothing of case; a common-word name is told
                    # from prose by its capital, so the form to look for is "Delta".
                    exact = " ".join(w[:1].upper() + w[1:] for w in exact.split(" "))
                one_word = level == _PLAIN and exact.isalpha() and _has_case(exact)
                self._add(_key(name), _Form(index, level, exact, unresolved=one_word))
            for domain in company.domains:
                domain = domain.strip().lower().removeprefix("www.")
                if domain:
                    self._add(domain, _Form(index, _PLAIN, domain, is_domain=True))
            for ticker in company.tickers:
                symbol = re.split(r"[:\s$]+", ticker.strip())[-1].upper()
                if symbol:
                    self._tickers.setdefault(symbol, []).append(index)
        pattern = _trie_pattern(sorted(self._forms))
        self._regex = re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE) if pattern else None
        # The keys are lower case: scanning lowered text without IGNORECASE is 2-3x faster.
        self._lower_regex = re.compile(rf"(?<!\w)(?:{pattern})(?!\w)") if pattern else None
        # Faster still, when every key starts with a word character: the non-word character
        # before a name is matched instead of looked behind for ("\W" over lowered text with a
        # space in front), so the regex engine skips ahead to such characters in C instead of
        # starting at every offset. Same matches: a name starts where (?<!\w) holds.
        self._gap_regex = (
            re.compile(rf"\W(?:{pattern})(?!\w)")
            if pattern and all(_WORD_START_RE.match(key) for key in self._forms)
            else None
        )

    def _add(self, key: str, form: _Form) -> None:
        forms = self._forms.setdefault(key, [])
        if not any(f.company == form.company and f.exact == form.exact for f in forms):
            forms.append(form)

    def _excluded(self, rules: _CompanyRules, lowered: str, start: int, end: int) -> bool:
        for phrase in rules.exclude:
            lo = max(0, start - len(phrase))
            pos = lowered.find(phrase, lo, end + len(phrase))
            while pos != -1 and pos < end:
                if pos + len(phrase) > start:
                    return True
                pos = lowered.find(phrase, pos + 1, end + len(phrase))
        return False

    def _found(self, text: str) -> tuple[list[tuple[int, int]], str | None]:
        """(start, end) of the trie's matches in ``text``, and the lowered text if it was used."""
        if self._regex is None or self._lower_regex is None:
            return [], None
        lowered = text.lower()
        if len(lowered) != len(text):
            # Lowering changed the length ("İ"): offsets would drift, match the original.
            return [(m.start(), m.end()) for m in self._regex.finditer(text)], None
        if self._gap_regex is not None:
            # offsets in " " + lowered: the match starts at the gap, one before the name
            return [(m.start(), m.end() - 1) for m in self._gap_regex.finditer(" " + lowered)], lowered
        return [(m.start(), m.end()) for m in self._lower_regex.finditer(lowered)], lowered

    def _scan(self, text: str, in_title: bool, title_case: bool | None, hits: list[_Hit]) -> None:
        """Hits of ``text``; ``title_case`` None: whether it is Title Case is read only when a hit
        needs it (a distinctive name never does)."""
        if self._regex is not None and self._lower_regex is not None:
            found_spans, lowered = self._found(text)
            for start, end in found_spans:
                found = text[start:end]
                # _key is _exact lowered; a plain word has nothing for either to normalise
                surface = found if found.isalnum() else _exact(found)
                forms = self._forms.get(surface.lower())
                if not forms:
                    continue
                for form in forms:
                    if form.unresolved:
                        form.level = _WORD if is_english_word(form.exact) else _PLAIN
                        form.unresolved = False
                    if form.level != _PLAIN and surface != form.exact and not (
                        # A text in capitals ("TESLA SAYS ...") tells nothing by its case.
                        form.level == _WORD and surface == form.exact.upper() and not _has_lower(text)
                    ):
                        continue
                    rules = self._rules[form.company]
                    if rules.exclude:
                        lowered = text.lower() if lowered is None else lowered
                        if self._excluded(rules, lowered, start, end):
                            continue
                    if title_case is None and form.level != _PLAIN:
                        title_case = _is_title_case(text)
                    hits.append(self._judge(text, start, end, form, in_title, bool(title_case)))
        if "$" in text:
            for m in _cashtags(text):
                for company in self._tickers.get(m.group(1), ()):
                    hits.append(_Hit(company, m.start(), m.end(), in_title, _STRONG, False))
        if ":" in text:
            for m in _EXCHANGE_TICKER_RE.finditer(text):
                for company in self._tickers.get(m.group(1), ()):
                    hits.append(_Hit(company, m.start(), m.end(), in_title, _STRONG, False))

    def _judge(self, text: str, start: int, end: int, form: _Form, in_title: bool, title_case: bool) -> _Hit:
        if form.level == _PLAIN:
            if (
                not form.is_domain and "lower_case" not in self._disabled
                and not form.exact.islower() and text[start:end].islower()
            ):
                # "set disassembly-flavor intel", "oracle" as a word: a name the company writes
                # with a capital, found in lower case, is a word as often as a common-word
                # name is; it counts on a cue or with the company confirmed around it.
                cue = cue_at(text, start, end, form.exact, sentence_at(text, start)[0], initial=True,
                             disabled=self._disabled)
                if cue is not None and cue not in self._disabled:
                    return _Hit(form.company, start, end, in_title, _STRONG, False, cue)
                return _Hit(form.company, start, end, in_title, _WEAK, True)
            return _Hit(form.company, start, end, in_title, _STRONG, False)
        uninformative = (in_title and title_case) or _sentence_initial(text, start)
        if form.level == _WORD:
            # Past its case, a word name is as sure as a distinctive one, unless it opens a
            # sentence as a verb taking an object ("Zoom in on the chart").
            if (
                uninformative and not (in_title and title_case)
                and _WORD_IMPERATIVE_RE.match(text, end) and "VERB" in readings(form.exact)
            ):
                return _Hit(form.company, start, end, in_title, -1, True)
            if not in_title and "prose" not in self._disabled and not _in_prose(text, start):
                # A table header or a code line capitalises words for its own reasons ("Size
                # Canonical All All, Cumulative Generate Search"): there the capital proves
                # nothing, and the name needs what a common word needs.
                return _Hit(form.company, start, end, in_title, _WEAK if uninformative else _GOOD, True)
            return _Hit(form.company, start, end, in_title, _STRONG, False)
        if form.level == _CASED:
            return _Hit(form.company, start, end, in_title, _WEAK if uninformative else _STRONG, False)
        if (
            uninformative and not (in_title and title_case) and "imperative" not in self._disabled
            and _imperative(text, end, form.exact)
        ):
            # "Block the road.", "Shell out for it": a verb opening a sentence and taking an
            # object is an imperative, never the company, whatever supports it.
            return _Hit(form.company, start, end, in_title, -1, True)
        compound = hyphen_compound(text, end)
        if compound is False:
            # "Snap-on", "45,000-Square-Foot": the name is part of another word.
            return _Hit(form.company, start, end, in_title, -1, True)
        before = _word_before(text, start)
        # "Start Tracking Apple Stock", "Is Microsoft Teams Eating Slack Alive?": after a
        # capitalised word that can only be a verb the name is its object, not the last word
        # of another name ("Pershing Square") or phrase ("Net Zero Target").
        after_verb = (
            bool(before) and "verb_object" not in self._disabled and readings(before) == _VERB_ONLY
        )
        if (
            not uninformative and not (in_title and title_case) and not after_verb
            and _preceded_by_name(text, start)
        ):
            # "Times Square", "Pershing Square Holdings, Ltd.": part of another name.
            return _Hit(form.company, start, end, in_title, -1, True)
        in_phrase = False
        if in_title and title_case and not after_verb:
            if before and before[0].isupper() and before.lower() not in FUNCTION_WORDS:
                known = before.lower() in self._words or bool(readings(before))
                if not known and not _sentence_initial(text, start):
                    # "Pershing Square Holdings", "Madison Square Garden": part of another name
                    # (a word no English lexicon knows; "Upgrades Snap Inc" is English).
                    return _Hit(form.company, start, end, in_title, -1, True)
                # "Former Gap CEO", "Antitrust Regulators Likely To...": an adjective qualifies
                # the name; a noun before it may end a phrase with it ("Net Zero Target").
                in_phrase = not _sentence_initial(text, start) and (
                    "adjective_before" in self._disabled or "ADJ" not in readings(before)
                )
        if "suffix" not in self._disabled and _LEGAL_SUFFIX_RE.match(text, end):
            return _Hit(form.company, start, end, in_title, _STRONG, False, "suffix")
        sentence_start, sentence_end = sentence_at(text, start)
        initial = uninformative
        if (
            in_title and title_case and before.lower() in FUNCTION_WORDS
            and "function_before" not in self._disabled and not _sentence_initial(text, start)
        ):
            # "Launches Exclusively in Target Stores": after "in", "at", "of" a Title Case name
            # is not an adjective opening the headline, so any business noun after it counts.
            initial = False
        cue = cue_at(
            text, start, end, form.exact, sentence_start, initial=initial, in_phrase=in_phrase,
            title_case=in_title and title_case, disabled=self._disabled,
        )
        compound = _COMPOUND_RE.match(text, end) is not None
        if (
            cue is None and not uninformative and not compound
            and sentence_noun(text, sentence_start, sentence_end)
        ):
            # Weaker than the cues around the name, so not for "Fox Rent A Car", whose capital
            # after the name may start another name.
            cue = "sentence_noun"
        if cue is not None and cue not in self._disabled:
            return _Hit(form.company, start, end, in_title, _STRONG, False, cue)
        if in_phrase:
            # "Net Zero Target", "Price Target": a Title Case phrase the name ends.
            return _Hit(form.company, start, end, in_title, -1, True)
        if uninformative or compound:
            # "The Snap Grip Stand", "their Linear Address Masking": the capital may belong to
            # another name the hit begins, so it needs the company confirmed around it.
            return _Hit(form.company, start, end, in_title, _WEAK, True)
        return _Hit(form.company, start, end, in_title, _GOOD, True)

    def find(self, title: str, text: str, *, source_company: str | None = None,
             own_site: bool = False) -> list[Mention]:
        """Return one :class:`Mention` per company found in ``title`` or ``text``.

        ``source_company`` is the slug of the company whose source (feed, page or news search)
        brought the article; ``own_site`` says that source is the company's own site.
        Results are ordered by first appearance (title first).
        """
        return self.match(title, text, source_company=source_company, own_site=own_site).mentions

    def match(self, title: str, text: str, *, source_company: str | None = None,
              own_site: bool = False) -> MatchResult:
        """Like :meth:`find`, also saying which common-word names could not be confirmed."""
        title = title or ""
        text = text or ""
        hits: list[_Hit] = []
        self._scan(title, True, None, hits)
        self._scan(text, False, False, hits)
        by_company: dict[int, list[_Hit]] = {}
        for hit in hits:
            if hit.strength >= _WEAK:
                by_company.setdefault(hit.company, []).append(hit)
        if not by_company:
            return MatchResult([])
        source = self._slug_index.get(source_company) if source_company else None
        # Companies the text proves by itself (a distinctive name, a cue) support the others:
        # "Apple, Amazon, Tesla" is a list of companies when Amazon is tracked.
        sure = {c for c, found in by_company.items() if any(h.strength == _STRONG for h in found)}
        mentions: list[Mention] = []
        unconfirmed: list[str] = []
        reasons: dict[str, str] = {}
        for company, company_hits in by_company.items():
            accepted, reason = self._accept(company, company_hits, title, text, sure, source, own_site)
            slug = self._rules[company].company.slug
            if accepted:
                mentions.append(self._mention(company, accepted, title, text))
                reasons[slug] = reason
            elif any(h.needs_context for h in company_hits):
                unconfirmed.append(slug)
        return MatchResult(mentions, tuple(unconfirmed), reasons)

    def _ticker_fits(self, company: int, title: str, text: str) -> bool:
        """A cashtag or exchange ticker that spells the name ("$AAPL" for Apple)."""
        if "ticker" in self._disabled:
            return False
        name = self._rules[company].company.name
        for source in (title, text[:3000]):
            if "$" in source:
                for m in _cashtags(source):
                    if ticker_fits(m.group(1), name):
                        return True
            if ":" in source:
                for m in _EXCHANGE_TICKER_RE.finditer(source):
                    if ticker_fits(m.group(1), name):
                        return True
        return False

    def _accept(
        self, company: int, hits: list[_Hit], title: str, text: str, sure: set[int],
        source: int | None, own_site: bool,
    ) -> tuple[list[_Hit], str]:
        strong = [h for h in hits if h.strength == _STRONG]
        if strong:
            return hits, strong[0].cue or "name"
        if not any(h.needs_context for h in hits):
            # Without outside evidence only distinctive, non-ambiguous weak hits could stand,
            # and a _CASED name at a sentence start is still the company ("General Electric
            # said..."): keep those.
            return hits, "name"
        if self._ticker_fits(company, title, text) and (
            "compound_ticker" in self._disabled
            or not all(names_another(title if h.in_title else text, h.end) for h in hits)
        ):
            # Not when every hit begins another name: "$UNTY - Unity Bancorp" is a company
            # whose ticker spells "Unity", but not the Unity tracked.
            return hits, "ticker"
        good = any(h.strength == _GOOD for h in hits)
        rules = self._rules[company]
        context_re = rules.context_re() if "context" not in self._disabled else None
        learned_re = rules.learned_re() if "learned" not in self._disabled else None
        has_context = _found(context_re, title, text)
        # Words learned from the store support a hit as configured ones do; the reason says
        # which, so the bench can switch them off.
        context_reason = "context"
        if not has_context and _found(learned_re, title, text):
            has_context, context_reason = True, "learned"
        from_source = source == company and "source" not in self._disabled
        if from_source and own_site:
            # The company's own site: a capitalised name there is the company.
            return hits, "source"
        others = sure - {company} if "co_company" not in self._disabled else set()
        support = (
            context_reason if has_context else "source" if from_source else "co_company" if others else ""
        )
        if support == "source":
            # A news search for "Gap" returns every headline with the word ("fill the Gap at
            # 3,811"): its result supports a capitalised name only in the body; a headline
            # still needs a cue of its own.
            supported = [h for h in hits if h.strength == _GOOD
                         and (not h.in_title or "source_title" in self._disabled)]
            good = bool(supported)
            if good and "prose" not in self._disabled and not any(
                h.in_title or _in_prose(text, h.start) for h in supported
            ):
                # A source filed under the company (a person's blog, a trade feed) supports the
                # name in prose, not in a table header or a line of code ("Size Canonical All
                # All, Cumulative Generate Search" on a blog filed under Canonical); another
                # confirmed company still may, as it would without the source.
                support = "co_company" if others else ""
                good = any(h.strength == _GOOD for h in hits)
        if support and good:
            return hits, support
        if not support:
            return [h for h in hits if not h.needs_context], ""
        # Support exists but every hit is at a sentence start: accept a hit only when a context
        # word or a confirmed company sits in its own sentence ("Apple unveils the iPhone 16").
        for hit in hits:
            src = title if hit.in_title else text
            start, end = sentence_at(src, hit.start)
            for pattern, why in ((context_re, "context"), (learned_re, "learned")):
                if pattern is not None and pattern.search(src, start, end):
                    return hits, why
            if others and self._other_in_span(others, src, start, end):
                return hits, "co_company"
        return [], ""

    def _other_in_span(self, others: set[int], text: str, start: int, end: int) -> bool:
        if self._regex is None:
            return False
        for m in self._regex.finditer(text, start, end):
            for form in self._forms.get(_key(m.group()), ()):
                if form.company in others:
                    return True
        return False

    def _mention(self, company: int, hits: list[_Hit], title: str, text: str) -> Mention:
        body_hits = [h for h in hits if not h.in_title]
        first = min(body_hits, key=lambda h: h.start) if body_hits else hits[0]
        source = title if first.in_title else text
        # A short text is split from its start as far as the hit (sentence_at reads no span
        # after the one holding it; the split is shared with the event rules, which read the
        # same article next); a long one only around the hit.
        spans = split_of(source).upto(first.start) if len(source) <= _WHOLE_SPLIT_CHARS else None
        start, end = sentence_at(source, first.start, spans)
        snippet = trim_around(source, start, end, first.start, SNIPPET_CHARS)
        return Mention(
            company=self._rules[company].company.slug,
            in_title=any(h.in_title for h in hits),
            count=_distinct(hits),
            snippet=snippet,
        )
