"""A table whose row prints a step's expression in one cell and its value in the next (issue 20:
course notes print `| 1 | $z_1 = 0.5 \\times 2$ | $1.0$ |`, the step's number first, and `| ... |
$\\approx 0.6225$ |`): the value cell ends the row's chain (checks/draft/notation.py, `_table_row`).
Synthetic texts on the 1-2-1 net of tests/test_draft_wording.py (its exact values worked there with
math.exp), a wrong number included so the binding comes from the label."""

from __future__ import annotations

import pytest
from test_draft_wording import _claims, _draft

GIVEN = "Take x = 2, w_1 = w_2 = w_3 = w_4 = 0.5, b1 = b2 = 1, y = 1 and eta = 0.1.\n\n"
# h1 = sigmoid(2 x 0.5 + 1) = sigmoid(2) = 0.8807970780; o = 0.8677026537; dE/do = o - 1 =
# -0.1322973463, printed -0.1400 below (a made-up slip: only its label can bind it)
ROWS = [
    ("h_1 = \\sigma(2 \\times 0.5 + 1)", "0.8808"),
    ("o = \\sigma(0.5 \\times 0.8808 + 0.5 \\times 0.8808 + 1)", "\\approx 0.8677"),
    ("\\frac{\\partial E}{\\partial o} = 0.8677 - 1", "-0.1400"),
]


@pytest.mark.parametrize("numbered", ["{i}", "{i}.", None])
def test_a_value_cell_after_its_expression_cell_ends_the_chain(tmp_path, monkeypatch, numbered):
    head = "| Computation | Value |\n|---|---|\n"
    if numbered:
        head = "| Step | Computation | Value |\n|---|---|---|\n"
    body = "".join(
        (f"| {numbered.format(i=i + 1)} " if numbered else "") + f"| ${expr}$ | ${value}$ |\n"
        for i, (expr, value) in enumerate(ROWS)
    )
    claims = _claims(_draft(tmp_path, monkeypatch, GIVEN + head + body))
    assert claims == {"h1": "0.8808", "o": "0.8677", "dE_do": "-0.1400"}
