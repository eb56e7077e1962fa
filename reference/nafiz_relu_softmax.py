"""Ahammad Nafiz, "Backprop by Hand - A Deep Dive into Neural Networks (NN)" (blog post,
ahammadnafiz.github.io; text in cases/texts/nafiz_relu_softmax.txt).

https://github.com/ahammadnafiz/ahammadnafiz.github.io/blob/34204bb7dfae45df0a3097456c8d092dc87a2d33/_posts/2024-09-21-Backprop-by-Hand-A-Deep-Dive-into-Neural-Networks-(NN).md

A 3-3-3-3-3 network in the post's notation, column vectors, zero biases: Z[l] = W[l] A[l-1] + b[l]
with A[0] = X, A[l] = ReLU(Z[l]) for l = 1, 2, 3, A[4] = softmax(Z[4]), the softmax written out as
e^{Z[4]}, their sum and the quotients. The backward pass as the post writes it: "Assuming the loss
function is the mean squared error: dZ[4] = A[4] - Y ... let's simplify by assuming A[4] = Z[4]",
so dZ[4] = Z[4] - Y; then with m = 1, dW[l] = dZ[l] A[l-1]^T, db[l] = dZ[l], W[l]^T dZ[l] (the
transposed matrix printed, and each row's three products), g'_ReLU(Z[l]) and dZ[l-1] = W[l]^T
dZ[l] (.) g'_ReLU(Z[l-1]). The loss is the post's "mean squared error" of its output A[4], with the
1/2 that makes dZ[4] = A[4] - Y: L = 1/2 sum (A[4] - Y)^2 (never printed). Steps added to hold the
products the post prints inside its sums: `W1X_terms` ... `W4A3_terms` (row i: W[l]_ij A[l-1]_j,
"0.2 - 0.4 + 2.8 = 2.6") and `W4T_dZ4_terms` ... `W2T_dZ2_terms`. No update is computed (the post
stops at "W[i] = W[i] - alpha dW[i]" with no alpha). Nothing is inferred.
"""

from __future__ import annotations

import jax.numpy as jnp

from gradaudit import Worksheet, grad

worked_example = Worksheet("Ahammad Nafiz: a 3-3-3-3-3 ReLU network with softmax, backprop by hand", loss="L")
ws = worked_example


def _relu(z):
    return jnp.maximum(0.0, z)


def _relu_prime(z):
    return jnp.where(z > 0, 1.0, 0.0)


# 2. Forward pass. Step 1: "Z[1] = W[1] X + b[1]", each element as three products
@ws.step(label="W[1] X products")
def W1X_terms(W1, X):
    return W1 * X[None, :]


@ws.step(label="Z[1]")
def Z1(W1X_terms, b1):
    return jnp.sum(W1X_terms, axis=1) + b1


# Step 2: "A[1] = g_ReLU(Z[1])"
@ws.step(label="A[1]")
def A1(Z1):
    return _relu(Z1)


# Step 3: "Z[2] = W[2] A[1] + b[2]"
@ws.step(label="W[2] A[1] products")
def W2A1_terms(W2, A1):
    return W2 * A1[None, :]


@ws.step(label="Z[2]")
def Z2(W2A1_terms, b2):
    return jnp.sum(W2A1_terms, axis=1) + b2


@ws.step(label="A[2]")
def A2(Z2):
    return _relu(Z2)


# Step 5: "Z[3] = W[3] A[2] + b[3]"
@ws.step(label="W[3] A[2] products")
def W3A2_terms(W3, A2):
    return W3 * A2[None, :]


@ws.step(label="Z[3]")
def Z3(W3A2_terms, b3):
    return jnp.sum(W3A2_terms, axis=1) + b3


@ws.step(label="A[3]")
def A3(Z3):
    return _relu(Z3)


# Step 7: "Z[4] = W[4] A[3] + b[4]"
@ws.step(label="W[4] A[3] products")
def W4A3_terms(W4, A3):
    return W4 * A3[None, :]


@ws.step(label="Z[4]")
def Z4(W4A3_terms, b4):
    return jnp.sum(W4A3_terms, axis=1) + b4


# Step 8: softmax: "e^{Z[4]}", "sum = ...", "softmax(Z[4]) = e^{Z[4]} / sum"
@ws.step(label="e^{Z[4]}")
def exp_Z4(Z4):
    return jnp.exp(Z4)


@ws.step(label="sum")
def sum_exp(exp_Z4):
    return jnp.sum(exp_Z4)


@ws.step(label="softmax(Z[4])")
def A4(exp_Z4, sum_exp):
    return exp_Z4 / sum_exp


# "Assuming the loss function is the mean squared error" (of the output A[4]; never printed)
@ws.step
def L(A4, Y):
    return 0.5 * jnp.sum((A4 - Y) ** 2)


# 3. Backward pass. Step 1: "dZ[4] = A[4] - Y", "let's simplify by assuming A[4] = Z[4]"
@ws.step(label="dZ[4]", means=grad("L", wrt="Z4"))
def dZ4(Z4, Y):
    return Z4 - Y


# Step 2: "dW[4] = dZ[4] A[3]^T" (m = 1), "db[4] = dZ[4]"
@ws.step(label="dW[4]", means=grad("L", wrt="W4"))
def dW4(dZ4, A3):
    return jnp.outer(dZ4, A3)


@ws.step(label="db[4]", means=grad("L", wrt="b4"))
def db4(dZ4):
    return dZ4


# Step 3: "dZ[3] = (W[4]^T dZ[4]) (.) g'_ReLU(Z[3])"
@ws.step(label="W[4]^T")
def W4T(W4):
    return W4.T


@ws.step(label="W[4]^T dZ[4] products")
def W4T_dZ4_terms(W4T, dZ4):
    return W4T * dZ4[None, :]


@ws.step(label="W[4]^T dZ[4]")
def W4T_dZ4(W4T_dZ4_terms):
    return jnp.sum(W4T_dZ4_terms, axis=1)


@ws.step(label="g'_ReLU(Z[3])")
def relu_prime_Z3(Z3):
    return _relu_prime(Z3)


@ws.step(label="dZ[3]", means=grad("L", wrt="Z3"))
def dZ3(W4T_dZ4, relu_prime_Z3):
    return W4T_dZ4 * relu_prime_Z3


# Step 4: "dW[3] = dZ[3] A[2]^T", "db[3] = dZ[3]"
@ws.step(label="dW[3]", means=grad("L", wrt="W3"))
def dW3(dZ3, A2):
    return jnp.outer(dZ3, A2)


@ws.step(label="db[3]", means=grad("L", wrt="b3"))
def db3(dZ3):
    return dZ3


# Step 5: "dZ[2] = (W[3]^T dZ[3]) (.) g'_ReLU(Z[2])"
@ws.step(label="W[3]^T")
def W3T(W3):
    return W3.T


@ws.step(label="W[3]^T dZ[3] products")
def W3T_dZ3_terms(W3T, dZ3):
    return W3T * dZ3[None, :]


@ws.step(label="W[3]^T dZ[3]")
def W3T_dZ3(W3T_dZ3_terms):
    return jnp.sum(W3T_dZ3_terms, axis=1)


@ws.step(label="g'_ReLU(Z[2])")
def relu_prime_Z2(Z2):
    return _relu_prime(Z2)


@ws.step(label="dZ[2]", means=grad("L", wrt="Z2"))
def dZ2(W3T_dZ3, relu_prime_Z2):
    return W3T_dZ3 * relu_prime_Z2


# Step 6: "dW[2] = dZ[2] A[1]^T", "db[2] = dZ[2]"
@ws.step(label="dW[2]", means=grad("L", wrt="W2"))
def dW2(dZ2, A1):
    return jnp.outer(dZ2, A1)


@ws.step(label="db[2]", means=grad("L", wrt="b2"))
def db2(dZ2):
    return dZ2


# Step 7: "dZ[1] = (W[2]^T dZ[2]) (.) g'_ReLU(Z[1])"
@ws.step(label="W[2]^T")
def W2T(W2):
    return W2.T


@ws.step(label="W[2]^T dZ[2] products")
def W2T_dZ2_terms(W2T, dZ2):
    return W2T * dZ2[None, :]


@ws.step(label="W[2]^T dZ[2]")
def W2T_dZ2(W2T_dZ2_terms):
    return jnp.sum(W2T_dZ2_terms, axis=1)


@ws.step(label="g'_ReLU(Z[1])")
def relu_prime_Z1(Z1):
    return _relu_prime(Z1)


@ws.step(label="dZ[1]", means=grad("L", wrt="Z1"))
def dZ1(W2T_dZ2, relu_prime_Z1):
    return W2T_dZ2 * relu_prime_Z1


# Step 8: "dW[1] = dZ[1] X^T", "db[1] = dZ[1]"
@ws.step(label="dW[1]", means=grad("L", wrt="W1"))
def dW1(dZ1, X):
    return jnp.outer(dZ1, X)


@ws.step(label="db[1]", means=grad("L", wrt="b1"))
def db1(dZ1):
    return dZ1
