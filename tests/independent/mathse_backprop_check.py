"""Independent exact values for cases/mathse_backprop_check.yaml (no gradaudit, checks or reference
import).

Source: Mathematics Stack Exchange 3048198, "Is my back propagation math correct?" (text in
cases/texts/mathse_backprop_check.txt). O = s(s(s(I w1 + 1) w2 + 1) w4 + s(s(I w1 + 1) w3 + 1) w5
+ 1), all weights 0.5, biases 1, I = 1. The asker's formula for dO/dw1 is evaluated as written;
the true derivative is mpmath's numerical derivative of O (what desmos computes), at 30 digits.
"""

from __future__ import annotations

import mpmath
from mpmath import mpf

mpmath.mp.dps = 30

CASE_ID = "mathse-backprop-check"


def s(x):
    return 1 / (1 + mpmath.exp(-x))


def d(x):
    return s(x) * (1 - s(x))


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    I, w = mpf(1), mpf("0.5")  # noqa: E741 (the question writes the input I)

    def O(w1):  # noqa: E743 (the question names the output O)
        return s(s(s(I * w1 + 1) * w + 1) * w + s(s(I * w1 + 1) * w + 1) * w + 1)

    a = I * w + 1
    b2 = s(a) * w + 1
    b3 = s(a) * w + 1
    c = s(b2) * w + s(b3) * w + 1
    asker = d(c) * ((d(b2) * d(a) * I) + (d(b3) * d(a) * I))  # the question's formula as written
    return {CASE_ID: {"dO_dw1_asker": asker, "dO_dw1_desmos": mpmath.diff(O, w)}}


if __name__ == "__main__":
    for case_id, rows in exact().items():
        print(case_id)
        for name, value in rows.items():
            print(f"  {name:14s} {mpmath.nstr(value, 20)}")
