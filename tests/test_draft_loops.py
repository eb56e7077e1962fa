"""Lines one print statement printed inside a loop are iterations 1, 2, 3 (issue 20: a Q&A answer's
numpy loop prints "thetas are now [...] with new loss of ..." three times): each output line the
print's f-string matches binds its values to the steps of that iteration its placeholders name
(checks/draft/loops.py). Synthetic programs on a made-up worksheet that unrolls three steps, a wrong
number included so the binding comes from the line's place, not its value."""

from __future__ import annotations

import pytest
from helpers import draft_claims as _claims
from helpers import write_article

from gradaudit.draft import draft

MODULE = """\
    from gradaudit import Worksheet, grad, update

    ws = Worksheet("three steps of gradient descent on (w - 3)^2", loss="loss_1")

    def loss(w):
        return (w - 3.0) ** 2

    def slope(w):
        return 2.0 * (w - 3.0)

    def step(w, lr, g):
        return w - lr * g

    for k in (1, 2, 3):
        before = "w" if k == 1 else f"w_{k - 1}"
        ws.step(loss, name=f"loss_{k}", label="loss", inputs=[before])
        ws.step(slope, name=f"g_{k}", label="g", means=grad(f"loss_{k}", wrt=before), inputs=[before])
        inputs = [before, "lr", f"g_{k}"]
        ws.step(step, name=f"w_{k}", label="w", means=update(before, lr="lr"), inputs=inputs)
    """
# w = 0, lr = 0.1: loss_1 = 9, w_1 = 0 - 0.1 * (-6) = 0.6; loss_2 = 2.4^2 = 5.76, w_2 = 0.6 + 0.48 =
# 1.08; loss_3 = 1.92^2 = 3.6864, w_3 = 1.08 + 0.384 = 1.464. Iteration 2's loss is printed 5.67
# below (a made-up digit swap). The words print "theta", not "w": "w is now 0.6" would be read as
# the given w in prose (a reading of its own, not this test's).
PROGRAM = """\
    ```python
    w = 0.0
    lr = 0.1
    for _ in range(3):
        old = w
        w = w - lr * slope(w)
        print(f'theta is now {w} with a loss of {loss(old)}')
    ```

    Output:

    ```
    theta is now 0.6 with a loss of 9.0
    theta is now 1.08 with a loss of 5.67
    theta is now 1.464 with a loss of 3.6864
    ```
    """


def _draft(tmp_path, monkeypatch, text: str):
    article = write_article(tmp_path, monkeypatch, "loop_ref", MODULE, text)
    return draft(article, "reference.loop_ref:ws", verify=False)


@pytest.mark.parametrize("unindented", [False, True])
def test_each_line_of_a_print_in_a_loop_is_its_iteration(tmp_path, monkeypatch, unindented):
    # `unindented`: a page that lost the loop's indentation (as a stored Q&A page does)
    text = PROGRAM
    if unindented:
        for line in ("old = w", "w = w - lr", "print(f"):
            text = text.replace("        " + line, "    " + line)
    claims = _claims(_draft(tmp_path, monkeypatch, text))
    assert {k: claims.get(k) for k in ("w_1", "w_2", "w_3", "loss_1", "loss_2", "loss_3")} == {
        "w_1": "0.6",
        "w_2": "1.08",
        "w_3": "1.464",
        "loss_1": "9.0",
        "loss_2": "5.67",
        "loss_3": "3.6864",
    }


def test_one_printout_outside_a_loop_is_not_read_as_iterations(tmp_path, monkeypatch):
    # no `for` or `while` above the print: its one line names no iteration (the wrong 5.67 binds nothing)
    text = PROGRAM.replace("    for _ in range(3):\n", "").replace(
        "    theta is now 0.6 with a loss of 9.0\n", ""
    ).replace("    theta is now 1.464 with a loss of 3.6864\n", "")
    claims = _claims(_draft(tmp_path, monkeypatch, text))
    assert "loss_2" not in claims and "loss_1" not in claims, claims
