"""Unnamed author, "Backpropagation (What, How, Why + Examples)": course-style notes in GitHub
Markdown (a public GitHub file whose repository the code index did not name: index id 23049349757;
text in cases/texts/whathowwhy_bp221.txt), sections 7 and 8: two worked examples on the notes' 2-2-1
network, one gradient-descent step each.

The notes' notation (section 5): x in R^2, z1 = W1 x + b1, a1 = phi(z1), z2 = W2 a1 + b2,
y_hat = g(z2); W1 is 2 x 2 (row i: hidden unit i), W2 is 1 x 2 (taken here as a vector of two, b2 a
number). Section 6's cheat sheet: delta2 = y_hat - y for every loss, dL/dW2 = delta2 a1^T,
dL/db2 = delta2, delta1 = (W2^T delta2) (.) phi'(z1), dL/dW1 = delta1 x^T, dL/db1 = delta1, and
W := W - eta dL/dW, b := b - eta dL/db.

`regression` (section 7): linear hidden and output units, L = (y_hat - y)^2 (no 1/2), eta = 0.1.
The notes take the cheat sheet's delta2 = y_hat - y, which is the derivative of (y_hat - y)^2 / 2:
the worksheet computes delta2 as the notes write it and says by `means=` what it is meant to be
(dL/dz2), so the formula rows show the slip; every step after it uses the notes' delta2.

`classification` (section 8): sigmoid hidden and output units, L = -[y log y_hat + (1 - y)
log(1 - y_hat)], eta = 0.1; here delta2 = y_hat - y is dL/dz2. The notes print sigma'(z1) =
a1 (.) (1 - a1) and W2^T delta2 as steps of their own (`sigma_prime`, `W2T_delta2`).
"""

from __future__ import annotations

import jax.numpy as jnp

from gradaudit import Worksheet, grad, update

regression = Worksheet("What, How, Why: 2-2-1 linear units, L = (y_hat - y)^2, one step", loss="L")
classification = Worksheet("What, How, Why: 2-2-1 sigmoid units, BCE, one step", loss="L")


def hidden_net(W1, x, b1):
    """ "z1 = W1 x + b1"."""
    return W1 @ x + b1


def output_net(W2, a1, b2):
    """ "z2 = W2 a1 + b2"."""
    return jnp.dot(W2, a1) + b2


def identity(z):
    """ "a1 = z1" (linear hidden units), "ŷ = 0.04" (linear output)."""
    return z


def squared_error(y_hat, y):
    """ "L = (ŷ - y)²"."""
    return (y_hat - y) ** 2


def cross_entropy(y_hat, y):
    """ "L = -[ y log(ŷ) + (1-y) log(1-ŷ) ]"."""
    return -(y * jnp.log(y_hat) + (1 - y) * jnp.log(1 - y_hat))


def output_error(y_hat, y):
    """ "δ2 = ŷ - y"."""
    return y_hat - y


def outer_grad(delta, inputs):
    """ "∂L/∂W2 = δ2 a1ᵀ", "∂L/∂W1 = δ1 xᵀ"."""
    return delta * inputs if jnp.ndim(delta) == 0 else jnp.outer(delta, inputs)


def same(delta):
    """ "∂L/∂b2 = δ2", "∂L/∂b1 = δ1"."""
    return delta


def back_linear(W2, delta2):
    """ "δ1 = (W2ᵀ δ2) ⊙ 1" (linear hidden units: φ'(z1) = 1)."""
    return W2 * delta2


def back_weights(W2, delta2):
    """ "(W2ᵀ δ2)"."""
    return W2 * delta2


def sigmoid(z):
    """ "σ(z1)", "σ(z2)": the logistic function."""
    return 1 / (1 + jnp.exp(-z))


def sigmoid_slope(a1):
    """ "σ'(z1) = a1 ⊙ (1 - a1)"."""
    return a1 * (1 - a1)


def elementwise(a, b):
    """ "δ1 = (W2ᵀ δ2) ⊙ σ'(z1)"."""
    return a * b


def descend(p, eta, g):
    """ "W := W - η * ∂L/∂W", "b := b - η * ∂L/∂b"."""
    return p - eta * g


def _backward_and_updates(ws, delta1_step):
    """The steps both examples share after δ2 and δ1: the gradients and the four updates."""
    ws.step(outer_grad, name="dL_dW2", label="∂L/∂W2", means=grad("L", wrt="W2"), inputs=["delta2", "a1"])
    ws.step(same, name="dL_db2", label="∂L/∂b2", means=grad("L", wrt="b2"), inputs=["delta2"])
    delta1_step()
    ws.step(outer_grad, name="dL_dW1", label="∂L/∂W1", means=grad("L", wrt="W1"), inputs=["delta1", "x"])
    ws.step(same, name="dL_db1", label="∂L/∂b1", means=grad("L", wrt="b1"), inputs=["delta1"])
    for p in ("W2", "b2", "W1", "b1"):
        ws.step(
            descend,
            name=f"{p}_new",
            label=p,
            means=update(p, lr="eta"),
            inputs=[p, "eta", f"dL_d{p}"],
        )


# Section 7: "Worked example #1 — Regression with MSE (numbers shown)"
ws = regression
ws.step(hidden_net, name="z1", label="z1", inputs=["W1", "x", "b1"])
ws.step(identity, name="a1", label="a1", inputs=["z1"])
ws.step(output_net, name="z2", label="z2", inputs=["W2", "a1", "b2"])
ws.step(identity, name="y_hat", label="ŷ", inputs=["z2"])
ws.step(squared_error, name="L", label="L", inputs=["y_hat", "y"])
# "Output error: `δ2 = ŷ - y = -0.96`": the cheat sheet's delta2, half of dL/dz2 for this L
ws.step(output_error, name="delta2", label="δ2", means=grad("L", wrt="z2"), inputs=["y_hat", "y"])
_backward_and_updates(
    ws,
    lambda: ws.step(
        back_linear, name="delta1", label="δ1", means=grad("L", wrt="z1"), inputs=["W2", "delta2"]
    ),
)


# Section 8: "Worked example #2 — Binary classification with BCE + sigmoid"
ws = classification
ws.step(hidden_net, name="z1", label="z1", inputs=["W1", "x", "b1"])
ws.step(sigmoid, name="a1", label="a1", inputs=["z1"])
ws.step(output_net, name="z2", label="z2", inputs=["W2", "a1", "b2"])
ws.step(sigmoid, name="y_hat", label="ŷ", inputs=["z2"])
ws.step(cross_entropy, name="L", label="L", inputs=["y_hat", "y"])
ws.step(output_error, name="delta2", label="δ2", means=grad("L", wrt="z2"), inputs=["y_hat", "y"])


def _delta1_sigmoid():
    ws.step(sigmoid_slope, name="sigma_prime", label="σ'(z1)", inputs=["a1"])
    ws.step(
        back_weights, name="W2T_delta2", label="(W2ᵀ δ2)", means=grad("L", wrt="a1"), inputs=["W2", "delta2"]
    )
    ws.step(
        elementwise,
        name="delta1",
        label="δ1",
        means=grad("L", wrt="z1"),
        inputs=["W2T_delta2", "sigma_prime"],
    )


_backward_and_updates(ws, _delta1_sigmoid)
