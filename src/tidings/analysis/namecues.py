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

__all__ = ["CUES", "FUNCTION_WORDS", "cue_at", "hyphen_compound", "sentence_noun", "ticker_fits"]

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
    "suffix", "ticker", "verb_after", "noun_after", "possessive", "before", "hyphen",
    "list", "cashtag_lead", "sentence_noun",
)


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


def _verb_after(text: str, end: int) -> bool:
    # "Target and Lowe's gain", "Apple and Microsoft helped lift": the pair is the subject.
    pair = _PAIR.match(text, end)
    if pair:
        end = pair.end()
    words = _words_after(text, end, 5)
    for i, word in enumerate(words):
        low = word.lower().strip("'’")
        if low in _AUX or low in _DAYS:
            continue
        if low == "to" and i + 1 < len(words):
            return _is_verb(words[i + 1])
        return _is_verb(low) and not _is_noun_use(words, i)
    return False


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


_TICKER_AFTER = re.compile(r"\s*\$[A-Z][A-Z0-9.]{0,6}\b")


def sentence_noun(text: str, start: int, end: int) -> bool:
    """A company noun in the sentence text[start:end] (for a capitalised mid-sentence hit)."""
    return _SENTENCE_NOUNS.search(text, start, end) is not None


def cue_at(
    text: str, start: int, end: int, name: str, sentence_start: int, *, initial: bool = False,
    in_phrase: bool = False,
) -> str | None:
    """The name of the first cue around text[start:end] that makes the name a company.

    ``initial``: the hit opens its sentence (or sits in a Title Case headline), where an
    adjective reading is possible. ``in_phrase``: a Title Case headline puts a capitalised
    word just before it ("Net Zero Target Approved"), so the words after it may belong to that
    phrase: verbs and nouns after the name prove nothing there.
    """
    words = _words_after(text, end, 1)
    if words and not _clean_end(text, end, words[0]):
        return None
    if not in_phrase:
        if _verb_after(text, end):
            return "verb_after"
        if _noun_after(text, end, initial):
            return "noun_after"
    if _TICKER_AFTER.match(text, end):
        return "ticker"
    if end < len(text) and text[end] in "'’" and _possessive(text, end):
        return "possessive"
    if _PAREN_TICKER.match(text, end):
        return "ticker"
    if hyphen_compound(text, end):
        return "hyphen"
    if start > sentence_start and _before(text, start):
        return "before"
    if not re.match(r" [A-Z]", text[end : end + 2]) and _in_name_list(text, start, end):
        # "Square Enix" in a list is another company's name: the list item must be the name.
        return "list"
    if (
        sentence_start < start
        and not re.match(r" [A-Z]", text[end : end + 2])
        and _CASHTAG_LEAD.match(text[sentence_start:start])
    ):
        return "cashtag_lead"
    return None
