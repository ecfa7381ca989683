"""`tidings company edit NAME` (issue 13, point 7): each option through the real CLI, comments and
layout of the hand-written TOML kept, a failed edit writes nothing, and it says when
`tidings reanalyze` is needed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Invoke
from tests.feedgen import rss
from tests.httpserver import Route, serve
from tests.test_cli_config import one_line_error, snapshot
from tests.test_intel_e2e import item

COMMENTS = ("# Companies I am talking to.", "# met the CTO", "# closest rival", "# their newsroom",
            "# keep an eye on them", "# trailing note")


def company(invoke: Invoke, name: str) -> dict:
    listed = json.loads(invoke("company", "list", "--json").stdout)
    return next(c for c in listed if c["name"] == name)


def test_every_option_edits_in_place_and_keeps_comments(invoke: Invoke, hand_written: Path) -> None:
    result = invoke(
        "company", "edit", "Northwind",
        "--alias", "NWT", "--alias", "Northwind Co",
        "--context", "logistics", "--exclude", "Northwind Passage",
        "--domain", "northwind.example", "--ticker", "nwt",
        "--ambiguous", "Northwind",
        "--role", "competitor", "--news",
    )
    assert result.exit_code == 0, result.stderr
    assert "edited Northwind Traders" in result.stderr and "aliases +NWT" in result.stderr
    edited = company(invoke, "Northwind Traders")
    assert edited["aliases"] == ["Northwind", "NWT", "Northwind Co"]
    assert edited["context"] == ["logistics"] and edited["exclude"] == ["Northwind Passage"]
    assert edited["domains"] == ["northwind.example"] and edited["tickers"] == ["NWT"]
    assert edited["ambiguous"] == ["Northwind"]
    assert edited["role"] == "competitor" and edited["news"] is True
    assert any("news.google.com" in url for url in edited["sources"])
    text = hand_written.read_text(encoding="utf-8")
    for comment in COMMENTS:
        assert comment in text, comment
    # untouched lines are byte for byte what the user wrote
    assert 'name = "Northwind Traders"   # met the CTO' in text
    assert '    "Contoso",  # closest rival' in text

    result = invoke(
        "company", "edit", "northwind traders",
        "--remove-alias", "northwind",  # any case; also leaves `ambiguous`
        "--remove-context", "logistics", "--remove-competitor", "Contoso Ltd",
        "--no-news", "--role", "target",
    )
    assert result.exit_code == 0, result.stderr
    edited = company(invoke, "Northwind Traders")
    assert edited["aliases"] == ["NWT", "Northwind Co"]
    assert edited["ambiguous"] == [] and edited["context"] == []
    assert edited["competitors"] == [] and edited["news"] is False and edited["role"] == "target"
    text = hand_written.read_text(encoding="utf-8")
    for comment in ("# Companies I am talking to.", "# met the CTO", "# their newsroom", "# trailing note"):
        assert comment in text
    assert "context" not in text.split("[[company.sources]]")[0]  # an emptied list goes away


def test_competitor_by_alias_and_unknown_competitor(invoke: Invoke, hand_written: Path) -> None:
    assert invoke("company", "add", "Fabrikam", "--role", "competitor").exit_code == 0
    result = invoke("company", "edit", "Contoso", "--competitor", "fabrikam")
    assert result.exit_code == 0, result.stderr
    assert company(invoke, "Contoso Ltd")["competitors"] == ["fabrikam"]
    assert 'competitors = ["Fabrikam"]' in hand_written.read_text(encoding="utf-8")
    # adding what is there already changes nothing
    again = invoke("company", "edit", "Contoso", "--competitor", "Fabrikam")
    assert again.exit_code == 0 and "nothing changed" in again.stderr

    before = snapshot(hand_written.parent)
    unknown = invoke("company", "edit", "Contoso", "--competitor", "Initech")
    assert unknown.exit_code == 2
    assert "Initech" in one_line_error(unknown.stderr)
    assert snapshot(hand_written.parent) == before


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["Nobody", "--alias", "X"], 1, "no tracked company"),
        (["Northwind", "--remove-alias", "Acme"], 2, "no aliases entry 'Acme'"),
        (["Northwind", "--ambiguous", "Acme"], 2, "not its name or an alias"),
        (["Northwind", "--alias", "Contoso"], 2, "used by two companies"),
        (["Northwind"], 2, "nothing to change"),
    ],
)
def test_bad_edits_write_nothing(
    invoke: Invoke, hand_written: Path, args: list[str], code: int, words: str
) -> None:
    before = snapshot(hand_written.parent)
    result = invoke("company", "edit", *args)
    assert result.exit_code == code, result.stderr
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(hand_written.parent) == before


def test_says_when_reanalyze_is_needed_and_reanalyze_applies_it(
    invoke: Invoke, feeds_dir: Path, db_path: Path
) -> None:
    news = [item(1, "Initrode launches a parcel locker network",
                 "Initrode launched a network of parcel lockers across Lisbon.", "lockers")]
    with serve({"/f.xml": Route(rss(news))}) as server:
        assert invoke("company", "add", "Acme").exit_code == 0
        assert invoke("source", "add", "Acme", server.url("/f.xml")).exit_code == 0
        assert invoke("fetch").exit_code == 0
    assert json.loads(invoke("mentions", "Acme", "--json").stdout) == []

    renamed = invoke("company", "edit", "Acme", "--alias", "Initrode")
    assert "run `tidings reanalyze`" in renamed.stderr
    role_only = invoke("company", "edit", "Acme", "--role", "competitor")
    assert role_only.exit_code == 0 and "tidings reanalyze" not in role_only.stderr

    assert invoke("reanalyze").exit_code == 0
    found = json.loads(invoke("mentions", "Acme", "--json").stdout)
    assert [m["title"] for m in found] == ["Initrode launches a parcel locker network"]
