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
