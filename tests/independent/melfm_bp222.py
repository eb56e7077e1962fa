"""Independent exact values for cases/melfm_bp222.yaml (no gradaudit, checks, reference).

Source: melfm, notes, docs/machine_learning/neural_nets/backprop.md at commit 6271ac5 (text in
cases/texts/melfm_bp222.txt). A 2-2-2 logistic network, z1 = w1 x1 + w3 x2 + b1, z2 = w2 x1 + w4 x2 + b1,
y1 = w5 a_h1 + w6 a_h2 + b2 (the notes' formula), y2 = w7 a_h1 + w8 a_h2 + b2, E = sum 1/2 (t - y_hat)^2,
the chain for w5, one step with alpha = 0.5, the start of the chain for w1; w6 = 0.50 (h2 -> y1),
w7 = 0.45 (h1 -> y2), w8 = 0.55 from the notes' figure. From the given values at 30 digits; row names
are the claim names of the case.
"""

from __future__ import annotations

import mpmath
from mpmath import mpf

mpmath.mp.dps = 30

CASE_ID = "melfm-bp222"


def _logistic(z):
    return 1 / (1 + mpmath.exp(-z))


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    x1, x2, t1, t2, alpha = mpf("0.05"), mpf("0.1"), mpf("0.01"), mpf("0.99"), mpf("0.5")
    w1, w2, w3, w4, b1 = mpf("0.15"), mpf("0.20"), mpf("0.25"), mpf("0.3"), mpf("0.30")
    w5, w6, w7, w8, b2 = mpf("0.4"), mpf("0.50"), mpf("0.45"), mpf("0.55"), mpf("0.7")
    z1 = w1 * x1 + w3 * x2 + b1                # 0.0075 + 0.025 + 0.30 = 0.3325
    z2 = w2 * x1 + w4 * x2 + b1                # 0.01 + 0.03 + 0.30 = 0.34
    a_h1, a_h2 = _logistic(z1), _logistic(z2)  # 0.58237, 0.58419
    net_y1 = w5 * a_h1 + w6 * a_h2 + b2        # 1.22504 (the notes print 1.196, with 0.45 for w6)
    net_y2 = w7 * a_h1 + w8 * a_h2 + b2        # 1.28337
    y_hat1, y_hat2 = _logistic(net_y1), _logistic(net_y2)  # 0.77295, 0.78302
    E_y1 = (t1 - y_hat1) ** 2 / 2
    E_y2 = (t2 - y_hat2) ** 2 / 2
    dE_dy_hat1 = -(t1 - y_hat1)
    dy_hat1_dnet_y1 = y_hat1 * (1 - y_hat1)
    dnet_y1_dw5 = a_h1
    dE_dw5 = dE_dy_hat1 * dy_hat1_dnet_y1 * dnet_y1_dw5
    dE_dnet_y1 = dE_dy_hat1 * dy_hat1_dnet_y1
    out = {
        "z1": z1, "a_h1": a_h1, "z2": z2, "a_h2": a_h2, "net_y1": net_y1, "y_hat1": y_hat1,
        "y_hat2": y_hat2, "E_y1": E_y1, "E_y2": E_y2, "E_total": E_y1 + E_y2,
        "dE_dy_hat1": dE_dy_hat1, "dy_hat1_dnet_y1": dy_hat1_dnet_y1, "dnet_y1_dw5": dnet_y1_dw5,
        "dE_dw5": dE_dw5, "w5_new": w5 - alpha * dE_dw5, "dE_dnet_y1": dE_dnet_y1,
        "dnet_y1_da_h1": w5, "dE_y1_da_h1": dE_dnet_y1 * w5, "da_h1_dz1": a_h1 * (1 - a_h1),
        "dz1_dw1": x1,
    }
    return {CASE_ID: out}


if __name__ == "__main__":
    for case_id, rows in exact().items():
        print(case_id)
        for name, value in rows.items():
            print(f"  {name:16s} {mpmath.nstr(value, 20)}")
