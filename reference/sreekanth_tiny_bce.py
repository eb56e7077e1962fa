"""sreekanth9999, "Understanding Backpropagation: Step-by-Step Gradient Derivation in a Tiny Neural
Network" (Interview_Prep/simple_nn_calculation.md; text in cases/texts/sreekanth_tiny_bce.txt).

https://github.com/sreekanth9999/Interview_Prep/blob/c28eb5d7aadd40084dd792fdcdd8a400c175a814/simple_nn_calculation.md

A 1-1-1 network in the article's notation: z_1 = x w_1, a_1 = ReLU(z_1), z_2 = a_1 w_2, a_2 =
sigmoid(z_2), binary cross-entropy L = -[y log(a_2) + (1 - y) log(1 - a_2)] (never printed); the
chain written as the article writes it: dL/da_2 = a_2 - y, da_2/dz_2 = a_2 (1 - a_2), dL/dz_2 =
their product, dL/dw_2 = dL/dz_2 a_1, dL/da_1 = dL/dz_2 w_2, dL/dz_1 = dL/da_1 ReLU'(z_1), dL/dw_1
= dL/dz_1 x, then one gradient-descent step with eta = 0.1. Every derivative step declares what it
should be; the local derivatives da_2/dz_2 and da_1/dz_1 declare nothing. Every given value is
printed (x = 1.0, w1 = 0.5, w2 = 0.5, y_true = 0.0, learning rate 0.1); nothing is inferred but
the step `one_minus_a2` (the article prints 1 - a_2 = 0.438 inside da_2/dz_2).
"""

from __future__ import annotations

import jax.numpy as jnp

from gradaudit import Worksheet, grad, sigmoid, update

worked_example = Worksheet("sreekanth9999: a tiny ReLU-sigmoid network, binary cross-entropy", loss="L")
ws = worked_example


@ws.step
def z1(x, w1):
    return x * w1


@ws.step
def a1(z1):
    return jnp.maximum(0.0, z1)


@ws.step
def z2(a1, w2):
    return a1 * w2


@ws.step
def a2(z2):
    return sigmoid(z2)


# L = -[y log(a_2) + (1 - y) log(1 - a_2)], y = y_true
@ws.step
def L(y_true, a2):
    return -(y_true * jnp.log(a2) + (1 - y_true) * jnp.log(1 - a2))


# Step 1: "dL/da_2 = a_2 - y"
@ws.step(label="dL/da_2", means=grad("L", wrt="a2"))
def dL_da2(a2, y_true):
    return a2 - y_true


@ws.step(label="1 - a_2")
def one_minus_a2(a2):
    return 1 - a2


# Step 2: "da_2/dz_2 = a_2 (1 - a_2)"
@ws.step(label="da_2/dz_2")
def da2_dz2(a2, one_minus_a2):
    return a2 * one_minus_a2


# Step 3: "dL/dz_2 = dL/da_2 * da_2/dz_2"
@ws.step(label="dL/dz_2", means=grad("L", wrt="z2"))
def dL_dz2(dL_da2, da2_dz2):
    return dL_da2 * da2_dz2


# Step 4: "dL/dw_2 = dL/dz_2 * dz_2/dw_2 = 0.138 * a_1"
@ws.step(label="dL/dw_2", means=grad("L", wrt="w2"))
def dL_dw2(dL_dz2, a1):
    return dL_dz2 * a1


# Step 5: "dL/da_1 = dL/dz_2 * w_2", "da_1/dz_1 = 1", "dL/dz_1 = dL/da_1 * 1", "dL/dw_1 = dL/dz_1 * x"
@ws.step(label="dL/da_1", means=grad("L", wrt="a1"))
def dL_da1(dL_dz2, w2):
    return dL_dz2 * w2


@ws.step(label="da_1/dz_1")
def da1_dz1(z1):
    return jnp.where(z1 > 0, 1.0, 0.0)


@ws.step(label="dL/dz_1", means=grad("L", wrt="z1"))
def dL_dz1(dL_da1, da1_dz1):
    return dL_da1 * da1_dz1


@ws.step(label="dL/dw_1", means=grad("L", wrt="w1"))
def dL_dw1(dL_dz1, x):
    return dL_dz1 * x


# "w_2 = w_2 - eta dL/dw_2", "w_1 = w_1 - eta dL/dw_1", eta = 0.1
@ws.step(label="w_2", means=update("w2", lr="eta"))
def w2_new(w2, eta, dL_dw2):
    return w2 - eta * dL_dw2


@ws.step(label="w_1", means=update("w1", lr="eta"))
def w1_new(w1, eta, dL_dw1):
    return w1 - eta * dL_dw1
