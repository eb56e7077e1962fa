"""The draft on articles it was not built on (issue 20, "on articles you do not have"): given values
said in words ("with all the weights set to 0.5"), a number alone in backticks or bold, a name with
a digit after words ("we set w1 = 0.1"), names set at once (`w_1 = w_2 = 0.5`), an updated value
marked on its name (`w3'`, `w3*`, `w_3^*`, `\\tilde{w}_3`) or computed under the given's name (`w3 =
0.5 - 0.1 * ... = 0.6`), a gradient named by what it is taken with respect to (`grad_w3`, "the
gradient with respect to w3 is"). Each mechanism on small synthetic texts written the ways
tutorials write them (checks/draft/wording.py, numbers.py, chains.py, givens.py, notation.py,
labels.py, binder.py).

Every text and worksheet here is made up for the test; the exact values are worked with math.exp in
the comments."""

from __future__ import annotations

import pytest
from helpers import draft_claims as _claims
from helpers import write_article

from gradaudit.draft import draft

NET_MODULE = """\
    from gradaudit import Worksheet, grad, sigmoid, update

    ws = Worksheet("a 1-2-1 sigmoid net", loss="E")

    @ws.step
    def h1(x, w1, b1):
        return sigmoid(x * w1 + b1)

    @ws.step
    def h2(x, w2, b1):
        return sigmoid(x * w2 + b1)

    @ws.step
    def o(h1, h2, w3, w4, b2):
        return sigmoid(h1 * w3 + h2 * w4 + b2)

    @ws.step
    def E(y, o):
        return 0.5 * (y - o) ** 2

    @ws.step(label="dE/do", means=grad("E", wrt="o"))
    def dE_do(o, y):
        return o - y

    @ws.step(label="dE/dw3", means=grad("E", wrt="w3"))
    def dE_dw3(dE_do, o, h1):
        return dE_do * o * (1 - o) * h1

    @ws.step(label="w3", means=update("w3", lr="eta"))
    def w3_new(w3, eta, dE_dw3):
        return w3 - eta * dE_dw3
    """

# At x = 2, every weight 0.5, both biases 1, y = 1, eta = 0.1 (math.exp): h1 = h2 = sigmoid(2) =
# 0.8807970780; o = sigmoid(0.5 h1 + 0.5 h2 + 1) = sigmoid(1.8807970780) = 0.8677026537;
# dE/do = o - 1 = -0.1322973463; dE/dw3 = dE/do o (1 - o) h1 = -0.0133767021;
# w3 - eta dE/dw3 = 0.5013376702.
ALL_GIVEN = {"x": 2, "w1": 0.5, "w2": 0.5, "w3": 0.5, "w4": 0.5, "b1": 1, "b2": 1, "y": 1, "eta": 0.1}
RESULTS = """
    The output is **0.8677** and dE/do = -0.1323, so dE/dw3 = -0.01338.
    The new weight is w3 = 0.50134.
    """


def _draft(tmp_path, monkeypatch, text: str, module: str = NET_MODULE):
    article = write_article(tmp_path, monkeypatch, "wording_ref", module, text)
    return draft(article, "reference.wording_ref:ws", verify=False)


GIVENS_IN_WORDS = (
    "With all the weights set to 0.5, all the biases set to 1, and the input set to 2, "
    "we want a target output of 1. With a learning rate of `0.1`, we take one step."
)


@pytest.mark.parametrize(
    "givens",
    [
        # how a question or a blog says its starting values (the mathse question's own sentence first)
        GIVENS_IN_WORDS,
        "Every weight is initialised to 0.5 and each bias equals 1. The input is 2 and the target "
        "value is 1; the learning rate is **0.1**.",
        "Initial weights: 0.5. Biases: 1. Input: 2. Target: 1. Learning rate: 0.1.",
        "The weights are all 0.5, both biases are 1, the input value is 2, the desired output is 1 "
        "and we use a learning rate η = 0.1.",
        "We take a bias of 1 for both neurons, weights of 0.5, an input of 2, a target of 1 and α = 0.1.",
    ],
)
def test_given_values_said_in_words_for_a_family_of_them(tmp_path, monkeypatch, givens):
    result = _draft(tmp_path, monkeypatch, givens + "\n" + RESULTS)
    assert result.givens == ALL_GIVEN, givens
    assert result.needed == []
    assert _claims(result) == {"o": "0.8677", "dE_do": "-0.1323", "dE_dw3": "-0.01338", "w3_new": "0.50134"}
    # the number that gave four weights their value is their restatement, not a question for a person
    (half,) = [o for o in result.outcomes if o.number.text == "0.5"]
    assert half.kind == "given", half


def test_a_name_printed_with_its_value_wins_over_its_family(tmp_path, monkeypatch):
    # o = sigmoid(0.1 h1 + 0.5 h2 + 1) with h1 = sigmoid(2 x 0.1 + 1) = sigmoid(1.2) = 0.7685247835,
    # h2 = 0.8807970780: sigmoid(1.5172495862) = 0.8201473 (math.exp)
    text = """\
        We set w1 = 0.1 and the other weights to 0.5, all biases to 1, the input to 2, the target to 1
        and the learning rate to 0.1.

        Forward: o = 0.8201.
        """
    result = _draft(tmp_path, monkeypatch, text)
    assert result.givens == dict(ALL_GIVEN, w1=0.1)
    assert _claims(result) == {"o": "0.8201"}


@pytest.mark.parametrize(
    "said",
    [
        "The weights are 0.5 and 0.3, the biases are 1, the input is 2 and the target is 1.",
        "The weights are between 0.5 and 0.6, the biases are 1, the input is 2 and the target is 1.",
        "The weights are initialised at random from 0 to 1; the biases are 1, the input 2, the target 1.",
    ],
)
def test_words_that_give_several_numbers_or_none_give_a_family_nothing(tmp_path, monkeypatch, said):
    result = _draft(tmp_path, monkeypatch, said + "\n")
    assert {"w1", "w2", "w3", "w4"} <= set(result.needed), said
    assert result.givens["b1"] == result.givens["b2"] == 1


TWO_INPUTS = """\
    from gradaudit import Worksheet

    ws = Worksheet("a linear unit", loss="E")

    @ws.step
    def z(x1, x2, w1, w2):
        return x1 * w1 + x2 * w2

    @ws.step
    def E(t, z):
        return 0.5 * (t - z) ** 2
    """


@pytest.mark.parametrize(
    "said, inputs",
    [
        ("the input set to 1", None),  # two inputs: which one is not said
        ("the inputs set to 1", 1),
        ("both inputs equal to 1", 1),
        ("an input of 1 for each unit", 1),
    ],
)
def test_a_singular_names_a_given_only_when_the_worksheet_has_one_of_its_kind(
    tmp_path, monkeypatch, said, inputs
):
    # z = 1 x 0.25 + 1 x 0.25 = 0.5 with both inputs 1; E = 0.5 (1 - 0.5)^2 = 0.125
    text = f"With {said}, both weights equal to 0.25 and a target of 1.\n"
    result = _draft(tmp_path, monkeypatch, text, TWO_INPUTS)
    assert result.givens["w1"] == result.givens["w2"] == 0.25 and result.givens["t"] == 1
    assert result.givens["x1"] == inputs and result.givens["x2"] == inputs, said


def test_a_number_alone_in_backticks_is_printed_while_code_in_backticks_stays_code(tmp_path, monkeypatch):
    text = """\
        With all the weights set to `0.5`, all biases set to `1`, the input set to `2`, a target of `1`;
        we run `model.fit(x, epochs=3)` with `eta = 0.1`.

        The output comes out as `0.8677`.
        """
    result = _draft(tmp_path, monkeypatch, text)
    assert result.givens == ALL_GIVEN  # eta from the inline code, the rest from the words
    assert _claims(result) == {"o": "0.8677"}
    assert [s.text for s in result.scan.skipped if s.kind == "code"] == ["3", "0.1"]


# The given values as a worked example prints them (the values of ALL_GIVEN)
GIVEN_LINE = "Take x = 2, w_1 = w_2 = w_3 = w_4 = 0.5, b1 = b2 = 1, y = 1 and eta = 0.1.\n\n"


def test_names_set_at_once_share_the_value(tmp_path, monkeypatch):
    result = _draft(tmp_path, monkeypatch, GIVEN_LINE + "o = 0.8677\n")
    assert result.givens == ALL_GIVEN and result.needed == []
    assert _claims(result) == {"o": "0.8677"}


@pytest.mark.parametrize(
    "printed",
    [
        # wrong on purpose (the update gives 0.50134): a wrong number binds by its label and place
        "w3 = 0.5 - 0.1 * (-0.01338) = 0.6",
        "$$w_3 = 0.5 - 0.1 \\cdot (-0.01338) = 0.6$$",
        "w3' = 0.6",
        "w3* = 0.6",
        "$w_3^* = 0.6$",
        "$w_3^{\\prime} = 0.6$",
        "$\\tilde{w}_3 = 0.6$",
        "w\u0303_3 = 0.6",
        "$w_3^+ = 0.6$",
    ],
)
def test_an_updated_value_binds_to_the_update_by_its_marks_or_its_expression(tmp_path, monkeypatch, printed):
    result = _draft(tmp_path, monkeypatch, GIVEN_LINE + printed + "\n")
    assert _claims(result).get("w3_new") == "0.6", printed
    assert result.givens["w3"] == 0.5  # the updated value is not read as the given


@pytest.mark.parametrize(
    "printed",
    [
        "grad_w3 = -0.02",
        "w3_grad = -0.02",
        "The gradient with respect to w3 is -0.02.",
        "the derivative of the error w.r.t. w_3 = -0.02",
        "$\\frac{\\partial E}{\\partial w_3} = -0.02$",
        "∂E/∂w3 = -0.02",
    ],
)
def test_a_gradient_binds_by_the_value_it_is_taken_with_respect_to(tmp_path, monkeypatch, printed):
    # dE/dw3 is -0.0133767 (above): -0.02 is a wrong number, bound by its label alone
    result = _draft(tmp_path, monkeypatch, GIVEN_LINE + printed + "\n")
    assert _claims(result) == {"dE_dw3": "-0.02"}, printed


def test_a_mark_on_a_name_that_nothing_updates_changes_nothing(tmp_path, monkeypatch):
    # w1 has no update step: `w1' = 0.6` names no step, and 0.6 matches none by value
    result = _draft(tmp_path, monkeypatch, GIVEN_LINE + "w1' = 0.6\n")
    assert _claims(result) == {} and result.givens["w1"] == 0.5


MAZUR_LIKE = """\
    from gradaudit import Worksheet, grad, sigmoid, update

    ws = Worksheet("one path of a 2-2-2 net", loss="E_total")

    @ws.step
    def h1_net(w1, i1, w2, i2, b1):
        return w1 * i1 + w2 * i2 + b1

    @ws.step
    def h1_out(h1_net):
        return sigmoid(h1_net)

    @ws.step
    def o1_net(w5, h1_out, b2):
        return w5 * h1_out + b2

    @ws.step
    def o1_out(o1_net):
        return sigmoid(o1_net)

    @ws.step
    def E_total(target_o1, o1_out):
        return 0.5 * (target_o1 - o1_out) ** 2

    @ws.step(label="dE_total/dw5", means=grad("E_total", wrt="w5"))
    def dE_dw5(o1_out, target_o1, h1_out):
        return (o1_out - target_o1) * o1_out * (1 - o1_out) * h1_out

    @ws.step(label="w5", means=update("w5", lr="eta"))
    def w5_new(w5, eta, dE_dw5):
        return w5 - eta * dE_dw5
    """

# net_h1 = 0.15 x 0.05 + 0.2 x 0.1 + 0.35 = 0.3775; out_h1 = sigmoid(0.3775) = 0.5932699921 (math.exp);
# net_o1 = 0.4 out_h1 + 0.6 = 0.8373079968; out_o1 = 0.6978979463; E = 0.5 (0.01 - out_o1)^2 =
# 0.2366017923; dE/dw5 = 0.6878979463 x 0.2108364029 x 0.5932699921 = 0.0860442776; w5 - 0.5 dE/dw5 =
# 0.3569778612. The text prints out_h1 = 0.6, net_o1 = 0.9 and w5+ = 0.3 (wrong, on purpose).
MAZUR_TEXT = """\
    # Backpropagation step by step

    We use inputs i1 = 0.05 and i2 = 0.10, weights w1 = 0.15, w2 = 0.20 and w5 = 0.40, biases b1 = 0.35
    and b2 = 0.60, a target of 0.01 and a learning rate of 0.5.

    $$net_{h1} = 0.15 \\times 0.05 + 0.2 \\times 0.1 + 0.35 \\times 1 = 0.3775$$
    $$out_{h1} = \\frac{1}{1+e^{-0.3775}} = 0.6$$

    Then the output neuron: net_{o1} = 0.9 and out_{o1} = 0.6979.

    $$E_{total} = \\frac{1}{2}(0.01 - 0.6979)^2 = 0.2366$$
    $$\\frac{\\partial E_{total}}{\\partial w_5} = 0.6879 \\times 0.2108 \\times 0.5933 = 0.0860$$
    $$w_5^+ = w_5 - \\eta \\cdot \\frac{\\partial E_{total}}{\\partial w_5} = 0.4 - 0.5 \\cdot 0.0860 = 0.3$$
    """


def test_a_name_of_two_parts_binds_in_either_order_and_a_comma_then_a_ends_a_given(tmp_path, monkeypatch):
    result = _draft(tmp_path, monkeypatch, MAZUR_TEXT, MAZUR_LIKE)
    # "b2 = 0.60, a target of 0.01": the comma before "a target" ends b2's assignment
    assert result.givens == {
        "i1": 0.05, "i2": 0.1, "w1": 0.15, "w2": 0.2, "w5": 0.4, "b1": 0.35, "b2": 0.6,
        "target_o1": 0.01, "eta": 0.5,
    }  # fmt: skip
    # the worksheet says h1_net where the text says net_{h1}: the labels still name the steps,
    # the wrong numbers too
    assert _claims(result) == {
        "h1_net": "0.3775",
        "h1_out": "0.6",
        "o1_net": "0.9",
        "o1_out": "0.6979",
        "E_total": "0.2366",
        "dE_dw5": "0.0860",
        "w5_new": "0.3",
    }


LAYERS = """\
    from gradaudit import Worksheet, grad, sigmoid

    ws = Worksheet("a 2-1-1 net, names with the layer first", loss="L")

    @ws.step
    def z1_1(w1_11, x1, w1_12, x2, b1_1):
        return w1_11 * x1 + w1_12 * x2 + b1_1

    @ws.step
    def a1_1(z1_1):
        return sigmoid(z1_1)

    @ws.step
    def z2_1(w2_11, a1_1, b2_1):
        return w2_11 * a1_1 + b2_1
    """


# z1_1 = 0.5 x 1 + 0.2 x 2 + 0.1 = 1.0; a1_1 = sigmoid(1) = 0.7310585786 (math.exp); z2_1 = 0.3 a1_1 +
# 0.05 = 0.2693175736. The texts print z2_1 = 0.28 (wrong, on purpose).
@pytest.mark.parametrize(
    "text",
    [
        # a program's elements, indexed from 0
        "Let x1 = 1, x2 = 2, W1[0][0] = 0.5, W1[0][1] = 0.2, b1[0] = 0.1, W2[0, 0] = 0.3, b2[0] = 0.05.\n"
        "Then z1[0] = 1.0, a1[0] = 0.7311 and z2[0] = 0.28.",
        # the layer as a superscript, in either place
        "Let $x_1 = 1$, $x_2 = 2$, $w^{(1)}_{11} = 0.5$, $w^{(1)}_{12} = 0.2$, $b^{(1)}_1 = 0.1$, "
        "$w_{11}^{[2]} = 0.3$, $b_1^{[2]} = 0.05$.\n"
        "$$z^{(1)}_1 = 0.5 \\cdot 1 + 0.2 \\cdot 2 + 0.1 = 1.0$$\n"
        "$a_1^{(1)} = \\sigma(1.0) = 0.7311$ and $z^{[2]}_1 = 0.28$",
    ],
)
def test_elements_and_layers_bind_to_names_that_put_the_layer_first(tmp_path, monkeypatch, text):
    result = _draft(tmp_path, monkeypatch, text + "\n", LAYERS)
    given = {"x1": 1, "x2": 2, "w1_11": 0.5, "w1_12": 0.2, "b1_1": 0.1, "w2_11": 0.3, "b2_1": 0.05}
    assert result.givens == given
    assert _claims(result) == {"z1_1": "1.0", "a1_1": "0.7311", "z2_1": "0.28"}


def test_several_examples_given_in_words_the_draft_reads_the_one_that_fits(tmp_path, monkeypatch):
    # the single neuron and the exercise give other values (the exercise in words too); the net's
    # numbers are those worked above (ALL_GIVEN)
    text = """\
        # Backpropagation by hand

        ## A single neuron

        Take an input x = 1, a weight w1 = 0.3, a bias b1 = 0 and a target y = 0. The output is 0.5744.

        ## A small network

        With all the weights set to 0.5, both biases set to 1, the input set to 2 and a target output
        of 1, and a learning rate of 0.1:

        h1 = 0.8808, o = 0.8677, dE/do = -0.1323 and dE/dw3 = -0.01338, so w3' = 0.50134.

        ## Exercise

        Repeat with all the weights set to 0.2 and a target of 0. You should get o = 0.7858.
        """
    result = _draft(tmp_path, monkeypatch, text)
    assert result.givens == ALL_GIVEN  # "a target output" / "of 1": a paragraph goes on over lines
    assert _claims(result) == {
        "h1": "0.8808", "o": "0.8677", "dE_do": "-0.1323", "dE_dw3": "-0.01338", "w3_new": "0.50134",
    }  # fmt: skip
    assert "took lines 7-13 (from 'A small network'" in result.summary


@pytest.mark.parametrize(
    "said",
    [
        # aiprimer's wording
        "One step with a learning rate of 0.1 moves the weights and the biases to\n0.9.",
        "After one step the biases are now 0.9.",
        "The update changes both biases to 0.9.",
    ],
)
def test_a_value_the_words_say_something_changes_to_is_no_given(tmp_path, monkeypatch, said):
    text = "Take x = 2, w_1 = w_2 = w_3 = w_4 = 0.5, y = 1 and eta = 0.1.\n\n" + said + "\n"
    result = _draft(tmp_path, monkeypatch, text)
    assert result.needed == ["b1", "b2"], said


@pytest.mark.parametrize(
    "printed", ["dE/do = -0.15", "$$\\frac{\\partial E}{\\partial o} = -0.15$$", "∂E/∂o = -0.15"]
)
def test_a_derivative_with_respect_to_a_name_that_is_also_a_word(tmp_path, monkeypatch, printed):
    # dE/do is -0.1322973 (above): -0.15 is wrong, bound by its label; `do` here is the output o
    result = _draft(tmp_path, monkeypatch, GIVEN_LINE + printed + "\n")
    assert _claims(result) == {"dE_do": "-0.15"}, printed


def test_a_bare_integer_the_words_give_to_given_values_is_their_restatement(tmp_path, monkeypatch):
    result = _draft(tmp_path, monkeypatch, GIVENS_IN_WORDS + "\n" + RESULTS)
    ones = [o for o in result.outcomes if o.number.text in ("1", "2")]
    assert [(o.kind, o.target) for o in ones] == [("given", "b1"), ("given", "x"), ("given", "y")]
    assert "said in words for b1, b2" in ones[0].reason
