"""Two small readings of an expression (issue 20), each on a synthetic text: the numbers that compute
an operand which is itself a step (`(0.9 - 0.4)^2 = 0.5^2 = 0.25`: 0.9 and 0.4 are the residual's
operands, checks/draft/nested.py), and LaTeX spacing inside a label (`New\\ Weight`, notation.py).
The values are worked by hand in the comments."""

from __future__ import annotations

from helpers import draft_claims
from helpers import write_article as _write

from gradaudit.draft import draft
from gradaudit.draft.notation import normalise_line

MODULE = """\
    from gradaudit.core.vocab import Worksheet, grad, update

    ws = Worksheet("nested", loss="E")
    ws.step(lambda w, x: w * x, name="out", label="out")
    ws.step(lambda out, t: out - t, name="gap", label="gap")
    ws.step(lambda gap: gap**2, name="E")
    ws.step(lambda gap, x: 2 * gap * x, name="dE_dw", label="dE/dw", means=grad("E", wrt="w"))
    ws.step(lambda w, lr, dE_dw: w - lr * dE_dw, name="w_new", label="Updated Weight",
            means=update("w", lr="lr"))
    """

# w = 0.3, x = 3, t = 0.4, lr = 0.05: out = 0.9, gap = 0.5, E = 0.25, dE/dw = 2 x 0.5 x 3 = 3.0,
# w_new = 0.3 - 0.05 x 3.0 = 0.15.
TEXT = """\
    # A neuron
    We take w = 0.3, x = 3, t = 0.4 and a learning rate lr = 0.05.
    $$out = 0.3 \\times 3 = 0.9$$
    $$E = (0.9 - 0.4)^2 = 0.5^2 = 0.25$$
    $$dE/dw = 2 \\times 0.5 \\times 3 = 3.0$$
    $$Updated\\ Weight = 0.3 - 0.05 \\times 3.0 = 0.15$$
    """


def _at(result, line, text):
    return next(o for o in result.outcomes if o.number.line == line and o.number.text == text)


def test_the_numbers_before_an_operand_that_is_a_step_are_its_operands(tmp_path, monkeypatch):
    article = _write(tmp_path, monkeypatch, "nested_ref", MODULE, TEXT)
    result = draft(article, "reference.nested_ref:ws")
    # 0.5 is E's input gap (no label prints gap elsewhere: its claim); 0.9 and 0.4 computed it
    assert draft_claims(result)["gap"] == "0.5" and draft_claims(result)["E"] == "0.25"
    for text, inp in (("0.9", "out"), ("0.4", "t")):
        o = _at(result, 4, text)
        assert (o.kind, o.target, o.input) == ("operand", "gap", inp), o
    assert "gap:" in result.yaml and "operands: {out: 0.9, t: 0.4}" in result.yaml.replace("'", "")
    rows = {r.quantity: r.verdict for r in result.run.rows if r.kind == "claim"}
    assert rows["gap"] == "ok" and rows["E"] == "ok"


def test_a_number_that_fits_two_inner_inputs_stays_unbound(tmp_path, monkeypatch):
    # t = 0.9 (so gap = 0.9 - 0.9 = 0, printed 0.0): each 0.9 fits both out and t, so neither is bound
    text = TEXT.replace("t = 0.4", "t = 0.9")
    text = text.replace("(0.9 - 0.4)^2 = 0.5^2 = 0.25", "(0.9 - 0.9)^2 = 0.0^2 = 0.0")
    article = _write(tmp_path, monkeypatch, "nested_ref", MODULE, text)
    result = draft(article, "reference.nested_ref:ws", verify=False)
    nines = [o for o in result.outcomes if o.number.line == 4 and o.number.text == "0.9"]
    assert len(nines) == 2 and all(o.kind != "operand" for o in nines), nines


def test_latex_spacing_is_a_space_and_a_label_of_two_words_names_its_step(tmp_path, monkeypatch):
    assert normalise_line("$New\\ Weight = 1$").strip() == "Weight(new) = 1"
    assert normalise_line("a = 1\\,\\quad b = 2") == "a = 1        b = 2"
    matrix = "\\begin{bmatrix} 1 \\\\ 2 \\end{bmatrix}"  # a row break is no spacing
    assert normalise_line(matrix) == matrix
    article = _write(tmp_path, monkeypatch, "nested_ref", MODULE, TEXT)
    result = draft(article, "reference.nested_ref:ws", verify=False)
    o = _at(result, 6, "0.15")
    # `Updated Weight` reads `Weight(new)`, the label `Updated Weight` goes by that spelling too
    assert (o.kind, o.target) == ("claim", "w_new") and "Weight(new) names w_new" in o.reason, o
    assert _at(result, 6, "0.05").input == "lr"


# Two weights on equal inputs (x1 = x2 = 1) take the same change: dw1 = dw2 = 0.1 x 0.25 x 1 =
# 0.025; w1(new) = 0.5 - 0.025 = 0.475, w2(new) = 0.2 - 0.025 = 0.175.
TWIN_MODULE = """\
    from gradaudit.core.vocab import Worksheet

    ws = Worksheet("two weights, one gradient", loss="w1_new")

    def change(lr, g, x):
        return lr * g * x

    ws.step(change, name="dw1", label="dw1", inputs=["lr", "g", "x1"])
    ws.step(lambda w1, dw1: w1 - dw1, name="w1_new", label="w1(new)")
    ws.step(change, name="dw2", label="dw2", inputs=["lr", "g", "x2"])
    ws.step(lambda w2, dw2: w2 - dw2, name="w2_new", label="w2(new)")
    """
TWIN_TEXT = """\
    We take w1 = 0.5, w2 = 0.2, x1 = 1, x2 = 1, g = 0.25 and lr = 0.1.

    w1(new) = 0.5 - 0.1 * 0.25 * 1 = 0.5 - 0.025 = 0.475

    w2(new) = 0.2 - 0.025 = 0.175
    """


def test_a_value_worked_out_above_and_used_again_as_an_operand_is_no_claim_of_its_own(tmp_path, monkeypatch):
    # dw1's 0.025 is worked out (0.1 * 0.25 * 1 before it): dw1's claim. w2(new)'s 0.025 is that
    # value used again (nothing works it out there): the operand w2_new<-dw2, not a claim of dw2.
    article = _write(tmp_path, monkeypatch, "twin_ref", TWIN_MODULE, TWIN_TEXT)
    result = draft(article, "reference.twin_ref:ws", verify=False)
    assert draft_claims(result) == {"dw1": "0.025", "w1_new": "0.475", "w2_new": "0.175"}
    ops = {(o.target, o.input): o.text for o in result.of_kind("operand")}
    assert ops[("w2_new", "dw2")] == "0.025", ops
    # steps of two functions and no group are no siblings: the same 0.025 is dw2's own printing
    unrelated = TWIN_MODULE.replace(
        'ws.step(change, name="dw2", label="dw2", inputs=["lr", "g", "x2"])',
        'ws.step(lambda lr, g, x2: g * x2 * lr, name="dw2", label="dw2")',
    )
    article = _write(tmp_path, monkeypatch, "twin_apart_ref", unrelated, TWIN_TEXT)
    assert draft_claims(draft(article, "reference.twin_apart_ref:ws", verify=False))["dw2"] == "0.025"
    # worked out again on its own line, it is dw2's claim too
    worked = TWIN_TEXT.replace("0.2 - 0.025 = 0.175", "0.2 - 0.1 * 0.25 * 1 = 0.2 - 0.025 = 0.175")
    article = _write(tmp_path, monkeypatch, "twin_ref", TWIN_MODULE, worked)
    assert draft_claims(draft(article, "reference.twin_ref:ws", verify=False))["dw2"] == "0.025"
    # printed only as w2(new)'s operand, with nothing above that prints it, it is dw2's claim
    alone = TWIN_TEXT.replace("w1(new) = 0.5 - 0.1 * 0.25 * 1 = 0.5 - 0.025 = 0.475\n", "")
    article = _write(tmp_path, monkeypatch, "twin_ref", TWIN_MODULE, alone)
    assert draft_claims(draft(article, "reference.twin_ref:ws", verify=False)) == {
        "dw2": "0.025",
        "w2_new": "0.175",
    }
