"""MihirSaiDudekula, VIsem_Labs/DLP2.md: a softmax + categorical cross-entropy step worked by hand
(text in cases/texts/mihirsai_softmax_ce.txt).

https://github.com/MihirSaiDudekula/VIsem_Labs/blob/2cdbbffc4566660a3dd296ce268a6f7af5193ba4/DLP2.md

One sample X = [[1.0, 2.0]] through a linear layer without bias, logits = X · W (W is 2 x 3, "2
features -> 3 classes"), a softmax computed the stable way (subtract the max, exponentiate, sum,
divide), the categorical cross-entropy Loss = -sum y_true log(y_pred) with y_true = [0, 1, 0], then
grad = y_pred - y_true, "W update" = X^T · grad and Delta W = -0.1 · W update ("If learning rate =
0.1"). The steps follow the article's five sections in its order and names; X is the row [1.0, 2.0]
(the article's one-sample matrix as a vector), so X^T · grad is an outer product.

Steps added to hold numbers the article prints inside its expressions: `terms_x1` and `terms_x2`,
the products 1 * W[0, :] and 2 * W[1, :] it writes out ("0.2 - 1.0 & -0.3 + 1.4 & 0.5 - 0.4"), of
which the logits are the sum, and `logits_max`, the max it subtracts ("- 1.1"). Nothing numeric is
inferred; the loss's log is the natural one (-log(0.659) = 0.417 is printed).
"""

from __future__ import annotations

import jax.numpy as jnp

from gradaudit import Worksheet, change, grad

worked_example = Worksheet(
    "MihirSaiDudekula: softmax + cross-entropy on one sample, 2 features -> 3 classes", loss="loss"
)
ws = worked_example


# 1. Forward pass: "Logits = X · W", written out as (1*0.2 + 2*(-0.5)) ... = [0.2 - 1.0 ...]
@ws.step(label="1 * W[0, :]")
def terms_x1(X, W):
    return X[0] * W[0]


@ws.step(label="2 * W[1, :]")
def terms_x2(X, W):
    return X[1] * W[1]


@ws.step(label="logits")
def logits(terms_x1, terms_x2):
    return terms_x1 + terms_x2


# 2. Softmax: "subtract max for numerical stability", exponentiate, sum, divide
@ws.step(label="max")
def logits_max(logits):
    return jnp.max(logits)


@ws.step(label="logits - max")
def shifted(logits, logits_max):
    return logits - logits_max


@ws.step(label="exp")
def exps(shifted):
    return jnp.exp(shifted)


@ws.step(label="sum")
def total(exps):
    return jnp.sum(exps)


@ws.step(label="y_pred", aka=["softmax"])
def y_pred(exps, total):
    return exps / total


# 3. "Loss = -sum y_true · log(y_pred)"
@ws.step(label="Loss")
def loss(y_true, y_pred):
    return -jnp.sum(y_true * jnp.log(y_pred))


# 4. "grad = y_pred - y_true"
@ws.step(label="grad", means=grad("loss", wrt="logits"))
def grad_logits(y_pred, y_true):
    return y_pred - y_true


# 5. "W update = X^T · grad"; "If learning rate = 0.1: Delta W = -0.1 · W update"
@ws.step(label="W update", means=grad("loss", wrt="W"))
def W_update(X, grad_logits):
    return jnp.outer(X, grad_logits)


@ws.step(label="ΔW", aka=["Delta W"], means=change("W", lr="lr"))
def delta_W(lr, W_update):
    return -lr * W_update
