"""The draft on programs and what they print (issue 20, the articles of the sixth round): given values
set by R statements (`x1 <- 0; x2 <- 1`), numpy literals in the layout a worksheet written in the
notebook's shapes takes (`np.array([[1, 2]])`, a column `[[0.5], [0.25]]`), notebook cell numbers
(`In [2]:`), a row of names over a row of values (R's named vectors, pandas' prints, a header line
`=forward: s, o=`), an output under a cell whose last line names a step (`z` then
`array([[1.1]])`), and an output's header matched to the `print` calls that printed it.

Every text and worksheet here is made up for the test; the exact values are worked by hand (or with
math.exp, as said) in the comments."""

from __future__ import annotations

import pytest
from helpers import draft_claims as _claims
from helpers import write_article as _write

from gradaudit.draft import draft

UNIT_MODULE = """\
    from gradaudit import Worksheet, grad, sigmoid

    ws = Worksheet("unit", loss="E")

    @ws.step
    def s(u, a, c):
        return u * a + c

    @ws.step
    def o(s):
        return sigmoid(s)

    @ws.step
    def E(t, o):
        return 0.5 * (t - o) ** 2

    @ws.step(label="dE/do", means=grad("E", wrt="o"))
    def dE_do(t, o):
        return o - t

    @ws.step(label="dE/ds", means=grad("E", wrt="s"))
    def dE_ds(dE_do, o):
        return dE_do * o * (1 - o)
    """

# s = 2 x 0.25 + 0.5 = 1; o = sigmoid(1) = 0.7310585786 (math.exp); E = 0.5 (1 - o)^2 = 0.0361647441;
# dE/do = o - 1 = -0.2689414214; dE/ds = dE/do o (1 - o) = -0.0528770928.

# UNIT_MODULE with R's names (digits in them: the words before a number in prose do not name them)
R_MODULE = """\
    from gradaudit import Worksheet, grad, sigmoid

    ws = Worksheet("unit in R", loss="E")

    @ws.step
    def z1(x1, w1, b1):
        return w1 * x1 + b1

    @ws.step
    def h1(z1):
        return sigmoid(z1)

    @ws.step
    def E(t1, h1):
        return 0.5 * (t1 - h1) ** 2

    @ws.step(means=grad("E", wrt="h1"))
    def dE_dh1(t1, h1):
        return h1 - t1

    @ws.step(means=grad("E", wrt="z1"))
    def dE_dz1(dE_dh1, h1):
        return dE_dh1 * h1 * (1 - h1)
    """

# the values of UNIT_MODULE above: z1 = 1, h1 = 0.7310585786, E = 0.0361647441, dE/dh1 = -0.2689414214,
# dE/dz1 = -0.0528770928
R_TEXT = """\
    Una neurona en R.
    x1 <- 2; w1 <- 0.25
    b1 <- 0.5 # sesgo
    t1 <- 1
    z1 <- w1*x1 + b1
    h1 <- 1/(1+exp(-z1))
    c(z1=z1, h1=h1)
    ## z1 h1
    ## 1.0000000 0.7310586
    E <- 0.5*(t1 - h1)^2
    E
    ## [1] 0.03616474
    dE_dh1 <- h1 - t1
    dE_dz1 <- dE_dh1 * h1 * (1 - h1)
    c(dE_dh1=dE_dh1, dE_dz1=dE_dz1)
    ## dE_dh1 dE_dz1
    ## -0.26894142 -0.05287709
    """


def test_r_statements_set_given_values_and_named_vectors_print_steps(tmp_path, monkeypatch):
    article = _write(tmp_path, monkeypatch, "draft_r_ref", R_MODULE, R_TEXT)
    result = draft(article, "reference.draft_r_ref:ws", verify=False)
    assert result.givens == {"x1": 2, "w1": 0.25, "b1": 0.5, "t1": 1}  # two statements a line, split at `;`
    assert "`x1 <- 2; w1 <- 0.25`" in result.given_source["w1"]
    assert "`b1 <- 0.5 # sesgo`" in result.given_source["b1"]
    # each value under the name of its column; `-0.05287709` keeps the minus R prints before it
    # across the space (not a subtraction); E's output under the line `E`, R's `[1]` no value
    assert _claims(result) == {
        "z1": "1.0000000",
        "h1": "0.7310586",
        "E": "0.03616474",
        "dE_dh1": "-0.26894142",
        "dE_dz1": "-0.05287709",
    }


@pytest.mark.parametrize(
    "printout",
    [
        "      s         o\n0  1.0  0.731059\n",  # pandas: an index column before the values
        "=forward: s, o=\n1.0 0.73\n",  # a header line that names the values of the line below
        "s\to\n1\t0.731\n",  # tab-separated
    ],
)
def test_a_row_of_names_over_a_row_of_values(tmp_path, monkeypatch, printout):
    # UNIT_MODULE's values, worked above: s = 1, o = 0.7310585786
    text = "u = 2.0\na = 0.25\nc = 0.5\nt = 1.0\n\n" + printout
    article = _write(tmp_path, monkeypatch, "draft_names_ref", UNIT_MODULE, text)
    result = draft(article, "reference.draft_names_ref:ws", verify=False)
    s, o = printout.splitlines()[1].split()[-2:]
    assert _claims(result) == {"s": s, "o": o}
    assert all("row of names" in x.reason for x in result.of_kind("claim"))


# An output printed before its program: the headers the program prints name nothing; the print call
# after each header's does (round(s, 2) is s). Values worked above: s = 1, o = 0.7310585786 -> 0.73,
# dE/do = -0.2689414214 -> -0.27, dE/ds = -0.0528770928 -> -0.05.
PRINTED_BY_TEXT = """\
    Output:

    ==== forward pass ====
    1.0 0.73
    ==== backward pass ====
    -0.27 -0.05

    ```python
    u, a = 2.0, 0.25
    c = 0.5
    t = 1.0
    s = u * a + c
    o = 1 / (1 + math.exp(-s))
    print("==== forward pass ====")
    print(round(s, 2), round(o, 2))
    dE_do = o - t
    dE_ds = dE_do * o * (1 - o)
    print("==== backward pass ====")
    print(round(dE_do, 2),
          round(dE_ds, 2))
    ```
    """


def test_an_outputs_header_matched_to_the_print_calls_that_printed_it(tmp_path, monkeypatch):
    article = _write(tmp_path, monkeypatch, "draft_printed_by_ref", UNIT_MODULE, PRINTED_BY_TEXT)
    result = draft(article, "reference.draft_printed_by_ref:ws", verify=False)
    assert _claims(result) == {"s": "1.0", "o": "0.73", "dE_do": "-0.27", "dE_ds": "-0.05"}
    assert all("print call" in o.reason for o in result.of_kind("claim"))
    # a print call the text cuts off names nothing
    cut = PRINTED_BY_TEXT.replace(
        "    print(round(dE_do, 2),\n          round(dE_ds, 2))\n", "    print(ro\n"
    )
    article = _write(tmp_path, monkeypatch, "draft_printed_by_ref", UNIT_MODULE, cut)
    result = draft(article, "reference.draft_printed_by_ref:ws", verify=False)
    by_line = {o.number.line: o for o in result.outcomes if o.number.text in ("-0.27", "-0.05")}
    assert by_line and not any("print call" in o.reason for o in by_line.values())  # by value, if at all


ROW_MODULE = """\
    import jax.numpy as jnp

    from gradaudit import Worksheet, grad, update

    ws = Worksheet("rows", loss="E")

    @ws.step
    def z(x, W, b):
        return x @ W + b

    @ws.step
    def E(t, z):
        return 0.5 * jnp.sum((z - t) ** 2)

    @ws.step(means=grad("E", wrt="z"))
    def g(z, t):
        return z - t

    @ws.step(label="W (updated)", means=update("W", lr="lr"))
    def W_new(W, lr, x, g):
        return W - lr * (x.T @ g)
    """

# x = [[1, 2]] (1 x 2), W = [[0.5], [0.25]] (2 x 1), b = [[0.1]], t = [[1]], lr = 0.1:
# z = 1 x 0.5 + 2 x 0.25 + 0.1 = 1.1; g = z - t = 0.1; x.T g = [[0.1], [0.2]];
# W_new = [[0.5 - 0.01], [0.25 - 0.02]] = [[0.49], [0.23]].
NOTEBOOK_TEXT = """\
    In [1]:
    ```python
    import numpy as np
    x = np.array([[1, 2]])
    W = np.array([[0.5],
                  [0.25]])
    b = np.array([[0.1]])
    t = np.array([[1]])
    lr = 0.1
    ```

    In [2]:
    ```python
    z = x.dot(W) + b
    {show_z}
    ```

    {out2}
    ```
    {z_out}
    ```

    In [3]:
    ```python
    g = z - t
    W = W - lr * x.T.dot(g)
    W
    ```

    {out3}
    ```
    array([[0.49],
           [0.23]])
    ```
    """


@pytest.mark.parametrize(
    "show_z, out2, out3, z_out",
    [
        ("z", "Out [2]:", "Out [3]:", "array([[1.1]])"),
        ("print(z)", "Out[2]:", "Out[3]:", "[[1.1]]"),
    ],
)
def test_numpy_givens_in_the_notebooks_layout_and_outputs_under_a_cells_last_line(
    tmp_path, monkeypatch, show_z, out2, out3, z_out
):
    text = NOTEBOOK_TEXT.format(show_z=show_z, out2=out2, out3=out3, z_out=z_out)
    article = _write(tmp_path, monkeypatch, "draft_rows_ref", ROW_MODULE, text)
    result = draft(article, "reference.draft_rows_ref:ws", verify=False)
    # read as lists first (a worksheet most often keeps a row as a list); this one takes the
    # notebook's shapes, so each is taken in the layout the text prints, and says so
    assert result.givens == {"x": [[1, 2]], "W": [[0.5], [0.25]], "b": [[0.1]], "t": [[1]], "lr": 0.1}
    assert "reshaped from (2,) to (1, 2)" in result.given_source["x"]
    assert "reshaped" not in result.given_source["lr"]
    # the output under a cell ending in `z` is z (a 1 x 1 matrix); `W` after `W = W - ...` is W updated
    assert _claims(result) == {"z[0,0]": "1.1", "W_new[0,0]": "0.49", "W_new[1,0]": "0.23"}
    # the cells' execution counts are no printed numbers
    assert {n.text for n in result.scan.numbers} == {"1.1", "0.49", "0.23"}
    assert sum(1 for s in result.scan.skipped if s.kind == "label") == 5


def test_a_list_the_worksheet_takes_as_read_is_not_reshaped(tmp_path, monkeypatch):
    # UNIT_MODULE-like with a list input: v = [1, 2] as a column `[[1], [2]]`, s = sum(v) a = 3 x 0.5
    module = """\
        import jax.numpy as jnp
        from gradaudit import Worksheet

        ws = Worksheet("list", loss="s")

        @ws.step
        def s(v, a):
            return jnp.sum(v) * a
        """
    text = "```python\nv = np.array([[1], [2]])\na = 0.5\n```\n\ns = 1.5\n"
    article = _write(tmp_path, monkeypatch, "draft_list_ref", module, text)
    result = draft(article, "reference.draft_list_ref:ws", verify=False)
    assert result.givens == {"v": [1, 2], "a": 0.5}  # evaluates as read: no reshape tried
    assert "reshaped" not in result.given_source["v"]
    assert _claims(result) == {"s": "1.5"}


EXP_MODULE = """\
    import jax.numpy as jnp
    from gradaudit import Worksheet

    ws = Worksheet("sigmoid by hand", loss="h")

    @ws.step
    def z(x, w, b):
        return w * x + b

    @ws.step
    def e(z):
        return jnp.exp(-z)

    @ws.step
    def d(e):
        return 1 + e

    @ws.step
    def h(d):
        return 1 / d
    """

# z = 0.5 x 2 + 0.3 = 1.3; e = exp(-1.3) = 0.2725317930 (math.exp); d = 1.2725317930; h = 0.7858349830
EXP_TEXT = r"""
    Given $x = 2$, $w = 0.5$, $b = 0.3$.

    $z = w \cdot x + b = 0.5 \times 2 + 0.3 = 1.3$

    $h = \sigma(z) = FORM$

    $e^{-1.3} \approx 0.2725$, so

    $h = \frac{1}{1+0.2725} = \frac{1}{1.2725} \approx 0.7858$
    """


@pytest.mark.parametrize("form", [r"\frac{1}{1+e^{-1.3}}", r"\frac{1}{1+e^{-1.3}} = \frac{1}{1 + e^{-1.3}}"])
def test_a_number_in_an_exponent_is_the_value_substituted_not_the_sum_around_it(tmp_path, monkeypatch, form):
    article = _write(tmp_path, monkeypatch, "draft_exp_ref", EXP_MODULE, EXP_TEXT.replace("FORM", form))
    result = draft(article, "reference.draft_exp_ref:ws", verify=False)
    # 1.3 in e^{-1.3} is z (worked above: 1.3) substituted; d = 1 + e^{-z} is 1.2725, printed below
    # (1.3 would pass for d at one decimal: z, which d is computed from, holds it exactly)
    assert _claims(result) == {"z": "1.3", "e": "0.2725", "d": "1.2725", "h": "0.7858"}


VECTOR_MODULE = """\
    import jax.numpy as jnp
    from gradaudit import Worksheet

    ws = Worksheet("operator names", loss="total")

    @ws.step(label="exp")
    def exps(s):
        return jnp.exp(s)

    @ws.step(label="sum")
    def total(exps):
        return jnp.sum(exps)

    @ws.step(label="M update")
    def M_update(u, exps):
        return jnp.outer(u, exps)
    """

# s = [0, -1], u = [1, 2]: exps = [1, exp(-1)] = [1, 0.3678794412] (math.exp); total = 1.3678794412;
# M_update = u exps^T = [[1, 0.3678794412], [2, 0.7357588823]]
VECTOR_TEXT = r"""
    Given `s = [0, -1]` and `u = [1, 2]`. Here `u` has shape (2, 1), so `u.T` is (1, 2).

    $$
    \exp = [e^{0}, e^{-1}] ≈ [1.0, 0.368]
    $$

    $$
    \text{M update} =
    \begin{bmatrix} 1 \\ 2 \end{bmatrix}
    \cdot
    \begin{bmatrix} 1.0 & 0.368 \end{bmatrix}
    =
    \begin{bmatrix}
    1 * 1.0 & 1 * 0.368 \\
    2 * 1.0 & 2 * 0.368
    \end{bmatrix}
    =
    \begin{bmatrix}
    1.0 & 0.368 \\
    2.0 & 0.736
    \end{bmatrix}
    $$
    """


def test_an_operator_name_a_label_of_two_words_and_a_matrix_after_a_matrix(tmp_path, monkeypatch):
    article = _write(tmp_path, monkeypatch, "draft_vector_ref", VECTOR_MODULE, VECTOR_TEXT)
    result = draft(article, "reference.draft_vector_ref:ws", verify=False)
    # the shape tuples are no values of u (`u.T` is (1, 2) once read u = 1)
    assert result.givens == {"s": [0, -1], "u": [1, 2]}
    assert sum(1 for s in result.scan.skipped if s.kind == "count") == 4
    claims = _claims(result)
    # `\exp = [...]` is the step labelled exp; `\text{M update}` the one labelled `M update`, its
    # value the matrix after the matrix of products (`=` alone on a line after a matrix goes on)
    assert {k: v for k, v in claims.items() if k.startswith("exps")} == {"exps[0]": "1.0", "exps[1]": "0.368"}
    assert {k: v for k, v in claims.items() if k.startswith("M_update")} == {
        "M_update[0,0]": "1.0",
        "M_update[0,1]": "0.368",
        "M_update[1,0]": "2.0",
        "M_update[1,1]": "0.736",
    }


REMARK_MODULE = """\
    from gradaudit import Worksheet, grad, update

    ws = Worksheet("a remark after an update", loss="L")

    @ws.step
    def L(w, x):
        return (w * x) ** 2

    @ws.step(means=grad("L", wrt="w"))
    def g(w, x):
        return 2 * w * x * x

    @ws.step(means=update("w", lr="eta"))
    def w_new(w, eta, g):
        return w - eta * g
    """


@pytest.mark.parametrize("remark", ["(lower weight → smaller loss ✓)", "(decreases slightly)", ""])
def test_words_in_parentheses_after_a_result_are_a_remark(tmp_path, monkeypatch, remark):
    # w = 0.5, x = 1, eta = 0.1: g = 2 w x^2 = 1.0; w_new = 0.5 - 0.1 x 1.0 = 0.4
    text = "Given $w = 0.5$, $x = 1$ and $\\eta = 0.1$.\n\n- $g = 2 w x^2 = 1.0$\n"
    text += f"- $w = 0.5 - 0.1 \\times 1.0 = 0.4$ {remark}\n"
    article = _write(tmp_path, monkeypatch, "draft_remark_ref", REMARK_MODULE, text)
    result = draft(article, "reference.draft_remark_ref:ws", verify=False)
    assert _claims(result) == {"g": "1.0", "w_new": "0.4"}


PASSAGE_MODULE = """\
    from gradaudit import Worksheet, sigmoid

    ws = Worksheet("two examples", loss="y_hat")

    @ws.step
    def z1(w, x):
        return w * x

    @ws.step
    def z(z1, b):
        return z1 + b

    @ws.step(label="y_hat")
    def y_hat(z):
        return sigmoid(z)
    """

# Example A is the worksheet's: z1 = 0.5 x 2 = 1 (not printed), z = 1 - 0.5 = 0.5, y_hat = sigmoid(0.5)
# = 0.6224593312 (math.exp). Example B's z_1 = 0.5 x 1 = 0.5 is another example's number (printed
# without its operands: with them, the author's chain from B's x = 1 fits it, and the tie stays).
PASSAGE_TEXT = r"""
    ## Example A

    Given: $x = 2$, $w = 0.5$, $b = -0.5$

    - $z = z_1 + b = 0.5$
    - $\hat{y} = \sigma(0.5) \approx 0.6225$

    ## Example B

    Given: $x = 1$, $w = 0.5$, $b = 0$

    - $z = 0.5$, with $z_1 = 0.5$
    """


def test_a_passage_wins_a_tie_with_the_whole_article_that_binds_another_examples_numbers(
    tmp_path, monkeypatch
):
    article = _write(tmp_path, monkeypatch, "draft_passage_ref", PASSAGE_MODULE, PASSAGE_TEXT)
    result = draft(article, "reference.draft_passage_ref:ws", verify=False)
    # both bind z and y_hat to their exact values; the whole article also binds B's z_1 = 0.5,
    # which fits no value of z1 (1): the passage of example A is taken
    assert _claims(result) == {"z": "0.5", "y_hat": "0.6225"}
    assert "took lines 2-8" in result.summary
