"""Independent exact values for cases/lee_propagation221.yaml (no gradaudit, checks or reference import).

Source: Lee-keonhee, zero_to_deep_kh, _posts/2025-07-27-propagation.md (text in
cases/texts/lee_propagation221.txt). A 2-2-1 network without biases, sigmoid hidden layer, linear
output, L = (y_1 - y_hat)^2, the post's gradients, one step with eta = 0.1, then the prediction
with the updated weights, from the given values at 30 digits. Row names are the claim names of
the case.
"""

from __future__ import annotations

import mpmath
from mpmath import mpf

mpmath.mp.dps = 30

CASE_ID = "lee-propagation221"


def _forward(x1, x2, w):
    z1 = w[1] * x1 + w[3] * x2
    z2 = w[2] * x1 + w[4] * x2
    a1 = 1 / (1 + mpmath.exp(-z1))
    a2 = 1 / (1 + mpmath.exp(-z2))
    return z1, z2, a1, a2, w[5] * a1 + w[6] * a2


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    x1, x2, y1, eta = mpf("0.5"), mpf("0.3"), mpf("0.7"), mpf("0.1")
    w = {1: mpf("0.3"), 2: mpf("0.2"), 3: mpf("0.2"), 4: mpf("0.3"), 5: mpf("0.4"), 6: mpf("0.5")}
    z1, z2, a1, a2, y_hat = _forward(x1, x2, w)
    error = y1 - y_hat
    out = {"z1": z1, "z2": z2, "a1": a1, "a2": a2, "y_hat": y_hat, "error": error, "L": error**2}
    g = {
        5: -2 * error * a1,
        6: -2 * error * a2,
        1: -2 * error * w[5] * a1 * (1 - a1) * x1,
        2: -2 * error * w[6] * a2 * (1 - a2) * x1,
        3: -2 * error * w[5] * a1 * (1 - a1) * x2,
        4: -2 * error * w[6] * a2 * (1 - a2) * x2,
    }
    new = {i: w[i] - eta * g[i] for i in w}
    for i in range(1, 7):
        out[f"dL_dw{i}"] = g[i]
        out[f"w{i}_new"] = new[i]
    out["y_hat_new"] = _forward(x1, x2, new)[4]
    return {CASE_ID: out}


if __name__ == "__main__":
    for case_id, rows in exact().items():
        print(case_id)
        for name, value in rows.items():
            print(f"  {name:10s} {mpmath.nstr(value, 20)}")
