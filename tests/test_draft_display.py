"""Matrices over lines of display math that tutorials print as one expression (issue 20: a homework
solution prints `W^{(2)}_{\\text{new}} =`, the old matrix, `- 0.3`, the gradient's matrix, `=`, then
the boxed result, with `\\\\[2pt]` between rows): the rows split at a row break with a spacing, an
updated value marked `_{\\text{new}}`, the matrices before the last `=` operands (a product's
operands printed one under the other too), and the value after `=` over a line left blank by a box
(checks/draft/notation.py, chains.py). Synthetic texts on a made-up worksheet, a wrong number
included so the binding comes from the place."""

from __future__ import annotations

import pytest
from test_draft_wording import _claims, _draft

MODULE = """\
    import jax.numpy as jnp

    from gradaudit import Worksheet, grad, update

    ws = Worksheet("a neuron with a weight vector", loss="E")

    @ws.step
    def z(W, x, b):
        return jnp.dot(W, x) + b

    @ws.step
    def E(z, y):
        return 0.5 * (z - y) ** 2

    @ws.step(label="dE/dz", means=grad("E", wrt="z"))
    def dE_dz(z, y):
        return z - y

    @ws.step(label="dE/dW", means=grad("E", wrt="W"))
    def dE_dW(dE_dz, x):
        return dE_dz * x

    @ws.step(label="W (new)", means=update("W", lr="eta"))
    def W_new(W, eta, dE_dW):
        return W - eta * dE_dW
    """
# W = [0.5, -0.5], x = [1, 2], b = 0.1, y = 1, eta = 0.1: z = 0.5 - 1 + 0.1 = -0.4; dE/dz = -1.4;
# dE/dW = -1.4 x = [-1.4, -2.8]; W_new = W - 0.1 dE/dW = [0.64, -0.22] (printed -0.23 below: a
# made-up slip, bound by its place)
GIVEN = "Take W = [0.5, -0.5], x = [1, 2], b = 0.1, y = 1 and eta = 0.1.\n\n"
UPDATE = """\
$$
\\mathbf{W}_{\\text{new}} =
\\begin{bmatrix}
0.5 & -0.5
\\end{bmatrix}
- 0.1
\\begin{bmatrix}
-1.4 & -2.8
\\end{bmatrix}
=
\\boxed{
\\begin{bmatrix}
0.64 & -0.23
\\end{bmatrix}}
$$
"""
PRODUCT = """\
$$
\\frac{\\partial E}{\\partial W} =
\\begin{bmatrix}
-1.4
\\end{bmatrix}
\\begin{bmatrix}
1 & 2
\\end{bmatrix}
=
\\begin{bmatrix}
-1.4 & -2.8
\\end{bmatrix}
$$
"""


@pytest.mark.parametrize("spacing", ["", "\\\\[2pt]", "\\\\[4pt]"])
def test_an_update_over_lines_binds_the_matrix_after_the_last_equals(tmp_path, monkeypatch, spacing):
    # `spacing` after each row of a column layout: rows split at `\\` with or without a spacing
    text = UPDATE
    if spacing:  # a column layout: a row per line
        for row in ("0.5 & -0.5", "-1.4 & -2.8", "0.64 & -0.23"):
            text = text.replace(row, row.replace(" & ", f"{spacing}\n"))
    result = _draft(tmp_path, monkeypatch, GIVEN + text, MODULE)
    claims = {o.target: (o.number.text, o.number.line) for o in result.of_kind("claim")}
    last = len((GIVEN + text).splitlines()) - 2  # the result's last row, above `\end{bmatrix}}` and `$$`
    assert claims["W_new[0]"] == ("0.64", last - (1 if spacing else 0)), result.outcomes
    assert claims["W_new[1]"] == ("-0.23", last), result.outcomes


def test_a_product_of_matrices_printed_one_under_the_other_binds_its_value(tmp_path, monkeypatch):
    result = _draft(tmp_path, monkeypatch, GIVEN + PRODUCT, MODULE)
    claims = {o.target: (o.number.text, o.number.line) for o in result.of_kind("claim")}
    assert claims["dE_dW[0]"] == ("-1.4", 13) and claims["dE_dW[1]"] == ("-2.8", 13), result.outcomes


def test_a_matrix_alone_is_still_the_value_of_its_label(tmp_path, monkeypatch):
    # nothing goes on after the matrix (a list item follows the display): the matrix is the value
    text = GIVEN + "$$\n\\mathbf{W}_{\\text{new}} =\n\\begin{bmatrix}\n0.64 & -0.23\n"
    text += "\\end{bmatrix}\n$$\n- next\n"
    assert _claims(_draft(tmp_path, monkeypatch, text, MODULE)) == {"W_new[0]": "0.64", "W_new[1]": "-0.23"}


@pytest.mark.parametrize("spacing", ["\\\\", "\\\\[2pt]", "\\\\[0.5em]"])
def test_a_given_matrix_over_lines_with_a_spacing_after_its_rows(tmp_path, monkeypatch, spacing):
    text = "Take x = [1, 2], b = 0.1, y = 1 and eta = 0.1.\n\n$$\nW = \\begin{bmatrix}\n"
    text += f"0.5{spacing}\n-0.5\n\\end{{bmatrix}}\n$$\n"
    result = _draft(tmp_path, monkeypatch, text, MODULE)
    assert result.givens["W"] == [0.5, -0.5], result.given_source


DELTA_MODULE = """\
    from gradaudit import Worksheet, grad

    ws = Worksheet("two deltas", loss="E")

    @ws.step
    def z2(w2, a1):
        return w2 * a1

    @ws.step
    def E(z2, y):
        return 0.5 * (z2 - y) ** 2

    @ws.step(label="delta_2", means=grad("E", wrt="z2"))
    def delta2(z2, y):
        return z2 - y

    @ws.step(label="delta_1")
    def delta1(delta2, w2):
        return delta2 * w2
    """


@pytest.mark.parametrize("layer", ["^{(2)}", "^{[2]}", "^{( 2 )}"])
def test_a_greek_letter_with_a_layer_superscript_names_its_step(tmp_path, monkeypatch, layer):
    # w2 = 0.5, a1 = 0.8, y = 1: z2 = 0.4, delta2 = z2 - y = -0.6, delta1 = -0.6 x 0.5 = -0.3 (printed
    # -0.35 below, a made-up slip: only the label binds it)
    text = "Take w_2 = 0.5, a_1 = 0.8 and y = 1.\n\n"
    text += f"$$\\delta{layer} = 0.4 - 1 = -0.6$$\n\n"
    text += f"$$\\delta{layer.replace('2', '1')} = -0.6 \\times 0.5 = -0.35$$\n"
    claims = _claims(_draft(tmp_path, monkeypatch, text, DELTA_MODULE))
    assert claims.get("delta1") == "-0.35" and claims.get("delta2") == "-0.6", claims


def test_a_display_that_starts_with_equals_goes_on_with_the_display_above(tmp_path, monkeypatch):
    # the 1-2-1 net of tests/test_draft_wording.py: w3 - 0.1 dE/dw3 = 0.5013376702 (0.50 at 2
    # decimals), printed 0.51, a made-up slip: only its place after `w_3^{new} = ...` binds it
    from test_draft_wording import _draft as _draft_net

    text = "Take x = 2, w_1 = w_2 = w_3 = w_4 = 0.5, b1 = b2 = 1, y = 1 and eta = 0.1.\n\n"
    text += "$$\nw_3^{new} = 0.5 - 0.1 \\times (-0.01338)\n$$\n\n$$\n= 0.51\n$$\n"
    claims = _claims(_draft_net(tmp_path, monkeypatch, text))
    assert claims.get("w3_new") == "0.51", claims


@pytest.mark.parametrize("marker", ["* ", "- ", "3. "])
def test_an_update_in_a_list_item_is_the_updated_value(tmp_path, monkeypatch, marker):
    # `* W := [old] - 0.1 [grad] = [new]` under the given's name, which the update's label repeats:
    # W_new = [0.64, -0.22], printed [0.64, -0.23] (the made-up slip of UPDATE above)
    module = MODULE.replace('label="W (new)"', 'label="W"')
    text = GIVEN + marker + "$W := \\begin{bmatrix} 0.5 & -0.5 \\end{bmatrix} - 0.1 \\cdot "
    text += "\\begin{bmatrix} -1.4 & -2.8 \\end{bmatrix} = \\begin{bmatrix} 0.64 & -0.23 \\end{bmatrix}$\n"
    claims = _claims(_draft(tmp_path, monkeypatch, text, module))
    assert claims.get("W_new[0]") == "0.64" and claims.get("W_new[1]") == "-0.23", claims
