"""pythonandml, "Deep Learning with Python" book, chapter 2.12 "Numerical example Forward and Back
pass" (a notebook; text in cases/texts/pythonandml_numerical.txt).

https://github.com/pythonandml/dlbook/blob/947bae3706269321ad34ad50c8465c202fcbb705/content/multilayer_perceptrons/numerical_example_forward_backward_propagation.ipynb

A 3-2-2 sigmoid network in the chapter's vectorized notation, row vectors: z_1 = a_0 W_1 + b_1^T,
a_1 = f_1(z_1), z_2 = a_1 W_2 + b_2^T, a_2 = f_2(z_2); dJ/da_2 = a_2 - y, delta_2 = dJ/da_2 (.)
f_2'(z_2), delta_1 = (delta_2 W_2^T) (.) f_1'(z_1), dJ/dW_1 = a_0^T delta_1, dJ/dW_2 = a_1^T
delta_2, dJ/db_l = sum delta_l; then W := W - (eta/m) dJ/dW with eta = 0.01 and m = 1 sample.
Every given value is printed (x = [1, 4, 5], y = [0.1, 0.05], W_1, b_1, W_2, b_2 as bmatrix,
eta = 0.01; m = y.shape[0] = 1 in the code). The biases are column vectors in the chapter (b_1^T
in z_1); here they are given as plain vectors.

Inferred: the cost. The chapter names it "MSE" and links to its cost-functions chapter; its
derivative dJ/da_2 = a_2 - y is that of J = 1/2 sum (a_2 - y)^2, which for these two outputs is
also the mean of the squared errors (1/n sum with n = 2 has the same gradient a_2 - y only
because n = 2: 1/2 sum = 1/2 x 2 x mean). The loss here is 1/2 sum (a_2 - y)^2.

`a0W1` is a step because the chapter prints a_0 W_1 = [3.8, 4.8] before adding b_1^T. The local
derivatives f_1'(z_1) and f_2'(z_2) declare no meaning (they are not derivatives of the loss).
"""

from __future__ import annotations

import jax.numpy as jnp

from gradaudit import Worksheet, grad, sigmoid, update

worked_example = Worksheet(
    "pythonandml 2.12: 3-2-2 sigmoid network in matrix form, one step", loss="J", counts=["m"]
)
ws = worked_example


# z_1 = a_0 W_1 + b_1^T, printed first as [3.8, 4.8] + [0.5, 0.5]
@ws.step(label="a_0 W_1")
def a0W1(x, W1):
    return x @ W1


@ws.step(label="z_1")
def z1(a0W1, b1):
    return a0W1 + b1


@ws.step(label="a_1")
def a1(z1):
    return sigmoid(z1)


@ws.step(label="z_2")
def z2(a1, W2, b2):
    return a1 @ W2 + b2


@ws.step(label="a_2")
def a2(z2):
    return sigmoid(z2)


# the cost ("MSE"; see the docstring), never printed
@ws.step(label="J(W, b)")
def J(a2, y):
    return 0.5 * jnp.sum((a2 - y) ** 2)


@ws.step(label="dJ/da_2", means=grad("J", wrt="a2"))
def dJ_da2(a2, y):
    return a2 - y


@ws.step(label="f'_2(z_2)")
def f2p(z2):
    return sigmoid(z2) * (1 - sigmoid(z2))


@ws.step(label="delta_2", means=grad("J", wrt="z2"))
def delta2(dJ_da2, f2p):
    return dJ_da2 * f2p


@ws.step(label="f'_1(z_1)")
def f1p(z1):
    return sigmoid(z1) * (1 - sigmoid(z1))


@ws.step(label="delta_1", means=grad("J", wrt="z1"))
def delta1(delta2, W2, f1p):
    return (delta2 @ W2.T) * f1p


@ws.step(label="dJ/dW_1", means=grad("J", wrt="W1"))
def dJ_dW1(x, delta1):
    return jnp.outer(x, delta1)


@ws.step(label="dJ/dW_2", means=grad("J", wrt="W2"))
def dJ_dW2(a1, delta2):
    return jnp.outer(a1, delta2)


@ws.step(label="dJ/db_1", means=grad("J", wrt="b1"))
def dJ_db1(delta1):
    return delta1  # "sum delta_1" over the m = 1 sample


@ws.step(label="dJ/db_2", means=grad("J", wrt="b2"))
def dJ_db2(delta2):
    return delta2


# W := W - (eta/m) dJ/dW, m = 1
@ws.step(label="W_1 (updated)", means=update("W1", lr="eta"))
def W1_new(W1, eta, m, dJ_dW1):
    return W1 - (eta / m) * dJ_dW1


@ws.step(label="W_2 (updated)", means=update("W2", lr="eta"))
def W2_new(W2, eta, m, dJ_dW2):
    return W2 - (eta / m) * dJ_dW2


@ws.step(label="b_1 (updated)", means=update("b1", lr="eta"))
def b1_new(b1, eta, m, dJ_db1):
    return b1 - (eta / m) * dJ_db1


@ws.step(label="b_2 (updated)", means=update("b2", lr="eta"))
def b2_new(b2, eta, m, dJ_db2):
    return b2 - (eta / m) * dJ_db2
