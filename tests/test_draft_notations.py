"""The draft on articles it was not built on (issue 20), notations, matrices and tables: each
mechanism on a small synthetic text.

Every text and worksheet here is made up for the test; the exact values are worked by hand in the
comments."""

from __future__ import annotations

import textwrap

import pytest
from helpers import write_article as _write

from gradaudit.draft import draft


@pytest.mark.parametrize(
    "line, read",
    [
        ("$\\delta{_2} = 0.5$, \\delta{_{k+1}}", "\\delta_2 = 0.5 , \\delta_{k+1}"),
        ("$W_2 \\leftarrow W_2 - 0.1 \\cdot 3 = 1.7$", "W_2(new) = W_2 - 0.1 * 3 = 1.7"),
        ("w ← w - 0.5 = 0.5; b \\gets 2", "w(new) = w - 0.5 = 0.5; b(new) = 2"),
        ("（设η=0.1）", "(设η=0.1)"),
        ("\\hat{y}_1 = 0.6, \\hat{p}_{k} = 1", "y_{hat,1} = 0.6, p_{hat,k} = 1"),
        ("\\partial L/\\partial w_1 = 0.3; \\partial E / \\partial w", "dL/dw_1 = 0.3; dE/dw"),
        ("\\nabla_W L = 2, \\nabla_{\\theta} J, \\nabla loss(h)", "dL/dW = 2, dJ/d\\theta, dloss/dh"),
        ("\\frac{\\partial{loss}}{\\partial{\\mathit{h1}}} = 3", "dloss/dh1 = 3"),
    ],
)
def test_subscripts_in_braces_updates_by_arrow_and_wide_parentheses(line, read):
    from gradaudit.draft.notation import normalise_line

    assert " ".join(normalise_line(line).split()) == " ".join(read.split())  # spacing aside


def test_a_name_written_right_after_words_without_spaces_is_the_label():
    from gradaudit.draft import find_numbers
    from gradaudit.draft.chains import _chains
    from gradaudit.draft.notation import normalise

    chains, _ = _chains(find_numbers(normalise("假设学习率η=0.1）\n")))
    assert [(c.label, [n.text for n in c.results]) for c in chains] == [("eta", ["0.1"])]


ROWS_MODULE = """\
    import jax.numpy as jnp

    from gradaudit.core.vocab import Worksheet

    ws = Worksheet("rows", loss="L")
    ws.step(lambda x, M_0, M_1: x[0] * M_0 + x[1] * M_1, name="h")
    ws.step(lambda x, h: x[0] * h, name="G_row1")
    ws.step(lambda x, h: x[1] * h, name="G_row2")
    ws.step(lambda h: 0.5 * jnp.sum(h**2), name="L")
    """

# x = [1, 2], M = [[0.5, 1], [2, 0.25]]: h = 1 x [0.5, 1] + 2 x [2, 0.25] = [4.5, 1.5];
# G = x^T h = [[4.5, 1.5], [9, 3]] (by hand); the text prints G's last element as 3.1.
ROWS_TEXT = """\
    # A matrix kept by rows
    Take $x = [1, 2]$ and $M = \\begin{bmatrix}0.5 & 1 \\\\ 2 & 0.25\\end{bmatrix}$.
    $h = x M = [4.5, 1.5]$
    $G = x^T h = \\begin{bmatrix}4.5 & 1.5 \\\\ 9 & 3.1\\end{bmatrix}$
    """


def test_a_matrix_binds_row_by_row_to_the_names_that_hold_its_rows(tmp_path, monkeypatch):
    article = _write(tmp_path, monkeypatch, "draft_rows_ref", ROWS_MODULE, ROWS_TEXT)
    result = draft(article, "reference.draft_rows_ref:ws")
    assert result.givens == {"x": [1, 2], "M_0": [0.5, 1], "M_1": [2, 0.25]}
    assert "row 2 of the matrix" in result.yaml
    claims = {o.target: o.number.text for o in result.of_kind("claim")}
    assert claims == {
        "h[0]": "4.5", "h[1]": "1.5",
        "G_row1[0]": "4.5", "G_row1[1]": "1.5", "G_row2[0]": "9", "G_row2[1]": "3.1",
    }  # fmt: skip
    rows = {r.quantity: r.verdict for r in result.run.rows if r.kind == "claim"}
    assert rows["G_row2[1]"] == "arithmetic" and rows["G_row2[0]"] == "ok"
    # a matrix under a label that no row's name spells is not split
    article.write_text(textwrap.dedent(ROWS_TEXT).replace("M =", "N ="), encoding="utf-8")
    assert "M_0" in draft(article, "reference.draft_rows_ref:ws", verify=False).needed


FORM_MODULE = """\
    from gradaudit.core.vocab import Worksheet

    ws = Worksheet("form", loss="q")
    ws.step(lambda u_1, p, u_2, r: u_1 * p + u_2 * r, name="s")
    ws.step(lambda s: s * s, name="q")
    """

# u_1 = 0.5, p = 3, u_2 = 0.25, r = 4: s = 1.5 + 1 = 2.5, q = 6.25 (by hand). The text names u_1 and
# u_2 only by their places in the symbolic form printed on the line above the numbers.
FORM_TEXT = """\
    Let p = 3 and r = 4.
    $$s = (u_{1} \\times p) + (u_{2} \\times r)$$
    $$s = (0.5 \\times 3) + (0.25 \\times 4) = 2.5$$
    and q = 6.25.
    """


def test_a_symbolic_form_printed_just_above_places_the_numbers_below_it(tmp_path, monkeypatch):
    article = _write(tmp_path, monkeypatch, "draft_form_ref", FORM_MODULE, FORM_TEXT)
    result = draft(article, "reference.draft_form_ref:ws", verify=False)
    assert result.givens == {"u_1": 0.5, "p": 3, "u_2": 0.25, "r": 4}
    assert "in the place of u_{1}" in result.yaml
    assert {o.target: o.number.text for o in result.of_kind("claim")} == {"s": "2.5", "q": "6.25"}
    # four lines apart, the form no longer places them
    article.write_text(textwrap.dedent(FORM_TEXT).replace("$$\n$$s = (0", "$$\n\n\n\n$$s = (0"))
    assert sorted(draft(article, "reference.draft_form_ref:ws", verify=False).needed) == ["u_1", "u_2"]


ELEMENTS_MODULE = """\
    from gradaudit.core.vocab import Worksheet

    ws = Worksheet("elements", loss="d")
    ws.step(lambda z, t1, t2: z - t1 + t2, name="d")
    three = Worksheet("three", loss="d")
    three.step(lambda z, t1, t2, t3: z - t1 + t2 + t3, name="d")
    """


def test_a_list_binds_element_by_element_to_the_given_values_that_hold_its_elements(tmp_path, monkeypatch):
    # z = 3, t = [1, 0.5]: d = 3 - 1 + 0.5 = 2.5 (by hand)
    text = "Take $t = [1, 0.5]$ and $z = 3$.\n$d = 2.5$\n"
    article = _write(tmp_path, monkeypatch, "draft_elements_ref", ELEMENTS_MODULE, text)
    result = draft(article, "reference.draft_elements_ref:ws", verify=False)
    assert result.givens == {"z": 3, "t1": 1, "t2": 0.5}
    assert "element 2 of the list" in result.yaml
    assert {o.target: o.number.text for o in result.of_kind("claim")} == {"d": "2.5"}
    # a list shorter than the names it would split into is not split
    three = draft(article, "reference.draft_elements_ref:three", verify=False)
    assert sorted(three.needed) == ["t1", "t2", "t3"]


DERIVATIVE_MODULE = """\
    from gradaudit import Worksheet, grad

    ws = Worksheet("derivative", loss="E")
    ws.step(lambda v, c: c * v * v, name="E", label="E")
    ws.step(lambda v, c: 2 * c * v, name="g", label="g", means=grad("E", wrt="v"))
    ws.step(lambda g, c: g * c, name="k", label="k")
    """


@pytest.mark.parametrize(
    "printed",
    [
        "\\frac{\\partial{E}}{\\partial{v}} = 1.5",
        "\\nabla E(v) = 1.5",
        "dE/dv = 1.5",
    ],
)
def test_a_derivative_printed_as_a_fraction_names_the_step_that_declares_it(tmp_path, monkeypatch, printed):
    # v = 0.5, c = 1.5: E = 0.375, dE/dv = 2 x 1.5 x 0.5 = 1.5, k = 2.25 (by hand); 1.5 is also c, so
    # only the label tells the claim g from a restated given value
    text = f"Take $v = 0.5$ and $c = 1.5$.\n${printed}$\n"
    article = _write(tmp_path, monkeypatch, "draft_derivative_ref", DERIVATIVE_MODULE, text)
    result = draft(article, "reference.draft_derivative_ref:ws", verify=False)
    claims = {o.target: o for o in result.of_kind("claim")}
    assert {t: o.number.text for t, o in claims.items()} == {"g": "1.5"}
    assert "names g" in claims["g"].reason


# The same numbers as ROWS_TEXT, written over lines as display math is: a line that ends with `=`,
# a label alone on its line before `&= ...`, a matrix a row per line; `\begin{bmatrix} -1` is -1.
LINES_TEXT = """\
    # A matrix kept by rows, over lines
    Take $x = [1, 2]$ and $M = \\begin{bmatrix}0.5 & 1 \\\\ 2 & 0.25\\end{bmatrix}$.
    $$h =
    x M =
    \\begin{bmatrix}4.5 & 1.5\\end{bmatrix}$$
    $$\\begin{align*}
    G
    &= x^T h \\\\
    &= \\begin{bmatrix}
    4.5 & 1.5 \\\\
    9 & 3.1
    \\end{bmatrix}.
    \\end{align*}$$
    """


def test_chains_and_matrices_over_several_lines_bind_as_on_one(tmp_path, monkeypatch):
    article = _write(tmp_path, monkeypatch, "draft_rows_ref", ROWS_MODULE, LINES_TEXT)
    result = draft(article, "reference.draft_rows_ref:ws", verify=False)
    claims = {o.target: (o.number.text, o.number.line) for o in result.of_kind("claim")}
    assert claims == {
        "h[0]": ("4.5", 5), "h[1]": ("1.5", 5),
        "G_row1[0]": ("4.5", 10), "G_row1[1]": ("1.5", 10), "G_row2[0]": ("9", 11), "G_row2[1]": ("3.1", 11),
    }  # fmt: skip


def test_a_wrapped_sentence_that_ends_with_equals_is_not_continued():
    from gradaudit.draft.chains import _ends_with_equals
    from gradaudit.draft.numbers import find_numbers

    assert _ends_with_equals("x M =") and _ends_with_equals("&= 2 c v = \\\\")
    assert not _ends_with_equals("With the numbers: y = ReLU(0.5 * 2) =")
    assert not _ends_with_equals("a == ") and not _ends_with_equals("a <= ")
    matrix = find_numbers("\\begin{bmatrix} -1 & 0.5\\end{bmatrix}")
    assert [n.printed.value for n in matrix.numbers] == [-1, 0.5]


STRUCTURE_MODULE = """\
    from gradaudit.core.vocab import Worksheet

    ws = Worksheet("structure", loss="r")
    ws.step(lambda u, w: u * w, name="p_step")
    ws.step(lambda w, u: w / u, name="q_step")
    ws.step(lambda p_step, q_step: p_step + q_step, name="r")
    """

# u = 3, w = 0.5: p = 1.5, q = 0.5 / 3 = 0.16667 (by hand). The text names neither step: u * w is
# p's inputs in p's order, w / u q's; its 1.6 is wrong and still binds, by that structure.
STRUCTURE_TEXT = """\
    Take $u = 3$ and $w = 0.5$.
    $$u \\cdot w = 1.6$$
    $$w / u = 0.1667$$
    $$\\exp(u w) = 4.48$$
    """


def test_an_unlabelled_expression_binds_to_the_step_whose_inputs_it_names(tmp_path, monkeypatch):
    article = _write(tmp_path, monkeypatch, "draft_structure_ref", STRUCTURE_MODULE, STRUCTURE_TEXT)
    result = draft(article, "reference.draft_structure_ref:ws")
    claims = {o.target: o for o in result.of_kind("claim")}
    assert {t: o.number.text for t, o in claims.items()} == {"p_step": "1.6", "q_step": "0.1667"}
    assert "the expression u * w (the inputs of p_step)" in claims["p_step"].reason
    rows = {r.quantity: r.verdict for r in result.run.rows if r.kind == "claim"}
    assert rows == {"p_step": "arithmetic", "q_step": "ok"}
    # a function of the inputs (exp) is not their structure: 4.48 is left for a person
    (exp_outcome,) = [o for o in result.outcomes if o.number.text == "4.48"]
    assert exp_outcome.kind != "claim", exp_outcome


def test_a_notebook_is_read_as_its_cells_text_in_order(tmp_path, monkeypatch):
    import json

    from gradaudit.draft import DraftError

    # v = 0.5, c = 1.5: E = 1.5 x 0.25 = 0.375, dE/dv = 1.5 (by hand); the code cell's c = 99 is
    # program text, its printed output 0.375 a printed number
    cells = [
        {"cell_type": "markdown", "source": ["Take $v = 0.5$ and $c = 1.5$.\n", "$$dE/dv = 1.5$$"]},
        {
            "cell_type": "code",
            "source": "c = 99\nprint(E(v))",
            "outputs": [{"output_type": "stream", "name": "stdout", "text": ["0.375\n"]}],
        },
    ]
    nb = {"cells": cells, "metadata": {"language_info": {"name": "python"}}, "nbformat": 4}
    text = json.dumps(nb)
    article = _write(tmp_path, monkeypatch, "draft_derivative_ref", DERIVATIVE_MODULE, text, ".ipynb")
    result = draft(article, "reference.draft_derivative_ref:ws", verify=False)
    assert result.givens == {"v": 0.5, "c": 1.5}
    claims = {o.target: (o.number.text, o.number.line) for o in result.of_kind("claim")}
    assert claims == {"g": ("1.5", 3), "E": ("0.375", 11)}
    assert result.scan.lines[8] == "----- cell 1 output -----"
    # the same JSON saved under another name (a download kept as .txt) is read as the notebook it is
    saved = article.with_suffix(".txt")
    saved.write_text("\n\n" + text, encoding="utf-8")
    again = draft(saved, "reference.draft_derivative_ref:ws", verify=False)
    assert {o.target: o.number.text for o in again.of_kind("claim")} == {"g": "1.5", "E": "0.375"}
    # ... and a text that is JSON but no notebook stays text (no error, no cells)
    saved.write_text('{"note": "take v = 0.5", "cells": [], "nbformat": "none"}', encoding="utf-8")
    lines = draft(saved, "reference.draft_derivative_ref:ws", verify=False).scan.lines
    assert not any(line.startswith("----- cell") for line in lines)
    article.write_text('{"cells": [\n  {"cell_type": }\n]}', encoding="utf-8")
    with pytest.raises(DraftError, match=r"article\.ipynb:2:17: the notebook is not valid JSON"):
        draft(article, "reference.draft_derivative_ref:ws", verify=False)
    article.write_text('{"cells": 3}', encoding="utf-8")
    with pytest.raises(DraftError, match="field 'cells': expected a notebook's list of cells, found int"):
        draft(article, "reference.draft_derivative_ref:ws", verify=False)


INSIDE_MODULE = """\
    from gradaudit.core.vocab import Worksheet

    ws = Worksheet("inside", loss="w_new")
    ws.step(lambda lr, g: lr * g, name="lr_g")
    ws.step(lambda w, lr_g: w - lr_g, name="w_new")
    """

# w = [0.5, 2], g = [0.25, 1], lr = 0.1: lr g = [0.025, 0.1], w - lr g = [0.475, 1.9] (by hand). The
# text prints lr g only inside the update, its second element wrong (0.2), and the result from it.
INSIDE_TEXT = """\
    Take $w = [0.5, 2]$, $g = [0.25, 1]$ and $lr = 0.1$.
    $$w \\leftarrow w - lr \\cdot g = [0.5 - 0.025, \\, 2 - 0.2] = [0.475, 1.8]$$
    """


def test_a_vector_printed_only_inside_an_expression_is_read_element_by_element(tmp_path, monkeypatch):
    article = _write(tmp_path, monkeypatch, "draft_inside_ref", INSIDE_MODULE, INSIDE_TEXT)
    result = draft(article, "reference.draft_inside_ref:ws")
    claims = {o.target: o for o in result.of_kind("claim")}
    assert {t: o.number.text for t, o in claims.items()} == {
        "w_new[0]": "0.475", "w_new[1]": "1.8", "lr_g[0]": "0.025", "lr_g[1]": "0.2",
    }  # fmt: skip
    why = "printed inside w_new's expression element by element, as its input lr_g"
    assert why in claims["lr_g[1]"].reason
    rows = {r.quantity: r.verdict for r in result.run.rows if r.kind == "claim"}
    assert rows["lr_g[0]"] == "ok" and rows["lr_g[1]"] == "arithmetic" and rows["w_new[1]"] != "ok"


ROUNDS_MODULE = """\
    from gradaudit.core.vocab import Worksheet

    ws = Worksheet("rounds", loss="p_3")
    ws.step(lambda a, b: a + b, name="p_1", label="p")
    ws.step(lambda p_1, b: p_1 + b, name="p_2", label="p")
    ws.step(lambda p_2, b: p_2 + b, name="p_3", label="p")
    """


def test_a_tuple_sets_given_values_and_the_sentence_names_the_iteration(tmp_path, monkeypatch):
    # (a, b) = (2, 0): p_1 = p_2 = p_3 = 2 (by hand); only "after 3 iterations" tells them apart
    text = "Start from $(a, b) = (2, 0)$.\nAfter 3 iterations, $p = 2$.\n"
    article = _write(tmp_path, monkeypatch, "draft_rounds_ref", ROUNDS_MODULE, text)
    result = draft(article, "reference.draft_rounds_ref:ws", verify=False)
    assert result.givens == {"a": 2, "b": 0}
    claims = {o.target: o for o in result.of_kind("claim")}
    assert list(claims) == ["p_3"] and "the sentence says iteration 3" in claims["p_3"].reason
    article.write_text("Start from $(a, b) = (2, 0)$.\nIn the end, $p = 2$.\n", encoding="utf-8")
    result = draft(article, "reference.draft_rounds_ref:ws", verify=False)
    assert not result.of_kind("claim") and result.of_kind("ambiguous")


QUOTED_MODULE = """\
    from gradaudit.core.vocab import Worksheet

    ws = Worksheet("quoted", loss="g_b")
    ws.step(lambda x: 2 * x, name="d_out", label="d_out")
    ws.step(lambda d_out: d_out, name="g_b", label="grads['b']")
    """


def test_a_list_printed_again_after_a_quoted_code_name_is_that_names_value(tmp_path, monkeypatch):
    # x = [1, 2]: d_out = g_b = [2, 4] (by hand); the second printing, under d_out's label, follows
    # the sentence that names g_b by its code name
    text = "Take $x = [1, 2]$.\n$d_out = [2, 4]$\nSo the array stored in `grads['b']` is\n$d_out = [2, 4]$.\n"
    article = _write(tmp_path, monkeypatch, "draft_quoted_ref", QUOTED_MODULE, text)
    result = draft(article, "reference.draft_quoted_ref:ws", verify=False)
    claims = {o.target: (o.number.text, o.number.line) for o in result.of_kind("claim")}
    assert claims == {"d_out[0]": ("2", 2), "d_out[1]": ("4", 2), "g_b[0]": ("2", 4), "g_b[1]": ("4", 4)}
    assert "after `grads['b']`, which names g_b" in result.yaml
    article.write_text(text.replace("So the array stored in `grads['b']` is", "Again:"), encoding="utf-8")
    result = draft(article, "reference.draft_quoted_ref:ws", verify=False)
    assert {o.target for o in result.of_kind("claim")} == {"d_out[0]", "d_out[1]"}


TABLE_MODULE = """\
    from gradaudit import Worksheet, grad, update

    ws = Worksheet("table", loss="h_1")
    for k in (1, 2, 3):
        a, b = ("u", "v") if k == 1 else (f"u_{k - 1}", f"v_{k - 1}")
        ws.step(lambda u, v: u * u + 2 * v, name=f"h_{k}", label="h", inputs=[a, b])
        ws.step(lambda u: 2 * u, name=f"gu_{k}", label="dh/du", means=grad(f"h_{k}", wrt=a), inputs=[a])
        ws.step(lambda v: 2 + 0 * v, name=f"gv_{k}", label="dh/dv", means=grad(f"h_{k}", wrt=b), inputs=[b])
        for x, g in ((a, f"gu_{k}"), (b, f"gv_{k}")):
            ws.step(
                lambda x, lr, g: x - lr * g,
                name=f"{x[0]}_{k}",
                label=x[0],
                means=update(x, lr="lr", loss=f"h_{k}"),
                inputs=[x, "lr", g],
            )
    """

# h = u^2 + 2 v from (1, 0), lr = 0.25, gradient (2u, 2) (by hand): gradients (2, 2), (1, 2),
# (0.5, 2); points (0.5, -0.5), (0.25, -1). The table prints the third gradient's u part as 0.6.
TABLE_TEXT = """\
    Start at (u, v) = (1, 0) with lr = 0.25.

    Iteration u v ∇h
    1 1 - 0.25*2 0 - 0.25*2 (2, 2)
    2 0.5 - 0.25*1 -0.5 - 0.25*2 (1, 2)
    ... ... ... ...
    3 0.25 - 0.25*0.5 -1 - 0.25*2 (0.6, 2)
    """


def test_a_table_of_iterations_binds_each_cell_to_the_step_of_its_row(tmp_path, monkeypatch):
    article = _write(tmp_path, monkeypatch, "draft_table_ref", TABLE_MODULE, TABLE_TEXT)
    result = draft(article, "reference.draft_table_ref:ws")
    assert result.givens == {"u": 1, "v": 0, "lr": 0.25}
    claims = {o.target: o for o in result.of_kind("claim")}
    assert {t: o.number.text for t, o in claims.items()} == {
        "gu_1": "2", "gv_1": "2", "u_1": "0.5", "v_1": "-0.5", "gu_2": "1", "gv_2": "2",
        "u_2": "0.25", "v_2": "-1", "gu_3": "0.6", "gv_3": "2",
    }  # fmt: skip
    assert "the value u_2 updates" in claims["u_1"].reason
    assert "the gradient of h: gu_3, gv_3" in claims["gu_3"].reason
    rows = {r.quantity: r.verdict for r in result.run.rows if r.kind == "claim"}
    assert rows["gu_3"] == "arithmetic" and rows["v_2"] == "ok"


MATRIX_MODULE = """\
    import jax.numpy as jnp

    from gradaudit import Worksheet, grad, update

    ws = Worksheet("matrix", loss="L")
    ws.step(lambda W, x: W @ x, name="h")
    ws.step(lambda h, y: 0.5 * jnp.sum((h - y) ** 2), name="L")
    ws.step(lambda h, y: h - y, name="dL_dh", means=grad("L", wrt="h"))
    ws.step(lambda dL_dh, x: jnp.outer(dL_dh, x), name="dL_dW", means=grad("L", wrt="W"))
    ws.step(lambda W, lr, dL_dW: W - lr * dL_dW, name="W_new", means=update("W", lr="lr"))
    """

# W = [[0.5, -1], [2, 0.25]], x = [2, 4], y = [0, 1], lr = 0.1 (by hand): h = [1 - 4, 4 + 1] = [-3, 5],
# L = (9 + 16) / 2 = 12.5, dL/dh = [-3, 4], dL/dW = [[-6, -12], [8, 16]],
# W - 0.1 dL/dW = [[1.1, 0.2], [1.2, -1.35]]. The learning rate is printed as eta only.
MATRIX_TEXT = """\
    Let $\\mathbf{W} = \\begin{pmatrix} 0.5 & -1 \\\\ 2 & 0.25 \\end{pmatrix}$, $\\mathbf{x} = [2, 4]^T$,
    $\\mathbf{y} = [0, 1]^T$ and $\\eta = 0.1$.

    Forward: $\\mathbf{h} = \\mathbf{W}\\mathbf{x} = \\begin{pmatrix} -3 \\\\ 5 \\end{pmatrix}$

    Loss: $L = \\frac{1}{2}\\|\\mathbf{h} - \\mathbf{y}\\|^2 = \\frac{1}{2}(9 + 16) = 12.5$

    $$\\frac{\\partial L}{\\partial \\mathbf{W}} = \\begin{bmatrix}-6 & -12 \\\\ 8 & 16\\end{bmatrix}$$

    $$W \\leftarrow W - \\eta \\nabla_W L = \\begin{bmatrix}1.1 & 0.2 \\\\ 1.2 & -1.35\\end{bmatrix}$$
    """


def test_column_vectors_matrix_steps_and_the_learning_rate_as_eta(tmp_path, monkeypatch):
    article = _write(tmp_path, monkeypatch, "draft_matrix_ref", MATRIX_MODULE, MATRIX_TEXT)
    result = draft(article, "reference.draft_matrix_ref:ws")
    assert result.givens == {"W": [[0.5, -1], [2, 0.25]], "x": [2, 4], "y": [0, 1], "lr": 0.1}
    claims = {o.target: o.number.text for o in result.of_kind("claim")}
    assert claims == {
        "h[0]": "-3", "h[1]": "5", "L": "12.5",
        "dL_dW[0,0]": "-6", "dL_dW[0,1]": "-12", "dL_dW[1,0]": "8", "dL_dW[1,1]": "16",
        "W_new[0,0]": "1.1", "W_new[0,1]": "0.2", "W_new[1,0]": "1.2", "W_new[1,1]": "-1.35",
    }  # fmt: skip
    assert "dL_dW: [[-6, -12], [8, 16]]" in result.yaml
    assert "L: 12.5\n" in result.yaml  # 9 and 16 are no vector's operands
    rows = {r.quantity: r.verdict for r in result.run.rows if r.kind == "claim"}
    assert set(rows.values()) == {"ok"} and len(rows) == len(claims)
