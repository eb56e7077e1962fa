"""Independent exact values for cases/abdulrehman_bp222.yaml (no gradaudit, checks or reference import).

Source: AbdulRehman393, AI-LAB, BackPropagation/Backpropagation.ipynb (text in
cases/texts/abdulrehman_bp222.txt). A 2-2-2 sigmoid network with one bias per layer shared by its
neurons, E_total = 0.5 (T1 - y1)^2 + 0.5 (T2 - y2)^2, one gradient step with lr = 0.3 on every
weight and both biases, then the forward pass again.

Each quantity is computed by the notebook's own formula, in its order, from the given values, at
30 significant digits. Row names are the claim names of the case.
"""

from __future__ import annotations

import mpmath
from mpmath import mpf

mpmath.mp.dps = 30

CASE_ID = "abdulrehman-bp222"


def sigmoid(z):
    return 1 / (1 + mpmath.exp(-z))


def forward(x1, x2, w, b1, b2):
    """The notebook's forward_pass, w = {1: w1, ..., 8: w8}."""
    h1_net = x1 * w[1] + x2 * w[2] + b1
    h2_net = x1 * w[3] + x2 * w[4] + b1
    h1, h2 = sigmoid(h1_net), sigmoid(h2_net)
    y1_net = h1 * w[5] + h2 * w[6] + b2
    y2_net = h1 * w[7] + h2 * w[8] + b2
    return h1_net, h2_net, h1, h2, y1_net, y2_net, sigmoid(y1_net), sigmoid(y2_net)


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    x1, x2 = mpf("0.10"), mpf("0.20")
    start = ("0.20", "0.25", "0.30", "0.35", "0.45", "0.50", "0.55", "0.60")  # w1 ... w8
    w = {k: mpf(v) for k, v in zip(range(1, 9), start)}
    b1, b2 = mpf("0.40"), mpf("0.65")
    T1, T2 = mpf("0.05"), mpf("0.95")
    lr = mpf("0.3")

    h1_net, h2_net, h1, h2, y1_net, y2_net, y1, y2 = forward(x1, x2, w, b1, b2)
    E1 = mpf("0.5") * (T1 - y1) ** 2
    E2 = mpf("0.5") * (T2 - y2) ** 2
    E_total = E1 + E2
    dE_dy1, dE_dy2 = -(T1 - y1), -(T2 - y2)
    dy1_dnet, dy2_dnet = y1 * (1 - y1), y2 * (1 - y2)
    delta1, delta2 = dE_dy1 * dy1_dnet, dE_dy2 * dy2_dnet
    dw = {5: delta1 * h1, 6: delta1 * h2, 7: delta2 * h1, 8: delta2 * h2}
    # hidden deltas from the old output weights, as the notebook computes them
    delta_H1 = (delta1 * w[5] + delta2 * w[7]) * h1 * (1 - h1)
    delta_H2 = (delta1 * w[6] + delta2 * w[8]) * h2 * (1 - h2)
    dw.update({1: delta_H1 * x1, 2: delta_H1 * x2, 3: delta_H2 * x1, 4: delta_H2 * x2})
    new = {k: w[k] - lr * dw[k] for k in w}
    b2_new = b2 - lr * (delta1 + delta2)
    b1_new = b1 - lr * (delta_H1 + delta_H2)
    _, _, h1a, h2a, _, _, y1a, y2a = forward(x1, x2, new, b1_new, b2_new)
    E1a = mpf("0.5") * (T1 - y1a) ** 2
    E2a = mpf("0.5") * (T2 - y2a) ** 2
    rows = {
        "H1_net": h1_net, "H2_net": h2_net, "H1": h1, "H2": h2,
        "y1_net": y1_net, "y2_net": y2_net, "y1": y1, "y2": y2,
        "E1": E1, "E2": E2, "E_total": E_total,
        "dE_dy1": dE_dy1, "dy1_dnet": dy1_dnet, "delta1": delta1,
        "dE_dy2": dE_dy2, "dy2_dnet": dy2_dnet, "delta2": delta2,
        "delta_H1": delta_H1, "delta_H2": delta_H2,
        "b1_new": b1_new, "b2_new": b2_new,
        "H1_after": h1a, "H2_after": h2a, "y1_after": y1a, "y2_after": y2a,
        "E1_after": E1a, "E2_after": E2a, "E_total_after": E1a + E2a,
        "reduction": E_total - (E1a + E2a),
    }
    rows.update({f"dw{k}": dw[k] for k in sorted(dw)})
    rows.update({f"w{k}_new": new[k] for k in sorted(new)})
    return {CASE_ID: rows}


if __name__ == "__main__":
    for case_id, rows in exact().items():
        print(case_id)
        for name, value in rows.items():
            print(f"  {name:14s} {mpmath.nstr(value, 20)}")
