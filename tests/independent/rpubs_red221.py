"""Independent exact values for cases/rpubs_red221.yaml (no gradaudit, checks or reference import).

Source: an RPubs document, 1344557_e0bae6ddd933483f864e1abd273330a7.html (text in
cases/texts/rpubs_red221.txt). A 2-2-1 sigmoid network with zero biases; the document's own
formulas from the given values, at 30 digits. Row names are the claim names of the case.
"""

from __future__ import annotations

import mpmath
from mpmath import mpf

mpmath.mp.dps = 30

CASE_ID = "rpubs-red221"


def sig(z):
    return 1 / (1 + mpmath.exp(-z))


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    x1, x2, t1, alpha = mpf(0), mpf(1), mpf(1), mpf("0.25")
    w1, w2, w3, w4, w5, w6 = mpf("0.1"), mpf("0.5"), mpf("-0.7"), mpf("0.3"), mpf("0.2"), mpf("0.4")
    b1 = b2 = b3 = mpf(0)
    z1 = w1 * x1 + w3 * x2 + b1
    h1 = sig(z1)
    z2 = w2 * x1 + w4 * x2 + b2
    h2 = sig(z2)
    z3 = w5 * h1 + w6 * h2 + b3
    y = sig(z3)
    etotal = (t1 - y) ** 2 / 2
    dz3 = (y - t1) * y * (1 - y)
    dw5, dw6 = dz3 * h1, dz3 * h2
    dz1 = dz3 * w5 * h1 * (1 - h1)  # original w5, w6
    dz2 = dz3 * w6 * h2 * (1 - h2)
    dw1, dw3, dw2, dw4 = dz1 * x1, dz1 * x2, dz2 * x1, dz2 * x2
    return {
        CASE_ID: {
            "z1": z1, "h1": h1, "z2": z2, "h2": h2, "z3": z3, "y": y, "Etotal": etotal,
            "dE_dz3": dz3, "dE_dw5": dw5, "dE_dw6": dw6,
            "w5_new": w5 - alpha * dw5, "w6_new": w6 - alpha * dw6,
            "dE_dz1": dz1, "dE_dz2": dz2, "dE_dw1": dw1, "dE_dw3": dw3, "dE_dw2": dw2, "dE_dw4": dw4,
            "w1_new": w1 - alpha * dw1, "w2_new": w2 - alpha * dw2,
            "w3_new": w3 - alpha * dw3, "w4_new": w4 - alpha * dw4,
        }
    }


if __name__ == "__main__":
    for case_id, rows in exact().items():
        print(case_id)
        for name, value in rows.items():
            print(f"  {name:8s} {mpmath.nstr(value, 20)}")
