"""kaifeng, llm-learn, "反向传播的梯度计算" (Gradient computation in backpropagation), Chinese
(source/part_basics/training/backpropagation.md; text in cases/texts/kaifeng_bp221.txt).

https://github.com/kaifeng/llm-learn/blob/aebd9eb9b895081d66163f9c4abf48f5f1db856c/source/part_basics/training/backpropagation.md

A 2-2-1 network, sigmoid on both layers, biases on both, one sample, in the article's notation
and order (row vectors, as it writes them):

  z1 = X . W1 + b1,  a1 = sigma(z1),  z2 = a1 . W2^T + b2,  y_hat = sigma(z2),
  L = 1/2 (y_hat - y)^2,
  dL/dy_hat = y_hat - y,  dy_hat/dz2 = y_hat (1 - y_hat),  delta2 = dL/dy_hat . dy_hat/dz2,
  dL/dW2 = delta2 . a1,  dL/db2 = delta2,  dL/da1 = delta2 . W2,
  da1/dz1 = a1 (1 - a1),  delta1 = dL/da1 * da1/dz1,
  dL/dW1 = delta1^T . X,  dL/db1 = delta1,
  W <- W - eta dL/dW, b <- b - eta dL/db (eta = 0.1, "假设学习率η=0.1").

Every given value is printed (X = [1, 2], y = 0.5, W1 = [[0.5, 0.6], [0.7, 0.8]], b1 = [0.1, 0.2],
W2 = [0.9, 0.1], b2 = 0.3, eta = 0.1). The layout of W1 is the article's own: its z1 line expands
X . W1 as [1x0.5 + 2x0.7 + 0.1, 1x0.6 + 2x0.8 + 0.2], so W1[i, j] joins input i to hidden j.

The article's dL/dW1 = delta1^T . X is a (hidden x input) matrix, the transpose of W1's layout;
the update subtracts it from W1 element by element as printed (0.6 - 0.0009 where 0.0009 is
eta x 0.0090 = eta x delta1[0] x X[1]). Both are kept as written: the formula rows say what they
are against autodiff.

Inferred (structure only, so that every printed number has a step to bind to):
- `one_minus_a1`: the article prints 1 - a1 = [0.1192, 0.0916] inside da1/dz1.
- `eta_dW2`, `eta_db2`, `eta_dW1`, `eta_db1`: the products eta x gradient are printed inside the
  updates ("0.9-0.0042", "0.3 - 0.0048", "0.5-0.0005", "0.1-0.0005"); steps here, and each
  update is wired as the old value minus that step, as the article computes. They declare no
  meaning of their own (the update steps do).
- `dy_hat/dz2` and `da1/dz1` are local derivatives and declare no meaning.

Two worksheets, built by one function so they cannot drift apart:
- `worked_example`: W1 given as its two rows, W1_0 = [0.5, 0.6] (the weights out of input 1)
  and W1_1 = [0.7, 0.8] (out of input 2), and the article's dL/dW1, eta x dL/dW1 and updated W1
  as their two printed rows. INFERRED split, for the case format only: the case loader takes
  printed values as numbers or 1-D lists (no matrices, no element-keyed claims, no list
  operands), and the update of each row must be an update step so that its change can be
  judged. The arithmetic is the article's, element by element. On these leaves the transposed
  gradient shows as `partial` (the off-diagonal elements wrong).
- `matrix_form`: W1 as the article's 2x2 matrix, the same steps; its case has no claims and
  checks the formulas, where the transposed gradient is named `transpose`.
"""

from __future__ import annotations

import jax.numpy as jnp

from gradaudit import Worksheet, grad, sigmoid, update

# --------------------------------------------------------------------------------------------
# Steps shared by both worksheets, in the article's order.


# 二、前向传播计算
def a1(z1):
    return sigmoid(z1)


def z2(a1, W2, b2):
    return a1 @ W2 + b2  # a1 . W2^T, W2 a row vector


def y_hat(z2):
    return sigmoid(z2)


# 三、反向传播计算: L = 1/2 (y_hat - y)^2
def L(y_hat, y):
    return 0.5 * (y_hat - y) ** 2


def dL_dyhat(y_hat, y):
    return y_hat - y


def dyhat_dz2(y_hat):
    return y_hat * (1 - y_hat)


def delta2(dL_dyhat, dyhat_dz2):
    return dL_dyhat * dyhat_dz2


def dL_dW2(delta2, a1):
    return delta2 * a1


def dL_db2(delta2):
    return delta2


def dL_da1(delta2, W2):
    return delta2 * W2


def one_minus_a1(a1):
    return 1 - a1


def da1_dz1(a1, one_minus_a1):
    return a1 * one_minus_a1


def delta1(dL_da1, da1_dz1):
    return dL_da1 * da1_dz1


def dL_db1(delta1):
    return delta1


# 四、参数更新（η = 0.1）: each printed as old - (eta x gradient)
def scaled(eta, gradient):
    return eta * gradient


def minus(old, step):
    return old - step


# --------------------------------------------------------------------------------------------
# W1 as the article's matrix, or as its two rows.


def z1_matrix(X, W1, b1):
    return X @ W1 + b1  # [1x0.5 + 2x0.7 + 0.1, 1x0.6 + 2x0.8 + 0.2]


def dL_dW1_matrix(delta1, X):
    return jnp.outer(delta1, X)  # delta1^T . X as written: row = hidden unit, column = input


def z1_rows(X, W1_0, W1_1, b1):
    return X[0] * W1_0 + X[1] * W1_1 + b1  # the same sum, W1 = [[W1_0], [W1_1]]


def dL_dW1_row(r):
    def row(delta1, X):
        return delta1[r] * X  # row r of delta1^T . X: [delta1[r] x 1, delta1[r] x 2]

    row.__name__ = f"dL_dW1_{r}"
    return row


def _worksheet(title, matrix):
    ws = Worksheet(title, loss="L")
    ws.group("hidden layer", "z1", "a1")
    if matrix:
        ws.step(z1_matrix, name="z1", label="z1")
    else:
        ws.step(z1_rows, name="z1", label="z1")
    ws.step(a1, label="a1")
    ws.step(z2, label="z2")
    ws.step(y_hat, label="ŷ")
    ws.step(L, label="L")
    ws.step(dL_dyhat, label="∂L/∂ŷ", means=grad("L", wrt="y_hat"))
    ws.step(dyhat_dz2, label="∂ŷ/∂z2")
    ws.step(delta2, label="δ2", means=grad("L", wrt="z2"))
    ws.step(dL_dW2, label="∂L/∂W2", means=grad("L", wrt="W2"))
    ws.step(dL_db2, label="∂L/∂b2", means=grad("L", wrt="b2"))
    ws.step(dL_da1, label="∂L/∂a1", means=grad("L", wrt="a1"))
    ws.step(one_minus_a1, label="1 - a1")
    ws.step(da1_dz1, label="∂a1/∂z1")
    ws.step(delta1, label="δ1", means=grad("L", wrt="z1"))
    if matrix:
        ws.step(dL_dW1_matrix, name="dL_dW1", label="∂L/∂W1", means=grad("L", wrt="W1"))
    else:
        for r in (0, 1):
            ws.step(
                dL_dW1_row(r),
                name=f"dL_dW1_{r}",
                label=f"∂L/∂W1, row {r + 1}",
                means=grad("L", wrt=f"W1_{r}"),
            )
    ws.step(dL_db1, label="∂L/∂b1", means=grad("L", wrt="b1"))

    ws.step(scaled, name="eta_dW2", label="η ∂L/∂W2", inputs=["eta", "dL_dW2"])
    ws.step(minus, name="W2_new", label="W2 (new)", inputs=["W2", "eta_dW2"], means=update("W2", lr="eta"))
    ws.step(scaled, name="eta_db2", label="η ∂L/∂b2", inputs=["eta", "dL_db2"])
    ws.step(minus, name="b2_new", label="b2 (new)", inputs=["b2", "eta_db2"], means=update("b2", lr="eta"))
    if matrix:
        ws.step(scaled, name="eta_dW1", label="η ∂L/∂W1", inputs=["eta", "dL_dW1"])
        ws.step(
            minus, name="W1_new", label="W1 (new)", inputs=["W1", "eta_dW1"], means=update("W1", lr="eta")
        )
    else:
        for r in (0, 1):
            ws.step(
                scaled, name=f"eta_dW1_{r}", label=f"η ∂L/∂W1, row {r + 1}", inputs=["eta", f"dL_dW1_{r}"]
            )
            ws.step(
                minus,
                name=f"W1_{r}_new",
                label=f"W1 (new), row {r + 1}",
                inputs=[f"W1_{r}", f"eta_dW1_{r}"],
                means=update(f"W1_{r}", lr="eta"),
            )
    ws.step(scaled, name="eta_db1", label="η ∂L/∂b1", inputs=["eta", "dL_db1"])
    ws.step(minus, name="b1_new", label="b1 (new)", inputs=["b1", "eta_db1"], means=update("b1", lr="eta"))
    return ws


worked_example = _worksheet(
    "kaifeng llm-learn: 2-2-1 sigmoid net with biases, one step (W1 by rows)", matrix=False
)
matrix_form = _worksheet(
    "kaifeng llm-learn: 2-2-1 sigmoid net with biases, one step (W1 as a matrix)", matrix=True
)
