"""Vector steps printed inside the expressions of other steps (issue 20), on a synthetic text: a
column of expressions (`[0.5 + 0.1 \\\\ -0.2 - 0.1]`) gives a vector step's inputs element by
element (vectors.py); an input vector printed as integers (`[1 \\\\ 0]`) is no step's value at
no decimals; a vector summed into a scalar step, printed term by term (`0.36 - 0.12 + 0.2`), gives
that vector's elements (sums.py). The values are worked by hand in the comments."""

from __future__ import annotations

from helpers import draft_claims
from helpers import write_article as _write

from gradaudit.draft import draft

MODULE = """\
    import jax.numpy as jnp

    from gradaudit.core.vocab import Worksheet

    ws = Worksheet("vector_terms", loss="z")
    ws.step(lambda W, x: W @ x, name="Wx", label="W x")
    ws.step(lambda Wx, b: Wx + b, name="h")
    ws.step(lambda v, h: v * h, name="v_terms", label="v h terms")
    ws.step(lambda v_terms, c: jnp.sum(v_terms) + c, name="z")
    """

# W = [[0.5, 0.3], [-0.2, 0.8]], x = [1, 0]: Wx = [0.5, -0.2]; b = [0.1, -0.1]: h = [0.6, -0.3];
# v = [0.6, 0.4]: v_terms = [0.36, -0.12]; c = 0.2: z = 0.36 - 0.12 + 0.2 = 0.44. The text prints
# the second term as 0.15 (a slip), so z's terms are [0.36, -0.15] and z = 0.41 on its chain.
MATRIX = "\\begin{bmatrix} 0.5 & 0.3 \\\\ -0.2 & 0.8 \\end{bmatrix}"
COLUMN = "\\begin{bmatrix} 1 \\\\ 0 \\end{bmatrix}"
SUMS = (
    "\\begin{bmatrix} 0.5 + 0.1 \\\\ -0.2 - 0.1 \\end{bmatrix} = "
    "\\begin{bmatrix} 0.6 \\\\ -0.3 \\end{bmatrix}"
)
B = "\\begin{bmatrix} 0.1 \\\\ -0.1 \\end{bmatrix}"
TEXT = """\
    # Two layers by hand
    $$W = \\begin{bmatrix} 0.5 & 0.3 \\\\ -0.2 & 0.8 \\end{bmatrix}$$
    $$b = """ + B + """$$
    $$v = \\begin{bmatrix} 0.6 & 0.4 \\end{bmatrix}, \\quad c = 0.2$$
    **Input:** $x = [1, 0]^T$

    $$h = W x + b = """ + f"{MATRIX} {COLUMN} + {B} = {SUMS}" + """$$

    $$z = 0.6 \\times 0.6 + 0.4 \\times (-0.3) + 0.2 = 0.36 - 0.15 + 0.2 = 0.41$$
    """


def test_vectors_printed_inside_other_steps_expressions(tmp_path, monkeypatch):
    article = _write(tmp_path, monkeypatch, "vector_terms_ref", MODULE, TEXT)
    result = draft(article, "reference.vector_terms_ref:ws")
    assert result.givens["x"] == [1, 0] and result.givens["c"] == 0.2
    claims = draft_claims(result)
    # the column of expressions gives Wx (not the printed x = [1, 0], which fits [0.5, -0.2] only
    # at no decimals)
    assert (claims["Wx[0]"], claims["Wx[1]"]) == ("0.5", "-0.2"), claims
    assert (claims["h[0]"], claims["h[1]"]) == ("0.6", "-0.3")
    # the terms of z's sum, signed as printed, are v_terms; the slip 0.15 is bound and judged
    assert (claims["v_terms[0]"], claims["v_terms[1]"]) == ("0.36", "-0.15"), claims
    assert claims["z"] == "0.41"
    rows = {r.quantity: r.verdict for r in result.run.rows if r.kind == "claim"}
    assert rows["Wx[0]"] == rows["Wx[1]"] == rows["v_terms[0]"] == "ok"
    assert rows["v_terms[1]"] != "ok" and rows["z"] == "inherited", rows


def test_a_run_joined_by_products_is_no_sum_of_a_vector(tmp_path, monkeypatch):
    # without the summed line, 0.6 x 0.6 and 0.4 x (-0.3) are products: no run of v_terms
    text = TEXT.replace(" = 0.36 - 0.15 + 0.2 = 0.41", " = 0.41")
    article = _write(tmp_path, monkeypatch, "vector_terms_ref", MODULE, text)
    result = draft(article, "reference.vector_terms_ref:ws", verify=False)
    assert not any(k.startswith("v_terms") for k in draft_claims(result))


ELEMENTS_MODULE = """\
    from gradaudit.core.vocab import Worksheet

    ws = Worksheet("element_sums", loss="z")
    ws.step(lambda x1, W1: x1 * W1, name="u", label="x_1 W_1")
    ws.step(lambda x2, W2: x2 * W2, name="v", label="x_2 W_2")
    ws.step(lambda u, v, b: u + v + b, name="z")
    """

# x1 = 0.5, W1 = [0.3, -0.1]: u = [0.15, -0.05]; x2 = -0.2, W2 = [0.2, 0.4]: v = [-0.04, -0.08];
# b = [0.1, -0.2]: z = [0.21, -0.33]. The second line prints u's element as -0.06 (a slip).
ELEMENTS_TEXT = """\
    # One layer, element by element
    We take x_1 = 0.5, x_2 = -0.2, W_1 = [0.3, -0.1], W_2 = [0.2, 0.4] and b = [0.1, -0.2].
    $$z_1 = 0.5(0.3) + (-0.2)(0.2) + 0.1 = 0.15 - 0.04 + 0.10 = 0.21$$
    $$z_2 = 0.5(-0.1) + (-0.2)(0.4) + (-0.2) = -0.06 - 0.08 - 0.20 = -0.33$$
    So z = [0.21, -0.33].
    """


def test_each_elements_sum_gives_the_elements_of_the_inputs(tmp_path, monkeypatch):
    article = _write(tmp_path, monkeypatch, "element_sums_ref", ELEMENTS_MODULE, ELEMENTS_TEXT)
    result = draft(article, "reference.element_sums_ref:ws")
    claims = draft_claims(result)
    assert (claims["z[0]"], claims["z[1]"]) == ("0.21", "-0.33"), claims
    assert (claims["v[0]"], claims["v[1]"]) == ("-0.04", "-0.08"), claims
    # -0.06 fits no input at element 2: the one term left, by its place, is u's
    assert (claims["u[0]"], claims["u[1]"]) == ("0.15", "-0.06"), claims
    (again,) = [o for o in result.outcomes if o.number.line == 3 and o.number.text == "0.21"]
    assert (again.kind, again.target) == ("repeat", "z[0]")
    rows = {r.quantity: r.verdict for r in result.run.rows if r.kind == "claim"}
    assert rows["u[0]"] == rows["v[1]"] == "ok" and rows["u[1]"] != "ok", rows


ROWS_MODULE = """\
    from gradaudit.core.vocab import Worksheet

    ws = Worksheet("row_sums", loss="logits")
    ws.step(lambda x1, W1: x1 * W1, name="u", label="x_1 W_1")
    ws.step(lambda x2, W2: x2 * W2, name="v", label="x_2 W_2")
    ws.step(lambda u, v: u + v, name="logits")
    """

# x1 = 1, W1 = [0.2, -0.3, 0.5]: u = W1; x2 = 2, W2 = [-0.5, 0.7, -0.2]: v = [-1.0, 1.4, -0.4];
# logits = [-0.8, 1.1, 0.1]. The sums print v's last element as 0.3 (a slip: - 0.3 for -0.4).
ROWS_TEXT = """\
    # Logits
    We take x_1 = 1.0, x_2 = 2.0, W_1 = [0.2, -0.3, 0.5] and W_2 = [-0.5, 0.7, -0.2].
    Adding the two rows gives [0.2 - 1.0, -0.3 + 1.4, 0.5 - 0.3] = [-0.8, 1.1, 0.1].
    $$logits = [-0.8, 1.1, 0.1]$$
    """


def test_a_list_of_sums_before_a_vectors_value_gives_its_inputs(tmp_path, monkeypatch):
    article = _write(tmp_path, monkeypatch, "row_sums_ref", ROWS_MODULE, ROWS_TEXT)
    result = draft(article, "reference.row_sums_ref:ws")
    claims = draft_claims(result)
    assert [claims[f"logits[{i}]"] for i in range(3)] == ["-0.8", "1.1", "0.1"], claims
    assert [claims[f"u[{i}]"] for i in range(3)] == ["0.2", "-0.3", "0.5"], claims
    # signed as printed (`- 1.0` is -1.0); 0.3 fits neither input at element 3: v's, by its place
    assert [claims[f"v[{i}]"] for i in range(3)] == ["-1.0", "1.4", "-0.3"], claims
    rows = {r.quantity: r.verdict for r in result.run.rows if r.kind == "claim"}
    assert rows["v[0]"] == rows["u[2]"] == "ok" and rows["v[2]"] != "ok", rows


SHIFT_MODULE = """\
    import jax.numpy as jnp

    from gradaudit.core.vocab import Worksheet

    ws = Worksheet("shift", loss="total")
    ws.step(lambda s: jnp.max(s), name="s_max", label="max")
    ws.step(lambda s, s_max: s - s_max, name="shifted")
    ws.step(lambda shifted: jnp.sum(shifted), name="total")
    """

# s = [0.4, 2.5, 1.0]: max 2.5, shifted = [-2.1, 0, -1.5], total = -3.6.
SHIFT_TEXT = """\
    # Shifting by the max
    We take s = [0.4, 2.5, 1.0].
    $$shifted = [0.4, 2.5, 1.0] - 2.5 = [-2.1, 0, -1.5]$$
    """


def test_a_number_outside_a_vector_steps_lists_is_its_scalar_input(tmp_path, monkeypatch):
    article = _write(tmp_path, monkeypatch, "shift_ref", SHIFT_MODULE, SHIFT_TEXT)
    result = draft(article, "reference.shift_ref:ws")
    claims = draft_claims(result)
    assert [claims[f"shifted[{i}]"] for i in range(3)] == ["-2.1", "0", "-1.5"], claims
    # the 2.5 of the list is s restated; the 2.5 after it, the max subtracted, is s_max's claim
    (o,) = [o for o in result.outcomes if o.number.line == 3 and o.target == "s_max"]
    assert o.kind == "claim" and o.number.col > 30 and "outside the lists of shifted's" in o.reason, o
    rows = {r.quantity: r.verdict for r in result.run.rows if r.kind == "claim"}
    assert rows["s_max"] == "ok", rows
