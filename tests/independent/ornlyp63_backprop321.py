"""Independent exact values for cases/ornlyp63_backprop321.yaml (no gradaudit, checks or reference import).

Source: OrnlyP63, BackProp/backpropagation.ipynb (text in cases/texts/ornlyp63_backprop321.txt): a
3-2-1 sigmoid network with row vectors, X = [1, 0, 1], Y = 1, one step with learning_rate = -0.9 as
the notebook's cells compute it, from the given values, at 30 digits. Row names are the claim rows
of the case (each printed array is 2-D: `a1[0,1]`).
"""

from __future__ import annotations

import mpmath
from mpmath import mpf

mpmath.mp.dps = 30

CASE_ID = "ornlyp63-backprop321"


def sig(v):
    return 1 / (1 + mpmath.exp(-v))


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    X = [mpf(1), mpf(0), mpf(1)]
    W1 = [[mpf("0.2"), mpf("-0.3")], [mpf("0.4"), mpf("0.1")], [mpf("-0.5"), mpf("0.2")]]
    W2 = [mpf("-0.3"), mpf("-0.2")]  # the column W2[:, 0]
    b1, b2, Y, lr = [mpf("-0.4"), mpf("0.2")], mpf("0.1"), mpf(1), mpf("-0.9")
    z1 = [sum(X[i] * W1[i][j] for i in range(3)) + b1[j] for j in range(2)]
    a1 = [sig(v) for v in z1]
    a2 = sig(a1[0] * W2[0] + a1[1] * W2[1] + b2)
    err = Y - a2
    g_out = a2 * (1 - a2) * err
    g_h = [a1[j] * (1 - a1[j]) * g_out * W2[j] for j in range(2)]
    rows = {"a2[0,0]": a2, "err[0,0]": err, "gredOut[0,0]": g_out, "b2_new[0,0]": b2 - lr * g_out}
    rows.update({f"a1[0,{j}]": a1[j] for j in range(2)})
    rows.update({f"gredH[0,{j}]": g_h[j] for j in range(2)})
    rows.update({f"W2_new[{j},0]": W2[j] - lr * a1[j] * g_out for j in range(2)})
    rows.update({f"W1_new[{i},{j}]": W1[i][j] - lr * X[i] * g_h[j] for i in range(3) for j in range(2)})
    rows.update({f"b1_new[0,{j}]": b1[j] - lr * g_h[j] for j in range(2)})
    return {CASE_ID: rows}


if __name__ == "__main__":
    for case_id, rows in exact().items():
        print(case_id)
        for name, value in rows.items():
            print(f"  {name:14s} {mpmath.nstr(value, 15)}")
