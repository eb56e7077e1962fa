"""retiredbatmanforsale, lexai-fellowship/neural_network_theory.ipynb, "Problem: Learn XOR-ish
Behavior": one gradient-descent step on a 2-1-1 sigmoid network with binary cross-entropy, worked
in a notebook's markdown cell (text in cases/texts/lexai_bce211.txt).

https://github.com/retiredbatmanforsale/lexai-fellowship/blob/03a7153412b4c7de8afcedabc66a2641a1dba60a/neural_network_theory.ipynb

In the article's notation: x = [1, 0]^T, W_1 = [0.5, -0.5] (1 x 2), b_1 = 0, W_2 = [1] (1 x 1, a
scalar here), b_2 = 0, y = 1; z_1 = W_1 . x + b_1, a_1 = sigma(z_1), z_2 = W_2 a_1 + b_2, y_hat =
sigma(z_2), Loss = -[y log(y_hat) + (1 - y) log(1 - y_hat)]; the backward pass as its section 3
writes it (dL/dy_hat, dy_hat/dz_2 = y_hat (1 - y_hat), dL/dz_2 their product, dL/dW_2 = dL/dz_2
a_1, dL/db_2 = dL/dz_2, dL/da_1 = dL/dz_2 W_2, da_1/dz_1 = a_1 (1 - a_1), dL/dz_1, dL/dW_1 =
dL/dz_1 x^T, dL/db_1 = dL/dz_1), then "W := W - eta dL/dW" with eta = 0.1 for W_2, b_2, W_1, b_1.
W_1 and x are vectors of two; the rest are scalars. Every given value is printed. Steps added to
hold numbers printed inside an expression: `one_minus_yhat` (the 0.35 of "0.65(0.35)") and
`one_minus_a1` (the 0.378 of "0.622(0.378)"). Nothing numeric is inferred.
"""

from __future__ import annotations

import jax.numpy as jnp

from gradaudit import Worksheet, grad, sigmoid, update

worked_example = Worksheet(
    "lexai-fellowship: a 2-1-1 sigmoid network, binary cross-entropy, one step", loss="Loss"
)
ws = worked_example


# Step 1: forward pass. "z_1 = W_1 . x + b_1", "a_1 = sigma(z_1)"
@ws.step(label="z_1")
def z1(W1, x, b1):
    return jnp.dot(W1, x) + b1


@ws.step(label="a_1")
def a1(z1):
    return sigmoid(z1)


# "z_2 = W_2 . a_1 + b_2", "y_hat = sigma(z_2)"
@ws.step(label="z_2")
def z2(W2, a1, b2):
    return W2 * a1 + b2


@ws.step(label="y_hat")
def y_hat(z2):
    return sigmoid(z2)


# Step 2: "Loss = -[y log(y_hat) + (1 - y) log(1 - y_hat)]"
@ws.step(label="Loss")
def Loss(y, y_hat):
    return -(y * jnp.log(y_hat) + (1 - y) * jnp.log(1 - y_hat))


# Step 3 a): output layer. "dL/dy_hat = -y/y_hat + (1 - y)/(1 - y_hat)"
@ws.step(label="dL/dy_hat", means=grad("Loss", wrt="y_hat"))
def dL_dyhat(y, y_hat):
    return -y / y_hat + (1 - y) / (1 - y_hat)


@ws.step(label="1 - y_hat")
def one_minus_yhat(y_hat):
    return 1 - y_hat


# "dy_hat/dz_2 = y_hat (1 - y_hat)" (a local derivative: no meaning declared)
@ws.step(label="dy_hat/dz_2")
def dyhat_dz2(y_hat, one_minus_yhat):
    return y_hat * one_minus_yhat


@ws.step(label="dL/dz_2", means=grad("Loss", wrt="z2"))
def dL_dz2(dL_dyhat, dyhat_dz2):
    return dL_dyhat * dyhat_dz2


@ws.step(label="dL/dW_2", means=grad("Loss", wrt="W2"))
def dL_dW2(dL_dz2, a1):
    return dL_dz2 * a1


@ws.step(label="dL/db_2", means=grad("Loss", wrt="b2"))
def dL_db2(dL_dz2):
    return dL_dz2


# b) hidden layer. "dL/da_1 = dL/dz_2 . W_2", "da_1/dz_1 = a_1 (1 - a_1)"
@ws.step(label="dL/da_1", means=grad("Loss", wrt="a1"))
def dL_da1(dL_dz2, W2):
    return dL_dz2 * W2


@ws.step(label="1 - a_1")
def one_minus_a1(a1):
    return 1 - a1


@ws.step(label="da_1/dz_1")
def da1_dz1(a1, one_minus_a1):
    return a1 * one_minus_a1


@ws.step(label="dL/dz_1", means=grad("Loss", wrt="z1"))
def dL_dz1(dL_da1, da1_dz1):
    return dL_da1 * da1_dz1


# "dL/dW_1 = dL/dz_1 . x^T", "dL/db_1 = dL/dz_1"
@ws.step(label="dL/dW_1", means=grad("Loss", wrt="W1"))
def dL_dW1(dL_dz1, x):
    return dL_dz1 * x


@ws.step(label="dL/db_1", means=grad("Loss", wrt="b1"))
def dL_db1(dL_dz1):
    return dL_dz1


# Step 4: "W_2 := W_2 - eta dL/dW_2", the same for b_2, W_1, b_1; eta = 0.1
@ws.step(label="W_2", means=update("W2", lr="eta"))
def W2_new(W2, eta, dL_dW2):
    return W2 - eta * dL_dW2


@ws.step(label="b_2", means=update("b2", lr="eta"))
def b2_new(b2, eta, dL_db2):
    return b2 - eta * dL_db2


@ws.step(label="W_1", means=update("W1", lr="eta"))
def W1_new(W1, eta, dL_dW1):
    return W1 - eta * dL_dW1


@ws.step(label="b_1", means=update("b1", lr="eta"))
def b1_new(b1, eta, dL_db1):
    return b1 - eta * dL_db1
