"""Results figures under their reference make a development bad news (tidings.analysis.shortfall)."""

from __future__ import annotations

import pytest

from tidings.analysis.shortfall import falls_short


@pytest.mark.parametrize(
    "sentence",
    [
        "Kellogg Q4 reported sales $3.22 vs. $3.32 bln a year ago",
        "Kohl's Q3 adj. EPS 74 cents; FactSet consensus 86 cents",
        "Acme Q3 EPS $0.52 vs. consensus of $0.61",
        "Acme revenue fell to $4 billion from $5 billion",
        "Acme Q2 margin 20% vs 25% last year",
    ],
)
def test_a_figure_under_its_reference_falls_short(sentence: str) -> None:
    assert falls_short(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Acme Q2 EPS $1.20 vs. $1.10 est.",
        "Acme Q2 revenue $5.1B vs. $4.9B consensus",
        "Acme revenue rose to $5 billion from $4 billion",
        # a smaller loss is better news, and a share price is no result
        "Acme Q2 loss per share $0.10 vs. $0.20 a year ago",
        "Acme shares trade at $10 vs $12 target",
        "Acme raises $40M from investors",
    ],
)
def test_other_figures_do_not(sentence: str) -> None:
    assert not falls_short(sentence)
