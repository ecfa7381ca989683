"""Event classification: labelled precision/recall, attribution, specifics, sensitivity."""

from __future__ import annotations

import gzip
import json
from dataclasses import replace
from pathlib import Path

import pytest

from tidings.analysis.evaluation import evaluate_events, load_labelled
from tidings.analysis.events import (
    BODY_CHARS,
    EVENT_KINDS,
    SENSITIVE_KINDS,
    Event,
    EventRules,
    classify_events,
    load_rules,
)
from tidings.analysis.mentions import MentionMatcher
from tidings.analysis.sentences import sentence_spans
from tidings.errors import ConfigError
from tidings.models import Company

LABELLED = Path(__file__).parent / "fixtures" / "labelled_events.jsonl"

COMPANIES = {
    c.slug: c
    for c in (
        Company(slug="acme", name="Acme Robotics", aliases=("Acme",)),
        Company(slug="globex", name="Globex"),
        Company(slug="initech", name="Initech"),
    )
}
MATCHER = MentionMatcher(list(COMPANIES.values()))


def classify(title: str, lead: str) -> list[Event]:
    return classify_events(title, lead, MATCHER.find(title, lead), COMPANIES)


def kinds_of(events: list[Event]) -> set[tuple[str, str]]:
    return {(e.company, e.kind) for e in events}


def test_kinds_and_sensitive_flags() -> None:
    assert set(EVENT_KINDS) >= {
        "funding",
        "acquisition",
        "launch",
        "partnership",
        "leadership",
        "earnings",
        "expansion",
        "award",
        "layoffs",
        "legal",
        "security",
        "outage",
        "recall",
        "milestone",
    }
    # issue 11: outages and recalls are sensitive kinds of their own (an outage is no breach)
    assert SENSITIVE_KINDS == {"layoffs", "legal", "security", "outage", "recall"}


def test_sensitive_events_are_flagged() -> None:
    events = classify("Globex to cut 3,000 jobs", "Globex will lay off 3,000 workers.")
    (event,) = events
    assert event.kind == "layoffs" and event.sensitive
    assert event.amount is not None and event.amount.startswith("3,000")
    (launch,) = classify("Globex launches Orbit", "Globex launched Orbit, a database.")
    assert not launch.sensitive


def test_labelled_precision_and_recall() -> None:
    scores = evaluate_events(LABELLED)
    print(f"\n{scores.examples} labelled examples\n{scores.table()}")
    for error in scores.errors:
        print(error)
    assert scores.examples >= 120
    assert scores.precision() >= 0.85
    assert scores.recall() >= 0.80
    for kind in EVENT_KINDS:
        assert scores.tp[kind] >= 3, f"too few labelled {kind} examples"


def test_acquirer_not_target_gets_the_acquisition() -> None:
    events = classify("Globex acquires Acme Robotics for $2 billion", "")
    assert kinds_of(events) == {("globex", "acquisition")}
    (event,) = events
    assert event.counterparty == "Acme Robotics"
    assert event.amount == "$2 billion"
    passive = classify("Acme Robotics to be acquired by Globex", "")
    assert kinds_of(passive) == {("globex", "acquisition")}
    untracked = classify("Hooli buys Acme Robotics", "")
    assert untracked == []


def test_funding_specifics() -> None:
    (event,) = classify(
        "Initech raises $40M",
        "Initech said it raised $40 million in a Series B round led by Sequoia Capital.",
    )
    assert event.kind == "funding"
    assert event.amount == "$40 million"
    assert event.round == "Series B"
    assert event.counterparty == "Sequoia Capital"
    assert "Series B" in event.evidence
    (euro,) = classify("Globex lands €2.5B seed-stage bet", "Globex secured €2.5B in funding.")
    assert euro.amount == "€2.5B"


def test_noise_is_not_an_event() -> None:
    assert classify("Acme CEO raised concerns", "Acme Robotics raised concerns about tariffs.") == []
    assert kinds_of(classify("Globex launches lawsuit against Initech", "")) == {
        ("globex", "legal"),
        ("initech", "legal"),
    }


def test_percentages_are_amounts() -> None:
    (event,) = classify("Acme Robotics lays off 9% of staff", "")
    assert event.amount == "9%"


def test_pronoun_subject_is_headline_company() -> None:
    events = classify(
        "Initech: a new chapter",
        "Initech has grown fast. The company said on Monday it raised $12 million in seed funding.",
    )
    assert ("initech", "funding") in kinds_of(events)


def test_custom_rules_file(tmp_path: Path) -> None:
    rules_file = tmp_path / "rules.toml"
    rules_file.write_text(
        "[kinds.recall]\nsensitive = true\n"
        "patterns = [{ re = '\\brecalls?\\b', weight = 0.9, voice = \"active\" }]\n",
        encoding="utf-8",
    )
    rules = load_rules(rules_file)
    assert rules.names == ("recall",) and rules.sensitive == {"recall"}
    title = "Globex recalls 500,000 kettles"
    (event,) = classify_events(title, "", MATCHER.find(title, ""), COMPANIES, rules=rules)
    assert event.kind == "recall" and event.sensitive


def test_bad_rules_raise_config_error(tmp_path: Path) -> None:
    rules_file = tmp_path / "rules.toml"
    rules_file.write_text("[kinds.x]\npatterns = [{ re = '(unclosed' }]\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_rules(rules_file)


HOLDOUT = Path(__file__).parent / "fixtures" / "labelled_events_holdout.jsonl"
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def _labelled_texts() -> list[tuple[str, str]]:
    texts = []
    for path in (LABELLED, HOLDOUT):
        for example in load_labelled(path)[1]:
            texts.append((example["title"], example["lead"]))
    return texts


def _untriggered(rules: EventRules, sentences: list[str]) -> list[str]:
    """Pattern matches in sentences whose words hold none of their kind's triggers."""
    misses = []
    for sentence in sentences:
        mask = rules.kinds_in(sentence.lower())
        for bit, kind in enumerate(rules.kinds):
            if mask >> bit & 1:
                continue
            for pattern in kind.patterns:
                m = pattern.regex.search(sentence)
                if m:
                    misses.append(f"{kind.name}: {m.group()!r} in {sentence!r}")
    return misses


def test_triggers_cover_every_pattern_match_on_labelled_text() -> None:
    rules = load_rules()
    sentences = [s for pair in _labelled_texts() for s in pair]
    sentences += [
        "Acme picks up $5M. Globex ties up with Initech. Initech tied up with Acme.",
        "Acme forms a joint venture; Globex hit by cyber-attack; the site went down.",
        "Acme named to the Forbes Cloud 100 list and a Leader in the Gartner Magic Quadrant.",
        "Acme announces general availability; Globex goes live; Initech in beta.",
        "Hiring freeze and a reduction in force at Acme; lay-offs at Globex.",
    ]
    assert _untriggered(rules, sentences) == []


def test_triggers_cover_every_pattern_match_on_real_text() -> None:
    truth = CORPUS / "articles"
    if not truth.is_dir():
        pytest.skip("shared corpus not present")
    sentences: list[str] = []
    for path in sorted(truth.glob("*/ground_truth.normalized.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                sentences.append(record.get("title") or "")
                body = (record.get("body") or record.get("body_prefix") or "")[:3000]
                sentences.extend(body[a:b] for a, b in sentence_spans(body))
    assert len(sentences) > 1000
    misses = _untriggered(load_rules(), sentences)
    assert misses == [], "\n".join(misses[:20])


def test_triggers_change_no_result() -> None:
    rules = load_rules()
    untriggered = replace(rules, kinds=tuple(replace(k, triggers=None) for k in rules.kinds))
    for path in (LABELLED, HOLDOUT):
        companies, examples = load_labelled(path)
        matcher = MentionMatcher(companies)
        by_slug = {c.slug: c for c in companies}
        for example in examples:
            title, lead = example["title"], example["lead"]
            mentions = matcher.find(title, lead)
            fast = classify_events(title, lead, mentions, by_slug, rules=rules)
            slow = classify_events(title, lead, mentions, by_slug, rules=untriggered)
            assert fast == slow, title


def test_trigger_with_a_space_is_a_config_error(tmp_path: Path) -> None:
    rules_file = tmp_path / "rules.toml"
    rules_file.write_text(
        "[kinds.recall]\ntriggers = ['recall', 'pulled from']\n"
        "patterns = [{ re = '\\brecalls?\\b' }]\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="trigger"):
        load_rules(rules_file)


def test_kind_without_triggers_is_always_searched(tmp_path: Path) -> None:
    rules_file = tmp_path / "rules.toml"
    rules_file.write_text(
        "[kinds.recall]\npatterns = [{ re = '\\brecalls?\\b', voice = 'active' }]\n"
        "[kinds.strike]\ntriggers = ['walkout']\npatterns = [{ re = '\\bstrikes?\\b' }]\n",
        encoding="utf-8",
    )
    rules = load_rules(rules_file)
    title = "Globex recalls kettles as workers strike"
    events = classify_events(title, "", MATCHER.find(title, ""), COMPANIES, rules=rules)
    # "strike" carries none of its kind's triggers, so that kind is never searched.
    assert [e.kind for e in events] == ["recall"]


def test_holdout_precision_and_recall() -> None:
    # Written before the rules were run on it and never tuned against: a floor, not a target.
    scores = evaluate_events(HOLDOUT)
    print(f"\n{scores.examples} held-out examples\n{scores.table()}")
    for error in scores.errors:
        print(error)
    assert scores.examples >= 40
    assert scores.precision() >= 0.75
    assert scores.recall() >= 0.65


def test_first_person_posts_on_the_company_site() -> None:
    from tidings.analysis.ingest import Analyzer

    acme = Company(slug="acme", name="Acme", domains=("acme.example",))
    analyzer = Analyzer([acme])
    own = "https://blog.acme.example/post"
    cases = [
        ("Introducing Harbor", "Harbor is a new routing API for developers.", {"launch"}),
        ("A milestone", "We are excited to share that we have raised $40 million in Series C "
         "funding led by Example Ventures.", {"funding"}),
        ("Our response to Tuesday", "We are investigating an outage that affected our network "
         "on Tuesday.", {"outage"}),
        # a bare headline never makes bad news, and musings are not events
        ("Compromised credential checking, explained", "How the protocol works.", set()),
        ("How we think about hiring", "We believe great teams are built slowly.", set()),
    ]
    for title, text, kinds in cases:
        _, events = analyzer.analyse(title, text, own)
        assert {e.kind for e in events} == kinds, title
        # the same words on someone else's site are nobody's news
        _, elsewhere = analyzer.analyse(title, text, "https://news.example/post")
        assert elsewhere == [], title


def test_own_site_is_known_from_sources_without_configured_domains() -> None:
    from tidings.analysis.ingest import Analyzer, own_site_hosts
    from tidings.models import SourceConfig

    feed = SourceConfig(url="https://blog.northwind-robotics.example/feed", company="northwind-robotics")
    wire = SourceConfig(url="https://wire.example/rss", company="northwind-robotics")
    company = Company(slug="northwind-robotics", name="Northwind Robotics", sources=(feed, wire))
    assert own_site_hosts(company) == ["blog.northwind-robotics.example"]
    _, events = Analyzer([company]).analyse(
        "Introducing Harbor", "Today we are launching Harbor.",
        "https://blog.northwind-robotics.example/introducing-harbor",
    )
    assert [e.kind for e in events] == ["launch"]


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        # results that are not the company's figures: a clinical trial's
        ("Acme Robotics reports positive topline results from its Phase 2 trial", "earnings"),
        ("Acme Robotics announces interim data from a study in 40 patients", "earnings"),
        # market figures and sales agreements are not results either
        ("Acme Robotics says home sales fell 5% in June", "earnings"),
        ("Acme Robotics announces a sales distribution agreement with Globex", "earnings"),
        # buying shares, or an analyst saying to buy them, is not buying the company
        ("Acme Robotics director buys 10,000 shares in the open market", "acquisition"),
        ("Acme Robotics recommends buying Globex ahead of its results", "acquisition"),
        ("Acme Robotics: strong stock to buy when the time is right", "acquisition"),
        # round 4: buying from, at or with a name is no acquisition of it
        ("Fake pages impersonating Acme Robotics are buying ads from Acme Robotics", "acquisition"),
        ("Acme Robotics to buy at least 100 vans from Globex", "acquisition"),
        ("Acme Robotics upgraded to Buy at Globex Securities", "acquisition"),
        # round 4: a fight or a legal team alone is no legal matter
        ("Acme Robotics fights for market share in Europe", "legal"),
        ("Acme Robotics hires a legal team for its expansion", "legal"),
    ],
)
def test_no_development_in_look_alike_headlines(title: str, kind: str) -> None:
    for combination in ("rules", "veto"):
        events = classify_events(title, "", MATCHER.find(title, ""), COMPANIES, combination=combination)
        assert ("acme", kind) not in kinds_of(events), (combination, title)


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Acme Robotics reports second-quarter results above estimates", "earnings"),
        ("Acme Robotics reports preliminary results for the third quarter", "earnings"),
        ("Acme Robotics posts record quarterly sales", "earnings"),
        ("Acme Robotics buys Globex for $2 billion", "acquisition"),
        ("Acme Robotics agrees to buy a 60% stake in Globex", "acquisition"),
    ],
)
def test_real_developments_next_to_the_look_alikes_still_found(title: str, kind: str) -> None:
    events = classify_events(title, "", MATCHER.find(title, ""), COMPANIES, combination="rules")
    assert ("acme", kind) in kinds_of(events)


_FEATURE = "Inside the Globex depot before dawn"
_PROSE = "Drivers collect their tablets, check the weather and trade stories about the week. " * 12


def test_a_development_only_deep_in_body_prose_is_not_the_articles() -> None:
    history = "Back in 2019, Globex launched Harbor, its first routing API."
    deep = f"{_PROSE}{history}"
    assert deep.index(history) > BODY_CHARS
    assert classify(_FEATURE, deep) == []
    # The same sentence in the lead, or half-way to the cut, still counts: only the depth matters.
    assert {e.kind for e in classify(_FEATURE, f"{history} {_PROSE}")} == {"launch"}
    near = f"{_PROSE[: BODY_CHARS // 2]}{history}"
    assert {e.kind for e in classify(_FEATURE, near)} == {"launch"}


@pytest.mark.parametrize("after", ["", _PROSE])
@pytest.mark.parametrize("cut", [3, 6, 40])
def test_a_sentence_across_the_body_cut_is_read_whole(cut: int, after: str) -> None:
    # The cut at BODY_CHARS falls inside the funding sentence, ``cut`` characters after the
    # "$": read up to the cut, "$120 million" became "$12" in the talking point.
    sentence = "Globex raised $120 million in a Series C round led by Northgate Capital."
    head = _PROSE[: BODY_CHARS - cut - 1 - sentence.index("$")]
    body = f"{head} {sentence} {after}".strip()
    assert body.index(sentence) < BODY_CHARS < body.index(sentence) + len(sentence)
    (event,) = [e for e in classify(_FEATURE, body) if e.kind == "funding"]
    assert event.amount == "$120 million"
    assert event.evidence.endswith("Northgate Capital.")


@pytest.mark.parametrize(
    "title",
    [
        "Globex publishes an FAQ on its fight against the FBI",
        "Globex wins 22-year legal fight over China trademark",
        "Globex loses first round in patent dispute",
        "Globex seeks court order forcing the buyer to close the deal",
    ],
)
def test_legal_fights_and_cases_are_legal(title: str) -> None:
    rules = classify_events(title, "", MATCHER.find(title, ""), COMPANIES, combination="rules")
    assert [e.kind for e in rules] == ["legal"]


@pytest.mark.parametrize(
    "title",
    [
        "Globex wins 22-year legal fight over China trademark",
        "Globex seeks court order forcing the buyer to close",
    ],
)
def test_legal_fights_are_legal_with_the_model_too(title: str) -> None:
    # The pattern is loose (weight 0.8): the model may veto it in a headline it finds no legal
    # matter; these two it does not.
    assert "legal" in {e.kind for e in classify(title, "")}


def test_investing_in_gives_funding_to_the_company_invested_in_only() -> None:
    for title in ("Initech invests $20 million in Globex", "Initech invests in payments startup Globex"):
        assert ("globex", "funding") in {(e.company, e.kind) for e in classify(title, "")}
    prose = "Many big names are investing in the future of streamed games, and Globex leads the field."
    events = classify_events(prose, "", MATCHER.find(prose, ""), COMPANIES, combination="rules")
    assert "funding" not in {e.kind for e in events}


def test_buying_a_named_company_is_still_an_acquisition() -> None:
    for title in ("Globex is buying Initech", "Globex to buy payments startup Initech"):
        assert ("globex", "acquisition") in {(e.company, e.kind) for e in classify(title, "")}
