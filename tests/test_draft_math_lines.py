"""The draft on a line of math that spells a program's call (issue 20): `$np.mean(v - \\hat{v}) = ...$`
is math, not program text, so its numbers are printed values and its call the label of a step; and
an operand that is also the value of a given its step is computed from (`4` for v - v^ = 4 - 0)
prints that given as much as the step, so it stays an operand rather than becoming the step's claim.

The text and worksheet are made up for the test; the values are worked by hand in the comments."""

from __future__ import annotations

from helpers import write_article as _write

from gradaudit.draft import draft

MODULE = """\
    from gradaudit import Worksheet

    ws = Worksheet("a mean of residuals", loss="d")
    for p in "pq":
        ws.step(lambda w, u, c: w * u + c, name=f"vhat_{p}", label="\\\\hat{v}", inputs=["w", f"u_{p}", "c"])
        ws.step(lambda v, vh: v - vh, name=f"r_{p}", label="v-\\\\hat{v}", inputs=[f"v_{p}", f"vhat_{p}"])
    ws.step(lambda a, b: (a + b) / 2, name="mean_r", label="np.mean(v - \\\\hat{v})", inputs=["r_p", "r_q"])
    ws.step(lambda m: -2 * m, name="d", label="d", inputs=["mean_r"])
    """

# w = c = 0: vhat = 0, r_p = 4 - 0 = 4, r_q = 6 - 0 = 6; mean_r = (4 + 6) / 2 = 5; d = -2 (5) = -10
TEXT = """\
    We start from w = 0 and c = 0, with u_p = 1, u_q = 2, v_p = 4 and v_q = 6.

    $np.mean(v - \\hat{v}) = \\frac{4+6}{2} = 5$

    $d = -2 \\times 5 = -10$
    """


def test_a_math_line_that_spells_a_call_names_its_step(tmp_path, monkeypatch):
    article = _write(tmp_path, monkeypatch, "draft_math_ref", MODULE, TEXT)
    result = draft(article, "reference.draft_math_ref:ws", verify=False)
    claims = {o.target: o for o in result.of_kind("claim")}
    assert {k: o.number.text for k, o in claims.items()} == {"mean_r": "5", "d": "-10"}
    assert claims["mean_r"].number.line == 3  # its own line, not d's operand on line 5
    # 4 and 6 are r_p and r_q as much as the givens v_p and v_q: operands of mean_r, no claims
    on_line_3 = {o.number.text: (o.kind, o.target, o.input) for o in result.outcomes if o.number.line == 3}
    assert on_line_3["4"] == ("operand", "mean_r", "r_p") and on_line_3["6"] == ("operand", "mean_r", "r_q")
