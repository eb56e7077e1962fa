"""Deep-ML problem 25, "Single Neuron with Backpropagation" (medium), and its revisions.

Source: https://www.deep-ml.com/problem/Single%20Neuron%20with%20Backpropagation, kept in the
public repository Open-Deep-ML/DML-OpenProblem (text and provenance: cases/texts/deepml_neuron.txt).
One neuron with a sigmoid, full-batch gradient descent on the mean squared error, for a given
number of epochs; the problem prints the updated weights, the updated bias and the MSE of every
epoch, "each rounded to four decimal places".

Revisions (cases/deepml_neuron.yaml has one case per printing and input set): A, the problem as
first published (<= 2024-07-12), printed an example output that no procedure here reproduces and
test outputs from a solution with 1/n; B, the solution file of 2024-09-11, test outputs with the
bias gradient divided by n twice; C, the example corrected on 2024-09-26 (issue #68) and the
tests of 2025-06-15, which follow the Learn section exactly.

In the problem's notation (its "Learn" section, the same in every revision):

    z = w_1 x_1 + ... + w_n x_n + b,   sigma(z) = 1 / (1 + e^-z),
    MSE = 1/n sum_i (sigma(z_i) - y_i)^2,
    dMSE/dw_j = 2/n sum_i (sigma(z_i) - y_i) sigma'(z_i) x_ij,
    dMSE/db = 2/n sum_i (sigma(z_i) - y_i) sigma'(z_i),
    w_j = w_j - alpha dMSE/dw_j,   b = b - alpha dMSE/db.

`worked_example` is that procedure, epoch by epoch, in the order of the course's solution code:
each epoch k computes z_k, sigma_k and mse_k from the parameters after k-1 updates (mse_k is the
k-th entry of `mse_values`, recorded *before* the update), then the gradients dw_k, db_k from the
same predictions, then w_k, b_k. Three epochs are written out (the example runs 2, the second test
case 3); a case claims only the epochs its printout has. n is the number of rows of X (3 in
every printed case), declared as the size N.

INFERRED (the text does not say it in words):
- sigma'(z) = sigma(z)(1 - sigma(z)), written through the output as the solution code does.
- "each rounded to four decimal places" is the printed precision of every number, also where
  Python prints fewer digits (0.21 for 0.2100, 0.001 for 0.0010): the cases override those.
- `mse_values` holds the MSE before each epoch's update (the solution code appends it before
  updating; the printed values agree).

Two more worksheets are the course's own solution code of a date, written as it was:
- `solution_2024_07_12` (the solution compiled into problems.py of 2024-07-12):
  `weight_gradients = np.dot(features.T, errors * predictions * (1 - predictions))`,
  `bias_gradient = np.sum(...)`, then `weights -= learning_rate * weight_gradients /
  len(labels)`: a 1/n where the Learn section has 2/n.
- `solution_2024_09_11`: `weight_gradients = (2/len(labels)) * np.dot(...)`, `bias_gradient =
  (2/len(labels)) * np.mean(...)`: the bias gradient is divided by n twice.
"""

from __future__ import annotations

import jax.numpy as jnp

from gradaudit import Worksheet, grad, sigmoid, update

EPOCHS = 3
N_ROWS = 3  # rows of X in every printed case: the size N the factors 1/N, N/2 ... are named by


# One epoch's steps, in the order of the Learn section and of the solution code.


def z(X, w, b):
    """z = w_1 x_1 + ... + w_n x_n + b, for every row of X."""
    return X @ w + b


def sig(z):
    """sigma(z) = 1 / (1 + e^-z)."""
    return sigmoid(z)


def mse(sig, y):
    """MSE = 1/n sum (sigma(z_i) - y_i)^2."""
    return jnp.mean((sig - y) ** 2)


def dw_stated(X, sig, y):
    """dMSE/dw_j = 2/n sum_i (sigma(z_i) - y_i) sigma'(z_i) x_ij."""
    n = X.shape[0]
    return (2 / n) * (X.T @ ((sig - y) * sig * (1 - sig)))


def db_stated(X, sig, y):
    """dMSE/db = 2/n sum_i (sigma(z_i) - y_i) sigma'(z_i)."""
    n = X.shape[0]
    return (2 / n) * jnp.sum((sig - y) * sig * (1 - sig))


def dw_sum_over_n(X, sig, y):
    """2024-07-12 solution (compiled problems.py): np.dot(features.T, errors * p * (1 - p)) / len(labels)."""
    n = X.shape[0]
    return (X.T @ ((sig - y) * sig * (1 - sig))) / n


def db_sum_over_n(X, sig, y):
    """2024-07-12 solution (compiled problems.py): np.sum(errors * p * (1 - p)) / len(labels)."""
    n = X.shape[0]
    return jnp.sum((sig - y) * sig * (1 - sig)) / n


def db_two_over_n_mean(X, sig, y):
    """2024-09-11 solution: (2/len(labels)) * np.mean(errors * p * (1 - p))."""
    n = X.shape[0]
    return (2 / n) * jnp.mean((sig - y) * sig * (1 - sig))


def descend(w, lr, dw):
    """w_j = w_j - alpha dMSE/dw_j (and the same for b)."""
    return w - lr * dw


def _worksheet(title, dw_fn, db_fn):
    ws = Worksheet(title, loss="mse_1", sizes={"N": N_ROWS})
    w_prev, b_prev = "w0", "b0"
    for k in range(1, EPOCHS + 1):
        loss = f"mse_{k}"
        ws.step(z, name=f"z_{k}", label="z", inputs=["X", w_prev, b_prev])
        ws.step(sig, name=f"sig_{k}", label="sigma(z)", inputs=[f"z_{k}"])
        ws.step(mse, name=loss, label=f"mse_values[{k - 1}]", group="mse", inputs=[f"sig_{k}", "y"])
        ws.step(
            dw_fn, name=f"dw_{k}", label="dMSE/dw",
            means=grad(loss, wrt=w_prev), inputs=["X", f"sig_{k}", "y"],
        )
        ws.step(
            db_fn, name=f"db_{k}", label="dMSE/db",
            means=grad(loss, wrt=b_prev), inputs=["X", f"sig_{k}", "y"],
        )
        ws.step(
            descend, name=f"w_{k}", label=f"weights after epoch {k}", group="weights",
            means=update(w_prev, lr="lr", loss=loss), inputs=[w_prev, "lr", f"dw_{k}"],
            aka=["updated_weights"],  # "output: updated_weights = [0.0808, -0.1916]", after `epochs`
        )
        ws.step(
            descend, name=f"b_{k}", label=f"bias after epoch {k}", group="biases",
            means=update(b_prev, lr="lr", loss=loss), inputs=[b_prev, "lr", f"db_{k}"],
            aka=["updated_bias"],  # "updated_bias = -0.0214", after `epochs`
        )
        w_prev, b_prev = f"w_{k}", f"b_{k}"
    # The problem's spellings of the given values (only `gradaudit draft` reads them), from its
    # example: "input: features = [[1.0, 2.0], [2.0, 1.0], [-1.0, -2.0]], labels = [1, 0, 0],
    # initial_weights = [0.1, -0.2], initial_bias = 0.0, learning_rate = 0.1, epochs = 2".
    ws.aka("X", "features")
    ws.aka("y", "labels")
    ws.aka("w0", "initial_weights")
    ws.aka("b0", "initial_bias")
    ws.aka("lr", "learning_rate")
    return ws


worked_example = _worksheet(
    "Deep-ML 25: one sigmoid neuron, MSE, full-batch gradient descent (the Learn section's formulas)",
    dw_stated, db_stated,
)

solution_2024_07_12 = _worksheet(
    "Deep-ML 25: the solution code of 2024-07-12 (gradients sum / n: 1/n where the text has 2/n)",
    dw_sum_over_n, db_sum_over_n,
)

solution_2024_09_11 = _worksheet(
    "Deep-ML 25: the solution code of 2024-09-11 (bias gradient 2/n * mean: divided by n twice)",
    dw_stated, db_two_over_n_mean,
)
