"""What the text itself shows about a common-word company name ("Block", "Apple", "Stripe").

A name that is also an English word is the company when the text uses it as a company: as the
subject of a business verb ("Stripe raises", "Block names a CFO", "Ford to cut jobs"), as the
object of one ("acquired by Linear", "shares of Apple", "energy giant Shell"), before a
business noun ("Apple CEO Tim Cook", "Snap shares"), as a possessive owning something
("Apple's iPhone sales"), in a list of other names ("Netflix, Chevron, Apple, Alibaba"), or
after a ticker that spells it ("$AAPL - Apple ..."). Each test is a cue with a name, so the
bench can say what every cue finds and what it gets wrong (bench/analysis_core.py).

These read only the few words around a hit, so they cost nothing on text without one.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tidings.analysis import verbforms

__all__ = [
    "CUES", "FUNCTION_WORDS", "SWITCHES", "cue_at", "hyphen_compound", "names_another", "sentence_noun",
    "ticker_fits",
]

# Words a Title Case headline capitalises that never belong to a name: "Why Target Earnings",
# "Downside In Apple Shares" keep the name apart from the word before it.
FUNCTION_WORDS = frozenset(
    """a an the and or but nor for of in on at to by from with as vs vs. versus via into onto
    over after before about against between among amid why how what when where who which will
    is are was were be has have had do does did can could should would may might must if than
    then so just now here there this that these those its their his her our your my says said
    says""".split()
)

# Verbs a company does in news, in the forms a headline or a report uses (3rd person, past,
# "to" + base form after the name). Chosen as actions of an organisation, not of things: "rises"
# and "falls" are left out because "Gap widens" or "Shell falls" also describe objects.
_VERB_STEMS = (
    "acquire|buy|bought|sell|sold|raise|name|appoint|hire|launch|unveil|announce|report|post|cut|"
    "lay|sue|file|partner|team|invest|expand|open|close|shut|reveal|release|introduce|debut|say|"
    "said|plan|expect|agree|sign|ink|settle|face|win|won|lose|lost|beat|miss|top|warn|seek|sought|"
    "offer|delay|recall|confirm|deny|denie|hike|lift|lower|boost|slash|deliver|ship|build|built|"
    "start|begin|began|add|pull|halt|suspend|resume|back|merge|spin|list|issue|declare|pay|"
    "paid|fire|oust|tap|pick|select|choose|chose|replace|promote|restructure|reorgani[sz]e|shed|"
    "trim|axe|eliminate|move|shift|relocate|test|pilot|roll|bring|brought|outline|forecast|"
    "guide|project|tell|told|accuse|fine|approve|reaffirm|reiterate|acquire|employ|require|"
    "block|ban|bet|push|make|made|unveil|compete|rejoin|join|leave|left|blame|threaten|slow|"
    "curtail|rein|inve[sś]t|acquir|emerge|quit|exit|drop|stop|allow|let|ask|tell|hit|set|"
    "create|develop|design|explore|consider|weigh|mull|eye|target|court|woo|strike|struck|"
    "complete|finali[sz]e|clinch|secure|land|receive|get|got|gain|grow|grew|double|triple|"
    "overtake|surpass|pass|reach|become|became|remain|continue|defend|respond|refuse|decline|"
    "dismiss|appeal|challenge|counter|criticise|criticize|insist|claim|argue|admit|acknowledge|"
    "apologi[sz]e|vow|pledge|promise|aim|hope|want|need|prepare|gear|brace|cope|struggle|"
    "ramp|scale|invest|spend|spent|charge|bill|sue|settle|owe|borrow|lend|lent|fund|finance|"
    "underwrite|value|bid|submit|register|trademark|patent|license|licence|certif|score"
)
_VERBS = frozenset(_VERB_STEMS.replace("[sz]", "s").replace("[sś]", "s").split("|")) | frozenset(
    "reorganize finalize apologize criticize take took taken step see saw seen help avert terminate "
    "downgrade upgrade keep kept go went cancel discontinue acquire unveil morph turn follow".split()
)


# A stock's moves, the way market news reports them: the company is the subject ("Gap ticks
# higher", "Shell slides", "Apple hovers above $150"). Third person and past forms; the base
# forms only after a plural subject or "to".
_MARKET_BASES = frozenset(
    "rise fall gain slide slip rally jump climb tick hover dip drop sink surge soar tumble plunge "
    "slump sag edge trade spike rebound recover outperform underperform lag extend pare retreat "
    "advance decline sell-off tank crater skyrocket rocket zoom sputter stall wobble".split()
)
_MARKET_FORMS = frozenset(
    "rises rose falls fell gains gained slides slid slips slipped rallies rallied jumps jumped "
    "climbs climbed ticks ticked hovers hovered dips dipped drops dropped sinks sank surges surged "
    "soars soared tumbles tumbled plunges plunged slumps slumped sags sagged edges edged trades "
    "traded spikes spiked rebounds rebounded recovers recovered outperforms outperformed "
    "underperforms underperformed lags lagged extends extended pares pared retreats retreated "
    "advances advanced declines declined tanks tanked craters cratered skyrockets skyrocketed "
    "rockets rocketed zooms zoomed sputters sputtered stalls stalled wobbles wobbled".split()
)


def _is_verb(word: str) -> bool:
    """A business verb in any inflection: "raises", "named", "planning", "cutting", "buys"."""
    w = word.lower().strip("'’")
    candidates = {w}
    for suffix in ("ing", "ed", "es", "s", "d"):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            base = w[: -len(suffix)]
            candidates.update((base, base + "e"))
            if len(base) > 2 and base[-1] == base[-2]:
                candidates.add(base[:-1])  # planning, cutting
    if w.endswith(("ies", "ied")):
        candidates.add(w[:-3] + "y")
    return not candidates.isdisjoint(_VERBS)


# Words that may sit between the name and its verb: "Apple on Tuesday unveiled", "Block is
# laying off", "Ford will recall", "Shell has agreed to".
_AUX = frozenset(
    "is was has had have will would could may might must should can cannot won't isn't wasn't "
    "hasn't reportedly also now officially quietly finally just still again already "
    "today yesterday is set to be are were does did on".split()
)
# Auxiliaries after which a verb takes its base form ("Ford will cut", "Block did not say").
_MODALS = frozenset(
    "to will would could may might must should can cannot won't does did doesn't didn't".split()
)
_BE_HAVE = frozenset("is was are were be been has had have isn't wasn't hasn't".split())
_DAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
# Nouns that follow a company's name ("Apple CEO", "Snap shares") or that a possessive company
# owns ("Shell's profit", "Block's CFO").
_BUSINESS_NOUNS = frozenset(
    """ceo cfo coo cto cmo chief chairman chairwoman chair president founder co-founder cofounder
    executive executives exec execs spokesperson spokesman spokeswoman board director directors
    shares share stock stocks stockholders shareholders investors investor employees employee
    workers staff staffers engineers earnings revenue revenues results sales profit profits
    loss losses quarter quarterly guidance outlook forecast stores store headquarters hq unit
    units subsidiary division divisions business businesses app apps platform platforms deal
    deals analyst analysts eps stake ipo customers users subscribers supplier suppliers
    contractor contractors q1 q2 q3 q4 fy h1 h2 partner partners rival rivals acquisition acquisitions merger
    valuation market-cap products product services service device devices brand brands
    factory factories plant plants warehouse warehouses offices office campus lawyers
    lawsuit probe filing filings dividend buyback bonds debt layoffs hiring jobs""".split()
)
# After a name at the start of a sentence an adjective reading is possible ("Linear stocks",
# "Target audience"): only nouns that name a company's people or stock count there.
_HEAD_NOUNS = frozenset(
    """ceo cfo coo cto chief chairman president founder co-founder cofounder executive executives
    spokesperson spokesman spokeswoman shares stock shareholders investors employees workers staff
    board earnings revenue eps q1 q2 q3 q4 fy analyst analysts supplier contractor""".split()
)
# Words before the name that make it a company: "acquired by Linear", "shares of Apple",
# "energy giant Shell", "Facebook-owner Meta", "sues Target".
_BEFORE_PHRASES = re.compile(
    r"(?:\b(?:acquired|bought|owned|backed|led|founded|run|sued|hired|funded|made|built|"
    r"developed|released|launched|announced|operated|employed|offered|sold|powered|"
    r"made|published|reported|used|purchased|taken|snapped up) by|"
    r"\b(?:shares|stock|stake|stakes|investment|investments|interest|ceo|cfo|chief executive|"
    r"head|founder|co-founder|chairman|president|owner|parent|unit|division|spokesperson|"
    r"spokesman|spokeswoman|executives?|employees?|engineers?|analysts?) (?:of|in|at)|"
    r"\b(?:deal|deals|partnership|partnerships|contract|agreement|talks|merger|lawsuit|suit|"
    r"claim|case|complaint|dispute) (?:with|against)|"
    r"\b(?:rival|rivals|competitor|competitors|companies|firms|giants|players|brands|"
    r"retailers) (?:like|such as)|\b(?:including|such as)|"
    r"\b(?:worked|works|working|job|jobs|role|engineer|executive|manager|director|analyst) at|"
    r"\b(?:downgrades?|upgrades?|reiterates?|initiates?|sues|acquires?|buys|buy|sell|joins|beats out|"
    r"leaves|left|rejoins|joined|against|versus|vs\.?|with rival|rival|rivals|competitor)|"
    r"\b(?:company|firm|giant|retailer|maker|startup|start-up|automaker|carmaker|bank|insurer|"
    r"group|conglomerate|owner|parent|operator|provider|chain|supplier|lender|fintech|"
    r"processor|network|broadcaster|major|titan|behemoth|incumbent|unicorn|developer|"
    r"producer|manufacturer|vendor|platform|app|service|brand|marketplace)) $",
    re.IGNORECASE,
)
# Nouns that, anywhere in its sentence, make a capitalised mid-sentence name a company: "a fund
# manager said Meta is now the fund's lowest rated stock".
_SENTENCE_NOUNS = re.compile(
    r"\b(?:company|companies|firm|firms|stock|stocks|shares|shareholders|investors|revenue|"
    r"earnings|profits?|ceo|cfo|chief executive|acquisition|acquired|startup|start-up|"
    r"valuation|ipo|retailer|retailers|automaker|carmaker|tech giant|subsidiary|layoffs|"
    r"analysts?|nasdaq|nyse|market cap|quarterly|fiscal)\b",
    re.IGNORECASE,
)
_HYPHEN_COMPANY = frozenset(
    "owned backed led based made branded funded controlled operated run style esque like "
    "designed built sponsored affiliated".split()
)
_WORD_AFTER = re.compile(r"[ \t]*([A-Za-z][\w'’-]*)")
_POSSESSIVE = re.compile(r"['’]s?\s+(?:(?:new|latest|own|first|next|biggest|former|top|main|"
                         r"upcoming|recent|annual|long-awaited|[a-z]+-[a-z]+)\s+)?([A-Za-z0-9][\w-]*)")
_PAREN_TICKER = re.compile(r"\s*\((?:[A-Z][A-Za-z ]{1,12}:\s*)?[A-Z]{1,5}(?:\.[A-Z])?\)")
_CASHTAG_LEAD = re.compile(r"^\s*(?:\$[A-Z][A-Z0-9.]{0,6}[\s,]*)+(?:\([^)]*\)\s*)?[-–—:|]\s*$")
_LIST_ITEM = re.compile(r"[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,2}")

# Every cue's name, in the order the bench prints them.
CUES = (
    "suffix", "ticker", "verb_after", "market_verb", "verb_form", "copula", "noun_after", "possessive",
    "before", "hyphen", "list", "cashtag_lead", "prep_object", "modifier",
    "sentence_noun",
)
# Checks that are not cues but can be switched off the same way, for the bench: "verb_object"
# (a Title Case name after a verb-only word is its object: "Start Tracking Apple Stock") and
# "be_have" (after "is" or "has" a bare base form is not a verb: "Linear is slow").
# "adjective_before": a Title Case name after an adjective ("Former Gap CEO") is not the end
# of a noun phrase, so the cues after it still read.
# "function_before": after "in", "at", "of" in a Title Case headline any business noun after
# the name counts ("in Target Stores"), not only the people and stock nouns.
# "imperative": a sentence-initial name that reads as a verb taking an object ("Block the
# road", "Shell out") is vetoed whatever supports it.
# "compound_ticker": a ticker that spells the name does not confirm a hit that begins another
# name ("$UNTY - Unity Bancorp", "$DLA - Delta Apparel").
# "lower_case": a name written with a capital ("Intel") found only in lower case needs a cue or
# the company confirmed around it, as a common word does.
SWITCHES = (
    "verb_object", "be_have", "adjective_before", "function_before", "imperative", "compound_ticker",
    "lower_case",
)


def names_another(text: str, end: int) -> bool:
    """The hit begins another name: a capitalised word follows that is neither a function
    word, a business noun nor an inflected verb ("Unity Bancorp", "Delta Apparel", "Apple
    Watch"; not "Apple Could", "Apple Stock", "Apple Rises")."""
    m = re.match(r" ([A-Z][a-z][\w'’-]*)", text[end : end + 40])
    if not m:
        return False
    word = m.group(1).lower().strip("'’")
    if word in FUNCTION_WORDS or word in _AUX or word in _BUSINESS_NOUNS:
        return False
    lemmas = verbforms.verb_lemmas(word)
    return not lemmas or lemmas == (word,)


def hyphen_compound(text: str, end: int) -> bool | None:
    """After "Snap" in "Snap-on": True for a company compound ("Amazon-owned"), False for a
    word compound ("Snap-on", "45,000-Square-Foot"), None when no hyphen follows."""
    if end >= len(text) or text[end] not in "-‐":
        return None
    m = re.match(r"[-‐]([A-Za-z]+)", text[end:])
    if not m:
        return None
    return m.group(1).lower() in _HYPHEN_COMPANY


def ticker_fits(symbol: str, name: str) -> bool:
    """True when a ticker spells the name ("AAPL" for Apple, "TGT" for Target, "SHEL" for
    Shell): same first letter and every letter in order. One-letter tickers prove nothing."""
    symbol = symbol.split(".")[0].upper()
    letters = name.upper()
    if len(symbol) < 2 or not letters or symbol[0] != letters[0]:
        return False
    pos = 0
    for ch in symbol:
        # A letter may be used twice in a row ("AAPL" for Apple), never out of order.
        pos = letters.find(ch, pos)
        if pos == -1:
            return False
    return True


def _words_after(text: str, end: int, limit: int) -> list[str]:
    words = []
    pos = end
    while len(words) < limit:
        m = _WORD_AFTER.match(text, pos)
        if not m:
            break
        words.append(m.group(1))
        pos = m.end()
        if pos < len(text) and text[pos] in ".;:!?\n":
            break
    return words


_PAIR = re.compile(r"\s+(?:and|&)\s+[A-Z][\w&.-]*(?:['’]s)?(?=\s)")


_PAIR_BEFORE = re.compile(r"[A-Z][\w&.-]*(?:['’]s)?\s+(?:and|&)\s+$")


def _predicate(text: str, end: int, start: int = -1) -> tuple[list[str], int, bool, bool] | None:
    """The words after the name, the index of the first one past auxiliaries, whether a base
    form may stand there ("Ford to cut", "Apple will launch", "Target and Lowe's gain") and
    whether a pair makes a plural subject."""
    # "Target and Lowe's gain", "Apple and Microsoft helped lift": the pair is the subject.
    pair = _PAIR.match(text, end)
    if pair:
        end = pair.end()
    words = _words_after(text, end, 5)
    # "T-Mobile and Apple Join Forces": a pair before the name is a plural subject too.
    base_ok = pair is not None or (
        start > 0 and _PAIR_BEFORE.search(text, max(0, start - 40), start) is not None
    )
    for i, word in enumerate(words):
        low = word.lower().strip("'’")
        if low in _AUX or low in _DAYS:
            base_ok = base_ok or low in _MODALS
            continue
        if low == "to":
            return (words, i + 1, True, pair is not None) if i + 1 < len(words) else None
        return words, i, base_ok, pair is not None
    return None


def _after_be_or_have(words: list[str], i: int) -> bool:
    """"Linear is slow", "Apple has launch plans": after a form of "be" or "have" a verb is a
    participle ("is laying off", "has agreed"); a bare base form there is an adjective or a
    noun."""
    return i > 0 and words[i - 1].lower() in _BE_HAVE and verbforms.is_bare_base(words[i])


def _verb_after(text: str, end: int, start: int = -1, be_have: bool = True) -> bool:
    found = _predicate(text, end, start)
    if found is None:
        return False
    words, i, _, _ = found
    return _is_verb(words[i]) and not _is_noun_use(words, i) and not (be_have and _after_be_or_have(words, i))


_COPULA = re.compile(r"[ \t]+(?:is|has|was|had|Is|Has|Was|Had)[ \t]+([\w'‘’\"“”-]+)")
_ARTICLE_OR_QUOTE = re.compile(r"^(?:a|an|the|its|no|new|big|['‘’\"“”].*)$", re.IGNORECASE)


def _copula_after(text: str, end: int) -> bool:
    """"Apple has 'deep concerns'", "Meta has a new AI tool", "Apple Is a Great Company": a
    capitalised name as the subject of "is" or "has" with a noun phrase after it."""
    m = _COPULA.match(text, end)
    return m is not None and _ARTICLE_OR_QUOTE.match(m.group(1)) is not None


def _market_verb_after(text: str, end: int) -> bool:
    """"Gap ticks higher", "Apple hovers above", "Target and Lowe's rise": a stock's moves."""
    found = _predicate(text, end)
    if found is None:
        return False
    words, i, to, pair = found
    low = words[i].lower().strip("'’")
    if low in _MARKET_FORMS:
        return True
    # A plural subject takes the base form: "Target and Lowe's rise".
    return (pair or to) and low in _MARKET_BASES


def _verb_form_after(text: str, end: int, title_case: bool) -> bool:
    """Any verb the lexicon knows, in a form that shows a subject ("Visa develops", "Meta
    morphed"), or its base form after "to", a modal or a pair ("Apple to Dodge Levy", "Visa
    and Mastercard to demand"), also when the base form is a noun too; after the name itself a
    word that is also a noun ("Apple slices") is not read as a verb. Outside a Title Case
    headline the verb is lower case: "Meta Programming" is a compound, not a verb. A bare
    participle ("Block Printing", "Shell collecting") names an activity; after an auxiliary
    ("is planning") it is a verb."""
    found = _predicate(text, end)
    if found is None:
        return False
    words, i, to, _ = found
    word = words[i]
    if not word.isalpha() or _is_noun_use(words, i) or not (title_case or word[0].islower()):
        return False
    if to:
        # A base form only: "Fox and Bancroft are popping up" has a participle there.
        return "VERB" in verbforms.readings(word) and verbforms.verb_lemmas(word) == (word.lower(),)
    if word.lower().endswith("ing") and i == 0:
        return False
    return verbforms.is_inflected_verb(word)


def _clean_end(text: str, end: int, word: str) -> bool:
    # "<Target Name=" is markup, not a headline: the verb must end like a word in prose.
    pos = text.find(word, end)
    after = pos + len(word)
    return pos != -1 and (after >= len(text) or text[after].isspace() or text[after] in ",.;:!?\"')’”")


def _is_noun_use(words: list[str], i: int) -> bool:
    # "Block names are unique": a plural noun followed by a verb of its own.
    nxt = words[i + 1].lower() if i + 1 < len(words) else ""
    return nxt in ("are", "were", "is", "was", "and", "or")


def _noun_after(text: str, end: int, initial: bool) -> bool:
    words = _words_after(text, end, 1)
    nouns = _HEAD_NOUNS if initial else _BUSINESS_NOUNS
    return bool(words) and words[0].lower().strip("'’") in nouns


def _possessive(text: str, end: int) -> bool:
    m = _POSSESSIVE.match(text, end)
    if not m:
        return False
    # "Apple's iPhone", "Shell's chief", "Meta's internal research": a capitalised common word
    # owning something is a name; prose says "the block's", lower case.
    return m.group(1).lower() not in ("s", "and", "or")


_OTHER_NAME = re.compile(r"(?:[A-Z][\w&.'’-]*\s+){1,3}(?:and|&|,)\s+$|(?:[A-Z][\w&.'’-]*,\s+){1,3}$")


def _before(text: str, start: int) -> bool:
    lo = max(0, start - 80)
    if _BEFORE_PHRASES.search(text, lo, start):
        return True
    # "downgrades Paramount and Fox", "used by Google and Oracle": the phrase governs a pair.
    other = _OTHER_NAME.search(text, lo, start)
    return other is not None and _BEFORE_PHRASES.search(text, lo, other.start()) is not None


def _in_name_list(text: str, start: int, end: int) -> bool:
    """"Netflix, Chevron, Apple, Alibaba, Amazon": two or more other capitalised names joined
    by commas around the hit."""
    lo = max(0, start - 120)
    before = text[lo:start].rsplit(":", 1)[-1]
    after = text[end : end + 120]
    items = 0
    for chunk in reversed(re.split(r",\s*|\s+(?:and|&)\s+", before)[:-1]):
        if _LIST_ITEM.fullmatch(chunk.strip()):
            items += 1
        else:
            break
    before_tail = before.rstrip()
    if not (before_tail.endswith(",") or before_tail.endswith("and") or before_tail.endswith("&")
            or after.lstrip().startswith((",", "and ", "& "))):
        return False
    parts = re.split(r",\s*|\s+(?:and|&)\s+", after)
    for chunk in parts[1:]:
        chunk = chunk.strip()
        head = _LIST_ITEM.match(chunk)
        if head:
            items += 1
            if head.end() < len(chunk):
                break
        else:
            break
    return items >= 2


_PREP_BEFORE = re.compile(r"\b(?:from|on|by|at|with|for|to|into|onto|via) $")
_PHRASE_END = re.compile(r"[.,;:!?)]|\s+(?=[a-z])")


def _prep_object(text: str, start: int, end: int) -> bool:
    """"bought something from Target online", "blame it all on Apple,", "a developer for
    Slack,": the whole object of a preposition, mid-sentence, capitalised and ending the noun
    phrase. A capital after it may begin another name ("on Apple TV", "at Target Field"), a
    noun after it makes it a modifier ("from Apple pie")."""
    if _PREP_BEFORE.search(text, max(0, start - 8), start) is None:
        return False
    m = _PHRASE_END.match(text, end)
    if m is None:
        return False
    if m.group().strip():
        return True  # punctuation ends the phrase
    word = _WORD_AFTER.match(text, end)
    low = word.group(1).lower() if word else ""
    return low in FUNCTION_WORDS or "NOUN" not in verbforms.readings(low)


_DETERMINER_BEFORE = re.compile(r"\b(?:the|an?|another|this|that|its|their|our|your) $")


def _modifier(text: str, start: int, end: int) -> bool:
    """"in the Apple ecosystem", "another Oracle outage": mid-sentence, between a determiner
    and a lower-case noun, a capital marks a proper name modifying the noun; the ordinary
    word would be lower case there ("an apple pie", "the block party")."""
    if _DETERMINER_BEFORE.search(text, max(0, start - 9), start) is None:
        return False
    word = _WORD_AFTER.match(text, end)
    return word is not None and word.group(1)[0].islower() and "NOUN" in verbforms.readings(word.group(1))


_TICKER_AFTER = re.compile(r"\s*\$[A-Z][A-Z0-9.]{0,6}\b")


def sentence_noun(text: str, start: int, end: int) -> bool:
    """A company noun in the sentence text[start:end] (for a capitalised mid-sentence hit)."""
    return _SENTENCE_NOUNS.search(text, start, end) is not None


def cue_at(
    text: str, start: int, end: int, name: str, sentence_start: int, *, initial: bool = False,
    in_phrase: bool = False, title_case: bool = False, disabled: frozenset[str] = frozenset(),
) -> str | None:
    """The name of the first cue around text[start:end] that makes the name a company.

    ``initial``: the hit opens its sentence (or sits in a Title Case headline), where an
    adjective reading is possible. ``in_phrase``: a Title Case headline puts a capitalised
    word just before it ("Net Zero Target Approved"), so the words after it may belong to that
    phrase: verbs and nouns after the name prove nothing there. ``title_case``: the hit sits
    in a Title Case headline, where a verb after the name is capitalised too.
    ``disabled``: cue names switched off, for the bench's ablation.
    """
    words = _words_after(text, end, 1)
    if words and not _clean_end(text, end, words[0]):
        return None
    compound = re.match(r" [A-Z]", text[end : end + 2]) is not None
    checks: tuple[tuple[str, bool, Callable[[], bool]], ...] = (
        ("verb_after", not in_phrase, lambda: _verb_after(text, end, start, "be_have" not in disabled)),
        ("market_verb", not in_phrase, lambda: _market_verb_after(text, end)),
        ("verb_form", not in_phrase, lambda: _verb_form_after(text, end, title_case)),
        ("copula", not in_phrase, lambda: _copula_after(text, end)),
        ("noun_after", not in_phrase, lambda: _noun_after(text, end, initial)),
        ("ticker", True, lambda: _TICKER_AFTER.match(text, end) is not None),
        ("possessive", end < len(text) and text[end] in "'’", lambda: _possessive(text, end)),
        ("ticker", True, lambda: _PAREN_TICKER.match(text, end) is not None),
        ("hyphen", True, lambda: bool(hyphen_compound(text, end))),
        ("before", start > sentence_start, lambda: _before(text, start)),
        # "Square Enix" in a list is another company's name: the list item must be the name.
        ("list", not compound, lambda: _in_name_list(text, start, end)),
        ("cashtag_lead", sentence_start < start and not compound,
         lambda: _CASHTAG_LEAD.match(text[sentence_start:start]) is not None),
        ("prep_object", sentence_start < start and not compound and not title_case,
         lambda: _prep_object(text, start, end)),
        ("modifier", sentence_start < start and not compound and not title_case,
         lambda: _modifier(text, start, end)),
    )
    for cue, applies, check in checks:
        if applies and cue not in disabled and check():
            return cue
    return None
