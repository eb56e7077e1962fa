"""Sachin860, deep_learing/Untitled.ipynb: backpropagation through time in numpy for a one-unit tanh
RNN over three time steps (text in cases/texts/sachin860_rnn_bptt.txt, the notebook's JSON).

https://github.com/Sachin860/deep_learing/blob/e07cc6dce3ecc850ab94c5faa6def957f7b0f52a/Untitled.ipynb

The cells as steps, in the notebook's names: x = [0.1, 0.2, 0.3], h0 = 0, W_x = W_h = 0.5, b_h = 0,
W_y = 1, b_y = 0, y_true = [0.2, 0.4, 0.6];
- the forward loop: h = tanh(W_x x[t] + W_h h + b_h), y = W_y h + b_y, collected as hidden_states and
  outputs; `y` is the last output the loop leaves (the first cell, run after it, prints it);
- loss = np.mean((outputs - y_true) ** 2) (the mean over the three steps, no 1/2);
- dL_dy = 2 (outputs - y_true) / len(y_true);
- the backward loop over t = 2, 1, 0: dL_dh = dL_dy[t] W_y + dL_dh_next, dL_dh_raw = dL_dh (1 -
  hidden_states[t]^2), dL_dWy += dL_dy[t] hidden_states[t], dL_dby += dL_dy[t], dL_dWx += dL_dh_raw x[t],
  dL_dWh += dL_dh_raw hidden_states[t-1] (h0 at t = 0), dL_dbh += dL_dh_raw, dL_dh_next = dL_dh_raw W_h;
- one step with learning_rate = 0.01: W_x -= learning_rate dL_dWx, and so on for W_h, b_h, W_y, b_y
  (printed under the parameters' own names; here W_x_new ...).

Nothing numeric is inferred. The gradients are declared as the derivatives of `loss`, the updates as
gradient-descent steps on it.
"""

from __future__ import annotations

import jax.numpy as jnp

from gradaudit import Worksheet, grad, update

worked_example = Worksheet("Sachin860: BPTT for a one-unit tanh RNN over three steps (numpy)", loss="loss")
ws = worked_example


# "for t in range(len(x)): h = np.tanh(W_x * x[t] + W_h * h + b_h)"
@ws.step(label="Hidden states")
def hidden_states(x, h0, W_x, W_h, b_h):
    h, out = h0, []
    for t in range(3):
        h = jnp.tanh(W_x * x[t] + W_h * h + b_h)
        out.append(h)
    return jnp.stack(out)


# "y = W_y * h + b_y", collected as outputs
@ws.step(label="Outputs")
def outputs(hidden_states, W_y, b_y):
    return W_y * hidden_states + b_y


# "print(y)" in the first cell, run after the forward loop: its last y
@ws.step(label="y")
def y(outputs):
    return outputs[2]


# "loss = np.mean((outputs - y_true) ** 2)"
@ws.step(label="Loss")
def loss(outputs, y_true):
    return jnp.mean((outputs - y_true) ** 2)


# "dL_dy = 2 * (outputs - y_true) / len(y_true)"
@ws.step(label="dL_dy", means=grad("loss", wrt="outputs"))
def dL_dy(outputs, y_true):
    return 2 * (outputs - y_true) / 3


def _backward(dL_dy, hidden_states, x, h0, W_y, W_h):
    """The backward loop, t = 2, 1, 0: the five sums in the order the notebook prints them."""
    sums = [0.0] * 5  # dL_dWy, dL_dby, dL_dWx, dL_dWh, dL_dbh
    dL_dh_next = 0.0
    for t in (2, 1, 0):
        dL_dh = dL_dy[t] * W_y + dL_dh_next
        dL_dh_raw = dL_dh * (1 - hidden_states[t] ** 2)
        previous = hidden_states[t - 1] if t > 0 else h0
        terms = (dL_dy[t] * hidden_states[t], dL_dy[t], dL_dh_raw * x[t], dL_dh_raw * previous, dL_dh_raw)
        sums = [s + term for s, term in zip(sums, terms)]
        dL_dh_next = dL_dh_raw * W_h
    return sums


def _sum(i):
    """The i-th sum of the backward loop, as a step of its own."""

    def one(dL_dy, hidden_states, x, h0, W_y, W_h):
        return _backward(dL_dy, hidden_states, x, h0, W_y, W_h)[i]

    return one


for i, (name, wrt) in enumerate(
    [("dL_dWy", "W_y"), ("dL_dby", "b_y"), ("dL_dWx", "W_x"), ("dL_dWh", "W_h"), ("dL_dbh", "b_h")]
):
    ws.step(_sum(i), name=name, label=name, group="gradients", means=grad("loss", wrt=wrt))


def _step(old, learning_rate, gradient):
    """ "W_x -= learning_rate * dL_dWx"."""
    return old - learning_rate * gradient


for old, gradient in [
    ("W_x", "dL_dWx"),
    ("W_h", "dL_dWh"),
    ("b_h", "dL_dbh"),
    ("W_y", "dL_dWy"),
    ("b_y", "dL_dby"),
]:
    ws.step(
        _step,
        name=f"{old}_new",
        label=f"{old} (updated)",
        group="updated",
        means=update(old, lr="learning_rate"),
        inputs=[old, "learning_rate", gradient],
    )
