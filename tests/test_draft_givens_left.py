"""Given values no reading names, and the notations around them (issue 20, draftK): a one-hot label
said as a bare list or not at all, found by fit; the bounds of an interval (`\\in (0, 1)`) that are
no value; a step printed twice, the one that matches its value taken; an expression in brackets
over lines that a chain goes on after. Each on a small synthetic text; values worked by hand in
the comments."""

from __future__ import annotations

from helpers import draft_claims
from helpers import write_article as _write

from gradaudit.draft import draft, find_numbers

SOFTMAX_MODULE = """\
    import jax.numpy as jnp

    from gradaudit.core.vocab import Worksheet

    ws = Worksheet("softmax", loss="L")
    ws.step(lambda s: jnp.exp(s) / jnp.sum(jnp.exp(s)), name="p", label="p")
    ws.step(lambda y, p: -jnp.sum(y * jnp.log(p)), name="L", label="L")
    ws.step(lambda p, y: p - y, name="g", label="g")
    """

# s = [2.0, 0.5]: p = [1/(1+e^-1.5), 1/(1+e^1.5)] = [0.817574, 0.182426]; with y = [0, 1], L =
# -log(0.182426) = 1.701413 and g = p - y = [0.817574, -0.817574] (by hand). Nothing names y: "the
# answer we want".
SOFTMAX_TEXT = """\
    Our scores are s = [2.0, 0.5], so p = [0.818, 0.182].

    The answer we want, as a vector: `[0, 1]`

    The loss is L = 1.701 and the gradient is g = [0.818, -0.818].
    """


def test_a_list_said_in_prose_is_a_given_the_printed_numbers_fit(tmp_path, monkeypatch):
    article = _write(tmp_path, monkeypatch, "draft_onehot_ref", SOFTMAX_MODULE, SOFTMAX_TEXT)
    result = draft(article, "reference.draft_onehot_ref:ws", verify=False)
    assert result.givens["y"] == [0, 1] and result.needed == []
    assert "a list said in prose" in result.yaml
    assert draft_claims(result) == {
        "p[0]": "0.818",
        "p[1]": "0.182",
        "L": "1.701",
        "g[0]": "0.818",
        "g[1]": "-0.818",
    }


def test_a_one_hot_label_not_printed_is_found_by_fit(tmp_path, monkeypatch):
    # the same numbers, the label said only in words: the one-hot of s's size whose 1 is second
    # makes L and g[1] agree besides p's three (five); the first place gives L = -log(0.817574) =
    # 0.201413 and g = [-0.182426, 0.182426]: only p's three agree
    text = SOFTMAX_TEXT.replace(
        "The answer we want, as a vector: `[0, 1]`", "The second class is the right one."
    )
    article = _write(tmp_path, monkeypatch, "draft_onehot2_ref", SOFTMAX_MODULE, text)
    result = draft(article, "reference.draft_onehot2_ref:ws", verify=False)
    assert result.givens["y"] == [0, 1]
    assert "a one-hot vector of 2, its 1 at place 2" in result.yaml
    assert draft_claims(result)["L"] == "1.701"


def test_the_bounds_of_an_interval_are_no_value():
    scan = find_numbers("Each $p_i \\in (0, 1)$ and $q ∈ [0, 1]$; here p = 0.25.")
    assert [n.text for n in scan.numbers] == ["0.25"]
    assert [s.kind for s in scan.skipped] == ["range"] * 4


LINEAR_MODULE = """\
    from gradaudit.core.vocab import Worksheet

    ws = Worksheet("linear", loss="z")
    ws.step(lambda w, x: w * x, name="z", label="z")
    """


def test_of_two_printings_of_a_step_the_one_that_matches_its_value_is_taken(tmp_path, monkeypatch):
    # w = 0.5, x = 3: z = 1.5 (by hand). "z = 0.75" above is another example's (w = 0.25 there).
    text = """\
    In general z = w x; another net gives z = 0.75.

    Ours: with w = 0.5 and x = 3, z = 1.5.
    """
    article = _write(tmp_path, monkeypatch, "draft_twice_ref", LINEAR_MODULE, text)
    result = draft(article, "reference.draft_twice_ref:ws", verify=False)
    assert draft_claims(result) == {"z": "1.5"}
    first = next(o for o in result.outcomes if o.number.text == "0.75")
    assert first.kind == "ambiguous" and "which matches its value" in first.reason


MATMUL_MODULE = """\
    from gradaudit.core.vocab import Worksheet

    ws = Worksheet("matmul", loss="d")
    ws.step(lambda A, g: A.T @ g, name="d")
    """

# A = [[1, 3], [2, 4]], g = [0.5, -1.0]: A^T g = [1(0.5) + 2(-1), 3(0.5) + 4(-1)] = [-1.5, -2.5] (by
# hand); the text prints the second element as -2.4, a slip the draft must still bind by place.
MATMUL_TEXT = """\
    ```
    A = [[1, 3], [2, 4]]
    g = [0.5, -1.0]

    Aᵗ @ g =
    = [
        (1)(0.5) + (2)(-1.0),
        (3)(0.5) + (4)(-1.0)
      ]
    = [ -1.5, -2.4 ]
    ```
    """


def test_a_chain_goes_on_after_an_expression_in_brackets_over_lines(tmp_path, monkeypatch):
    article = _write(tmp_path, monkeypatch, "draft_matmul_ref", MATMUL_MODULE, MATMUL_TEXT)
    result = draft(article, "reference.draft_matmul_ref:ws")
    assert draft_claims(result) == {"d[0]": "-1.5", "d[1]": "-2.4"}
    rows = {r.quantity: r.verdict for r in result.run.rows if r.kind == "claim"}
    assert rows["d[0]"] == "ok" and rows["d[1]"] != "ok"


PDF_MODULE = """\
    from gradaudit.core.vocab import Worksheet
    from gradaudit import sigmoid

    ws = Worksheet("pdf", loss="L")
    ws.step(lambda w, x, b: w * x + b, name="z", label="z")
    ws.step(lambda z: sigmoid(z), name="yhat", label="\\\\hat{y}")
    ws.step(lambda yhat, y: 0.5 * (yhat - y) ** 2, name="L", label="L")
    ws.step(lambda yhat, y: yhat - y, name="dL_da", label="da")
    ws.step(lambda dL_da, yhat: dL_da * yhat * (1 - yhat), name="dL_dz", label="\\\\delta_o")
    ws.step(lambda dL_dz, x: dL_dz * x, name="dL_dw", label="dw")
    """

# A page laid out as text, as a PDF's text extraction leaves it: two columns side by side, and the
# minus signs, the sigma, the hat of y-hat, the delta and the fraction 1/2 lost. x = 2, w = 0.5,
# b = 0, y = 1: z = 1.0, y_hat = sigmoid(1) = 0.731059, L = 0.5 (0.268941)^2 = 0.036165, dL/da =
# -0.268941, dL/dz = -0.268941 x 0.731059 x 0.268941 = -0.052877, dL/dw = 2 dL/dz = -0.105754 (by hand).
PDF_TEXT = """\
    x = 2.0     w = 0.5     b = 0.0     y = 1

     FORWARD:   z = wx + b = 0.5(2.0) + 0.0 = 1.0                 BACKWARD:    da = y y = 0.269

                y = (z) = (1.0) = 0.731                                          o = da y(1 y) = 0.053

                L = 12 (y y)2 = 0.036                                          dw = o x = 0.106
    """


def test_a_pdfs_text_that_lost_its_symbols(tmp_path, monkeypatch):
    # columns parted at the wide gap (z's 1.0 is its result, not an operand before BACKWARD:); the
    # sigma's argument `(1.0)` an operand; `y = (z) = ...` computes y_hat under the target's name;
    # the minus signs restored (three numbers fit a value only negated, and the text prints none);
    # `o` names nothing (the delta of `δ_o` lost), its -0.053 matches dL_dz alone
    article = _write(tmp_path, monkeypatch, "draft_pdf_ref", PDF_MODULE, PDF_TEXT, suffix=".txt")
    result = draft(article, "reference.draft_pdf_ref:ws")
    written = {o.target: o.text for o in result.of_kind("claim")}
    assert written == {
        "z": "1.0", "yhat": "0.731", "L": "0.036", "dL_da": "-0.269", "dL_dz": "-0.053", "dL_dw": "-0.106",
    }  # fmt: skip
    assert "its minus signs were lost" in result.summary
    argument = next(o for o in result.outcomes if o.number.line == 5 and o.number.text == "1.0")
    assert argument.kind == "operand" and argument.input == "z"
    rows = {r.quantity: r.verdict for r in result.run.rows if r.kind == "claim"}
    assert set(rows.values()) == {"ok"}, rows


def test_a_text_that_prints_a_minus_keeps_its_signs(tmp_path, monkeypatch):
    # one printed minus (`1 - y`): the signs the text prints are its own; 0.269 is dL/da's sign slip
    text = PDF_TEXT.replace("o = da y(1 y)", "o = da y(1 - y)")
    article = _write(tmp_path, monkeypatch, "draft_pdf2_ref", PDF_MODULE, text, suffix=".txt")
    result = draft(article, "reference.draft_pdf2_ref:ws", verify=False)
    assert "minus signs were lost" not in result.summary
    assert {o.target: o.text for o in result.of_kind("claim")}["dL_da"] == "0.269"


def test_an_expression_naming_a_step_printed_above_with_another_value(tmp_path, monkeypatch):
    # `(z) = 0.053`: the inputs of y_hat (z), but y_hat is printed 0.731 above; -0.053 is dL_dz's
    # value alone (what was lost: `δ_o = da y(1 y)` on the line above, with its label)
    text = PDF_TEXT.replace("  o = da y(1 y) = 0.053", "               (z) = 0.053")
    article = _write(tmp_path, monkeypatch, "draft_pdf3_ref", PDF_MODULE, text, suffix=".txt")
    result = draft(article, "reference.draft_pdf3_ref:ws", verify=False)
    claims = {o.target: o for o in result.of_kind("claim")}
    assert claims["dL_dz"].text == "-0.053" and "printed 0.731 above" in claims["dL_dz"].reason


def test_a_one_hot_at_the_class_the_words_name(tmp_path, monkeypatch):
    # "the right class is number 2" (counted from 1 here): y = [0, 1]; only L then agrees (g is not
    # printed), one number, which with the words suffices; without the sentence, one number does not
    text = """\
    Our scores are s = [2.0, 0.5], so p = [0.818, 0.182], and the right class is number 2.

    The loss is L = 1.701.
    """
    article = _write(tmp_path, monkeypatch, "draft_class_ref", SOFTMAX_MODULE, text)
    result = draft(article, "reference.draft_class_ref:ws", verify=False)
    assert result.givens["y"] == [0, 1] and "the class the text names" in result.yaml
    assert draft_claims(result)["L"] == "1.701"
    unsaid = text.replace(", and the right class is number 2.", ".")
    article = _write(tmp_path, monkeypatch, "draft_class2_ref", SOFTMAX_MODULE, unsaid)
    assert draft(article, "reference.draft_class2_ref:ws", verify=False).needed == ["y"]


def test_one_digit_alone_binds_no_step_by_value(tmp_path, monkeypatch):
    # `\sum_{i=1}^K q_i = 1` (no label): z = 0.4 x 2 = 0.8 (by hand) is within rounding of 1 at one digit;
    # the 1 stays unbound (it named nothing), and the 0.8 printed below is z's claim
    text = """\
    - $\\sum_{i=1}^K q_i = 1$

    With w = 0.4 and x = 2, z = 0.8.
    """
    article = _write(tmp_path, monkeypatch, "draft_digit_ref", LINEAR_MODULE, text)
    result = draft(article, "reference.draft_digit_ref:ws", verify=False)
    one = next(o for o in result.outcomes if o.number.text == "1")
    assert one.kind == "unbound" and draft_claims(result) == {"z": "0.8"}
