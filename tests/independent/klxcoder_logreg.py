"""Independent exact values for cases/klxcoder_logreg.yaml (no gradaudit, checks, reference).

Source: klxcoder, learn-machine-learning, week3/01.md (text in cases/texts/klxcoder_logreg.txt).
Logistic regression on one point: z = w x + b, p = 1 / (1 + e^-z), loss = -(y ln p + (1 - y)
ln(1 - p)), the chain rule d(loss)/dp (1-y)/(1-p) - y/p, dp/dz = p(1 - p), dz/dw = x, dz/db = 1,
one step of gradient descent with alpha = 0.1, from the given values at 30 digits. Row names are
the claim names of the case.
"""

from __future__ import annotations

import mpmath
from mpmath import mpf

mpmath.mp.dps = 30

CASE_ID = "klxcoder-logreg"


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    x, y, w, b, alpha = mpf(2), mpf(1), mpf("0.5"), mpf(-1), mpf("0.1")
    wx = w * x                                           # "0.5 * 2 ... = 1"
    z = wx + b                                           # "1 + (-1) = 0"
    e_neg_z = mpmath.exp(-z)                             # "\frac{1}{1+e^{0}} = \frac{1}{1+1}"
    denom = 1 + e_neg_z                                  # "\frac{1}{2}"
    p = 1 / denom                                        # "= 0.5"
    loss = -(y * mpmath.log(p) + (1 - y) * mpmath.log(1 - p))  # "loss(0.5, 1) ≈ 0.693"
    dloss_dp = (1 - y) / (1 - p) - y / p                 # "= -2"
    dp_dz = p * (1 - p)                                  # "= 0.25"
    dloss_dz = dloss_dp * dp_dz                          # "= -0.5"
    dloss_dw = dloss_dz * x                              # "= -1"
    dz_db = mpf(1)                                       # "\frac{dz}{db} = 1"
    dloss_db = dloss_dz * dz_db                          # "= -0.5"
    out = {
        "wx": wx, "z": z, "e_neg_z": e_neg_z, "denom": denom, "p": p, "loss": loss,
        "dloss_dp": dloss_dp, "dp_dz": dp_dz, "dloss_dz": dloss_dz, "dloss_dw": dloss_dw,
        "dz_db": dz_db, "dloss_db": dloss_db,
        "w_new": w - alpha * dloss_dw,                   # "= 0.6"
        "b_new": b - alpha * dloss_db,                   # "= -0.95"
    }
    return {CASE_ID: out}


if __name__ == "__main__":
    for case_id, rows in exact().items():
        print(case_id)
        for name, value in rows.items():
            print(f"  {name:10s} {mpmath.nstr(value, 20)}")
