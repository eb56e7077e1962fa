"""Given values said in prose that other draft readings miss (issue 20, the articles nobody here
has read): a learning rate in a conditional or a lead-in sentence ("If learning rate = 0.1:",
"With learning rate $\\eta = 1.0$ (large for demonstration):", "a learning rate of 0.1 gives a
change of (0.1 * ...)"), a value said after its name ("the weight w3 ..., which currently has the
value 0.5"), and a given in a LaTeX bullet with a size or remark after it. Each on small synthetic
texts written the ways tutorials write them, wrong numbers included, so a binding comes from a
label or a place (checks/draft/prose_givens.py).

Every text and worksheet here is made up for the test; the exact values are worked with math.exp in
the comments of tests/test_draft_wording.py (the same 1-2-1 net at the same given values)."""

from __future__ import annotations

import pytest
from test_draft_wording import ALL_GIVEN, NET_MODULE, _claims, _draft

# the net's given values but eta, in the ways the other tests write them
OTHERS = "Take x = 2, w_1 = w_2 = w_3 = w_4 = 0.5, b1 = b2 = 1 and y = 1.\n\n"
# dE/dw3 = -0.0133767021 (tests/test_draft_wording.py); w3 - 0.1 dE/dw3 = 0.5013376702
UPDATE = "$$w_3 = 0.5 - 0.1 \\times (-0.01338) = 0.50134$$\n"


@pytest.mark.parametrize(
    "said",
    [
        "If learning rate = 0.1:\n\n",
        "If the learning rate = 0.1, then\n\n",
        "With learning rate $\\eta = 0.1$ (small for demonstration):\n\n",
        "With a learning rate $\\eta = 0.1$:\n\n",
        "Using learning rate η = 0.1 we get\n\n",
        "Assume learning rate = 0.1.\n\n",
    ],
)
def test_a_learning_rate_in_a_lead_in_sentence_is_the_given(tmp_path, monkeypatch, said):
    result = _draft(tmp_path, monkeypatch, OTHERS + said + UPDATE)
    assert result.givens == ALL_GIVEN, result.given_source
    assert _claims(result)["w3_new"] == "0.50134"


def test_a_learning_rate_in_a_sentence_that_goes_on_computing_is_the_given(tmp_path, monkeypatch):
    # "a learning rate of 0.1" then, in the same sentence, a product that holds it: the number after
    # the words is the given, the product is another chain
    text = OTHERS + (
        "dE/dw3 = -0.01338. If we have a learning rate of 0.1 that gives a change of "
        "(0.1 * 0.01338) = 0.00134, so the new w3 is 0.5 plus 0.00134 = 0.50134.\n"
    )
    result = _draft(tmp_path, monkeypatch, text)
    assert result.givens["eta"] == 0.1, result.given_source
    assert _claims(result)["w3_new"] == "0.50134"


def test_a_number_after_the_learning_rate_words_that_is_a_result_is_not_the_given(tmp_path, monkeypatch):
    # the words "learning rate" then a product: 0.3 is an operand of an expression, not a value said
    text = OTHERS + "The learning rate = 0.3 * 0.5 = 0.15 here is a made-up product.\n" + UPDATE
    result = _draft(tmp_path, monkeypatch, text)
    assert result.givens["eta"] is None, result.given_source


def test_a_learning_rate_without_an_update_that_declares_it_is_read_by_its_name(tmp_path, monkeypatch):
    # the same net, its update a plain step: the given named lr is the learning rate
    module = NET_MODULE.replace('@ws.step(label="w3", means=update("w3", lr="eta"))', '@ws.step(label="w3")')
    text = OTHERS + "If we have a learning rate of 0.1 that gives a change of (0.1 * 0.01338) = 0.00134.\n"
    result = _draft(tmp_path, monkeypatch, text, module.replace("eta", "lr"))
    assert result.givens["lr"] == 0.1, result.given_source


@pytest.mark.parametrize(
    "said",
    [
        # the name, words, then the value; over a line break as a page's text extraction leaves it
        "We want to update the weight w3 between the hidden and output layers, which currently has\n"
        "the value 0.5. The first bias b1 is 1.\n",
        "The weight w 3 (a page that lost its subscripts) has the value 0.5.\n",
        "Suppose w3 is set to 0.5 and w4 takes the value 0.7 for now.\n",
    ],
)
def test_a_value_said_after_its_name_is_the_given(tmp_path, monkeypatch, said):
    text = "Take x = 2, w_1 = w_2 = 0.5, w_4 = 0.5, b1 = b2 = 1, y = 1 and eta = 0.1.\n\n" + said
    result = _draft(tmp_path, monkeypatch, text)
    assert result.givens["w3"] == 0.5, result.given_source


def test_a_value_after_two_names_names_neither(tmp_path, monkeypatch):
    # two given values named before "has the value": the sentence does not say which
    text = "Take x = 2, w_1 = w_2 = 0.5, w_4 = 0.5, b1 = b2 = 1, y = 1 and eta = 0.1.\n\n"
    text += "Between w3 and b2 the larger currently has the value 0.9.\n"
    result = _draft(tmp_path, monkeypatch, text)
    assert result.givens["w3"] is None, result.given_source


VECTOR_MODULE = """\
    import jax.numpy as jnp

    from gradaudit import Worksheet, grad

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
    """
# W = [0.5, -0.5], x = [1, 2], b = 0.1, y = 1: z = 0.5 - 1 + 0.1 = -0.4; dE/dz = z - y = -1.4
VECTOR_RESULTS = "Forward: $z = -0.4$ and $\\frac{dE}{dz} = -1.4$.\n"


@pytest.mark.parametrize(
    "bullets",
    [
        "  * $W = \\begin{bmatrix} 0.5 & -0.5 \\end{bmatrix}$ (1×2)\n"
        "  * $x = \\begin{bmatrix} 1 \\\\ 2 \\end{bmatrix}$ (2×1)\n",
        "- $W = \\begin{bmatrix} 0.5 & -0.5 \\end{bmatrix}$ (the weights, a row)\n"
        "- $x = \\begin{bmatrix} 1 \\\\ 2 \\end{bmatrix}$\n",
        "1. $W = [0.5, -0.5]$ (1 x 2)\n2. $x = [1, 2]$ (2 x 1)\n",
    ],
)
def test_a_given_matrix_in_a_bullet_with_a_size_after_it(tmp_path, monkeypatch, bullets):
    text = "Parameters:\n\n" + bullets + "  * $b = 0.1$, $y = 1$\n\n" + VECTOR_RESULTS
    result = _draft(tmp_path, monkeypatch, text, VECTOR_MODULE)
    assert result.givens == {"W": [0.5, -0.5], "x": [1, 2], "b": 0.1, "y": 1}, result.given_source
    assert _claims(result) == {"z": "-0.4", "dE_dz": "-1.4"}


def test_a_matrix_after_a_product_in_a_bullet_is_no_given(tmp_path, monkeypatch):
    # `* 2 * W = [...]`: an expression's result, not W (W is left NEEDED, nothing is guessed)
    text = "  * $x = [1, 2]$, $b = 0.1$, $y = 1$\n  * $2 * W = \\begin{bmatrix} 1 & -1 \\end{bmatrix}$\n"
    result = _draft(tmp_path, monkeypatch, text + VECTOR_RESULTS, VECTOR_MODULE)
    assert result.givens["W"] is None, result.given_source


def test_a_one_by_one_matrix_in_a_bullet_is_the_number_it_holds(tmp_path, monkeypatch):
    # the worksheet's b is a scalar: `b = [0.1]` (1×1) in a list item is 0.1
    text = "  * $W = [0.5, -0.5]$, $x = [1, 2]$\n  * $b = \\begin{bmatrix} 0.1 \\end{bmatrix}$ (1×1)\n"
    result = _draft(tmp_path, monkeypatch, text + "  * $y = 1$\n\n" + VECTOR_RESULTS, VECTOR_MODULE)
    assert result.givens["b"] == 0.1, result.given_source
    assert _claims(result) == {"z": "-0.4", "dE_dz": "-1.4"}


def test_a_summary_list_of_updated_values_does_not_replace_the_program_s_given(tmp_path, monkeypatch):
    # the program sets W; a summary list at the end prints a W after some update (made-up numbers):
    # the list item ranks below the program text
    text = (
        "```python\nW = [0.5, -0.5]\nx = [1, 2]\nb = 0.1\ny = 1\n```\n\n"
        + VECTOR_RESULTS
        + "\n## Summary\n\n"
        "- $W = [\\,\\mathbf{0.64},\\; \\mathbf{-0.22}\\,]$\n"
    )
    result = _draft(tmp_path, monkeypatch, text, VECTOR_MODULE)
    assert result.givens["W"] == [0.5, -0.5], result.given_source


def test_a_data_set_listed_point_by_point_is_not_one_given_value(tmp_path, monkeypatch):
    # `(x=1, t=2)` then `(x=2, t=1)`: x read in its place twice with two values; the program's
    # `x = [1, 2]` gives it
    text = "We fit the points\n(x=1, t=2)\n(x=2, t=1)\n\n"
    text += "```python\nW = [0.5, -0.5]\nx = [1, 2]\nb = 0.1\ny = 1\n```\n\n"
    result = _draft(tmp_path, monkeypatch, text + VECTOR_RESULTS, VECTOR_MODULE)
    assert result.givens["x"] == [1, 2], result.given_source


LIST_MODULE = """\
    from gradaudit import Worksheet

    ws = Worksheet("two inputs through one weight, two targets", loss="E")

    @ws.step
    def y1(w, x1):
        return w * x1

    @ws.step
    def y2(w, x2):
        return w * x2

    @ws.step
    def E(t1, y1, t2, y2):
        return 0.5 * ((t1 - y1) ** 2 + (t2 - y2) ** 2)
    """
# made up: w = 0.4, x = (0.5, 2.0), t = (0.3, 0.9): y1 = 0.2, y2 = 0.8, E = 0.5 (0.01 + 0.01) = 0.01;
# the text prints E as 0.02 (a slip): it binds to E by its label
LIST_RESULTS = "The weight w = 0.4. Forward: $y_1 = 0.2$, $y_2 = 0.8$ and $E = 0.02$.\n"


@pytest.mark.parametrize(
    "said",
    [
        "Given inputs 0.5 and 2.0, we want the network to output 0.3 and 0.9.\n",
        "We feed the inputs 0.5, 2.0 and expect targets of 0.3 and 0.9.\n",
        "x values: 0.5 and 2.0 (made up); the desired outputs 0.3 and 0.9.\n",
        # a flat list alone in backticks is printed prose, after words in any language or a line's label
        "Giá trị đầu vào (input) `[0.5, 2.0]`; mục tiêu (target) `[0.3, 0.9]`.\n",
        "* **Input ($X$):** two made-up pixels. Values `[0.5, 2.0]`.\n* **Target:** `[0.3, 0.9]`\n",
    ],
)
def test_values_listed_in_prose_go_to_their_family_in_order(tmp_path, monkeypatch, said):
    result = _draft(tmp_path, monkeypatch, said + LIST_RESULTS, LIST_MODULE)
    want = {"w": 0.4, "x1": 0.5, "x2": 2.0, "t1": 0.3, "t2": 0.9}
    assert result.givens == want, result.given_source
    assert _claims(result)["E"] == "0.02"


@pytest.mark.parametrize(
    "said",
    [
        # the family's word after the list, the list an expression, three numbers for two names,
        # or no word for the family at all: nothing is read
        "When we fed forward the 0.5 and 2.0 inputs, then the 0.3 and 0.9 outputs.\n",
        "The inputs 0.5 and 2.0 * 3 and the targets 0.3 and 0.9 + 1.\n",
        "The inputs 0.5, 2.0 and 7.0; the targets 0.3, 0.9 and 0.1.\n",
        "The numbers 0.5 and 2.0, and then 0.3 and 0.9.\n",
        # a table's cell after the family's cell, a range (`0–1`) after the family's word
        "| the inputs | 0.5, 2.0 |\n| the targets | 0.3, 0.9 |\n",
        "The inputs lie in 0–2 and the targets in 0–1.\n",
    ],
)
def test_a_list_in_prose_without_its_family_before_it_gives_nothing(tmp_path, monkeypatch, said):
    result = _draft(tmp_path, monkeypatch, said + LIST_RESULTS, LIST_MODULE)
    assert all(result.givens[g] is None for g in ("x1", "x2", "t1", "t2")), result.given_source


def test_a_list_in_backticks_on_a_line_of_code_stays_code(tmp_path, monkeypatch):
    text = "Given inputs `x = [0.5, 2.0]` and the targets `t = f([0.3, 0.9])` in code.\n"
    result = _draft(tmp_path, monkeypatch, text + LIST_RESULTS, LIST_MODULE)
    assert all(result.givens[g] is None for g in ("x1", "x2", "t1", "t2")), result.given_source


PAIR_MODULE = """\
    from gradaudit import Worksheet, grad

    ws = Worksheet("a filter of two weights with no index", loss="E")

    @ws.step
    def y(W_left, x1, W_right, x2):
        return W_left * x1 + W_right * x2

    @ws.step
    def E(y, t):
        return 0.5 * (y - t) ** 2

    @ws.step(label="dE/dy", means=grad("E", wrt="y"))
    def dE_dy(y, t):
        return y - t
    """


def test_two_weights_without_an_index_are_found_together_by_fit(tmp_path, monkeypatch):
    # made up: W = (0.45, -0.25), x = (1, 3), t = 1: y = 0.45 - 0.75 = -0.30, dE/dy = -1.30,
    # E = 0.5 (-1.3)^2 = 0.845, printed as 0.854 (a slip): it binds to E by its label. One weight at a
    # time nothing evaluates; the list `[0.45, -0.25]` (no word names the family) fits with both
    text = (
        "Take x1 = 1, x2 = 3 and t = 1. Khởi tạo ngẫu nhiên: `[0.45, -0.25]`, then `[9.5, 7.5]`.\n\n"
        "$y = -0.30$, $E = 0.854$ and $dE/dy = -1.30$.\n"
    )
    result = _draft(tmp_path, monkeypatch, text, PAIR_MODULE)
    assert (result.givens["W_left"], result.givens["W_right"]) == (0.45, -0.25), result.given_source
    assert _claims(result)["E"] == "0.854"
