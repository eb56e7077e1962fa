"""Independent exact values for cases/hiratsuca_mlp_tanh.yaml (no gradaudit, checks or reference import).

Source: LuccaHiratsuca, neural-networks-coursework, docs/exercises/mlp/main.md, Exercise 1 (text in
cases/texts/hiratsuca_mlp_tanh.txt). A 2-2-1 tanh network in the solution's row-vector layout (z =
x W + b), squared error, one gradient-descent step with eta = 0.3, from the given values at 30
digits. Row names are the claim names of the case (`name[i]`, `name[i,j]` for vectors, matrices).
"""

from __future__ import annotations

import mpmath
from mpmath import mpf

mpmath.mp.dps = 30

CASE_ID = "hiratsuca-mlp-tanh"


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    x = [mpf("0.5"), mpf("-0.2")]
    y = mpf("1.0")
    W1 = [[mpf("0.3"), mpf("-0.1")], [mpf("0.2"), mpf("0.4")]]
    b1 = [mpf("0.1"), mpf("-0.2")]
    W2 = [mpf("0.5"), mpf("-0.3")]
    b2, eta = mpf("0.2"), mpf("0.3")
    rows: dict[str, mpmath.mpf] = {}

    def put(name, v):
        if isinstance(v, list):
            for i, e in enumerate(v):
                if isinstance(e, list):
                    for j, f in enumerate(e):
                        rows[f"{name}[{i},{j}]"] = f
                else:
                    rows[f"{name}[{i}]"] = e
        else:
            rows[name] = v

    t1 = [x[0] * w for w in W1[0]]  # x_1 W1[1, :]
    t2 = [x[1] * w for w in W1[1]]
    z1 = [t1[j] + t2[j] + b1[j] for j in range(2)]
    h1 = [mpmath.tanh(z) for z in z1]
    terms = [h1[j] * W2[j] for j in range(2)]
    u2 = terms[0] + terms[1] + b2
    y_hat = mpmath.tanh(u2)
    L = (y - y_hat) ** 2
    dL_dyhat = 2 * (y_hat - y)
    dyhat_du2 = 1 - y_hat**2
    dL_du2 = dL_dyhat * dyhat_du2
    dL_dW2 = [h * dL_du2 for h in h1]
    dL_dh1 = [dL_du2 * w for w in W2]
    dh1_dz1 = [1 - mpmath.tanh(z) ** 2 for z in z1]
    dL_dz1 = [dL_dh1[j] * dh1_dz1[j] for j in range(2)]
    dL_dW1 = [[x[i] * dL_dz1[j] for j in range(2)] for i in range(2)]
    for name, v in (
        ("x1_W1_row", t1), ("x2_W1_row", t2), ("z1", z1), ("h1", h1), ("h1_W2_terms", terms),
        ("u2", u2), ("y_hat", y_hat), ("L", L), ("dL_dyhat", dL_dyhat), ("dyhat_du2", dyhat_du2),
        ("dL_du2", dL_du2), ("dL_dW2", dL_dW2), ("dL_db2", dL_du2), ("dL_dh1", dL_dh1),
        ("dh1_dz1", dh1_dz1), ("dL_dz1", dL_dz1), ("dL_dW1", dL_dW1), ("dL_db1", dL_dz1),
        ("W2_new", [W2[j] - eta * dL_dW2[j] for j in range(2)]),
        ("b2_new", b2 - eta * dL_du2),
        ("W1_new", [[W1[i][j] - eta * dL_dW1[i][j] for j in range(2)] for i in range(2)]),
        ("b1_new", [b1[j] - eta * dL_dz1[j] for j in range(2)]),
    ):
        put(name, v)
    return {CASE_ID: rows}


if __name__ == "__main__":
    for case_id, values in exact().items():
        print(case_id)
        for name, value in values.items():
            print(f"  {name:16s} {mpmath.nstr(value, 20)}")
