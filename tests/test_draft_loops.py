"""Lines one print statement printed inside a loop are iterations 1, 2, 3 (issue 20: a Q&A answer's
numpy loop prints "thetas are now [...] with new loss of ..." three times): each output line the
print's f-string matches binds its values to the steps of that iteration its placeholders name
(checks/draft/loops.py). Synthetic programs on a made-up worksheet that unrolls three steps, a wrong
number included so the binding comes from the line's place, not its value."""

from __future__ import annotations

import textwrap

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


# The loop's body is longer than 20 lines (the print's place, not a `for` close above it, says it
# runs in the loop), it prints the loss after the update where its words say "loss" (each printed
# loss is the next iteration's value: 5.76 = loss_2, 3.6864 = loss_3, and (1.464 - 3)^2 =
# 2.359296 -> 2.3593), and it prints w again under "g = " (`g = {w:.3f}`, the slip of a print
# statement): a line's place names its iteration and its words the step, whatever value fits.
LONG_BODY = "".join(f"        history_{i}.append(w)\n" for i in range(22))
LATE_PROGRAM = (
    """\
    ```python
    w = 0.0
    lr = 0.1
    for i in range(3):
        old = w
        w = w - lr * slope(w)
"""
    + LONG_BODY
    + """\
        print(f"step {i}: w = {w:.3f}, g = {w:.3f}, loss = {loss(w):.4f}")
    ```

    ```
    step 0: w = 0.600, g = 0.600, loss = 5.7600
    step 1: w = 1.080, g = 1.080, loss = 3.6864
    step 2: w = 1.464, g = 1.464, loss = 2.3593
    ```
    """
)


def test_a_loops_lines_bind_by_place_and_label_whatever_value_they_fit(tmp_path, monkeypatch):
    claims = _claims(_draft(tmp_path, monkeypatch, LATE_PROGRAM))
    got = {k: claims.get(k) for k in ("w_1", "w_2", "w_3", "g_1", "g_2", "g_3", "loss_1", "loss_2", "loss_3")}
    assert got == {
        "w_1": "0.600",
        "w_2": "1.080",
        "w_3": "1.464",
        # printed under "g = ": the step the words name (exact g_1 = -6, g_2 = -4.8, g_3 = -3.84),
        # wrong numbers the runner judges
        "g_1": "0.600",
        "g_2": "1.080",
        "g_3": "1.464",
        # the k-th line is iteration k, though 5.7600 and 3.6864 are loss_2's and loss_3's values
        "loss_1": "5.7600",
        "loss_2": "3.6864",
        "loss_3": "2.3593",
    }


@pytest.mark.parametrize(
    "program, inside",
    [
        (LATE_PROGRAM, True),  # in the loop's body, 22 lines below its `for`
        # in an `if` inside the loop: the block that holds the `if` is the loop's
        (LATE_PROGRAM.replace('        print(f"step', '        if i > 0:\n            print(f"step'), True),
        # after the loop, at its own level: printed once, whatever lines follow
        (LATE_PROGRAM.replace('        print(f"step', '    print(f"step'), False),
        # in a function's body, no loop around it
        (LATE_PROGRAM.replace("    for i in range(3):", "    def train(i):"), False),
    ],
)
def test_a_print_is_in_a_loop_when_a_block_that_holds_it_is_a_loops(program, inside):
    from gradaudit.draft.loops import _in_loop

    lines = textwrap.dedent(program).split("\n")
    (at,) = [k for k, line in enumerate(lines, 1) if "print(" in line]
    assert _in_loop(lines, at) is inside
