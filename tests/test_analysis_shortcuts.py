"""The analysis' shortcuts give what the plain computation gives.

Each speed or memory shortcut in the analysis (remembered model rows, chained bigram hashes,
passing over deep sentences that name no company, the abbreviation test, clustering that keeps
only the window's token sets) is checked here against the computation it replaces.
"""

from __future__ import annotations

import random
import re
import zlib
from datetime import UTC, datetime, timedelta

import pytest

from tidings.analysis import model as model_module
from tidings.analysis.clusters import StoryItem, cluster_stories, story_tokens
from tidings.analysis.events import classify_events
from tidings.analysis.features import N_BUCKETS, bigram_ids, bigram_parts, sentence_features, tokens
from tidings.analysis.mentions import Mention
from tidings.analysis.model import Models, default_models
from tidings.analysis.sentences import sentence_spans
from tidings.models import Company

SENTENCES = [
    "Globex names Jane Park chief financial officer, the company said on Tuesday.",
    "Initech shares fell 12% after it cut its full-year guidance to $1.2 billion.",
    "Acme's café in São Paulo opens Monday — “it’s our biggest” store, Acme said.",
    "$AAPL Apple to buy back $90bn of stock",
    "a",
    "",
    " ".join(f"word{i} x{i % 7}" for i in range(300)),  # longer than the memo below
]


def test_bigram_parts_continue_to_the_bigram_ids() -> None:
    words = tokens("Acme’s café raises $40 mln in São Paulo; it's Q3 & more-or-less 2026")
    parts = [bigram_parts(w) for w in words]
    chained = [zlib.crc32(b[1], a[0]) & (N_BUCKETS - 1) for a, b in zip(parts, parts[1:], strict=False)]
    assert chained == bigram_ids(words)
    assert len(chained) == len(words) - 1 > 5


def _fresh_models() -> Models:
    m = default_models()
    return Models(m.kinds, m.tone, m.kind_thresholds, m.bad_threshold, m.meta, m.veto_kinds)


@pytest.mark.parametrize("memo_words", [5, 40, 20_000])
def test_remembered_rows_score_what_the_features_score(
    monkeypatch: pytest.MonkeyPatch, memo_words: int
) -> None:
    # A small memo starts over often, also in the middle of a run of sentences.
    monkeypatch.setattr(model_module, "_MEMO_WORDS", memo_words)
    models = _fresh_models()
    first = [models.score_text(s) for s in SENTENCES * 3]
    assert first == [models.score_text(s) for s in SENTENCES * 3]  # bit for bit, memo or not
    for sentence, (kinds, tone) in zip(SENTENCES * 3, first, strict=True):
        slow_kinds, slow_tone = models.score(*sentence_features(sentence))
        assert all(abs(a - b) < 1e-9 for a, b in zip(kinds + tone, slow_kinds + slow_tone, strict=True))


ACME = Company(slug="acme", name="Acme Robotics", aliases=("Acme",))
FILLER = "Analysts expect the market to keep growing this year. " * 6


@pytest.mark.parametrize("prefix", ["", "İstanbul traders watched closely. "])
def test_a_deep_sentence_counts_only_when_it_names_the_company(prefix: str) -> None:
    # "İ" lowers to two characters: the shortcut that reads probes off the lowered body is off
    # then, and the sentence-by-sentence test must find the same.
    mention = [Mention("acme", False, 1, "Acme")]
    named = prefix + FILLER + "Acme Robotics raised $40 million in a Series B round."
    events = classify_events("", named, mention, {"acme": ACME})
    assert [(e.company, e.kind, e.amount) for e in events] == [("acme", "funding", "$40 million")]
    unnamed = prefix + FILLER + "The startup raised $40 million in a Series B round."
    assert classify_events("", unnamed, mention, {"acme": ACME}) == []


def test_sentence_ends_after_long_words_and_not_after_abbreviations() -> None:
    text = ("Prices rose approx. 5% in the U.S. Market data showed it. Shares of Acme Inc. Fell. "
            "A reorganisation. Then a J. Smith quote. Unbelievably. Done")
    got = [text[a:b] for a, b in sentence_spans(text)]
    assert got == [
        "Prices rose approx. 5% in the U.S. Market data showed it.",
        "Shares of Acme Inc. Fell.",
        "A reorganisation.",
        "Then a J. Smith quote.",
        "Unbelievably.",
        "Done",
    ]


def test_clustering_keeps_only_the_window_and_still_joins_copies() -> None:
    t0 = datetime(2025, 1, 1, tzinfo=UTC)
    rng = random.Random(5)
    words = "acme raises funding launch partner cloud data robots europe deal".split()
    items = [
        StoryItem(f"n{i:03d}", f"Noise{i} " + " ".join(rng.sample(words, 4)), "", t0 + timedelta(hours=6 * i))
        for i in range(60)
    ]
    headline = "Kestrova Robotics raises $40 million Series B led by Sequoia"
    items.append(StoryItem("copy-a", headline, "", t0 + timedelta(hours=10)))
    items.append(StoryItem("copy-b", headline + " - Reuters", "", t0 + timedelta(hours=30)))
    items.append(StoryItem("late", headline, "", t0 + timedelta(days=12)))  # far outside 4 days
    stories = cluster_stories(items)
    assert stories["copy-b"] == stories["copy-a"] == "copy-a"
    assert stories["late"] == "late"
    assert story_tokens(headline, "")[0] == story_tokens(headline + " - Reuters", "")[0]


# --- round 4: pattern needles, lazy excludes, remembered sentence scores, amount search ---

ARTICLES = [
    ("Globex raises $40 million in a Series B round",
     "Globex raised $40 million led by Sequoia. It will hire."),
    ("Globex to acquire Initech", "Globex has agreed to acquire Initech for $1.2 billion. Shares rose."),
    ("Globex raised concerns", "Globex raised concerns about the plan; it previously raised $5 million."),
    ("Globex launches a lawsuit against Initech", "The company filed it in court on Tuesday."),
    # non-ASCII text is always searched: "ſ" matches "s" when case is ignored
    ("Globex raiſes $40 million in a Series B", "Globex’s café in São Paulo launches a new menu."),
    ("Globex names Jane Park CEO", "Globex said revenue was $3.22 bln vs. $3.32 bln a year ago."),
]


def _globex() -> tuple[list[Mention], dict[str, Company]]:
    both = (Company(slug="globex", name="Globex"), Company(slug="initech", name="Initech"))
    companies = {c.slug: c for c in both}
    return [Mention("globex", True, 2, ""), Mention("initech", False, 1, "")], companies


def test_needles_are_literals_every_match_needs() -> None:
    from tidings.analysis.needles import needles

    assert needles(r"\braise[sd]?\s+\$", re.IGNORECASE) == ("raise",)
    assert needles(r"\b(?:acquires|buys|to buy|buy)\b", re.IGNORECASE) == ("acquires", "buy")
    assert needles(r"(?-i:Series [A-H])") == ("series ",)
    assert needles(r"(?:raises)?\s+funds") == ("funds",)  # the optional part is not required
    assert needles(r"\b(?:raises|x)\b") is None  # "x" is too short to rule anything out
    assert needles(r"(?:raises|)\b") is None  # an empty alternative needs nothing
    assert needles(r"\w+\s+\d+") is None
    assert needles(r"(unbalanced") is None  # not understood: always search


def test_shipped_patterns_never_match_without_their_needles() -> None:
    from tidings.analysis.events import default_rules

    rules = default_rules()
    texts = [t for pair in ARTICLES for t in pair] + [
        "Acme bagged $5 million", "Acme is valued at $2 billion", "Acme goes public",
        "Acme hit 10,000 customers", "Acme was acquired by Globex", "Acme joined forces with Globex",
        "Acme cut 200 jobs", "Acme fined $5m", "Acme suffered a data breach", "Acme's app went offline",
        "Acme recalled 3,000 cars",
    ]
    for kind in rules.kinds:
        for pattern in kind.patterns:
            assert pattern.needles is not None  # every shipped pattern has some
            for text in texts:
                if text.isascii() and pattern.regex.search(text):
                    assert any(n in text.lower() for n in pattern.needles), (pattern.regex.pattern, text)
    # why other text is always searched: "raiſes" matches a funding pattern, yet holds no "rais"
    funding = rules.kinds[[k.name for k in rules.kinds].index("funding")].patterns[0]
    assert funding.regex.search("Globex raiſes $40 million") and "rais" not in "globex raiſes"


def test_needles_and_lazy_excludes_change_no_event() -> None:
    from dataclasses import replace

    from tidings.analysis.events import default_rules

    rules = default_rules()
    # the plain rules: every pattern searched, as before needles
    plain = replace(rules, kinds=tuple(
        replace(k, patterns=tuple(replace(p, needles=None) for p in k.patterns)) for k in rules.kinds
    ))
    mentions, companies = _globex()
    found = 0
    for title, text in ARTICLES:
        for combination in ("rules", "veto"):
            quick = classify_events(title, text, mentions, companies, rules=rules, combination=combination)
            full = classify_events(title, text, mentions, companies, rules=plain, combination=combination)
            assert quick == full
            found += len(quick)
    assert found > 0
    # the funding exclude still vetoes "raised concerns", read at the first match now
    events = classify_events(*ARTICLES[2], mentions, companies, rules=rules, combination="rules")
    assert all(e.kind != "funding" or "concerns" not in e.evidence for e in events)


def test_remembered_sentence_scores_are_the_scores(monkeypatch: pytest.MonkeyPatch) -> None:
    from tidings.analysis.model import score_sentence

    models = default_models()
    monkeypatch.setattr(model_module, "_MEMO_SENTENCES", 3)
    models._sentences.clear()
    for text in SENTENCES + SENTENCES:
        scores = score_sentence(text, models)
        kinds, tone = models.score_text(text)
        assert list(scores.kinds.values()) == kinds and list(scores.tone.values()) == tone
        assert len(models._sentences) <= 3
    assert score_sentence(SENTENCES[-1], models) is score_sentence(SENTENCES[-1], models)


def test_amounts_are_replaced_as_the_money_pattern_replaces_them() -> None:
    from tidings.analysis import clusters

    def plain(text: str) -> str:
        return clusters._MONEY_RE.sub(
            lambda m: f" {m.group(1).replace(',', '')}{clusters._UNIT[m.group(2).lower()]} ", text
        )

    rng = random.Random(7)
    alphabet = list("$€£¥0123456789 .,mbkMBK\n") + ["million", "bn", "Billion", "mn", "x", "é", "٣"]
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        assert clusters._amounts(text) == plain(text), text
    assert story_tokens("Acme raises $40M in a Series B", "")[0] >= {"40m", "series-b"}
    assert story_tokens("Acme raises $40M in a ſeries B", "")[0] >= {"40m", "series-b"}


def test_a_split_stopped_early_holds_the_first_spans_of_the_whole_split() -> None:
    from tidings.analysis.sentences import Split, sentence_at

    rng = random.Random(11)
    pieces = ["Acme Inc. raised $5 mln. ", "It said so!\n", "Mr. Park, the U.S. head, left. ", "“Yes.” ",
              "approx. 5 units? ", "x" * 9 + ". ", "J. Smith joined. ", "  \n", "İstanbul. "]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        whole = Split(text).all()
        assert whole == sentence_spans(text)
        for pos in range(0, len(text) + 1, 7):
            part = Split(text)
            prefix = list(part.upto(pos))
            assert prefix == whole[: len(prefix)]
            assert sentence_at(text, pos, prefix) == sentence_at(text, pos, whole)
            assert part.first(3)[:3] == whole[:3]
    # a hit in the first sentence splits no further than that sentence's end
    part = Split("Acme raised $5 mln. It will hire. Shares rose. " * 20)
    assert len(part.upto(3)) == 1 and part.all()[0] == (0, 19)


def test_a_company_pattern_is_compiled_only_when_a_sentence_could_hold_it() -> None:
    from tidings.analysis import events

    acme = Company(slug="acme-lazy", name="Acme Lazy Labs", aliases=("Acme Lazy", "Block"),
                   tickers=("NASDAQ: ACLZ",), domains=("acmelazy.com",))
    loose, strict = events._company_regexes(acme)
    assert loose is not None and strict is not None and set(strict.needles or ()) == {"ACLZ", "Block"}
    plain = [re.compile(r.source, r.flags) for r in (loose, strict)]
    texts = ["Acme Lazy Labs raised $5 million.", "acmelazy.com said", "Shares of $ACLZ rose",
             "NASDAQ: ACLZ fell", "Block names a CFO", "block the road", "aclz", "Acme Lazy’s plan"]
    compiled_before = strict._compiled is not None
    for text in texts[:2]:
        assert list(strict.finditer(text)) == []  # no "ACLZ", no "Block": nothing compiled
    assert strict._compiled is None or compiled_before
    for text in texts:
        for lazy, eager in zip((loose, strict), plain, strict=True):
            assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in eager.finditer(text)]
    assert strict._compiled is not None


def test_the_cut_part_of_a_sentence_ends_the_body() -> None:
    # classify_events looks for the sentence the cut falls in only for a development whose
    # sentence ends the right-stripped body: the cut's part always does.
    from tidings.analysis import events

    rng = random.Random(5)
    pieces = ["Acme raised $120 million in a Series C round. ", "It said so!\n", "Mr. Park left. ", "“Yes.” ",
              "approx. 5 units? ", "word " * 30, "  \n", "İstanbul. ", "x" * 50 + ". ", "   "]
    cuts = 0
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(10, 60)))
        cut = events._cut_sentence(text)
        if cut is not None:
            cuts += 1
            assert text[: events.BODY_CHARS].rstrip().endswith(cut[0])
    assert cuts > 300
    # and the development in that sentence is still reported from the whole sentence
    head = "Analysts expect the market to keep growing this year. " * 14 + "It grew. " * 3
    text = head + "Acme raised $120 million in a Series C round led by Sequoia Capital, it said."
    assert text.index("$120") < events.BODY_CHARS < text.index(" round")  # "$120 m" before the cut
    found = classify_events("", text, [Mention("acme", False, 1, "Acme")], {"acme": ACME})
    assert [(e.kind, e.amount) for e in found] == [("funding", "$120 million")]


def test_names_found_literally_are_the_patterns_matches() -> None:
    # An ASCII sentence's company names are found by string search (literalnames), the same
    # matches the compiled pattern finds: random names, aliases, domains and sentences.
    from tidings.analysis import events

    rng = random.Random(3)
    words = ["acme", "Acme", "ACME", "labs", "Lab", "a", "x1", "co", "north", "wind"]
    glue = [" ", "  ", "\t", "\n", "'s ", "'S", "'sx", "_", ".", ",", "-", "", "’s ", "é", "ſ", "9"]
    checked = literal = matched = 0
    for i in range(400):
        names = [" ".join(rng.choices(words, k=rng.randint(1, 3))) for _ in range(rng.randint(1, 3))]
        domains = tuple(rng.choices(["acme.com", "www.acme.co", "north-wind.io"], k=rng.randint(0, 2)))
        company = Company(slug=f"lit{i}", name=names[0], aliases=tuple(names[1:]), domains=domains)
        loose, _ = events._company_regexes(company)
        if loose is None:
            continue  # only common-word names: matched case-sensitively, by the regex
        literal += loose.plan is not None
        eager = re.compile(loose.source, loose.flags)
        pieces = words + names + [n.upper() for n in names] + list(domains)
        for k in range(30):
            joins = glue if k % 3 == 0 else glue[:12]  # two in three sentences ASCII
            text = "".join(rng.choice(pieces) + rng.choice(joins) for _ in range(rng.randint(0, 12)))
            found = [m.span() for m in eager.finditer(text)]
            assert loose.spans(text, text.lower()) == found, (names, text)
            checked += 1
            matched += bool(found) and text.isascii() and loose.plan is not None
    assert checked > 6_000 and literal > 150 and matched > 3_000
    # the pattern itself is compiled only for the non-ASCII sentences
    fresh, _ = events._company_regexes(Company(slug="lit-new", name="Acme Fresh Labs", domains=("acme.io",)))
    text = "Acme  Fresh Labs's acme.io"
    assert fresh is not None and fresh.spans(text, text.lower()) == [(0, 18), (19, 26)]
    assert fresh._compiled is None
    assert fresh.spans("Acme Fresh Labs’ café", "acme fresh labs’ café") == [(0, 15)]
    assert fresh._compiled is not None


def test_trigger_scan_finds_every_fragment_a_word_holds() -> None:
    from tidings.analysis.events import default_rules
    from tidings.analysis.triggers import TriggerScan

    rng = random.Random(11)
    pieces = ["ra", "rais", "raise", "aise", "launch", "unch", "ch", "é", "ſ", "-", "%", "x", "partner"]
    for _ in range(200):
        groups = [
            None if rng.random() < 0.1 else tuple(rng.sample(pieces, rng.randrange(1, 5)))
            for _ in range(rng.randrange(1, 6))
        ]
        scan = TriggerScan(groups)
        for _ in range(50):
            word = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 5)))
            expected = 0
            for bit, group in enumerate(groups):
                if group is None or any(f in word for f in group):
                    expected |= 1 << bit
            assert scan.mask(word) == expected, (groups, word)
            assert scan.holds_any(word) == (expected != 0)
    # the shipped kinds: the masks the word-by-word test gave, on words made of their triggers
    rules = default_rules()
    triggers = [t for k in rules.kinds for t in k.triggers or ()]
    for _ in range(3000):
        word = "".join(rng.choice(triggers + ["s", "ed", "x", "é"]) for _ in range(rng.randrange(1, 4)))
        expected = 0
        for bit, kind in enumerate(rules.kinds):
            if kind.triggers is None or any(_holds(t, word) for t in kind.triggers):
                expected |= 1 << bit
        assert rules._word_mask(word) == expected, word


def _holds(trigger: str, word: str) -> bool:
    """The plain reading of a trigger: a fragment of the word, or with '=' the whole word."""
    if trigger.startswith("="):
        return word.strip("\"'()[]{}<>.,;:!?\u2018\u2019\u201c\u201d\u2013\u2014-") == trigger[1:]
    return trigger in word


def test_a_whole_word_trigger_is_found_only_as_that_word() -> None:
    from tidings.analysis.triggers import TriggerScan

    scan = TriggerScan([("=out",), ("rais",)])
    assert scan.mask("out") == 1
    assert scan.mask("out,") == 1
    assert scan.mask("\u201cout\u201d") == 1
    for word in ("about", "without", "south", "outlook", "shout-out"):
        assert scan.mask(word) == 0, word
        assert not scan.holds_any(word), word
    assert scan.mask("raised") == 2
    assert scan.holds_any("(out)")


def test_leadership_reads_out_at_only_as_the_word_out() -> None:
    from tidings.analysis.events import default_rules

    rules = default_rules()
    leadership = 1 << [k.name for k in rules.kinds].index("leadership")
    assert rules._word_mask("out") & leadership
    assert not rules._word_mask("about") & leadership
    assert not rules._word_mask("throughout") & leadership


def test_alternatives_searched_apart_answer_as_their_alternation() -> None:
    from tidings.analysis.events import default_rules
    from tidings.analysis.needles import AnyOf

    rng = random.Random(5)
    parts = [r"\braise[sd]?\b", r"(?-i:CEO)", r"\bcut\s+\d+%", r"down", r"(?<![\w.])[-−]\d+%", r"\bs\w+k\b"]
    words = ["Raises", "raised", "CEO", "ceo", "cut 5%", "-3%", "−3%", "down", "ſtock", "stock", "K", "sKy"]
    for _ in range(300):
        chosen = rng.sample(parts, rng.randrange(1, len(parts)))
        whole = re.compile("|".join(f"(?:{p})" for p in chosen), re.IGNORECASE)
        any_of = AnyOf([f"(?:{p})" for p in chosen], re.IGNORECASE, whole)
        for _ in range(30):
            text = " ".join(rng.choice(words) for _ in range(rng.randrange(0, 6)))
            assert any_of.search(text) == (whole.search(text) is not None), (chosen, text)
    # alternatives that refer to groups by number are searched whole
    whole = re.compile(r"(?:(a))|(?:(b)\1)")
    any_of = AnyOf([r"(?:(a))", r"(?:(b)\1)"], 0, whole)
    assert any_of.search("bb") == (whole.search("bb") is not None)
    # the shipped bad-news phrases, on sentences made of their own words
    rules = default_rules()
    assert rules.bad_any is not None and rules.bad_tone is not None
    vocabulary = re.findall(r"[a-z]{3,}", rules.bad_tone.pattern) + ["shares", "5%", "-2%", "by", "Acme"]
    hits = 0
    for _ in range(3000):
        text = " ".join(rng.choice(vocabulary) for _ in range(rng.randrange(1, 9)))
        expected = rules.bad_tone.search(text) is not None
        assert rules.bad_any.search(text) == expected, text
        hits += expected
    assert hits > 100


def test_shortfall_and_amounts_read_as_their_full_searches() -> None:
    from tidings.analysis import events as events_module
    from tidings.analysis import shortfall

    def full_falls_short(sentence: str) -> bool:  # every search, no needle test first
        if not re.search(r"\d", sentence):
            return False
        if not shortfall._RESULTS_RE.search(sentence) or shortfall._SMALLER_IS_BETTER_RE.search(sentence):
            return False
        for m in shortfall._COMPARED_RE.finditer(sentence):
            groups = m.groups()
            a, a_unit, b, b_unit = groups[:4] if groups[0] is not None else groups[4:]
            if a is None or b is None or ((a_unit == "%") != (b_unit == "%") and a_unit and b_unit):
                continue
            first, second = shortfall._value(a, a_unit, b_unit), shortfall._value(b, b_unit, a_unit)
            if first is not None and second is not None and first < second:
                return True
        return False

    def every_amount(kind: str, text: str) -> str | None:  # every search, then the preference
        money = events_module._MONEY_RE.search(text)
        percent = events_module._PERCENT_RE.search(text)
        heads = events_module._HEADCOUNT_RE.search(text)
        found = (heads or percent or money) if kind in ("layoffs", "expansion") else (money or percent)
        return found.group().strip() if found else None

    rng = random.Random(2)
    pieces = ["revenue", "EPS", "sales", "loss", "$3.22", "3.32", "bln", "74 cents", "vs.", "VS", "from",
              "versus", "compared with", "; FactSet consensus", "est.", "estimates", "12%", "300 jobs",
              "€5m", "up", "a year ago", "ſales", "1,200", ","]
    shorts = 0
    for _ in range(20000):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randrange(1, 9)))
        expected = full_falls_short(text)
        assert shortfall.falls_short(text) == expected, text
        shorts += expected
        for kind in ("funding", "layoffs"):
            assert events_module._amount(kind, text) == every_amount(kind, text), text
    assert shorts > 100


def test_rows_gathered_with_take_sum_as_indexed_rows() -> None:
    import numpy as np

    joint = default_models()._joint
    rng = random.Random(9)
    for _ in range(300):
        ids = [rng.randrange(len(joint)) for _ in range(rng.randrange(1, 40))]
        indexed = np.add.reduce(joint[ids], axis=0, dtype=np.float64)
        taken = np.add.reduce(joint.take(ids, axis=0).astype(np.float64))
        assert indexed.tobytes() == taken.tobytes()


def test_article_form_skips_only_searches_that_cannot_match() -> None:
    from tidings.analysis import articleform

    def plain(title: str) -> str | None:
        if not title:
            return None
        if articleform._HOWTO_RE.search(title):
            return articleform.HOWTO
        if articleform._ROUNDUP_RE.search(title) or articleform._DATED_RE.search(title):
            return articleform.ROUNDUP
        return None

    rng = random.Random(11)
    pieces = list("HowTo 101: - – —|,") + [
        "How to", "how  to", "Week in Review", "this week in", "Links", "links of the week", "Tips for",
        "guide to", "Tutorial:", "Getting started", "Nov 5th, 2017", "Wednesday, January 7", "may",
        "Acme", "raises", " ", "\u212a", "ſ", "İ", "Ｍay",  # Kelvin sign, long s, dotted I, full-width M
    ]
    titles = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 8))) for _ in range(20_000)]
    assert [articleform.article_form(t) for t in titles] == [plain(t) for t in titles]
    assert {plain(t) for t in titles} == {None, articleform.HOWTO, articleform.ROUNDUP}
