"""Independent exact values for cases/ar007_ch1.yaml (no gradaudit, checks, reference).

Source: A-R007, Loss-Calculation, README.md at commit c1f5e48 (text in cases/texts/ar007_ch1.txt):
QN1 one logistic neuron (x = [1, 2], W = [0.4, -0.2], b = 0.1, y = 0.8, eta = 0.1), y' = sigmoid(W x + b),
L = 1/2 (y - y')^2, dL/dW_i = (y' - y) y'(1 - y') x_i, W_i - eta dL/dW_i; QN3 sigmoid(0.5 x 2 + 1) through
e^{-z} and 1 + e^{-z}; QN5 a 2-2-2 logistic network's forward pass with its terms. From the given
values at 30 digits; row names are the claim names of the cases.
"""

from __future__ import annotations

import mpmath
from mpmath import mpf

mpmath.mp.dps = 30


def _logistic(z):
    return 1 / (1 + mpmath.exp(-z))


def _qn1() -> dict[str, mpmath.mpf]:
    x1, x2, W1, W2, b, y, eta = mpf(1), mpf(2), mpf("0.4"), mpf("-0.2"), mpf("0.1"), mpf("0.8"), mpf("0.1")
    y_pred = _logistic(W1 * x1 + W2 * x2 + b)  # sigmoid(0.1) = 0.52498
    dy_dz = y_pred * (1 - y_pred)
    dL_dy = y_pred - y
    dL_dW1, dL_dW2 = dL_dy * dy_dz * x1, dL_dy * dy_dz * x2
    return {
        "y_pred": y_pred, "dy_dz": dy_dz, "error": y - y_pred, "dL_dy": dL_dy,
        "dL_dW1": dL_dW1, "dL_dW2": dL_dW2, "change_W1": -eta * dL_dW1, "change_W2": -eta * dL_dW2,
        "W1_new": W1 - eta * dL_dW1, "W2_new": W2 - eta * dL_dW2,
    }


def _qn3() -> dict[str, mpmath.mpf]:
    z_t = mpf("0.5") * 2 + 1                   # 2
    exp_neg_z = mpmath.exp(-z_t)               # 0.1353353
    denominator = 1 + exp_neg_z               # 1.1353353
    return {"z_t": z_t, "exp_neg_z": exp_neg_z, "denominator": denominator, "probability": 1 / denominator}


def _qn5() -> dict[str, mpmath.mpf]:
    x1, x2 = mpf("0.10"), mpf("0.35")
    w1, w2, w3, w4 = mpf("0.15"), mpf("0.25"), mpf("0.30"), mpf("0.35")
    w5, w6, w7, w8 = mpf("0.40"), mpf("0.45"), mpf("0.50"), mpf("0.55")
    b1 = b2 = mpf("0.60")
    out = {"x1w1": x1 * w1, "x2w2": x2 * w2, "x1w3": x1 * w3, "x2w4": x2 * w4}
    out["z_H1"] = out["x1w1"] + out["x2w2"] + b1  # 0.7025
    out["z_H2"] = out["x1w3"] + out["x2w4"] + b2  # 0.7525
    H1, H2 = _logistic(out["z_H1"]), _logistic(out["z_H2"])
    out.update(H1=H1, H2=H2, H1w5=H1 * w5, H2w6=H2 * w6, H1w7=H1 * w7, H2w8=H2 * w8)
    out["z_y1"] = out["H1w5"] + out["H2w6"]       # no output bias
    out["z_y2"] = out["H1w7"] + out["H2w8"]
    out["y1"], out["y2"] = _logistic(out["z_y1"]), _logistic(out["z_y2"])
    return out


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    return {"ar007-qn1-neuron": _qn1(), "ar007-qn3-thermostat": _qn3(), "ar007-qn5-forward222": _qn5()}


if __name__ == "__main__":
    for case_id, rows in exact().items():
        print(case_id)
        for name, value in rows.items():
            print(f"  {name:12s} {mpmath.nstr(value, 20)}")
