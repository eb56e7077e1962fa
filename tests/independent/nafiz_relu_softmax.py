"""Independent exact values for cases/nafiz_relu_softmax.yaml (no gradaudit, checks or reference import).

Source: Ahammad Nafiz, "Backprop by Hand - A Deep Dive into Neural Networks (NN)" (text in
cases/texts/nafiz_relu_softmax.txt). A 3-3-3-3-3 network, column vectors, zero biases, ReLU hidden
layers, softmax output; the backward pass as the post writes it (dZ[4] = Z[4] - Y, "assuming A[4] =
Z[4]"; m = 1), from the given values at 30 digits. Row names are the claim names of the case
(`name[i]`, `name[i,j]` for vectors, matrices).
"""

from __future__ import annotations

import mpmath
from mpmath import mpf

mpmath.mp.dps = 30

CASE_ID = "nafiz-relu-softmax"


def _m(rows):
    return [[mpf(v) for v in r] for r in rows]


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    X = [mpf(1), mpf(4), mpf(7)]
    Y = [mpf(1), mpf(0), mpf(0)]
    W = {
        1: _m([["0.2", "-0.1", "0.4"], ["0.5", "0.3", "-0.6"], ["-0.2", "0.1", "0.3"]]),
        2: _m([["0.1", "-0.2", "0.5"], ["0.4", "0.1", "-0.3"], ["-0.1", "0.3", "0.2"]]),
        3: _m([["0.3", "0.1", "-0.4"], ["0.2", "-0.5", "0.6"], ["-0.3", "0.2", "0.4"]]),
        4: _m([["0.2", "-0.1", "0.5"], ["0.4", "0.1", "-0.3"], ["-0.2", "0.3", "0.2"]]),
    }
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

    A, Z = {0: X}, {}
    for layer, src in ((1, "X"), (2, "A1"), (3, "A2"), (4, "A3")):
        terms = [[W[layer][i][j] * A[layer - 1][j] for j in range(3)] for i in range(3)]
        put(f"W{layer}{src}_terms", terms)
        Z[layer] = [terms[i][0] + terms[i][1] + terms[i][2] for i in range(3)]  # b[l] = 0
        put(f"Z{layer}", Z[layer])
        if layer < 4:
            A[layer] = [z if z > 0 else mpf(0) for z in Z[layer]]
            put(f"A{layer}", A[layer])
    e = [mpmath.exp(z) for z in Z[4]]
    s = e[0] + e[1] + e[2]
    put("exp_Z4", e)
    put("sum_exp", s)
    put("A4", [v / s for v in e])
    dZ = {4: [Z[4][i] - Y[i] for i in range(3)]}  # the post's A[4] = Z[4]
    for layer in (4, 3, 2, 1):
        put(f"dZ{layer}", dZ[layer])
        put(f"dW{layer}", [[dZ[layer][i] * A[layer - 1][j] for j in range(3)] for i in range(3)])
        put(f"db{layer}", dZ[layer])
        if layer == 1:
            break
        WT = [[W[layer][j][i] for j in range(3)] for i in range(3)]
        put(f"W{layer}T", WT)
        terms = [[WT[i][j] * dZ[layer][j] for j in range(3)] for i in range(3)]
        put(f"W{layer}T_dZ{layer}_terms", terms)
        back = [terms[i][0] + terms[i][1] + terms[i][2] for i in range(3)]
        put(f"W{layer}T_dZ{layer}", back)
        prime = [mpf(1) if z > 0 else mpf(0) for z in Z[layer - 1]]
        put(f"relu_prime_Z{layer - 1}", prime)
        dZ[layer - 1] = [back[i] * prime[i] for i in range(3)]
    return {CASE_ID: rows}


if __name__ == "__main__":
    for case_id, values in exact().items():
        print(case_id)
        for name, value in values.items():
            print(f"  {name:22s} {mpmath.nstr(value, 20)}")
