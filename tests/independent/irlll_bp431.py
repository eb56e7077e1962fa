"""Independent exact values for cases/irlll_bp431.yaml (only mpmath and the standard library).

Source: Irlll, "Math Behind Multilayer Perceptron Neural Networks Backpropagation ... (Step by Step
Indonesia)" (text in cases/texts/irlll_bp431.txt): a 4-3-1 network, sigmoid hidden and output
units with biases, E = (target - out)^2, one stochastic gradient-descent update (eta = 0.5) per
input sample, three samples in turn. Derivatives by hand: with d = -2 (target - out) out (1 - out),
dE/dwh_j = d oh_j, dE/dbiasout = d, dE/dw_jk = d wh_j oh_j (1 - oh_j) x_k, dE/dbiash_j = d wh_j
oh_j (1 - oh_j), all at the parameters before the sample's update. Row names are the claim names
of the case (suffix _s: sample s; `_new_s`: after sample s's update).
"""

from __future__ import annotations

from mpmath import exp, mp, mpf

mp.dps = 30

SAMPLES = {  # x1..x4 and the target of "Input 1", "Input 2", "Input 3"
    1: ([2, 2, 3, 3], 0),
    2: ([1, 2, 3, 3], 0),
    3: ([2, 1, 4, 1], 1),
}


def _sfx(s):
    """The sample's suffix, as in reference/mahfuzar_sgd.py: none for Input 1, `_s2`, `_s3` after."""
    return "" if s == 1 else f"_s{s}"


def _sig(z):
    return 1 / (1 + exp(-z))


def exact() -> dict[str, dict[str, mpf]]:
    w = {
        (1, 1): "0.05", (1, 2): "0.1", (1, 3): "0.15", (1, 4): "0.2",
        (2, 1): "0.3", (2, 2): "0.35", (2, 3): "0.4", (2, 4): "0.45",
        (3, 1): "0.55", (3, 2): "0.6", (3, 3): "0.65", (3, 4): "0.7",
    }  # fmt: skip
    w = {k: mpf(v) for k, v in w.items()}
    bh = {1: mpf("0.25"), 2: mpf("0.5"), 3: mpf("0.75")}
    wh = {1: mpf("0.8"), 2: mpf("0.85"), 3: mpf("0.9")}
    bo, eta = mpf("0.95"), mpf("0.5")
    rows = {}
    for s, (xs, t) in SAMPLES.items():
        x = {k + 1: mpf(v) for k, v in enumerate(xs)}
        t = mpf(t)
        net = {j: sum(w[j, k] * x[k] for k in x) + bh[j] for j in bh}
        oh = {j: _sig(net[j]) for j in bh}
        netout = sum(wh[j] * oh[j] for j in wh) + bo
        out = _sig(netout)
        for j in bh:
            rows[f"neth{j}{_sfx(s)}"], rows[f"oh{j}{_sfx(s)}"] = net[j], oh[j]
        rows[f"netout{_sfx(s)}"], rows[f"out{_sfx(s)}"] = netout, out
        rows[f"E{_sfx(s)}"] = (t - out) ** 2
        d = -2 * (t - out) * out * (1 - out)
        g_wh = {j: d * oh[j] for j in wh}
        g_w = {(j, k): d * wh[j] * oh[j] * (1 - oh[j]) * x[k] for (j, k) in w}
        g_bh = {j: d * wh[j] * oh[j] * (1 - oh[j]) for j in bh}
        for j in wh:
            rows[f"dE_dwh{j}{_sfx(s)}"] = g_wh[j]
            rows[f"wh{j}_new{_sfx(s)}"] = wh[j] - eta * g_wh[j]
        rows[f"dE_dbiasout{_sfx(s)}"] = d
        rows[f"biasout_new{_sfx(s)}"] = bo - eta * d
        for j, k in w:
            rows[f"dE_dw{j}{k}{_sfx(s)}"] = g_w[j, k]
            rows[f"w{j}{k}_new{_sfx(s)}"] = w[j, k] - eta * g_w[j, k]
        for j in bh:
            rows[f"dE_dbiash{j}{_sfx(s)}"] = g_bh[j]
            rows[f"biash{j}_new{_sfx(s)}"] = bh[j] - eta * g_bh[j]
        wh = {j: wh[j] - eta * g_wh[j] for j in wh}  # the next sample sees every update
        bo = bo - eta * d
        w = {jk: w[jk] - eta * g_w[jk] for jk in w}
        bh = {j: bh[j] - eta * g_bh[j] for j in bh}
    return {"irlll-bp431": rows}


if __name__ == "__main__":
    for case, rows in exact().items():
        print(case)
        for name, value in rows.items():
            print(f"  {name:18s} {mp.nstr(value, 20)}")
