"""LuccaHiratsuca, neural-networks-coursework, docs/exercises/mlp/main.md, "Exercise 1 - Manual
Calculation of a 1-Hidden-Layer MLP (tanh, eta = 0.3)": one forward and backward pass and one
gradient-descent step of a 2-2-1 tanh network with the squared error, a course homework solution
(text in cases/texts/hiratsuca_mlp_tanh.txt).

https://github.com/LuccaHiratsuca/neural-networks-coursework/blob/4140d2572b00f24cbe489412142df285e9c061a5/docs/exercises/mlp/main.md

In the solution's notation and its own layout, row vectors: x = [0.5, -0.2], W^(1) (2 x 2), b^(1),
W^(2) a column of two, b^(2); z^(1) = x W^(1) + b^(1) ("For a fully connected layer, z = x W + b"),
h^(1) = tanh(z^(1)), u^(2) = h^(1) W^(2) + b^(2), y_hat = tanh(u^(2)), L = (y - y_hat)^2; then
dL/dy_hat = 2 (y_hat - y), dy_hat/du^(2) = 1 - y_hat^2, dL/du^(2) their product, dL/dW^(2) =
h^(1)T dL/du^(2), dL/db^(2) = dL/du^(2), dL/dh^(1) = dL/du^(2) W^(2)T, dh^(1)/dz^(1) = 1 -
tanh^2(z^(1)), dL/dz^(1) their elementwise product, dL/dW^(1) = x^T dL/dz^(1), dL/db^(1) =
dL/dz^(1), and theta <- theta - eta dL/dtheta with eta = 0.3. Steps added to hold the products the
solution prints inside its sums: `x1_W1_row` and `x2_W1_row` (x_1 W^(1)[1, :] and x_2 W^(1)[2, :],
"0.15 - 0.04 + 0.10" and "-0.05 - 0.08 - 0.20") and `h1_W2_terms` (h^(1)_i W^(2)_i, "0.10348325 +
0.09555623"). Nothing numeric is inferred.
"""

from __future__ import annotations

import jax.numpy as jnp

from gradaudit import Worksheet, grad, update

worked_example = Worksheet("LuccaHiratsuca: a 2-2-1 tanh MLP, squared error, one step (eta = 0.3)", loss="L")
ws = worked_example


# 1) Forward pass. (a) "z^(1) = x W^(1) + b^(1)", written out term by term
@ws.step(label="x_1 W^(1)[1, :]")
def x1_W1_row(x, W1):
    return x[0] * W1[0]


@ws.step(label="x_2 W^(1)[2, :]")
def x2_W1_row(x, W1):
    return x[1] * W1[1]


@ws.step(label="z^(1)")
def z1(x1_W1_row, x2_W1_row, b1):
    return x1_W1_row + x2_W1_row + b1


# (b) "h^(1) = tanh(z^(1))"
@ws.step(label="h^(1)")
def h1(z1):
    return jnp.tanh(z1)


# (c) "u^(2) = h^(1) W^(2) + b^(2)", its two products printed
@ws.step(label="h^(1)_i W^(2)_i")
def h1_W2_terms(h1, W2):
    return h1 * W2


@ws.step(label="u^(2)")
def u2(h1_W2_terms, b2):
    return jnp.sum(h1_W2_terms) + b2


# (d) "y_hat = tanh(u^(2))"
@ws.step(label="y_hat")
def y_hat(u2):
    return jnp.tanh(u2)


# 2) "L = (y - y_hat)^2"
@ws.step(label="L")
def L(y, y_hat):
    return (y - y_hat) ** 2


# 3) (a) output node: "dL/dy_hat = 2 (y_hat - y)", "dy_hat/du^(2) = 1 - y_hat^2"
@ws.step(label="dL/dy_hat", means=grad("L", wrt="y_hat"))
def dL_dyhat(y_hat, y):
    return 2 * (y_hat - y)


@ws.step(label="dy_hat/du^(2)")
def dyhat_du2(y_hat):
    return 1 - y_hat**2


@ws.step(label="dL/du^(2)", means=grad("L", wrt="u2"))
def dL_du2(dL_dyhat, dyhat_du2):
    return dL_dyhat * dyhat_du2


# (b) "dL/dW^(2) = h^(1)T dL/du^(2)", "dL/db^(2) = dL/du^(2)"
@ws.step(label="dL/dW^(2)", means=grad("L", wrt="W2"))
def dL_dW2(h1, dL_du2):
    return h1 * dL_du2


@ws.step(label="dL/db^(2)", means=grad("L", wrt="b2"))
def dL_db2(dL_du2):
    return dL_du2


# (c) "dL/dh^(1) = dL/du^(2) W^(2)T", "dh^(1)/dz^(1) = 1 - tanh^2(z^(1))", their elementwise product
@ws.step(label="dL/dh^(1)", means=grad("L", wrt="h1"))
def dL_dh1(dL_du2, W2):
    return dL_du2 * W2


@ws.step(label="dh^(1)/dz^(1)")
def dh1_dz1(z1):
    return 1 - jnp.tanh(z1) ** 2


@ws.step(label="dL/dz^(1)", means=grad("L", wrt="z1"))
def dL_dz1(dL_dh1, dh1_dz1):
    return dL_dh1 * dh1_dz1


# (d) "dL/dW^(1) = x^T dL/dz^(1)", "dL/db^(1) = dL/dz^(1)"
@ws.step(label="dL/dW^(1)", means=grad("L", wrt="W1"))
def dL_dW1(x, dL_dz1):
    return jnp.outer(x, dL_dz1)


@ws.step(label="dL/db^(1)", means=grad("L", wrt="b1"))
def dL_db1(dL_dz1):
    return dL_dz1


# 4) "theta <- theta - eta dL/dtheta", eta = 0.3
@ws.step(label="W^(2)_new", means=update("W2", lr="eta"))
def W2_new(W2, eta, dL_dW2):
    return W2 - eta * dL_dW2


@ws.step(label="b^(2)_new", means=update("b2", lr="eta"))
def b2_new(b2, eta, dL_db2):
    return b2 - eta * dL_db2


@ws.step(label="W^(1)_new", means=update("W1", lr="eta"))
def W1_new(W1, eta, dL_dW1):
    return W1 - eta * dL_dW1


@ws.step(label="b^(1)_new", means=update("b1", lr="eta"))
def b1_new(b1, eta, dL_db1):
    return b1 - eta * dL_db1
