"""StudyX homework answer: ten gradient-descent updates of f(x1, x2) = x1^2 + 3 x2 + 25.

Source: https://studyx.ai/homework/102235312-... (a homework Q&A page; the answer is the site's
"Basic Answer", machine-written; text in cases/texts/studyx_gd_ten_updates.txt).

In the answer's notation: f(x1, x2) = x1^2 + 3 x2 + 25, gradient (2 x1, 3) ("Step 1"), start
(x1, x2) = (0, 0), eta = 1 ("Step 2"), update x_i = x_i - eta * df/dx_i for i = 1, 2 ("Step 3"),
ten iterations ("Step 4"), each row printing the current point inside the update expressions and
the gradient (0, 3).

Repetition: the ten updates are the same four steps written ten times (the iteration number k is
a suffix: g1_k, g2_k are the gradient used by update k, x1_k, x2_k the point after it; the
start is the given x1, x2). They are unrolled here because the worksheet vocabulary has no
declared repetition (DESIGN.md section 2, "Repetition"); INFERRED: that each update uses the
gradient at the point before it (both coordinates updated together), as "x_i = x_i - eta df/dx_i"
and the table's rows say. f_k is f at the point before update k, the loss each update descends.
"""

from __future__ import annotations

from gradaudit import Worksheet, grad, update

ROUNDS = 10

worked_example = Worksheet("StudyX: gradient descent on x1^2 + 3 x2 + 25, ten updates", loss="f_1")
ws = worked_example


def f(x1, x2):
    """ "f(x1, x2) = x1^2 + 3 x2 + 25"."""
    return x1**2 + 3 * x2 + 25


def df_dx1(x1):
    """ "the gradient ... is (2 x1, 3)": its first component."""
    return 2 * x1


def df_dx2(x2):
    """The second component, the constant 3 (x2 is its argument only so that the step sits at the
    point it is evaluated at; it does not depend on it)."""
    return 3 + 0 * x2


def descend(x, eta, g):
    """ "x_i = x_i - eta * df/dx_i"."""
    return x - eta * g


def _point(k):
    return ("x1", "x2") if k == 0 else (f"x1_{k}", f"x2_{k}")


for k in range(1, ROUNDS + 1):
    a, b = _point(k - 1)
    loss = f"f_{k}"
    ws.step(f, name=loss, label="f", inputs=[a, b])
    ws.step(
        df_dx1, name=f"g1_{k}", label="df/dx1", group=f"gradient_{k}", means=grad(loss, wrt=a), inputs=[a]
    )
    ws.step(
        df_dx2, name=f"g2_{k}", label="df/dx2", group=f"gradient_{k}", means=grad(loss, wrt=b), inputs=[b]
    )
    ws.step(
        descend,
        name=f"x1_{k}",
        label="x1",
        group=f"point_{k}",
        means=update(a, lr="eta", loss=loss),
        inputs=[a, "eta", f"g1_{k}"],
    )
    ws.step(
        descend,
        name=f"x2_{k}",
        label="x2",
        group=f"point_{k}",
        means=update(b, lr="eta", loss=loss),
        inputs=[b, "eta", f"g2_{k}"],
    )
