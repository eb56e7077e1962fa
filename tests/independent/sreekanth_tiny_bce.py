"""Independent exact values for cases/sreekanth_tiny_bce.yaml (no gradaudit, checks or reference import).

Source: sreekanth9999, Interview_Prep/simple_nn_calculation.md (text in
cases/texts/sreekanth_tiny_bce.txt). z_1 = x w_1, a_1 = ReLU(z_1), z_2 = a_1 w_2, a_2 =
sigmoid(z_2); the article's chain as written, from the given values, at 30 digits. Row names are
the claim names of the case.
"""

from __future__ import annotations

import mpmath
from mpmath import mpf

mpmath.mp.dps = 30

CASE_ID = "sreekanth-tiny-bce"


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    x, w1, w2, y, eta = mpf("1.0"), mpf("0.5"), mpf("0.5"), mpf("0.0"), mpf("0.1")
    z1 = x * w1
    a1 = max(mpf(0), z1)                 # ReLU
    z2 = a1 * w2
    a2 = 1 / (1 + mpmath.exp(-z2))
    dL_da2 = a2 - y                      # as the article writes it
    one_minus_a2 = 1 - a2
    da2_dz2 = a2 * one_minus_a2
    dL_dz2 = dL_da2 * da2_dz2
    dL_dw2 = dL_dz2 * a1
    dL_da1 = dL_dz2 * w2
    da1_dz1 = mpf(1) if z1 > 0 else mpf(0)
    dL_dz1 = dL_da1 * da1_dz1
    dL_dw1 = dL_dz1 * x
    return {
        CASE_ID: {
            "z1": z1, "a1": a1, "z2": z2, "a2": a2, "dL_da2": dL_da2, "one_minus_a2": one_minus_a2,
            "da2_dz2": da2_dz2, "dL_dz2": dL_dz2, "dL_dw2": dL_dw2, "dL_da1": dL_da1,
            "da1_dz1": da1_dz1, "dL_dz1": dL_dz1, "dL_dw1": dL_dw1,
            "w2_new": w2 - eta * dL_dw2, "w1_new": w1 - eta * dL_dw1,
        }
    }


if __name__ == "__main__":
    for case_id, rows in exact().items():
        print(case_id)
        for name, value in rows.items():
            print(f"  {name:14s} {mpmath.nstr(value, 20)}")
