"""Independent exact values for cases/rashid_mynn_errata.yaml (no gradaudit, checks or reference import).

Source: Tariq Rashid, "Make Your Own Neural Network" blog, Errata #3 (text in
cases/texts/rashid_mynn_errata.txt). One weight update: s = w_11 o_1 + w_21 o_2, sigmoid(s), its
slope sigmoid(s) (1 - sigmoid(s)), the error slope -e_1 x slope x o_1, the change -lr x error slope,
the new w_11; at 30 digits. Row names are the claim names of the case.
"""

from __future__ import annotations

import mpmath
from mpmath import mpf

mpmath.mp.dps = 30

CASE_ID = "rashid-mynn-errata"


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    w11, w21, o1, o2, e1, lr = mpf("2.0"), mpf("3.0"), mpf("0.4"), mpf("0.5"), mpf("1.5"), mpf("0.1")
    s = w11 * o1 + w21 * o2
    sig = 1 / (1 + mpmath.exp(-s))
    middle = sig * (1 - sig)
    slope = -e1 * middle * o1
    change = -lr * slope
    return {
        CASE_ID: {
            "weighted_sum": s, "sigmoid_of_sum": sig, "middle": middle, "error_slope": slope,
            "change": change, "w11_new": w11 + change,
        }
    }


if __name__ == "__main__":
    for case_id, rows in exact().items():
        print(case_id)
        for name, value in rows.items():
            print(f"  {name:14s} {mpmath.nstr(value, 20)}")
