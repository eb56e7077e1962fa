"""Independent exact values for cases/vortune_bp222.yaml (no gradaudit, checks or reference import).

Source: Matt Mazur's "A Step by Step Backpropagation Example" in vortune's bilingual edition
(actual-number-backpropagation, A_Step_by_Step_Backpropagation_Example_bilingual.md; text in
cases/texts/vortune_bp222.txt). A 2-2-2 logistic network with one fixed bias per layer, E_total =
sum 1/2 (target - out)^2, the post's gradients, one step with eta = 0.5 for the eight weights (old
weights throughout the backward pass), then the error after that round and after 10,000 rounds,
from the given values at 30 digits. Row names are the claim names of the case.
"""

from __future__ import annotations

import mpmath
from mpmath import mpf

mpmath.mp.dps = 30

CASE_ID = "vortune-bp222"


def _sigmoid(x):
    return 1 / (1 + mpmath.exp(-x))


def _forward(i1, i2, w, b1, b2):
    net_h1 = w[1] * i1 + w[2] * i2 + b1
    net_h2 = w[3] * i1 + w[4] * i2 + b1
    h1, h2 = _sigmoid(net_h1), _sigmoid(net_h2)
    net_o1 = w[5] * h1 + w[6] * h2 + b2
    net_o2 = w[7] * h1 + w[8] * h2 + b2
    return net_h1, net_h2, h1, h2, net_o1, net_o2, _sigmoid(net_o1), _sigmoid(net_o2)


def _round(i1, i2, w, b1, b2, t1, t2, eta):
    """The eight gradients of one backward pass and the updated weights."""
    _, _, h1, h2, _, _, o1, o2 = _forward(i1, i2, w, b1, b2)
    d_o1 = (o1 - t1) * o1 * (1 - o1)  # dE/dnet_o1
    d_o2 = (o2 - t2) * o2 * (1 - o2)  # dE/dnet_o2
    d_h1 = (d_o1 * w[5] + d_o2 * w[7]) * h1 * (1 - h1)
    d_h2 = (d_o1 * w[6] + d_o2 * w[8]) * h2 * (1 - h2)
    g = {5: d_o1 * h1, 6: d_o1 * h2, 7: d_o2 * h1, 8: d_o2 * h2}
    g |= {1: d_h1 * i1, 2: d_h1 * i2, 3: d_h2 * i1, 4: d_h2 * i2}
    return g, {k: w[k] - eta * g[k] for k in w}


def _error(i1, i2, w, b1, b2, t1, t2):
    *_, o1, o2 = _forward(i1, i2, w, b1, b2)
    return (t1 - o1) ** 2 / 2 + (t2 - o2) ** 2 / 2


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    i1, i2, b1, b2, t1, t2, eta = (mpf(v) for v in ("0.05", "0.10", "0.35", "0.60", "0.01", "0.99", "0.5"))
    w = {k: mpf(v) for k, v in enumerate(("0.15", "0.20", "0.25", "0.30", "0.40", "0.45", "0.50", "0.55"), 1)}
    net_h1, net_h2, h1, h2, net_o1, net_o2, o1, o2 = _forward(i1, i2, w, b1, b2)
    out = {"net_h1": net_h1, "out_h1": h1, "out_h2": h2, "net_o1": net_o1, "out_o1": o1, "out_o2": o2}
    out["E_o1"] = (t1 - o1) ** 2 / 2
    out["E_o2"] = (t2 - o2) ** 2 / 2
    out["E_total"] = out["E_o1"] + out["E_o2"]
    out["dE_dout_o1"] = abs(t1 - o1)  # the post's ||target_o1 - out_o1||
    out["dout_o1_dnet_o1"] = o1 * (1 - o1)
    out["dnet_o1_dw5"] = h1
    out["dE_dnet_o1"] = out["dE_dout_o1"] * out["dout_o1_dnet_o1"]
    out["dE_dw5"] = out["dE_dnet_o1"] * h1
    d_o2 = -(t2 - o2) * o2 * (1 - o2)
    out["dnet_o1_dout_h1"] = w[5]
    out["dE_o1_dout_h1"] = out["dE_dnet_o1"] * w[5]
    out["dE_o2_dout_h1"] = d_o2 * w[7]
    out["dE_dout_h1"] = out["dE_o1_dout_h1"] + out["dE_o2_dout_h1"]
    out["dout_h1_dnet_h1"] = h1 * (1 - h1)
    out["dnet_h1_dw1"] = i1
    out["dE_dw1"] = out["dE_dout_h1"] * out["dout_h1_dnet_h1"] * i1
    _, new = _round(i1, i2, w, b1, b2, t1, t2, eta)
    for k in range(1, 9):
        out[f"w{k}_new"] = new[k]
    out["E_total_round1"] = _error(i1, i2, new, b1, b2, t1, t2)
    for _ in range(10_000 - 1):
        _, new = _round(i1, i2, new, b1, b2, t1, t2, eta)
    out["E_total_10000"] = _error(i1, i2, new, b1, b2, t1, t2)
    out["out_o1_10000"], out["out_o2_10000"] = _forward(i1, i2, new, b1, b2)[6:]
    return {CASE_ID: out}


if __name__ == "__main__":
    for case_id, rows in exact().items():
        print(case_id)
        for name, value in rows.items():
            print(f"  {name:16s} {mpmath.nstr(value, 20)}")
