"""Phrasings real articles use that the rules missed: "Acme's new Harbor" in the body is Acme's
launch (never in the headline, never "its new ..."); a place opening, results released."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.analysis.events import Event, classify_events, load_rules
from tidings.analysis.mentions import MentionMatcher
from tidings.errors import ConfigError
from tidings.models import Company

COMPANIES = {
    c.slug: c
    for c in (
        Company(slug="acme", name="Acme Robotics", aliases=("Acme",)),
        Company(slug="globex", name="Globex"),
    )
}
MATCHER = MentionMatcher(list(COMPANIES.values()))


def classify(title: str, text: str, combination: str = "veto") -> list[Event]:
    return classify_events(title, text, MATCHER.find(title, text), COMPANIES, combination=combination)


def kinds_of(events: list[Event]) -> set[tuple[str, str]]:
    return {(e.company, e.kind) for e in events}


@pytest.mark.parametrize(
    "lead",
    [
        "Reviewers spent a week with Acme's new Harbor arm in a busy warehouse.",
        "Crews in Ohio tried Acme Robotics’s new Harbor loader on Monday.",
    ],
)
def test_the_companys_new_named_thing_in_the_lead_is_its_launch(lead: str) -> None:
    events = classify("A week in the warehouse", lead, combination="rules")
    assert ("acme", "launch") in kinds_of(events)


@pytest.mark.parametrize(
    "lead",
    [
        "Crews met Acme's new CEO in Ohio on Monday.",
        "Crews visited Acme's new Chief Executive in Ohio.",
        "Crews visited Acme's new Headquarters in Ohio.",
        "Crews said Acme's new plan was late.",
        "Crews in Ohio tried its new Harbor loader, which Acme Robotics sells.",
    ],
)
def test_a_new_chief_office_plan_or_unnamed_owner_is_no_launch(lead: str) -> None:
    assert ("acme", "launch") not in kinds_of(classify("A week in the warehouse", lead, combination="rules"))


def test_the_companys_new_thing_in_a_headline_is_not_a_launch_by_itself() -> None:
    # "Acme's new X is ..." headlines are mostly reviews and opinions about it
    title = "Acme's new Harbor arm is a near-perfect update"
    assert ("acme", "launch") not in kinds_of(classify(title, "", combination="rules"))


def test_a_body_only_pattern_in_a_rules_file(tmp_path: Path) -> None:
    rules_file = tmp_path / "rules.toml"
    rules_file.write_text(
        "[kinds.launch]\n"
        "patterns = [{ re = '\\bships\\b', weight = 0.9, voice = \"active\", body = true }]\n",
        encoding="utf-8",
    )
    rules = load_rules(rules_file)
    title, lead = "Acme ships Harbor", "Acme Robotics ships Harbor to Ohio."

    def run(text: str) -> list[Event]:
        mentions = MATCHER.find(title, text)
        return classify_events(title, text, mentions, COMPANIES, rules=rules, combination="rules")

    assert not run("")
    events = run(lead)
    assert [(e.company, e.kind) for e in events] == [("acme", "launch")]
    rules_file.write_text(
        "[kinds.launch]\npatterns = [{ re = '\\bships\\b', body = 'yes' }]\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError, match="body must be true or false"):
        load_rules(rules_file)


@pytest.mark.parametrize(
    "title",
    [
        "The first Acme Store in Ohio opened today",
        "Acme Robotics office in Denver officially opens",
        "Acme Robotics factory to open in 2027",
    ],
)
def test_a_place_then_its_opening_is_expansion(title: str) -> None:
    assert ("acme", "expansion") in kinds_of(classify(title, "", combination="rules"))


@pytest.mark.parametrize(
    "title",
    ["Acme Robotics shares opened higher on Monday", "Acme Robotics store was opened by burglars at night"],
)
def test_shares_opening_or_a_store_broken_into_is_no_expansion(title: str) -> None:
    assert ("acme", "expansion") not in kinds_of(classify(title, "", combination="rules"))


@pytest.mark.parametrize(
    "title",
    ["Acme Robotics releases Q2 operational results", "Acme Robotics released its 2024 annual results"],
)
def test_releasing_results_is_earnings_not_a_launch(title: str) -> None:
    kinds = kinds_of(classify(title, "", combination="rules"))
    assert ("acme", "earnings") in kinds and ("acme", "launch") not in kinds


def test_releasing_a_product_is_still_a_launch() -> None:
    kinds = kinds_of(classify("Acme Robotics releases Harbor 2 for warehouses", "", combination="rules"))
    assert kinds == {("acme", "launch")}


@pytest.mark.parametrize(
    "title",
    ["Acme Robotics (YC W15) is hiring engineers to automate depots", "Acme Robotics is now hiring in Leeds"],
)
def test_a_company_that_is_hiring_is_expanding(title: str) -> None:
    assert ("acme", "expansion") in kinds_of(classify(title, ""))


@pytest.mark.parametrize(
    "title",
    [
        "Acme Robotics is hiring a new CFO",
        "Acme Robotics is hiring banks to explore a sale",
        "Acme Robotics is not hiring this year",
    ],
)
def test_hiring_one_chief_or_advisers_is_no_expansion(title: str) -> None:
    assert ("acme", "expansion") not in kinds_of(classify(title, "", combination="rules"))
