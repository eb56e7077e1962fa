"""A result in `\\boxed{...}` whose braces hold braces of their own or run over lines of display math
(issue 20: a homework solution boxes every result, `\\boxed{\\mathbf{z}^{(1)} = [0.21, -0.33]}`, some
over two lines): the box is blanked with its matching brace (checks/draft/boxes.py) and what it
holds binds as unboxed text does. Synthetic texts on the 1-2-1 net of tests/test_draft_wording.py
(its exact values worked there with math.exp), a wrong number included so the binding comes from the
label."""

from __future__ import annotations

import pytest
from test_draft_wording import _claims, _draft

from gradaudit.draft.boxes import unbox

GIVEN = "Take x = 2, w_1 = w_2 = w_3 = w_4 = 0.5, b1 = b2 = 1, y = 1 and eta = 0.1.\n\n"
# o = sigmoid(1.8807970780) = 0.8677026537 (exact); dE/do = o - y = -0.1322973463, printed wrong
# below as -0.1400 (a made-up slip) so only its label can bind it
BOXED = [
    "$$\\boxed{\\mathbf{o} = \\sigma(1.8808) = 0.8677}$$\n\n$$\\boxed{\\frac{dE}{do} = -0.1400}$$\n",
    "$$\n\\boxed{\\mathbf{o} = \\sigma(0.5 \\cdot 0.8808 + 0.5 \\cdot 0.8808 + 1)\n= \\sigma(1.8808)\n"
    "= 0.8677}.\n$$\n\n$$\\boxed{\\frac{\\partial E}{\\partial o} = o - y = -0.1400}$$\n",
    "$$\n\\begin{aligned}\n\\mathbf{o} &= \\sigma(1.8808) = \\boxed{0.8677},\\\\\n"
    "\\frac{dE}{do} &= \\boxed{\\mathbf{-0.1400}}.\n\\end{aligned}\n$$\n",
]


@pytest.mark.parametrize("boxed", BOXED)
def test_a_boxed_result_binds_as_an_unboxed_one(tmp_path, monkeypatch, boxed):
    result = _draft(tmp_path, monkeypatch, GIVEN + boxed)
    claims = _claims(result)
    assert claims["o"] == "0.8677", result.outcomes
    assert claims["dE_do"] == "-0.1400", result.outcomes


def test_unbox_keeps_every_line_and_column():
    text = "a \\boxed{\\mathbf{z}^{(1)} = [0.21,\n -0.33]} b \\boxed{unclosed"
    out = unbox(text)
    assert out == "a " + " " * 7 + "\\mathbf{z}^{(1)} = [0.21,\n -0.33]  b \\boxed{unclosed"
    assert [len(x) for x in out.split("\n")] == [len(x) for x in text.split("\n")]
