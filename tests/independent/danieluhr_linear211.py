"""Independent exact values for cases/danieluhr_linear211.yaml (no gradaudit, checks, reference).

Source: Daniel-Uhr, ComputationalEconomics_Notes, 15_xtr_BackPropagation.ipynb (text in
cases/texts/danieluhr_linear211.txt). A 2-1-1 network with identity activations, Loss =
1/2 (y - y_hat)^2, the gradients by the chain rule, v_1 - 0.1 dLoss/dv_1, from the given values at
30 digits. Row names are the claim names of the case.
"""

from __future__ import annotations

import mpmath
from mpmath import mpf

mpmath.mp.dps = 30

CASE_ID = "danieluhr-linear211"


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    x1, x2, w1, w2, b1 = mpf(1), mpf(2), mpf("0.1"), mpf("0.2"), mpf("0.3")
    v1, b2, y, lr = mpf("0.4"), mpf("0.5"), mpf(1), mpf("0.1")
    z1 = w1 * x1 + w2 * x2 + b1                # "= 0.1 + 0.4 + 0.3 = 0.8"
    h1 = z1                                    # identity: "h_1 = z_1 = 0.8"
    y_hat = v1 * h1 + b2                       # "= 0.32 + 0.5 = 0.82"
    loss = (y - y_hat) ** 2 / 2                # "\frac{1}{2} \times 0.0324 = 0.0162"
    # derivatives of the loss by hand: dLoss/dy_hat = y_hat - y, then each factor of the chain
    d_yhat = y_hat - y                         # "-(1 - 0.82) = -0.18"
    d_h1 = d_yhat * v1                         # "-0.18 \times 0.4 = -0.072"
    out = {
        "w1x1": w1 * x1, "w2x2": w2 * x2, "z1": z1, "h1": h1, "v1h1": v1 * h1, "y_hat": y_hat,
        "sq_error": (y - y_hat) ** 2, "Loss": loss, "dLoss_dy_hat": d_yhat,
        "dLoss_dv1": d_yhat * h1, "dLoss_db2": d_yhat, "dLoss_dh1": d_h1,
        "dLoss_dw1": d_h1 * x1, "dLoss_dw2": d_h1 * x2, "dLoss_db1": d_h1,
        "delta_v1": -lr * d_yhat * h1,         # "- 0.1 \times (-0.144)" = "+ 0.0144"
        "v1_new": v1 - lr * d_yhat * h1,       # "= 0.4144"
    }
    return {CASE_ID: out}


if __name__ == "__main__":
    for case_id, rows in exact().items():
        print(case_id)
        for name, value in rows.items():
            print(f"  {name:14s} {mpmath.nstr(value, 20)}")
