"""The draft on a program's output read print call by print call (issue 20, `cell_prints`): each
item of an output block is the value of the name its print call printed, a label before it or not
(`print(err)` then `[-0.75  0.25]`), and a name the code updated from itself before printing it
(`w -= lr * dw` then `print("w:", w)`) is the updated value, not the given one. A numpy print of an
array (`[-0.75  0.25]`, no commas) holds its elements' signs.

The text and worksheet are made up for the test; the values are worked by hand in the comments."""

from __future__ import annotations

from helpers import write_article as _write

from gradaudit.draft import draft
from gradaudit.draft.cell_prints import name_printed_items

MODULE = """\
    import jax.numpy as jnp
    from gradaudit import Worksheet, grad, update

    ws = Worksheet("one weight", loss="loss")

    @ws.step
    def pred(w, x):
        return w * x

    @ws.step
    def err(pred, y):
        return pred - y

    @ws.step
    def loss(err):
        return jnp.mean(err ** 2)

    @ws.step(means=grad("loss", wrt="w"))
    def dw(err, x):
        return jnp.mean(2 * err * x)

    @ws.step(means=update("w", lr="lr"), inputs=["w", "lr", "dw"])
    def w_new(w, lr, dw):
        return w - lr * dw
    """

# pred = 0.25 [1, 2] = [0.25, 0.5]; err = pred - [1, 0.25] = [-0.75, 0.25]; loss = (0.5625 + 0.0625)/2
# = 0.3125; dw = (2 (-0.75) 1 + 2 (0.25) 2)/2 = -0.25; w_new = 0.25 - 0.1 (-0.25) = 0.275.
TEXT = """\
    # One weight, by program

    ```python
    import numpy as np
    x = np.array([1.0, 2.0])
    y = np.array([1.0, 0.25])
    w = 0.25
    lr = 0.1
    pred = w * x
    err = pred - y
    print("Predictions:", pred)
    print(err)
    ```

    Output:

    ```
    Predictions: [0.25 0.5 ]
    [-0.75  0.25]
    ```

    ```python
    loss = np.mean(err ** 2)
    dw = np.mean(2 * err * x)
    w -= lr * dw
    print(f"loss = {loss:.4f}")
    print("dw:", dw)
    print("w:", w)
    ```

    ```
    loss = 0.3125
    dw: -0.25
    w: 0.275
    ```
    """


def test_each_output_item_is_the_name_its_print_call_printed(tmp_path, monkeypatch):
    article = _write(tmp_path, monkeypatch, "draft_cell_prints_ref", MODULE, TEXT)
    result = draft(article, "reference.draft_cell_prints_ref:ws", verify=False)
    # `w: 0.275`, printed after `w -= lr * dw`, is no given value: w is the program's 0.25
    assert result.givens == {"x": [1.0, 2.0], "y": [1.0, 0.25], "w": 0.25, "lr": 0.1}
    claims = {o.target: o.number.text for o in result.of_kind("claim")}
    assert {k: v for k, v in claims.items() if k in ("loss", "dw", "w_new")} == {
        "loss": "0.3125",
        "dw": "-0.25",
        "w_new": "0.275",
    }
    # the minus of -0.75 is its sign (0.25 is no operand of a subtraction); `pred` is named by its
    # print call, not by the label `Predictions:` before it
    assert {k: v for k, v in claims.items() if k.startswith(("err", "pred"))} == {
        "pred[0]": "0.25",
        "pred[1]": "0.5",
        "err[0]": "-0.75",
        "err[1]": "0.25",
    }
    assert len(claims) == 7

def test_prints_that_do_not_line_up_with_the_output_are_left_as_printed():
    code = ["```python", "for i in range(2):", "    w -= 0.1", "    print(w)", "```"]
    code += ["```", "0.4", "0.3", "```"]
    assert name_printed_items(code) == code  # a print in a loop: how many lines it printed is unknown
    two = ["```python", "w = 0.5", "print(w)", "print(w)", "```", "```", "0.5", "```"]
    assert name_printed_items(two) == two  # two calls, one item
    ok = ["```python", "w = 0.5", "w = w - 0.1", "print(w)", "```", "Out[2]:", "```", "0.4", "```"]
    assert name_printed_items(ok)[7] == "w(new) = 0.4"
    looped = ["```python", "for i in range(3):", "    w = w - 0.1", "print(w)", "```", "```", "0.2", "```"]
    assert name_printed_items(looped) == looped  # updated in a loop: not the value after one step
