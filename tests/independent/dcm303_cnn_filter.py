"""Independent exact values for cases/dcm303_cnn_filter.yaml (no gradaudit, checks or reference import).

Source: dcm303, Docu, DN+CNN.md (text in cases/texts/dcm303_cnn_filter.txt). A 2x1 filter
[W_trái, W_phải] slid over the input [x_1, x_2, x_3], Y_pred the sum of the feature map, L =
(Y_pred - 10)^2, the notes' gradients (each weight at the second position only: Grad_1 = dL/dY_pred
x_2, Grad_2 = dL/dY_pred x_3), one step with eta = 0.01, from the given values at 30 digits. Row
names are the claim names of the case (a vector claim's elements as name[i]).
"""

from __future__ import annotations

import mpmath
from mpmath import mpf

mpmath.mp.dps = 30

CASE_ID = "dcm303-cnn-filter"


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    x1, x2, x3 = mpf(10), mpf(10), mpf(0)
    w_left, w_right, target, eta = mpf("0.5"), mpf("-0.5"), mpf(10), mpf("0.01")
    out = {"p11": x1 * w_left, "p12": x2 * w_right, "p21": x2 * w_left, "p22": x3 * w_right}
    out["s1"] = out["p11"] + out["p12"]
    out["s2"] = out["p21"] + out["p22"]
    out["feature_map[0]"], out["feature_map[1]"] = out["s1"], out["s2"]
    out["Y_pred"] = out["s1"] + out["s2"]
    out["err"] = out["Y_pred"] - target
    out["L"] = out["err"] ** 2
    out["dL_dY"] = 2 * (out["Y_pred"] - target)
    out["dY_dW_trai"], out["dY_dW_phai"] = x2, x3
    out["grad_1"] = out["dL_dY"] * x2
    out["grad_2"] = out["dL_dY"] * x3
    out["eta_grad_1"] = eta * out["grad_1"]
    out["W_trai_new"] = w_left - out["eta_grad_1"]
    out["W_phai_new"] = w_right - eta * out["grad_2"]
    out["filter_new[0]"], out["filter_new[1]"] = out["W_trai_new"], out["W_phai_new"]
    return {CASE_ID: out}


if __name__ == "__main__":
    for case_id, rows in exact().items():
        print(case_id)
        for name, value in rows.items():
            print(f"  {name:15s} {mpmath.nstr(value, 20)}")
