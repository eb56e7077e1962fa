"""Independent exact values for cases/osterrieder_grad211.yaml (no gradaudit, checks or reference import).

Source: Joerg Osterrieder, QuantLet neural-networks-introduction,
gradient_computation_example/gradient_computation_example.pdf (text in
cases/texts/osterrieder_grad211.txt). A 2-1-1 sigmoid network without biases, L = 1/2 (y - y_hat)^2,
the figure's deltas and gradients, one update of w_3 with eta = 0.1, from the given values at 30
digits. Row names are the claim names of the case.
"""

from __future__ import annotations

import mpmath
from mpmath import mpf

mpmath.mp.dps = 30

CASE_ID = "osterrieder-grad211"


def _sigmoid(z):
    return 1 / (1 + mpmath.exp(-z))


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    x1, x2, w1, w2, w3, y, eta = (mpf(v) for v in ("0.5", "0.3", "0.4", "0.6", "0.8", "1", "0.1"))
    z_h = w1 * x1 + w2 * x2
    h = _sigmoid(z_h)
    z_o = w3 * h
    y_hat = _sigmoid(z_o)
    L = (y - y_hat) ** 2 / 2
    delta_o = (y_hat - y) * y_hat * (1 - y_hat)
    delta_h = delta_o * w3 * h * (1 - h)
    dL_dw3 = delta_o * h
    out = {
        "z_h": z_h, "h": h, "z_o": z_o, "y_hat": y_hat, "L": L,
        "delta_o": delta_o, "delta_h": delta_h,
        "dL_dw3": dL_dw3, "dL_dw1": delta_h * x1, "dL_dw2": delta_h * x2,
        "w3_new": w3 - eta * dL_dw3,
    }
    return {CASE_ID: out}


if __name__ == "__main__":
    for case_id, rows in exact().items():
        print(case_id)
        for name, value in rows.items():
            print(f"  {name:10s} {mpmath.nstr(value, 20)}")
