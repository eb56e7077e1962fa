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


REPEAT_MODULE = """\
    from gradaudit import Worksheet, grad, update

    ws = Worksheet("one weight, gradient descent", loss="L")
    ws.step(lambda w, x, y: 0.5 * (w * x - y) ** 2, name="L", label="L")
    ws.step(lambda w, x, y: (w * x - y) * x, name="g", label="dL/dw", means=grad("L", wrt="w"))
    ws.step(lambda w, lr, g: w - lr * g, name="w_new", label="w^+", means=update("w", lr="lr"))
    ws.repeat("L_first", of="L", rounds="n_a", carry={"w": "w_new"}, label="L after the first rounds")
    ws.repeat("L_last", of="L", rounds="n_b", carry={"w": "w_new"}, label="L after the last rounds")
    ws.repeat("w_last", of="w", rounds="n_b", carry={"w": "w_new"}, label="w after the last rounds")
    """

# x = 1, y = 2, w = 0.3, lr = 0.1 (by hand): each round takes w to w + 0.1 (2 - w), so after k rounds
# w_k - 2 = -1.7 x 0.9^k and L_k = 0.5 x 1.7^2 x 0.81^k = 1.445 x 0.81^k: L_1 = 1.17045, L_20 =
# 0.0213584 (0.81^20 = 0.0147808), w_20 = 2 - 1.7 x 0.9^20 = 1.7933197. The text prints 0.02136
# after 20 rounds (0.0213584 at four significant digits is 0.02136: its own value, rounded) and
# names neither count: two numbers near the repeats of n_b after 20 rounds, one near n_a's after 1
# (20 for n_a and 1 for n_b would put one near each: fewer).
REPEAT_TEXT = """\
    # Gradient descent on one weight

    Take x = 1, y = 2, w = 0.3 and the learning rate lr = 0.1. The loss starts at L = 1.445.

    After the first round the loss is down to 1.17045; after 20 iterations it is 0.02136 and the
    weight has reached 1.79332.
    """


def test_a_repeats_counts_are_the_counts_the_text_says_and_its_values_bind(tmp_path, monkeypatch):
    article = _write(tmp_path, monkeypatch, "draft_repeat_ref", REPEAT_MODULE, REPEAT_TEXT)
    result = draft(article, "reference.draft_repeat_ref:ws")
    assert result.needed == [] and (result.givens["n_a"], result.givens["n_b"]) == (1, 20)
    assert "a count the text says" in result.given_source["n_b"]
    claims = draft_claims(result)
    assert claims["L_first"] == "1.17045" and claims["L_last"] == "0.02136"
    assert claims["w_last"] == "1.79332"
    rows = {r.quantity: r.verdict for r in result.run.rows if r.kind == "claim"}
    assert rows["L_first"] == rows["L_last"] == rows["w_last"] == "ok"


def test_a_value_far_from_every_repeat_stays_unbound(tmp_path, monkeypatch):
    # 0.0300 after 20 iterations is 40% from L_20 (0.0213584), 1.90000 5.9% from w_20: nothing is
    # near n_b's repeats, so n_b stays NEEDED and 0.0300 is bound to nothing
    text = REPEAT_TEXT.replace("0.02136", "0.0300").replace("1.79332", "1.90000")
    article = _write(tmp_path, monkeypatch, "draft_repeat_far_ref", REPEAT_MODULE, text)
    result = draft(article, "reference.draft_repeat_far_ref:ws", verify=False)
    assert "L_last" not in draft_claims(result) and "n_b" in result.needed
