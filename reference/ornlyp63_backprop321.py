"""OrnlyP63, BackProp/backpropagation.ipynb: one backpropagation step on a 3-2-1 sigmoid network in
numpy (text in cases/texts/ornlyp63_backprop321.txt).

https://github.com/OrnlyP63/BackProp/blob/cddaf16a69355406f1f6ee6f9269a19e813b3c02/backpropagation.ipynb

The notebook's cells as steps, in its names and shapes (row vectors: X is 1 x 3, W1 3 x 2, b1 1 x 2,
W2 2 x 1, b2 and Y 1 x 1): z1 = X.dot(W1) + b1, a1 = sigmoid(z1), z2 = a1.dot(W2) + b2, a2 =
sigmoid(z2); err = Y - a2, gredOut = a2 (1 - a2) err, gredH = a1 (1 - a1) gredOut.dot(W2.T); then
W2 = W2 - learning_rate a1.T.dot(gredOut), b2 = b2 - learning_rate gredOut, W1 = W1 - learning_rate
X.T.dot(gredH), b1 = b1 - learning_rate gredH, with learning_rate = -0.9.

Inferred, never printed: the loss E = 1/2 sum (Y - a2)^2, the one whose -dE/dz2 is a2 (1 - a2)(Y -
a2) (the notebook names no loss; gredOut and gredH are error terms, declared as -dE/dz2 and
-dE/dz1). The update subtracts learning_rate times those error terms, that is, it adds 0.9 times
-dE/dW: a gradient-descent step of size 0.9 written with a negative learning rate and a negated
gradient. Its meaning is declared with the step `eta` = -learning_rate (not a cell of the
notebook; a device to name the step size the update takes), so the updates are checked as
W - eta dE/dW at the given values and at the draws, where learning_rate is drawn too.
"""

from __future__ import annotations

import jax.numpy as jnp

from gradaudit import Worksheet, grad, sigmoid, update

worked_example = Worksheet("OrnlyP63: one backpropagation step on a 3-2-1 sigmoid network (numpy)", loss="E")
ws = worked_example


# Feed forward
@ws.step(label="z1")
def z1(X, W1, b1):
    return X @ W1 + b1


@ws.step(label="a1")
def a1(z1):
    return sigmoid(z1)


@ws.step(label="z2")
def z2(a1, W2, b2):
    return a1 @ W2 + b2


@ws.step(label="a2")
def a2(z2):
    return sigmoid(z2)


# E = 1/2 sum (Y - a2)^2: inferred (see the module's docstring)
@ws.step(label="E")
def E(Y, a2):
    return 0.5 * jnp.sum((Y - a2) ** 2)


# Backward
@ws.step(label="err")
def err(Y, a2):
    return Y - a2


@ws.step(label="gredOut", means=-grad("E", wrt="z2"))
def gredOut(a2, err):
    return a2 * (1 - a2) * err


@ws.step(label="gredH", means=-grad("E", wrt="z1"))
def gredH(a1, gredOut, W2):
    return a1 * (1 - a1) * (gredOut @ W2.T)


@ws.step(label="step size (-learning_rate)")
def eta(learning_rate):
    return -learning_rate


# Update Output Layer, Update Hidden Layer
@ws.step(label="W2 (updated)", means=update("W2", lr="eta"))
def W2_new(W2, learning_rate, a1, gredOut):
    return W2 - learning_rate * (a1.T @ gredOut)


@ws.step(label="b2 (updated)", means=update("b2", lr="eta"))
def b2_new(b2, learning_rate, gredOut):
    return b2 - learning_rate * gredOut


@ws.step(label="W1 (updated)", means=update("W1", lr="eta"))
def W1_new(W1, learning_rate, X, gredH):
    return W1 - learning_rate * (X.T @ gredH)


@ws.step(label="b1 (updated)", means=update("b1", lr="eta"))
def b1_new(b1, learning_rate, gredH):
    return b1 - learning_rate * gredH
