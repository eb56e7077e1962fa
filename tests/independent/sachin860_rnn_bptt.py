"""Independent exact values for cases/sachin860_rnn_bptt.yaml (no gradaudit, checks, reference).

Source: Sachin860, deep_learing/Untitled.ipynb (text in cases/texts/sachin860_rnn_bptt.txt). A one-unit
RNN h_t = tanh(W_x x_t + W_h h_{t-1} + b_h), y_t = W_y h_t + b_y over x = (0.1, 0.2, 0.3), the loss the
mean of (y_t - y_true_t)^2 over the three steps; its gradients by the chain rule written out for the
unrolled net (dL/dy_t = 2 (y_t - y_true_t) / 3, then each parameter's sum over the steps it enters,
the hidden state's gradient carried back through W_h), then one step of 0.01. At 30 digits, from the
given values. Row names are the claim names of the case.
"""

from __future__ import annotations

import mpmath
from mpmath import mpf

mpmath.mp.dps = 30

CASE_ID = "sachin860-rnn-bptt"


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    x = [mpf("0.1"), mpf("0.2"), mpf("0.3")]
    target = [mpf("0.2"), mpf("0.4"), mpf("0.6")]
    w_x, w_h, b_h, w_y, b_y, h0, lr = mpf("0.5"), mpf("0.5"), mpf(0), mpf(1), mpf(0), mpf(0), mpf("0.01")
    h = [h0]  # h[0] = h0, h[t + 1] the state after step t
    for xt in x:
        h.append(mpmath.tanh(w_x * xt + w_h * h[-1] + b_h))
    out = [w_y * ht + b_y for ht in h[1:]]
    loss = sum((o - t) ** 2 for o, t in zip(out, target)) / 3
    d_out = [2 * (o - t) / 3 for o, t in zip(out, target)]
    # dL/dh_t: the output's own term plus what h_t passes on to h_{t+1} (through W_h and tanh')
    d_h = [mpf(0)] * 4
    d_pre = [mpf(0)] * 4  # dL/d(pre-activation of step t)
    for t in (3, 2, 1):
        after = d_pre[t + 1] * w_h if t < 3 else mpf(0)
        d_h[t] = d_out[t - 1] * w_y + after
        d_pre[t] = d_h[t] * (1 - h[t] ** 2)
    g_wy = sum(d_out[t - 1] * h[t] for t in (1, 2, 3))
    g_by = sum(d_out)
    g_wx = sum(d_pre[t] * x[t - 1] for t in (1, 2, 3))
    g_wh = sum(d_pre[t] * h[t - 1] for t in (1, 2, 3))
    g_bh = sum(d_pre[t] for t in (1, 2, 3))
    rows = {"y": out[2], "loss": loss}
    for i in range(3):
        rows[f"hidden_states[{i}]"], rows[f"outputs[{i}]"], rows[f"dL_dy[{i}]"] = h[i + 1], out[i], d_out[i]
    rows |= {"dL_dWy": g_wy, "dL_dby": g_by, "dL_dWx": g_wx, "dL_dWh": g_wh, "dL_dbh": g_bh}
    rows |= {
        "W_x_new": w_x - lr * g_wx, "W_h_new": w_h - lr * g_wh, "b_h_new": b_h - lr * g_bh,
        "W_y_new": w_y - lr * g_wy, "b_y_new": b_y - lr * g_by,
    }
    return {CASE_ID: rows}


if __name__ == "__main__":
    for case_id, values in exact().items():
        print(case_id)
        for name, value in values.items():
            print(f"  {name:18s} {mpmath.nstr(value, 20)}")
