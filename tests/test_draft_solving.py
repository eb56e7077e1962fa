"""Given values the text never states, solved from the printed values that depend on them
(checks/draft/by_solving.py, issue 20): a tutorial whose starting weights are only in a figure
still prints what they give. Synthetic texts; the values are worked by hand in the comments."""

from __future__ import annotations

from helpers import draft_claims
from helpers import write_article as _write

from gradaudit.draft import draft

MODULE = """\
    from gradaudit import Worksheet, grad, sigmoid, update

    ws = Worksheet("one neuron, two weights", loss="E")
    upd = lambda w: update(w, lr="lr")  # noqa: E731
    ws.step(lambda w1, x1, w2, x2, b: w1 * x1 + w2 * x2 + b, name="z")
    ws.step(lambda z: sigmoid(z), name="y")
    ws.step(lambda t, y: 0.5 * (t - y) ** 2, name="E")
    ws.step(lambda y, t: (y - t) * y * (1 - y), name="delta", label="\\\\delta")
    ws.step(lambda delta, x1: delta * x1, name="dE_dw1", label="dE/dw_1", means=grad("E", wrt="w1"))
    ws.step(lambda delta, x2: delta * x2, name="dE_dw2", label="dE/dw_2", means=grad("E", wrt="w2"))
    ws.step(lambda w1, lr, dE_dw1: w1 - lr * dE_dw1, name="w1_new", label="w_1^+", means=upd("w1"))
    ws.step(lambda w2, lr, dE_dw2: w2 - lr * dE_dw2, name="w2_new", label="w_2^+", means=upd("w2"))
    """

# The figure's weights: w1 = 0.3, w2 = -0.2; x1 = 1, x2 = 2, b = 0.5, t = 1, lr = 0.5 (by hand):
# z = 0.3 - 0.4 + 0.5 = 0.4; y = 1 / (1 + e^-0.4) = 0.5986876601; E = 0.5 (1 - y)^2 = 0.0805257971;
# delta = (y - 1) y (1 - y) = -0.0964196021; dE/dw1 = delta = -0.096420, dE/dw2 = 2 delta =
# -0.1928392041; w1+ = 0.3 + 0.5 x 0.0964196 = 0.348210, w2+ = -0.2 + 0.5 x 0.1928392 = -0.103580.
# The text prints w2+ as -0.113580 (one digit wrong): it must not pull the solution.
TEXT = """\
    # One neuron, two weights

    The starting weights are in the figure above. The inputs are x_1 = 1 and x_2 = 2, the bias is
    b = 0.5, the target t = 1 and the learning rate lr = 0.5.

    $$z = w_1 x_1 + w_2 x_2 + b = 0.4$$

    $$y = 0.598688$$

    $$E = 0.080526$$

    $$dE/dw_1 = -0.096420$$

    $$w_1^+ = 0.348210$$

    $$w_2^+ = -0.113580$$
    """


def test_givens_only_in_a_figure_are_solved_from_the_numbers_they_give(tmp_path, monkeypatch):
    article = _write(tmp_path, monkeypatch, "draft_solve_ref", MODULE, TEXT)
    result = draft(article, "reference.draft_solve_ref:ws")
    assert result.needed == []
    assert (result.givens["w1"], result.givens["w2"]) == (0.3, -0.2)
    assert "not in the text: solved with w2" in result.given_source["w1"]
    assert "inferred:" in result.yaml and 'w1: "not printed in the text' in result.yaml
    claims = draft_claims(result)
    assert claims["y"] == "0.598688" and claims["w2_new"] == "-0.113580"
    rows = {r.quantity: r.verdict for r in result.run.rows if r.kind == "claim"}
    # solved at the many that agree, the one wrong number is judged wrong, the others right
    assert rows["w2_new"] != "ok"
    assert all(rows[q] == "ok" for q in ("z", "y", "E", "dE_dw1", "w1_new"))


def test_givens_the_printed_numbers_do_not_determine_stay_needed(tmp_path, monkeypatch):
    # Without the updated weights, every number printed depends on w1 and w2 only through
    # z = w1 + 2 w2 + 0.5: any pair with w1 + 2 w2 = -0.1 fits as well, so neither is solved.
    text = TEXT.split("    $$dE/dw_1")[0]
    article = _write(tmp_path, monkeypatch, "draft_solve_sum_ref", MODULE, text)
    result = draft(article, "reference.draft_solve_sum_ref:ws", verify=False)
    assert set(result.needed) == {"w1", "w2"}


def test_too_few_numbers_solve_nothing(tmp_path, monkeypatch):
    # One unknown (w2 printed now) and only z and y printed downstream: two numbers, not the
    # unknowns plus two, so w1 is not guessed from them (z = 0.4 would give w1 = 0.3 exactly).
    text = TEXT.split("    $$E =")[0].replace("b = 0.5,", "b = 0.5, w_2 = -0.2,")
    article = _write(tmp_path, monkeypatch, "draft_solve_few_ref", MODULE, text)
    result = draft(article, "reference.draft_solve_few_ref:ws", verify=False)
    assert result.givens["w2"] == -0.2 and result.needed == ["w1"]
