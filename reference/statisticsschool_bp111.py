"""statisticsschool.com, "バックプロパゲーションの数値計算" (a numerical backpropagation calculation;
text in cases/texts/statisticsschool_bp111.txt).

https://app.statisticsschool.com/practice/statistics-applied/regression-analysis/pages/regression-analysis-019.html

A 1-1-1 sigmoid network with a bias in each layer, in the page's notation: z_1 = w_1 x + b_1,
h_1 = sigma(z_1), z_2 = w_2 h_1 + b_2, y = sigma(z_2), E = 1/2 (y - t)^2. The page evaluates each
sigmoid through its parts (e^{-z}, then 1 + e^{-z}, then its reciprocal), so the worksheet does
too. The backward pass as written: dE/dy = y - t, dy/dz_2 = y (1 - y), delta_2 = dE/dz_2 their
product, dz_2/dw_2 = h_1. The stored page ends there (no learning rate, no update). Every given
value is printed; nothing is inferred. The local derivatives dy/dz_2 and dz_2/dw_2 declare no
meaning (they are not derivatives of the loss).
"""

from __future__ import annotations

import jax.numpy as jnp

from gradaudit import Worksheet, grad

worked_example = Worksheet("statisticsschool: 1-1-1 sigmoid network, forward and output gradient", loss="E")
ws = worked_example


# z_1 = w_1 \cdot x + b_1
@ws.step(label="z_1")
def z1(w1, x, b1):
    return w1 * x + b1


# e^{-1.3} \approx 0.2725; h_1 = \frac{1}{1+0.2725} = \frac{1}{1.2725}
@ws.step(label="e^{-z_1}", group="e^{-z}")
def exp_neg_z1(z1):
    return jnp.exp(-z1)


@ws.step(label="1+e^{-z_1}", group="1+e^{-z}")
def denom1(exp_neg_z1):
    return 1 + exp_neg_z1


@ws.step(label="h_1")
def h1(denom1):
    return 1 / denom1


# z_2 = w_2 \cdot h_1 + b_2
@ws.step(label="z_2")
def z2(w2, h1, b2):
    return w2 * h1 + b2


@ws.step(label="e^{-z_2}", group="e^{-z}")
def exp_neg_z2(z2):
    return jnp.exp(-z2)


@ws.step(label="1+e^{-z_2}", group="1+e^{-z}")
def denom2(exp_neg_z2):
    return 1 + exp_neg_z2


@ws.step
def y(denom2):
    return 1 / denom2


# E = \frac{1}{2}(y-t)^2 = \frac{1}{2}(0.6745-1)^2 = \frac{1}{2}(-0.3255)^2
@ws.step(label="y-t")
def y_minus_t(y, t):
    return y - t


@ws.step
def E(y_minus_t):
    return 0.5 * y_minus_t**2


# \frac{\partial E}{\partial y} = y - t
@ws.step(label="∂E/∂y", means=grad("E", wrt="y"))
def dE_dy(y, t):
    return y - t


# \frac{\partial y}{\partial z_2} = y(1-y) = 0.6745 \times (1-0.6745) = 0.6745 \times 0.3255
@ws.step(label="1-y")
def one_minus_y(y):
    return 1 - y


@ws.step(label="∂y/∂z_2")
def dy_dz2(y, one_minus_y):
    return y * one_minus_y


# \delta_2 = \frac{\partial E}{\partial z_2} = (\partial E/\partial y) \cdot (\partial y/\partial z_2)
@ws.step(label="δ_2", means=grad("E", wrt="z2"))
def delta2(dE_dy, dy_dz2):
    return dE_dy * dy_dz2


# \frac{\partial z_2}{\partial w_2} = h_1
@ws.step(label="∂z_2/∂w_2")
def dz2_dw2(h1):
    return h1
