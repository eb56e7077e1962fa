"""Independent exact values for cases/pythonandml_numerical.yaml (no gradaudit, checks or reference import).

Source: pythonandml "Deep Learning with Python", 2.12 "Numerical example Forward and Back pass"
(text in cases/texts/pythonandml_numerical.txt). A 3-2-2 sigmoid network, row vectors, the
chapter's formulas: z_1 = a_0 W_1 + b_1^T, ..., delta_2 = (a_2 - y) (.) f_2'(z_2), delta_1 =
(delta_2 W_2^T) (.) f_1'(z_1), dJ/dW_1 = a_0^T delta_1, dJ/dW_2 = a_1^T delta_2, dJ/db = delta,
W := W - (eta/m) dJ/dW with eta = 0.01, m = 1.

Each quantity at 30 significant digits, in the chapter's order, from the given values. Row names
are the claim rows of the case (`W1_new[0,1]` for an element of a matrix claim).
"""

from __future__ import annotations

import mpmath
from mpmath import mpf

mpmath.mp.dps = 30

CASE_ID = "pythonandml-numerical"


def sigmoid(z):
    return 1 / (1 + mpmath.exp(-z))


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    x = [mpf(1), mpf(4), mpf(5)]
    y = [mpf("0.1"), mpf("0.05")]
    W1 = [[mpf("0.1"), mpf("0.2")], [mpf("0.3"), mpf("0.4")], [mpf("0.5"), mpf("0.6")]]
    b1 = [mpf("0.5"), mpf("0.5")]
    W2 = [[mpf("0.7"), mpf("0.8")], [mpf("0.9"), mpf("0.1")]]
    b2 = [mpf("0.5"), mpf("0.5")]
    eta, m = mpf("0.01"), 1

    a0W1 = [sum(x[i] * W1[i][j] for i in range(3)) for j in range(2)]
    z1 = [a0W1[j] + b1[j] for j in range(2)]
    a1 = [sigmoid(v) for v in z1]
    z2 = [sum(a1[i] * W2[i][k] for i in range(2)) + b2[k] for k in range(2)]
    a2 = [sigmoid(v) for v in z2]
    dJ_da2 = [a2[k] - y[k] for k in range(2)]
    f2p = [sigmoid(v) * (1 - sigmoid(v)) for v in z2]
    delta2 = [dJ_da2[k] * f2p[k] for k in range(2)]
    f1p = [sigmoid(v) * (1 - sigmoid(v)) for v in z1]
    delta1 = [sum(delta2[k] * W2[j][k] for k in range(2)) * f1p[j] for j in range(2)]  # (delta_2 W_2^T)_j
    dW1 = [[x[i] * delta1[j] for j in range(2)] for i in range(3)]
    dW2 = [[a1[i] * delta2[k] for k in range(2)] for i in range(2)]
    rows: dict[str, mpmath.mpf] = {}

    def vec(name, v):
        rows.update({f"{name}[{i}]": e for i, e in enumerate(v)})

    def mat(name, M):
        rows.update({f"{name}[{i},{j}]": e for i, r in enumerate(M) for j, e in enumerate(r)})

    for name, v in (("a0W1", a0W1), ("z1", z1), ("a1", a1), ("z2", z2), ("a2", a2), ("dJ_da2", dJ_da2),
                    ("f2p", f2p), ("delta2", delta2), ("f1p", f1p), ("delta1", delta1),
                    ("dJ_db1", delta1), ("dJ_db2", delta2)):
        vec(name, v)
    mat("dJ_dW1", dW1)
    mat("dJ_dW2", dW2)
    mat("W1_new", [[W1[i][j] - eta / m * dW1[i][j] for j in range(2)] for i in range(3)])
    mat("W2_new", [[W2[i][k] - eta / m * dW2[i][k] for k in range(2)] for i in range(2)])
    vec("b1_new", [b1[j] - eta / m * delta1[j] for j in range(2)])
    vec("b2_new", [b2[k] - eta / m * delta2[k] for k in range(2)])
    return {CASE_ID: rows}


if __name__ == "__main__":
    for case_id, rows in exact().items():
        print(case_id)
        for name, value in rows.items():
            print(f"  {name:14s} {mpmath.nstr(value, 20)}")
