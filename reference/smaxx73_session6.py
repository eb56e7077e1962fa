"""smaxx73, "Session 6: Backpropagation" (Neural-Network-Course, module 3; text in
cases/texts/smaxx73_session6.txt).

https://github.com/smaxx73/Neural-Network-Course/blob/e77e0d6d84110d9aaf1d88304faf91117178d222/module-3-mathematics-of-learning/session6_backpropagation.md

Course notes with three worked examples, one worksheet each, in the notes' notation and order.
Every loss is the notes' MSE without a 1/2, L = (y - y_hat)^2 (L = e^2 in the first); every
derivative and update step declares what it stands for.

- `neuron` (Exercise 3.1, a computational graph): z_1 = w x, z = z_1 + b, y_hat = sigma(z),
  e = y_hat - y, L = e^2; backward dL/de = 2e, dL/dy_hat = dL/de * 1, dL/dz = dL/dy_hat *
  sigma(z)(1 - sigma(z)), dL/dw = dL/dz * x, dL/db = dL/dz * 1. Given x = 2, w = 0.5, b = -0.5, y = 1.
- `net_221` (section 5, a 2-2-1 sigmoid network in matrix form): z^(1) = W^(1) x + b^(1), a^(1) =
  sigma(z^(1)), z^(2) = W^(2) a^(1) + b^(2), y_hat = a^(2) = sigma(z^(2)), L = (y - y_hat)^2; then
  dL/da^(2) = -2(y - y_hat), sigma'(z^(2)) = y_hat (1 - y_hat), delta^(2) = their product, dL/dW^(2)
  = delta^(2) (a^(1))^T, dL/db^(2) = delta^(2), (W^(2))^T delta^(2), sigma'(z^(1)) = a^(1) (1 -
  a^(1)), delta^(1) = their elementwise product, dL/dW^(1) = delta^(1) x^T, dL/db^(1) = delta^(1),
  and W^(2)_new = W^(2) - eta dL/dW^(2) with eta = 1.0. W^(2) (1 x 2) is the vector [0.6, -0.4] and
  b^(2) a scalar.
- `exercise_91` (Exercise 9.1, a 1-1-1 sigmoid network): the same chain in scalars, then one step
  with eta = 1.0 on w_2, b_2, w_1 and b_1.

Steps added to hold numbers the notes print inside their expressions (no meaning): in `net_221`,
`W1_x` (W^(1) x, printed as "0.5 + 0.1 \\ -0.2 - 0.1"), `W2_terms` (the products 0.3874 and
-0.1702 of z^(2)), `y_minus_yhat` ("(1 - 0.6028)^2 = (0.3972)^2") and `one_minus_a1` ("0.6457 x
0.3543"); in `exercise_91`, `one_minus_yhat` (0.5306) and `one_minus_a1` (0.3775). Nothing numeric
is inferred: every given value is printed.
"""

from __future__ import annotations

import jax.numpy as jnp

from gradaudit import Worksheet, grad, sigmoid, update

# ---------------------------------------------------------------------------------------------
# Exercise 3.1: a single neuron as a computational graph

neuron = Worksheet("smaxx73 Exercise 3.1: one sigmoid neuron, L = (y_hat - y)^2", loss="L")


@neuron.step(label="z₁")
def z1(w, x):
    return w * x


@neuron.step(label="z")
def z(z1, b):
    return z1 + b


@neuron.step(label="ŷ", aka=["\\hat{y}"])
def y_hat(z):
    return sigmoid(z)


@neuron.step(label="e")
def e(y_hat, y):
    return y_hat - y


@neuron.step(label="L")
def L(e):
    return e**2


@neuron.step(label="∂L/∂e", means=grad("L", wrt="e"))
def dL_de(e):
    return 2 * e


@neuron.step(label="∂L/∂ŷ", means=grad("L", wrt="y_hat"))
def dL_dyhat(dL_de):
    return dL_de * 1


@neuron.step(label="∂L/∂z", means=grad("L", wrt="z"))
def dL_dz(dL_dyhat, y_hat):
    return dL_dyhat * y_hat * (1 - y_hat)


@neuron.step(label="∂L/∂w", means=grad("L", wrt="w"))
def dL_dw(dL_dz, x):
    return dL_dz * x


@neuron.step(label="∂L/∂b", means=grad("L", wrt="b"))
def dL_db(dL_dz):
    return dL_dz * 1


# ---------------------------------------------------------------------------------------------
# Section 5: a 2-2-1 network, sigmoid everywhere, MSE

net_221 = Worksheet("smaxx73 section 5: a 2-2-1 sigmoid network, L = (y - y_hat)^2, eta = 1.0", loss="L")
n5 = net_221


def _W1_x(W1, x):
    return W1 @ x


def _z1(W1_x, b1):
    return W1_x + b1


def _a1(z1):
    return sigmoid(z1)


def _W2_terms(W2, a1):
    return W2 * a1


def _z2(W2_terms, b2):
    return jnp.sum(W2_terms) + b2


def _y_hat(z2):
    return sigmoid(z2)


def _y_minus_yhat(y, y_hat):
    return y - y_hat


def _L(y_minus_yhat):
    return y_minus_yhat**2


def _dL_da2(y, y_hat):
    return -2 * (y - y_hat)


def _sigma_prime_z2(y_hat):
    return y_hat * (1 - y_hat)


def _delta2(dL_da2, sigma_prime_z2):
    return dL_da2 * sigma_prime_z2


def _dL_dW2(delta2, a1):
    return delta2 * a1


def _dL_db2(delta2):
    return delta2


def _W2T_delta2(W2, delta2):
    return W2 * delta2


def _one_minus_a1(a1):
    return 1 - a1


def _sigma_prime_z1(a1, one_minus_a1):
    return a1 * one_minus_a1


def _delta1(W2T_delta2, sigma_prime_z1):
    return W2T_delta2 * sigma_prime_z1


def _dL_dW1(delta1, x):
    return jnp.outer(delta1, x)


def _dL_db1(delta1):
    return delta1


def _W2_new(W2, eta, dL_dW2):
    return W2 - eta * dL_dW2


n5.step(_W1_x, name="W1_x", label="W^{(1)} x")
n5.step(_z1, name="z1", label="z^{(1)}")
n5.step(_a1, name="a1", label="a^{(1)}")
n5.step(_W2_terms, name="W2_terms", label="W^{(2)} a^{(1)} terms")
n5.step(_z2, name="z2", label="z^{(2)}")
n5.step(_y_hat, name="y_hat", label="\\hat{y}", aka=["a^{(2)}"])
n5.step(_y_minus_yhat, name="y_minus_yhat", label="y - \\hat{y}")
n5.step(_L, name="L", label="L")
n5.step(_dL_da2, name="dL_da2", label="∂L/∂a^{(2)}", means=grad("L", wrt="y_hat"))
n5.step(_sigma_prime_z2, name="sigma_prime_z2", label="σ'(z^{(2)})")
n5.step(_delta2, name="delta2", label="δ^{(2)}", means=grad("L", wrt="z2"))
n5.step(_dL_dW2, name="dL_dW2", label="∂L/∂W^{(2)}", means=grad("L", wrt="W2"))
n5.step(_dL_db2, name="dL_db2", label="∂L/∂b^{(2)}", means=grad("L", wrt="b2"))
n5.step(_W2T_delta2, name="W2T_delta2", label="(W^{(2)})^T δ^{(2)}", means=grad("L", wrt="a1"))
n5.step(_one_minus_a1, name="one_minus_a1", label="1 - σ(z^{(1)})")
n5.step(_sigma_prime_z1, name="sigma_prime_z1", label="σ'(z^{(1)})")
n5.step(_delta1, name="delta1", label="δ^{(1)}", means=grad("L", wrt="z1"))
n5.step(_dL_dW1, name="dL_dW1", label="∂L/∂W^{(1)}", means=grad("L", wrt="W1"))
n5.step(_dL_db1, name="dL_db1", label="∂L/∂b^{(1)}", means=grad("L", wrt="b1"))
n5.step(_W2_new, name="W2_new", label="W^{(2)}_{new}", means=update("W2", lr="eta"))


# ---------------------------------------------------------------------------------------------
# Exercise 9.1: a 1-1-1 network, sigmoid everywhere, one step on every parameter

exercise_91 = Worksheet(
    "smaxx73 Exercise 9.1: a 1-1-1 sigmoid network, L = (y - y_hat)^2, eta = 1.0", loss="L"
)
e9 = exercise_91


@e9.step(label="z_1", name="z1")
def _e9_z1(w1, x, b1):
    return w1 * x + b1


@e9.step(label="a_1", name="a1")
def _e9_a1(z1):
    return sigmoid(z1)


@e9.step(label="z_2", name="z2")
def _e9_z2(w2, a1, b2):
    return w2 * a1 + b2


@e9.step(label="\\hat{y}", name="y_hat")
def _e9_y_hat(z2):
    return sigmoid(z2)


@e9.step(label="L", name="L")
def _e9_L(y, y_hat):
    return (y - y_hat) ** 2


@e9.step(label="∂L/∂ŷ", name="dL_dyhat", means=grad("L", wrt="y_hat"))
def _e9_dL_dyhat(y, y_hat):
    return -2 * (y - y_hat)


@e9.step(label="1 - \\hat{y}", name="one_minus_yhat")
def _e9_one_minus_yhat(y_hat):
    return 1 - y_hat


@e9.step(label="σ'(z_2)", name="sigma_prime_z2")
def _e9_sigma_prime_z2(y_hat, one_minus_yhat):
    return y_hat * one_minus_yhat


@e9.step(label="δ^{(2)}", name="delta2", means=grad("L", wrt="z2"))
def _e9_delta2(dL_dyhat, sigma_prime_z2):
    return dL_dyhat * sigma_prime_z2


@e9.step(label="∂L/∂w_2", name="dL_dw2", means=grad("L", wrt="w2"))
def _e9_dL_dw2(delta2, a1):
    return delta2 * a1


@e9.step(label="∂L/∂b_2", name="dL_db2", means=grad("L", wrt="b2"))
def _e9_dL_db2(delta2):
    return delta2


@e9.step(label="(w_2)^T δ^{(2)}", name="w2T_delta2", means=grad("L", wrt="a1"))
def _e9_w2T_delta2(w2, delta2):
    return w2 * delta2


@e9.step(label="1 - a_1", name="one_minus_a1")
def _e9_one_minus_a1(a1):
    return 1 - a1


@e9.step(label="σ'(z_1)", name="sigma_prime_z1")
def _e9_sigma_prime_z1(a1, one_minus_a1):
    return a1 * one_minus_a1


@e9.step(label="δ^{(1)}", name="delta1", means=grad("L", wrt="z1"))
def _e9_delta1(w2T_delta2, sigma_prime_z1):
    return w2T_delta2 * sigma_prime_z1


@e9.step(label="∂L/∂w_1", name="dL_dw1", means=grad("L", wrt="w1"))
def _e9_dL_dw1(delta1, x):
    return delta1 * x


@e9.step(label="∂L/∂b_1", name="dL_db1", means=grad("L", wrt="b1"))
def _e9_dL_db1(delta1):
    return delta1


@e9.step(label="w_2", name="w2_new", means=update("w2", lr="eta"))
def _e9_w2_new(w2, eta, dL_dw2):
    return w2 - eta * dL_dw2


@e9.step(label="b_2", name="b2_new", means=update("b2", lr="eta"))
def _e9_b2_new(b2, eta, dL_db2):
    return b2 - eta * dL_db2


@e9.step(label="w_1", name="w1_new", means=update("w1", lr="eta"))
def _e9_w1_new(w1, eta, dL_dw1):
    return w1 - eta * dL_dw1


@e9.step(label="b_1", name="b1_new", means=update("b1", lr="eta"))
def _e9_b1_new(b1, eta, dL_db1):
    return b1 - eta * dL_db1
