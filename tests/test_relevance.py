"""Points ranked for the interview: stemmed matches, own posts as points, bad news never a point."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from tidings.intel.points import care_items, make_point, post_candidates, rank_points
from tidings.intel.records import Development, InterviewContext, Post
from tidings.intel.relevance import interview_terms, match_text, relevant

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)
DATA = InterviewContext(
    role="Senior Data Engineer", notes="streaming pipeline, Flink, customer-facing analytics"
)


HARBOR = "Northwind launches Harbor, a fleet-routing API"


def dev(kind: str = "launch", title: str = HARBOR, **kw: object) -> Development:
    args: dict[str, object] = {
        "company": "northwind", "company_name": "Northwind", "kind": kind, "sensitive": False,
        "title": title, "url": f"https://n.example/{abs(hash(title))}", "source": "Newsroom",
        "published": NOW - timedelta(days=2), "evidence": title + ".",
    }
    args.update(kw)
    return Development(**args)  # type: ignore[arg-type]


def post(title: str, text: str, days: float = 3) -> Post:
    return Post(article_id=title[:8], company="northwind", company_name="Northwind", title=title,
                url=f"https://blog.n.example/{abs(hash(title))}", source="Engineering blog",
                published=NOW - timedelta(days=days), text=text)


def test_close_forms_match() -> None:
    terms = interview_terms(DATA)
    assert "senior" not in " ".join(terms)  # seniority says nothing about the work
    match = match_text("We are hiring data engineers for our pipelines and data engineering.", terms)
    assert {"data", "engin", "pipelin"} <= match.stems
    assert "data engineers" in match.phrases and "pipelines" in match.phrases
    assert "data" not in match.phrases  # the longer phrase holds it
    phrases = match_text("Customer-facing analytics, now streaming.", terms).phrases
    assert phrases[0] == "Customer-facing analytics"


def test_one_shared_word_is_not_relevance() -> None:
    terms = interview_terms(DATA)
    assert not relevant(match_text("Revenue slowed as customers delayed renewals", terms))
    assert relevant(match_text("A streaming pipeline on Flink", terms))


def test_relevant_development_ranks_higher_and_says_why() -> None:
    plain = dev(title="Northwind launches Harbor, a fleet-routing API", published=NOW - timedelta(days=1))
    fitting = dev(title="Northwind launches Stream, a Flink-based streaming pipeline service",
                  published=NOW - timedelta(days=6))
    ranked = rank_points([plain, fitting], [], "Northwind", NOW, context=DATA)
    assert ranked[0].title == fitting.title
    assert ranked[0].why.startswith("Matches your interview: ")
    assert "Flink" in ranked[0].why and "streaming pipeline" in ranked[0].why
    # Without an interview the newer launch leads, and nothing claims to match.
    ranked = rank_points([plain, fitting], [], "Northwind", NOW)
    assert ranked[0].title == plain.title and not ranked[0].matches


def test_own_post_becomes_a_point_of_kind_post() -> None:
    posts = [
        post("How we moved our analytics to a streaming pipeline",
             "Our analytics now run on Kafka and Flink. We are hiring data engineers."),
        post("Meet the support desk", "A day with the people who answer the phones."),
    ]
    ranked = rank_points([dev()], [], "Northwind", NOW, context=DATA, posts=posts)
    kinds = {p.title: p.kind for p in ranked}
    assert kinds["How we moved our analytics to a streaming pipeline"] == "post"
    assert "Meet the support desk" not in kinds
    assert ranked[0].kind == "post"
    assert "the streaming pipeline" in ranked[0].thing
    assert "your post \u2018How we moved our analytics to a streaming pipeline\u2019" in ranked[0].text
    # Without an interview, posts are no points at all.
    assert all(p.kind != "post" for p in rank_points([dev()], [], "Northwind", NOW, posts=posts))


@pytest.mark.parametrize("title", [
    "Yesterday's streaming pipeline outage: what happened",
    "We are sorry: Flink incident delayed customer-facing analytics",
])
def test_post_reading_as_bad_news_is_never_a_point(title: str) -> None:
    bad = post(title, "Our streaming pipeline on Flink was down for customer-facing analytics.")
    assert post_candidates([bad], DATA, NOW) == []


@pytest.mark.parametrize("kind", ["earnings", "launch", "outage", "recall", "layoffs"])
def test_bad_tone_and_sensitive_never_become_points_whatever_they_match(kind: str) -> None:
    bad = dev(kind=kind, tone="bad", sensitive=kind == "layoffs",
              title="Northwind streaming pipeline for Flink analytics stalls", coverage=5)
    good = dev(title="Northwind launches Harbor")
    ranked = rank_points([bad, good], [], "Northwind", NOW, context=DATA)
    assert [p.title for p in ranked] == ["Northwind launches Harbor"]
    assert [c.title for c in care_items([bad, good])] == [bad.title]


def test_results_line_follows_direction() -> None:
    good = make_point(dev("earnings", "Northwind reports record revenue", tone="good", amount="$1.2 billion"),
                      "Northwind", NOW, competitor=False, background=False)
    assert "Congratulations on the strong results ($1.2 billion)" in good.text
    flat = make_point(dev("earnings", "Northwind reports third-quarter results"),
                      "Northwind", NOW, competitor=False, background=False)
    assert "growth" not in flat.text.lower() and "driving" not in flat.text.lower()
    assert "latest results" in flat.text


def test_launch_lines_name_the_product_and_competitors_ask_about_own_plans() -> None:
    harbor = make_point(dev(), "Northwind", NOW, competitor=False, background=False)
    quay = make_point(dev(title="Northwind unveils Quay, a dock scheduler"), "Northwind", NOW,
                      competitor=False, background=False)
    assert "Harbor" in harbor.text.split("\u201c")[1] and "Quay" in quay.text.split("\u201c")[1]
    assert harbor.thing == "Harbor" and quay.thing == "Quay"
    rival = make_point(
        replace(dev(kind="partnership", title="Contoso partners with Fabrikam"), company="contoso",
                company_name="Contoso", counterparty="Fabrikam"),
        "Northwind", NOW, competitor=True, background=False,
    )
    assert "edge there" not in rival.text
    assert "How is Northwind approaching its own partnerships?" in rival.text


def test_the_company_name_is_no_match() -> None:
    robots = InterviewContext(role="Platform Engineer", notes="warehouse robots")
    launch = dev(title="Northwind Robotics launches Harbor", company_name="Northwind Robotics")
    ranked = rank_points([launch], [], "Northwind Robotics", NOW, context=robots)
    assert ranked[0].matches == ()  # "Robotics" is the name, not the notes' "robots"
