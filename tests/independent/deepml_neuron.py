"""Independent exact values for cases/deepml_neuron.yaml (no gradaudit, checks or reference import).

Source: Deep-ML problem 25, "Single Neuron with Backpropagation" (https://www.deep-ml.com/problem/
Single%20Neuron%20with%20Backpropagation; repository Open-Deep-ML/DML-OpenProblem; text in
cases/texts/deepml_neuron.txt). One sigmoid neuron, full-batch gradient descent on
MSE = 1/n sum (sigma(z_i) - y_i)^2, with the "Learn" section's own formulas:

    z = X w + b,  sigma(z) = 1 / (1 + e^-z),
    dMSE/dw_j = 2/n sum (sigma(z_i) - y_i) sigma'(z_i) x_ij,
    dMSE/db = 2/n sum (sigma(z_i) - y_i) sigma'(z_i),
    w_j <- w_j - alpha dMSE/dw_j,  b <- b - alpha dMSE/db,

and the code's order: each epoch records the MSE *before* its update, then updates w and b from
the same predictions. sigma'(z) is written through the output, sigma(z)(1 - sigma(z)).

Row names are the case's claim names: mse_k (the MSE recorded in epoch k, i.e. at the parameters
after k-1 updates), w_k[j], b_k (after k updates). Two given sets: the problem's example (2 epochs)
and the second test case (3 epochs).

Two further procedures are computed for the cases whose reference is the course's own solution
code of a given date (cases ...-code):
- 2024-07-12 solution (compiled problems.py): gradients sum(...) / n, i.e. 1/n instead of 2/n
  (half the MSE gradient);
- 2024-09-11 solution: weight gradient 2/n sum(...), bias gradient 2/n * mean(...) = 2/n^2 sum(...).
"""

from __future__ import annotations

import mpmath
from mpmath import mpf

mpmath.mp.dps = 30

EXAMPLE = {
    "X": [[1, 2], [2, 1], [-1, -2]],
    "y": [1, 0, 0],
    "w0": ["0.1", "-0.2"],
    "b0": "0.0",
    "lr": "0.1",
    "epochs": 2,
}
TEST2 = {
    "X": [[1, 2], [2, 3], [3, 1]],
    "y": [1, 0, 1],
    "w0": ["0.5", "-0.2"],
    "b0": "0",
    "lr": "0.1",
    "epochs": 3,
}


def sigmoid(v):
    return 1 / (1 + mpmath.exp(-v))


def train(data, weight_scale="stated", bias_scale="stated"):
    """Rows {mse_k for k = 1..epochs, w_K[j], b_K for the last epoch K}, as the procedure computes them.

    weight_scale / bias_scale: "stated" (2/n sum, the Learn section), "half" (1/n sum, the
    2024-07-12 solution), "mean" (2/n mean = 2/n^2 sum, the 2024-09-11 solution's bias).
    """
    X = [[mpf(v) for v in row] for row in data["X"]]
    y = [mpf(v) for v in data["y"]]
    w = [mpf(v) for v in data["w0"]]
    b = mpf(data["b0"])
    lr = mpf(data["lr"])
    n = len(y)
    factor = {"stated": mpf(2) / n, "half": mpf(1) / n, "mean": mpf(2) / n / n}
    rows: dict[str, mpmath.mpf] = {}
    for k in range(1, data["epochs"] + 1):
        z = [sum(X[i][j] * w[j] for j in range(len(w))) + b for i in range(n)]       # z = X w + b
        p = [sigmoid(v) for v in z]                                                   # sigma(z)
        rows[f"mse_{k}"] = sum((p[i] - y[i]) ** 2 for i in range(n)) / n            # before the update
        g = [(p[i] - y[i]) * p[i] * (1 - p[i]) for i in range(n)]                    # (sigma - y) sigma'
        dw = [factor[weight_scale] * sum(g[i] * X[i][j] for i in range(n)) for j in range(len(w))]
        db = factor[bias_scale] * sum(g)
        w = [w[j] - lr * dw[j] for j in range(len(w))]                                # w - alpha dMSE/dw
        b = b - lr * db
    k = data["epochs"]                       # printed: the parameters after the last epoch only
    for j in range(len(w)):
        rows[f"w_{k}[{j}]"] = w[j]
    rows[f"b_{k}"] = b
    return rows


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    stated_example = train(EXAMPLE)
    stated_test2 = train(TEST2)
    return {
        # the stated procedure (Learn section) at the example's and test 2's given values
        "deepml-neuron-example-2024-07-12": stated_example,
        "deepml-neuron-test1-2024-07-12": stated_example,
        "deepml-neuron-test2-2024-07-12": stated_test2,
        "deepml-neuron-test1-2024-09-11": stated_example,
        "deepml-neuron-test2-2024-09-11": stated_test2,
        "deepml-neuron-example-2024-09-26": stated_example,
        "deepml-neuron-test2-2025-06-15": stated_test2,
        # the course's solution code of the date, as written
        "deepml-neuron-test1-2024-07-12-code": train(EXAMPLE, "half", "half"),
        "deepml-neuron-test1-2024-09-11-code": train(EXAMPLE, "stated", "mean"),
    }


if __name__ == "__main__":
    for case, rows in exact().items():
        print(case)
        for name, value in rows.items():
            print(f"  {name:10s} {mpmath.nstr(value, 20)}")
