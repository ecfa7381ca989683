"""The longer name offered in the unconfirmed-name hint."""

from __future__ import annotations

import duckdb
import pytest

from tidings.intel.namecheck import longer_name
from tidings.models import Company


def store(*articles: tuple[str, str]) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE articles (id VARCHAR, title VARCHAR, body VARCHAR, summary VARCHAR, "
        "published_at TIMESTAMPTZ, company VARCHAR)"
    )
    con.execute("CREATE TABLE unconfirmed_names (article_id VARCHAR, company VARCHAR)")
    for n, (title, body) in enumerate(articles):
        con.execute(
            "INSERT INTO articles VALUES (?, ?, ?, NULL, TIMESTAMPTZ '2026-11-01' + to_days(?), 'delta')",
            [f"a{n}", title, body, n],
        )
        con.execute("INSERT INTO unconfirmed_names VALUES (?, 'delta'), (?, 'delta')", [f"a{n}", f"a{n}"])
    return con


DELTA = Company(slug="delta", name="Delta")


def test_the_longest_name_half_the_articles_share_is_offered() -> None:
    con = store(
        ("Delta Air Lines Inc. adds Lisbon", "Delta Air Lines said it would fly daily."),
        ("Lounge opens in Boston", "Delta Air Lines opened a lounge."),
        ("Delta Air Lines cuts fares", ""),
        ("Bags on long-haul flights", "Delta can check two bags."),
    )
    assert longer_name(con, DELTA) == "Delta Air Lines"


@pytest.mark.parametrize("titles", [
    ("Delta Launches Lisbon Route", "Delta Opens Boston Lounge", "Delta Cuts Fares Again", "Delta Adds Bags"),
    ("Delta of the Nile floods", "the delta region", "Delta variant spreads", "Delta force"),
])
def test_title_case_verbs_and_one_off_phrases_are_not_a_name(titles: tuple[str, ...]) -> None:
    assert longer_name(store(*((t, "") for t in titles)), DELTA) is None


def test_fewer_articles_than_the_minimum_offer_nothing() -> None:
    two = store(("Delta Air Lines adds Lisbon", ""), ("Delta Air Lines cuts", ""))
    assert longer_name(two, DELTA) is None


def _with_learned(forms: dict[str, list[str]]) -> duckdb.DuckDBPyConnection:
    import json

    con = duckdb.connect()
    con.execute("CREATE TABLE settings (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute("INSERT INTO settings VALUES ('learned_names', ?)", [json.dumps(forms)])
    return con


def test_the_learned_longer_name_is_shown_with_the_way_out() -> None:
    from tidings.intel.namecheck import learned_longer_name

    con = _with_learned({"delta": ["delta air", "delta air lines"]})
    assert learned_longer_name(con, DELTA) == "Delta Air Lines"
    assert learned_longer_name(con, Company(slug="gap", name="Gap")) is None
    # an exclude phrase or alias the user gave settles it, and the forms it starts with
    excluded = Company(slug="delta", name="Delta", exclude=("Delta Air Lines",))
    assert learned_longer_name(con, excluded) is None
    aliased = Company(slug="delta", name="Delta", aliases=("Delta Air",))
    assert learned_longer_name(con, aliased) is None
    # a store without the settings table (not yet migrated) says nothing
    assert learned_longer_name(duckdb.connect(), DELTA) is None


def test_the_learned_longer_name_is_shown_as_the_articles_write_it() -> None:
    from tidings.intel.namecheck import learned_longer_name

    con = _with_learned({"apple": ["apple tv"]})
    apple = Company(slug="apple", name="Apple")
    # no articles to read the casing from: capitalised words
    assert learned_longer_name(con, apple) == "Apple Tv"
    con.execute("CREATE TABLE articles (id VARCHAR, title VARCHAR, body VARCHAR, summary VARCHAR, "
                "published_at TIMESTAMPTZ, company VARCHAR)")
    con.execute("CREATE TABLE mentions (article_id VARCHAR, company VARCHAR)")
    for n, text in enumerate(["Apple TV gets a new remote", "The APPLE TV app", "Apple TV+ adds a show"]):
        con.execute("INSERT INTO articles VALUES (?, ?, '', NULL, now(), NULL)", [f"a{n}", text])
        con.execute("INSERT INTO mentions VALUES (?, 'apple')", [f"a{n}"])
    assert learned_longer_name(con, apple) == "Apple TV"


def test_a_settled_form_settles_only_forms_that_share_its_words() -> None:
    from tidings.intel.namecheck import learned_longer_name

    con = _with_learned({"delta": ["delta air", "delta airways"]})
    settled = Company(slug="delta", name="Delta", exclude=("Delta Air",))
    # "Delta Airways" starts with the letters of "Delta Air" but not with its words
    assert learned_longer_name(con, settled) == "Delta Airways"
