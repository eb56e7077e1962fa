"""Independent exact values for cases/gmyhf_gfg_copy.yaml (no gradaudit, checks or reference import).

Source: Hongfei Yan's course notes "人工智能" (GMyhf/2025fall-cs201, AI_literacy.md, first version
2025-07-27; text in cases/texts/gmyhf_gfg_copy.txt), a copy of GeeksforGeeks' 2-2-1 worked example.
Every quantity the copy prints is computed by the copy's (= the original's) own formulas, in its
order, from the given values, at 30 significant digits:

    a_j = sum w_ij x_i,  y_j = F(a_j) = 1 / (1 + e^-a_j),  Error = y_target - y5,
    delta_5 = y5 (1 - y5)(y_target - y5),  delta_3 = y3 (1 - y3)(w13 delta_5),
    delta_4 = y4 (1 - y4)(w23 delta_5),  Delta w_ij = eta delta_j O_i,  w(new) = Delta w + w,

and the forward pass repeated on the new weights ("After updating the weights the forward pass is
repeated"). The givens (x1 = 0.35, x2 = 0.7, w11 = w21 = 0.2, w12 = w22 = 0.3, w13 = 0.3,
w23 = 0.9, target 0.5, eta = 1) are those of the original's case (RECOVERED.md 002); the copy's
own a1 = 0.21, a2 = 0.315 and y4 = 0.578 follow from them.

Row names are the claim names of the case (operand rows `step<-input` are not listed).
"""

from __future__ import annotations

import mpmath
from mpmath import mpf

mpmath.mp.dps = 30

CASE_ID = "gmyhf-gfg-copy-2025-07-27"


def F(a):
    return 1 / (1 + mpmath.exp(-a))


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    x1, x2 = mpf("0.35"), mpf("0.7")
    w11, w21, w12, w22 = mpf("0.2"), mpf("0.2"), mpf("0.3"), mpf("0.3")
    w13, w23 = mpf("0.3"), mpf("0.9")
    target, eta = mpf("0.5"), mpf(1)

    # Forward pass: h1, h2, O3
    a1 = w11 * x1 + w21 * x2
    y3 = F(a1)
    a2 = w12 * x1 + w22 * x2
    y4 = F(a2)
    a3 = w13 * y3 + w23 * y4
    y5 = F(a3)
    error = target - y5

    # Backward pass: error terms, then Delta w = eta delta O, new = Delta w + old
    delta_5 = y5 * (1 - y5) * (target - y5)
    delta_3 = y3 * (1 - y3) * (w13 * delta_5)
    delta_4 = y4 * (1 - y4) * (w23 * delta_5)
    dw23 = eta * delta_5 * y4
    w23_new = dw23 + w23
    dw11 = eta * delta_3 * x1
    w11_new = dw11 + w11
    # "Similarly other weights are updated"
    w12_new = eta * delta_4 * x1 + w12
    w13_new = eta * delta_5 * y3 + w13
    w21_new = eta * delta_3 * x2 + w21
    w22_new = eta * delta_4 * x2 + w22

    # Second forward pass on the new weights
    y3_pass2 = F(w11_new * x1 + w21_new * x2)
    y4_pass2 = F(w12_new * x1 + w22_new * x2)
    y5_pass2 = F(w13_new * y3_pass2 + w23_new * y4_pass2)
    error_pass2 = target - y5_pass2

    rows = {
        "a1": a1, "y3": y3, "a2": a2, "y4": y4, "a3": a3, "y5": y5, "error": error,
        "delta_5": delta_5, "delta_3": delta_3, "delta_4": delta_4,
        "dw23": dw23, "w23_new": w23_new, "dw11": dw11, "w11_new": w11_new,
        "w12_new": w12_new, "w13_new": w13_new, "w21_new": w21_new, "w22_new": w22_new,
        "y3_pass2": y3_pass2, "y4_pass2": y4_pass2, "y5_pass2": y5_pass2, "error_pass2": error_pass2,
    }
    return {CASE_ID: rows}


if __name__ == "__main__":
    for case, rows in exact().items():
        print(case)
        for name, value in rows.items():
            print(f"  {name:12s} {mpmath.nstr(value, 20)}")
