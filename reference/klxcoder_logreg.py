"""klxcoder, "Logistic regression example" (week3/01.md of github.com/klxcoder/learn-machine-learning,
commit f6bcd59; text in cases/texts/klxcoder_logreg.txt).

Logistic regression on one data point, in the notes' notation: x = 2 (hours studied), y = 1 (pass),
weight w = 0.5, bias b = -1; z = w * x + b, p = sigma(z) = 1 / (1 + e^{-z}), binary cross-entropy
loss(p, y) = -(y log(p) + (1 - y) log(1 - p)); the chain rule in five steps (d(loss)/dp, dp/dz,
d(loss)/dz, d(loss)/dw with dz/dw = x, d(loss)/db with dz/db = 1) and one update of w and b with
learning rate alpha = 0.1.

Wired the way the notes compute: "0.5 * 2 + (-1) = 1 + (-1) = 0" prints the product w * x as a step
of its own, and the sigmoid is evaluated through its pieces ("\\frac{1}{1+e^{0}} = \\frac{1}{1+1} =
\\frac{1}{2} = 0.5"): e^{-z}, the denominator 1 + e^{-z}, its reciprocal. dp/dz and dz/dw, dz/db are
local derivatives (not derivatives of the loss): steps without a declared meaning. dz/db = 1 is a
constant; it takes b as its argument only so that it sits in the graph (it does not depend on it).
Nothing is INFERRED.
"""

from __future__ import annotations

import jax.numpy as jnp

from gradaudit import Worksheet, grad, update

worked_example = Worksheet("klxcoder: logistic regression on one point, one step (alpha = 0.1)", loss="loss")
ws = worked_example


@ws.step(label="w * x")
def wx(w, x):
    """ "z=w * x + b = 0.5 * 2 + (-1) = 1 + (-1) = 0": the product."""
    return w * x


@ws.step
def z(wx, b):
    """ "= 1 + (-1) = 0"."""
    return wx + b


@ws.step(label="e^{-z}")
def e_neg_z(z):
    """ "\\frac{1}{1+e^{0}} = \\frac{1}{1+1}"."""
    return jnp.exp(-z)


@ws.step(label="1+e^{-z}")
def denom(e_neg_z):
    """ "= \\frac{1}{2}"."""
    return 1 + e_neg_z


@ws.step
def p(denom):
    """ "p = σ(z) = \\frac{1}{1+e^{-z}} = ... = \\frac{1}{2} = 0.5"."""
    return 1 / denom


@ws.step
def loss(p, y):
    """ "loss(p, y) = - (y * log(p) + (1 - y) * log(1 - p))", "loss(0.5, 1) ≈ 0.693"."""
    return -(y * jnp.log(p) + (1 - y) * jnp.log(1 - p))


@ws.step(label="d(loss)/dp", means=grad("loss", wrt="p"))
def dloss_dp(p, y):
    """ "\\frac{d(loss)}{dp} = \\frac{1-y}{1-p} - \\frac{y}{p} = -2"."""
    return (1 - y) / (1 - p) - y / p


@ws.step(label="dp/dz")
def dp_dz(p):
    """ "\\frac{dp}{dz} = p * (1 - p) = 0.25" (the sigmoid's derivative)."""
    return p * (1 - p)


@ws.step(label="d(loss)/dz", means=grad("loss", wrt="z"))
def dloss_dz(dloss_dp, dp_dz):
    """ "\\frac{d(loss)}{dz} = \\frac{d(loss)}{dp} * \\frac{dp}{dz} = -0.5" (chain rule)."""
    return dloss_dp * dp_dz


@ws.step(label="dz/dw")
def dz_dw(x):
    """ "\\frac{dz}{dw} = x"."""
    return x


@ws.step(label="d(loss)/dw", means=grad("loss", wrt="w"))
def dloss_dw(dloss_dz, dz_dw):
    """ "\\frac{d(loss)}{dw} = \\frac{d(loss)}{dz} * \\frac{dz}{dw} = -1"."""
    return dloss_dz * dz_dw


@ws.step(label="dz/db")
def dz_db(b):
    """ "\\frac{dz}{db} = 1" (b is its argument only to place it in the graph)."""
    return 1 + 0 * b


@ws.step(label="d(loss)/db", means=grad("loss", wrt="b"))
def dloss_db(dloss_dz, dz_db):
    """ "\\frac{d(loss)}{db} = \\frac{d(loss)}{dz} * \\frac{dz}{db} = -0.5"."""
    return dloss_dz * dz_db


@ws.step(label="w_{new}", means=update("w", lr="alpha"))
def w_new(w, alpha, dloss_dw):
    """ "w_{new} = w_{old} - α * \\frac{d(loss)}{dw} = 0.6"."""
    return w - alpha * dloss_dw


@ws.step(label="b_{new}", means=update("b", lr="alpha"))
def b_new(b, alpha, dloss_db):
    """ "b_{new} = b_{old} - α * \\frac{d(loss)}{db} = -0.95"."""
    return b - alpha * dloss_db
