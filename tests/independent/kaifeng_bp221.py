"""Independent exact values for cases/kaifeng_bp221.yaml (no gradaudit, checks or reference import).

Source: kaifeng, llm-learn, "反向传播的梯度计算" (source/part_basics/training/backpropagation.md;
text in cases/texts/kaifeng_bp221.txt). A 2-2-1 sigmoid net with biases, one sample X = [1, 2],
y = 0.5, L = 1/2 (y_hat - y)^2, one gradient-descent step with eta = 0.1.

Each quantity is computed by the article's own formula, in its order, from the given values, at
30 significant digits -- including its dL/dW1 = delta1^T . X (a hidden x input matrix, while W1 is
input x hidden in z1 = X . W1 + b1) and its update W1 - eta * that, element by element as written.
Row names are the claim names of case kaifeng-bp221: vectors `name[i]`; the article's 2x2
matrices (dL/dW1, eta dL/dW1, W1 new) are bound row by row there (`dL_dW1_0[1]` is the article's
dL/dW1[0,1]), because the case format takes 1-D printed lists. The companion case
kaifeng-bp221-matrix has no claims (formula rows only) and so no entry here.
"""

from __future__ import annotations

import mpmath
from mpmath import mpf

mpmath.mp.dps = 30

CASE_ID = "kaifeng-bp221"


def sigmoid(v):
    return 1 / (1 + mpmath.exp(-v))


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    X = [mpf(1), mpf(2)]
    y = mpf("0.5")
    W1 = [[mpf("0.5"), mpf("0.6")], [mpf("0.7"), mpf("0.8")]]  # z1 = X . W1: W1[i][j] input i -> hidden j
    b1 = [mpf("0.1"), mpf("0.2")]
    W2 = [mpf("0.9"), mpf("0.1")]
    b2 = mpf("0.3")
    eta = mpf("0.1")

    # Forward: z1 = X . W1 + b1 = [1x0.5 + 2x0.7 + 0.1, 1x0.6 + 2x0.8 + 0.2]
    z1 = [X[0] * W1[0][j] + X[1] * W1[1][j] + b1[j] for j in range(2)]
    a1 = [sigmoid(v) for v in z1]
    z2 = a1[0] * W2[0] + a1[1] * W2[1] + b2  # a1 . W2^T + b2
    y_hat = sigmoid(z2)
    L = (y_hat - y) ** 2 / 2

    # Backward, in the article's order
    dL_dyhat = y_hat - y
    dyhat_dz2 = y_hat * (1 - y_hat)
    delta2 = dL_dyhat * dyhat_dz2
    dL_dW2 = [delta2 * a1[j] for j in range(2)]
    dL_db2 = delta2
    dL_da1 = [delta2 * W2[j] for j in range(2)]
    one_minus_a1 = [1 - a1[j] for j in range(2)]  # printed inside sigma'(z1): 0.1192, 0.0916
    da1_dz1 = [a1[j] * one_minus_a1[j] for j in range(2)]
    delta1 = [dL_da1[j] * da1_dz1[j] for j in range(2)]
    dL_dW1 = [
        [delta1[j] * X[i] for i in range(2)] for j in range(2)
    ]  # delta1^T . X: row j (hidden), column i (input)
    dL_db1 = list(delta1)

    # Update (eta = 0.1), each change printed inside the update's expression
    eta_dW2 = [eta * g for g in dL_dW2]
    W2_new = [W2[j] - eta_dW2[j] for j in range(2)]
    eta_db2 = eta * dL_db2
    b2_new = b2 - eta_db2
    eta_dW1 = [[eta * dL_dW1[r][c] for c in range(2)] for r in range(2)]
    W1_new = [
        [W1[r][c] - eta_dW1[r][c] for c in range(2)] for r in range(2)
    ]  # as written: W1[r][c] - eta (delta1^T X)[r][c]
    eta_db1 = [eta * g for g in dL_db1]
    b1_new = [b1[j] - eta_db1[j] for j in range(2)]

    rows: dict[str, mpmath.mpf] = {}

    def put(name, value):
        if isinstance(value, list) and value and isinstance(value[0], list):
            for r, row in enumerate(value):
                for c, v in enumerate(row):
                    rows[f"{name}[{r},{c}]"] = v
        elif isinstance(value, list):
            for i, v in enumerate(value):
                rows[f"{name}[{i}]"] = v
        else:
            rows[name] = value

    for name, value in [
        ("z1", z1),
        ("a1", a1),
        ("z2", z2),
        ("y_hat", y_hat),
        ("L", L),
        ("dL_dyhat", dL_dyhat),
        ("dyhat_dz2", dyhat_dz2),
        ("delta2", delta2),
        ("dL_dW2", dL_dW2),
        ("dL_db2", dL_db2),
        ("dL_da1", dL_da1),
        ("one_minus_a1", one_minus_a1),
        ("da1_dz1", da1_dz1),
        ("delta1", delta1),
        # the case binds W1's matrices row by row: W1_0 (out of input 1), W1_1 (out of input 2)
        ("dL_dW1_0", dL_dW1[0]),
        ("dL_dW1_1", dL_dW1[1]),
        ("dL_db1", dL_db1),
        ("eta_dW2", eta_dW2),
        ("W2_new", W2_new),
        ("b2_new", b2_new),  # eta_db2 is printed only as an operand of b2_new
        ("eta_dW1_0", eta_dW1[0]),
        ("W1_0_new", W1_new[0]),
        ("eta_dW1_1", eta_dW1[1]),
        ("W1_1_new", W1_new[1]),
        ("eta_db1", eta_db1),
        ("b1_new", b1_new),
    ]:
        put(name, value)
    return {CASE_ID: rows}


def true_dL_dW1() -> list[list[mpmath.mpf]]:
    """For the expect comments only (not a row): the gradient in W1's own layout, X^T . delta1."""
    ex = exact()[CASE_ID]
    X = [mpf(1), mpf(2)]
    d = [ex["delta1[0]"], ex["delta1[1]"]]
    return [[X[i] * d[j] for j in range(2)] for i in range(2)]


if __name__ == "__main__":
    for case_id, rows in exact().items():
        print(case_id)
        for name, value in rows.items():
            print(f"  {name:16s} {mpmath.nstr(value, 20)}")
    print("true dL/dW1 (W1 layout, not a row):", [[mpmath.nstr(v, 12) for v in r] for r in true_dL_dW1()])
