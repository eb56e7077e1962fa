"""Independent exact values for cases/statisticsschool_bp111.yaml (no gradaudit, checks or reference import).

Source: statisticsschool.com, regression-analysis-019 (text in
cases/texts/statisticsschool_bp111.txt). A 1-1-1 sigmoid network with biases; the page's formulas
(each sigmoid through e^{-z} and 1 + e^{-z}) from the given values, at 30 digits. Row names are
the claim names of the case.
"""

from __future__ import annotations

import mpmath
from mpmath import mpf

mpmath.mp.dps = 30

CASE_ID = "statisticsschool-bp111"


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    x, w1, b1, w2, b2, t = mpf(2), mpf("0.5"), mpf("0.3"), mpf("0.8"), mpf("0.1"), mpf(1)
    z1 = w1 * x + b1
    e1 = mpmath.exp(-z1)
    h1 = 1 / (1 + e1)
    z2 = w2 * h1 + b2
    e2 = mpmath.exp(-z2)
    y = 1 / (1 + e2)
    dE_dy = y - t
    dy_dz2 = y * (1 - y)
    return {
        CASE_ID: {
            "z1": z1, "exp_neg_z1": e1, "denom1": 1 + e1, "h1": h1,
            "z2": z2, "exp_neg_z2": e2, "denom2": 1 + e2, "y": y,
            "y_minus_t": y - t, "E": (y - t) ** 2 / 2, "dE_dy": dE_dy,
            "one_minus_y": 1 - y, "dy_dz2": dy_dz2, "delta2": dE_dy * dy_dz2, "dz2_dw2": h1,
        }
    }


if __name__ == "__main__":
    for case_id, rows in exact().items():
        print(case_id)
        for name, value in rows.items():
            print(f"  {name:12s} {mpmath.nstr(value, 20)}")
