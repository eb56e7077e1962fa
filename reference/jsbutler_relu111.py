"""john-s-butler-dit, "One Node Back Propagation ReLU" (a course notebook,
`Chapter 09 - UAT/901_Simple Back Propagation ReLU.ipynb` of github.com/john-s-butler-dit/NM_ML_DE_source,
commit 4e56d2f; text in cases/texts/jsbutler_relu111.txt).

In the notebook's notation: input x = 1, target y_target = 3, hidden weight w = 0.5, bias b = 0.2,
output weight v = 0.3, bias c = 0.1, learning_rate = 0.01; per iteration
h = max(0, w x + b), y_pred = v h + c, cost = 0.5 (y_pred - y_target)^2, dy = y_pred - y_target,
dv = dy h, dc = dy, dh = dy v, dw = x dh and db = dh when w x + b > 0 (else 0), then every parameter
p <- p - learning_rate dp. Ten iterations (i = 0..9).

Repetition: the loop is unrolled (DESIGN.md section 2, "Repetition"); the suffix k = i + 1 counts the
updates: cost_k and y_pred_k are computed at the parameters after k - 1 updates (the givens for k = 1),
w_k, b_k, v_k, c_k are the parameters after update k, as the loop prints them after "Trained
Parameters:". The printed "c" is v (`c = {v:.2f}`); the worksheet computes c as the loop does.
"""

from __future__ import annotations

import jax.numpy as jnp

from gradaudit import Worksheet, grad, update

ROUNDS = 10

worksheet = Worksheet("john-s-butler-dit: one ReLU node, linear output, ten iterations", loss="cost_1")
ws = worksheet


def h(w, x, b):
    """ "h = max(0, w * x + b)  # ReLU activation"."""
    return jnp.maximum(0.0, w * x + b)


def y_pred(v, h, c):
    """ "y_pred = v * h + c"."""
    return v * h + c


def cost(y_pred, y_target):
    """ "cost = 0.5 * (y_pred - y_target)**2"."""
    return 0.5 * (y_pred - y_target) ** 2


def dy(y_pred, y_target):
    """ "dy = (y_pred - y_target)"."""
    return y_pred - y_target


def times(a, b):
    """ "dv = dy*h", "dh = dy*v"."""
    return a * b


def same(a):
    """ "dc = dy*1"."""
    return a


def gated(a, dh, h):
    """ "if w * x + b > 0: dw = x * dh; db = dh / else: dw = 0; db = 0" (h > 0 exactly when
    w x + b > 0; x is a for dw, 1 for db)."""
    return jnp.where(h > 0, a * dh, 0.0)


def gated_db(dh, h):
    """ "db = dh" when w x + b > 0, else 0."""
    return jnp.where(h > 0, dh, 0.0)


def descend(p, learning_rate, g):
    """ "w =w- learning_rate * dw" (and b, v, c)."""
    return p - learning_rate * g


def _params(k):
    return ("w", "b", "v", "c") if k == 0 else (f"w_{k}", f"b_{k}", f"v_{k}", f"c_{k}")


for k in range(1, ROUNDS + 1):
    w0, b0, v0, c0 = _params(k - 1)
    loss = f"cost_{k}"
    ws.step(h, name=f"h_{k}", label="h", inputs=[w0, "x", b0])
    ws.step(y_pred, name=f"y_pred_{k}", label="Predicted Output", inputs=[v0, f"h_{k}", c0])
    ws.step(cost, name=loss, label="Cost", inputs=[f"y_pred_{k}", "y_target"])
    dy_means = grad(loss, wrt=f"y_pred_{k}")
    ws.step(dy, name=f"dy_{k}", label="dy", means=dy_means, inputs=[f"y_pred_{k}", "y_target"])
    ws.step(times, name=f"dv_{k}", label="dv", means=grad(loss, wrt=v0), inputs=[f"dy_{k}", f"h_{k}"])
    ws.step(same, name=f"dc_{k}", label="dc", means=grad(loss, wrt=c0), inputs=[f"dy_{k}"])
    ws.step(times, name=f"dh_{k}", label="dh", means=grad(loss, wrt=f"h_{k}"), inputs=[f"dy_{k}", v0])
    ws.step(gated, name=f"dw_{k}", label="dw", means=grad(loss, wrt=w0), inputs=["x", f"dh_{k}", f"h_{k}"])
    ws.step(gated_db, name=f"db_{k}", label="db", means=grad(loss, wrt=b0), inputs=[f"dh_{k}", f"h_{k}"])
    for p0, p in zip(_params(k - 1), _params(k), strict=True):
        g = f"d{p0[0]}_{k}"
        ws.step(
            descend,
            name=p,
            label=p0[0],
            group=f"parameters_{k}",
            means=update(p0, lr="learning_rate", loss=loss),
            inputs=[p0, "learning_rate", g],
        )
